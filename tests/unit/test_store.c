/*
 * test_store.c -- the event store: round trip, idempotency, duplicate
 * merging, dyad aggregation against hand-computed figures, actor
 * patterns, event import (ICEWS, GDELT, JSONL) and error paths.
 */
#include "entente.h"
#include "harness.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

void test_store_roundtrip(void);
void test_store_idempotent(void);
/* Run a dyad query on st into w and compare its rows with want. */
#define EXPECT_DYAD(a, b, by, from, to, mentions, want)                        \
    do {                                                                       \
        CHECK_INT(dyad(st, a, b, by, from, to, mentions, &w), ENT_OK);         \
        CHECK_STR(w.text, want);                                               \
    } while (0)

void test_store_merge_window(void);
void test_store_dyad(void);
void test_store_errors(void);
void test_store_dyad_series(void);
void test_store_network(void);
void test_store_import(void);
void test_store_alloc_failures(void);
void test_store_migrate(void);
void test_store_migrate_v2(void);
void test_store_fields(void);
void test_store_coded(void);

/* A fresh database path under /tmp (removed with its WAL files). */
static void tmp_db(char *path, size_t n, const char *name)
{
    char cmd[600];
    snprintf(path, n, "/tmp/entente-unit-%ld-%s.db", (long)getpid(), name);
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'", path, path, path);
    if (system(cmd) != 0)
        printf("    could not clear %s\n", path);
}

void th_rm_db(const char *path)
{
    char p[600];
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    unlink(path);
}

static ent_store *open_store(const char *path, unsigned flags, int window)
{
    ent_store_config cfg;
    ent_store *st = NULL;
    char err[1024];
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = flags;
    cfg.window_days = window;
    if (ent_store_open(path, &cfg, &st, err, sizeof err))
        printf("    open: %s\n", err);
    return st;
}

/* Add a document keyed by id; returns its row id. */
static int64_t doc(ent_store *st, const char *id, const char *date)
{
    ent_store_doc d;
    int64_t row = 0;
    memset(&d, 0, sizeof d);
    d.hash = (uint64_t)strlen(id) * 1000003u + (unsigned char)id[0] * 7u +
             (unsigned char)id[strlen(id) - 1];
    d.id = id;
    d.date = date;
    CHECK_INT(ent_store_add_doc(st, &d, &row, NULL), ENT_OK);
    return row;
}

int th_store_event(ent_store *st, int64_t dk, int k, const char *date,
                   const char *src, const char *tgt, const char *code,
                   int quad, double gs)
{
    ent_store_event e;
    char sc[4], tc[4];
    int added = -1;
    memset(&e, 0, sizeof e);
    snprintf(sc, sizeof sc, "%.3s", src);
    snprintf(tc, sizeof tc, "%.3s", tgt);
    e.doc = dk;
    e.k = k;
    e.date = date;
    e.source = src;
    e.source_country = sc;
    e.target = tgt;
    e.target_country = tc;
    e.code = code;
    e.root = "04";
    e.quad = quad;
    e.goldstein = gs;
    e.rule = "test";
    CHECK_INT(ent_store_add_event(st, &e, &added), ENT_OK);
    return added;
}

void test_store_roundtrip(void)
{
    char path[512];
    ent_store *st;
    ent_store_counts c;
    int64_t d1, d2;
    int existed = -1;
    ent_store_doc d;
    tmp_db(path, sizeof path, "rt");
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (!st)
        return;
    CHECK_INT(ent_store_window(st), 1);
    d1 = doc(st, "a", "2022-02-04");
    CHECK(d1 > 0);
    CHECK_INT(ent_store_add_sentence(st, d1, 0, "Xi met Putin.", 13), ENT_OK);
    CHECK_INT(th_store_event(st, d1, 0, "2022-02-04", "CHNGOV", "RUSGOV", "040", 1, 1.0),
              1);
    CHECK_INT(th_store_event(st, d1, 1, "2022-02-04", "RUSGOV", "CHNGOV", "040", 1, 1.0),
              1);
    /* the same document again: found, not added */
    memset(&d, 0, sizeof d);
    d.hash = 1 * 1000003u + 'a' * 7u + 'a';
    d.id = "a";
    d.date = "2022-02-04";
    CHECK_INT(ent_store_add_doc(st, &d, &d2, &existed), ENT_OK);
    CHECK_INT(d2, d1);
    CHECK_INT(existed, 1);
    CHECK_INT(ent_store_close(st), ENT_OK);
    st = open_store(path, ENT_STORE_READONLY, 0);
    if (!st)
        return;
    CHECK_INT(ent_store_count(st, &c), ENT_OK);
    CHECK_INT(c.documents, 1);
    CHECK_INT(c.sentences, 1);
    CHECK_INT(c.events, 2);
    CHECK_INT(c.merged, 2);
    CHECK_INT(c.mentions, 2);
    /* read-only: no writes */
    CHECK_INT(ent_store_add_doc(st, &d, &d2, NULL), ENT_EINVAL);
    ent_store_close(st);
    th_rm_db(path);
}

/* Load the same three documents; returns the counts. */
static void load_three(ent_store *st, int *added)
{
    int64_t a = doc(st, "one", "2022-02-04"), b = doc(st, "two", "2022-02-04"),
            c = doc(st, "three", "2022-02-05");
    added[0] = th_store_event(st, a, 0, "2022-02-04", "CHNGOV", "RUSGOV", "040", 1, 1.0);
    added[1] = th_store_event(st, b, 0, "2022-02-04", "CHNGOV", "RUSGOV", "040", 1, 1.0);
    added[2] = th_store_event(st, c, 0, "2022-02-05", "CHNGOV", "RUSGOV", "040", 1, 1.0);
    added[3] = th_store_event(st, c, 1, "2022-02-05", "CHNGOV", "RUSGOV", "057", 1, 8.0);
}

void test_store_idempotent(void)
{
    char path[512];
    ent_store *st;
    ent_store_counts c1, c2;
    int added[4];
    tmp_db(path, sizeof path, "idem");
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (!st)
        return;
    load_three(st, added);
    CHECK_INT(added[0], 1);
    CHECK_INT(added[1], 2); /* merged into the first */
    CHECK_INT(added[2], 1); /* another day */
    CHECK_INT(added[3], 1); /* another code */
    CHECK_INT(ent_store_count(st, &c1), ENT_OK);
    ent_store_close(st);
    st = open_store(path, 0, 0);
    if (!st)
        return;
    load_three(st, added);
    CHECK_INT(added[0] + added[1] + added[2] + added[3], 0);
    CHECK_INT(ent_store_count(st, &c2), ENT_OK);
    CHECK_INT(c2.documents, c1.documents);
    CHECK_INT(c2.events, c1.events);
    CHECK_INT(c2.merged, c1.merged);
    CHECK_INT(c2.mentions, c1.mentions);
    CHECK_INT(c1.documents, 3);
    CHECK_INT(c1.events, 4);
    CHECK_INT(c1.merged, 3);
    ent_store_close(st);
    th_rm_db(path);
}

/* Collects dyad rows as text lines "period dir total q0..q4 gs". */
typedef struct rows {
    char text[4096];
    int n;
} rows;

static void collect(void *ud, const ent_dyad_row *r)
{
    rows *w = ud;
    size_t l = strlen(w->text);
    snprintf(w->text + l, sizeof w->text - l,
             "%s %d %llu %llu/%llu/%llu/%llu/%llu %.1f\n", r->period, r->dir,
             (unsigned long long)r->total, (unsigned long long)r->quad[0],
             (unsigned long long)r->quad[1], (unsigned long long)r->quad[2],
             (unsigned long long)r->quad[3], (unsigned long long)r->quad[4],
             r->goldstein);
    w->n++;
}

