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

#define SCHEMA_VERSION 2
#define DEFAULT_BATCH 50000
#define NEAR_DUP 0.8 /* the default near-duplicate threshold */
/* Documents the near-duplicate index holds (about 1.1 KB each): a load
 * finds copies among the most recent ones (docs/schema.md). */
#define NEAR_DUP_DOCS 100000

/* The MinHash signatures of stored news documents (src/dedup.c): 128
 * 32-bit values, little-endian, in a 512-byte blob. */
#define MINHASH_TABLE                                                        \
    "CREATE TABLE IF NOT EXISTS minhash(doc INTEGER PRIMARY KEY,"           \
    " sig BLOB NOT NULL);"
/* Each merged event with its mentions; a mention merges on its merge day
 * (mday: the day of the event it repeats, for a near-duplicate story),
 * else on its own day. */
#define MENTIONS_VIEW                                                        \
    "CREATE VIEW IF NOT EXISTS mentions AS"                                  \
    " SELECT m.source, m.target, m.code, date(m.day + 1721119.5) AS "       \
    "first_date, m.mentions,"                                                \
    " e.date, e.doc, e.sent, e.k, d.docid, d.url"                            \
    " FROM merged m JOIN events e ON e.mkey = m.mkey"                        \
    " AND e.source_country = m.source_country"                               \
    " AND e.target_country = m.target_country"                               \
    " AND coalesce(e.mday, e.day) / (SELECT value FROM meta WHERE key ="    \
    " 'window_days') = m.bucket AND e.context = 0 AND e.negated = 0"         \
    " JOIN documents d ON d.id = e.doc;"

/* The schema (docs/schema.md describes every column). The query indexes
 * are separate (INDEXES) so that a bulk load can drop and rebuild them. */
static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)"
    " WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS documents("
    " id INTEGER PRIMARY KEY, hash INTEGER NOT NULL UNIQUE,"
    " docid TEXT NOT NULL, date TEXT NOT NULL, source TEXT NOT NULL,"
    " url TEXT NOT NULL, title TEXT NOT NULL, cluster INTEGER,"
    " near INTEGER, similarity REAL);"
    "CREATE TABLE IF NOT EXISTS sentences("
    " doc INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS events("
    " doc INTEGER NOT NULL, sent INTEGER NOT NULL, k INTEGER NOT NULL,"
    " day INTEGER NOT NULL, date TEXT NOT NULL,"
    " source TEXT NOT NULL, source_country TEXT NOT NULL,"
    " source_name TEXT NOT NULL, target TEXT NOT NULL,"
    " target_country TEXT NOT NULL, target_name TEXT NOT NULL,"
    " code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL,"
    " goldstein REAL NOT NULL, plover TEXT NOT NULL,"
    " context INTEGER NOT NULL, negated INTEGER NOT NULL,"
    " source_start INTEGER, source_end INTEGER, target_start INTEGER,"
    " target_end INTEGER, verb_start INTEGER, verb_end INTEGER,"
    " rule TEXT NOT NULL, pattern TEXT NOT NULL, mkey INTEGER NOT NULL,"
    " mday INTEGER, PRIMARY KEY(doc, sent, k)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS merged("
    " source_country TEXT NOT NULL, target_country TEXT NOT NULL,"
    " bucket INTEGER NOT NULL, mkey INTEGER NOT NULL,"
    " source TEXT NOT NULL, target TEXT NOT NULL,"
    " source_name TEXT NOT NULL, target_name TEXT NOT NULL,"
    " code TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL,"
    " goldstein REAL NOT NULL, day INTEGER NOT NULL,"
    " mentions INTEGER NOT NULL,"
    " PRIMARY KEY(source_country, target_country, bucket, mkey))"
    " WITHOUT ROWID;"
    MINHASH_TABLE MENTIONS_VIEW;

/* Schema version 1 -> 2 (near-duplicate stories): new columns and the
 * signature table; old documents keep a NULL cluster (not clustered)
 * and have no signature. */
static const char MIGRATE_1_2[] =
    "ALTER TABLE documents ADD COLUMN cluster INTEGER;"
    "ALTER TABLE documents ADD COLUMN near INTEGER;"
    "ALTER TABLE documents ADD COLUMN similarity REAL;"
    "ALTER TABLE events ADD COLUMN mday INTEGER;"
    "DROP VIEW IF EXISTS mentions;" MINHASH_TABLE MENTIONS_VIEW;

/* The merged table's key (dyad, then time) serves `dyad` queries; this
 * index serves provenance (the mentions view). A bulk load builds it at
 * the end. */
