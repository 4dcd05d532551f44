/*
 * cmd_eval.c -- `entente eval`: score the coder against gold files.
 *
 *   entente eval tests/gold/news.jsonl [--dict DIR] [--json] [-v]
 *   entente eval ../shared/data/validation/tabari/Validate.text
 *   entente eval ../shared/data/validation/petrarch/PETR.UnitTest.records.xml
 *
 * Reads entente's JSONL gold and the TABARI and PETRARCH validation
 * suites. Prints event-level precision, recall and F1 (exact and loose),
 * the records that pass, tables per root and per record tag, the event
 * dates when the gold gives them, the failed records, and ends with one
 * line "N passed, N failed" (scored records).
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_opt opts[] = {
    {"dict", 0, "DIR", "dictionary directory (default: ours; for a TABARI "
                       "or PETRARCH suite, its own dictionaries, imported)"},
    {"import-dir", 0, "DIR", "where to import a suite's dictionaries and "
                             "keep them (default: a temporary directory)"},
    {"json", 0, NULL, "one JSON object per gold file instead of tables"},
    {"verbose", 'v', NULL, "list every failed record (default: the first 10)"},
    CLI_OPT_FAST,
    {0, 0, 0, 0},
};

/* k as a percentage of n (0 when n is 0). */
static double pct(size_t k, size_t n)
{
    return n ? 100.0 * (double)k / (double)n : 0;
}

/* F1 of a cell in percent; 100 when nothing was expected or coded. */
static double f1(const ent_eval_cell *c)
{
    return c->expected + c->coded
               ? 200.0 * (double)c->matched / (double)(c->expected + c->coded)
               : 100.0;
}

/* What a record expects besides its events, for reports; NULL for
 * plain events. */
static const char *status_name(int status)
{
    switch (status) {
    case ENT_GOLD_NOEVENT:
        return "no event";
    case ENT_GOLD_COMPLEX:
        return "complex (nothing coded)";
    case ENT_GOLD_DISCARD:
        return "discard (nothing coded)";
    case ENT_GOLD_ERROR:
        return "input error (nothing coded)";
    default:
        return NULL;
    }
}

/* What the per-record callback needs. */
typedef struct report {
    FILE *out;
    int json, verbose;
    size_t shown, failed;
} report;

/* One line of events, unmatched ones marked with "*". */
static void print_events(FILE *f, const char *what, const char *const *ev,
                         const int *m, size_t n)
{
    size_t i;
    fprintf(f, "    %s:", what);
    if (!n)
        fprintf(f, " (none)");
    for (i = 0; i < n; i++)
        fprintf(f, " %s%s%s", m[i] ? "" : "*", ev[i], i + 1 < n ? ";" : "");
    fputc('\n', f);
}

/* Events as a JSON array of strings. */
static void json_events(FILE *f, const char *const *ev, size_t n)
{
    size_t i;
    fputc('[', f);
    for (i = 0; i < n; i++) {
        out_json_str(f, ev[i], strlen(ev[i]));
        if (i + 1 < n)
            fputc(',', f);
    }
    fputc(']', f);
}

/* Report a failed record: a JSON object, or lines for people. */
static void on_record(void *ud, const ent_eval_record *r)
{
    report *rp = ud;
    const char *st = status_name(r->status), *d;
    if (r->pass && !r->date_errors)
        return;
    rp->failed++;
    if (rp->json) {
        fprintf(rp->out, "%s{\"id\":", rp->failed > 1 ? "," : "");
        out_json_str(rp->out, r->id ? r->id : "", r->id ? strlen(r->id) : 0);
        fprintf(rp->out, ",\"line\":%lu,", r->line);
        if (st)
            fprintf(rp->out, "\"status\":\"%s\",", st);
        fprintf(rp->out, "\"expected\":");
        json_events(rp->out, r->expected, r->nexpected);
        fprintf(rp->out, ",\"coded\":");
        json_events(rp->out, r->coded, r->ncoded);
        if (r->date_errors) {
            fprintf(rp->out, ",\"date_errors\":");
            out_json_str(rp->out, r->date_errors, strlen(r->date_errors));
        }
        fputc('}', rp->out);
        return;
    }
    if (!rp->verbose && rp->shown >= 10)
        return;
    if (rp->shown++ == 0)
        fprintf(rp->out, "failed records (* marks an unmatched event):\n");
    fprintf(rp->out, "  line %lu%s%s: %s\n", r->line, r->id ? " " : "",
            r->id ? r->id : "", r->text);
    if (st)
        fprintf(rp->out, "    expected: %s\n", st);
    if (!st || r->nexpected)
        print_events(rp->out, "expected", r->expected, r->expected_matched,
                     r->nexpected);
    print_events(rp->out, "coded   ", r->coded, r->coded_matched, r->ncoded);
    for (d = r->date_errors; d && *d;) {
        size_t n = strcspn(d, "\n");
        fprintf(rp->out, "    date: %.*s\n", (int)n, d);
        d += n + (d[n] != 0);
    }
}