/* Run a dyad query into w (cleared); returns the status. */
static int dyad(ent_store *st, const char *a, const char *b, int by,
                const char *from, const char *to, int mentions, rows *w)
{
    ent_dyad_query q;
    memset(&q, 0, sizeof q);
    memset(w, 0, sizeof *w);
    q.a = a;
    q.b = b;
    q.by = by;
    q.from = from;
    q.to = to;
    q.mentions = mentions;
    return ent_store_dyad(st, &q, collect, w);
}

void test_store_merge_window(void)
{
    char path[512];
    ent_store *st;
    ent_store_counts c;
    int added[4];
    rows w;
    tmp_db(path, sizeof path, "win");
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (!st)
        return;
    load_three(st, added);
    /* default window (same day): 040 on the 4th (2 mentions), 040 on the
     * 5th, 057 on the 5th */
    EXPECT_DYAD("CHN", "RUS", ENT_BY_MONTH, NULL, NULL, 0,
                "2022-02 0 3 0/3/0/0/0 10.0\n");
    EXPECT_DYAD("CHN", "RUS", ENT_BY_MONTH, NULL, NULL, 1,
                "2022-02 0 4 0/4/0/0/0 11.0\n");
    ent_store_close(st);
    /* a 7-day window re-merges: the two 040 days are one event */
    st = open_store(path, 0, 7);
    if (!st)
        return;
    CHECK_INT(ent_store_window(st), 7);
    CHECK_INT(ent_store_count(st, &c), ENT_OK);
    CHECK_INT(c.merged, 2);
    CHECK_INT(c.mentions, 4);
    EXPECT_DYAD("CHN", "RUS", ENT_BY_MONTH, NULL, NULL, 0,
                "2022-02 0 2 0/2/0/0/0 9.0\n");
    ent_store_close(st);
    /* reopened without a window: the store keeps 7 */
    st = open_store(path, 0, 0);
    if (st)
        CHECK_INT(ent_store_window(st), 7);
    ent_store_close(st);
    th_rm_db(path);
}

/* The dyad fixture: hand-computed figures below. */
static void dyad_fixture(ent_store *st)
{
    int64_t d = doc(st, "fixture", "2022-01-03");
    /* Monday 2022-01-03 .. Sunday 2022-01-09 is one week */
    th_store_event(st, d, 0, "2022-01-03", "CHNGOV", "RUSGOV", "040", 1, 1.0);
    th_store_event(st, d, 1, "2022-01-09", "CHNMIL", "RUSMIL", "062", 2, 7.4);
    th_store_event(st, d, 2, "2022-01-10", "RUSGOV", "CHNGOV", "112", 3, -2.0);
    th_store_event(st, d, 3, "2022-02-01", "RUS", "CHN", "190", 4, -10.0);
    th_store_event(st, d, 4, "2022-04-01", "CHN", "RUS", "010", 0, 0.0);
    th_store_event(st, d, 5, "2023-01-01", "CHNGOV", "USA", "040", 1, 1.0);
    th_store_event(st, d, 6, "2023-01-01", "CHNMILNAV", "RUS", "062", 2, 7.4);
}

void test_store_dyad(void)
{
    char path[512];
    ent_store *st;
    rows w;
    tmp_db(path, sizeof path, "dyad");
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (!st)
        return;
    dyad_fixture(st);
    EXPECT_DYAD("CHN", "RUS", ENT_BY_MONTH, NULL, NULL, 0,
                "2022-01 0 2 0/1/1/0/0 8.4\n"
                "2022-01 1 1 0/0/0/1/0 -2.0\n"
                "2022-02 1 1 0/0/0/0/1 -10.0\n"
                "2022-04 0 1 1/0/0/0/0 0.0\n"
                "2023-01 0 1 0/0/1/0/0 7.4\n");
    EXPECT_DYAD("CHN", "RUS", ENT_BY_WEEK, NULL, "2022-01", 0,
                "2022-01-03 0 2 0/1/1/0/0 8.4\n"
                "2022-01-10 1 1 0/0/0/1/0 -2.0\n");
    EXPECT_DYAD("CHN", "RUS", ENT_BY_QUARTER, "2022-01-09", "2022-12-31", 0,
                "2022-Q1 0 1 0/0/1/0/0 7.4\n"
                "2022-Q1 1 2 0/0/0/1/1 -12.0\n"
                "2022-Q2 0 1 1/0/0/0/0 0.0\n");
    EXPECT_DYAD("CHN", "RUS", ENT_BY_YEAR, "2023", NULL, 0,
                "2023 0 1 0/0/1/0/0 7.4\n");
    CHECK_INT(
        dyad(st, "CHN", "RUS", ENT_BY_DAY, "2022-01-09", "2022-01-09", 0, &w),
        ENT_OK);
    CHECK_STR(w.text, "2022-01-09 0 1 0/0/1/0/0 7.4\n");
    /* full codes and patterns */
    EXPECT_DYAD("CHNGOV", "RUSGOV", ENT_BY_YEAR, NULL, NULL, 0,
                "2022 0 1 0/1/0/0/0 1.0\n2022 1 1 0/0/0/1/0 -2.0\n");
    EXPECT_DYAD("CHN*MIL", "USA", ENT_BY_YEAR, NULL, NULL, 0, "");
    EXPECT_DYAD("CHN*NAV", "RUS", ENT_BY_YEAR, NULL, NULL, 0,
                "2023 0 1 0/0/1/0/0 7.4\n");
    EXPECT_DYAD("CHN*MIL", "RUS*", ENT_BY_YEAR, NULL, NULL, 0,
                "2022 0 1 0/0/1/0/0 7.4\n");
    EXPECT_DYAD("CHN*MIL*", "RUS*", ENT_BY_YEAR, NULL, NULL, 0,
                "2022 0 1 0/0/1/0/0 7.4\n2023 0 1 0/0/1/0/0 7.4\n");
    EXPECT_DYAD("CHN", "USA", ENT_BY_YEAR, NULL, NULL, 0,
                "2023 0 1 0/1/0/0/0 1.0\n");
    /* bad arguments */
    CHECK_INT(dyad(st, "chn", "RUS", ENT_BY_YEAR, NULL, NULL, 0, &w),
              ENT_EINVAL);
    CHECK(strstr(ent_store_errmsg(st), "bad actor 'chn'") != NULL);
    CHECK_INT(dyad(st, "CHN' OR 1=1 --", "RUS", ENT_BY_YEAR, NULL, NULL, 0, &w),
              ENT_EINVAL);
    CHECK_INT(dyad(st, "", "RUS", ENT_BY_YEAR, NULL, NULL, 0, &w), ENT_EINVAL);
    CHECK_INT(dyad(st, "CHN", "RUS", 9, NULL, NULL, 0, &w), ENT_EINVAL);
    CHECK_INT(dyad(st, "CHN", "RUS", ENT_BY_YEAR, "2022-13", NULL, 0, &w),
              ENT_EINVAL);
    CHECK(strstr(ent_store_errmsg(st), "bad date '2022-13'") != NULL);
    CHECK_INT(w.n, 0);
    ent_store_close(st);
    th_rm_db(path);
}

/* A new store at a fresh path holding the dyad fixture, or NULL. */
static ent_store *fixture_store(char *path, size_t n, const char *name)
{
    ent_store *st;
    tmp_db(path, n, name);
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (st)
        dyad_fixture(st);
    return st;
}

/* Dense series over the dyad fixture: every period of the range, the
 * empty ones zero. */