static const char INDEXES[] =
    "CREATE INDEX IF NOT EXISTS events_merged ON events(mkey, day);";

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
    S_NSTMT
};

/* The start and the conflict clause of an insert into merged (the
 * statements below, and agg_flush()'s of several rows). */
#define MERGED_INSERT                                                        \
    "INSERT INTO merged(source_country, target_country, bucket, mkey,"      \
    " source, target, source_name, target_name, code, root, quad,"          \
    " goldstein, day, mentions) VALUES"
#define MERGED_UPSERT                                                        \
    " ON CONFLICT(source_country, target_country, bucket, mkey) DO UPDATE"  \
    " SET mentions = mentions + excluded.mentions,"                          \
    " day = min(day, excluded.day)"
#define MERGED_ROW                                                           \
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
/* Rows of one statement when agg_flush() writes merged events. */
#define FLUSH_ROWS 32

static const char *const SQL[S_NSTMT] = {
    "INSERT INTO documents(hash, docid, date, source, url, title)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(hash) DO NOTHING",
    "SELECT id FROM documents WHERE hash = ?1",
    "INSERT OR IGNORE INTO sentences(doc, idx, text) VALUES(?1, ?2, ?3)",
    "INSERT OR IGNORE INTO events(doc, sent, k, day, date, source,"
    " source_country, source_name, target, target_country, target_name,"
    " code, root, quad, goldstein, plover, context, negated, source_start,"
    " source_end, target_start, target_end, verb_start, verb_end, rule,"
    " pattern, mkey, mday) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,"
    " ?25, ?26, ?27, ?28)",
    MERGED_INSERT MERGED_ROW MERGED_UPSERT " RETURNING mentions",
    /* the same without RETURNING, for the end of a bulk load */
    MERGED_INSERT MERGED_ROW MERGED_UPSERT,
    /* and into a merged table that was empty: no conflict to look for */
    MERGED_INSERT MERGED_ROW,
    "UPDATE documents SET cluster = ?2, near = ?3, similarity = ?4"
    " WHERE id = ?1",
    "INSERT OR REPLACE INTO minhash(doc, sig) VALUES(?1, ?2)",
    /* the merge day of a document's factual event with this merge key
     * and country pair (the primary key's prefix: one document's rows) */
    "SELECT coalesce(mday, day) FROM events WHERE doc = ?1 AND mkey = ?2"
    " AND source_country = ?3 AND target_country = ?4 AND context = 0"
    " AND negated = 0 ORDER BY 1 LIMIT 1",
};

/* A merged event gathered in memory during a bulk load. */
typedef struct agg {
    char sc[4], tc[4];   /* country codes (the key, with bucket, mkey) */
    uint64_t pair;       /* sc and tc packed (pack_pair): sorts as they do */
    int32_t bucket, day; /* day: the first day of its mentions */
    int64_t mkey;
    uint32_t mentions;
    int quad;
    double goldstein;
    const char *source, *target, *source_name, *target_name, *code, *root;
} agg;

/* Distinct merged events a bulk load holds in memory before writing
 * them out (about 100 bytes each). */
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
    ent__strtab agg_strings; /* actor codes, names and codes, interned */
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