/* Event dates as one line for people (name is "" or a tag). */
static void dates_line(FILE *f, const char *name, const ent_eval_dates *d)
{
    fprintf(f, "  %-22s %5zu %7zu  date %5.1f%% (%zu)  precision %5.1f%% "
               "(%zu)  both %5.1f%% (%zu)\n",
            name, d->expected, d->matched, pct(d->date_right, d->matched),
            d->date_right, pct(d->precision_right, d->matched),
            d->precision_right, pct(d->both_right, d->matched), d->both_right);
}

/* Event dates as the JSON member "dates". */
static void dates_json(FILE *f, const ent_eval_dates *d)
{
    fprintf(f,
            "\"dates\":{\"expected\":%zu,\"matched\":%zu,\"date_right\":%zu,"
            "\"precision_right\":%zu,\"both_right\":%zu,\"date\":%.2f,"
            "\"precision\":%.2f,\"both\":%.2f}",
            d->expected, d->matched, d->date_right, d->precision_right,
            d->both_right, pct(d->date_right, d->matched),
            pct(d->precision_right, d->matched), pct(d->both_right, d->matched));
}

/* The event-date table: all, then per tag that has dated events. */
static void print_dates(FILE *f, const ent_eval_totals *t)
{
    size_t k;
    if (!t->dates.expected)
        return;
    fprintf(f, "\nevent dates (of the expected events with a date, those "
               "matched on source, target and code; right date, precision, "
               "both):\n  %-22s %5s %7s\n",
            "", "gold", "matched");
    dates_line(f, "all", &t->dates);
    for (k = 0; k < t->ntags; k++)
        if (t->tag[k].dates.expected)
            dates_line(f, t->tag_names[k], &t->tag[k].dates);
}

/* A P/R/F1 cell as the JSON member name. */
static void cell_json(FILE *f, const char *name, const ent_eval_cell *c)
{
    fprintf(f,
            "\"%s\":{\"expected\":%zu,\"coded\":%zu,\"matched\":%zu,"
            "\"precision\":%.2f,\"recall\":%.2f,\"f1\":%.2f}",
            name, c->expected, c->coded, c->matched, pct(c->matched, c->coded),
            pct(c->matched, c->expected), f1(c));
}

/* A P/R/F1 cell as one line for people. */
static void cell_line(FILE *f, const char *name, const ent_eval_cell *c)
{
    fprintf(f, "%-36s precision %6.2f%% (%zu/%zu), recall %6.2f%% (%zu/%zu), "
               "F1 %6.2f%%\n",
            name, pct(c->matched, c->coded), c->matched, c->coded,
            pct(c->matched, c->expected), c->matched, c->expected, f1(c));
}

/* The totals of one gold file as tables for people. */
static void print_tables(FILE *f, const char *path, const ent_eval_totals *t)
{
    int r;
    size_t k;
    fprintf(f, "%s: %zu records, %zu expected events, %zu records with no "
               "event\n",
            path, t->records, t->exact.expected, t->no_event_records);
    if (t->unscored || t->complex_records || t->discard_records)
        fprintf(f, "not scored: %zu records; complex records left empty: "
                   "%zu of %zu; discard and error records left empty: %zu "
                   "of %zu\n",
                t->unscored, t->complex_passed, t->complex_records,
                t->discard_passed, t->discard_records);
    cell_line(f, "exact (source, target, code):", &t->exact);
    cell_line(f, "loose (country dyad, root):", &t->loose);
    fprintf(f, "records whose events are all right: %zu of %zu (%.1f%%); "
               "no-event records left empty: %zu of %zu\n",
            t->passed, t->records, pct(t->passed, t->records),
            t->no_event_passed, t->no_event_records);
    fprintf(f, "\nper CAMEO root (exact; expected and matched by the gold "
               "event's root, coded by the coded event's):\n");
    fprintf(f, "  root  expected  coded  matched  precision  recall      F1\n");
    for (r = 1; r <= 20; r++) {
        const ent_eval_cell *c = &t->root[r];
        if (!c->expected && !c->coded)
            continue;
        fprintf(f, "  %02d    %8zu  %5zu  %7zu  %8.1f%%  %5.1f%%  %5.1f%%\n", r,
                c->expected, c->coded, c->matched, pct(c->matched, c->coded),
                pct(c->matched, c->expected), f1(c));
    }
    if (t->ntags) {
        fprintf(f, "\nper tag (records, records passing, event P/R/F1):\n");
        for (k = 0; k < t->ntags; k++) {
            const ent_eval_cell *c = &t->tag[k].events;
            fprintf(f, "  %-20s %4zu  %4zu  %5.1f%%  P %5.1f%%  R %5.1f%%  "
                       "F1 %5.1f%%\n",
                    t->tag_names[k], t->tag[k].records, t->tag[k].passed,
                    pct(t->tag[k].passed, t->tag[k].records),
                    pct(c->matched, c->coded), pct(c->matched, c->expected),
                    f1(c));
        }
    }
    print_dates(f, t);
    fputc('\n', f);
}