void test_store_dyad_series(void)
{
    char path[512];
    ent_store *st;
    ent_dyad_query q;
    ent_dyad_series s;
    st = fixture_store(path, sizeof path, "series");
    if (!st)
        return;
    memset(&q, 0, sizeof q);
    q.a = "CHN";
    q.b = "RUS";
    q.by = ENT_BY_MONTH;
    /* 2022-01 .. 2023-01: 13 months, 2022-03 empty */
    CHECK_INT(ent_store_dyad_series(st, &q, &s), ENT_OK);
    CHECK_INT(s.n, 13);
    if (s.n == 13) {
        CHECK_STR(s.period[0], "2022-01");
        CHECK_STR(s.period[2], "2022-03");
        CHECK_STR(s.period[12], "2023-01");
        CHECK_INT(s.row[0][0].total, 2);
        CHECK_INT(s.row[1][0].total, 1);
        CHECK_INT(s.row[1][1].quad[4], 1);
        CHECK_INT(s.row[0][2].total + s.row[1][2].total, 0);
        CHECK_STR(s.row[1][2].period, "2022-03");
        CHECK_INT(s.row[1][2].dir, 1);
        CHECK_INT(s.row[0][3].quad[0], 1);
        CHECK_INT(s.row[0][12].quad[2], 1);
    }
    ent_dyad_series_free(&s);
    CHECK(s.period == NULL && s.n == 0);
    /* weeks from a Wednesday: the first period is that week (its Monday),
     * its events from the Wednesday on */
    q.by = ENT_BY_WEEK;
    q.from = "2022-01-05";
    q.to = "2022-02-01";
    CHECK_INT(ent_store_dyad_series(st, &q, &s), ENT_OK);
    CHECK_INT(s.n, 5);
    if (s.n == 5) {
        CHECK_STR(s.period[0], "2022-01-03");
        CHECK_STR(s.period[4], "2022-01-31");
        CHECK_INT(s.row[0][0].total, 1);
        CHECK_INT(s.row[1][1].total, 1);
        CHECK_INT(s.row[1][4].total, 1); /* 2022-02-01 is in that week */
    }
    ent_dyad_series_free(&s);
    q.by = ENT_BY_QUARTER;
    q.from = "2021";
    q.to = NULL;
    CHECK_INT(ent_store_dyad_series(st, &q, &s), ENT_OK);
    CHECK_INT(s.n, 9); /* 2021-Q1 .. 2023-Q1 */
    if (s.n == 9) {
        CHECK_STR(s.period[0], "2021-Q1");
        CHECK_STR(s.period[8], "2023-Q1");
        CHECK_INT(s.row[0][4].total, 2);
        CHECK_INT(s.row[1][4].total, 2);
    }
    ent_dyad_series_free(&s);
    /* no events, open range: nothing; too many periods: an error */
    q.a = "FRA";
    q.from = NULL;
    CHECK_INT(ent_store_dyad_series(st, &q, &s), ENT_OK);
    CHECK_INT(s.n, 0);
    ent_dyad_series_free(&s);
    q.by = ENT_BY_DAY;
    q.from = "1000";
    q.to = "9000";
    CHECK_INT(ent_store_dyad_series(st, &q, &s), ENT_EINVAL);
    CHECK(strstr(ent_store_errmsg(st), "more than 100000 periods") != NULL);
    CHECK(s.period == NULL && s.n == 0);
    q.from = "2022-13";
    CHECK_INT(ent_store_dyad_series(st, &q, &s), ENT_EINVAL);
    CHECK_INT(ent_store_dyad_series(st, NULL, &s), ENT_EINVAL);
    ent_dyad_series_free(NULL);
    ent_store_close(st);
    th_rm_db(path);
}

/* The network of the dyad fixture, by hand: CHN -> RUS 4 events (040,
 * 062, 010, 062: 15.8), RUS -> CHN 2 (112, 190: -12.0), CHN -> USA 1
 * (1.0). */
void test_store_network(void)
{
    char path[512];
    ent_store *st;
    ent_network_query q;
    ent_network *net = (ent_network *)&q; /* must be set */
    st = fixture_store(path, sizeof path, "network");
    if (!st)
        return;
    memset(&q, 0, sizeof q);
    CHECK_INT(ent_store_network(st, &q, &net), ENT_OK);
    CHECK(net != NULL && net->nnodes == 3 && net->nedges == 2);
    if (net && net->nnodes == 3 && net->nedges == 2) {
        const ent_net_edge *e = &net->edges[0];
        CHECK_STR(net->nodes[0].id, "CHN");
        CHECK_STR(net->nodes[1].id, "RUS");
        CHECK_STR(net->nodes[2].id, "USA");
        CHECK_INT(net->nodes[0].events, 7);
        CHECK_INT(net->nodes[1].events, 6);
        CHECK_INT(e->a, 0);
        CHECK_INT(e->b, 1);
        CHECK_INT(e->events[0], 4);
        CHECK_INT(e->events[1], 2);
        CHECK(fabs(e->goldstein[0] - 15.8) < 1e-9);
        CHECK(fabs(e->goldstein[1] + 12.0) < 1e-9);
        CHECK_INT(net->edges[1].b, 2);
        CHECK_INT(net->nodes[0].community, 0);
        CHECK_INT(net->nodes[2].community, 0); /* CHN-USA: 1.0 */
        CHECK_INT(net->nodes[1].community, 0); /* CHN-RUS: 3.8 */
    }
    ent_network_free(net);
    /* cuts: edges of 2 events or more; the top node; a range */
    q.min_events = 2;
    CHECK_INT(ent_store_network(st, &q, &net), ENT_OK);
    CHECK(net && net->nnodes == 2 && net->nedges == 1);
    ent_network_free(net);
    q.min_events = 0;
    q.top = 1;
    CHECK_INT(ent_store_network(st, &q, &net), ENT_OK);
    CHECK(net && net->nnodes == 1 && net->nedges == 0);
    if (net && net->nnodes == 1)
        CHECK_STR(net->nodes[0].id, "CHN");
    ent_network_free(net);
    q.top = 0;
    q.from = "2023";
    CHECK_INT(ent_store_network(st, &q, &net), ENT_OK);
    CHECK(net && net->nedges == 2 && net->edges[0].events[0] == 1);
    ent_network_free(net);
    /* actors: CHNGOV <-> RUSGOV both ways, CHNMIL -> RUSMIL, ... */
    q.from = NULL;
    q.level = ENT_NET_ACTOR;
    CHECK_INT(ent_store_network(st, &q, &net), ENT_OK);
    CHECK(net && net->nnodes == 8);
    if (net && net->nnodes == 8) {
        CHECK_STR(net->nodes[0].id, "CHN");
        CHECK_STR(net->nodes[1].id, "CHNGOV");
        CHECK_INT(net->edges[0].a, 0); /* CHN -> RUS 010 */
    }
    ent_network_free(net);
    /* errors */
    q.level = 7;
    CHECK_INT(ent_store_network(st, &q, &net), ENT_EINVAL);
    CHECK(net == NULL);
    q.level = ENT_NET_COUNTRY;
    q.to = "2022-13";
    CHECK_INT(ent_store_network(st, &q, &net), ENT_EINVAL);
    CHECK(strstr(ent_store_errmsg(st), "bad date '2022-13'") != NULL);
    CHECK_INT(ent_store_network(NULL, &q, &net), ENT_EINVAL);
    ent_store_close(st);
    th_rm_db(path);
}

