/*
 * store.c -- the event store: documents, sentences and events in SQLite.
 *
 * The coder's output and imported event data go into one database file;
 * each event is a mention, and mentions of the same happening (same
 * actors, code and day window) are merged into one event with a mention
 * count, which `entente dyad` aggregates per period. News documents are
 * clustered into stories (dedup.c) so that a near-duplicate's events
 * count as mentions too. Schema, duplicate rules and crash behaviour:
 * docs/schema.md.
 */
#include "internal.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCHEMA_VERSION 3
#define DEFAULT_BATCH 50000
#define NEAR_DUP 0.8 /* the default near-duplicate threshold */
/* Documents the near-duplicate index holds (about 1.1 KB each): a load
 * finds copies among the most recent ones (docs/schema.md). */
#define NEAR_DUP_DOCS 100000

/* The MinHash signatures of stored news documents (src/dedup.c): 128
 * 32-bit values and the number of shingles, little-endian, in a 516-byte
 * blob (512 bytes, without the size, in stores of session 11). */
#define MINHASH_TABLE                                                        \
    "CREATE TABLE IF NOT EXISTS minhash(doc INTEGER PRIMARY KEY,"           \
    " sig BLOB NOT NULL);"

/* The near-duplicate documents (few), so that counting them does not
 * read every document. */
#define NEAR_INDEX                                                           \
    "CREATE INDEX IF NOT EXISTS documents_near ON documents(cluster)"       \
    " WHERE near IS NOT NULL;"

/* Schema version 3: repeated strings interned to integer ids (actors,
 * event kinds, strings), a narrow row per mention (event_rows) and per
 * merged event (merged_rows), and views that show them as version 2's
 * tables did, with the new date fields (docs/schema.md).
 *
 * event_rows.flags: bits 0-1 context (ENT_CTX_*), bit 2 negated, bits
 * 3-5 the date precision + 1 (ENT_DATE_* + 1; 0: not known).
 * event_rows.spans: the six offsets source_start, source_end,
 * target_start, target_end, verb_start, verb_end, 10 bits each from bit
 * 50 down to bit 0, when all are in 0..1023; else NULL and the row of
 * long_spans holds them. */
#define TABLES_V3                                                            \
    "CREATE TABLE IF NOT EXISTS actors(id INTEGER PRIMARY KEY,"             \
    " code TEXT NOT NULL, country TEXT NOT NULL, name TEXT NOT NULL,"        \
    " UNIQUE(code, country, name));"                                         \
    "CREATE TABLE IF NOT EXISTS kinds(id INTEGER PRIMARY KEY,"              \
    " code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL,"        \
    " goldstein REAL NOT NULL, plover TEXT NOT NULL,"                        \
    " UNIQUE(code, root, quad, goldstein, plover));"                         \
    "CREATE TABLE IF NOT EXISTS strings(id INTEGER PRIMARY KEY,"            \
    " text TEXT NOT NULL UNIQUE);"                                           \
    "CREATE TABLE IF NOT EXISTS event_rows("                                 \
    " doc INTEGER NOT NULL, sent INTEGER NOT NULL, k INTEGER NOT NULL,"      \
    " day INTEGER NOT NULL, source INTEGER NOT NULL,"                        \
    " target INTEGER NOT NULL, kind INTEGER NOT NULL,"                       \
    " flags INTEGER NOT NULL, spans INTEGER, rule INTEGER NOT NULL,"         \
    " pattern INTEGER NOT NULL, date_end INTEGER, expr INTEGER,"             \
    " mkey INTEGER NOT NULL, mday INTEGER,"                                  \
    " PRIMARY KEY(doc, sent, k)) WITHOUT ROWID;"                             \
    "CREATE TABLE IF NOT EXISTS long_spans("                                 \
    " doc INTEGER NOT NULL, sent INTEGER NOT NULL, k INTEGER NOT NULL,"      \
    " source_start INTEGER, source_end INTEGER, target_start INTEGER,"       \
    " target_end INTEGER, verb_start INTEGER, verb_end INTEGER,"             \
    " PRIMARY KEY(doc, sent, k)) WITHOUT ROWID;"                             \
    "CREATE TABLE IF NOT EXISTS merged_rows("                                \
    " source_country TEXT NOT NULL, target_country TEXT NOT NULL,"           \
    " bucket INTEGER NOT NULL, mkey INTEGER NOT NULL,"                       \
    " source INTEGER NOT NULL, target INTEGER NOT NULL,"                     \
    " kind INTEGER NOT NULL, quad INTEGER NOT NULL,"                         \
    " goldstein REAL NOT NULL, day INTEGER NOT NULL,"                        \
    " mentions INTEGER NOT NULL,"                                            \
    " PRIMARY KEY(source_country, target_country, bucket, mkey))"            \
    " WITHOUT ROWID;"

/* One packed span offset (see TABLES_V3) as SQL, i from 0 (source_start)
 * to 5 (verb_end), for the events view. */
#define SPAN_COL(i, name)                                                    \
    " CASE WHEN e.spans IS NULL THEN l." name " ELSE (e.spans >> (50 - 10 *" \
    " " #i ")) & 1023 END AS " name ","

/* The views: events and merged as version 2's tables, with names for
 * ids; mentions: each merged event with its mentions (a mention merges
 * on its merge day mday, else on its own day). */
#define VIEWS_V3                                                             \
    "CREATE VIEW IF NOT EXISTS events AS SELECT e.doc, e.sent, e.k, e.day,"  \
    " date(e.day + 1721119.5) AS date, sa.code AS source,"                   \
    " sa.country AS source_country, sa.name AS source_name,"                 \
    " ta.code AS target, ta.country AS target_country,"                      \
    " ta.name AS target_name, kd.code, kd.root, kd.quad, kd.goldstein,"      \
    " kd.plover, e.flags & 3 AS context, (e.flags >> 2) & 1 AS negated,"     \
    SPAN_COL(0, "source_start") SPAN_COL(1, "source_end")                    \
    SPAN_COL(2, "target_start") SPAN_COL(3, "target_end")                    \
    SPAN_COL(4, "verb_start") SPAN_COL(5, "verb_end")                        \
    " r.text AS rule, p.text AS pattern, e.mkey, e.mday,"                    \
    " CASE WHEN e.date_end IS NULL THEN '' ELSE date(e.date_end +"           \
    " 1721119.5) END AS date_end, CASE e.flags >> 3 WHEN 1 THEN 'pub'"       \
    " WHEN 2 THEN 'day' WHEN 3 THEN 'month' WHEN 4 THEN 'year' WHEN 5 THEN"  \
    " 'range' ELSE '' END AS date_precision, coalesce(x.text, '') AS"        \
    " date_expr, d.date AS pubdate"                                          \
    " FROM event_rows e JOIN actors sa ON sa.id = e.source"                  \
    " JOIN actors ta ON ta.id = e.target JOIN kinds kd ON kd.id = e.kind"    \
    " JOIN strings r ON r.id = e.rule JOIN strings p ON p.id = e.pattern"    \
    " LEFT JOIN strings x ON x.id = e.expr"                                  \
    " LEFT JOIN long_spans l ON e.spans IS NULL AND l.doc = e.doc AND"       \
    " l.sent = e.sent AND l.k = e.k JOIN documents d ON d.id = e.doc;"       \
    "CREATE VIEW IF NOT EXISTS merged AS SELECT m.source_country,"           \
    " m.target_country, m.bucket, m.mkey, sa.code AS source,"                \
    " ta.code AS target, sa.name AS source_name, ta.name AS target_name,"    \
    " kd.code, kd.root, m.quad, m.goldstein, m.day, m.mentions"              \
    " FROM merged_rows m JOIN actors sa ON sa.id = m.source"                 \
    " JOIN actors ta ON ta.id = m.target JOIN kinds kd ON kd.id = m.kind;"   \
    "CREATE VIEW IF NOT EXISTS mentions AS"                                  \
    " SELECT sa.code AS source, ta.code AS target, kd.code,"                 \
    " date(m.day + 1721119.5) AS first_date, m.mentions,"                    \
    " date(e.day + 1721119.5) AS date, e.doc, e.sent, e.k, d.docid, d.url"   \
    " FROM merged_rows m JOIN event_rows e ON e.mkey = m.mkey"               \
    " AND e.source = m.source AND e.target = m.target"                       \
    " AND coalesce(e.mday, e.day) / (SELECT value FROM meta WHERE key ="    \
    " 'window_days') = m.bucket AND e.flags & 7 = 0"                         \
    " JOIN documents d ON d.id = e.doc JOIN actors sa ON sa.id = m.source"   \
    " JOIN actors ta ON ta.id = m.target JOIN kinds kd ON kd.id = m.kind;"

/* The schema (docs/schema.md describes every column). The query indexes
 * are separate (INDEXES) so that a bulk load can drop and rebuild them. */
static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"
    " WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS documents("
    " id INTEGER PRIMARY KEY, hash INTEGER NOT NULL UNIQUE,"
    " docid TEXT NOT NULL, date TEXT NOT NULL, source TEXT NOT NULL,"
    " url TEXT NOT NULL, title TEXT NOT NULL, cluster INTEGER,"
    " near INTEGER, similarity REAL, meta TEXT);"
    "CREATE TABLE IF NOT EXISTS sentences("
    " doc INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;" TABLES_V3 MINHASH_TABLE
        NEAR_INDEX VIEWS_V3;

/* Schema version 1 -> 2 (near-duplicate stories): new columns and the
 * signature table; old documents keep a NULL cluster (not clustered)
 * and have no signature. */
static const char MIGRATE_1_2[] =
    "ALTER TABLE documents ADD COLUMN cluster INTEGER;"
    "ALTER TABLE documents ADD COLUMN near INTEGER;"
    "ALTER TABLE documents ADD COLUMN similarity REAL;"
    "ALTER TABLE events ADD COLUMN mday INTEGER;" MINHASH_TABLE;

/* Whether the six span columns of a version 2 row (alias v) pack into
 * event_rows.spans. */
#define V2_SPANS_FIT(v)                                                      \
    "(" v ".source_start BETWEEN 0 AND 1023 AND " v ".source_end BETWEEN 0"  \
    " AND 1023 AND " v ".target_start BETWEEN 0 AND 1023 AND " v            \
    ".target_end BETWEEN 0 AND 1023 AND " v ".verb_start BETWEEN 0 AND"      \
    " 1023 AND " v ".verb_end BETWEEN 0 AND 1023)"

/* Schema version 2 -> 3: the strings of the version 2 events interned,
 * each event copied into a narrow row, the old tables dropped and the
 * views that show the new tables as the old ones created. The merged
 * events are then rebuilt from the events (remerge()): they are derived
 * data. Dates stay as day numbers (the text date was the same day);
 * precision, end and expression of the date were not stored before and
 * stay unknown. */