/* The totals of one gold file, closing its JSON object. */
static void print_json_totals(FILE *f, const ent_eval_totals *t)
{
    int r;
    size_t k;
    fprintf(f, "],\"records\":%zu,\"passed\":%zu,\"no_event_records\":%zu,"
               "\"no_event_passed\":%zu,\"unscored\":%zu,"
               "\"complex_records\":%zu,\"complex_passed\":%zu,"
               "\"discard_records\":%zu,\"discard_passed\":%zu,",
            t->records, t->passed, t->no_event_records, t->no_event_passed,
            t->unscored, t->complex_records, t->complex_passed,
            t->discard_records, t->discard_passed);
    cell_json(f, "exact", &t->exact);
    fputc(',', f);
    cell_json(f, "loose", &t->loose);
    fprintf(f, ",\"roots\":{");
    for (r = 1; r <= 20; r++) {
        char name[16];
        snprintf(name, sizeof name, "%02d", r);
        cell_json(f, name, &t->root[r]);
        if (r < 20)
            fputc(',', f);
    }
    fprintf(f, "},\"tags\":{");
    for (k = 0; k < t->ntags; k++) {
        out_json_str(f, t->tag_names[k], strlen(t->tag_names[k]));
        fprintf(f, ":{\"records\":%zu,\"passed\":%zu,", t->tag[k].records,
                t->tag[k].passed);
        cell_json(f, "events", &t->tag[k].events);
        if (t->tag[k].dates.expected) {
            fputc(',', f);
            dates_json(f, &t->tag[k].dates);
        }
        fputc('}', f);
        if (k + 1 < t->ntags)
            fputc(',', f);
    }
    fputc('}', f);
    if (t->dates.expected) {
        fputc(',', f);
        dates_json(f, &t->dates);
    }
    fprintf(f, "}\n");
}

/* Print an import warning (only with -v: a suite's dictionaries hold
 * many features entente leaves out, and README.md in the import
 * directory counts them). */
static void import_warn(void *ud, const char *line)
{
    if (*(const int *)ud)
        cli_warn("%s", line);
}