int ent_store_commit(ent_store *st)
{
    if (!st)
        return ENT_EINVAL;
    if (!st->in_txn)
        return ENT_OK;
    st->in_txn = 0;
    st->pending = 0;
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        fail(st, "commit");
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
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

/* Rebuild the merged events from the factual events with window w, in
 * one transaction that also records the window. */
static int remerge(ent_store *st, int w)
{
    char sql[1024];
    int rc;
    if ((rc = begin(st)) != ENT_OK)
        return rc;
    snprintf(sql, sizeof sql,
             "DELETE FROM merged;"
             "INSERT INTO merged SELECT source_country, target_country,"
             " coalesce(mday, day) / %d, mkey, source, target, source_name,"
             " target_name, code, root, quad, goldstein,"
             " min(coalesce(mday, day)), count(*) FROM events"
             " WHERE context = 0 AND negated = 0 GROUP BY 1, 2, 3, 4;",
             w);
    if ((rc = exec(st, sql, "re-merge events")) != ENT_OK ||
        (rc = meta_set(st, "window_days", w)) != ENT_OK ||
        (rc = meta_set(st, "bulk_pending", 0)) != ENT_OK)
        return rc;
    st->window = w;
    return ent_store_commit(st);
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
        return ENT_OK;
    }
    /* a store of version 1 gains the near-duplicate columns in place */
    if (version < 2) {
        if ((rc = begin(st)) || (rc = exec(st, MIGRATE_1_2, "migrate")) ||
            (rc = meta_set(st, "schema_version", 2)) ||
            (rc = ent_store_commit(st)))
            return rc;
        st->version = 2;
    }
    /* a new window, or a bulk load that was killed (its merged events
     * were in memory): merge all events again */
    if (pending ||
        (cfg && cfg->window_days > 0 && cfg->window_days != st->window)) {
        rc = remerge(st, cfg && cfg->window_days > 0 ? cfg->window_days
                                                     : st->window);
        if (rc)
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
    sqlite3_close(st->db);
    a = st->alloc;
    ent__imap_free(a.fn ? &a : NULL, &st->agg_idx);
    ent__free(a.fn ? &a : NULL, st->agg);
    ent__strtab_free(a.fn ? &a : NULL, &st->agg_strings);
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
                            "SELECT count(*) FROM (SELECT 1 FROM merged"
                            " LIMIT 1)",
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
    if (step_reset(q) != SQLITE_DONE)
        return fail(st, "insert document");
    if (sqlite3_changes(st->db) > 0) {
        *doc = sqlite3_last_insert_rowid(st->db);
        st->pending++;
        return ENT_OK;
    }
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

/* Bind merged event m to the 14 parameters of q after the first base:
 * the columns of MERGED_INSERT in order. Strings are borrowed until q is
 * reset. */
static void bind_merged(sqlite3_stmt *q, int base, const agg *m)
{
    bind_str(q, base + 1, m->sc);
    bind_str(q, base + 2, m->tc);
    sqlite3_bind_int64(q, base + 3, m->bucket);
    sqlite3_bind_int64(q, base + 4, m->mkey);
    bind_str(q, base + 5, m->source);
    bind_str(q, base + 6, m->target);
    bind_str(q, base + 7, m->source_name);
    bind_str(q, base + 8, m->target_name);
    bind_str(q, base + 9, m->code);
    bind_str(q, base + 10, m->root);
    sqlite3_bind_int(q, base + 11, m->quad);
    sqlite3_bind_double(q, base + 12, m->goldstein);
    sqlite3_bind_int64(q, base + 13, m->day);
    sqlite3_bind_int64(q, base + 14, m->mentions);
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

/* The merged-event view of a new factual event (strings borrowed). */
static void agg_of(const ent_store *st, const ent_store_event *e, int32_t day,
                   int64_t mkey, agg *m)
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
    m->source = e->source;
    m->target = e->target;
    m->source_name = e->source_name;
    m->target_name = e->target_name;
    m->code = e->code;
    m->root = e->root;
}

/* Whether x and y have the same key (their hashes matched). */
static int agg_same(const agg *x, const agg *y)
{
    return x->mkey == y->mkey && x->bucket == y->bucket &&
           x->pair == y->pair;
}

/* Order of the merged table's key. */
static int agg_cmp(const void *pa, const void *pb)
{
    const agg *x = pa, *y = pb;
    int c = (x->pair > y->pair) - (x->pair < y->pair);
    if (!c)
        c = (x->bucket > y->bucket) - (x->bucket < y->bucket);
    if (!c)
        c = (x->mkey > y->mkey) - (x->mkey < y->mkey);
    return c;
}

/* Write the merged events held in memory, in key order (sequential
 * B-tree access), and forget them. */
static int agg_flush(ent_store *st)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    size_t i;
    int rc = ENT_OK;
    sqlite3_stmt *q = NULL;
    if (st->nagg)
        qsort(st->agg, st->nagg, sizeof *st->agg, agg_cmp);
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
                                  "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        snprintf(sql + n, sizeof sql - n, "%s",
                 st->merged_empty ? "" : MERGED_UPSERT);
        if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
            rc = fail(st, "merge events");
    }
    for (i = 0; !rc && q && i + FLUSH_ROWS <= st->nagg; i += FLUSH_ROWS) {
        size_t j;
        for (j = 0; j < FLUSH_ROWS; j++)
            bind_merged(q, (int)j * 14, &st->agg[i + j]);
        if (step_reset(q) != SQLITE_DONE)
            rc = fail(st, "merge events");
    }
    sqlite3_finalize(q);
    for (; i < st->nagg && !rc; i++)
        rc = write_merged(st, &st->agg[i], NULL);
    st->merged_empty = 0;
    st->nagg = 0;
    ent__imap_free(a, &st->agg_idx);
    ent__strtab_free(a, &st->agg_strings);
    return rc;
}

/* Intern string s for the bulk merge (NULL as ""); NULL when out of
 * memory. Codes and names repeat, so each is kept once. */