static const char MIGRATE_2_3[] =
    "DROP VIEW IF EXISTS mentions;"
    "ALTER TABLE documents ADD COLUMN meta TEXT;" NEAR_INDEX TABLES_V3
    "INSERT INTO actors(code, country, name)"
    " SELECT source, source_country, source_name FROM events UNION"
    " SELECT target, target_country, target_name FROM events UNION"
    " SELECT source, source_country, source_name FROM merged UNION"
    " SELECT target, target_country, target_name FROM merged;"
    "INSERT INTO kinds(code, root, quad, goldstein, plover)"
    " SELECT DISTINCT code, root, quad, goldstein, plover FROM events;"
    "INSERT INTO strings(text) SELECT rule FROM events UNION"
    " SELECT pattern FROM events;"
    "INSERT INTO event_rows SELECT e.doc, e.sent, e.k, e.day, sa.id, ta.id,"
    " kd.id, (e.context & 3) | (CASE WHEN e.negated THEN 4 ELSE 0 END),"
    /* SQL's <<, & and | have one precedence: the parentheses are needed */
    " CASE WHEN " V2_SPANS_FIT("e") " THEN (e.source_start << 50) |"
    " (e.source_end << 40) | (e.target_start << 30) | (e.target_end << 20)"
    " | (e.verb_start << 10) | e.verb_end END, r.id, p.id, NULL, NULL,"
    " e.mkey,"
    " e.mday FROM events e"
    " JOIN actors sa ON sa.code = e.source AND sa.country ="
    " e.source_country AND sa.name = e.source_name"
    " JOIN actors ta ON ta.code = e.target AND ta.country ="
    " e.target_country AND ta.name = e.target_name"
    " JOIN kinds kd ON kd.code = e.code AND kd.root = e.root AND kd.quad ="
    " e.quad AND kd.goldstein = e.goldstein AND kd.plover = e.plover"
    " JOIN strings r ON r.text = e.rule JOIN strings p ON p.text ="
    " e.pattern;"
    "INSERT INTO long_spans SELECT doc, sent, k, source_start, source_end,"
    " target_start, target_end, verb_start, verb_end FROM events e WHERE"
    " NOT coalesce(" V2_SPANS_FIT("e") ", 0);"
    "DROP INDEX IF EXISTS events_merged; DROP TABLE events;"
    "DROP TABLE merged;" VIEWS_V3;

/* Read-only opens of a version 1 or 2 store: temporary tables of its
 * actors and kinds and temporary views that show its tables as version
 * 3's, so that the readers need one set of queries (nothing is written
 * to the file). %s is "mday" (version 2) or "NULL" (version 1). */
static const char LEGACY_VIEWS[] =
    "CREATE TEMP TABLE actors(id INTEGER PRIMARY KEY, code TEXT, country"
    " TEXT, name TEXT, UNIQUE(code, country, name));"
    "INSERT INTO temp.actors(code, country, name)"
    " SELECT source, source_country, source_name FROM main.merged UNION"
    " SELECT target, target_country, target_name FROM main.merged;"
    "CREATE TEMP TABLE kinds(id INTEGER PRIMARY KEY, code TEXT, root TEXT,"
    " quad INTEGER, goldstein REAL, plover TEXT,"
    " UNIQUE(code, root, quad, goldstein));"
    "INSERT INTO temp.kinds(code, root, quad, goldstein, plover)"
    " SELECT DISTINCT code, root, quad, goldstein, '' FROM main.merged;"
    "CREATE TEMP VIEW merged_rows AS SELECT m.source_country,"
    " m.target_country, m.bucket, m.mkey, (SELECT id FROM temp.actors a"
    " WHERE a.code = m.source AND a.country = m.source_country AND a.name"
    " = m.source_name) AS source, (SELECT id FROM temp.actors a WHERE"
    " a.code = m.target AND a.country = m.target_country AND a.name ="
    " m.target_name) AS target, (SELECT id FROM temp.kinds k WHERE k.code"
    " = m.code AND k.root = m.root AND k.quad = m.quad AND k.goldstein ="
    " m.goldstein) AS kind, m.quad, m.goldstein, m.day, m.mentions"
    " FROM main.merged m;"
    "CREATE TEMP VIEW event_rows AS SELECT e.doc, e.sent, e.k, e.day,"
    " (SELECT id FROM temp.actors a WHERE a.code = e.source AND a.country"
    " = e.source_country AND a.name = e.source_name) AS source,"
    " (SELECT id FROM temp.actors a WHERE a.code = e.target AND a.country"
    " = e.target_country AND a.name = e.target_name) AS target,"
    " (e.context & 3) | (CASE WHEN e.negated THEN 4 ELSE 0 END) AS flags,"
    " e.mkey, %s AS mday FROM main.events e;";

/* The merged table's key (dyad, then time) serves `dyad` queries, also
 * those that name the target's country only (ent__store_actor_cond());
 * this index serves provenance (the mentions view). A bulk load builds
 * it at the end. */
static const char INDEXES[] =
    "CREATE INDEX IF NOT EXISTS events_merged ON event_rows(mkey, day);";

static const char DROP_INDEXES[] = "DROP INDEX IF EXISTS events_merged;";

/* Prepared statements of the write path, in the order of SQL[]. */
enum {
    S_INS_DOC,
    S_SEL_DOC,
    S_INS_SENT,
    S_INS_EV,
    S_UPS_MERGED,
    S_ADD_MERGED,
    S_NEW_MERGED,
    S_SET_CLUSTER,
    S_INS_SIG,
    S_FIND_EV,
    S_INS_ACTOR,
    S_INS_KIND,
    S_INS_STRING,
    S_INS_SPANS,
    S_NSTMT
};

/* The start and the conflict clause of an insert into merged_rows (the
 * statements below, and agg_flush()'s of several rows). */
#define MERGED_INSERT                                                        \
    "INSERT INTO merged_rows(source_country, target_country, bucket, mkey," \
    " source, target, kind, quad, goldstein, day, mentions) VALUES"
#define MERGED_UPSERT                                                        \
    " ON CONFLICT(source_country, target_country, bucket, mkey) DO UPDATE"  \
    " SET mentions = mentions + excluded.mentions,"                          \
    " day = min(day, excluded.day)"
#define MERGED_COLS 11
/* The columns of an insert into event_rows (S_INS_EV, evq_flush()). */
#define EV_INSERT                                                            \
    " INTO event_rows(doc, sent, k, day, source, target, kind, flags,"      \
    " spans, rule, pattern, date_end, expr, mkey, mday) VALUES"
#define MERGED_ROW "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
/* Rows of one statement when agg_flush() writes merged events. */
#define FLUSH_ROWS 32

static const char *const SQL[S_NSTMT] = {
    "INSERT INTO documents(hash, docid, date, source, url, title, meta)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(hash) DO NOTHING",
    "SELECT id FROM documents WHERE hash = ?1",
    "INSERT OR IGNORE INTO sentences(doc, idx, text) VALUES(?1, ?2, ?3)",
    "INSERT OR IGNORE" EV_INSERT
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    MERGED_INSERT MERGED_ROW MERGED_UPSERT " RETURNING mentions",
    /* the same without RETURNING, for the end of a bulk load */
    MERGED_INSERT MERGED_ROW MERGED_UPSERT,
    /* and into a merged table that was empty: no conflict to look for */
    MERGED_INSERT MERGED_ROW,
    "UPDATE documents SET cluster = ?2, near = ?3, similarity = ?4"
    " WHERE id = ?1",
    "INSERT OR REPLACE INTO minhash(doc, sig) VALUES(?1, ?2)",
    /* the merge day of a document's factual event with this merge key
     * and actors (the primary key's prefix: one document's rows) */
    "SELECT coalesce(mday, day) FROM event_rows WHERE doc = ?1 AND mkey ="
    " ?2 AND source = ?3 AND target = ?4 AND flags & 7 = 0 ORDER BY 1"
    " LIMIT 1",
    "INSERT INTO actors(code, country, name) VALUES(?1, ?2, ?3)",
    "INSERT INTO kinds(code, root, quad, goldstein, plover)"
    " VALUES(?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO strings(text) VALUES(?1)",
    "INSERT OR IGNORE INTO long_spans VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7,"
    " ?8, ?9)",
};

/* Interned values (intern()): actors, event kinds, strings. */
enum { T_ACTOR, T_KIND, T_STRING, T_N };

/* A value interned lately (intern()'s fast path): its texts (each
 * shorter than ICACHE_LEN), quad and gs for kinds, and its row id (0:
 * empty slot). */
#define ICACHE_LEN 24
#define ICACHE_SLOTS 256
typedef struct icache {
    char s[3][ICACHE_LEN];
    int quad;
    double gs;
    uint32_t row;
} icache;

/* One table of interned values: the key of each (see intern()) -> the
 * strtab id, and the row id in the store of each strtab id; and a
 * direct-mapped cache of recent values, which costs a fifth of building
 * and hashing the key. */
typedef struct itab {
    ent__strtab keys;
    uint32_t *row; /* strtab id -> row id */
    size_t cap;
    int loaded;    /* the store's rows are in keys */
    icache cache[ICACHE_SLOTS];
} itab;

/* A merged event gathered in memory during a bulk load. */
typedef struct agg {
    char sc[4], tc[4];   /* country codes (the key, with bucket, mkey) */
    uint64_t pair;       /* sc and tc packed (pack_pair): sorts as they do */
    int32_t bucket, day; /* day: the first day of its mentions */
    int64_t mkey;
    uint32_t mentions;
    uint32_t source, target, kind; /* ids of actors and kinds */
    int quad;
    double goldstein;
} agg;

/* An event row as the parameters of S_INS_EV (all integers): v[i] is
 * parameter i + 1, NULL when bit i of null is set. */
#define EV_COLS 15
typedef struct evrow {
    int64_t v[EV_COLS];
    unsigned null;
} evrow;

/* Event rows of one multi-row insert (evq_flush()). */
#define EV_BATCH 64

/* Distinct merged events a bulk load holds in memory before writing
 * them out (about 70 bytes each). */
#define AGG_MAX 2000000

struct ent_store {
    ent_allocator alloc;
    sqlite3 *db;
    sqlite3_stmt *stmt[S_NSTMT];
    size_t batch, pending;
    int window;       /* duplicate window in days */
    int in_txn;       /* a transaction is open */
    int in_doc;       /* ent_store_result() is storing a document: no commit */
    int bulk;         /* bulk mode: merging in memory, no provenance index */
    int merged_empty; /* bulk mode: the merged table has no rows yet */
    int unfinished;   /* opened read-only after a bulk load that did not
                         finish: merged events incomplete */
    int version;      /* the schema version of the file */
    double near_dup;  /* near-duplicate threshold; <= 0: off */
    ent_dedup *dedup; /* the near-duplicate index, loaded at the first
                         news document (dedup_load) */
    /* bulk mode: the merged events of this load, merged in memory and
     * written in key order (agg_flush) */
    ent__imap agg_idx; /* hash of the key -> index + 1 in agg */
    struct agg *agg;
    size_t nagg, capagg;
    itab it[T_N]; /* interned actors, kinds, strings (intern()) */
    /* event rows of new documents waiting to be written EV_BATCH at a
     * time (add_event(), evq_flush()); fresh_doc is the document
     * ent_store_add_doc() created last (0: none) and fresh_k the last k
     * queued for it */
    struct evrow *evq;
    size_t nevq, capevq;
    sqlite3_stmt *evmulti;
    int64_t fresh_doc, fresh_k;
    ent__buf key;  /* scratch: the key of a value to intern */
    ent__buf expr; /* scratch: an event's date expression */
    char err[1024];
};

/* Record "what: SQLite's message" as the store's error; returns ENT_EIO. */
static int fail(ent_store *st, const char *what)
{
    snprintf(st->err, sizeof st->err, "%s: %s", what,
             st->db ? sqlite3_errmsg(st->db) : "no database");
    return ENT_EIO;
}

/* Record a formatted error message; returns rc. */
static int failf(ent_store *st, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failf(ent_store *st, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return rc;
}

/* Run SQL with no result rows; on error record "what: message". */
static int exec(ent_store *st, const char *sql, const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(st, what);
    return ENT_OK;
}

/* Open a transaction unless one is open. */
static int begin(ent_store *st)
{
    if (st->in_txn)
        return ENT_OK;
    if (exec(st, "BEGIN", "begin transaction"))
        return ENT_EIO;
    st->in_txn = 1;
    return ENT_OK;
}

/* Forget the interned values (intern() reads them from the store again
 * when next needed). */
static void itabs_reset(ent_store *st)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    int t;
    for (t = 0; t < T_N; t++) {
        ent__strtab_free(a, &st->it[t].keys);
        ent__free(a, st->it[t].row);
        memset(&st->it[t], 0, sizeof st->it[t]);
    }
}

static int evq_flush(ent_store *st);

