/*
 * cmd_report.c -- `entente report A B`: natural or by necessity?
 *
 * Runs the dyad analysis (src/analyze.c, docs/report.md) on a store and
 * writes it as a self-contained HTML page (CSS and SVG charts inline),
 * Markdown with PNG charts beside it, and/or JSON, into --out DIR. The
 * verdict also goes to stdout. Only formatting lives here.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const cli_opt opts[] = {
    {"db", 0, "FILE", "the store made by entente load"},
    {"out", 'o', "DIR", "directory for the report (created if missing)"},
    {"by", 0, "day|week|month|quarter|year", "period (default month)"},
    {"from", 0, "DATE", "first day: YYYY, YYYY-MM or YYYY-MM-DD (default: "
                        "the first event between A and B)"},
    {"to", 0, "DATE", "last day (included; default: the last event)"},
    {"format", 'f', "html,md,json",
     "what to write, comma-separated (default html,md): report.html (self-"
     "contained), report.md with PNG charts beside it, report.json"},
    {"lags", 0, "K", "cross-correlation at lags -K..K, pressure at 1..K "
                     "(default 3)"},
    {"permutations", 0, "N", "most circular shifts a permutation test "
                             "draws (default 999)"},
    {"seed", 0, "N", "seed of the permutation draws (default 1)"},
    {"third", 0, "N", "third parties tested for pressure (default 5)"},
    {"top", 0, "N", "events shown per finding (default 3)"},
    {0, 0, 0, 0},
};

static const char *const MEASURE[] = {"cooperation", "conflict",
                                      "net cooperation"};

/* ---- a document in HTML or Markdown ------------------------------------ */

/* One output document: its file, its syntax, and for charts the
 * directory and the number of charts written. */
typedef struct doc {
    FILE *f;
    int html;
    const char *dir;
    int charts;
    int failed; /* a chart could not be drawn (the message was printed) */
} doc;

/* Write s escaped for the document: HTML entities, or in Markdown table
 * cells (cell != 0) '|' escaped and line breaks as spaces. */
static void esc(doc *d, const char *s, int cell)
{
    for (; s && *s; s++) {
        if (d->html && *s == '&')
            fputs("&amp;", d->f);
        else if (d->html && *s == '<')
            fputs("&lt;", d->f);
        else if (d->html && *s == '>')
            fputs("&gt;", d->f);
        else if (d->html && *s == '"')
            fputs("&quot;", d->f);
        else if (!d->html && cell && *s == '|')
            fputs("\\|", d->f);
        else if (cell && (*s == '\n' || *s == '\r'))
            putc(' ', d->f);
        else
            putc(*s, d->f);
    }
}

