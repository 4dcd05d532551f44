/*
 * analyze.c -- the dyad analysis behind `entente report`: is a
 * partnership natural or by necessity?
 *
 * From the merged events of a store (store.c): per period series of
 * a -> b and b -> a, their trends, reciprocity (lagged cross-correlation),
 * asymmetry, and pressure tests of the most active third parties, with
 * circular-shift permutation p-values and Benjamini-Hochberg correction;
 * then a verdict that states its own uncertainty and the events behind
 * each finding. Every statistic is explained in docs/report.md.
 */
#include "internal.h"

#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- statistics ------------------------------------------------------ */

double ent__an_corr_lag(const double *x, const double *y, size_t n, int lag,
                        size_t *npairs)
{
    size_t t0 = lag < 0 ? (size_t)-lag : 0, t, m = 0;
    size_t t1 = lag > 0 ? (n > (size_t)lag ? n - (size_t)lag : 0) : n;
    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
    for (t = t0; t < t1; t++) {
        mx += x[t];
        my += y[(size_t)((long)t + lag)];
        m++;
    }
    if (npairs)
        *npairs = m;
    if (m < 3)
        return NAN;
    mx /= (double)m;
    my /= (double)m;
    for (t = t0; t < t1; t++) {
        double dx = x[t] - mx, dy = y[(size_t)((long)t + lag)] - my;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    if (sxx <= 0 || syy <= 0)
        return NAN;
    return sxy / sqrt(sxx * syy);
}

#define OLS_MAXP 8

int ent__an_ols(const double *X, size_t n, size_t p, const double *y,
                double *beta, double *se)
{
    double m[OLS_MAXP][2 * OLS_MAXP + 1], scale = 0, rss = 0;
    size_t i, j, k, w = 2 * p + 1;
    if (p == 0 || p > OLS_MAXP || n <= p)
        return ENT_EINVAL;
    /* [X'X | I | X'y], reduced by Gauss-Jordan to [I | inv | beta] */
    for (i = 0; i < p; i++) {
        for (j = 0; j < p; j++) {
            double s = 0;
            for (k = 0; k < n; k++)
                s += X[k * p + i] * X[k * p + j];
            m[i][j] = s;
        }
        for (j = 0; j < p; j++)
            m[i][p + j] = i == j;
        m[i][2 * p] = 0;
        for (k = 0; k < n; k++)
            m[i][2 * p] += X[k * p + i] * y[k];
        if (m[i][i] > scale)
            scale = m[i][i];
    }
    for (i = 0; i < p; i++) {
        size_t piv = i;
        double d;
        for (j = i + 1; j < p; j++)
            if (fabs(m[j][i]) > fabs(m[piv][i]))
                piv = j;
        if (!(fabs(m[piv][i]) > 1e-10 * scale))
            return ENT_EINVAL;
        if (piv != i)
            for (k = 0; k < w; k++) {
                double tmp = m[i][k];
                m[i][k] = m[piv][k];
                m[piv][k] = tmp;
            }
        d = m[i][i];
        for (k = 0; k < w; k++)
            m[i][k] /= d;
        for (j = 0; j < p; j++) {
            double f = m[j][i];
            if (j == i || f == 0)
                continue;
            for (k = 0; k < w; k++)
                m[j][k] -= f * m[i][k];
        }
    }
    for (i = 0; i < p; i++)
        beta[i] = m[i][2 * p];
    if (!se)
        return ENT_OK;
    for (k = 0; k < n; k++) {
        double fit = 0;
        for (i = 0; i < p; i++)
            fit += X[k * p + i] * beta[i];
        rss += (y[k] - fit) * (y[k] - fit);
    }
    for (i = 0; i < p; i++) {
        double v = rss / (double)(n - p) * m[i][p + i];
        se[i] = v > 0 ? sqrt(v) : 0;
    }
    return ENT_OK;
}

double ent__an_t975(double df)
{
    static const double t[30] = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
        2.228,  2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101,
        2.093,  2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
        2.048,  2.045, 2.042};
    const double z = 1.959964, z3 = z * z * z, z5 = z3 * z * z,
                 z7 = z5 * z * z;
    if (!(df >= 1))
        return NAN;
    if (df < 30)
        return t[(int)df - 1]; /* a fractional (Welch) df rounds down */
    return z + (z3 + z) / (4 * df) +
           (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
           (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
}

void ent__an_wilson(uint64_t k, uint64_t n, double *lo, double *hi)
{
    const double z = 1.959964;
    double nn = (double)n, ph, den, mid, half;
    if (n == 0) {
        *lo = 0;
        *hi = 1;
        return;
    }
    ph = (double)k / nn;
    den = 1 + z * z / nn;
    mid = (ph + z * z / (2 * nn)) / den;
    half = z * sqrt(ph * (1 - ph) / nn + z * z / (4 * nn * nn)) / den;
    *lo = mid - half < 0 ? 0 : mid - half;
    *hi = mid + half > 1 ? 1 : mid + half;
}

void ent__an_bh(const double *p, size_t n, double *q)
{
    size_t i, j, m = 0;
    for (i = 0; i < n; i++)
        m += !isnan(p[i]);
    for (i = 0; i < n; i++) {
        double best = 1;
        if (isnan(p[i])) {
            q[i] = NAN;
            continue;
        }
        /* q_i = min over p_j >= p_i of p_j * m / rank_j */
        for (j = 0; j < n; j++) {
            size_t r = 0, k;
            double v;
            if (isnan(p[j]) || p[j] < p[i])
                continue;
            for (k = 0; k < n; k++)
                r += !isnan(p[k]) && p[k] <= p[j];
            v = p[j] * (double)m / (double)r;
            if (v < best)
                best = v;
        }
        q[i] = best;
    }
}

/* Fewest shifts for a permutation p-value: with 19, the smallest
 * possible p is 0.05. */
#define MIN_SHIFTS 19

double ent__an_shift_test(const double *x, size_t n, size_t min_shift,
                          size_t nperm, uint64_t *seed, ent__an_stat f,
                          void *ud, double obs, double *scratch)
{
    size_t nshift, draws, used = 0, extreme = 0, i, t;
    if (isnan(obs) || min_shift < 1 || n < 2 * min_shift + MIN_SHIFTS - 1)
        return NAN;
    nshift = n - 2 * min_shift + 1; /* s = min_shift .. n - min_shift */
    draws = nshift <= nperm ? nshift : nperm;
    if (*seed == 0)
        *seed = 0x9E3779B97F4A7C15ULL;
    for (i = 0; i < draws; i++) {
        size_t s = nshift <= nperm
                       ? min_shift + i
                       : min_shift + (size_t)(ent__pc_rand(seed) % nshift);
        double v;
        for (t = 0; t < n; t++)
            scratch[t] = x[(t + s) % n];
        v = f(ud, scratch);
        if (isnan(v))
            continue;
        used++;
        if (fabs(v) >= fabs(obs) * (1 - 1e-12))
            extreme++;
    }
    return used ? (1.0 + (double)extreme) / (1.0 + (double)used) : NAN;
}

/* ---- the analysis ------------------------------------------------- */

/* What an analysis owns: its allocator and the arena of all its
 * arrays and strings. */
struct ent__an_mem {
    ent_allocator alloc;
    ent__arena arena;
};

/* State of one ent_report_run(). */
typedef struct ctx {
    ent_store *st;
    sqlite3 *db;
    const ent_allocator *a; /* NULL: malloc */
    ent__arena *ar;
    ent_report *an;
    const ent_report_config *cfg;
    int32_t from, to; /* the span, day numbers */
    int32_t key0;     /* key of the first period */
    int step;         /* key units per period: 7 for weeks, else 1 */
    uint64_t seed;
    double *scratch;  /* 8 n doubles for regressions and shifts */
    char *err;
    size_t errlen;
} ctx;

/* Write a message to the caller's err; returns rc. */
static int fail(ctx *c, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(ctx *c, int rc, const char *fmt, ...)
{
    va_list ap;
    if (c->errlen) {
        va_start(ap, fmt);
        vsnprintf(c->err, c->errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/* A failed SQLite call: ENT_EIO with SQLite's message. */
static int fail_sql(ctx *c, const char *what)
{
    return fail(c, ENT_EIO, "%s: %s", what, sqlite3_errmsg(c->db));
}

/* n zeroed bytes from the analysis arena, or NULL. */
static void *zalloc(ctx *c, size_t n)
{
    void *p = ent__arena_alloc(c->a, c->ar, n ? n : 1);
    if (p)
        memset(p, 0, n ? n : 1);
    return p;
}

/* A copy of s (NULL stays NULL) in the arena; *ok cleared when out of
 * memory. */
static const char *sdup(ctx *c, const char *s, int *ok)
{
    char *d;
    if (!s)
        return NULL;
    d = ent__arena_strndup(c->a, c->ar, s, strlen(s));
    if (!d)
        *ok = 0;
    return d;
}

/* Index of the period holding day. */
static size_t period_index(const ctx *c, int32_t day)
{
    char label[11];
    int32_t key = ent__period_of(day, c->an->by, label);
    return (size_t)((key - c->key0) / c->step);
}

/* Prepare sql (a printf format over the conditions given) and bind the
 * span to ?1 and ?2. */
static int prepare(ctx *c, sqlite3_stmt **s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int prepare(ctx *c, sqlite3_stmt **s, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    if (sqlite3_prepare_v2(c->db, sql, -1, s, NULL) != SQLITE_OK)
        return fail_sql(c, "analysis query");
    sqlite3_bind_int64(*s, 1, c->from);
    sqlite3_bind_int64(*s, 2, c->to);
    return ENT_OK;
}

/* Add the merged events matching the conditions src and tgt in the span
 * to the per period arrays that are not NULL: events, cooperative and
 * conflictual events, Goldstein sum; *g2 (may be NULL) gets the sum of
 * squared Goldstein scores. */
static int series(ctx *c, const char *src, const char *tgt, double *events,
                  double *coop, double *conf, double *gsum, double *g2)
{
    sqlite3_stmt *s = NULL;
    int rc = prepare(c, &s,
                     "SELECT day, quad, goldstein FROM merged_rows WHERE %s AND"
                     " %s AND day BETWEEN ?1 AND ?2",
                     src, tgt);
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        size_t i = period_index(c, (int32_t)sqlite3_column_int64(s, 0));
        int quad = sqlite3_column_int(s, 1);
        double g = sqlite3_column_double(s, 2);
        if (i >= c->an->n)
            continue;
        if (events)
            events[i] += 1;
        if (coop && (quad == 1 || quad == 2))
            coop[i] += 1;
        if (conf && (quad == 3 || quad == 4))
            conf[i] += 1;
        if (gsum)
            gsum[i] += g;
        if (g2)
            *g2 += g * g;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ENT_OK : fail_sql(c, "series query");
}

/* The span: --from and --to, else the first and last day of the dyad's
 * events; ENT_EINVAL when the dyad has none in it. */
static int span(ctx *c, const char *cond[4])
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    int64_t count = 0;
    int d, rc;
    for (d = 0; d < 2; d++) {
        sqlite3_stmt *s = NULL;
        if ((rc = prepare(c, &s,
                          "SELECT min(day), max(day), count(*) FROM merged_rows"
                          " WHERE %s AND %s AND day BETWEEN ?1 AND ?2",
                          cond[2 * d], cond[2 * d + 1])))
            return rc;
        if (sqlite3_step(s) != SQLITE_ROW) {
            sqlite3_finalize(s);
            return fail_sql(c, "span query");
        }
        if (sqlite3_column_int64(s, 2) > 0) {
            int32_t a = (int32_t)sqlite3_column_int64(s, 0);
            int32_t b = (int32_t)sqlite3_column_int64(s, 1);
            count += sqlite3_column_int64(s, 2);
            lo = a < lo ? a : lo;
            hi = b > hi ? b : hi;
        }
        sqlite3_finalize(s);
    }
    if (!count)
        return fail(c, ENT_EINVAL,
                    "no events between %s and %s%s%s%s%s in the store",
                    c->cfg->a, c->cfg->b, c->cfg->from ? " from " : "",
                    c->cfg->from ? c->cfg->from : "",
                    c->cfg->to ? " to " : "", c->cfg->to ? c->cfg->to : "");
    if (!c->cfg->from)
        c->from = lo;
    if (!c->cfg->to)
        c->to = hi;
    return ENT_OK;
}

/* The periods of the span, and the per period arrays. */
static int make_periods(ctx *c)
{
    ent_report *an = c->an;
    char label[11];
    int32_t d;
    int dir;
    size_t i;
    an->n = 0;
    for (d = c->from; d <= c->to; d = ent__period_next(d, an->by))
        an->n++;
    an->period = zalloc(c, an->n * sizeof *an->period);
    an->volume = zalloc(c, an->n * sizeof(double));
    c->scratch = zalloc(c, 8 * an->n * sizeof(double));
    if (!an->period || !an->volume || !c->scratch)
        return fail(c, ENT_ENOMEM, "out of memory");
    for (d = c->from, i = 0; d <= c->to; d = ent__period_next(d, an->by), i++)
        ent__period_of(d, an->by, an->period[i]);
    c->key0 = ent__period_of(c->from, an->by, label);
    c->step = an->by == ENT_BY_WEEK ? 7 : 1;
    for (dir = 0; dir < 2; dir++) {
        an->events[dir] = zalloc(c, an->n * sizeof(double));
        an->coop[dir] = zalloc(c, an->n * sizeof(double));
        an->conf[dir] = zalloc(c, an->n * sizeof(double));
        an->gsum[dir] = zalloc(c, an->n * sizeof(double));
        if (!an->events[dir] || !an->coop[dir] || !an->conf[dir] ||
            !an->gsum[dir])
            return fail(c, ENT_ENOMEM, "out of memory");
    }
    return ENT_OK;
}

/* News volume: merged events of all actors per period. */
static int volume(ctx *c)
{
    sqlite3_stmt *s = NULL;
    int rc = prepare(c, &s,
                     "SELECT day FROM merged_rows WHERE day BETWEEN ?1 AND ?2");
    if (rc)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        size_t i = period_index(c, (int32_t)sqlite3_column_int64(s, 0));
        if (i < c->an->n)
            c->an->volume[i] += 1;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? ENT_OK : fail_sql(c, "volume query");
}

/* The linear trend of y[0..n) and its halves; X is 2 n doubles. */
static void trend(const double *y, size_t n, double *X, ent_an_trend *t)
{
    double beta[2], se[2], s1 = 0, s2 = 0, tq;
    size_t i;
    t->slope = t->lo = t->hi = t->first = t->second = NAN;
    if (n < 3)
        return;
    for (i = 0; i < n; i++) {
        X[2 * i] = 1;
        X[2 * i + 1] = (double)i;
        if (i < n / 2)
            s1 += y[i];
        else if (i >= (n + 1) / 2)
            s2 += y[i];
    }
    t->first = s1 / (double)(n / 2);
    t->second = s2 / (double)(n / 2);
    if (ent__an_ols(X, n, 2, y, beta, se))
        return;
    tq = ent__an_t975((double)(n - 2));
    t->slope = beta[1];
    t->lo = beta[1] - tq * se[1];
    t->hi = beta[1] + tq * se[1];
}

/* Trends of every measure in both directions, in events and per 1,000
 * events of the store. */
static int trends(ctx *c)
{
    ent_report *an = c->an;
    double *y = zalloc(c, an->n * sizeof *y);
    double *z = zalloc(c, an->n * sizeof *z);
    int dir, m;
    size_t i;
    if (!y || !z)
        return fail(c, ENT_ENOMEM, "out of memory");
    for (dir = 0; dir < 2; dir++)
        for (m = 0; m < ENT_AN_NMEASURES; m++) {
            for (i = 0; i < an->n; i++) {
                y[i] = m == ENT_AN_COOP   ? an->coop[dir][i]
                       : m == ENT_AN_CONF ? an->conf[dir][i]
                                          : an->coop[dir][i] - an->conf[dir][i];
                z[i] = an->volume[i] > 0 ? 1000 * y[i] / an->volume[i] : 0;
            }
            trend(y, an->n, c->scratch, &an->trend[dir][m]);
            trend(z, an->n, c->scratch, &an->trend_share[dir][m]);
        }
    return ENT_OK;
}

/* The data of one cross-correlation permutation test. */
typedef struct xc_data {
    const double *x;
    size_t n;
    int lag;
} xc_data;

/* ent__an_stat: r of x with the shifted y at the test's lag. */
static double xc_stat(void *ud, const double *ys)
{
    const xc_data *d = ud;
    return ent__an_corr_lag(d->x, ys, d->n, d->lag, NULL);
}

/* Cross-correlations of a -> b with b -> a for each measure and lag. */
static int reciprocity(ctx *c)
{
    ent_report *an = c->an;
    double *x = zalloc(c, an->n * sizeof *x);
    double *y = zalloc(c, an->n * sizeof *y);
    int m, L, k = an->lags;
    size_t i;
    if (!x || !y)
        return fail(c, ENT_ENOMEM, "out of memory");
    an->min_shift = (size_t)(2 * k + 1);
    for (m = 0; m < ENT_AN_NMEASURES; m++) {
        an->xcorr[m] = zalloc(c, (size_t)(2 * k + 1) * sizeof(ent_an_lag));
        if (!an->xcorr[m])
            return fail(c, ENT_ENOMEM, "out of memory");
        for (i = 0; i < an->n; i++) {
            x[i] = m == ENT_AN_CONF ? an->conf[0][i]
                   : m == ENT_AN_COOP
                       ? an->coop[0][i]
                       : an->coop[0][i] - an->conf[0][i];
            y[i] = m == ENT_AN_CONF ? an->conf[1][i]
                   : m == ENT_AN_COOP
                       ? an->coop[1][i]
                       : an->coop[1][i] - an->conf[1][i];
        }
        for (L = -k; L <= k; L++) {
            ent_an_lag *g = &an->xcorr[m][L + k];
            xc_data d;
            d.x = x;
            d.n = an->n;
            d.lag = L;
            g->lag = L;
            g->r = ent__an_corr_lag(x, y, an->n, L, &g->n);
            g->p = ent__an_shift_test(y, an->n, an->min_shift,
                                      (size_t)c->cfg->permutations, &c->seed,
                                      xc_stat, &d, g->r, c->scratch + an->n);
        }
    }
    return ENT_OK;
}

/* Who initiates and whose Goldstein balance is higher. g2: the sums of
 * squared Goldstein scores per direction. */
static void asymmetry(ent_report *an, const double g2[2])
{
    double sum[2] = {0, 0}, var[2] = {0, 0}, nn[2];
    int dir;
    size_t i;
    for (dir = 0; dir < 2; dir++) {
        double tot = 0, co = 0, cf = 0;
        for (i = 0; i < an->n; i++) {
            tot += an->events[dir][i];
            co += an->coop[dir][i];
            cf += an->conf[dir][i];
            sum[dir] += an->gsum[dir][i];
        }
        an->total[dir] = (uint64_t)tot;
        an->ncoop[dir] = (uint64_t)co;
        an->nconf[dir] = (uint64_t)cf;
        nn[dir] = tot;
        an->gmean[dir] = tot > 0 ? sum[dir] / tot : NAN;
        var[dir] = tot > 1 ? (g2[dir] - sum[dir] * sum[dir] / tot) / (tot - 1)
                           : NAN;
        if (var[dir] < 0)
            var[dir] = 0;
    }
    an->share = (double)an->total[0] / (double)(an->total[0] + an->total[1]);
    ent__an_wilson(an->total[0], an->total[0] + an->total[1], &an->share_lo,
                   &an->share_hi);
    an->coop_share = an->ncoop[0] + an->ncoop[1]
                         ? (double)an->ncoop[0] /
                               (double)(an->ncoop[0] + an->ncoop[1])
                         : NAN;
    ent__an_wilson(an->ncoop[0], an->ncoop[0] + an->ncoop[1],
                   &an->coop_share_lo, &an->coop_share_hi);
    an->gdiff = an->gmean[0] - an->gmean[1];
    an->gdiff_lo = an->gdiff_hi = NAN;
    if (nn[0] > 1 && nn[1] > 1) {
        /* Welch: unequal variances, Welch-Satterthwaite df */
        double a = var[0] / nn[0], b = var[1] / nn[1], se = sqrt(a + b);
        double df = (a + b) * (a + b) /
                    (a * a / (nn[0] - 1) + b * b / (nn[1] - 1));
        double tq = se > 0 ? ent__an_t975(df) : 0;
        an->gdiff_lo = an->gdiff - tq * se;
        an->gdiff_hi = an->gdiff + tq * se;
    }
}

/* The third parties with most events with a or b (both directions),
 * not a or b themselves: a country code, or the actor code of actors
 * without a country (IGOs). */
static int third_parties(ctx *c, const char *cond[4], const char *ca,
                         const char *cb)
{
    ent_report *an = c->an;
    sqlite3_stmt *s = NULL;
    int rc, ok = 1;
    size_t cap = (size_t)c->cfg->third;
    /* cond: a as source, b as target, b as source, a as target; the
     * partner side of each a- or b-condition is the other column */
    rc = prepare(
        c, &s,
        "SELECT x, count(*) AS k FROM ("
        " SELECT CASE WHEN target_country <> '' THEN target_country ELSE"
        " (SELECT code FROM actors WHERE id = target) END AS x FROM"
        " merged_rows WHERE %s AND day BETWEEN ?1 AND ?2"
        " UNION ALL SELECT CASE WHEN target_country <> '' THEN"
        " target_country ELSE (SELECT code FROM actors WHERE id = target)"
        " END FROM merged_rows WHERE %s AND day BETWEEN ?1 AND ?2"
        " UNION ALL SELECT CASE WHEN source_country <> '' THEN"
        " source_country ELSE (SELECT code FROM actors WHERE id = source)"
        " END FROM merged_rows WHERE %s AND day BETWEEN ?1 AND ?2"
        " UNION ALL SELECT CASE WHEN source_country <> '' THEN"
        " source_country ELSE (SELECT code FROM actors WHERE id = source)"
        " END FROM merged_rows WHERE %s AND day BETWEEN ?1 AND ?2)"
        " WHERE x <> '' AND x <> ?3 AND x <> ?4 GROUP BY x"
        " ORDER BY k DESC, x LIMIT ?5",
        cond[0], cond[2], cond[1], cond[3]);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 3, ca, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, cb, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, (int64_t)cap);
    an->third = zalloc(c, cap * sizeof *an->third);
    if (!an->third) {
        sqlite3_finalize(s);
        return fail(c, ENT_ENOMEM, "out of memory");
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && an->nthird < cap) {
        const char *x = (const char *)sqlite3_column_text(s, 0);
        ent_an_third *t = &an->third[an->nthird++];
        t->x = sdup(c, x ? x : "", &ok);
        t->events = (uint64_t)sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (!ok)
        return fail(c, ENT_ENOMEM, "out of memory");
    return rc == SQLITE_DONE || rc == SQLITE_ROW
               ? ENT_OK
               : fail_sql(c, "third-party query");
}

/* The data of one pressure regression. */
typedef struct pr_data {
    const double *y;   /* a <-> b cooperation per period */
    const double *v;   /* news volume without a <-> b, thousands of
                          events */
    size_t n;
    int lag;
    int volume;        /* include the volume control */
    double *X;         /* (n - lag) x 4 design matrix */
    double *yy;        /* y[lag..n) */
    double se;         /* of the last fit */
} pr_data;

/* ent__an_stat: the coefficient of x's conflict at t - lag in the
 * regression of cooperation at t on it, cooperation at t - 1 and (when
 * d->volume) the news volume at t; NAN when singular. */
static double pr_stat(void *ud, const double *x)
{
    pr_data *d = ud;
    size_t p = d->volume ? 4 : 3, t, r = 0;
    double beta[4], se[4];
    for (t = (size_t)d->lag; t < d->n; t++, r++) {
        double *row = d->X + r * p;
        row[0] = 1;
        row[1] = x[t - (size_t)d->lag];
        row[2] = d->y[t - 1];
        if (d->volume)
            row[3] = d->v[t];
        d->yy[r] = d->y[t];
    }
    if (ent__an_ols(d->X, r, p, d->yy, beta, se))
        return NAN;
    d->se = se[1];
    /* a perfect fit leaves rounding noise (1e-16) as the coefficient,
     * which must not rank against the shifts' noise */
    if (fabs(beta[1]) < 1e-9)
        beta[1] = 0;
    return beta[1];
}

/* Standard deviation of v[from..to). */
static double sd(const double *v, size_t from, size_t to)
{
    double m = 0, s = 0;
    size_t i;
    if (to <= from + 1)
        return NAN;
    for (i = from; i < to; i++)
        m += v[i];
    m /= (double)(to - from);
    for (i = from; i < to; i++)
        s += (v[i] - m) * (v[i] - m);
    return sqrt(s / (double)(to - from - 1));
}

/* The pressure tests of every third party, side and lag, then the BH
 * correction over all of them. */
static int pressure(ctx *c)
{
    ent_report *an = c->an;
    const char *ab[2];
    double *y, *v, *x, *X, *yy, *p;
    size_t i, j, n = an->n, k = (size_t)an->lags;
    int side, rc;
    ab[0] = an->a;
    ab[1] = an->b;
    y = zalloc(c, n * sizeof *y);
    v = zalloc(c, n * sizeof *v);
    x = zalloc(c, n * sizeof *x);
    X = zalloc(c, 4 * n * sizeof *X);
    yy = zalloc(c, n * sizeof *yy);
    an->npressure = an->nthird * 2 * k;
    an->pressure = zalloc(c, an->npressure * sizeof *an->pressure);
    p = zalloc(c, 2 * an->npressure * sizeof *p);
    if (!y || !v || !x || !X || !yy || !an->pressure || !p)
        return fail(c, ENT_ENOMEM, "out of memory");
    for (i = 0; i < n; i++) {
        y[i] = an->coop[0][i] + an->coop[1][i];
        /* the news volume without a <-> b itself, which the regression
         * explains */
        v[i] = (an->volume[i] - an->events[0][i] - an->events[1][i]) / 1000;
    }
    for (j = 0; j < an->nthird; j++)
        for (side = 0; side < 2; side++) {
            char cx[160], ct[160];
            double total = 0;
            size_t L;
            memset(x, 0, n * sizeof *x);
            if ((rc = ent__store_actor_cond(c->st, an->third[j].x, "source",
                                            cx, sizeof cx)) ||
                (rc = ent__store_actor_cond(c->st, ab[side], "target", ct,
                                            sizeof ct)) ||
                (rc = series(c, cx, ct, NULL, NULL, x, NULL, NULL)))
                return rc == ENT_EINVAL
                           ? fail(c, rc, "%s", ent_store_errmsg(c->st))
                           : rc;
            for (i = 0; i < n; i++)
                total += x[i];
            for (L = 1; L <= k; L++) {
                ent_an_pressure *t =
                    &an->pressure[(j * 2 + (size_t)side) * k + L - 1];
                pr_data d;
                t->x = an->third[j].x;
                t->side = side;
                t->lag = (int)L;
                t->conflict = (uint64_t)total;
                t->beta = t->se = t->std_beta = t->p = NAN;
                t->n = n > L ? n - L : 0;
                d.y = y;
                d.v = v;
                d.n = n;
                d.lag = (int)L;
                d.X = X;
                d.yy = yy;
                d.se = NAN;
                d.volume = 1;
                if (n <= L + 4)
                    continue;
                t->beta = pr_stat(&d, x);
                if (isnan(t->beta)) {
                    d.volume = 0;
                    t->beta = pr_stat(&d, x);
                }
                t->volume = d.volume;
                t->se = d.se;
                t->std_beta = t->beta * sd(x, 0, n - L) / sd(y, L, n);
                t->p = ent__an_shift_test(x, n, an->min_shift,
                                          (size_t)c->cfg->permutations,
                                          &c->seed, pr_stat, &d, t->beta,
                                          c->scratch);
            }
        }
    for (i = 0; i < an->npressure; i++)
        p[i] = an->pressure[i].p;
    ent__an_bh(p, an->npressure, p + an->npressure);
    for (i = 0; i < an->npressure; i++)
        an->pressure[i].q = p[an->npressure + i];
    return ENT_OK;
}

/* ---- the events behind the findings -------------------------------- */

/* An actor as shown with an event: its code, and the name it had in
 * imported data ("CHNREB (Uighur separatists)"), or the name alone when
 * it has no code. In the arena; *ok cleared when out of memory. */
static const char *actor_label(ctx *c, const char *code, const char *name,
                               int *ok)
{
    char buf[512];
    if (!code)
        code = "";
    if (!name)
        name = "";
    if (*code && *name)
        snprintf(buf, sizeof buf, "%s (%s)", code, name);
    else
        snprintf(buf, sizeof buf, "%s", *code ? code : name);
    return sdup(c, buf, ok);
}

/* Append finding title: the top events of merged rows matching src, tgt
 * and the SQL condition extra in days lo..hi, in order. Each event gets
 * its first mention's document and sentence. */
static int finding(ctx *c, const char *title, const char *src,
                   const char *tgt, const char *extra, const char *order,
                   int32_t lo, int32_t hi)
{
    ent_report *an = c->an;
    ent_an_finding *f;
    sqlite3_stmt *s = NULL, *m = NULL;
    int rc, ok = 1, w = ent_store_window(c->st);
    size_t top = (size_t)c->cfg->top;
    if ((rc = prepare(c, &s,
                      "SELECT (SELECT code FROM actors WHERE id = source),"
                      " (SELECT code FROM actors WHERE id = target),"
                      " (SELECT name FROM actors WHERE id = source),"
                      " (SELECT name FROM actors WHERE id = target),"
                      " (SELECT code FROM kinds WHERE id = kind), quad,"
                      " goldstein, day, mentions, mkey, bucket, source,"
                      " target FROM merged_rows WHERE %s AND %s AND %s AND"
                      " day BETWEEN ?1 AND ?2 ORDER BY %s LIMIT ?3",
                      src, tgt, extra, order)))
        return rc;
    sqlite3_bind_int64(s, 1, lo);
    sqlite3_bind_int64(s, 2, hi);
    sqlite3_bind_int64(s, 3, (int64_t)top);
    if (sqlite3_prepare_v2(
            c->db,
            "SELECT e.day, d.docid, d.url, t.text FROM event_rows e"
            " JOIN documents d ON d.id = e.doc LEFT JOIN sentences t ON"
            " t.doc = e.doc AND t.idx = e.sent WHERE e.mkey = ?1 AND e.day"
            " BETWEEN ?2 AND ?3 AND e.source = ?4 AND e.target = ?5 AND"
            " e.flags & 7 = 0 ORDER BY e.day, e.doc, e.sent LIMIT 1",
            -1, &m, NULL) != SQLITE_OK) {
        sqlite3_finalize(s);
        return fail_sql(c, "mention query");
    }
    f = &an->finding[an->nfinding];
    f->ev = zalloc(c, top * sizeof *f->ev);
    f->title = sdup(c, title, &ok);
    if (!f->ev || !ok) {
        rc = fail(c, ENT_ENOMEM, "out of memory");
        goto done;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW && f->n < top) {
        ent_an_event *e = &f->ev[f->n++];
        const char *sc = (const char *)sqlite3_column_text(s, 0);
        const char *tc = (const char *)sqlite3_column_text(s, 1);
        int64_t bucket = sqlite3_column_int64(s, 10);
        char date[11];
        int y, mo, d;
        e->source = actor_label(c, sc, (const char *)sqlite3_column_text(s, 2),
                                &ok);
        e->target = actor_label(c, tc, (const char *)sqlite3_column_text(s, 3),
                                &ok);
        e->code = sdup(c, (const char *)sqlite3_column_text(s, 4), &ok);
        e->quad = sqlite3_column_int(s, 5);
        e->goldstein = sqlite3_column_double(s, 6);
        ent__civil_from_days((int32_t)sqlite3_column_int64(s, 7), &y, &mo,
                             &d);
        ent__format_ymd(y, mo, d, date);
        memcpy(e->date, date, sizeof date);
        e->mentions = (uint64_t)sqlite3_column_int64(s, 8);
        sqlite3_reset(m);
        sqlite3_bind_int64(m, 1, sqlite3_column_int64(s, 9));
        sqlite3_bind_int64(m, 2, bucket * w);
        sqlite3_bind_int64(m, 3, bucket * w + w - 1);
        sqlite3_bind_int64(m, 4, sqlite3_column_int64(s, 11));
        sqlite3_bind_int64(m, 5, sqlite3_column_int64(s, 12));
        if (sqlite3_step(m) == SQLITE_ROW) {
            e->docid = sdup(c, (const char *)sqlite3_column_text(m, 1), &ok);
            e->url = sdup(c, (const char *)sqlite3_column_text(m, 2), &ok);
            e->sentence = sdup(c, (const char *)sqlite3_column_text(m, 3),
                               &ok);
            if (e->sentence && !*e->sentence)
                e->sentence = NULL;
        }
        if (!ok) {
            rc = fail(c, ENT_ENOMEM, "out of memory");
            goto done;
        }
    }
    rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? ENT_OK
                                               : fail_sql(c, "finding query");
    if (f->n)
        an->nfinding++;
done:
    sqlite3_finalize(s);
    sqlite3_finalize(m);
    return rc;
}

/* The index of the pressure test with the smallest p (ties: the larger
 * |std_beta|), or npressure when none has a p-value. */
static size_t best_pressure(const ent_report *an)
{
    size_t i, best = an->npressure;
    for (i = 0; i < an->npressure; i++) {
        const ent_an_pressure *t = &an->pressure[i];
        if (isnan(t->p))
            continue;
        if (best == an->npressure || t->p < an->pressure[best].p ||
            (t->p == an->pressure[best].p &&
             fabs(t->std_beta) > fabs(an->pressure[best].std_beta)))
            best = i;
    }
    return best;
}

/* The findings: strongest cooperation and conflict each way, the peak
 * period of cooperation, and the conflict behind the strongest pressure
 * test. cond: a as source, b as target, b as source, a as target. */
static int findings(ctx *c, const char *cond[4])
{
    ent_report *an = c->an;
    static const char *const coop = "quad IN (1, 2)",
                             *const conf = "quad IN (3, 4)";
    static const char *const up = "goldstein DESC, mentions DESC, day",
                             *const down = "goldstein, mentions DESC, day";
    char title[256];
    size_t i, peak = 0, b;
    int dir, rc;
    an->finding = zalloc(c, 6 * sizeof *an->finding);
    if (!an->finding)
        return fail(c, ENT_ENOMEM, "out of memory");
    for (dir = 0; dir < 2; dir++) {
        const char *s = dir ? an->b : an->a, *t = dir ? an->a : an->b;
        snprintf(title, sizeof title, "Most cooperative %s -> %s", s, t);
        if ((rc = finding(c, title, cond[2 * dir], cond[2 * dir + 1], coop,
                          up, c->from, c->to)))
            return rc;
        snprintf(title, sizeof title, "Most conflictual %s -> %s", s, t);
        if ((rc = finding(c, title, cond[2 * dir], cond[2 * dir + 1], conf,
                          down, c->from, c->to)))
            return rc;
    }
    for (i = 1; i < an->n; i++)
        if (an->coop[0][i] + an->coop[1][i] >
            an->coop[0][peak] + an->coop[1][peak])
            peak = i;
    if (an->n && an->coop[0][peak] + an->coop[1][peak] > 0) {
        char both[700];
        int32_t lo = c->from, hi;
        for (i = 0; i < peak; i++)
            lo = ent__period_next(lo, an->by);
        hi = ent__period_next(lo, an->by) - 1;
        snprintf(both, sizeof both, "((%s AND %s) OR (%s AND %s))", cond[0],
                 cond[1], cond[2], cond[3]);
        snprintf(title, sizeof title,
                 "Peak of cooperation: %s (%s <-> %s, both directions)",
                 an->period[peak], an->a, an->b);
        if ((rc = finding(c, title, both, "1", coop, up,
                          lo > c->from ? lo : c->from,
                          hi < c->to ? hi : c->to)))
            return rc;
    }
    b = best_pressure(an);
    if (b < an->npressure) {
        const ent_an_pressure *t = &an->pressure[b];
        char cx[160], ct[160];
        if ((rc = ent__store_actor_cond(c->st, t->x, "source", cx,
                                        sizeof cx)) ||
            (rc = ent__store_actor_cond(c->st, t->side ? an->b : an->a,
                                        "target", ct, sizeof ct)))
            return fail(c, rc, "%s", ent_store_errmsg(c->st));
        snprintf(title, sizeof title,
                 "Most conflictual %s -> %s (the strongest pressure test)",
                 t->x, t->side ? an->b : an->a);
        if ((rc = finding(c, title, cx, ct, conf, down, c->from, c->to)))
            return rc;
    }
    return ENT_OK;
}

/* ---- the verdict ------------------------------------------------------ */

/* How strong a p- or q-value makes the evidence, in words. */
static const char *strength(double p)
{
    return isnan(p)    ? "no test"
           : p < 0.01 ? "strong"
           : p < 0.05 ? "moderate"
           : p < 0.10 ? "weak"
                      : "no";
}

/* "rose", "fell" or "shows no clear trend" from a slope's interval. */
static const char *direction(const ent_an_trend *t)
{
    return isnan(t->slope) ? "cannot be estimated"
           : t->lo > 0     ? "rose"
           : t->hi < 0     ? "fell"
                           : "shows no clear trend";
}

static const char *const by_name[] = {"day", "week", "month", "quarter",
                                      "year"};

/* The strongest lagged correlation of measure m with lag sign sgn (+1:
 * b answers a, -1: a answers b), by smallest p then largest |r|; NULL
 * when none has a p-value. */
static const ent_an_lag *best_lag(const ent_report *an, int m, int sgn)
{
    const ent_an_lag *best = NULL;
    int L;
    for (L = 1; L <= an->lags; L++) {
        const ent_an_lag *g = &an->xcorr[m][an->lags + sgn * L];
        if (isnan(g->p))
            continue;
        if (!best || g->p < best->p ||
            (g->p == best->p && fabs(g->r) > fabs(best->r)))
            best = g;
    }
    return best;
}

/* A sentence on the lagged correlation g: does who's cooperation follow
 * whom's? A negative r is no answer in kind. Returns 0 or
 * ENT_ENOMEM. */
static int lag_text(ctx *c, ent__buf *b, const ent_an_lag *g,
                    const char *who, const char *whom)
{
    int L = g->lag < 0 ? -g->lag : g->lag;
    const char *by = by_name[c->an->by];
    if (!(g->p < 0.10))
        return ent__buf_printf(c->a, b,
                               "%s's cooperation %d %s(s) after %s's: r = "
                               "%.2f (p = %.3f: no evidence of a "
                               "response). ",
                               who, L, by, whom, g->r, g->p);
    if (g->r > 0)
        return ent__buf_printf(c->a, b,
                               "%s's cooperation %d %s(s) after %s's: r = "
                               "%.2f (p = %.3f: %s evidence that %s answers "
                               "%s's cooperation in kind). ",
                               who, L, by, whom, g->r, g->p,
                               strength(g->p), who, whom);
    return ent__buf_printf(c->a, b,
                           "%s's cooperation %d %s(s) after %s's: r = %.2f "
                           "(p = %.3f: %s evidence that it is lower after "
                           "%s's cooperation, no answer in kind). ",
                           who, L, by, whom, g->r, g->p, strength(g->p),
                           whom);
}

/* Write the verdict: what the numbers support, each claim with its
 * uncertainty, then the caveats (docs/report.md, "Verdict"). */
static int verdict(ctx *c)
{
    ent_report *an = c->an;
    const char *by = by_name[an->by], *A = an->a, *B = an->b;
    ent__buf b = {0};
    const ent_an_lag *z = &an->xcorr[ENT_AN_COOP][an->lags];
    const ent_an_lag *fwd = best_lag(an, ENT_AN_COOP, 1);
    const ent_an_lag *back = best_lag(an, ENT_AN_COOP, -1);
    size_t i, npos = 0, nneg = 0, ntests = 0, bi = best_pressure(an);
    double minq = NAN;
    int recip = 0, rc = 0, dir;

    rc |= ent__buf_printf(
        c->a, &b,
        "Data: %zu %ss (%s to %s); %llu events %s -> %s and %llu %s -> %s "
        "(merged factual events, cooperation = QuadClass 1-2, conflict = "
        "3-4). ",
        an->n, by, an->period[0], an->period[an->n - 1],
        (unsigned long long)an->total[0], A, B,
        (unsigned long long)an->total[1], B, A);
    if (an->empty * 2 <= an->n)
        rc |= ent__buf_printf(c->a, &b,
                              "%zu of the %zu %ss have no event between "
                              "them. ",
                              an->empty, an->n, by);
    else
        rc |= ent__buf_printf(c->a, &b,
                              "%zu of the %zu %ss have no event between "
                              "them, so the per-%s figures are noisy%s. ",
                              an->empty, an->n, by, by,
                              an->by < ENT_BY_YEAR
                                  ? " (a longer --by period may read better)"
                                  : "");
    if (an->n < 24)
        rc |= ent__buf_printf(c->a, &b,
                              "With n = %zu %ss the tests can find only "
                              "large effects. ",
                              an->n, by);
    rc |= ent__buf_printf(c->a, &b, "\n\nTrend: ");
    for (dir = 0; dir < 2; dir++) {
        const ent_an_trend *t = &an->trend[dir][ENT_AN_COOP];
        const ent_an_trend *u = &an->trend_share[dir][ENT_AN_COOP];
        rc |= ent__buf_printf(
            c->a, &b,
            "%s %s -> %s %s (%+.3f events per %s, 95%% CI %+.3f to "
            "%+.3f; mean %.2f per %s in the first half, %.2f in the second)"
            "; as a share of all events in the store it %s. ",
            "Cooperation", dir ? B : A, dir ? A : B,
            direction(t), t->slope, by, t->lo,
            t->hi, t->first, by, t->second, direction(u));
    }
    rc |= ent__buf_printf(
        c->a, &b,
        "Counts follow news coverage, which changes over time; a trend in "
        "counts that disappears in the share is a trend in coverage.");

    rc |= ent__buf_printf(c->a, &b, "\n\nReciprocity: ");
    if (isnan(z->r))
        rc |= ent__buf_printf(c->a, &b,
                              "cooperation does not vary enough in both "
                              "directions to correlate. ");
    else if (isnan(z->p))
        rc |= ent__buf_printf(
            c->a, &b,
            "in the same %s, cooperation %s -> %s and %s -> %s correlate "
            "with r = %.2f (too few %ss for a permutation test); expected "
            "when one meeting is coded in both directions and when news "
            "volume moves both. ",
            by, A, B, B, A, z->r, by);
    else
        rc |= ent__buf_printf(
            c->a, &b,
            "in the same %s, cooperation %s -> %s and %s -> %s correlate "
            "with r = %.2f (permutation p = %.3f: %s evidence); expected "
            "when one meeting is coded in both directions and when news "
            "volume moves both. ",
            by, A, B, B, A, z->r, z->p, strength(z->p));
    if (fwd)
        rc |= lag_text(c, &b, fwd, B, A);
    if (back)
        rc |= lag_text(c, &b, back, A, B);
    if (!fwd && !back)
        rc |= ent__buf_printf(c->a, &b,
                              "Lagged responses are not tested: too few %ss "
                              "for a permutation test (%zu needed). ",
                              by, 2 * an->min_shift + MIN_SHIFTS - 1);
    recip = (fwd && fwd->p < 0.05 && fwd->r > 0) ||
            (back && back->p < 0.05 && back->r > 0);

    rc |= ent__buf_printf(
        c->a, &b,
        "\n\nAsymmetry: %s is the source of %.0f%% of the events between "
        "them (95%% CI %.0f%% to %.0f%%): %s%s. ",
        A, 100 * an->share, 100 * an->share_lo, 100 * an->share_hi,
        an->share_lo > 0.5   ? A
        : an->share_hi < 0.5 ? B
                             : "neither side clearly",
        an->share_lo > 0.5 || an->share_hi < 0.5 ? " initiates more" : "");
    if (!isnan(an->gdiff_lo))
        rc |= ent__buf_printf(
            c->a, &b,
            "Goldstein per event: %s -> %s %.2f, %s -> %s %.2f; difference "
            "%+.2f (95%% CI %+.2f to %+.2f): %s%s.",
            A, B, an->gmean[0], B, A, an->gmean[1], an->gdiff, an->gdiff_lo,
            an->gdiff_hi,
            an->gdiff_lo > 0   ? A
            : an->gdiff_hi < 0 ? B
                               : "no clear difference in warmth",
            an->gdiff_lo > 0 || an->gdiff_hi < 0 ? " is the warmer side" : "");

    rc |= ent__buf_printf(c->a, &b, "\n\nPressure (\"by necessity\"): ");
    for (i = 0; i < an->npressure; i++) {
        const ent_an_pressure *t = &an->pressure[i];
        if (isnan(t->q))
            continue;
        ntests++;
        if (isnan(minq) || t->q < minq)
            minq = t->q;
        if (t->q < 0.10 && t->beta > 0)
            npos++;
        else if (t->q < 0.10 && t->beta < 0)
            nneg++;
    }
    if (!ntests)
        rc |= ent__buf_printf(c->a, &b,
                              "no test could be run (%s; at least %zu %ss "
                              "are needed). ",
                              an->nthird ? "too few periods"
                                         : "no third party",
                              2 * an->min_shift + MIN_SHIFTS - 1, by);
    else {
        const ent_an_pressure *t = &an->pressure[bi];
        rc |= ent__buf_printf(
            c->a, &b,
            "%zu tests (of %zu third parties x 2 sides x %d lags; a side "
            "that a third party shows no conflict toward gives none; "
            "Benjamini-Hochberg corrected); %zu show more %s <-> %s "
            "cooperation after a third party's conflict, %zu less "
            "(q < 0.10). The strongest: conflict %s -> %s %d %s(s) before: "
            "%+.3f cooperative events per conflictual one (standardised "
            "%+.2f), p = %.3f, q = %.3f. ",
            ntests, an->nthird, an->lags, npos, A, B, nneg, t->x,
            t->side ? B : A, t->lag, by, t->beta, t->std_beta, t->p, t->q);
        if (an->n >= 2 * an->min_shift + MIN_SHIFTS - 1 &&
            t->p <= 1.0 / (double)(an->n - 2 * an->min_shift + 2) + 1e-12)
            rc |= ent__buf_printf(
                c->a, &b,
                "That p is the smallest that %zu circular shifts can give: "
                "more %ss would let the tests say more. ",
                an->n - 2 * an->min_shift + 1, by);
    }

    rc |= ent__buf_printf(c->a, &b, "\n\nVerdict: ");
    if (npos)
        rc |= ent__buf_printf(
            c->a, &b,
            "%s evidence for \"by necessity\": in %zu of %zu tests, "
            "conflict from a third party is followed by more %s <-> %s "
            "cooperation. ",
            minq < 0.01 ? "Strong" : minq < 0.05 ? "Moderate" : "Weak", npos,
            ntests, A, B);
    else if (ntests)
        rc |= ent__buf_printf(
            c->a, &b,
            "No evidence that conflict from the %zu most active third "
            "parties is followed by more %s <-> %s cooperation (smallest "
            "q = %.2f). That is not proof that the partnership is "
            "\"natural\": with n = %zu %ss only large effects would show. ",
            an->nthird, A, B, minq, an->n, by);
    else
        rc |= ent__buf_printf(c->a, &b,
                              "The pressure question cannot be tested on "
                              "these data. ");
    if (recip)
        rc |= ent__buf_printf(c->a, &b,
                              "Each side's cooperation answers the other's, "
                              "which fits a relationship with its own "
                              "dynamics. ");
    rc |= ent__buf_printf(
        c->a, &b,
        "These are correlations in news-coded events, not causes: the same "
        "stories often report a third party's pressure and the %s-%s "
        "meeting together, coverage changes over time (the regressions "
        "control for the store's events per %s), and coding errors add "
        "noise.",
        A, B, by);
    if (rc) {
        ent__buf_free(c->a, &b);
        return fail(c, ENT_ENOMEM, "out of memory");
    }
    {
        /* the paragraphs end in a space after their last sentence */
        size_t i2, j2 = 0;
        for (i2 = 0; i2 < b.n; i2++)
            if (!(b.p[i2] == ' ' && (i2 + 1 == b.n || b.p[i2 + 1] == '\n')))
                b.p[j2++] = b.p[i2];
        b.n = j2;
    }
    an->verdict = ent__arena_strndup(c->a, c->ar, b.p, b.n);
    ent__buf_free(c->a, &b);
    return an->verdict ? ENT_OK : fail(c, ENT_ENOMEM, "out of memory");
}

/* ---- entry points ------------------------------------------------- */

void ent_report_defaults(ent_report_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->by = ENT_BY_MONTH;
    cfg->lags = 3;
    cfg->permutations = 999;
    cfg->seed = 1;
    cfg->third = 5;
    cfg->top = 3;
}

/* The country of an actor argument ("CHN" of "CHNGOV" or "CHN*MIL"), or
 * the argument itself (IGOs, patterns starting with '*'), into out. */
static void country_of(const char *arg, char out[ENT_ACTOR_MAX])
{
    size_t i = 0;
    while (i < 3 && arg[i] >= 'A' && arg[i] <= 'Z')
        i++;
    if (i == 3 && strncmp(arg, "IGO", 3) && strncmp(arg, "NGO", 3) &&
        strncmp(arg, "MNC", 3))
        snprintf(out, ENT_ACTOR_MAX, "%.3s", arg);
    else
        snprintf(out, ENT_ACTOR_MAX, "%s", arg);
}

/* The steps of the analysis, in order, once the handle is set up. */
static int analyse(ctx *c)
{
    ent_report *an = c->an;
    const ent_report_config *cfg = c->cfg;
    char cs[4][160], ca[ENT_ACTOR_MAX], cb[ENT_ACTOR_MAX];
    const char *cond[4];
    double g2[2] = {0, 0};
    int rc, ok = 1, dir, k;
    size_t i;
    static const char *const side[4] = {"source", "target", "source",
                                        "target"};
    an->a = sdup(c, cfg->a, &ok);
    an->b = sdup(c, cfg->b, &ok);
    if (!ok)
        return fail(c, ENT_ENOMEM, "out of memory");
    c->from = 0;
    c->to = INT32_MAX;
    if (cfg->from && ent__bound_day(cfg->from, 0, &c->from))
        return fail(c, ENT_EINVAL, "bad date '%s' (YYYY, YYYY-MM or "
                    "YYYY-MM-DD)", cfg->from);
    if (cfg->to && ent__bound_day(cfg->to, 1, &c->to))
        return fail(c, ENT_EINVAL, "bad date '%s' (YYYY, YYYY-MM or "
                    "YYYY-MM-DD)", cfg->to);
    if (c->from > c->to)
        return fail(c, ENT_EINVAL, "--from %s is after --to %s", cfg->from,
                    cfg->to);
    for (k = 0; k < 4; k++) {
        /* a as source, b as target, b as source, a as target */
        if ((rc = ent__store_actor_cond(c->st, (k == 0 || k == 3) ? cfg->a
                                                                  : cfg->b,
                                        side[k], cs[k], sizeof cs[k])))
            return fail(c, rc, "%s", ent_store_errmsg(c->st));
        cond[k] = cs[k];
    }
    if ((rc = span(c, cond)))
        return rc;
    if ((int64_t)c->to - c->from > 366 * 200)
        return fail(c, ENT_EINVAL, "the span is longer than 200 years");
    if ((rc = make_periods(c)))
        return rc;
    for (dir = 0; dir < 2; dir++)
        if ((rc = series(c, cond[2 * dir], cond[2 * dir + 1],
                         an->events[dir], an->coop[dir], an->conf[dir],
                         an->gsum[dir], &g2[dir])))
            return rc;
    for (i = 0; i < an->n; i++)
        an->empty += an->events[0][i] + an->events[1][i] == 0;
    if ((rc = volume(c)) || (rc = trends(c)) || (rc = reciprocity(c)))
        return rc;
    asymmetry(an, g2);
    country_of(cfg->a, ca);
    country_of(cfg->b, cb);
    if (cfg->third > 0 && (rc = third_parties(c, cond, ca, cb)))
        return rc;
    if ((rc = pressure(c)) || (rc = findings(c, cond)))
        return rc;
    return verdict(c);
}

int ent_report_run(ent_store *st, const ent_report_config *cfg,
                     ent_report **out, char *err, size_t errlen)
{
    const ent_allocator *a;
    struct ent__an_mem *mem;
    ctx c;
    int rc;
    if (out)
        *out = NULL;
    if (err && errlen)
        err[0] = 0;
    memset(&c, 0, sizeof c);
    c.err = err;
    c.errlen = err ? errlen : 0;
    if (!st || !cfg || !out || !cfg->a || !cfg->b)
        return fail(&c, ENT_EINVAL, "no store or actors");
    if (cfg->by < ENT_BY_DAY || cfg->by > ENT_BY_YEAR || cfg->lags < 1 ||
        cfg->lags > 24 || cfg->permutations < 1 ||
        cfg->permutations > 1000000 || cfg->third < 0 || cfg->third > 100 ||
        cfg->top < 0 || cfg->top > 100)
        return fail(&c, ENT_EINVAL,
                    "bad analysis settings (lags 1-24, permutations "
                    "1-1000000, third parties 0-100, top events 0-100)");
    a = cfg->alloc;
    mem = ent__calloc(a, sizeof *mem);
    if (!mem)
        return fail(&c, ENT_ENOMEM, "out of memory");
    if (a)
        mem->alloc = *a;
    c.st = st;
    c.db = ent__store_db(st);
    c.a = a;
    c.ar = &mem->arena;
    c.cfg = cfg;
    c.seed = cfg->seed;
    c.an = zalloc(&c, sizeof *c.an);
    if (!c.an) {
        ent__free(a, mem);
        return fail(&c, ENT_ENOMEM, "out of memory");
    }
    c.an->mem = mem;
    c.an->by = cfg->by;
    c.an->lags = cfg->lags;
    rc = analyse(&c);
    if (rc) {
        ent__arena_free(a, &mem->arena);
        ent__free(a, mem);
        return rc;
    }
    *out = c.an;
    return ENT_OK;
}

void ent_report_free(ent_report *an)
{
    struct ent__an_mem *mem;
    const ent_allocator *a;
    if (!an)
        return;
    mem = an->mem;
    a = mem->alloc.fn ? &mem->alloc : NULL;
    ent__arena_free(a, &mem->arena);
    ent__free(a, mem);
}
