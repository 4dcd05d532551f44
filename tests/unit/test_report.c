/*
 * test_report.c -- the dyad analysis (src/analyze.c): each statistic
 * against figures computed by hand on small fixtures (cross-correlation,
 * OLS, Student's t, Wilson interval, Benjamini-Hochberg, circular-shift
 * permutation p-values with a fixed seed), then a whole analysis of a
 * designed store, its errors and out-of-memory at every allocation.
 */
#include "harness.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

void test_report_stats(void);
void test_report_ols(void);
void test_report_intervals(void);
void test_report_permutation(void);
void test_report_designed(void);

#define CHECK_NEAR(a, b, eps)                                                \
    do {                                                                     \
        double na_ = (a), nb_ = (b);                                         \
        if (!(fabs(na_ - nb_) <= (eps))) {                                   \
            printf("    %s:%d: %s ~ %s failed: %.9g != %.9g\n", __FILE__,    \
                   __LINE__, #a, #b, na_, nb_);                              \
            th_failed++;                                                     \
        }                                                                    \
    } while (0)

void test_report_stats(void)
{
    const double x[] = {1, 2, 3, 4}, y[] = {1, 3, 2, 4}, k[] = {5, 5, 5, 5};
    size_t np = 0;
    /* lag 0: deviations (-1.5 -.5 .5 1.5) and (-1.5 .5 -.5 1.5): 4 / 5 */
    CHECK_NEAR(ent__an_corr_lag(x, y, 4, 0, &np), 0.8, 1e-12);
    CHECK_INT(np, 4);
    /* lag 1: (1,3) (2,2) (3,4): 1 / sqrt(2 * 2) */
    CHECK_NEAR(ent__an_corr_lag(x, y, 4, 1, &np), 0.5, 1e-12);
    CHECK_INT(np, 3);
    /* lag -1: (2,1) (3,3) (4,2) */
    CHECK_NEAR(ent__an_corr_lag(x, y, 4, -1, &np), 0.5, 1e-12);
    CHECK(isnan(ent__an_corr_lag(x, y, 4, 2, &np))); /* 2 pairs */
    CHECK(isnan(ent__an_corr_lag(x, k, 4, 0, NULL))); /* constant */
}

void test_report_ols(void)
{
    /* y = 1.1 + 1.1 x: Sxx 5, Sxy 5.5, RSS 2.7, sigma^2 1.35 */
    const double X[] = {1, 0, 1, 1, 1, 2, 1, 3}, y[] = {1, 3, 2, 5};
    /* y = 1 + 2 x1 - 3 x2 exactly */
    const double X3[] = {1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 2, 0};
    const double y3[] = {1, 3, -2, 0, 5};
    const double Xs[] = {1, 2, 2, 1, 3, 3, 1, 5, 5, 1, 1, 1};
    double b[3], se[3];
    CHECK_INT(ent__an_ols(X, 4, 2, y, b, se), ENT_OK);
    CHECK_NEAR(b[0], 1.1, 1e-12);
    CHECK_NEAR(b[1], 1.1, 1e-12);
    CHECK_NEAR(se[1], sqrt(1.35 / 5), 1e-12);
    CHECK_NEAR(se[0], sqrt(1.35 * (0.25 + 2.25 / 5)), 1e-12);
    CHECK_INT(ent__an_ols(X3, 5, 3, y3, b, se), ENT_OK);
    CHECK_NEAR(b[0], 1, 1e-12);
    CHECK_NEAR(b[1], 2, 1e-12);
    CHECK_NEAR(b[2], -3, 1e-12);
    CHECK_NEAR(se[1], 0, 1e-6);
    CHECK_INT(ent__an_ols(Xs, 4, 3, y, b, NULL), ENT_EINVAL); /* x1 = x2 */
    CHECK_INT(ent__an_ols(X, 2, 2, y, b, NULL), ENT_EINVAL);  /* n <= p */
    /* Student's t: the table, and Cornish-Fisher beyond 30 */
    CHECK_NEAR(ent__an_t975(1), 12.706, 1e-9);
    CHECK_NEAR(ent__an_t975(10), 2.228, 1e-9);
    CHECK_NEAR(ent__an_t975(10.7), 2.228, 1e-9);
    CHECK_NEAR(ent__an_t975(30), 2.0423, 2e-4);
    CHECK_NEAR(ent__an_t975(60), 2.0003, 2e-4);
    CHECK_NEAR(ent__an_t975(1e9), 1.959964, 1e-6);
    CHECK(isnan(ent__an_t975(0.5)));
}

void test_report_intervals(void)
{
    const double p[] = {0.01, 0.04, 0.03, 0.20}, pn[] = {0.01, NAN, 0.04};
    double lo, hi, q[4];
    /* Wilson, 5 of 10: 0.5 -+ 1.96 sqrt(.025 + z^2/400) / (1 + z^2/10) */
    ent__an_wilson(5, 10, &lo, &hi);
    CHECK_NEAR(lo, 0.236593, 1e-5);
    CHECK_NEAR(hi, 0.763407, 1e-5);
    ent__an_wilson(0, 10, &lo, &hi);
    CHECK_NEAR(lo, 0, 1e-12);
    CHECK_NEAR(hi, 0.277533, 1e-5);
    ent__an_wilson(0, 0, &lo, &hi);
    CHECK(lo == 0 && hi == 1);
    /* BH: sorted .01 .03 .04 .20 -> p m / rank .04 .06 .0533 .20, then
     * the running minimum from the top */
    ent__an_bh(p, 4, q);
    CHECK_NEAR(q[0], 0.04, 1e-12);
    CHECK_NEAR(q[1], 0.16 / 3, 1e-12);
    CHECK_NEAR(q[2], 0.16 / 3, 1e-12);
    CHECK_NEAR(q[3], 0.20, 1e-12);
    /* a missing p-value is no test: m = 2 */
    ent__an_bh(pn, 3, q);
    CHECK_NEAR(q[0], 0.02, 1e-12);
    CHECK(isnan(q[1]));
    CHECK_NEAR(q[2], 0.04, 1e-12);
}

/* ent__an_stat for the tests: the first value of the shifted series. */
static double first_value(void *ud, const double *xs)
{
    (void)ud;
    return xs[0];
}

void test_report_permutation(void)
{
    double x[40], scratch[40], p1, p2;
    uint64_t seed = 7, seed2 = 7;
    size_t i, extreme = 0;
    for (i = 0; i < 40; i++)
        x[i] = (double)i + 1;
    /* n 20, shifts 1..19 all used: xs[0] = s + 1 = 2..20; obs 15: 15..20
     * are as extreme, p = (1 + 6) / (1 + 19) */
    CHECK_NEAR(ent__an_shift_test(x, 20, 1, 999, &seed, first_value, NULL,
                                  15, scratch),
               0.35, 1e-12);
    CHECK_INT(seed, 7); /* exact enumeration draws nothing */
    /* n 19: 18 shifts are too few */
    CHECK(isnan(ent__an_shift_test(x, 19, 1, 999, &seed, first_value, NULL,
                                   15, scratch)));
    CHECK(isnan(ent__an_shift_test(x, 20, 1, 999, &seed, first_value, NULL,
                                   NAN, scratch)));
    /* 5 draws from 38 shifts (n 40, min 1): the same seed gives the same
     * draws, which the test repeats with the same xorshift */
    p1 = ent__an_shift_test(x, 40, 1, 5, &seed, first_value, NULL, 30,
                            scratch);
    for (i = 0; i < 5; i++) {
        size_t s = 1 + (size_t)(ent__pc_rand(&seed2) % 39);
        extreme += (double)s + 1 >= 30;
    }
    CHECK_NEAR(p1, (1.0 + (double)extreme) / 6.0, 1e-12);
    CHECK_INT(seed, seed2);
    seed = 7;
    p2 = ent__an_shift_test(x, 40, 1, 5, &seed, first_value, NULL, 30,
                            scratch);
    CHECK_NEAR(p1, p2, 0);
}

/* ---- a whole analysis on a designed store ------------------------------ */

/* Add event k of document dk on date: src -> tgt with the code of its
 * quad and its Goldstein score. */
static void add(ent_store *st, int64_t dk, int k, const char *date,
                const char *src, const char *tgt, int quad, double gs)
{
    th_store_event(st, dk, k, date, src, tgt,
                   quad == 4   ? "190"
                   : quad == 3 ? "111"
                               : "040",
                   quad, gs);
}

/* The designed store at path, 36 months 2019-01 .. 2021-12 (t = 0..35),
 * one document a month:
 *   CHN -> RUS: 2 cooperative events (Goldstein 3) in even months, 1 in
 *     odd ones; a material conflict (-5) when t % 4 == 0;
 *   RUS -> CHN: 1 cooperative event (Goldstein 1) in even months;
 *   USA -> CHN: a verbal conflict (-2) when t % 6 == 0;
 *   JPN -> RUS: one cooperative event in month 0.
 * The first CHN -> RUS event has a sentence. */
static void designed_store(const char *path)
{
    ent_store_config cfg;
    ent_store *st = NULL;
    char err[512];
    unsigned t;
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = ENT_STORE_CREATE;
    if (ent_store_open(path, &cfg, &st, err, sizeof err)) {
        printf("    open: %s\n", err);
        th_failed++;
        return;
    }
    for (t = 0; t < 36; t++) {
        char date[16], id[16];
        ent_store_doc d;
        int64_t dk = 0;
        int k = 0;
        snprintf(date, sizeof date, "%04u-%02u-15", 2019 + t / 12,
                 t % 12 + 1);
        snprintf(id, sizeof id, "doc%u", t);
        memset(&d, 0, sizeof d);
        d.hash = 1000 + (uint64_t)t;
        d.id = id;
        d.date = date;
        CHECK_INT(ent_store_add_doc(st, &d, &dk, NULL), ENT_OK);
        if (t == 0)
            CHECK_INT(ent_store_add_sentence(st, dk, 0, "China hailed Russia.",
                                             20),
                      ENT_OK);
        add(st, dk, k++, date, "CHNGOV", "RUSGOV", 1, 3);
        if (t % 2 == 0) {
            date[9] = '6'; /* another day: not merged with the first */
            add(st, dk, k++, date, "CHNGOV", "RUSGOV", 1, 3);
            add(st, dk, k++, date, "RUSGOV", "CHNGOV", 1, 1);
        }
        if (t % 4 == 0)
            add(st, dk, k++, date, "CHNMIL", "RUSMIL", 4, -5);
        if (t % 6 == 0)
            add(st, dk, k++, date, "USAGOV", "CHNGOV", 3, -2);
        if (t == 0)
            add(st, dk, k++, date, "JPNGOV", "RUSGOV", 1, 2);
    }
    CHECK_INT(ent_store_close(st), ENT_OK);
}

/* Open the designed store read-only. */
static ent_store *open_ro(const char *path)
{
    ent_store_config cfg;
    ent_store *st = NULL;
    char err[512];
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = ENT_STORE_READONLY;
    if (ent_store_open(path, &cfg, &st, err, sizeof err))
        printf("    open: %s\n", err);
    return st;
}

void test_report_designed(void)
{
    char path[512], err[512];
    ent_store *st;
    ent_report_config cfg;
    ent_report *r = NULL;
    double var0, a, se, df;
    size_t i, t;
    snprintf(path, sizeof path, "/tmp/entente-unit-%ld-report.db",
             (long)getpid());
    th_rm_db(path);
    designed_store(path);
    st = open_ro(path);
    if (!st)
        return;
    ent_report_defaults(&cfg);
    cfg.a = "CHN";
    cfg.b = "RUS";
    CHECK_INT(ent_report_run(st, &cfg, &r, err, sizeof err), ENT_OK);
    if (!r) {
        printf("    %s\n", err);
        th_failed++;
        ent_store_close(st);
        return;
    }
    CHECK_INT(r->n, 36);
    CHECK_STR(r->period[0], "2019-01");
    CHECK_STR(r->period[35], "2021-12");
    CHECK_INT(r->empty, 0);
    /* series: month 4 (t % 2 == 0 and t % 4 == 0) */
    CHECK_NEAR(r->coop[0][4], 2, 0);
    CHECK_NEAR(r->conf[0][4], 1, 0);
    CHECK_NEAR(r->coop[0][5], 1, 0);
    CHECK_NEAR(r->gsum[0][4], 1, 1e-12);
    CHECK_NEAR(r->coop[1][4], 1, 0);
    CHECK_NEAR(r->coop[1][5], 0, 0);
    /* news volume: every event of the store; month 0 has 6 */
    CHECK_NEAR(r->volume[0], 6, 0);
    CHECK_NEAR(r->volume[1], 1, 0);
    /* asymmetry: 54 cooperative + 9 conflictual CHN -> RUS, 18 RUS -> CHN */
    CHECK_INT(r->total[0], 63);
    CHECK_INT(r->total[1], 18);
    CHECK_INT(r->nconf[0], 9);
    CHECK_NEAR(r->share, 63.0 / 81.0, 1e-12);
    CHECK_NEAR(r->gmean[0], 117.0 / 63.0, 1e-12);
    CHECK_NEAR(r->gmean[1], 1, 1e-12);
    /* Welch: the RUS -> CHN scores do not vary, so df = 62 */
    var0 = (54 * pow(3 - 117.0 / 63, 2) + 9 * pow(-5 - 117.0 / 63, 2)) / 62;
    a = var0 / 63;
    se = sqrt(a);
    df = 62;
    CHECK_NEAR(r->gdiff_lo, 117.0 / 63 - 1 - ent__an_t975(df) * se, 1e-9);
    /* trend: conflict CHN -> RUS in months 0 4 8 12 16 | 20 24 28 32 */
    CHECK_NEAR(r->trend[0][ENT_AN_CONF].first, 5.0 / 18, 1e-12);
    CHECK_NEAR(r->trend[0][ENT_AN_CONF].second, 4.0 / 18, 1e-12);
    /* cooperation 2 1 2 1 ... = 1.5 + 0.5 (-1)^t: slope 0.5 * sum (t -
     * 17.5)(-1)^t / sum (t - 17.5)^2 = 0.5 * -18 / 3885 */
    CHECK_NEAR(r->trend[0][ENT_AN_COOP].slope, -9.0 / 3885, 1e-12);
    /* reciprocity: 2 1 2 1 against 1 0 1 0: r = 1 at lag 0 and -1 at lag
     * 1; every shift (7..29, all 23 used) gives |r| = 1 too, so p = 1:
     * a periodic pair is no evidence, as circular shifts should say */
    CHECK_INT(r->min_shift, 7);
    CHECK_INT(r->xcorr[ENT_AN_COOP][3].lag, 0);
    CHECK_NEAR(r->xcorr[ENT_AN_COOP][3].r, 1, 1e-12);
    CHECK_NEAR(r->xcorr[ENT_AN_COOP][4].r, -1, 1e-12);
    CHECK_NEAR(r->xcorr[ENT_AN_COOP][3].p, 1, 1e-12);
    CHECK_INT(r->xcorr[ENT_AN_COOP][4].n, 35);
    /* pressure: third parties by events with CHN or RUS */
    CHECK_INT(r->nthird, 2);
    if (r->nthird == 2) {
        CHECK_STR(r->third[0].x, "USA");
        CHECK_INT(r->third[0].events, 6);
        CHECK_STR(r->third[1].x, "JPN");
    }
    CHECK_INT(r->npressure, 2 * 2 * 3);
    CHECK_INT(r->pressure[0].conflict, 6);  /* USA -> CHN */
    CHECK_INT(r->pressure[3].conflict, 0);  /* USA -> RUS */
    CHECK_INT(r->pressure[0].n, 35);
    for (i = 0; i < r->npressure; i++) {
        size_t j;
        CHECK(isnan(r->pressure[i].p) || isnan(r->pressure[i].q) ||
              r->pressure[i].q >= r->pressure[i].p);
        /* q is monotone in p */
        for (j = 0; j < r->npressure; j++)
            CHECK(!(r->pressure[i].p < r->pressure[j].p) ||
                  r->pressure[i].q <= r->pressure[j].q);
    }
    /* findings: the first is CHN -> RUS cooperation with its sentence */
    CHECK(r->nfinding >= 4);
    if (r->nfinding) {
        CHECK_STR(r->finding[0].title, "Most cooperative CHN -> RUS");
        CHECK_INT(r->finding[0].n, 3);
        CHECK_STR(r->finding[0].ev[0].date, "2019-01-15");
        CHECK_STR(r->finding[0].ev[0].sentence, "China hailed Russia.");
        /* the second is in the same sentence of document 0, the third
         * in a document without sentences */
        CHECK_STR(r->finding[0].ev[1].sentence, "China hailed Russia.");
        CHECK(r->finding[0].ev[2].sentence == NULL);
        CHECK_STR(r->finding[0].ev[2].docid, "doc1");
    }
    CHECK(r->verdict && strstr(r->verdict, "36 months (2019-01 to 2021-12)"));
    ent_report_free(r);
    r = NULL;

    /* --from/--to narrow the span; yearly periods */
    cfg.by = ENT_BY_YEAR;
    cfg.from = "2020";
    CHECK_INT(ent_report_run(st, &cfg, &r, err, sizeof err), ENT_OK);
    if (r) {
        CHECK_INT(r->n, 2);
        CHECK_NEAR(r->coop[0][0], 18, 0);
        CHECK(isnan(r->xcorr[0][3].p)); /* too few periods */
    }
    ent_report_free(r);
    r = NULL;

    /* errors */
    cfg.by = ENT_BY_MONTH;
    cfg.from = "2030";
    CHECK_INT(ent_report_run(st, &cfg, &r, err, sizeof err), ENT_EINVAL);
    CHECK(r == NULL && strstr(err, "no events between CHN and RUS"));
    cfg.from = "2020-13";
    CHECK_INT(ent_report_run(st, &cfg, &r, err, sizeof err), ENT_EINVAL);
    CHECK(strstr(err, "bad date '2020-13'") != NULL);
    cfg.from = NULL;
    cfg.a = "chn";
    CHECK_INT(ent_report_run(st, &cfg, &r, err, sizeof err), ENT_EINVAL);
    CHECK(strstr(err, "bad actor 'chn'") != NULL);
    cfg.a = "CHN";
    cfg.lags = 0;
    CHECK_INT(ent_report_run(st, &cfg, &r, err, sizeof err), ENT_EINVAL);
    CHECK_INT(ent_report_run(NULL, &cfg, &r, err, sizeof err), ENT_EINVAL);
    ent_report_free(NULL);

    /* out of memory at every allocation: an error, never a crash or a
     * leak (make check) */
    cfg.lags = 3;
    cfg.permutations = 19;
    for (t = 1; t < 100000; t++) {
        th_failer fl = {0, (long)t};
        ent_allocator al;
        int rc;
        al.fn = th_failing_alloc;
        al.ud = &fl;
        cfg.alloc = &al;
        rc = ent_report_run(st, &cfg, &r, err, sizeof err);
        if (rc == ENT_OK) {
            ent_report_free(r);
            r = NULL;
            break;
        }
        CHECK_INT(rc, ENT_ENOMEM);
        CHECK(r == NULL);
        if (rc != ENT_ENOMEM)
            break;
    }
    CHECK(t > 3);
    ent_store_close(st);
    th_rm_db(path);
}