void test_store_errors(void)
{
    char path[512], err[1024];
    ent_store *st = (ent_store *)&path; /* must be reset to NULL */
    ent_store_config cfg;
    th_failer fl;
    ent_allocator al;
    FILE *f;
    memset(&cfg, 0, sizeof cfg);
    /* missing, without ENT_STORE_CREATE */
    CHECK_INT(ent_store_open("/tmp/entente-no-such-dir/x.db", &cfg, &st, err,
                             sizeof err),
              ENT_EIO);
    CHECK(st == NULL);
    CHECK(strstr(err, "/tmp/entente-no-such-dir/x.db: cannot open") != NULL);
    /* not a database */
    tmp_db(path, sizeof path, "junk");
    f = fopen(path, "w");
    if (f) {
        fputs("this is not an SQLite database, just some text that is long "
              "enough to have a header's worth of bytes in it..........\n",
              f);
        fclose(f);
    }
    CHECK_INT(ent_store_open(path, &cfg, &st, err, sizeof err), ENT_EIO);
    CHECK(st == NULL);
    CHECK(strstr(err, "not a database") != NULL);
    th_rm_db(path);
    /* a database of something else */
    tmp_db(path, sizeof path, "other");
    cfg.flags = ENT_STORE_CREATE;
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (st) {
        ent_store_doc d;
        int64_t row;
        memset(&d, 0, sizeof d);
        d.id = "x";
        d.date = "2022-02-30";
        CHECK_INT(ent_store_add_doc(st, &d, &row, NULL), ENT_EINVAL);
        CHECK(strstr(ent_store_errmsg(st), "bad date '2022-02-30'") != NULL);
        CHECK_INT(th_store_event(st, 1, 0, "2022-02-04", "A", "B", "040", 1, 1.0), 1);
        ent_store_close(st);
    }
    f = popen("sqlite3 /dev/null 'select 1' >/dev/null 2>&1 && echo yes", "r");
    if (f) {
        char yes[8] = "";
        if (fgets(yes, sizeof yes, f) && !strncmp(yes, "yes", 3)) {
            char cmd[800];
            /* a newer schema is refused */
            snprintf(cmd, sizeof cmd,
                     "sqlite3 '%s' \"UPDATE meta SET value = 99 WHERE key = "
                     "'schema_version'\"",
                     path);
            CHECK_INT(system(cmd), 0);
            CHECK_INT(ent_store_open(path, &cfg, &st, err, sizeof err),
                      ENT_EFORMAT);
            CHECK(strstr(err, "schema version 99 is newer") != NULL);
            th_rm_db(path);
            snprintf(cmd, sizeof cmd, "sqlite3 '%s' 'CREATE TABLE t(x)'", path);
            CHECK_INT(system(cmd), 0);
            CHECK_INT(ent_store_open(path, &cfg, &st, err, sizeof err),
                      ENT_EIO);
            CHECK(strstr(err, "not an entente store") != NULL);
        }
        pclose(f);
    }
    th_rm_db(path);
    /* out of memory for the handle */
    memset(&fl, 0, sizeof fl);
    fl.fail_at = 1;
    al.fn = th_failing_alloc;
    al.ud = &fl;
    cfg.alloc = &al;
    tmp_db(path, sizeof path, "oom");
    CHECK_INT(ent_store_open(path, &cfg, &st, err, sizeof err), ENT_ENOMEM);
    CHECK(st == NULL);
    CHECK(strstr(err, "out of memory") != NULL);
    /* NULL arguments */
    CHECK_INT(ent_store_open(NULL, NULL, &st, err, sizeof err), ENT_EINVAL);
    CHECK_INT(ent_store_close(NULL), ENT_OK);
    CHECK_INT(ent_store_count(NULL, NULL), ENT_EINVAL);
    th_rm_db(path);
}

/* Write text to path. */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
}

static ent_dict *fixture_dict(void)
{
    ent_dict_config cfg;
    ent_dict *d = NULL;
    char err[512];
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = th_dict_dir;
    if (ent_dict_load(&cfg, &d, err, sizeof err))
        printf("    fixture: %s\n", err);
    return d;
}

/* Write text to path, clear *es and import path with format fmt;
 * returns the status. */
static int import_text(ent_store *st, const ent_dict *d, const char *path,
                       const char *text, int fmt, ent_events_stats *es,
                       char *err, size_t errlen)
{
    if (text)
        write_file(path, text);
    memset(es, 0, sizeof *es);
    return ent_store_import(st, d, path, fmt, es, err, errlen);
}