static const char *agg_str(ent_store *st, const char *s)
{
    const ent_allocator *a = st->alloc.fn ? &st->alloc : NULL;
    uint32_t id;
    if (!s)
        s = "";
    if (ent__strtab_intern(a, &st->agg_strings, s, strlen(s), &id))
        return NULL;
    return st->agg_strings.str[id];
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
    if (!(n->source = agg_str(st, m->source)) ||
        !(n->target = agg_str(st, m->target)) ||
        !(n->source_name = agg_str(st, m->source_name)) ||
        !(n->target_name = agg_str(st, m->target_name)) ||
        !(n->code = agg_str(st, m->code)) ||
        !(n->root = agg_str(st, m->root)) ||
        ent__imap_put(a, &st->agg_idx, h, (uint32_t)st->nagg + 1))
        return failf(st, ENT_ENOMEM, "merge events: out of memory");
    st->nagg++;
    return ENT_OK;
}

/* ent_store_add_event() with merge day mday (< 0: the event's own day):
 * a near-duplicate story's event merges on the day of the event it
 * repeats. */
static int add_event(ent_store *st, const ent_store_event *e, int32_t mday,
                     int *added)
{
    sqlite3_stmt *q;
    int64_t mkey;
    int32_t day;
    int rc, joined = 0;
    if (added)
        *added = 0;
    if (!st || !e || !st->stmt[0])
        return ENT_EINVAL;
    if (!e->date || ent__date_days(e->date, &day))
        return failf(st, ENT_EINVAL, "event: bad date '%s'",
                     e->date ? e->date : "");
    if ((rc = begin(st)) != ENT_OK)
        return rc;
    mkey = merge_key(e);
    q = st->stmt[S_INS_EV];
    sqlite3_bind_int64(q, 1, e->doc);
    sqlite3_bind_int64(q, 2, e->sent);
    sqlite3_bind_int64(q, 3, e->k);
    sqlite3_bind_int64(q, 4, day);
    bind_str(q, 5, e->date);
    bind_str(q, 6, e->source);
    bind_str(q, 7, e->source_country);
    bind_str(q, 8, e->source_name);
    bind_str(q, 9, e->target);
    bind_str(q, 10, e->target_country);
    bind_str(q, 11, e->target_name);
    bind_str(q, 12, e->code);
    bind_str(q, 13, e->root);
    sqlite3_bind_int(q, 14, e->quad);
    sqlite3_bind_double(q, 15, e->goldstein);
    bind_str(q, 16, e->plover);
    sqlite3_bind_int(q, 17, (int)e->context);
    sqlite3_bind_int(q, 18, e->negated);
    sqlite3_bind_int64(q, 19, e->source_span.start);
    sqlite3_bind_int64(q, 20, e->source_span.end);
    sqlite3_bind_int64(q, 21, e->target_span.start);
    sqlite3_bind_int64(q, 22, e->target_span.end);
    sqlite3_bind_int64(q, 23, e->verb_span.start);
    sqlite3_bind_int64(q, 24, e->verb_span.end);
    bind_str(q, 25, e->rule);
    bind_str(q, 26, e->pattern);
    sqlite3_bind_int64(q, 27, mkey);
    if (mday >= 0)
        sqlite3_bind_int64(q, 28, mday);
    else
        sqlite3_bind_null(q, 28);
    if (step_reset(q) != SQLITE_DONE)
        return fail(st, "insert event");
    if (sqlite3_changes(st->db) == 0)
        return maybe_commit(st);
    if (e->context == 0 && !e->negated) {
        agg m;
        agg_of(st, e, mday >= 0 ? mday : day, mkey, &m);
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
    return add_event(st, e, -1, added);
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

/* Signature v as the 512-byte blob of the minhash table (little-endian,
 * whatever the machine). */
static void sig_to_blob(const ent_minhash *sig, unsigned char *blob)
{
    int i;
    for (i = 0; i < ENT_MINHASH_N; i++) {
        uint32_t x = sig->v[i];
        blob[4 * i] = (unsigned char)x;
        blob[4 * i + 1] = (unsigned char)(x >> 8);
        blob[4 * i + 2] = (unsigned char)(x >> 16);
        blob[4 * i + 3] = (unsigned char)(x >> 24);
    }
}

/* The signature stored as blob (n bytes); ENT_EFORMAT when n is not the
 * size of one. */
static int blob_to_sig(const unsigned char *blob, int n, ent_minhash *sig)
{
    int i;
    if (!blob || n != 4 * ENT_MINHASH_N)
        return ENT_EFORMAT;
    for (i = 0; i < ENT_MINHASH_N; i++)
        sig->v[i] = (uint32_t)blob[4 * i] | (uint32_t)blob[4 * i + 1] << 8 |
                    (uint32_t)blob[4 * i + 2] << 16 |
                    (uint32_t)blob[4 * i + 3] << 24;
    sig->nshingles = 1;
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
        unsigned char blob[4 * ENT_MINHASH_N];
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
 * (same merge key and country pair) into *mday; -1 when it has none. */
static int repeated_day(ent_store *st, int64_t doc, const ent_store_event *e,
                        int32_t *mday)
{
    sqlite3_stmt *q = st->stmt[S_FIND_EV];
    int rc;
    *mday = -1;
    sqlite3_bind_int64(q, 1, doc);
    sqlite3_bind_int64(q, 2, merge_key(e));
    bind_str(q, 3, e->source_country);
    bind_str(q, 4, e->target_country);
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
    int64_t id;
    size_t i;
    int rc, was = 0, added, near = 0;
    if (existed)
        *existed = 0;
    if (nevents)
        *nevents = 0;
    if (!st || !doc || !res || (!doc->text && doc->text_len))
        return ENT_EINVAL;
    memset(&d, 0, sizeof d);
    memset(&m, 0, sizeof m);
    d.hash = ent__hash(doc->text ? doc->text : "", doc->text_len);
    d.id = doc->id;
    d.date = doc->date;
    d.source = source;
    d.title = doc->title;
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
        /* a near-duplicate story's event that repeats one of the
         * cluster's first document (or of the copy it resembles most) is
         * a further mention of that event */
        if (m.near && !e.context) {
            rc = repeated_day(st, m.cluster, &e, &mday);
            if (!rc && mday < 0 && m.near != m.cluster)
                rc = repeated_day(st, m.near, &e, &mday);
            if (rc)
                break;
        }
        rc = add_event(st, &e, mday, &added);
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
    if ((rc = query_int(st, "SELECT count(*) FROM documents", &v[0])) ||
        (rc = query_int(st, "SELECT count(*) FROM sentences", &v[1])) ||
        (rc = query_int(st, "SELECT count(*) FROM events", &v[2])) ||
        (rc = query_int(st, "SELECT count(*) FROM merged", &v[3])) ||
        (rc = query_int(st, "SELECT coalesce(sum(mentions), 0) FROM merged",
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
    int star = 0;
    char cc[64] = "";
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
    if (star)
        snprintf(out, outlen, "%s%s GLOB '%s'", cc, col, arg);
    else if (n == 3)
        snprintf(out, outlen, "%s_country = '%s'", col, arg);
    else
        snprintf(out, outlen, "%s%s = '%s'", cc, col, arg);
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
             "SELECT day, quad, goldstein, mentions FROM merged WHERE %s AND"
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

int ent__store_pairs(ent_store *st, const char *from, const char *to,
                     int level, int mentions, ent__pair_fn fn, void *ud)
{
    sqlite3_stmt *s = NULL;
    int32_t d0 = 0, d1 = INT32_MAX;
    int rc;
    if (from && ent__bound_day(from, 0, &d0))
        return failf(st, ENT_EINVAL,
                     "bad date '%s' (YYYY, YYYY-MM or YYYY-MM-DD)", from);
    if (to && ent__bound_day(to, 1, &d1))
        return failf(st, ENT_EINVAL,
                     "bad date '%s' (YYYY, YYYY-MM or YYYY-MM-DD)", to);
    if (st->in_txn && (rc = ent_store_commit(st)) != ENT_OK)
        return rc;
    /* one pass over the table in key order, the grouping left to the
     * caller's hash table: a GROUP BY on computed nodes sorts every row
     * (twice the time and 150 MB at 1M events) */
    if (sqlite3_prepare_v2(st->db,
                           "SELECT source, source_country, target,"
                           " target_country, goldstein, mentions FROM merged"
                           " WHERE day BETWEEN ?1 AND ?2",
                           -1, &s, NULL) != SQLITE_OK)
        return fail(st, "network query");
    sqlite3_bind_int64(s, 1, d0);
    sqlite3_bind_int64(s, 2, d1);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *a = node_of((const char *)sqlite3_column_text(s, 0),
                                (const char *)sqlite3_column_text(s, 1),
                                level);
        const char *b = node_of((const char *)sqlite3_column_text(s, 2),
                                (const char *)sqlite3_column_text(s, 3),
                                level);
        int64_t w = mentions ? sqlite3_column_int64(s, 5) : 1;
        int r;
        if (!*a || !*b || !strcmp(a, b))
            continue;
        r = fn(ud, a, b, (uint64_t)w, sqlite3_column_double(s, 4) * (double)w);
        if (r) {
            sqlite3_finalize(s);
            return r;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ENT_OK : fail(st, "network query");
}
