/*
 * cmd_dyad.c -- `entente dyad A B`: how a relationship moves over time.
 *
 * Per period and direction (A -> B, B -> A): events by QuadClass,
 * Goldstein sum and mean, and net cooperation, from a store made by
 * `entente load`, as a table, CSV or JSON, or as a chart (SVG, PNG) of
 * every period of the range, those without events at zero.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_opt opts[] = {
    {"db", 0, "FILE", "the store made by entente load"},
    {"by", 0, "day|week|month|quarter|year", "period (default month)"},
    {"from", 0, "DATE", "first day: YYYY, YYYY-MM or YYYY-MM-DD"},
    {"to", 0, "DATE", "last day (included): YYYY, YYYY-MM or YYYY-MM-DD"},
    {"format", 'f', "table|csv|json|svg|png",
     "output format (default table); svg and png draw a chart"},
    {"measure", 0, "net|events|goldstein",
     "what the chart shows: net cooperation per direction with all events "
     "as bars (default), cooperative and conflictual events, or the mean "
     "Goldstein score"},
    {"out", 'o', "FILE",
     "write to FILE (a chart goes to standard output only when it is not "
     "a terminal)"},
    {"mentions", 0, NULL,
     "count mentions (every report) instead of merged events"},
    {0, 0, 0, 0},
};

enum { F_TABLE, F_CSV, F_JSON, F_SVG, F_PNG };
#define ARROW "\xe2\x86\x92" /* U+2192 in UTF-8 */
enum { M_NET, M_EVENTS, M_GOLDSTEIN };

/* The charts of --measure (M_*): name, title (A, B, period) and subtitle
 * (unit, unit, database). */
static const struct measure {
    const char *name, *title, *sub;
} MEASURES[] = {
    {"net", "%s and %s: net cooperation per %s",
     "Lines: cooperative (QuadClass 1, 2) minus conflictual (3, 4) %s; "
     "bars: all %s. %s"},
    {"events", "%s and %s: cooperation and conflict per %s",
     "Cooperative %s: QuadClass 1, 2 (verbal, material); conflictual %s: "
     "3, 4. %s"},
    {"goldstein", "%s and %s: mean Goldstein score per %s",
     "Mean score of the %s of each direction (-10 conflict .. +10 "
     "cooperation); gaps: no %s. %s"},
};

/* Printing state: format, actor names, whether a row was printed. */
typedef struct printer {
    int format;
    const char *a, *b;
    int rows;
} printer;

/* ent_dyad_fn: print one period and direction. Net cooperation is the
 * cooperative events (QuadClass 1 and 2) minus the conflictual ones (3
 * and 4). */
static void print_row(void *ud, const ent_dyad_row *r)
{
    printer *p = ud;
    const char *src = r->dir ? p->b : p->a, *tgt = r->dir ? p->a : p->b;
    long long net = (long long)(r->quad[1] + r->quad[2]) -
                    (long long)(r->quad[3] + r->quad[4]);
    double mean = r->total ? r->goldstein / (double)r->total : 0.0;
    char dir[64];
    snprintf(dir, sizeof dir, "%s->%s", src, tgt);
    if (p->format == F_TABLE) {
        if (!p->rows)
            printf("%-10s %-20s %7s %7s %7s %7s %7s %7s %9s %6s %6s\n",
                   "period", "direction", "events", "neutral", "v_coop",
                   "m_coop", "v_conf", "m_conf", "goldstein", "mean", "net");
        printf("%-10s %-20s %7llu %7llu %7llu %7llu %7llu %7llu %9.1f %6.2f "
               "%6lld\n",
               r->period, dir, (unsigned long long)r->total,
               (unsigned long long)r->quad[0], (unsigned long long)r->quad[1],
               (unsigned long long)r->quad[2], (unsigned long long)r->quad[3],
               (unsigned long long)r->quad[4], r->goldstein, mean, net);
    } else if (p->format == F_CSV) {
        if (!p->rows)
            printf("period,source,target,events,neutral,verbal_coop,"
                   "material_coop,verbal_conflict,material_conflict,"
                   "goldstein_sum,goldstein_mean,net_coop\n");
        printf("%s,%s,%s,%llu,%llu,%llu,%llu,%llu,%llu,%.1f,%.2f,%lld\n",
               r->period, src, tgt, (unsigned long long)r->total,
               (unsigned long long)r->quad[0], (unsigned long long)r->quad[1],
               (unsigned long long)r->quad[2], (unsigned long long)r->quad[3],
               (unsigned long long)r->quad[4], r->goldstein, mean, net);
    } else {
        printf("%s{\"period\":\"%s\",\"source\":\"%s\",\"target\":\"%s\","
               "\"events\":%llu,\"neutral\":%llu,\"verbal_coop\":%llu,"
               "\"material_coop\":%llu,\"verbal_conflict\":%llu,"
               "\"material_conflict\":%llu,\"goldstein_sum\":%.1f,"
               "\"goldstein_mean\":%.2f,\"net_coop\":%lld}",
               p->rows ? ",\n " : "[", r->period, src, tgt,
               (unsigned long long)r->total, (unsigned long long)r->quad[0],
               (unsigned long long)r->quad[1], (unsigned long long)r->quad[2],
               (unsigned long long)r->quad[3], (unsigned long long)r->quad[4],
               r->goldstein, mean, net);
    }
    p->rows++;
}