int ent_store_commit(ent_store *st)
{
    int rc;
    if (!st)
        return ENT_EINVAL;
    if (!st->in_txn)
        return ENT_OK;
    st->in_txn = 0;
    st->pending = 0;
    if ((rc = evq_flush(st)) == ENT_OK &&
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = fail(st, "commit");
    if (rc) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        itabs_reset(st); /* rows interned since the last commit are gone */
        st->fresh_doc = 0;
        return ENT_EIO;
    }
    return ENT_OK;
}

/* Commit when the batch is full and no document is half stored. */
static int maybe_commit(ent_store *st)
{
    if (st->pending >= st->batch && !st->in_doc)
        return ent_store_commit(st);
    return ENT_OK;
}

/* Read meta value key as an integer into *v; 0 when absent. Returns
 * ENT_OK or ENT_EIO. */
static int meta_int(ent_store *st, const char *key, long *v)
{
    sqlite3_stmt *s = NULL;
    int rc;
    *v = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?1", -1,
                           &s, NULL) != SQLITE_OK)
        return fail(st, "read meta");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *v = (long)sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(st, "read meta");
    return ENT_OK;
}

/* Set meta key to integer v. */
static int meta_set(ent_store *st, const char *key, long v)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT OR REPLACE INTO meta(key, value)"
                           " VALUES(?1, ?2)",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(st, "write meta");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, v);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ENT_OK : fail(st, "write meta");
}

/* One integer from a query with no parameters (count(*) and the like). */
static int query_int(ent_store *st, const char *sql, int64_t *v)
{
    sqlite3_stmt *s = NULL;
    int rc;
    *v = 0;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return fail(st, "query");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(st, "query");
    return ENT_OK;
}

/* Rebuild the merged events from the factual events with window w and
 * record the window and that no bulk load is pending, in the open
 * transaction (the caller commits). */
static int remerge(ent_store *st, int w)
{
    char sql[1024];
    int rc;
    snprintf(sql, sizeof sql,
             "DELETE FROM merged_rows;"
             "INSERT INTO merged_rows SELECT sa.country, ta.country,"
             " coalesce(e.mday, e.day) / %d, e.mkey, e.source, e.target,"
             " e.kind, kd.quad, kd.goldstein, min(coalesce(e.mday, e.day)),"
             " count(*) FROM event_rows e JOIN actors sa ON sa.id ="
             " e.source JOIN actors ta ON ta.id = e.target JOIN kinds kd ON"
             " kd.id = e.kind WHERE e.flags & 7 = 0 GROUP BY 1, 2, 3, 4;",
             w);
    if ((rc = exec(st, sql, "re-merge events")) != ENT_OK ||
        (rc = meta_set(st, "window_days", w)) != ENT_OK ||
        (rc = meta_set(st, "bulk_pending", 0)) != ENT_OK)
        return rc;
    st->window = w;
    return ENT_OK;
}

/* Migrate a store of version 1 or 2 to this version in one transaction:
 * every event kept (docs/schema.md, Schema versions). */
static int migrate(ent_store *st)
{
    int rc;
    if ((rc = begin(st)) != ENT_OK)
        return rc;
    if ((st->version < 2 && (rc = exec(st, MIGRATE_1_2, "migrate"))) ||
        (rc = exec(st, MIGRATE_2_3, "migrate")) ||
        (rc = remerge(st, st->window)) ||
        (rc = meta_set(st, "schema_version", SCHEMA_VERSION)) ||
        (rc = ent_store_commit(st)))
        return rc;
    st->version = SCHEMA_VERSION;
    return ENT_OK;
}

/* A read-only open of a store of version 1 or 2: temporary views in the
 * shape of this version's tables (LEGACY_VIEWS). */
static int legacy_views(ent_store *st)
{
    char sql[sizeof LEGACY_VIEWS + 8];
    snprintf(sql, sizeof sql, LEGACY_VIEWS, st->version >= 2 ? "mday" : "NULL");
    return exec(st, sql, "read an older store");
}

/* Create the schema in a new store, or check an existing one's version;
 * then settle the duplicate window. */
static int setup(ent_store *st, const ent_store_config *cfg, int readonly)
{
    int64_t nmeta = 0, ntables = 0;
    long version = 0, window = 0, pending = 0;
    int rc;
    rc = query_int(st,
                   "SELECT count(*) FROM sqlite_master WHERE type ="
                   " 'table' AND name = 'meta'",
                   &nmeta);
    if (rc)
        return rc;
    if (!nmeta) {
        if ((rc = query_int(st, "SELECT count(*) FROM sqlite_master",
                            &ntables)) != ENT_OK)
            return rc;
        if (ntables)
            return failf(st, ENT_EIO,
                         "not an entente store (a database "
                         "with other tables)");
        if (readonly)
            return failf(st, ENT_EIO, "not an entente store (empty)");
        window = cfg && cfg->window_days > 0 ? cfg->window_days : 1;
        if ((rc = begin(st)) || (rc = exec(st, SCHEMA, "create schema")) ||
            (rc = exec(st, INDEXES, "create indexes")) ||
            (rc = meta_set(st, "schema_version", SCHEMA_VERSION)) ||
            (rc = meta_set(st, "window_days", window)) ||
            (rc = ent_store_commit(st)))
            return rc;
        st->window = (int)window;
        st->version = SCHEMA_VERSION;
        return ENT_OK;
    }
    if ((rc = meta_int(st, "schema_version", &version)) ||
        (rc = meta_int(st, "window_days", &window)) ||
        (rc = meta_int(st, "bulk_pending", &pending)))
        return rc;
    if (version > SCHEMA_VERSION)
        return failf(st, ENT_EFORMAT,
                     "store schema version %ld is newer than this entente's "
                     "(%d)",
                     version, SCHEMA_VERSION);
    if (version < 1)
        return failf(st, ENT_EFORMAT, "bad schema_version %ld in meta",
                     version);
    if (window < 1)
        return failf(st, ENT_EFORMAT, "bad window_days %ld in meta", window);
    st->window = (int)window;
    st->version = (int)version;
    if (cfg && cfg->window_days > 0 && cfg->window_days != st->window &&
        readonly)
        return failf(st, ENT_EINVAL,
                     "cannot change the window of a store "
                     "opened read-only");
    if (readonly) {
        st->unfinished = pending != 0;
        return version < SCHEMA_VERSION ? legacy_views(st) : ENT_OK;
    }
    /* an older store is migrated in place (merging its events again) */
    if (version < SCHEMA_VERSION) {
        if ((rc = migrate(st)) != ENT_OK)
            return rc;
        pending = 0;
    }
    /* a new window, or a bulk load that was killed (its merged events
     * were in memory): merge all events again */
    if (pending ||
        (cfg && cfg->window_days > 0 && cfg->window_days != st->window)) {
        if ((rc = begin(st)) ||
            (rc = remerge(st, cfg && cfg->window_days > 0 ? cfg->window_days
                                                          : st->window)) ||
            (rc = ent_store_commit(st)))
            return rc;
    }
    /* a bulk load that was killed left the index dropped */
    return exec(st, INDEXES, "create indexes");
}

int ent_store_open(const char *path, const ent_store_config *cfg,
                   ent_store **out, char *err, size_t errlen)
{
    const ent_allocator *a = cfg ? cfg->alloc : NULL;
    unsigned flags = cfg ? cfg->flags : 0;
    int readonly = (flags & ENT_STORE_READONLY) != 0;
    int oflags, rc = ENT_OK, i;
    ent_store *st;
    if (err && errlen)
        err[0] = 0;
    if (out)
        *out = NULL;
    if (!path || !out)
        return ENT_EINVAL;
    st = ent__calloc(a, sizeof *st);
    if (!st) {
        if (err && errlen)
            snprintf(err, errlen, "%s: out of memory", path);
        return ENT_ENOMEM;
    }
    if (a)
        st->alloc = *a;
    st->batch = cfg && cfg->batch ? cfg->batch : DEFAULT_BATCH;
    st->near_dup = cfg && cfg->near_dup != 0 ? cfg->near_dup : NEAR_DUP;
    if (st->near_dup > 1) {
        rc = failf(st, ENT_EINVAL, "bad near-duplicate threshold %g",
                   st->near_dup);
        goto done;
    }
    oflags = readonly
                 ? SQLITE_OPEN_READONLY
                 : SQLITE_OPEN_READWRITE |
                       ((flags & ENT_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        rc = fail(st, "cannot open");
        goto done;
    }
    sqlite3_busy_timeout(st->db, 10000);
    /* WAL: readers never block the loader and a kill -9 loses at most the
     * open transaction; NORMAL sync is safe with WAL. */
    if (!readonly &&
        ((rc = exec(st, "PRAGMA journal_mode = WAL", "set WAL mode")) ||
         (rc = exec(st, "PRAGMA synchronous = NORMAL", "set sync mode"))))
        goto done;
    if ((rc = exec(st,
                   "PRAGMA cache_size = -65536; PRAGMA temp_store ="
                   " MEMORY",
                   "set cache")) != ENT_OK)
        goto done;
    if ((rc = setup(st, cfg, readonly)) != ENT_OK)
        goto done;
    for (i = 0; !readonly && i < S_NSTMT; i++)
        if (sqlite3_prepare_v3(st->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &st->stmt[i], NULL) != SQLITE_OK) {
            rc = fail(st, "prepare");
            goto done;
        }
done:
    if (rc) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, st->err);
        if (st->in_txn)
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        st->in_txn = 0;
        ent_store_close(st);
        return rc;
    }
    *out = st;
    return ENT_OK;
}

int ent_store_close(ent_store *st)
{
    int rc = ENT_OK, i;
    ent_allocator a;
    if (!st)
        return ENT_OK;
    if (st->db && st->in_txn)
        rc = ent_store_commit(st);
    if (st->db && st->bulk && ent_store_bulk(st, 0) != ENT_OK)
        rc = ENT_EIO;
    for (i = 0; i < S_NSTMT; i++)
        sqlite3_finalize(st->stmt[i]);
    sqlite3_finalize(st->evmulti);
    sqlite3_close(st->db);
    a = st->alloc;
    ent__imap_free(a.fn ? &a : NULL, &st->agg_idx);
    ent__free(a.fn ? &a : NULL, st->agg);
    itabs_reset(st);
    ent__buf_free(a.fn ? &a : NULL, &st->key);
    ent__buf_free(a.fn ? &a : NULL, &st->expr);
    ent__free(a.fn ? &a : NULL, st->evq);
    ent_dedup_free(st->dedup);
    ent__free(a.fn ? &a : NULL, st);
    return rc;
}

const char *ent_store_errmsg(const ent_store *st)
{
    return st ? st->err : "no store";
}

int ent_store_window(const ent_store *st)
{
    return st ? st->window : 0;
}

static int agg_flush(ent_store *st);

int ent_store_bulk(ent_store *st, int on)
{
    int rc;
    if (!st || !st->stmt[0])
        return ENT_EINVAL;
    if ((on != 0) == st->bulk)
        return ENT_OK;
    if ((rc = ent_store_commit(st)) != ENT_OK)
        return rc;
    if (on) {
        /* the flag is committed first: a load killed from here on is
         * merged again by the next writable open */
        int64_t any = 1;
        if ((rc = meta_set(st, "bulk_pending", 1)) != ENT_OK ||
            (rc = exec(st, DROP_INDEXES, "drop indexes")) != ENT_OK ||
            /* no fsync at checkpoints: a killed process loses nothing
             * committed (the OS has the pages), only a power cut can */
            (rc = exec(st, "PRAGMA synchronous = OFF", "set sync mode")) ||
            (rc = query_int(st,
                            "SELECT count(*) FROM (SELECT 1 FROM"
                            " merged_rows LIMIT 1)",
                            &any)) != ENT_OK)
            return rc;
        st->bulk = 1;
        st->merged_empty = any == 0;
        return ENT_OK;
    }
    /* write the merged events and clear the flag in one transaction */
    if ((rc = begin(st)) != ENT_OK || (rc = agg_flush(st)) != ENT_OK ||
        (rc = meta_set(st, "bulk_pending", 0)) != ENT_OK ||
        (rc = ent_store_commit(st)) != ENT_OK)
        return rc;
    st->bulk = 0;
    if ((rc = exec(st, INDEXES, "create indexes")) != ENT_OK)
        return rc;
    return exec(st, "PRAGMA synchronous = NORMAL", "set sync mode");
}