void test_store_import(void)
{
    char path[512], in[600], err[1024];
    ent_dict *d = fixture_dict();
    ent_store *st;
    ent_events_stats es;
    ent_store_counts c;
    rows w;
    if (!d)
        return;
    tmp_db(path, sizeof path, "imp");
    snprintf(in, sizeof in, "%s.in", path);
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (!st) {
        ent_dict_free(d);
        return;
    }
    /* ICEWS: names to codes; "Host a visit" is in the fixture table */
    CHECK_INT(
        import_text(st, d, in,
                    "China\tMake a visit\tRussia\t2014-03-06\n"
                    "Xi Jinping\tHost a visit\tVladimir Putin\t2014-03-07\n"
                    "Police (China)\tmake a VISIT\tCitizen (Russia)\t"
                    "2014-03-07\n"
                    "Nobody\tDance a jig\tRussia\t2014-03-08\n"
                    "Someone Unknown\tConsult\tRussia\t2014-03-08\n",
                    ENT_EVENTS_AUTO, &es, err, sizeof err),
        ENT_OK);
    CHECK_INT(es.format, ENT_EVENTS_ICEWS);
    CHECK_INT(es.lines, 5);
    CHECK_INT(es.events, 4);
    CHECK_INT(es.stored, 4);
    CHECK_INT(es.unknown_codes, 1);
    CHECK_INT(es.unresolved, 1);
    CHECK_INT(es.documents, 1);
    EXPECT_DYAD("CHN", "RUS", ENT_BY_DAY, NULL, NULL, 0,
                "2014-03-06 0 1 0/1/0/0/0 1.9\n"
                "2014-03-07 0 2 0/2/0/0/0 4.7\n");
    EXPECT_DYAD("CHNGOV", "RUSGOV", ENT_BY_DAY, NULL, NULL, 0,
                "2014-03-07 0 1 0/1/0/0/0 2.8\n");
    CHECK_INT(dyad(st, "CHNCOP", "RUS", ENT_BY_DAY, NULL, NULL, 0, &w), ENT_OK);
    CHECK_INT(w.n, 1);
    /* again: nothing new */
    CHECK_INT(
        import_text(st, d, in, NULL, ENT_EVENTS_ICEWS, &es, err, sizeof err),
        ENT_OK);
    CHECK_INT(es.stored, 0);
    CHECK_INT(es.already, 4);
    /* a bad line stops the file, naming it; earlier rows stay */
    CHECK_INT(import_text(st, d, in,
                          "China\tConsult\tRussia\t2015-01-01\n"
                          "China\tConsult\tRussia\n",
                          ENT_EVENTS_ICEWS, &es, err, sizeof err),
              ENT_EFORMAT);
    CHECK(strstr(err, ".in:2: expected 4 tab-separated fields") != NULL);
    EXPECT_DYAD("CHN", "RUS", ENT_BY_YEAR, "2015", NULL, 0,
                "2015 0 1 0/1/0/0/0 1.0\n");
    /* GDELT: one document per URL; duplicates merged */
    write_file(in, "GLOBALEVENTID,MonthYear,QuadClass,Actor1CountryCode,"
                   "Actor2CountryCode,SubEventType,GoldsteinScale,SOURCEURL\n"
                   "1,202204,4,RUS,UKR,3,-10,http://a\n"
                   "2,202204,4,RUS,UKR,3,-10,http://b\n"
                   "3,202204,1,UKR,RUS,3,1.5,\"http://b,c\"\n"
                   "4,202204,4,,,3,-10,http://a\n");
    CHECK_INT(
        import_text(st, d, in, NULL, ENT_EVENTS_AUTO, &es, err, sizeof err),
        ENT_OK);
    CHECK_INT(es.format, ENT_EVENTS_GDELT);
    CHECK_INT(es.stored, 3);
    CHECK_INT(es.merged, 1);
    CHECK_INT(es.documents, 3);
    CHECK_INT(es.skipped_noactor, 1);
    EXPECT_DYAD("RUS", "UKR", ENT_BY_MONTH, NULL, NULL, 0,
                "2022-04 0 1 0/0/0/0/1 -10.0\n"
                "2022-04 1 1 0/1/0/0/0 1.5\n");
    EXPECT_DYAD("RUS", "UKR", ENT_BY_MONTH, NULL, NULL, 1,
                "2022-04 0 2 0/0/0/0/2 -20.0\n"
                "2022-04 1 1 0/1/0/0/0 1.5\n");
    CHECK_INT(import_text(st, d, in,
                          "YEAR,Actor2CountryCode,GoldsteinScale,Record Count\n"
                          "2003,AFG,-4,27\n",
                          ENT_EVENTS_AUTO, &es, err, sizeof err),
              ENT_EFORMAT);
    CHECK(strstr(err, ".in:1: no GLOBALEVENTID column") != NULL);
    /* entente JSONL */
    write_file(in, "{\"doc\":\"x\",\"sent\":0,\"date\":\"2022-02-24\","
                   "\"source\":\"RUSMIL\",\"source_country\":\"RUS\","
                   "\"target\":\"UKR\",\"target_country\":\"UKR\","
                   "\"code\":\"190\",\"context\":[],\"rule\":\"r\"}\n"
                   "{\"doc\":\"x\",\"sent\":1,\"date\":\"2022-02-24\","
                   "\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"190\","
                   "\"context\":[\"hypothetical\"]}\n"
                   "{\"doc\":\"x\",\"sent\":2,\"date\":\"2022-02-24\","
                   "\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"999\"}\n"
                   "{\"doc\":\"x\",\"sent\":3,\"date\":\"2022-02-24\"\n");
    CHECK_INT(
        import_text(st, d, in, NULL, ENT_EVENTS_AUTO, &es, err, sizeof err),
        ENT_EFORMAT);
    CHECK(strstr(err, ".in:4: invalid JSON") != NULL);
    CHECK_INT(es.format, ENT_EVENTS_JSONL);
    CHECK_INT(es.stored, 2);
    CHECK_INT(es.unknown_codes, 1);
    /* the hypothetical event is stored but not counted */
    EXPECT_DYAD("RUS", "UKR", ENT_BY_MONTH, "2022-02", "2022-02", 0,
                "2022-02 0 1 0/0/0/0/1 -10.0\n");
    CHECK_INT(import_text(st, d, in, "what is this\n", ENT_EVENTS_AUTO, &es,
                          err, sizeof err),
              ENT_EFORMAT);
    CHECK(strstr(err, ".in:1: cannot tell the format") != NULL);
    CHECK_INT(ent_store_import(st, d, "/nonexistent.tsv", ENT_EVENTS_AUTO, &es,
                               err, sizeof err),
              ENT_EIO);
    CHECK(strstr(err, "/nonexistent.tsv: No such file") != NULL);
    CHECK_INT(ent_store_count(st, &c), ENT_OK);
    CHECK_INT(c.events, 10);
    ent_store_close(st);
    unlink(in);
    th_rm_db(path);
    ent_dict_free(d);
}

/* Every allocation of the store's own memory (the handle, a bulk load's
 * in-memory merge, dyad periods) fails in turn: each call returns
 * ENT_ENOMEM or succeeds, nothing leaks (make check), and once enough
 * allocations succeed the results are right. */
void test_store_alloc_failures(void)
{
    char path[512], err[1024];
    int k, done = 0;
    for (k = 1; k < 200 && !done; k++) {
        th_failer fl;
        ent_allocator al;
        ent_store_config cfg;
        ent_store *st = NULL;
        rows w;
        int rc;
        memset(&fl, 0, sizeof fl);
        fl.fail_at = k;
        al.fn = th_failing_alloc;
        al.ud = &fl;
        memset(&cfg, 0, sizeof cfg);
        cfg.flags = ENT_STORE_CREATE;
        cfg.alloc = &al;
        tmp_db(path, sizeof path, "oomloop");
        rc = ent_store_open(path, &cfg, &st, err, sizeof err);
        if (rc) {
            CHECK_INT(rc, ENT_ENOMEM);
            CHECK(st == NULL);
            th_rm_db(path);
            continue;
        }
        rc = ent_store_bulk(st, 1);
        if (!rc) {
            int64_t d = doc(st, "a", "2022-01-03");
            ent_store_event e;
            int i;
            memset(&e, 0, sizeof e);
            e.doc = d;
            e.date = "2022-01-03";
            e.source = "CHNGOV";
            e.source_country = "CHN";
            e.target = "RUSGOV";
            e.target_country = "RUS";
            e.code = "040";
            e.quad = 1;
            e.goldstein = 1.0;
            for (i = 0; i < 40 && !rc; i++) {
                e.k = i;
                e.date = i % 2 ? "2022-01-03" : "2022-02-03";
                rc = ent_store_add_event(st, &e, NULL);
            }
        }
        if (!rc)
            rc = ent_store_bulk(st, 0);
        if (!rc)
            rc = dyad(st, "CHN", "RUS", ENT_BY_MONTH, NULL, NULL, 1, &w);
        CHECK(rc == ENT_OK || rc == ENT_ENOMEM);
        if (!rc) {
            CHECK_STR(w.text, "2022-01 0 20 0/20/0/0/0 20.0\n"
                              "2022-02 0 20 0/20/0/0/0 20.0\n");
            done = 1;
        }
        ent_store_close(st);
        th_rm_db(path);
    }
    CHECK(done);
    CHECK(k > 2); /* the first allocation (the handle) did fail */
}

/* Run sql on the database file at path with SQLite directly (what an
 * older entente or another client would do); returns SQLite's code. */
static int raw_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        printf("    sql: %s\n", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc;
}

/* The integer result of query sql on the database file at path; -1 on
 * an error. */
static long long raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    long long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return v;
}

/* All rows of query sql on the database file at path as text: columns
 * separated by '|', rows by '\n' (NULL as "NULL"), into out. */
static void raw_dump(const char *path, const char *sql, char *out, size_t n)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    size_t l = 0;
    out[0] = 0;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        snprintf(out, n, "error: %s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return;
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        int i;
        for (i = 0; i < sqlite3_column_count(q) && l < n; i++) {
            const char *v = (const char *)sqlite3_column_text(q, i);
            l += (size_t)snprintf(out + l, n - l, "%s%s", i ? "|" : "",
                                  v ? v : "NULL");
        }
        if (l < n)
            l += (size_t)snprintf(out + l, n - l, "\n");
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
}

/* What entente wrote at schema version 2 (src/store.c before version 3):
 * the tables, the provenance index and the mentions view. */