/* Net cooperation of a row: cooperative events (QuadClass 1 and 2) minus
 * conflictual ones (3 and 4). */
static double net_coop(const ent_dyad_row *r)
{
    return (double)(r->quad[1] + r->quad[2]) -
           (double)(r->quad[3] + r->quad[4]);
}

/* Draw the dyad's chart (measure m) from the dense series s and write it
 * to path, or to standard output when path is NULL. Returns an exit
 * code. */
static int chart(ent_dyad_series *s, const ent_dyad_query *q, int m,
                 int format, const char *db, const char *path)
{
    const char *unit = q->mentions ? "mentions" : "events";
    const char *dirs[2][2] = {{q->a, q->b}, {q->b, q->a}};
    char title[256], sub[512], label[4][128], err[512];
    const char **x = NULL;
    double *y = NULL;
    ent_plot_series ser[4];
    ent_plot p;
    unsigned char *img = NULL;
    size_t i, k, n = s->n ? s->n : 1, ns = 0;
    int rc = EXIT_OK;

    memset(&p, 0, sizeof p);
    memset(ser, 0, sizeof ser);
    x = calloc(n, sizeof *x);
    y = calloc(4 * n, sizeof *y);
    if (!x || !y) {
        cli_error("out of memory");
        rc = EXIT_FATAL;
        goto done;
    }
    for (i = 0; i < s->n; i++)
        x[i] = s->period[i];
    for (k = 0; k < 2; k++) {
        const char *a = dirs[k][0], *b = dirs[k][1];
        for (i = 0; i < s->n; i++) {
            const ent_dyad_row *r = &s->row[k][i];
            if (m == M_NET) {
                y[k * n + i] = net_coop(r);
                y[(k + 2) * n + i] = (double)r->total;
            } else if (m == M_EVENTS) {
                y[(2 * k) * n + i] = (double)(r->quad[1] + r->quad[2]);
                y[(2 * k + 1) * n + i] = (double)(r->quad[3] + r->quad[4]);
            } else {
                y[k * n + i] = r->total ? r->goldstein / (double)r->total
                                        : NAN;
            }
        }
        if (m == M_NET) {
            snprintf(label[k], sizeof label[k],
                     "%s " ARROW " %s net cooperation", a, b);
            snprintf(label[k + 2], sizeof label[k + 2], "%s " ARROW " %s %s", a,
                     b, unit);
        } else if (m == M_EVENTS) {
            snprintf(label[2 * k], sizeof label[0],
                     "%s " ARROW " %s cooperative", a, b);
            snprintf(label[2 * k + 1], sizeof label[0],
                     "%s " ARROW " %s conflictual", a, b);
        } else {
            snprintf(label[k], sizeof label[k], "%s " ARROW " %s", a, b);
        }
    }
    ns = m == M_GOLDSTEIN ? 2 : 4;
    for (k = 0; k < ns; k++) {
        ser[k].label = label[k];
        ser[k].y = y + k * n;
        ser[k].kind = m == M_NET && k >= 2 ? ENT_PLOT_BARS : ENT_PLOT_LINE;
    }
    snprintf(title, sizeof title, MEASURES[m].title, q->a, q->b,
             cli_periods[q->by]);
    snprintf(sub, sizeof sub, MEASURES[m].sub, unit, unit, db);
    p.title = title;
    p.subtitle = sub;
    p.ylabel = m == M_GOLDSTEIN ? "mean Goldstein score" : unit;
    p.x = x;
    p.n = s->n;
    p.series = s->n ? ser : NULL;
    p.nseries = s->n ? ns : 0;
    p.has_hline = 1;
    if (path) {
        if (ent_plot_write(&p, format == F_SVG ? ENT_PLOT_SVG : ENT_PLOT_PNG,
                           path, err, sizeof err)) {
            cli_error("dyad: %s", err);
            rc = EXIT_FATAL;
        }
    } else if (ent_plot_render(&p, format == F_SVG ? ENT_PLOT_SVG
                                                  : ENT_PLOT_PNG,
                               &img, &n, err, sizeof err)) {
        cli_error("dyad: %s", err);
        rc = EXIT_FATAL;
    } else if (fwrite(img, 1, n, stdout) != n) {
        cli_error("error writing output");
        rc = EXIT_FATAL;
    }
done:
    free(img);
    free(x);
    free(y);
    return rc;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *db = cli_get(cmd, a, "db");
    const char *by = cli_get(cmd, a, "by");
    const char *fmt = cli_get(cmd, a, "format");
    const char *measure = cli_get(cmd, a, "measure");
    const char *out = cli_get(cmd, a, "out");
    ent_dyad_query q;
    ent_store *st = NULL;
    printer p;
    int rc, m;

    memset(&q, 0, sizeof q);
    memset(&p, 0, sizeof p);
    if (a->npos != 2) {
        cli_error("dyad: two actors are needed (entente dyad A B --db FILE)");
        return EXIT_USAGE;
    }
    if (!db) {
        cli_error("dyad: --db FILE is needed");
        return EXIT_USAGE;
    }
    q.by = ENT_BY_MONTH;
    if (by && !cli_period("dyad", by, &q.by))
        return EXIT_USAGE;
    if (!fmt || !strcmp(fmt, "table"))
        p.format = F_TABLE;
    else if (!strcmp(fmt, "csv"))
        p.format = F_CSV;
    else if (!strcmp(fmt, "json"))
        p.format = F_JSON;
    else if (!strcmp(fmt, "svg"))
        p.format = F_SVG;
    else if (!strcmp(fmt, "png"))
        p.format = F_PNG;
    else {
        cli_error("dyad: unknown format '%s' (table, csv, json, svg, png)",
                  fmt);
        return EXIT_USAGE;
    }
    for (m = 0; measure && m <= M_GOLDSTEIN; m++)
        if (!strcmp(measure, MEASURES[m].name))
            break;
    if (!measure)
        m = M_NET;
    else if (m > M_GOLDSTEIN) {
        cli_error("dyad: unknown measure '%s' (net, events, goldstein)",
                  measure);
        return EXIT_USAGE;
    }
    if (measure && p.format < F_SVG) {
        cli_error("dyad: --measure is for charts (--format svg or png)");
        return EXIT_USAGE;
    }
    if (p.format >= F_SVG && !out && isatty(STDOUT_FILENO)) {
        cli_error("dyad: a chart is not written to a terminal: give --out "
                  "FILE or redirect standard output");
        return EXIT_USAGE;
    }
    if (out && p.format < F_SVG && !freopen(out, "w", stdout)) {
        cli_error("dyad: %s: %s", out, strerror(errno));
        return EXIT_FATAL;
    }
    q.a = p.a = a->pos[0];
    q.b = p.b = a->pos[1];
    q.from = cli_get(cmd, a, "from");
    q.to = cli_get(cmd, a, "to");
    q.mentions = cli_get(cmd, a, "mentions") != NULL;
    if (!(st = cli_store_open(db)))
        return EXIT_FATAL;
    if (p.format >= F_SVG) {
        ent_dyad_series ser;
        rc = ent_store_dyad_series(st, &q, &ser);
        if (rc) {
            cli_error("dyad: %s", ent_store_errmsg(st));
            ent_store_close(st);
            return rc == ENT_EINVAL ? EXIT_USAGE : EXIT_FATAL;
        }
        if (!ser.n)
            cli_warn("dyad: no events between %s and %s: the chart is "
                     "empty",
                     q.a, q.b);
        rc = chart(&ser, &q, m, p.format, db, out);
        ent_dyad_series_free(&ser);
        ent_store_close(st);
        if (rc == EXIT_OK && fflush(stdout) != 0) {
            cli_error("error writing output");
            rc = EXIT_FATAL;
        }
        return rc;
    }
    rc = ent_store_dyad(st, &q, print_row, &p);
    if (rc) {
        cli_error("dyad: %s", ent_store_errmsg(st));
        ent_store_close(st);
        return rc == ENT_EINVAL ? EXIT_USAGE : EXIT_FATAL;
    }
    if (p.format == F_JSON)
        fputs(p.rows ? "]\n" : "[]\n", stdout);
    ent_store_close(st);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing output");
        return EXIT_FATAL;
    }
    return EXIT_OK;
}

const cli_cmd cmd_dyad = {
    "dyad",
    "A B --db FILE [options]",
    "Events between actors A and B per period and direction: counts by "
    "QuadClass, Goldstein sum and mean, net cooperation (cooperative minus "
    "conflictual events), or a chart of them (--format svg|png). Actors: a "
    "country code (CHN), an actor code (CHNGOV) or a pattern (CHN*MIL).",
    opts,
    run,
};