int ent_store_pending(const ent_store *st)
{
    return st ? st->unfinished : 0;
}

/* Bind s as text to parameter i (NULL as ""). The string is borrowed
 * until the statement is reset. */
static void bind_str(sqlite3_stmt *q, int i, const char *s)
{
    sqlite3_bind_text(q, i, s ? s : "", -1, SQLITE_STATIC);
}

/* Step a write statement once and reset it; returns the step code. */
static int step_reset(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc;
}

int ent_store_add_doc(ent_store *st, const ent_store_doc *d, int64_t *doc,
                      int *existed)
{
    sqlite3_stmt *q;
    int32_t day;
    int rc;
    if (existed)
        *existed = 0;
    if (!st || !d || !doc || !st->stmt[0])
        return ENT_EINVAL;
    *doc = 0;
    if (!d->date || ent__date_days(d->date, &day))
        return failf(st, ENT_EINVAL, "document %s: bad date '%s'",
                     d->id ? d->id : "?", d->date ? d->date : "");
    if ((rc = maybe_commit(st)) || (rc = begin(st)))
        return rc;
    q = st->stmt[S_INS_DOC];
    sqlite3_bind_int64(q, 1, (sqlite3_int64)d->hash);
    bind_str(q, 2, d->id);
    bind_str(q, 3, d->date);
    bind_str(q, 4, d->source);
    bind_str(q, 5, d->url);
    bind_str(q, 6, d->title);
    if (d->meta)
        sqlite3_bind_text(q, 7, d->meta, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 7);
    if (step_reset(q) != SQLITE_DONE)
        return fail(st, "insert document");
    if (sqlite3_changes(st->db) > 0) {
        *doc = sqlite3_last_insert_rowid(st->db);
        st->fresh_doc = *doc; /* none of its events can be stored yet */
        st->fresh_k = INT64_MIN;
        st->pending++;
        return ENT_OK;
    }
    st->fresh_doc = 0;
    q = st->stmt[S_SEL_DOC];
    sqlite3_bind_int64(q, 1, (sqlite3_int64)d->hash);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *doc = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    if (rc != SQLITE_ROW)
        return fail(st, "find document");
    if (existed)
        *existed = 1;
    return ENT_OK;
}

int ent_store_add_sentence(ent_store *st, int64_t doc, uint32_t idx,
                           const char *text, size_t len)
{
    sqlite3_stmt *q;
    int rc;
    if (!st || !st->stmt[0] || (!text && len))
        return ENT_EINVAL;
    if ((rc = begin(st)) != ENT_OK)
        return rc;
    q = st->stmt[S_INS_SENT];
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_int64(q, 2, idx);
    sqlite3_bind_text(q, 3, text ? text : "", (int)len, SQLITE_STATIC);
    if (step_reset(q) != SQLITE_DONE)
        return fail(st, "insert sentence");
    st->pending++;
    return maybe_commit(st);
}

/* The merge key of an event: a 64-bit hash of what makes two mentions
 * the same event besides their country pair and day (docs/schema.md). */
static int64_t merge_key(const ent_store_event *e)
{
    const char *part[5] = {e->source, e->target, e->code, e->source_name,
                           e->target_name};
    char buf[512];
    size_t n = 0;
    int i;
    for (i = 0; i < 5; i++) {
        const char *p = part[i] ? part[i] : "";
        size_t l = strlen(p);
        if (n + l + 1 < sizeof buf) {
            memcpy(buf + n, p, l);
            n += l;
        }
        buf[n++] = '\t';
    }
    {
        /* QuadClass and the Goldstein score in hundredths, as bytes */
        int32_t v[2];
        v[0] = e->quad;
        v[1] =
            (int32_t)(e->goldstein * 100.0 + (e->goldstein < 0 ? -0.5 : 0.5));
        if (n + sizeof v > sizeof buf)
            n = sizeof buf - sizeof v;
        memcpy(buf + n, v, sizeof v);
        n += sizeof v;
    }
    return (int64_t)(ent__hash(buf, n) >> 1);
}

/* Bind merged event m to the MERGED_COLS parameters of q after the
 * first base: the columns of MERGED_INSERT in order. Strings are borrowed
 * until q is reset. */
static void bind_merged(sqlite3_stmt *q, int base, const agg *m)
{
    bind_str(q, base + 1, m->sc);
    bind_str(q, base + 2, m->tc);
    sqlite3_bind_int64(q, base + 3, m->bucket);
    sqlite3_bind_int64(q, base + 4, m->mkey);
    sqlite3_bind_int64(q, base + 5, m->source);
    sqlite3_bind_int64(q, base + 6, m->target);
    sqlite3_bind_int64(q, base + 7, m->kind);
    sqlite3_bind_int(q, base + 8, m->quad);
    sqlite3_bind_double(q, base + 9, m->goldstein);
    sqlite3_bind_int64(q, base + 10, m->day);
    sqlite3_bind_int64(q, base + 11, m->mentions);
}

/* Upsert merged event m (mentions new mentions) into the merged table;
 * *joined (may be NULL: then it is not asked, which is faster) is set
 * when it existed already. */
static int write_merged(ent_store *st, const agg *m, int *joined)
{
    sqlite3_stmt *q = st->stmt[joined             ? S_UPS_MERGED
                               : st->merged_empty ? S_NEW_MERGED
                                                  : S_ADD_MERGED];
    int rc;
    if (joined)
        st->merged_empty = 0;
    bind_merged(q, 0, m);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        if (joined)
            *joined = sqlite3_column_int64(q, 0) > m->mentions;
        rc = sqlite3_step(q);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? ENT_OK : fail(st, "merge event");
}

/* The country pair of m as one integer: the bytes of sc then tc, each
 * padded with NULs to 3, big-endian, so that integer order is SQLite's
 * text order of (sc, tc) (both at most 3 bytes). The in-memory sort of a
 * bulk load compares these instead of strings. */
static uint64_t pack_pair(const agg *m)
{
    uint64_t v = 0;
    int i;
    for (i = 0; i < 3; i++)
        v = (v << 8) | (unsigned char)m->sc[i];
    for (i = 0; i < 3; i++)
        v = (v << 8) | (unsigned char)m->tc[i];
    return v;
}

/* The merged-event view of a new factual event whose actors and kind
 * have ids source, target and kind. */
static void agg_of(const ent_store *st, const ent_store_event *e, int32_t day,
                   int64_t mkey, const uint32_t ids[3], agg *m)
{
    memset(m, 0, sizeof *m);
    if (e->source_country)
        strncpy(m->sc, e->source_country, sizeof m->sc - 1);
    if (e->target_country)
        strncpy(m->tc, e->target_country, sizeof m->tc - 1);
    m->pair = pack_pair(m);
    m->bucket = day / st->window;
    m->day = day;
    m->mkey = mkey;
    m->mentions = 1;
    m->quad = e->quad;
    m->goldstein = e->goldstein;
    m->source = ids[0];
    m->target = ids[1];
    m->kind = ids[2];
}

/* Whether x and y have the same key (their hashes matched). */
static int agg_same(const agg *x, const agg *y)
{
    return x->mkey == y->mkey && x->bucket == y->bucket &&
           x->pair == y->pair;
}

/* Order of the merged table's key: < 0, 0 or > 0. */
static inline int agg_cmp(const agg *x, const agg *y)
{
    if (x->pair != y->pair)
        return x->pair < y->pair ? -1 : 1;
    if (x->bucket != y->bucket)
        return x->bucket < y->bucket ? -1 : 1;
    return (x->mkey > y->mkey) - (x->mkey < y->mkey);
}

/* Swap two merged events. */
static inline void agg_swap(agg *x, agg *y)
{
    agg t = *x;
    *x = *y;
    *y = t;
}

/* Sort v[0..n) by agg_cmp() in place: quicksort (median of three, the
 * smaller side first so that the stack stays O(log n)), insertion sort
 * below 16. Written out rather than qsort() because the comparison is
 * inlined: a tenth of qsort's instructions on a bulk load's millions. */
static void agg_sort(agg *v, size_t n)
{
    size_t i, j, m;
    while (n > 16) {
        i = 0;
        j = n - 1;
        m = n / 2;
        if (agg_cmp(&v[m], &v[0]) < 0)
            agg_swap(&v[m], &v[0]);
        if (agg_cmp(&v[j], &v[m]) < 0) {
            agg_swap(&v[j], &v[m]);
            if (agg_cmp(&v[m], &v[0]) < 0)
                agg_swap(&v[m], &v[0]);
        }
        agg_swap(&v[m], &v[j - 1]); /* the pivot, out of the way */
        j--;
        for (;;) {
            while (agg_cmp(&v[++i], &v[n - 2]) < 0)
                ;
            while (agg_cmp(&v[--j], &v[n - 2]) > 0)
                ;
            if (i >= j)
                break;
            agg_swap(&v[i], &v[j]);
        }
        agg_swap(&v[i], &v[n - 2]);
        /* v[i] is in place: recurse into the smaller side */
        if (i < n - i - 1) {
            agg_sort(v, i);
            v += i + 1;
            n -= i + 1;
        } else {
            agg_sort(v + i + 1, n - i - 1);
            n = i;
        }
    }
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && agg_cmp(&v[j], &v[j - 1]) < 0; j--)
            agg_swap(&v[j], &v[j - 1]);
}

/* Write the merged events held in memory, in key order (sequential
 * B-tree access), and forget them. */
static int agg_flush(ent_store *st)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    size_t i;
    int rc = ENT_OK;
    sqlite3_stmt *q = NULL;
    agg_sort(st->agg, st->nagg);
    /* FLUSH_ROWS rows a statement: a third fewer instructions than one
     * statement a row (sqlite3_step() and the statement's set-up and
     * halt are paid once for all of them) */
    if (st->nagg >= FLUSH_ROWS) {
        char sql[sizeof MERGED_INSERT + FLUSH_ROWS * 32 +
                 sizeof MERGED_UPSERT];
        size_t n = (size_t)snprintf(sql, sizeof sql, "%s", MERGED_INSERT);
        for (i = 0; i < FLUSH_ROWS; i++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s",
                                  i ? "," : "",
                                  "(?,?,?,?,?,?,?,?,?,?,?)");
        snprintf(sql + n, sizeof sql - n, "%s",
                 st->merged_empty ? "" : MERGED_UPSERT);
        if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
            rc = fail(st, "merge events");
    }
    for (i = 0; !rc && q && i + FLUSH_ROWS <= st->nagg; i += FLUSH_ROWS) {
        size_t j;
        for (j = 0; j < FLUSH_ROWS; j++)
            bind_merged(q, (int)j * MERGED_COLS, &st->agg[i + j]);
        if (step_reset(q) != SQLITE_DONE)
            rc = fail(st, "merge events");
    }
    sqlite3_finalize(q);
    for (; i < st->nagg && !rc; i++)
        rc = write_merged(st, &st->agg[i], NULL);
    st->merged_empty = 0;
    st->nagg = 0;
    ent__imap_free(a, &st->agg_idx);
    return rc;
}

/* Merge a new factual event in memory (bulk mode); *joined is set when
 * this load saw its merged event before. */