static const char V2_SCHEMA[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, hash INTEGER NOT NULL"
    " UNIQUE, docid TEXT NOT NULL, date TEXT NOT NULL, source TEXT NOT"
    " NULL, url TEXT NOT NULL, title TEXT NOT NULL, cluster INTEGER,"
    " near INTEGER, similarity REAL);"
    "CREATE TABLE sentences(doc INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " text TEXT NOT NULL, PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE TABLE events(doc INTEGER NOT NULL, sent INTEGER NOT NULL,"
    " k INTEGER NOT NULL, day INTEGER NOT NULL, date TEXT NOT NULL,"
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
    "CREATE TABLE merged(source_country TEXT NOT NULL, target_country TEXT"
    " NOT NULL, bucket INTEGER NOT NULL, mkey INTEGER NOT NULL, source TEXT"
    " NOT NULL, target TEXT NOT NULL, source_name TEXT NOT NULL,"
    " target_name TEXT NOT NULL, code TEXT NOT NULL, root TEXT NOT NULL,"
    " quad INTEGER NOT NULL, goldstein REAL NOT NULL, day INTEGER NOT NULL,"
    " mentions INTEGER NOT NULL, PRIMARY KEY(source_country,"
    " target_country, bucket, mkey)) WITHOUT ROWID;"
    "CREATE TABLE minhash(doc INTEGER PRIMARY KEY, sig BLOB NOT NULL);"
    "CREATE VIEW mentions AS SELECT m.source, m.target, m.code,"
    " date(m.day + 1721119.5) AS first_date, m.mentions, e.date, e.doc,"
    " e.sent, e.k, d.docid, d.url FROM merged m JOIN events e ON e.mkey ="
    " m.mkey AND e.source_country = m.source_country AND e.target_country"
    " = m.target_country AND coalesce(e.mday, e.day) / (SELECT value FROM"
    " meta WHERE key = 'window_days') = m.bucket AND e.context = 0 AND"
    " e.negated = 0 JOIN documents d ON d.id = e.doc;"
    "CREATE INDEX events_merged ON events(mkey, day);"
    "INSERT INTO meta VALUES('schema_version', 2), ('window_days', 1);";

/* Rows of a version 2 store: two documents; a factual event and its
 * repeat in another document (one merged event of two mentions), an
 * ICEWS event with names and no code, a hypothetical one, a negated
 * one, one with spans past 1023 and a near-duplicate's event with a
 * merge day; the merged table as version 2 built it. */
static const char V2_ROWS[] =
    "INSERT INTO documents VALUES(1, 11, 'd1', '2022-02-04', 'a.jsonl',"
    " '', 'T1', 1, NULL, NULL), (2, 22, 'd2', '2022-02-05', 'icews',"
    " 'u2', '', 1, 1, 0.9);"
    "INSERT INTO sentences VALUES(1, 0, 'Xi met Putin.');"
    "INSERT INTO events VALUES"
    " (1, 0, 0, 738495, '2022-02-04', 'CHNGOV', 'CHN', '', 'RUSGOV', 'RUS',"
    " '', '040', '04', 1, 1.0, 'CONSULT', 0, 0, 0, 2, 7, 12, 3, 6,"
    " 'verbs.txt:9', 'meet', 101, NULL),"
    " (1, 0, 1, 738495, '2022-02-04', 'RUSGOV', 'RUS', '', 'CHNGOV', 'CHN',"
    " '', '040', '04', 1, 1.0, 'CONSULT', 1, 0, 0, 2, 7, 12, 3, 6,"
    " 'verbs.txt:9', 'meet', 102, NULL),"
    " (1, 1, 2, 738496, '2022-02-05', 'CHN', 'CHN', '', 'USA', 'USA', '',"
    " '112', '11', 3, -2.0, 'ACCUSE', 0, 1, 1500, 1510, 2000, 2011, 1,"
    " 1024, 'verbs.txt:40', 'accuse', 103, NULL),"
    " (2, 0, 7, 738496, '2022-02-05', '', '', 'Someone Unknown', 'RUSGOV',"
    " 'RUS', 'Vladimir Putin', '043', '04', 1, 2.8, 'CONSULT', 0, 0, 0, 0,"
    " 0, 0, 0, 0, 'icews', '', 104, NULL),"
    " (2, 0, 8, 738497, '2022-02-06', 'CHNGOV', 'CHN', '', 'RUSGOV', 'RUS',"
    " '', '040', '04', 1, 1.0, 'CONSULT', 0, 0, 0, 0, 0, 0, 0, 0, 'icews',"
    " '', 101, 738495);"
    "INSERT INTO merged SELECT source_country, target_country,"
    " coalesce(mday, day), mkey, source, target, source_name, target_name,"
    " code, root, quad, goldstein, min(coalesce(mday, day)), count(*) FROM"
    " events WHERE context = 0 AND negated = 0 GROUP BY 1, 2, 3, 4;";

/* Every column of the version 2 events table, in the order of the
 * version 3 events view, and of the merged table. */
#define V2_EVENT_COLS                                                          \
    "SELECT doc, sent, k, day, date, source, source_country, source_name,"     \
    " target, target_country, target_name, code, root, quad, goldstein,"       \
    " plover, context, negated, source_start, source_end, target_start,"       \
    " target_end, verb_start, verb_end, rule, pattern, mkey, mday FROM events" \
    " ORDER BY doc, sent, k"
#define V2_MERGED_COLS                                                         \
    "SELECT source_country, target_country, bucket, mkey, source, target,"     \
    " source_name, target_name, code, root, quad, goldstein, day, mentions"    \
    " FROM merged ORDER BY 1, 2, 3, 4"
#define V2_DOC_COLS                                                            \
    "SELECT id, hash, docid, date, source, url, title, cluster, near,"         \
    " similarity FROM documents ORDER BY id"
#define V2_MENTIONS_COLS                                                       \
    "SELECT source, target, code, first_date, mentions, date, doc, sent, k,"   \
    " docid, url FROM mentions ORDER BY doc, sent, k"

/* The counts and dyads of V2_ROWS, whatever the schema version. */
static void check_v2_rows(ent_store *st)
{
    ent_store_counts c;
    rows w;
    CHECK_INT(ent_store_count(st, &c), ENT_OK);
    CHECK_INT(c.documents, 2);
    CHECK_INT(c.sentences, 1);
    CHECK_INT(c.events, 5);
    CHECK_INT(c.merged, 2);
    CHECK_INT(c.mentions, 3);
    CHECK_INT(c.near_dups, 1);
    EXPECT_DYAD("CHN", "RUS", ENT_BY_DAY, NULL, NULL, 1,
                "2022-02-04 0 2 0/2/0/0/0 2.0\n");
    EXPECT_DYAD("*", "RUSGOV", ENT_BY_DAY, NULL, NULL, 0,
                "2022-02-04 0 1 0/1/0/0/0 1.0\n"
                "2022-02-05 0 1 0/1/0/0/0 2.8\n");
}

/* A store of schema version 2 is migrated to version 3 in place by a
 * writable open, in one transaction: every field of every event, the
 * merged events, the mentions and the documents the same through the
 * views; counts kept; a read-only open reads it as it is; loading an
 * event again adds nothing. */
void test_store_migrate_v2(void)
{
    char path[512], ev2[4096], ev3[4096], m2[2048], m3[2048], x2[2048],
        x3[2048], d2[1024], d3[1024];
    ent_store *st;
    tmp_db(path, sizeof path, "mig2");
    CHECK_INT(raw_sql(path, V2_SCHEMA), SQLITE_OK);
    CHECK_INT(raw_sql(path, V2_ROWS), SQLITE_OK);
    raw_dump(path, V2_EVENT_COLS, ev2, sizeof ev2);
    raw_dump(path, V2_MERGED_COLS, m2, sizeof m2);
    raw_dump(path, V2_MENTIONS_COLS, x2, sizeof x2);
    raw_dump(path, V2_DOC_COLS, d2, sizeof d2);
    CHECK(strstr(ev2, "|1500|1510|2000|2011|1|1024|") != NULL);
    /* read-only: the version 2 tables as they are */
    st = open_store(path, ENT_STORE_READONLY, 0);
    CHECK(st != NULL);
    if (st) {
        check_v2_rows(st);
        ent_store_close(st);
    }
    CHECK_INT(raw_int(path, "SELECT value FROM meta WHERE key ="
                            " 'schema_version'"),
              2);
    st = open_store(path, 0, 0);
    CHECK(st != NULL);
    if (!st)
        return;
    check_v2_rows(st);
    /* the same event again: already stored */
    CHECK_INT(th_store_event(st, 1, 0, "2022-02-04", "CHNGOV", "RUSGOV",
                             "040", 1, 1.0),
              0);
    CHECK_INT(ent_store_close(st), ENT_OK);
    CHECK_INT(raw_int(path, "SELECT value FROM meta WHERE key ="
                            " 'schema_version'"),
              3);
    raw_dump(path, V2_EVENT_COLS, ev3, sizeof ev3);
    raw_dump(path, V2_MERGED_COLS, m3, sizeof m3);
    raw_dump(path, V2_MENTIONS_COLS, x3, sizeof x3);
    raw_dump(path, V2_DOC_COLS, d3, sizeof d3);
    CHECK_STR(ev3, ev2);
    CHECK_STR(m3, m2);
    CHECK_STR(x3, x2);
    CHECK_STR(d3, d2);
    /* narrow rows: one span does not pack; strings interned once */
    CHECK_INT(raw_int(path, "SELECT count(*) FROM long_spans"), 1);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM event_rows WHERE spans IS"
                            " NULL"),
              1);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM actors"), 6);
    CHECK_INT(raw_int(path, "SELECT count(DISTINCT kind) FROM event_rows"),
              3);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE name"
                            " = 'events_merged'"),
              1);
    th_rm_db(path);
}

