/*
 * cmd_dyad.c -- `entente dyad A B`: how a relationship moves over time.
 *
 * Per period and direction (A -> B, B -> A): events by QuadClass,
 * Goldstein sum and mean, and net cooperation, from a store made by
 * `entente load`, as a table, CSV or JSON.
 */
#include "cli.h"

#include <string.h>

static const cli_opt opts[] = {
    {"db", 0, "FILE", "the store made by entente load"},
    {"by", 0, "day|week|month|quarter|year", "period (default month)"},
    {"from", 0, "DATE", "first day: YYYY, YYYY-MM or YYYY-MM-DD"},
    {"to", 0, "DATE", "last day (included): YYYY, YYYY-MM or YYYY-MM-DD"},
    {"format", 'f', "table|csv|json", "output format (default table)"},
    {"mentions", 0, NULL,
     "count mentions (every report) instead of merged events"},
    {0, 0, 0, 0},
};

enum { F_TABLE, F_CSV, F_JSON };

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

static int run(const cli_cmd *cmd, cli_args *a)
{
    static const char *const bys[] = {"day", "week", "month", "quarter",
                                      "year"};
    const char *db = cli_get(cmd, a, "db");
    const char *by = cli_get(cmd, a, "by");
    const char *fmt = cli_get(cmd, a, "format");
    ent_store_config cfg;
    ent_dyad_query q;
    ent_store *st = NULL;
    printer p;
    char err[1024];
    int rc, i;

    memset(&q, 0, sizeof q);
    memset(&p, 0, sizeof p);
    memset(&cfg, 0, sizeof cfg);
    if (a->npos != 2) {
        cli_error("dyad: two actors are needed (entente dyad A B --db FILE)");
        return EXIT_USAGE;
    }
    if (!db) {
        cli_error("dyad: --db FILE is needed");
        return EXIT_USAGE;
    }
    q.by = ENT_BY_MONTH;
    if (by) {
        for (i = 0; i < 5 && strcmp(by, bys[i]); i++)
            ;
        if (i == 5) {
            cli_error("dyad: unknown period '%s' (day, week, month, quarter, "
                      "year)",
                      by);
            return EXIT_USAGE;
        }
        q.by = i;
    }
    if (!fmt || !strcmp(fmt, "table"))
        p.format = F_TABLE;
    else if (!strcmp(fmt, "csv"))
        p.format = F_CSV;
    else if (!strcmp(fmt, "json"))
        p.format = F_JSON;
    else {
        cli_error("dyad: unknown format '%s' (table, csv, json)", fmt);
        return EXIT_USAGE;
    }
    q.a = p.a = a->pos[0];
    q.b = p.b = a->pos[1];
    q.from = cli_get(cmd, a, "from");
    q.to = cli_get(cmd, a, "to");
    q.mentions = cli_get(cmd, a, "mentions") != NULL;
    cfg.flags = ENT_STORE_READONLY;
    rc = ent_store_open(db, &cfg, &st, err, sizeof err);
    if (rc) {
        cli_error("%s", err);
        return EXIT_FATAL;
    }
    if (ent_store_pending(st))
        cli_warn("%s: its last load did not finish: merged events are "
                 "incomplete until that load is run again",
                 db);
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
    "conflictual events). Actors: a country code (CHN), an actor code "
    "(CHNGOV) or a pattern (CHN*MIL).",
    opts,
    run,
};