static int agg_add(ent_store *st, const agg *m, int *joined)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    uint64_t h = ent__hash(m, offsetof(agg, day)) ^ (uint64_t)m->mkey;
    uint32_t k = ent__imap_get(&st->agg_idx, h);
    agg *n;
    if (k) {
        agg *o = &st->agg[k - 1];
        if (!agg_same(o, m)) /* a hash collision: write it at once */
            return write_merged(st, m, joined);
        o->mentions++;
        if (m->day < o->day)
            o->day = m->day;
        *joined = 1;
        return ENT_OK;
    }
    if (st->nagg >= AGG_MAX) {
        int rc = agg_flush(st);
        if (rc)
            return rc;
    }
    if (ent__grow(a, (void **)&st->agg, &st->capagg, st->nagg + 1,
                  sizeof *st->agg))
        return failf(st, ENT_ENOMEM, "merge events: out of memory");
    n = &st->agg[st->nagg];
    *n = *m;
    if (ent__imap_put(a, &st->agg_idx, h, (uint32_t)st->nagg + 1))
        return failf(st, ENT_ENOMEM, "merge events: out of memory");
    st->nagg++;
    return ENT_OK;
}

/* ---- interned values ------------------------------------------------ */

/* The values of a row of actors (s: code, country, name), kinds (s: code,
 * root, plover; quad, gs) or strings (s[0]). NULL strings are "". */
typedef struct ival {
    const char *s[3];
    int quad;
    double gs;
} ival;

/* Texts of a row of each interned table, and the query that reads the
 * table (id, then the texts, then quad and goldstein for kinds). */
static const int ITEXTS[T_N] = {3, 3, 1};
static const char *const ILOAD[T_N] = {
    "SELECT id, code, country, name FROM actors",
    "SELECT id, code, root, plover, quad, goldstein FROM kinds",
    "SELECT id, text FROM strings",
};

/* Build the cache key of v (table t) in st->key: each text with its NUL,
 * then for kinds the bytes of quad and gs. */
static int ival_key(ent_store *st, int t, const ival *v)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    int i;
    st->key.n = 0;
    for (i = 0; i < ITEXTS[t]; i++) {
        const char *x = v->s[i] ? v->s[i] : "";
        if (ent__buf_add(a, &st->key, x, strlen(x) + 1))
            return ENT_ENOMEM;
    }
    if (t == T_KIND && (ent__buf_add(a, &st->key, (const char *)&v->quad,
                                     sizeof v->quad) ||
                        ent__buf_add(a, &st->key, (const char *)&v->gs,
                                     sizeof v->gs)))
        return ENT_ENOMEM;
    return ENT_OK;
}

/* Remember that key st->key (table t) is row id row. */
static int itab_put(ent_store *st, int t, int64_t row)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    itab *it = &st->it[t];
    uint32_t k;
    if (ent__strtab_intern(a, &it->keys, st->key.p, st->key.n, &k) ||
        ent__grow(a, (void **)&it->row, &it->cap, (size_t)k + 1,
                  sizeof *it->row))
        return failf(st, ENT_ENOMEM, "intern: out of memory");
    it->row[k] = (uint32_t)row;
    return ENT_OK;
}

/* Read the rows of interned table t into its cache. */
static int itab_load(ent_store *st, int t)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (sqlite3_prepare_v2(st->db, ILOAD[t], -1, &s, NULL) != SQLITE_OK)
        return fail(st, "read interned values");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ival v;
        int i;
        memset(&v, 0, sizeof v);
        for (i = 0; i < ITEXTS[t]; i++)
            v.s[i] = (const char *)sqlite3_column_text(s, 1 + i);
        if (t == T_KIND) {
            v.quad = sqlite3_column_int(s, 4);
            v.gs = sqlite3_column_double(s, 5);
        }
        if (ival_key(st, t, &v) ||
            itab_put(st, t, sqlite3_column_int64(s, 0))) {
            sqlite3_finalize(s);
            return failf(st, ENT_ENOMEM, "intern: out of memory");
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return fail(st, "read interned values");
    st->it[t].loaded = 1;
    return ENT_OK;
}

/* The slot of v (table t) in the fast-path cache, or NULL when a text
 * is too long to be cached. */
static icache *icache_slot(itab *it, int t, const ival *v)
{
    uint32_t h = (uint32_t)v->quad * 31u;
    int i;
    for (i = 0; i < ITEXTS[t]; i++) {
        const unsigned char *p = (const unsigned char *)(v->s[i] ? v->s[i]
                                                                 : "");
        size_t n = 0;
        for (; p[n]; n++)
            h = (h ^ p[n]) * 16777619u;
        if (n >= ICACHE_LEN)
            return NULL;
        h = (h ^ 0xff) * 16777619u;
    }
    return &it->cache[(h ^ h >> 16) % ICACHE_SLOTS];
}

/* Whether cache slot c holds v (table t). */
static int icache_has(const icache *c, int t, const ival *v)
{
    int i;
    if (!c->row || (t == T_KIND && (c->quad != v->quad || c->gs != v->gs)))
        return 0;
    for (i = 0; i < ITEXTS[t]; i++)
        if (strcmp(c->s[i], v->s[i] ? v->s[i] : ""))
            return 0;
    return 1;
}

/* Put v (table t), row id row, in cache slot c (may be NULL). */
static void icache_put(icache *c, int t, const ival *v, uint32_t row)
{
    int i;
    if (!c)
        return;
    for (i = 0; i < ITEXTS[t]; i++)
        strcpy(c->s[i], v->s[i] ? v->s[i] : ""); /* fits: icache_slot() */
    c->quad = v->quad;
    c->gs = v->gs;
    c->row = row;
}

/* The row id of v in interned table t (actors, kinds, strings) into
 * *id, inserting the row in the open transaction when it is new. The
 * table's cache holds every row of the table (read at the first call). */
static int intern(ent_store *st, int t, const ival *v, uint32_t *id)
{
    itab *it = &st->it[t];
    icache *c = icache_slot(it, t, v);
    sqlite3_stmt *q;
    uint32_t k;
    int rc, i;
    if (c && icache_has(c, t, v)) {
        *id = c->row;
        return ENT_OK;
    }
    if (!it->loaded && (rc = itab_load(st, t)) != ENT_OK)
        return rc;
    if (ival_key(st, t, v))
        return failf(st, ENT_ENOMEM, "intern: out of memory");
    k = ent__strtab_find(&it->keys, st->key.p, st->key.n);
    if (k) {
        *id = it->row[k];
        icache_put(c, t, v, *id);
        return ENT_OK;
    }
    q = st->stmt[S_INS_ACTOR + t];
    for (i = 0; i < ITEXTS[t]; i++)
        bind_str(q, i + 1, v->s[i]);
    if (t == T_KIND) { /* code, root, quad, goldstein, plover */
        bind_str(q, 5, v->s[2]);
        sqlite3_bind_int(q, 3, v->quad);
        sqlite3_bind_double(q, 4, v->gs);
    }
    if (step_reset(q) != SQLITE_DONE)
        return fail(st, "intern");
    *id = (uint32_t)sqlite3_last_insert_rowid(st->db);
    if ((rc = itab_put(st, t, *id)) != ENT_OK)
        return rc;
    icache_put(c, t, v, *id);
    return ENT_OK;
}

/* The id of a string (NULL: ""). */
static int string_id(ent_store *st, const char *s, uint32_t *id)
{
    ival v;
    memset(&v, 0, sizeof v);
    v.s[0] = s;
    return intern(st, T_STRING, &v, id);
}

/* The ids of e's source and target actors and of its kind. */
static int event_ids(ent_store *st, const ent_store_event *e, uint32_t ids[3])
{
    ival v;
    int rc;
    memset(&v, 0, sizeof v);
    v.s[0] = e->source;
    v.s[1] = e->source_country;
    v.s[2] = e->source_name;
    if ((rc = intern(st, T_ACTOR, &v, &ids[0])) != ENT_OK)
        return rc;
    v.s[0] = e->target;
    v.s[1] = e->target_country;
    v.s[2] = e->target_name;
    if ((rc = intern(st, T_ACTOR, &v, &ids[1])) != ENT_OK)
        return rc;
    v.s[0] = e->code;
    v.s[1] = e->root;
    v.s[2] = e->plover;
    v.quad = e->quad;
    v.gs = e->goldstein;
    return intern(st, T_KIND, &v, &ids[2]);
}

/* The six span offsets of e packed into *packed (TABLES_V3); 0 when one
 * is outside 0..1023. */
static int pack_spans(const ent_store_event *e, int64_t *packed)
{
    const ent_span *sp[3] = {&e->source_span, &e->target_span, &e->verb_span};
    uint64_t v = 0;
    int i;
    for (i = 0; i < 3; i++) {
        if (sp[i]->start > 1023 || sp[i]->end > 1023)
            return 0;
        v = v << 20 | (uint64_t)sp[i]->start << 10 | sp[i]->end;
    }
    *packed = (int64_t)v;
    return 1;
}

/* e's flags column: context, negated and the date precision (TABLES_V3).
 * ENT_EINVAL for a precision that is not one of ENT_DATE_*'s names. */
static int event_flags(ent_store *st, const ent_store_event *e, int *flags)
{
    int p = 0;
    if (e->date_precision && *e->date_precision) {
        while (p <= ENT_DATE_RANGE &&
               strcmp(ent_when_precision_name(p), e->date_precision))
            p++;
        if (p > ENT_DATE_RANGE)
            return failf(st, ENT_EINVAL, "event: bad date precision '%s'",
                         e->date_precision);
        p++;
    }
    *flags = (int)(e->context & 3) | (e->negated ? 4 : 0) | p << 3;
    return ENT_OK;
}

/* Store the spans of e in long_spans (they do not pack). */
static int add_long_spans(ent_store *st, const ent_store_event *e)
{
    sqlite3_stmt *q = st->stmt[S_INS_SPANS];
    sqlite3_bind_int64(q, 1, e->doc);
    sqlite3_bind_int64(q, 2, e->sent);
    sqlite3_bind_int64(q, 3, e->k);
    sqlite3_bind_int64(q, 4, e->source_span.start);
    sqlite3_bind_int64(q, 5, e->source_span.end);
    sqlite3_bind_int64(q, 6, e->target_span.start);
    sqlite3_bind_int64(q, 7, e->target_span.end);
    sqlite3_bind_int64(q, 8, e->verb_span.start);
    sqlite3_bind_int64(q, 9, e->verb_span.end);
    return step_reset(q) == SQLITE_DONE ? ENT_OK : fail(st, "insert spans");
}

/* Bind row r to the EV_COLS parameters of q after the first base. */
static void bind_evrow(sqlite3_stmt *q, int base, const evrow *r)
{
    int i;
    for (i = 0; i < EV_COLS; i++)
        if (r->null & 1u << i)
            sqlite3_bind_null(q, base + i + 1);
        else
            sqlite3_bind_int64(q, base + i + 1, r->v[i]);
}

/* Write the queued event rows (add_event()'s fast path): EV_BATCH rows
 * a statement, the rest one at a time. They are rows of documents this
 * store created, with keys not queued before, so they are new: a plain
 * INSERT, whose conflict would be an error, not a row silently left
 * out. Called before a commit and before anything reads event_rows. */