/* A coded document stored with ent_store_result() reads back through
 * the events view with every field the coder gave its events: the date
 * with its end, precision and expression, the publication date, actors,
 * kind, context, spans, rule and pattern. */
void test_store_coded(void)
{
    static const char text[] =
        "Xi Jinping met Vladimir Putin in Beijing on 2 February. "
        "Russia might invade Ukraine. Ukraine was attacked by Russia "
        "last month.";
    char path[512], want[4096], got[4096];
    ent_dict *d = fixture_dict();
    ent_coder *c = NULL;
    const ent_result *r = NULL;
    ent_store *st;
    ent_doc doc;
    size_t i, n = 0, nev = 0;
    int existed = -1;
    if (!d)
        return;
    tmp_db(path, sizeof path, "coded");
    memset(&doc, 0, sizeof doc);
    doc.id = "c1";
    doc.date = "2022-02-04";
    doc.text = text;
    doc.text_len = strlen(text);
    CHECK_INT(ent_coder_new(d, &c), ENT_OK);
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (c && st && ent_code(c, &doc, &r) == ENT_OK) {
        CHECK(r->nevents >= 3);
        want[0] = 0;
        for (i = 0; i < r->nevents && n < sizeof want; i++) {
            const ent_event *e = &r->events[i];
            const ent_sentence *se = &r->sents[e->sent];
            n += (size_t)snprintf(
                want + n, sizeof want - n,
                "%u|%s|%s|%s|%.*s|%s|%s|%s|%s|%s|%s|%s|%d|%.1f|%s|%u|%u|%u|"
                "%u|%u|%u|%u|%s|%s\n",
                e->sent, e->when.date, e->when.end,
                ent_when_precision_name(e->when.precision),
                (int)(e->when.expr.end - e->when.expr.start),
                r->text + se->start + e->when.expr.start, doc.date,
                e->source, e->source_country, e->target, e->target_country,
                e->cameo->code, e->cameo->root, e->cameo->quad,
                e->cameo->goldstein, e->cameo->plover, e->context,
                e->source_span.start, e->source_span.end,
                e->target_span.start, e->target_span.end,
                e->verb_span.start, e->verb_span.end, e->rule, e->pattern);
        }
        CHECK_INT(ent_store_result(st, &doc, r, "t.jsonl", &existed, &nev),
                  ENT_OK);
        CHECK_INT(existed, 0);
        CHECK_INT(nev, r->nevents);
        CHECK_INT(ent_store_close(st), ENT_OK);
        st = NULL;
        raw_dump(path,
                 "SELECT sent, date, date_end, date_precision, date_expr,"
                 " pubdate, source, source_country, target, target_country,"
                 " code, root, quad, printf('%.1f', goldstein), plover,"
                 " context, source_start, source_end, target_start,"
                 " target_end, verb_start, verb_end, rule, pattern FROM"
                 " events ORDER BY k",
                 got, sizeof got);
        CHECK_STR(got, want);
        CHECK(strstr(got, "|on 2 February|") != NULL);
        CHECK(strstr(got, "|2022-01-01|2022-01-31|month|last month|") !=
              NULL);
    }
    ent_store_close(st);
    ent_coder_free(c);
    ent_dict_free(d);
    th_rm_db(path);
}

/* Every field of an event goes through version 3's narrow row and comes
 * back through the events view as it went in: actors with names, kind,
 * context, negation, spans (packed, and past 1023), rule, pattern, the
 * date with its end, precision and expression, the publication date; a
 * JSONL line imported likewise; loading again adds nothing. */