/* A heading of level 1-3. */
static void heading(doc *d, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void heading(doc *d, int level, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (d->html) {
        fprintf(d->f, "<h%d>", level);
        esc(d, buf, 0);
        fprintf(d->f, "</h%d>\n", level);
    } else {
        fprintf(d->f, "%.*s %s\n\n", level, "###", buf);
    }
}

/* A paragraph; a lead "Word:" (up to the first colon within 30 bytes)
 * is set in bold. */
static void para(doc *d, const char *s, size_t n)
{
    const char *colon = memchr(s, ':', n < 30 ? n : 30);
    char *tmp = malloc(n + 1);
    if (!tmp)
        return;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    fputs(d->html ? "<p>" : "", d->f);
    if (colon) {
        size_t k = (size_t)(colon - s) + 1;
        char save = tmp[k];
        tmp[k] = 0;
        fputs(d->html ? "<b>" : "**", d->f);
        esc(d, tmp, 0);
        fputs(d->html ? "</b>" : "**", d->f);
        tmp[k] = save;
        esc(d, tmp + k, 0);
    } else {
        esc(d, tmp, 0);
    }
    fputs(d->html ? "</p>\n" : "\n\n", d->f);
    free(tmp);
}

/* A formatted paragraph without a bold lead. */
static void note(doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void note(doc *d, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs(d->html ? "<p class=\"note\">" : "", d->f);
    esc(d, buf, 0);
    fputs(d->html ? "</p>\n" : "\n\n", d->f);
}

/* A table row of n cells; head: the header row (and, in Markdown, the
 * rule under it). */
static void row(doc *d, const char *const *cells, size_t n, int head)
{
    size_t i;
    if (d->html && head)
        fputs("<table>\n", d->f);
    fputs(d->html ? "<tr>" : "|", d->f);
    for (i = 0; i < n; i++) {
        fputs(d->html ? (head ? "<th>" : "<td>") : " ", d->f);
        esc(d, cells[i], 1);
        fputs(d->html ? (head ? "</th>" : "</td>") : " |", d->f);
    }
    fputs(d->html ? "</tr>\n" : "\n", d->f);
    if (!d->html && head) {
        fputs("|", d->f);
        for (i = 0; i < n; i++)
            fputs(i ? "---:|" : "---|", d->f);
        fputs("\n", d->f);
    }
}

/* A row from n cells of width bytes each, side by side in one array
 * (char c[n][width]), as the sections format them. */
static void row_cells(doc *d, const char *c, size_t width, size_t n,
                      int head)
{
    const char *cells[16];
    size_t i;
    for (i = 0; i < n && i < 16; i++)
        cells[i] = c + i * width;
    row(d, cells, i, head);
}

/* The end of a table. */
static void table_end(doc *d)
{
    fputs(d->html ? "</table>\n" : "\n", d->f);
}

/* Base64 of p[0..n) to f (the data: URI of an inline chart). */
static void base64(FILE *f, const unsigned char *p, size_t n)
{
    static const char B[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    for (i = 0; i + 2 < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
        putc(B[v >> 18], f);
        putc(B[(v >> 12) & 63], f);
        putc(B[(v >> 6) & 63], f);
        putc(B[v & 63], f);
    }
    if (n - i == 1) {
        unsigned v = (unsigned)p[i] << 16;
        fprintf(f, "%c%c==", B[v >> 18], B[(v >> 12) & 63]);
    } else if (n - i == 2) {
        unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
        fprintf(f, "%c%c%c=", B[v >> 18], B[(v >> 12) & 63],
                B[(v >> 6) & 63]);
    }
}

/* A chart: in HTML an inline PNG image (a base64 data: URI: a third of
 * the size of cairo's SVG with its embedded glyphs); in Markdown a PNG
 * written as DIR/name.png and linked. A chart that cannot be drawn is
 * reported and left out, and the command fails. */
static void chart(doc *d, const char *name, const ent_plot *p)
{
    char err[512], path[4096];
    if (d->html) {
        unsigned char *png = NULL;
        size_t len = 0;
        if (ent_plot_render(p, ENT_PLOT_PNG, &png, &len, err, sizeof err)) {
            cli_error("report: chart %s: %s", name, err);
            d->failed = 1;
            return;
        }
        fputs("<p><img alt=\"", d->f);
        esc(d, p->title, 0);
        fputs("\" src=\"data:image/png;base64,", d->f);
        base64(d->f, png, len);
        fputs("\"></p>\n", d->f);
        free(png);
    } else {
        snprintf(path, sizeof path, "%s/%s.png", d->dir, name);
        if (ent_plot_write(p, ENT_PLOT_PNG, path, err, sizeof err)) {
            cli_error("report: %s", err);
            d->failed = 1;
            return;
        }
        fprintf(d->f, "![%s](%s.png)\n\n", p->title, name);
    }
    d->charts++;
}

/* ---- numbers ------------------------------------------------------------ */

/* v with printf format fmt into buf, or "n/a" for NAN. */
static const char *num(char *buf, size_t n, const char *fmt, double v)
{
    if (isnan(v))
        snprintf(buf, n, "n/a");
    else
        snprintf(buf, n, fmt, v);
    return buf;
}

/* "lo to hi" of an interval, or "n/a". */
static const char *interval(char *buf, size_t n, const char *fmt, double lo,
                            double hi)
{
    char a[24], b[24];
    if (isnan(lo) || isnan(hi))
        snprintf(buf, n, "n/a");
    else
        snprintf(buf, n, "%.23s to %.23s", num(a, sizeof a, fmt, lo),
                 num(b, sizeof b, fmt, hi));
    return buf;
}

/* ---- the report's sections ---------------------------------------------- */

/* Direction label "A -> B" (dir 0) or "B -> A". */
static void dirname(const ent_report *r, int dir, char *buf, size_t n)
{
    snprintf(buf, n, "%s -> %s", dir ? r->b : r->a, dir ? r->a : r->b);
}

/* The charts and table of the trends. */
static void sec_trend(doc *d, const ent_report *r, const char *const *x)
{
    static const char *const cols[] = {
        "direction", "measure", "slope per period", "95% CI",
        "mean 1st half", "mean 2nd half", "slope per 1,000 store events",
        "95% CI"};
    int dir, m;
    heading(d, 2, "Trend");
    for (dir = 0; dir < 2; dir++) {
        char title[128], sub[160], name[32];
        ent_plot p;
        ent_plot_series s[2];
        dirname(r, dir, title, sizeof title);
        snprintf(sub, sizeof sub,
                 "merged factual events per %s; cooperation = QuadClass "
                 "1-2, conflict = 3-4",
                 cli_periods[r->by]);
        memset(&p, 0, sizeof p);
        memset(s, 0, sizeof s);
        s[0].label = "cooperation";
        s[0].y = r->coop[dir];
        s[1].label = "conflict";
        s[1].y = r->conf[dir];
        p.title = title;
        p.subtitle = sub;
        p.xlabel = cli_periods[r->by];
        p.ylabel = "events";
        p.x = x;
        p.n = r->n;
        p.series = s;
        p.nseries = 2;
        snprintf(name, sizeof name, "trend-%d", dir + 1);
        chart(d, name, &p);
    }
    row(d, cols, 8, 1);
    for (dir = 0; dir < 2; dir++)
        for (m = 0; m < ENT_AN_NMEASURES; m++) {
            const ent_an_trend *t = &r->trend[dir][m],
                               *u = &r->trend_share[dir][m];
            char c[8][64];
            dirname(r, dir, c[0], sizeof c[0]);
            snprintf(c[1], sizeof c[1], "%s", MEASURE[m]);
            num(c[2], 64, "%+.3f", t->slope);
            interval(c[3], 64, "%+.3f", t->lo, t->hi);
            num(c[4], 64, "%.2f", t->first);
            num(c[5], 64, "%.2f", t->second);
            num(c[6], 64, "%+.3f", u->slope);
            interval(c[7], 64, "%+.3f", u->lo, u->hi);
            row_cells(d, c[0], sizeof c[0], 8, 0);
        }
    table_end(d);
    note(d, "Slope: OLS of the series on time, change per %s; 95%% CI from "
            "Student's t (it assumes independent residuals, which event "
            "series rarely have: read it as a rough guide). The share "
            "columns divide by all events in the store in the same %s, "
            "so that changes in news coverage do not pass for changes in "
            "the relationship.",
         cli_periods[r->by], cli_periods[r->by]);
}

/* The chart and table of the cross-correlations. */
static void sec_reciprocity(doc *d, const ent_report *r)
{
    static const char *const cols[] = {"lag", "meaning", "cooperation r",
                                       "p", "conflict r", "p",
                                       "net cooperation r", "p"};
    size_t nl = (size_t)(2 * r->lags + 1), i;
    char **labels = calloc(nl, sizeof *labels);
    double *y[3];
    ent_plot p;
    ent_plot_series s[3];
    char title[160];
    int m;
    heading(d, 2, "Reciprocity");
    y[0] = calloc(nl, sizeof(double));
    y[1] = calloc(nl, sizeof(double));
    y[2] = calloc(nl, sizeof(double));
    if (labels && y[0] && y[1] && y[2]) {
        for (i = 0; i < nl && labels; i++) {
            labels[i] = malloc(16);
            if (!labels[i])
                break;
            snprintf(labels[i], 16, r->xcorr[0][i].lag ? "%+d" : "%d",
                     r->xcorr[0][i].lag);
            for (m = 0; m < 3; m++)
                y[m][i] = r->xcorr[m][i].r;
        }
        if (i == nl) {
            memset(&p, 0, sizeof p);
            memset(s, 0, sizeof s);
            for (m = 0; m < 3; m++) {
                s[m].label = MEASURE[m];
                s[m].y = y[m];
                s[m].kind = ENT_PLOT_BARS;
            }
            snprintf(title, sizeof title,
                     "Cross-correlation of %s -> %s at t with %s -> %s at "
                     "t + lag",
                     r->a, r->b, r->b, r->a);
            p.title = title;
            p.subtitle = "positive lag: the second answers the first; "
                         "Pearson r per lag";
            p.xlabel = "lag";
            p.ylabel = "r";
            p.x = (const char *const *)labels;
            p.n = nl;
            p.series = s;
            p.nseries = 3;
            p.has_hline = 1;
            chart(d, "xcorr", &p);
        }
        for (i = 0; i < nl; i++)
            free(labels[i]);
    }
    free(labels);
    free(y[0]);
    free(y[1]);
    free(y[2]);
    row(d, cols, 8, 1);
    for (i = 0; i < nl; i++) {
        char c[8][96];
        int lag = r->xcorr[0][i].lag;
        snprintf(c[0], sizeof c[0], lag ? "%+d" : "%d", lag);
        if (lag > 0)
            snprintf(c[1], sizeof c[1], "%s answers %s after %d %s(s)",
                     r->b, r->a, lag, cli_periods[r->by]);
        else if (lag < 0)
            snprintf(c[1], sizeof c[1], "%s answers %s after %d %s(s)",
                     r->a, r->b, -lag, cli_periods[r->by]);
        else
            snprintf(c[1], sizeof c[1], "same %s", cli_periods[r->by]);
        for (m = 0; m < 3; m++) {
            num(c[2 + 2 * m], 96, "%+.2f", r->xcorr[m][i].r);
            num(c[3 + 2 * m], 96, "%.3f", r->xcorr[m][i].p);
        }
        row_cells(d, c[0], sizeof c[0], 8, 0);
    }
    table_end(d);
    note(d, "p: two-sided permutation p-value from circular shifts of the "
            "%s -> %s series by %zu to n - %zu %ss (shifts keep each "
            "series' autocorrelation and never reproduce a tested lag); "
            "n/a when there are too few %ss for 19 shifts.",
         r->b, r->a, r->min_shift, r->min_shift, cli_periods[r->by], cli_periods[r->by]);
}

/* The table of who initiates and whose Goldstein balance is higher. */
static void sec_asymmetry(doc *d, const ent_report *r)
{
    static const char *const cols[] = {"direction", "events", "cooperative",
                                       "conflictual", "Goldstein per event"};
    char c[5][64], ci[64], ci2[64], ci3[64];
    int dir;
    heading(d, 2, "Asymmetry");
    row(d, cols, 5, 1);
    for (dir = 0; dir < 2; dir++) {
        dirname(r, dir, c[0], sizeof c[0]);
        snprintf(c[1], 64, "%llu", (unsigned long long)r->total[dir]);
        snprintf(c[2], 64, "%llu", (unsigned long long)r->ncoop[dir]);
        snprintf(c[3], 64, "%llu", (unsigned long long)r->nconf[dir]);
        num(c[4], 64, "%.2f", r->gmean[dir]);
        row_cells(d, c[0], sizeof c[0], 5, 0);
    }
    table_end(d);
    interval(ci, sizeof ci, "%.3f", r->share_lo, r->share_hi);
    interval(ci2, sizeof ci2, "%.3f", r->coop_share_lo, r->coop_share_hi);
    interval(ci3, sizeof ci3, "%+.2f", r->gdiff_lo, r->gdiff_hi);
    note(d, "Share of the events with %s as source: %.3f (95%% Wilson CI "
            "%s); of the cooperative events: %s (%s). Goldstein per event "
            "%s -> %s minus %s -> %s: %s (95%% Welch CI %s).",
         r->a, r->share, ci, num(c[0], 64, "%.3f", r->coop_share), ci2,
         r->a, r->b, r->b, r->a, num(c[1], 64, "%+.2f", r->gdiff), ci3);
}

/* The chart and table of the pressure tests. */
static void sec_pressure(doc *d, const ent_report *r)
{
    static const char *const cols[] = {
        "third party", "events with A or B", "conflict toward",
        "conflict events", "lag", "beta", "SE", "std. beta", "p", "q"};
    size_t ncat = r->nthird * 2, i, L, k = (size_t)r->lags;
    char title[160];
    heading(d, 2, "Pressure (\"by necessity\")");
    if (!r->npressure) {
        note(d, "No third party has events with %s or %s in the span.",
             r->a, r->b);
        return;
    }
    {
        char **labels = calloc(ncat, sizeof *labels);
        double *y = calloc(ncat * k, sizeof *y);
        ent_plot_series *s = calloc(k, sizeof *s);
        char(*names)[16] = calloc(k, sizeof *names);
        ent_plot p;
        if (labels && y && s && names) {
            for (i = 0; i < ncat; i++) {
                labels[i] = malloc(64);
                if (!labels[i])
                    break;
                snprintf(labels[i], 64, "%s->%s", r->third[i / 2].x,
                         i % 2 ? r->b : r->a);
            }
            for (L = 0; L < k; L++) {
                snprintf(names[L], 16, "lag %d", (int)L + 1);
                s[L].label = names[L];
                s[L].y = y + L * ncat;
                s[L].kind = ENT_PLOT_BARS;
                for (i = 0; i < ncat; i++)
                    y[L * ncat + i] = r->pressure[i * k + L].std_beta;
            }
            if (i == ncat) {
                memset(&p, 0, sizeof p);
                snprintf(title, sizeof title,
                         "%s <-> %s cooperation after third-party conflict",
                         r->a, r->b);
                p.title = title;
                p.subtitle = "standardised OLS coefficient of X's conflict "
                             "lag periods before; > 0: more cooperation";
                p.xlabel = "third party's conflict toward";
                p.ylabel = "standardised beta";
                p.x = (const char *const *)labels;
                p.n = ncat;
                p.series = s;
                p.nseries = k;
                p.has_hline = 1;
                chart(d, "pressure", &p);
            }
            for (i = 0; i < ncat; i++)
                free(labels[i]);
        }
        free(labels);
        free(y);
        free(s);
        free(names);
    }
    row(d, cols, 10, 1);
    for (i = 0; i < r->npressure; i++) {
        const ent_an_pressure *t = &r->pressure[i];
        char c[10][64];
        snprintf(c[0], 64, "%s", t->x);
        snprintf(c[1], 64, "%llu",
                 (unsigned long long)r->third[i / (2 * k)].events);
        snprintf(c[2], 64, "%s", t->side ? r->b : r->a);
        snprintf(c[3], 64, "%llu", (unsigned long long)t->conflict);
        snprintf(c[4], 64, "%d", t->lag);
        num(c[5], 64, "%+.3f", t->beta);
        num(c[6], 64, "%.3f", t->se);
        num(c[7], 64, "%+.2f", t->std_beta);
        num(c[8], 64, "%.3f", t->p);
        num(c[9], 64, "%.3f", t->q);
        row_cells(d, c[0], sizeof c[0], 10, 0);
    }
    table_end(d);
    note(d, "Each row: OLS of %s <-> %s cooperative events at t on the "
            "third party's conflictual events toward one side at t - lag, "
            "with %s <-> %s cooperation at t - 1 and the store's events at "
            "t (news volume) as controls. beta: extra cooperative events "
            "per conflictual event; std. beta: in standard deviations. p: "
            "two-sided, from circular shifts of the third party's series; "
            "q: Benjamini-Hochberg over all %zu tests.",
         r->a, r->b, r->a, r->b, r->npressure);
}

/* The top events behind each finding, with their sentences. */
static void sec_events(doc *d, const ent_report *r)
{
    size_t i, j;
    heading(d, 2, "Events behind the findings");
    for (i = 0; i < r->nfinding; i++) {
        const ent_an_finding *f = &r->finding[i];
        heading(d, 3, "%s", f->title);
        fputs(d->html ? "<ul>\n" : "", d->f);
        for (j = 0; j < f->n; j++) {
            const ent_an_event *e = &f->ev[j];
            char buf[512];
            snprintf(buf, sizeof buf,
                     "%s %s -> %s, CAMEO %s, Goldstein %+.1f, %llu "
                     "mention%s, document %s: ",
                     e->date, e->source, e->target, e->code, e->goldstein,
                     (unsigned long long)e->mentions,
                     e->mentions == 1 ? "" : "s",
                     e->docid && *e->docid ? e->docid : "?");
            fputs(d->html ? "<li>" : "- ", d->f);
            esc(d, buf, 1);
            if (e->sentence) {
                fputs(d->html ? "<q>" : "\"", d->f);
                esc(d, e->sentence, 1);
                fputs(d->html ? "</q>" : "\"", d->f);
            } else {
                esc(d, "(imported, no sentence)", 1);
            }
            fputs(d->html ? "</li>\n" : "\n", d->f);
        }
        fputs(d->html ? "</ul>\n" : "\n", d->f);
    }
}

/* The series themselves, one row per period. */
static void sec_series(doc *d, const ent_report *r)
{
    char h[9][48];
    size_t i;
    int k;
    heading(d, 2, "Series");
    snprintf(h[0], 48, "%s", cli_periods[r->by]);
    for (k = 0; k < 2; k++) {
        char dn[40];
        dirname(r, k, dn, sizeof dn);
        snprintf(h[1 + 4 * k], 48, "%s events", dn);
        snprintf(h[2 + 4 * k], 48, "coop");
        snprintf(h[3 + 4 * k], 48, "conflict");
        snprintf(h[4 + 4 * k], 48, "Goldstein");
    }
    row_cells(d, h[0], sizeof h[0], 9, 1);
    for (i = 0; i < r->n; i++) {
        char c[9][48];
        snprintf(c[0], 48, "%s", r->period[i]);
        for (k = 0; k < 2; k++) {
            snprintf(c[1 + 4 * k], 48, "%.0f", r->events[k][i]);
            snprintf(c[2 + 4 * k], 48, "%.0f", r->coop[k][i]);
            snprintf(c[3 + 4 * k], 48, "%.0f", r->conf[k][i]);
            snprintf(c[4 + 4 * k], 48, "%.1f", r->gsum[k][i]);
        }
        row_cells(d, c[0], sizeof c[0], 9, 0);
    }
    table_end(d);
    note(d, "Events of all actors in the store per %s (news volume) are in "
            "report.json.",
         cli_periods[r->by]);
}

/* The CSS of the HTML page: inline, no external resources. */
static const char CSS[] =
    "body{font:15px/1.5 sans-serif;max-width:62em;margin:2em auto;"
    "padding:0 1em;color:#222}h1{font-size:1.6em}h2{margin-top:2em;"
    "border-bottom:1px solid #ccc}h3{font-size:1em}table{border-collapse:"
    "collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ddd;"
    "padding:2px 6px;text-align:right}td:first-child,th:first-child{"
    "text-align:left}th{background:#f3f3f3}img{max-width:100%}"
    ".note{font-size:13px;color:#555}q{font-style:italic}";

/* Write the whole report as HTML or Markdown to d. */
static void write_doc(doc *d, const ent_report *r, const char *db,
                      const char *const *x, int perms, unsigned long long seed)
{
    const char *p = r->verdict, *e;
    char title[160];
    snprintf(title, sizeof title, "%s and %s: natural or by necessity?",
             r->a, r->b);
    if (d->html) {
        fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
              "charset=\"utf-8\"><title>",
              d->f);
        esc(d, title, 0);
        fprintf(d->f, "</title><style>%s</style></head><body>\n", CSS);
    }
    heading(d, 1, "%s", title);
    note(d, "entente %s report on %s: %zu %ss from %s to %s, merged factual "
            "events; %d permutations at most, seed %llu. Every statistic is "
            "explained in entente's docs/report.md.",
         ENT_VERSION, db, r->n, cli_periods[r->by], r->period[0],
         r->period[r->n - 1], perms, seed);
    heading(d, 2, "Summary");
    while (*p) {
        e = strstr(p, "\n\n");
        if (!e)
            e = p + strlen(p);
        para(d, p, (size_t)(e - p));
        p = *e ? e + 2 : e;
    }
    sec_trend(d, r, x);
    sec_reciprocity(d, r);
    sec_asymmetry(d, r);
    sec_pressure(d, r);
    sec_events(d, r);
    sec_series(d, r);
    if (d->html)
        fputs("</body></html>\n", d->f);
}

/* ---- JSON ---------------------------------------------------------------- */

/* A number, or null for NAN. */
static void jnum(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        fputs("null", f);
    else
        fprintf(f, "%.6g", v);
}

/* A string, or null. */
static void jstr(FILE *f, const char *s)
{
    if (s)
        out_json_str(f, s, strlen(s));
    else
        fputs("null", f);
}

/* A JSON array of r->n numbers. */
static void jarr(FILE *f, const double *v, size_t n)
{
    size_t i;
    putc('[', f);
    for (i = 0; i < n; i++) {
        if (i)
            putc(',', f);
        jnum(f, v[i]);
    }
    putc(']', f);
}

/* A trend object. */
static void jtrend(FILE *f, const ent_an_trend *t)
{
    fputs("{\"slope\":", f);
    jnum(f, t->slope);
    fputs(",\"lo\":", f);
    jnum(f, t->lo);
    fputs(",\"hi\":", f);
    jnum(f, t->hi);
    fputs(",\"first_half\":", f);
    jnum(f, t->first);
    fputs(",\"second_half\":", f);
    jnum(f, t->second);
    putc('}', f);
}

/* The whole analysis as one JSON object (docs/report.md, "JSON"). */
static void write_json(FILE *f, const ent_report *r)
{
    static const char *const mkey[] = {"coop", "conflict", "net"};
    size_t i, j;
    int dir, m;
    fputs("{\"a\":", f);
    jstr(f, r->a);
    fputs(",\"b\":", f);
    jstr(f, r->b);
    fprintf(f, ",\"by\":\"%s\",\"lags\":%d,\"periods\":[", cli_periods[r->by],
            r->lags);
    for (i = 0; i < r->n; i++)
        fprintf(f, "%s\"%s\"", i ? "," : "", r->period[i]);
    fputs("],\"volume\":", f);
    jarr(f, r->volume, r->n);
    fputs(",\"directions\":[", f);
    for (dir = 0; dir < 2; dir++) {
        fprintf(f, "%s{\"source\":", dir ? "," : "");
        jstr(f, dir ? r->b : r->a);
        fputs(",\"target\":", f);
        jstr(f, dir ? r->a : r->b);
        fputs(",\"events\":", f);
        jarr(f, r->events[dir], r->n);
        fputs(",\"coop\":", f);
        jarr(f, r->coop[dir], r->n);
        fputs(",\"conflict\":", f);
        jarr(f, r->conf[dir], r->n);
        fputs(",\"goldstein\":", f);
        jarr(f, r->gsum[dir], r->n);
        fprintf(f, ",\"total\":%llu,\"total_coop\":%llu,"
                   "\"total_conflict\":%llu,\"goldstein_mean\":",
                (unsigned long long)r->total[dir],
                (unsigned long long)r->ncoop[dir],
                (unsigned long long)r->nconf[dir]);
        jnum(f, r->gmean[dir]);
        fputs(",\"trend\":{", f);
        for (m = 0; m < ENT_AN_NMEASURES; m++) {
            fprintf(f, "%s\"%s\":", m ? "," : "", mkey[m]);
            jtrend(f, &r->trend[dir][m]);
            fprintf(f, ",\"%s_share\":", mkey[m]);
            jtrend(f, &r->trend_share[dir][m]);
        }
        fputs("}}", f);
    }
    fprintf(f, "],\"empty_periods\":%zu,\"reciprocity\":{\"min_shift\":%zu",
            r->empty, r->min_shift);
    for (m = 0; m < ENT_AN_NMEASURES; m++) {
        fprintf(f, ",\"%s\":[", mkey[m]);
        for (i = 0; i < (size_t)(2 * r->lags + 1); i++) {
            const ent_an_lag *g = &r->xcorr[m][i];
            fprintf(f, "%s{\"lag\":%d,\"r\":", i ? "," : "", g->lag);
            jnum(f, g->r);
            fputs(",\"p\":", f);
            jnum(f, g->p);
            fprintf(f, ",\"n\":%zu}", g->n);
        }
        putc(']', f);
    }
    fputs("},\"asymmetry\":{\"share\":", f);
    jnum(f, r->share);
    fputs(",\"share_lo\":", f);
    jnum(f, r->share_lo);
    fputs(",\"share_hi\":", f);
    jnum(f, r->share_hi);
    fputs(",\"coop_share\":", f);
    jnum(f, r->coop_share);
    fputs(",\"coop_share_lo\":", f);
    jnum(f, r->coop_share_lo);
    fputs(",\"coop_share_hi\":", f);
    jnum(f, r->coop_share_hi);
    fputs(",\"goldstein_diff\":", f);
    jnum(f, r->gdiff);
    fputs(",\"goldstein_diff_lo\":", f);
    jnum(f, r->gdiff_lo);
    fputs(",\"goldstein_diff_hi\":", f);
    jnum(f, r->gdiff_hi);
    fputs("},\"third_parties\":[", f);
    for (i = 0; i < r->nthird; i++) {
        fprintf(f, "%s{\"x\":", i ? "," : "");
        jstr(f, r->third[i].x);
        fprintf(f, ",\"events\":%llu}",
                (unsigned long long)r->third[i].events);
    }
    fputs("],\"pressure\":[", f);
    for (i = 0; i < r->npressure; i++) {
        const ent_an_pressure *t = &r->pressure[i];
        fprintf(f, "%s{\"x\":", i ? "," : "");
        jstr(f, t->x);
        fputs(",\"toward\":", f);
        jstr(f, t->side ? r->b : r->a);
        fprintf(f, ",\"lag\":%d,\"conflict\":%llu,\"beta\":", t->lag,
                (unsigned long long)t->conflict);
        jnum(f, t->beta);
        fputs(",\"se\":", f);
        jnum(f, t->se);
        fputs(",\"std_beta\":", f);
        jnum(f, t->std_beta);
        fputs(",\"p\":", f);
        jnum(f, t->p);
        fputs(",\"q\":", f);
        jnum(f, t->q);
        fprintf(f, ",\"n\":%zu,\"volume_control\":%s}", t->n,
                t->volume ? "true" : "false");
    }
    fputs("],\"findings\":[", f);
    for (i = 0; i < r->nfinding; i++) {
        const ent_an_finding *fd = &r->finding[i];
        fprintf(f, "%s{\"title\":", i ? "," : "");
        jstr(f, fd->title);
        fputs(",\"events\":[", f);
        for (j = 0; j < fd->n; j++) {
            const ent_an_event *e = &fd->ev[j];
            fprintf(f, "%s{\"date\":\"%s\",\"source\":", j ? "," : "",
                    e->date);
            jstr(f, e->source);
            fputs(",\"target\":", f);
            jstr(f, e->target);
            fputs(",\"code\":", f);
            jstr(f, e->code);
            fprintf(f, ",\"quad\":%d,\"goldstein\":", e->quad);
            jnum(f, e->goldstein);
            fprintf(f, ",\"mentions\":%llu,\"doc\":",
                    (unsigned long long)e->mentions);
            jstr(f, e->docid);
            fputs(",\"url\":", f);
            jstr(f, e->url);
            fputs(",\"sentence\":", f);
            jstr(f, e->sentence);
            putc('}', f);
        }
        fputs("]}", f);
    }
    fputs("],\"verdict\":", f);
    jstr(f, r->verdict);
    fputs("}\n", f);
}

/* ---- the command ---------------------------------------------------------- */

/* An integer option in lo..hi into *v (unchanged when absent); prints
 * the error and returns EXIT_USAGE when bad. */
static int int_opt(const cli_cmd *cmd, const cli_args *a, const char *name,
                   long lo, long hi, long long *v)
{
    const char *s = cli_get(cmd, a, name);
    char *end;
    long long x;
    if (!s)
        return EXIT_OK;
    errno = 0;
    x = strtoll(s, &end, 10);
    if (errno || end == s || *end || x < lo || x > hi) {
        cli_error("report: --%s: '%s' is not a number from %ld to %ld", name,
                  s, lo, hi);
        return EXIT_USAGE;
    }
    *v = x;
    return EXIT_OK;
}

/* ent_dyad_fn: count the rows of a dyad. */
static void count_row(void *ud, const ent_dyad_row *row_)
{
    (void)row_;
    ++*(size_t *)ud;
}

/* Open DIR/name for writing; prints why and returns NULL on failure. */
static FILE *open_out(const char *dir, const char *name, char *path,
                      size_t n)
{
    FILE *f;
    snprintf(path, n, "%s/%s", dir, name);
    f = fopen(path, "w");
    if (!f)
        cli_error("%s: %s", path, strerror(errno));
    return f;
}

/* Close f; prints why and returns EXIT_FATAL when writing failed. */
static int close_out(FILE *f, const char *path)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        cli_error("%s: write error", path);
        return EXIT_FATAL;
    }
    return EXIT_OK;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *db = cli_get(cmd, a, "db"), *dir = cli_get(cmd, a, "out");
    const char *by = cli_get(cmd, a, "by"), *fmt = cli_get(cmd, a, "format");
    int want_html = 0, want_md = 0, want_json = 0, rc = EXIT_OK, i;
    long long v;
    ent_report_config cfg;
    ent_store_config scfg;
    ent_dyad_query q;
    ent_store *st = NULL;
    ent_report *r = NULL;
    const char **x = NULL;
    char err[1024], path[4096], list[64];
    size_t rows = 0, n;
    struct stat sb;

    ent_report_defaults(&cfg);
    if (a->npos != 2) {
        cli_error("report: two actors are needed (entente report A B --db "
                  "FILE --out DIR)");
        return EXIT_USAGE;
    }
    if (!db || !dir) {
        cli_error("report: %s is needed", !db ? "--db FILE" : "--out DIR");
        return EXIT_USAGE;
    }
    if (by && !cli_period("report", by, &cfg.by))
        return EXIT_USAGE;
    snprintf(list, sizeof list, ",%s,", fmt ? fmt : "html,md");
    for (n = 1; list[n]; n++) {
        if (!strncmp(list + n, "html,", 5))
            want_html = 1;
        else if (!strncmp(list + n, "md,", 3))
            want_md = 1;
        else if (!strncmp(list + n, "json,", 5))
            want_json = 1;
        else {
            cli_error("report: unknown format in '%s' (html, md, json, "
                      "comma-separated)",
                      fmt);
            return EXIT_USAGE;
        }
        n = (size_t)(strchr(list + n, ',') - list);
    }
    v = cfg.lags;
    if ((rc = int_opt(cmd, a, "lags", 1, 24, &v)))
        return rc;
    cfg.lags = (int)v;
    v = cfg.permutations;
    if ((rc = int_opt(cmd, a, "permutations", 1, 1000000, &v)))
        return rc;
    cfg.permutations = (int)v;
    v = (long long)cfg.seed;
    if ((rc = int_opt(cmd, a, "seed", 0, 2147483647L, &v)))
        return rc;
    cfg.seed = (uint64_t)v;
    v = cfg.third;
    if ((rc = int_opt(cmd, a, "third", 0, 100, &v)))
        return rc;
    cfg.third = (int)v;
    v = cfg.top;
    if ((rc = int_opt(cmd, a, "top", 0, 100, &v)))
        return rc;
    cfg.top = (int)v;
    cfg.a = a->pos[0];
    cfg.b = a->pos[1];
    cfg.from = cli_get(cmd, a, "from");
    cfg.to = cli_get(cmd, a, "to");

    memset(&scfg, 0, sizeof scfg);
    scfg.flags = ENT_STORE_READONLY;
    if (ent_store_open(db, &scfg, &st, err, sizeof err)) {
        cli_error("%s", err);
        return EXIT_FATAL;
    }
    if (ent_store_pending(st))
        cli_warn("%s: its last load did not finish: merged events are "
                 "incomplete until that load is run again",
                 db);
    /* actors and dates are checked, and an empty dyad found, by the dyad
     * query itself */
    memset(&q, 0, sizeof q);
    q.a = cfg.a;
    q.b = cfg.b;
    q.by = ENT_BY_YEAR;
    q.from = cfg.from;
    q.to = cfg.to;
    if ((i = ent_store_dyad(st, &q, count_row, &rows)) != ENT_OK) {
        cli_error("report: %s", ent_store_errmsg(st));
        rc = i == ENT_EINVAL ? EXIT_USAGE : EXIT_FATAL;
        goto done;
    }
    if (!rows) {
        cli_error("report: no events between %s and %s in %s%s%s%s%s", cfg.a,
                  cfg.b, db, cfg.from ? " from " : "",
                  cfg.from ? cfg.from : "", cfg.to ? " to " : "",
                  cfg.to ? cfg.to : "");
        rc = EXIT_BADINPUT;
        goto done;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_error("%s: cannot create the directory: %s", dir,
                  strerror(errno));
        rc = EXIT_FATAL;
        goto done;
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        cli_error("%s: not a directory", dir);
        rc = EXIT_FATAL;
        goto done;
    }
    if ((i = ent_report_run(st, &cfg, &r, err, sizeof err)) != ENT_OK) {
        cli_error("report: %s", err);
        rc = i == ENT_EINVAL ? EXIT_USAGE : EXIT_FATAL;
        goto done;
    }
    x = malloc(r->n * sizeof *x);
    if (!x) {
        cli_error("out of memory");
        rc = EXIT_FATAL;
        goto done;
    }
    for (n = 0; n < r->n; n++)
        x[n] = r->period[n];
    for (i = 0; i < 3 && rc == EXIT_OK; i++) {
        static const char *const file[] = {"report.html", "report.md",
                                           "report.json"};
        doc d;
        if (!(i == 0 ? want_html : i == 1 ? want_md : want_json))
            continue;
        memset(&d, 0, sizeof d);
        if (!(d.f = open_out(dir, file[i], path, sizeof path))) {
            rc = EXIT_FATAL;
            break;
        }
        d.html = i == 0;
        d.dir = dir;
        if (i == 2)
            write_json(d.f, r);
        else
            write_doc(&d, r, db, x, cfg.permutations,
                      (unsigned long long)cfg.seed);
        rc = close_out(d.f, path);
        if (rc == EXIT_OK && d.failed)
            rc = EXIT_FATAL;
        if (rc == EXIT_OK)
            fprintf(stderr, "entente: report: wrote %s (%d chart%s)\n", path,
                    d.charts, d.charts == 1 ? "" : "s");
    }
    if (rc == EXIT_OK) {
        fputs(r->verdict, stdout);
        fputs("\n", stdout);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            cli_error("error writing output");
            rc = EXIT_FATAL;
        }
    }
done:
    free(x);
    ent_report_free(r);
    ent_store_close(st);
    return rc;
}

const cli_cmd cmd_report = {
    "report",
    "A B --db FILE --out DIR [options]",
    "Is the relationship of A and B natural or by necessity? Trends, "
    "reciprocity (cross-correlation with permutation p-values), asymmetry, "
    "pressure from the most active third parties (lagged regressions, "
    "Benjamini-Hochberg), a verdict that states its uncertainty, and the "
    "events behind each finding with their sentences: DIR/report.html, "
    "report.md (with PNG charts) and report.json.",
    opts,
    run,
};