static int evq_flush(ent_store *st)
{
    size_t i = 0, j;
    int rc = ENT_OK;
    if (!st->nevq)
        return ENT_OK;
    if (st->nevq >= EV_BATCH && !st->evmulti) {
        char sql[sizeof EV_INSERT + 8 + EV_BATCH * 32];
        size_t n = (size_t)snprintf(sql, sizeof sql, "INSERT%s", EV_INSERT);
        for (i = 0; i < EV_BATCH; i++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s",
                                  i ? "," : "",
                                  "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                               &st->evmulti, NULL) != SQLITE_OK)
            rc = fail(st, "prepare");
        i = 0;
    }
    for (; !rc && i + EV_BATCH <= st->nevq; i += EV_BATCH) {
        for (j = 0; j < EV_BATCH; j++)
            bind_evrow(st->evmulti, (int)j * EV_COLS, &st->evq[i + j]);
        if (step_reset(st->evmulti) != SQLITE_DONE)
            rc = fail(st, "insert events");
    }
    for (; !rc && i < st->nevq; i++) {
        bind_evrow(st->stmt[S_INS_EV], 0, &st->evq[i]);
        if (step_reset(st->stmt[S_INS_EV]) != SQLITE_DONE ||
            sqlite3_changes(st->db) != 1)
            rc = fail(st, "insert events");
    }
    st->nevq = 0;
    return rc;
}

/* ent_store_add_event() with merge day mday (< 0: the event's own day)
 * and the ids of its actors and kind (event_ids(); NULL: found here): a
 * near-duplicate story's event merges on the day of the event it
 * repeats. An event of the document created last whose k is above the
 * ones before it cannot be stored yet: it is queued (evq_flush()) and
 * counted as new at once; any other is inserted with INSERT OR IGNORE. */
static int add_event(ent_store *st, const ent_store_event *e, int32_t mday,
                     const uint32_t *known, int *added)
{
    const ent_allocator *a;
    int64_t mkey, spans = 0;
    int32_t day, dend = 0;
    uint32_t ids[3], rule, pattern, expr = 0;
    int rc, joined = 0, flags = 0, packed;
    evrow r;
    if (added)
        *added = 0;
    if (!st || !e || !st->stmt[0])
        return ENT_EINVAL;
    a = st->alloc.fn ? &st->alloc : NULL;
    if (!e->date || ent__date_days(e->date, &day))
        return failf(st, ENT_EINVAL, "event: bad date '%s'",
                     e->date ? e->date : "");
    if (e->date_end && *e->date_end && ent__date_days(e->date_end, &dend))
        return failf(st, ENT_EINVAL, "event: bad end date '%s'",
                     e->date_end);
    if ((rc = event_flags(st, e, &flags)) || (rc = begin(st)))
        return rc;
    if (known)
        memcpy(ids, known, sizeof ids);
    if ((!known && (rc = event_ids(st, e, ids))) ||
        (rc = string_id(st, e->rule, &rule)) ||
        (rc = string_id(st, e->pattern, &pattern)) ||
        (e->date_expr && *e->date_expr &&
         (rc = string_id(st, e->date_expr, &expr))))
        return rc;
    mkey = merge_key(e);
    packed = pack_spans(e, &spans);
    /* the parameters of S_INS_EV */
    r.v[0] = e->doc;
    r.v[1] = e->sent;
    r.v[2] = e->k;
    r.v[3] = day;
    r.v[4] = ids[0];
    r.v[5] = ids[1];
    r.v[6] = ids[2];
    r.v[7] = flags;
    r.v[8] = spans;
    r.v[9] = rule;
    r.v[10] = pattern;
    r.v[11] = dend;
    r.v[12] = expr;
    r.v[13] = mkey;
    r.v[14] = mday;
    r.null = (packed ? 0 : 1u << 8) |
             (e->date_end && *e->date_end ? 0 : 1u << 11) |
             (expr ? 0 : 1u << 12) | (mday >= 0 ? 0 : 1u << 14);
    if (e->doc && e->doc == st->fresh_doc && e->k > st->fresh_k) {
        st->fresh_k = e->k;
        if (ent__grow(a, (void **)&st->evq, &st->capevq, st->nevq + 1,
                      sizeof *st->evq))
            return failf(st, ENT_ENOMEM, "store: out of memory");
        st->evq[st->nevq++] = r;
        if (st->nevq >= EV_BATCH && (rc = evq_flush(st)) != ENT_OK)
            return rc;
    } else {
        if ((rc = evq_flush(st)) != ENT_OK)
            return rc;
        bind_evrow(st->stmt[S_INS_EV], 0, &r);
        if (step_reset(st->stmt[S_INS_EV]) != SQLITE_DONE)
            return fail(st, "insert event");
        if (sqlite3_changes(st->db) == 0)
            return maybe_commit(st);
    }
    if (!packed && (rc = add_long_spans(st, e)) != ENT_OK)
        return rc;
    if (e->context == 0 && !e->negated) {
        agg m;
        agg_of(st, e, mday >= 0 ? mday : day, mkey, ids, &m);
        rc = st->bulk ? agg_add(st, &m, &joined) : ENT_ENOMEM;
        /* out of memory for the in-memory merge: merge in the table */
        if (rc == ENT_ENOMEM)
            rc = write_merged(st, &m, &joined);
        if (rc)
            return rc;
    }
    if (added)
        *added = joined ? 2 : 1;
    st->pending++;
    return maybe_commit(st);
}

int ent_store_add_event(ent_store *st, const ent_store_event *e, int *added)
{
    return add_event(st, e, -1, NULL, added);
}

int ent_store_has_text(ent_store *st, const char *text, size_t len, int *found)
{
    sqlite3_stmt *q;
    int rc;
    if (found)
        *found = 0;
    if (!st || !st->stmt[0] || !found || (!text && len))
        return ENT_EINVAL;
    q = st->stmt[S_SEL_DOC];
    sqlite3_bind_int64(q, 1, (sqlite3_int64)ent__hash(text ? text : "", len));
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(st, "find document");
    *found = rc == SQLITE_ROW;
    return ENT_OK;
}

/* ---- near-duplicate stories --------------------------------------- */

/* Bytes of a stored signature: its ENT_MINHASH_N values, then its number
 * of shingles (the document's size, for the size rules of src/dedup.c).
 * Stores written before the size was kept hold the values alone. */
#define SIG_BYTES (4 * (ENT_MINHASH_N + 1))

/* x as 4 little-endian bytes at p (whatever the machine). */
static void put_u32(unsigned char *p, uint32_t x)
{
    p[0] = (unsigned char)x;
    p[1] = (unsigned char)(x >> 8);
    p[2] = (unsigned char)(x >> 16);
    p[3] = (unsigned char)(x >> 24);
}

/* The 4 little-endian bytes at p. */
static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Signature sig as the SIG_BYTES blob of the minhash table. */
static void sig_to_blob(const ent_minhash *sig, unsigned char *blob)
{
    int i;
    for (i = 0; i < ENT_MINHASH_N; i++)
        put_u32(blob + 4 * i, sig->v[i]);
    put_u32(blob + 4 * ENT_MINHASH_N, sig->nshingles);
}

/* The signature stored as blob (n bytes): SIG_BYTES, or the values alone
 * (older stores: the size unknown, read as 1 shingle, which keeps the
 * document to plain Jaccard similarity). ENT_EFORMAT for any other
 * size. */
static int blob_to_sig(const unsigned char *blob, int n, ent_minhash *sig)
{
    int i;
    if (!blob || (n != 4 * ENT_MINHASH_N && n != SIG_BYTES))
        return ENT_EFORMAT;
    for (i = 0; i < ENT_MINHASH_N; i++)
        sig->v[i] = get_u32(blob + 4 * i);
    sig->nshingles = n == SIG_BYTES ? get_u32(blob + 4 * ENT_MINHASH_N) : 1;
    if (!sig->nshingles)
        return ENT_EFORMAT;
    return ENT_OK;
}

/* Create the near-duplicate index and fill it with the signatures of the
 * most recent documents it can hold, so that a load finds copies of
 * stories stored by earlier loads. */
static int dedup_load(ent_store *st)
{
    ent_dedup_config dc;
    sqlite3_stmt *s = NULL;
    int rc;
    memset(&dc, 0, sizeof dc);
    dc.threshold = st->near_dup;
    dc.max_docs = NEAR_DUP_DOCS;
    dc.alloc = st->alloc.fn ? &st->alloc : NULL;
    if ((rc = ent_dedup_new(&dc, &st->dedup)) != ENT_OK)
        return failf(st, rc, "near-duplicate index: %s", ent_strerror(rc));
    if (sqlite3_prepare_v2(st->db,
                           "SELECT m.doc, coalesce(d.cluster, m.doc), m.sig"
                           " FROM minhash m JOIN documents d ON d.id ="
                           " m.doc WHERE m.doc >= coalesce((SELECT doc FROM"
                           " minhash ORDER BY doc DESC LIMIT 1 OFFSET ?1),"
                           " 0) ORDER BY m.doc",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(st, "read signatures");
    sqlite3_bind_int64(s, 1, NEAR_DUP_DOCS - 1);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ent_minhash sig;
        int64_t doc = sqlite3_column_int64(s, 0);
        int64_t cl = sqlite3_column_int64(s, 1);
        if (blob_to_sig(sqlite3_column_blob(s, 2), sqlite3_column_bytes(s, 2),
                        &sig) ||
            cl > doc || cl < 1) {
            sqlite3_finalize(s);
            return failf(st, ENT_EFORMAT,
                         "bad signature or cluster of document %lld",
                         (long long)doc);
        }
        if ((rc = ent_dedup_add(st->dedup, doc, cl, &sig)) != ENT_OK) {
            sqlite3_finalize(s);
            return failf(st, rc, "near-duplicate index: %s",
                         ent_strerror(rc));
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ENT_OK : fail(st, "read signatures");
}

/* Record new document id's cluster (m: its near-duplicate, if any) and
 * signature, in the document's transaction, and add it to the index. */
static int cluster_doc(ent_store *st, int64_t id, const ent_minhash *sig,
                       const ent_dedup_match *m)
{
    sqlite3_stmt *q = st->stmt[S_SET_CLUSTER];
    int64_t cluster = m->near ? m->cluster : id;
    int rc;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, cluster);
    if (m->near) {
        sqlite3_bind_int64(q, 3, m->near);
        sqlite3_bind_double(q, 4, m->similarity);
    } else {
        sqlite3_bind_null(q, 3);
        sqlite3_bind_null(q, 4);
    }
    if (step_reset(q) != SQLITE_DONE)
        return fail(st, "set cluster");
    if (!sig->nshingles)
        return ENT_OK;
    {
        unsigned char blob[SIG_BYTES];
        sig_to_blob(sig, blob);
        q = st->stmt[S_INS_SIG];
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_blob(q, 2, blob, sizeof blob, SQLITE_TRANSIENT);
        if (step_reset(q) != SQLITE_DONE)
            return fail(st, "store signature");
    }
    if ((rc = ent_dedup_add(st->dedup, id, cluster, sig)) != ENT_OK)
        return failf(st, rc, "near-duplicate index: %s", ent_strerror(rc));
    return ENT_OK;
}

/* The merge day of the factual event of document doc that e repeats
 * (same merge key and actors, ids[0] and ids[1]) into *mday; -1 when it
 * has none. */
static int repeated_day(ent_store *st, int64_t doc, const ent_store_event *e,
                        const uint32_t ids[3], int32_t *mday)
{
    sqlite3_stmt *q = st->stmt[S_FIND_EV];
    int rc;
    *mday = -1;
    if ((rc = evq_flush(st)) != ENT_OK)
        return rc;
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_int64(q, 2, merge_key(e));
    sqlite3_bind_int64(q, 3, ids[0]);
    sqlite3_bind_int64(q, 4, ids[1]);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *mday = (int32_t)sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(st, "find repeated event");
    return ENT_OK;
}

int ent_store_result(ent_store *st, const ent_doc *doc, const ent_result *res,
                     const char *source, int *existed, size_t *nevents)
{
    ent_store_doc d;
    ent_store_event e;
    ent_minhash sig;
    ent_dedup_match m;
    const ent_allocator *a;
    uint32_t ids[3];
    int64_t id;
    size_t i;
    int rc, was = 0, added, near = 0;
    if (existed)
        *existed = 0;
    if (nevents)
        *nevents = 0;
    if (!st || !doc || !res || (!doc->text && doc->text_len))
        return ENT_EINVAL;
    a = st->alloc.fn ? &st->alloc : NULL;
    memset(&d, 0, sizeof d);
    memset(&m, 0, sizeof m);
    d.hash = ent__hash(doc->text ? doc->text : "", doc->text_len);
    d.id = doc->id;
    d.date = doc->date;
    d.source = source;
    d.title = doc->title;
    d.meta = doc->meta;
    if ((rc = ent_store_add_doc(st, &d, &id, &was)) != ENT_OK)
        return rc;
    if (existed)
        *existed = was;
    if (was)
        return ENT_OK;
    st->in_doc = 1;
    near = st->near_dup > 0 && st->version >= 2;
    if (near && !st->dedup && (rc = dedup_load(st)) != ENT_OK) {
        /* a partial index would miss copies: read it again next time */
        ent_dedup_free(st->dedup);
        st->dedup = NULL;
    }
    if (near && !rc) {
        ent_minhash_text(doc->text, doc->text_len, &sig);
        if ((rc = ent_dedup_find(st->dedup, &sig, &m)) == ENT_OK)
            rc = cluster_doc(st, id, &sig, &m);
    }
    for (i = 0; i < res->nsents && !rc; i++)
        rc = ent_store_add_sentence(st, id, (uint32_t)i,
                                    res->text + res->sents[i].start,
                                    res->sents[i].end - res->sents[i].start);
    for (i = 0; i < res->nevents && !rc; i++) {
        const ent_event *v = &res->events[i];
        int32_t mday = -1;
        memset(&e, 0, sizeof e);
        e.doc = id;
        e.sent = v->sent;
        e.k = (uint32_t)i;
        /* the event's own date ("on 4 February"); the document keeps the
         * publication date */
        e.date = v->when.date[0] ? v->when.date : doc->date;
        e.source = v->source;
        e.source_country = v->source_country;
        e.target = v->target;
        e.target_country = v->target_country;
        e.code = v->cameo->code;
        e.root = v->cameo->root;
        e.plover = v->cameo->plover;
        e.quad = v->cameo->quad;
        e.goldstein = v->cameo->goldstein;
        e.context = v->context;
        e.source_span = v->source_span;
        e.target_span = v->target_span;
        e.verb_span = v->verb_span;
        e.rule = v->rule;
        e.pattern = v->pattern;
        e.date_end = v->when.end;
        e.date_precision = ent_when_precision_name(v->when.precision);
        /* the expression as written: a range of the sentence */
        st->expr.n = 0;
        if (v->sent < res->nsents && v->when.expr.end > v->when.expr.start &&
            (ent__buf_add(a, &st->expr,
                          res->text + res->sents[v->sent].start +
                              v->when.expr.start,
                          v->when.expr.end - v->when.expr.start) ||
             ent__buf_add(a, &st->expr, "", 1))) {
            rc = failf(st, ENT_ENOMEM, "store: out of memory");
            break;
        }
        e.date_expr = st->expr.n ? st->expr.p : NULL;
        if ((rc = event_ids(st, &e, ids)) != ENT_OK)
            break;
        /* a near-duplicate story's event that repeats one of the
         * cluster's first document (or of the copy it resembles most) is
         * a further mention of that event */
        if (m.near && !e.context) {
            rc = repeated_day(st, m.cluster, &e, ids, &mday);
            if (!rc && mday < 0 && m.near != m.cluster)
                rc = repeated_day(st, m.near, &e, ids, &mday);
            if (rc)
                break;
        }
        rc = add_event(st, &e, mday, ids, &added);
        if (!rc && added && nevents)
            (*nevents)++;
    }
    st->in_doc = 0;
    return rc ? rc : maybe_commit(st);
}

int ent_store_count(ent_store *st, ent_store_counts *c)
{
    int64_t v[7] = {0};
    int rc;
    if (!st || !c)
        return ENT_EINVAL;
    memset(c, 0, sizeof *c);
    if ((rc = evq_flush(st)) != ENT_OK)
        return rc;
    if ((rc = query_int(st, "SELECT count(*) FROM documents", &v[0])) ||
        (rc = query_int(st, "SELECT count(*) FROM sentences", &v[1])) ||
        (rc = query_int(st, "SELECT count(*) FROM event_rows", &v[2])) ||
        (rc = query_int(st, "SELECT count(*) FROM merged_rows", &v[3])) ||
        (rc = query_int(st,
                        "SELECT coalesce(sum(mentions), 0) FROM merged_rows",
                        &v[4])))
        return rc;
    if (st->version >= 2 &&
        ((rc = query_int(st,
                         "SELECT count(*) FROM documents WHERE near IS NOT"
                         " NULL",
                         &v[5])) ||
         (rc = query_int(st,
                         "SELECT count(DISTINCT cluster) FROM documents"
                         " WHERE near IS NOT NULL",
                         &v[6]))))
        return rc;
    c->near_dups = (uint64_t)v[5];
    c->clusters = (uint64_t)v[6];
    c->documents = (uint64_t)v[0];
    c->sentences = (uint64_t)v[1];
    c->events = (uint64_t)v[2];
    c->merged = (uint64_t)v[3];
    c->mentions = (uint64_t)v[4];
    return ENT_OK;
}

/* ---- dyads ---------------------------------------------------------- */

/* The store's SQLite handle, for the queries of analyze.c. */
struct sqlite3 *ent__store_db(ent_store *st)
{
    return st->db;
}

/* One period's totals while aggregating. */
typedef struct period {
    int32_t key;
    ent_dyad_row row;
} period;

typedef struct periods {
    period *p;
    size_t n, cap;
} periods;

/* The SQL condition that selects actor arg on side col ("source" or
 * "target") into out: a country code (three letters), a full code, or a
 * GLOB pattern with '*'. A code or pattern that starts with three
 * letters other than IGO, NGO or MNC also names the country, so that the
 * query reads one range of the merged table's key. Only letters, digits,
 * '*' and '~' are accepted (the condition is SQL text). */
int ent__store_actor_cond(ent_store *st, const char *arg, const char *col,
                          char *out, size_t outlen)
{
    size_t n = arg ? strlen(arg) : 0, i, lead = 0;
    int star = 0, w;
    char cc[64] = "", pre[64] = "";
    if (n == 0 || n >= ENT_ACTOR_MAX)
        return failf(st, ENT_EINVAL, "bad actor '%s'", arg ? arg : "");
    for (i = 0; i < n; i++) {
        char ch = arg[i];
        if (ch == '*')
            star = 1;
        else if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                   ch == '~'))
            return failf(st, ENT_EINVAL,
                         "bad actor '%s' (upper-case letters, digits and "
                         "'*')",
                         arg);
        if (!star && lead == i && ch >= 'A' && ch <= 'Z')
            lead++;
    }
    if (lead >= 3 && strncmp(arg, "IGO", 3) && strncmp(arg, "NGO", 3) &&
        strncmp(arg, "MNC", 3))
        snprintf(cc, sizeof cc, "%s_country = '%.3s' AND ", col, arg);
    /* a target country without a source country: the merged table's
     * key starts with the source country, so the query names every
     * country the store has (the actors table is small) and reads one
     * range of the key per country instead of the whole table */
    if (!strcmp(col, "target") && (*cc || (n == 3 && !star)))
        snprintf(pre, sizeof pre,
                 "source_country IN (SELECT country FROM actors) AND ");
    /* col holds the actor's id (merged_rows): codes are looked up in
     * the actors table */
    if (n == 3 && !star)
        w = snprintf(out, outlen, "%s%s_country = '%s'", pre, col, arg);
    else
        w = snprintf(out, outlen,
                     "%s%s%s IN (SELECT id FROM actors WHERE code %s '%s')",
                     pre, cc, col, star ? "GLOB" : "=", arg);
    if (w < 0 || (size_t)w >= outlen)
        return failf(st, ENT_EINVAL, "actor '%s': condition too long", arg);
    return ENT_OK;
}

/* Day number of the first (last, when end) day of "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD". Returns ENT_OK or ENT_EINVAL. */
int ent__bound_day(const char *s, int end, int32_t *day)
{
    char buf[11];
    size_t n = strlen(s);
    int32_t d;
    if (n == 4) {
        snprintf(buf, sizeof buf, "%s-%s", s, end ? "12-31" : "01-01");
        return ent__date_days(buf, day);
    }
    if (n == 7) {
        snprintf(buf, sizeof buf, "%s-01", s);
        if (ent__date_days(buf, &d))
            return ENT_EINVAL;
        if (end) {
            int y, m, dd;
            ent__civil_from_days(d + 31, &y, &m, &dd); /* into the next month */
            d = d + 31 - dd;
        }
        *day = d;
        return ENT_OK;
    }
    return n == 10 ? ent__date_days(s, day) : ENT_EINVAL;
}

/* Key and label of the period of day number day. */
int32_t ent__period_of(int32_t day, int by, char label[11])
{
    char buf[48];
    int y, m, d;
    int32_t key;
    if (by == ENT_BY_WEEK)
        day -= ((day % 7) - 5 + 7) % 7; /* back to Monday (day 5 mod 7) */
    ent__civil_from_days(day, &y, &m, &d);
    switch (by) {
    case ENT_BY_DAY:
    case ENT_BY_WEEK:
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        key = day;
        break;
    case ENT_BY_MONTH:
        snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        key = y * 12 + m;
        break;
    case ENT_BY_QUARTER:
        snprintf(buf, sizeof buf, "%04d-Q%d", y, (m - 1) / 3 + 1);
        key = y * 4 + (m - 1) / 3;
        break;
    default:
        snprintf(buf, sizeof buf, "%04d", y);
        key = y;
        break;
    }
    snprintf(label, 11, "%.10s", buf);
    return key;
}

/* Aggregate one direction into *ps (rows arrive in day order). */
static int dyad_dir(ent_store *st, const ent_dyad_query *q, const char *ca,
                    const char *cb, int dir, int32_t from, int32_t to,
                    periods *ps)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    char sql[512];
    sqlite3_stmt *s = NULL;
    int rc;
    snprintf(sql, sizeof sql,
             "SELECT day, quad, goldstein, mentions FROM merged_rows WHERE"
             " %s AND"
             " %s AND day BETWEEN ?1 AND ?2 ORDER BY day",
             ca, cb);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return fail(st, "dyad query");
    sqlite3_bind_int64(s, 1, from);
    sqlite3_bind_int64(s, 2, to);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int32_t day = (int32_t)sqlite3_column_int64(s, 0);
        int quad = sqlite3_column_int(s, 1);
        double gs = sqlite3_column_double(s, 2);
        int64_t w = q->mentions ? sqlite3_column_int64(s, 3) : 1;
        char label[11];
        int32_t key = ent__period_of(day, q->by, label);
        period *p;
        if (!ps->n || ps->p[ps->n - 1].key != key) {
            if (ent__grow(a, (void **)&ps->p, &ps->cap, ps->n + 1,
                          sizeof *ps->p)) {
                sqlite3_finalize(s);
                return failf(st, ENT_ENOMEM, "dyad: out of memory");
            }
            p = &ps->p[ps->n++];
            memset(p, 0, sizeof *p);
            p->key = key;
            memcpy(p->row.period, label, sizeof label);
            p->row.dir = dir;
        }
        p = &ps->p[ps->n - 1];
        p->row.total += (uint64_t)w;
        if (quad >= 0 && quad <= 4)
            p->row.quad[quad] += (uint64_t)w;
        p->row.goldstein += gs * (double)w;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ENT_OK : fail(st, "dyad query");
}