void test_store_fields(void)
{
    char path[512], in[600], err[1024], got[2048];
    ent_dict *d = fixture_dict();
    ent_store *st;
    ent_store_event e;
    ent_events_stats es;
    ent_store_counts c1, c2;
    int64_t dk;
    int added = -1, pass;
    if (!d)
        return;
    tmp_db(path, sizeof path, "fields");
    snprintf(in, sizeof in, "%s.in", path);
    for (pass = 0; pass < 2; pass++) {
        st = open_store(path, ENT_STORE_CREATE, 0);
        if (!st)
            break;
        dk = doc(st, "f1", "2022-02-07");
        memset(&e, 0, sizeof e);
        e.doc = dk;
        e.sent = 3;
        e.k = 5;
        e.date = "2022-02-01";
        e.date_end = "2022-02-28";
        e.date_precision = "month";
        e.date_expr = "in February";
        e.source = "CHNGOV";
        e.source_country = "CHN";
        e.source_name = "Beijing";
        e.target = "";
        e.target_country = "";
        e.target_name = "Someone";
        e.code = "112";
        e.root = "11";
        e.plover = "ACCUSE";
        e.quad = 3;
        e.goldstein = -2.0;
        e.context = ENT_CTX_FUTURE;
        e.negated = 1;
        e.source_span.start = 1;
        e.source_span.end = 1023;
        e.target_span.start = 4;
        e.target_span.end = 9;
        e.verb_span.start = 10;
        e.verb_span.end = 12;
        e.rule = "verbs.txt:1";
        e.pattern = "accuse";
        CHECK_INT(ent_store_add_event(st, &e, &added), ENT_OK);
        CHECK_INT(added, pass ? 0 : 1);
        e.k = 6;
        e.context = 0;
        e.negated = 0;
        e.date_end = NULL;
        e.date_precision = "pub";
        e.date_expr = NULL;
        e.verb_span.end = 5000;
        CHECK_INT(ent_store_add_event(st, &e, &added), ENT_OK);
        CHECK_INT(added, pass ? 0 : 1);
        e.date_precision = "weekly";
        CHECK_INT(ent_store_add_event(st, &e, &added), ENT_EINVAL);
        CHECK_INT(import_text(st, d, in,
                              "{\"doc\":\"j1\",\"sent\":0,\"date\":"
                              "\"2014-01-01\",\"date_end\":\"2014-12-31\","
                              "\"date_precision\":\"year\",\"date_expr\":"
                              "\"in 2014\",\"pubdate\":\"2015-03-02\","
                              "\"source\":\"RUSGOV\",\"source_country\":"
                              "\"RUS\",\"target\":\"UKR\",\"target_country\":"
                              "\"UKR\",\"code\":\"043\",\"root\":\"04\","
                              "\"quad\":1,\"goldstein\":2.8,\"plover\":"
                              "\"CONSULT\",\"context\":[\"hypothetical\"],"
                              "\"source_span\":[0,6],\"target_span\":[20,27],"
                              "\"verb_span\":[7,12],\"rule\":\"r:2\","
                              "\"pattern\":\"visit\",\"meta\":{\"t\":"
                              "\"a \\\"b\\\"\", \"n\":[1,{}]}}\n",
                              ENT_EVENTS_AUTO, &es, err, sizeof err),
                  ENT_OK);
        CHECK_INT(es.stored, pass ? 0 : 1);
        CHECK_INT(ent_store_count(st, pass ? &c2 : &c1), ENT_OK);
        CHECK_INT(ent_store_close(st), ENT_OK);
    }
    CHECK_INT(c2.events, c1.events);
    CHECK_INT(c2.merged, c1.merged);
    CHECK_INT(c2.documents, c1.documents);
    CHECK_INT(c1.events, 3);
    CHECK_INT(c1.merged, 1);
    raw_dump(path,
             "SELECT doc, sent, k, date, date_end, date_precision, date_expr,"
             " pubdate, source, source_country, source_name, target,"
             " target_country, target_name, code, root, quad, goldstein,"
             " plover, context, negated, source_start, source_end,"
             " target_start, target_end, verb_start, verb_end, rule, pattern"
             " FROM events ORDER BY doc, sent, k",
             got, sizeof got);
    CHECK_STR(got,
              "1|3|5|2022-02-01|2022-02-28|month|in February|2022-02-07|"
              "CHNGOV|CHN|Beijing|||Someone|112|11|3|-2.0|ACCUSE|2|1|1|1023|"
              "4|9|10|12|verbs.txt:1|accuse\n"
              "1|3|6|2022-02-01||pub||2022-02-07|CHNGOV|CHN|Beijing|||"
              "Someone|112|11|3|-2.0|ACCUSE|0|0|1|1023|4|9|10|5000|"
              "verbs.txt:1|accuse\n"
              "2|0|0|2014-01-01|2014-12-31|year|in 2014|2015-03-02|RUSGOV|RUS|"
              "|UKR|UKR||043|04|1|2.8|CONSULT|1|0|0|6|20|27|7|12|r:2|visit\n");
    CHECK_INT(raw_int(path, "SELECT count(*) FROM long_spans"), 1);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM strings WHERE text ="
                            " 'verbs.txt:1'"),
              1);
    /* the JSONL line's "meta" object as written */
    raw_dump(path, "SELECT coalesce(meta, 'NULL') FROM documents ORDER BY id",
             got, sizeof got);
    CHECK_STR(got, "NULL\n{\"t\":\"a \\\"b\\\"\", \"n\":[1,{}]}\n");
    th_rm_db(path);
    remove(in);
    ent_dict_free(d);
}

/* A store of schema version 1 (before near-duplicate stories) opens
 * read-only as it is and is migrated in place by a writable open: its
 * rows kept, the new columns and the signature table added. */
void test_store_migrate(void)
{
    char path[512], sql[2048];
    ent_store *st;
    ent_store_counts c;
    long long mkey;
    /* the merge key of the event, as this version computes it */
    tmp_db(path, sizeof path, "migrate");
    st = open_store(path, ENT_STORE_CREATE, 0);
    if (!st)
        return;
    CHECK_INT(th_store_event(st, doc(st, "d0", "2022-02-04"), 0,
                             "2022-02-04", "CHNGOV", "RUSGOV", "040", 1, 1.0),
              1);
    ent_store_close(st);
    mkey = raw_int(path, "SELECT mkey FROM event_rows");
    th_rm_db(path);
    /* version 1: what the first slice of the store wrote */
    CHECK_INT(raw_sql(path, V2_SCHEMA), SQLITE_OK);
    snprintf(sql, sizeof sql,
             "INSERT INTO documents VALUES(1, 11, 'd1',"
             " '2022-02-04', 'x', '', '', NULL, NULL, NULL);"
             "INSERT INTO events VALUES(1, 0, 0, 738495,"
             " '2022-02-04', 'CHNGOV', 'CHN', '', 'RUSGOV', 'RUS',"
             " '', '040', '04', 1, 1.0, '', 0, 0, 0, 0, 0,"
             " 0, 0, 0, 'test', '', %lld, NULL);"
             "INSERT INTO merged VALUES('CHN', 'RUS', 738495, %lld,"
             " 'CHNGOV', 'RUSGOV', '', '', '040', '04', 1, 1.0,"
             " 738495, 1);",
             mkey, mkey);
    CHECK_INT(raw_sql(path, sql), SQLITE_OK);
    CHECK_INT(raw_sql(path,
                      "DROP VIEW mentions; DROP TABLE minhash;"
                      "ALTER TABLE documents DROP COLUMN cluster;"
                      "ALTER TABLE documents DROP COLUMN near;"
                      "ALTER TABLE documents DROP COLUMN similarity;"
                      "ALTER TABLE events DROP COLUMN mday;"
                      "CREATE VIEW mentions AS SELECT e.doc FROM events e;"
                      "UPDATE meta SET value = 1 WHERE key ="
                      " 'schema_version';"),
              SQLITE_OK);
    st = open_store(path, ENT_STORE_READONLY, 0);
    CHECK(st != NULL);
    if (st) {
        CHECK_INT(ent_store_count(st, &c), ENT_OK);
        CHECK_INT(c.events, 1);
        CHECK_INT(c.merged, 1);
        CHECK_INT(c.near_dups, 0);
        ent_store_close(st);
    }
    /* still version 1 after the read-only open */
    CHECK_INT(raw_int(path, "SELECT count(cluster) FROM documents"), -1);
    st = open_store(path, 0, 0);
    CHECK(st != NULL);
    if (st) {
        CHECK_INT(ent_store_count(st, &c), ENT_OK);
        CHECK_INT(c.documents, 1);
        CHECK_INT(c.merged, 1);
        CHECK_INT(th_store_event(st, doc(st, "d2", "2022-02-05"), 0,
                                 "2022-02-04", "CHNGOV", "RUSGOV", "040", 1,
                                 1.0),
                  2); /* a second mention of the migrated event */
        CHECK_INT(ent_store_close(st), ENT_OK);
    }
    CHECK_INT(raw_sql(path,
                      "SELECT cluster, near, similarity FROM documents;"
                      "SELECT mday, date_precision FROM events;"
                      "SELECT sig FROM minhash;"
                      "SELECT first_date FROM mentions"),
              SQLITE_OK);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM mentions"), 2);
    CHECK_INT(raw_int(path, "SELECT mentions FROM merged"), 2);
    CHECK_INT(raw_int(path,
                      "SELECT value FROM meta WHERE key = 'schema_version'"),
              3);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM documents WHERE cluster"
                            " IS NULL"),
              2); /* no near-duplicate search for ent_store_add_doc() */
    th_rm_db(path);
}
