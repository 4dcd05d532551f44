/*
 * cmd_load.c -- `entente load`: news or existing event data into a store.
 *
 * News files are coded as `entente code` codes them (the same loop) and
 * stored with their sentences and events, near-duplicate stories
 * clustered (--near-dup); --events imports event files (entente JSONL,
 * ICEWS, GDELT). Loading is idempotent and survives a
 * kill: the store commits whole documents in batches (src/store.c).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"db", 0, "FILE", "the store (an SQLite file, created when missing)"},
    {"events", 0, NULL,
     "the files are event data (entente JSONL, ICEWS TSV, GDELT CSV), "
     "not news"},
    {"format", 'f', "auto|jsonl|icews|gdelt",
     "with --events: the event format (default auto: from the content)"},
    {"input", 'i', "auto|text|jsonl|lines",
     "news input format (default auto; lines: one document a line)"},
    {"date", 'd', "YYYY-MM-DD",
     "publication date for news documents without one"},
    {"window", 0, "DAYS",
     "duplicate window: the same source, target and code within DAYS days "
     "is one merged event (default 1, the same day; a new value re-merges "
     "the store)"},
    {"near-dup", 0, "T|off",
     "near-duplicate stories: a news document whose similarity score "
     "with an earlier one (word 5-shingles, MinHash: the estimated Jaccard "
     "similarity, or the share of the smaller document found in a larger "
     "one; T - 0.1 for items under about 44 words) is at least T joins "
     "its story cluster, and its events that repeat the cluster's count "
     "as mentions (default 0.8; off: no clustering)"},
    {"batch", 0, "N", "rows per transaction (default 50000)"},
    {"strict", 0, NULL, "stop at the first bad document or file"},
    {"progress", 0, NULL, "a status line on stderr: documents, events, "
     "documents/s, time left (default: when stderr is a terminal)"},
    {"jobs", 'j', "N", "coding threads (default: all cores); the output "
     "keeps the input's order and is the same for any N"},
    {"dict", 0, "DIR", "dictionary directory"},
    CLI_OPT_FAST,
    {0, 0, 0, 0},
};

/* What `load` stores coded documents into, and its counts. */
typedef struct loader {
    ent_store *st;
    unsigned long long docs, already, events;
} loader;

/* cli_doc_fn of `entente load`: store the coded document. */
static int store_doc(void *ud, const char *file, const ent_doc *doc,
                     const ent_result *res)
{
    loader *l = ud;
    size_t n = 0;
    int existed = 0;
    int rc = ent_store_result(l->st, doc, res, file, &existed, &n);
    if (rc) {
        cli_error("%s: document %s: %s", file, doc->id ? doc->id : "?",
                  ent_store_errmsg(l->st));
        return rc == ENT_EINVAL ? EXIT_BADINPUT : EXIT_FATAL;
    }
    if (existed)
        l->already++;
    else
        l->docs++;
    l->events += n;
    return EXIT_OK;
}

/* The skip hook of `entente load`: a document already stored is not
 * coded again. */
static int stored_already(void *ud, const char *file, const ent_doc *doc)
{
    loader *l = ud;
    int found = 0;
    if (ent_store_has_text(l->st, doc->text, doc->text_len, &found)) {
        cli_error("%s: document %s: %s", file, doc->id ? doc->id : "?",
                  ent_store_errmsg(l->st));
        return EXIT_FATAL;
    }
    if (found)
        l->already++;
    return found;
}