/* Remove the files of directory dir, then dir itself. */
static void remove_dir(const char *dir)
{
    DIR *dh = opendir(dir);
    struct dirent *de;
    char path[4096];
    if (!dh)
        return;
    while ((de = readdir(dh)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        remove(path);
    }
    closedir(dh);
    rmdir(dir);
}

/*
 * A TABARI or PETRARCH suite names its own dictionaries: import them
 * (ent_dict_import) into keep_dir, or into a new temporary directory
 * whose name goes to tmp, and open k over them. Returns the exit code.
 */
static int open_suite_coder(const cli_cmd *cmd, const cli_args *a,
                            const ent_gold *g, const char *path,
                            const char *keep_dir, int verbose, char *tmp,
                            size_t tmplen, cli_coder *k)
{
    const char *paths[16], *kinds[16];
    size_t i, n = ent_gold_dict_files(g, kinds, paths, 16);
    ent_import_config ic;
    ent_import_stats st;
    char err[1024] = "";
    const char *dir = keep_dir, *base = getenv("ENTENTE_DICT");
    char cameo[4096], context[4096];
    int rc;
    tmp[0] = 0;
    if (!dir) {
        const char *td = getenv("TMPDIR");
        snprintf(tmp, tmplen, "%s/entente-suite-XXXXXX", td && *td ? td : "/tmp");
        if (!mkdtemp(tmp)) {
            cli_error("%s: cannot create a temporary directory: %s", path,
                      strerror(errno));
            tmp[0] = 0;
            return EXIT_FATAL;
        }
        dir = tmp;
    }
    if (!base)
        base = ENT_DICT_DIR;
    snprintf(cameo, sizeof cameo, "%s/cameo.tsv", base);
    snprintf(context, sizeof context, "%s/context.txt", base);
    memset(&ic, 0, sizeof ic);
    ic.from = ent_gold_format(g) == ENT_GOLD_TABARI ? ENT_IMPORT_TABARI
                                                    : ENT_IMPORT_PETRARCH;
    ic.files = paths;
    ic.nfiles = n;
    ic.out_dir = dir;
    ic.cameo_path = cameo;
    /* no context markers: TABARI and PETRARCH know neither negation nor
     * modality markers (their patterns code "not urged" or "will not
     * clash" themselves) and code future acts as events; except
     * negation for a set with a coding ontology, which codes a negated
     * event as its negation ("didn't clash": 050, not 110) */
    ic.context_path = NULL;
    for (i = 0; i < n && i < 16; i++)
        if (!strcmp(kinds[i], "ontology")) {
            ic.context_path = context;
            ic.negation_only = 1;
        }
    ic.wordnet_dir = getenv("ENTENTE_WORDNET");
    rc = ent_dict_import(&ic, &st, import_warn, &verbose, err, sizeof err);
    if (rc) {
        cli_error("%s: importing its dictionaries: %s", path,
                  err[0] ? err : ent_strerror(rc));
        return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_DICT;
    }
    return cli_coder_open_dir(cmd, a, dir, k);
}

/* `entente eval`: load, score and report each gold file in turn. */
static int run(const cli_cmd *cmd, cli_args *a)
{
    cli_coder cc, sc, *coder;
    size_t passed = 0, failed = 0;
    int i, status = EXIT_OK, have_cc = 0;
    char tmp[4096] = "";
    report rp;
    if (a->npos == 0) {
        cli_error("eval: give gold files (see entente eval --help)");
        return EXIT_USAGE;
    }
    memset(&cc, 0, sizeof cc);
    memset(&sc, 0, sizeof sc);
    memset(&rp, 0, sizeof rp);
    rp.out = stdout;
    rp.json = cli_get(cmd, a, "json") != NULL;
    rp.verbose = cli_get(cmd, a, "verbose") != NULL;
    for (i = 0; i < a->npos; i++) {
        ent_gold *g = NULL;
        ent_eval_totals t;
        char err[1024] = "";
        int rc = ent_gold_load(a->pos[i], NULL, &g, err, sizeof err);
        if (rc) {
            cli_error("%s", err[0] ? err : ent_strerror(rc));
            status = rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
            continue;
        }
        /* A suite is coded with its own dictionaries, unless --dict
         * says otherwise. Its option directives (info.directives) are
         * not applied: see ACCURACY.md. */
        coder = &cc;
        if (ent_gold_format(g) != ENT_GOLD_JSONL && !cli_get(cmd, a, "dict")) {
            rc = open_suite_coder(cmd, a, g, a->pos[i],
                                  cli_get(cmd, a, "import-dir"), rp.verbose,
                                  tmp, sizeof tmp, &sc);
            if (rc) {
                if (tmp[0])
                    remove_dir(tmp);
                ent_gold_free(g);
                status = rc;
                continue;
            }
            coder = &sc;
        } else if (!have_cc) {
            /* our dictionaries (or --dict), opened once for all files */
            rc = cli_coder_open(cmd, a, &cc);
            if (rc) {
                ent_gold_free(g);
                status = rc;
                break;
            }
            have_cc = 1;
        }
        rp.shown = rp.failed = 0;
        if (rp.json) {
            fprintf(stdout, "{\"file\":");
            out_json_str(stdout, a->pos[i], strlen(a->pos[i]));
            fprintf(stdout, ",\"failures\":[");
        }
        rc = ent_eval_run(coder->c, g, on_record, &rp, &t);
        if (coder == &sc) {
            cli_coder_close(&sc);
            if (tmp[0])
                remove_dir(tmp);
            tmp[0] = 0;
        }
        if (rc) {
            cli_error("%s: %s", a->pos[i], ent_strerror(rc));
            ent_gold_free(g);
            status = EXIT_FATAL;
            break;
        }
        if (rp.json) {
            print_json_totals(stdout, &t);
        } else {
            if (rp.failed > rp.shown)
                printf("  ... %zu more failed records (-v lists them all)\n",
                       rp.failed - rp.shown);
            if (rp.shown)
                putchar('\n');
            print_tables(stdout, a->pos[i], &t);
        }
        passed += t.passed;
        failed += t.records - t.passed;
        ent_gold_free(g);
    }
    if (!rp.json)
        printf("%zu passed, %zu failed\n", passed, failed);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing output");
        status = EXIT_FATAL;
    }
    cli_coder_close(&cc);
    return status;
}

const cli_cmd cmd_eval = {
    "eval", "GOLD... [--dict DIR] [--json] [-v]",
    "Score the coder on gold files (entente's JSONL gold, TABARI's "
    "Validate.text, PETRARCH validation XML): exact and loose event "
    "precision, recall and F1, records passing, per root and per tag, and "
    "event dates (right date and precision) when the gold gives them; the "
    "last line is 'N passed, N failed' (scored records).",
    opts, run,
};