int ent_store_dyad(ent_store *st, const ent_dyad_query *q, ent_dyad_fn fn,
                   void *ud)
{
    const ent_allocator *a;
    char sa[160], sb[160], ta[160], tb[160];
    int32_t from = 0, to = INT32_MAX;
    periods ps[2];
    size_t i = 0, j = 0;
    int rc;
    if (!st || !q || !fn)
        return ENT_EINVAL;
    a = st->alloc.fn ? &st->alloc : NULL;
    if (q->by < ENT_BY_DAY || q->by > ENT_BY_YEAR)
        return failf(st, ENT_EINVAL, "bad period %d", q->by);
    if (q->from && ent__bound_day(q->from, 0, &from))
        return failf(st, ENT_EINVAL,
                     "bad date '%s' (YYYY, YYYY-MM or "
                     "YYYY-MM-DD)",
                     q->from);
    if (q->to && ent__bound_day(q->to, 1, &to))
        return failf(st, ENT_EINVAL,
                     "bad date '%s' (YYYY, YYYY-MM or "
                     "YYYY-MM-DD)",
                     q->to);
    if ((rc = ent__store_actor_cond(st, q->a, "source", sa, sizeof sa)) ||
        (rc = ent__store_actor_cond(st, q->b, "target", tb, sizeof tb)) ||
        (rc = ent__store_actor_cond(st, q->b, "source", sb, sizeof sb)) ||
        (rc = ent__store_actor_cond(st, q->a, "target", ta, sizeof ta)))
        return rc;
    if (st->in_txn && (rc = ent_store_commit(st)) != ENT_OK)
        return rc;
    memset(ps, 0, sizeof ps);
    if ((rc = dyad_dir(st, q, sa, tb, 0, from, to, &ps[0])) ||
        (rc = dyad_dir(st, q, sb, ta, 1, from, to, &ps[1])))
        goto done;
    while (i < ps[0].n || j < ps[1].n) {
        if (j >= ps[1].n || (i < ps[0].n && ps[0].p[i].key <= ps[1].p[j].key))
            fn(ud, &ps[0].p[i++].row);
        else
            fn(ud, &ps[1].p[j++].row);
    }
done:
    ent__free(a, ps[0].p);
    ent__free(a, ps[1].p);
    return rc;
}