/* The ENT_EVENTS_* named by --format, or -1. */
static int events_format(const char *s)
{
    static const char *const names[] = {"auto", "jsonl", "icews", "gdelt"};
    int i;
    if (!s)
        return ENT_EVENTS_AUTO;
    for (i = 0; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

/* Import event files with the dictionaries' CAMEO table and actors. */
static int load_events(const cli_cmd *cmd, const cli_args *a, ent_store *st,
                       char **files, int nfiles, int fmt, int strict)
{
    ent_events_stats es;
    ent_dict *d = cli_load_dict(cli_get(cmd, a, "dict"));
    int i, status = EXIT_OK;
    if (!d)
        return EXIT_DICT;
    memset(&es, 0, sizeof es);
    for (i = 0; i < nfiles; i++) {
        char err[1024];
        int rc = ent_store_import(st, d, files[i], fmt, &es, err, sizeof err);
        if (rc) {
            cli_error("%s", err[0] ? err : ent_strerror(rc));
            status = rc == ENT_EFORMAT || rc == ENT_EINVAL ? EXIT_BADINPUT
                                                           : EXIT_FATAL;
            if (strict || status == EXIT_FATAL)
                break;
        }
    }
    fprintf(stderr,
            "entente: load: %llu lines, %llu events read: %llu stored, "
            "%llu already stored; %llu new documents\n",
            (unsigned long long)es.lines, (unsigned long long)es.events,
            (unsigned long long)es.stored, (unsigned long long)es.already,
            (unsigned long long)es.documents);
    if (es.unknown_codes || es.skipped_noactor)
        fprintf(stderr,
                "entente: load: skipped %llu with an event name or code not "
                "in the CAMEO table, %llu without actors\n",
                (unsigned long long)es.unknown_codes,
                (unsigned long long)es.skipped_noactor);
    if (es.unresolved)
        fprintf(stderr,
                "entente: load: %llu actor names without a code (stored "
                "with the name and an empty code)\n",
                (unsigned long long)es.unresolved);
    ent_dict_free(d);
    return status;
}

/* Code news files and store them. */
static int load_news(const cli_cmd *cmd, const cli_args *a, ent_store *st,
                     char **files, int nfiles)
{
    cli_code_run run;
    cli_coder cc;
    loader l;
    int status;
    memset(&l, 0, sizeof l);
    l.st = st;
    if (cli_code_setup(cmd, a, &run))
        return EXIT_USAGE;
    run.fn = store_doc;
    run.skip = stored_already;
    run.ud = &l;
    status = cli_coder_open(cmd, a, &cc);
    if (status)
        return status;
    status = cli_code_files(cc.c, files, nfiles, &run);
    cli_code_report(&run);
    fprintf(stderr,
            "entente: load: %llu documents coded: %llu stored, %llu "
            "already stored; %llu events stored\n",
            l.docs + l.already, l.docs, l.already, l.events);
    cli_coder_close(&cc);
    return status;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *db = cli_get(cmd, a, "db");
    const char *win = cli_get(cmd, a, "window");
    const char *batch = cli_get(cmd, a, "batch");
    const char *near = cli_get(cmd, a, "near-dup");
    int fmt = events_format(cli_get(cmd, a, "format"));
    int strict = cli_get(cmd, a, "strict") != NULL, status, rc;
    char *stdin_only[] = {"-"};
    char **files = a->npos ? a->pos : stdin_only;
    int nfiles = a->npos ? a->npos : 1;
    ent_store_config cfg;
    ent_store_counts before, after;
    ent_store *st = NULL;
    char err[1024], *end;

    memset(&cfg, 0, sizeof cfg);
    cfg.flags = ENT_STORE_CREATE;
    if (!db) {
        cli_error("load: --db FILE is needed");
        return EXIT_USAGE;
    }
    if (fmt < 0) {
        cli_error("load: unknown format '%s' (auto, jsonl, icews, gdelt)",
                  cli_get(cmd, a, "format"));
        return EXIT_USAGE;
    }
    if (win) {
        long w = strtol(win, &end, 10);
        if (*end || w < 1 || w > 3660) {
            cli_error("load: bad --window '%s' (days, 1 to 3660)", win);
            return EXIT_USAGE;
        }
        cfg.window_days = (int)w;
    }
    if (batch) {
        long b = strtol(batch, &end, 10);
        if (*end || b < 1) {
            cli_error("load: bad --batch '%s'", batch);
            return EXIT_USAGE;
        }
        cfg.batch = (size_t)b;
    }
    if (near && !strcmp(near, "off")) {
        cfg.near_dup = -1;
    } else if (near) {
        double t = strtod(near, &end);
        if (*end || end == near || !(t > 0 && t <= 1)) {
            cli_error("load: bad --near-dup '%s' (a similarity above 0, at "
                      "most 1, or off)",
                      near);
            return EXIT_USAGE;
        }
        cfg.near_dup = t;
    }
    rc = ent_store_open(db, &cfg, &st, err, sizeof err);
    if (rc) {
        cli_error("%s", err);
        return EXIT_FATAL;
    }
    if (ent_store_count(st, &before)) {
        cli_error("%s: %s", db, ent_store_errmsg(st));
        ent_store_close(st);
        return EXIT_FATAL;
    }
    /* a first load builds the query indexes once, at the end */
    if (before.events == 0 && ent_store_bulk(st, 1)) {
        cli_error("%s: %s", db, ent_store_errmsg(st));
        ent_store_close(st);
        return EXIT_FATAL;
    }
    if (cli_get(cmd, a, "events"))
        status = load_events(cmd, a, st, files, nfiles, fmt, strict);
    else
        status = load_news(cmd, a, st, files, nfiles);
    if (ent_store_bulk(st, 0) || ent_store_count(st, &after)) {
        cli_error("%s: %s", db, ent_store_errmsg(st));
        status = EXIT_FATAL;
    } else {
        fprintf(stderr,
                "entente: load: store %s: %llu documents, %llu events, "
                "%llu merged events (%llu duplicates merged by this load)\n",
                db, (unsigned long long)after.documents,
                (unsigned long long)after.events,
                (unsigned long long)after.merged,
                (unsigned long long)((after.mentions - before.mentions) -
                                     (after.merged - before.merged)));
        if (!cli_get(cmd, a, "events") && cfg.near_dup >= 0)
            fprintf(stderr,
                    "entente: load: near-duplicate stories: %llu documents "
                    "in %llu story clusters (%llu new by this load)\n",
                    (unsigned long long)after.near_dups,
                    (unsigned long long)after.clusters,
                    (unsigned long long)(after.near_dups -
                                         before.near_dups));
    }
    if (ent_store_close(st)) {
        cli_error("%s: closing the store failed", db);
        status = EXIT_FATAL;
    }
    return status;
}

const cli_cmd cmd_load = {
    "load",
    "--db FILE [options] [file...]",
    "Code news files and store documents, sentences and events in an "
    "SQLite store; with --events, import event data (entente JSONL, ICEWS, "
    "GDELT). Loading the same input again adds nothing; a killed load is "
    "completed by running it again.",
    opts,
    run,
};