/* The first day of the period labelled label (as ent__period_of() writes
 * it). Returns ENT_OK or ENT_EINVAL. */
static int period_start(const char *label, int by, int32_t *day)
{
    char buf[11];
    size_t n = strlen(label);
    if (by == ENT_BY_QUARTER) {
        if (n != 7 || label[5] != 'Q' || label[6] < '1' || label[6] > '4')
            return ENT_EINVAL;
        snprintf(buf, sizeof buf, "%.4s-%02d-01", label,
                 (label[6] - '1') * 3 + 1);
        return ent__date_days(buf, day);
    }
    return ent__bound_day(label, 0, day);
}

/* The first day of the period after the one holding day. */
int32_t ent__period_next(int32_t day, int by)
{
    int y, m, d;
    if (by == ENT_BY_DAY)
        return day + 1;
    if (by == ENT_BY_WEEK)
        return day - ((day % 7) - 5 + 7) % 7 + 7;
    ent__civil_from_days(day, &y, &m, &d);
    if (by == ENT_BY_MONTH)
        m++;
    else if (by == ENT_BY_QUARTER)
        m = (m - 1) / 3 * 3 + 4;
    else
        m = 13;
    if (m > 12) {
        y++;
        m = 1;
    }
    return ent__days_from_civil(y, m, 1);
}

/* Rows gathered for a dense series. */
typedef struct rowvec {
    const ent_allocator *a;
    ent_dyad_row *r;
    size_t n, cap;
    int nomem;
} rowvec;

/* ent_dyad_fn: keep a copy of the row. */
static void keep_row(void *ud, const ent_dyad_row *row)
{
    rowvec *v = ud;
    if (v->nomem ||
        ent__grow(v->a, (void **)&v->r, &v->cap, v->n + 1, sizeof *v->r)) {
        v->nomem = 1;
        return;
    }
    v->r[v->n++] = *row;
}

#define MAX_PERIODS 100000

int ent_store_dyad_series(ent_store *st, const ent_dyad_query *q,
                          ent_dyad_series *out)
{
    const ent_allocator *a;
    rowvec v;
    int32_t first, last, day;
    size_t n = 0, i, k;
    char label[11];
    int rc;
    if (out)
        memset(out, 0, sizeof *out);
    if (!st || !q || !out)
        return ENT_EINVAL;
    a = st->alloc.fn ? &st->alloc : NULL;
    memset(&v, 0, sizeof v);
    v.a = a;
    if ((rc = ent_store_dyad(st, q, keep_row, &v)) != ENT_OK)
        goto done;
    if (v.nomem) {
        rc = failf(st, ENT_ENOMEM, "dyad: out of memory");
        goto done;
    }
    /* the range: --from/--to, else the first and last periods with
     * events; each end moved to the first day of its period */
    if (q->from)
        ent__bound_day(q->from, 0, &first); /* checked by ent_store_dyad() */
    else if (v.n)
        period_start(v.r[0].period, q->by, &first);
    if (q->to)
        ent__bound_day(q->to, 1, &last);
    else if (v.n)
        period_start(v.r[v.n - 1].period, q->by, &last);
    if ((!q->from && !v.n) || (!q->to && !v.n))
        goto done; /* no events and an open range: no periods */
    ent__period_of(first, q->by, label);
    period_start(label, q->by, &first);
    for (day = first; day <= last; day = ent__period_next(day, q->by))
        if (++n > MAX_PERIODS) {
            rc = failf(st, ENT_EINVAL,
                       "more than %d periods: use a longer period (--by)",
                       MAX_PERIODS);
            goto done;
        }
    out->period = ent__calloc(a, (n ? n : 1) * sizeof *out->period);
    out->row[0] = ent__calloc(a, (n ? n : 1) * sizeof *out->row[0]);
    out->row[1] = ent__calloc(a, (n ? n : 1) * sizeof *out->row[1]);
    if (!out->period || !out->row[0] || !out->row[1]) {
        rc = failf(st, ENT_ENOMEM, "dyad: out of memory");
        goto done;
    }
    if (a)
        out->alloc = *a;
    out->n = n;
    /* periods in order; rows (in time order) land on their period */
    for (i = 0, k = 0, day = first; i < n;
         i++, day = ent__period_next(day, q->by)) {
        ent__period_of(day, q->by, out->period[i]);
        memcpy(out->row[0][i].period, out->period[i], 11);
        memcpy(out->row[1][i].period, out->period[i], 11);
        out->row[1][i].dir = 1;
        for (; k < v.n && strcmp(v.r[k].period, out->period[i]) <= 0; k++)
            if (!strcmp(v.r[k].period, out->period[i]))
                out->row[v.r[k].dir ? 1 : 0][i] = v.r[k];
    }
done:
    ent__free(a, v.r);
    if (rc)
        ent_dyad_series_free(out);
    return rc;
}

void ent_dyad_series_free(ent_dyad_series *s)
{
    const ent_allocator *a;
    if (!s)
        return;
    a = s->alloc.fn ? &s->alloc : NULL;
    ent__free(a, s->period);
    ent__free(a, s->row[0]);
    ent__free(a, s->row[1]);
    memset(s, 0, sizeof *s);
}

/* ---- actor pairs, for the network (network.c) ------------------------- */

const ent_allocator *ent__store_alloc(const ent_store *st)
{
    return st->alloc.fn ? &st->alloc : NULL;
}

int ent__store_fail(ent_store *st, int rc, const char *msg)
{
    return failf(st, rc, "%s", msg);
}

/* The node of an actor at the country level: its country code, else an
 * organisation's code (IGO..., NGO..., MNC...); sector-only codes ("MIL")
 * and unresolved names are no node (""). At the actor level: the code. */
static const char *node_of(const char *code, const char *country, int level)
{
    if (level == ENT_NET_ACTOR || !*code)
        return code;
    if (*country)
        return country;
    if (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) ||
        !strncmp(code, "MNC", 3))
        return code;
    return "";
}

/* The node (node_of()) of every actor id at level: node[id] points into
 * strs (one copy of each node, so that equal nodes are equal pointers),
 * or is "" (no node, or no actor of that id). */
typedef struct node_map {
    const char **node;
    size_t n;
    ent__strtab strs; /* the nodes' texts */
} node_map;

/* Read the actors table into nm (owned by the caller: node_map_free()). */
static int node_map_load(ent_store *st, int level, node_map *nm)
{
    const ent_allocator *a = ent__store_alloc(st);
    sqlite3_stmt *s = NULL;
    int64_t max = 0;
    size_t i;
    int rc;
    if ((rc = query_int(st, "SELECT coalesce(max(id), 0) FROM actors",
                        &max)) != ENT_OK)
        return rc;
    nm->n = (size_t)max + 1;
    nm->node = ent__calloc(a, nm->n * sizeof *nm->node);
    if (!nm->node)
        return failf(st, ENT_ENOMEM, "network: out of memory");
    if (sqlite3_prepare_v2(st->db, "SELECT id, code, country FROM actors", -1,
                           &s, NULL) != SQLITE_OK)
        return fail(st, "network query");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(s, 0);
        const char *code = (const char *)sqlite3_column_text(s, 1);
        const char *node = node_of(code ? code : "",
                                   (const char *)sqlite3_column_text(s, 2)
                                       ? (const char *)sqlite3_column_text(s, 2)
                                       : "",
                                   level);
        uint32_t k;
        if (id < 0 || (size_t)id >= nm->n)
            continue;
        if (ent__strtab_intern(a, &nm->strs, node, strlen(node), &k)) {
            sqlite3_finalize(s);
            return failf(st, ENT_ENOMEM, "network: out of memory");
        }
        nm->node[id] = nm->strs.str[k]; /* in the strtab's arena: stays */
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return fail(st, "network query");
    for (i = 0; i < nm->n; i++)
        if (!nm->node[i])
            nm->node[i] = "";
    return ENT_OK;
}

/* Release what node_map_load() allocated. */
static void node_map_free(ent_store *st, node_map *nm)
{
    const ent_allocator *a = ent__store_alloc(st);
    ent__free(a, nm->node);
    ent__strtab_free(a, &nm->strs);
}

int ent__store_pairs(ent_store *st, const char *from, const char *to,
                     int level, int mentions, ent__pair_fn fn, void *ud)
{
    sqlite3_stmt *s = NULL;
    int32_t d0 = 0, d1 = INT32_MAX;
    node_map nm;
    int rc;
    if (from && ent__bound_day(from, 0, &d0))
        return failf(st, ENT_EINVAL,
                     "bad date '%s' (YYYY, YYYY-MM or YYYY-MM-DD)", from);
    if (to && ent__bound_day(to, 1, &d1))
        return failf(st, ENT_EINVAL,
                     "bad date '%s' (YYYY, YYYY-MM or YYYY-MM-DD)", to);
    if (st->in_txn && (rc = ent_store_commit(st)) != ENT_OK)
        return rc;
    memset(&nm, 0, sizeof nm);
    if ((rc = node_map_load(st, level, &nm)) != ENT_OK)
        goto done;
    /* one pass over the table in key order, the grouping left to the
     * caller's hash table: a GROUP BY on computed nodes sorts every row
     * (twice the time and 150 MB at 1M events); actors are ids, their
     * nodes looked up in nm */
    if (sqlite3_prepare_v2(st->db,
                           "SELECT source, target, goldstein, mentions FROM"
                           " merged_rows WHERE day BETWEEN ?1 AND ?2",
                           -1, &s, NULL) != SQLITE_OK) {
        rc = fail(st, "network query");
        goto done;
    }
    sqlite3_bind_int64(s, 1, d0);
    sqlite3_bind_int64(s, 2, d1);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t ia = sqlite3_column_int64(s, 0);
        int64_t ib = sqlite3_column_int64(s, 1);
        const char *a = ia >= 0 && (size_t)ia < nm.n ? nm.node[ia] : "";
        const char *b = ib >= 0 && (size_t)ib < nm.n ? nm.node[ib] : "";
        int64_t w = mentions ? sqlite3_column_int64(s, 3) : 1;
        int r;
        if (!*a || !*b || a == b)
            continue;
        r = fn(ud, a, b, (uint64_t)w, sqlite3_column_double(s, 2) * (double)w);
        if (r) {
            rc = r;
            goto done;
        }
    }
    rc = rc == SQLITE_DONE ? ENT_OK : fail(st, "network query");
done:
    sqlite3_finalize(s);
    node_map_free(st, &nm);
    return rc;
}
