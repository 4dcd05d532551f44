/*
 * cmd_code.c -- `entente code`: news in, events out.
 *
 * Reads each input (text or JSONL, "-" for stdin), codes every document and
 * writes events. A bad document is reported with its file and line and
 * skipped; the exit status then says that something failed (--strict stops
 * at the first one).
 */
#include "cli.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Throughput counters for --stats. */
typedef struct stats {
    unsigned long long docs, sents, events, bytes;
} stats;

/* CPU seconds (user + system) used so far by this process. */
static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Rates are per CPU second of coding (per core), which is steadier than
 * wall time on a shared machine; wall time is printed too. */
static void print_stats(const stats *st, const struct timespec *t0,
                        double cpu0)
{
    struct rusage ru;
    double wall = cli_seconds_since(t0), cpu;
    getrusage(RUSAGE_SELF, &ru);
    cpu = cpu_seconds() - cpu0;
    if (cpu <= 0)
        cpu = 1e-9;
    fprintf(stderr,
            "entente: stats: %llu documents, %llu sentences, %llu events, "
            "%.1f MB; %.2f s CPU (%.2f s wall): %.0f documents/s, "
            "%.0f sentences/s, %.1f MB/s per core, peak RSS %.1f MB\n",
            st->docs, st->sents, st->events, (double)st->bytes / 1e6, cpu,
            wall, (double)st->docs / cpu, (double)st->sents / cpu,
            (double)st->bytes / 1e6 / cpu, (double)ru.ru_maxrss / 1024.0);
}

static const cli_opt opts[] = {
    {"date", 'd', "YYYY-MM-DD",
     "publication date for documents without one (text files: else today, "
     "with a warning)"},
    {"format", 'f', "jsonl|tsv", "output format (default jsonl)"},
    {"input", 'i', "auto|text|jsonl|lines|html|feed",
     "input format (default auto; lines: one document a line; html: a web "
     "page's article; feed: RSS or Atom, one document an item)"},
    {"all", 'a', NULL, "also print hypothetical and future events"},
    {"with-text", 0, NULL, "add each event's sentence"},
    {"with-meta", 0, NULL, "add the document's other JSONL fields as meta"},
    {"strict", 0, NULL, "stop at the first bad document"},
    {"dict", 0, "DIR", "dictionary directory"},
    {"output", 'o', "FILE", "write events to FILE instead of stdout"},
    {"stats", 0, NULL,
     "print documents, sentences, events, MB/s and peak memory to stderr"},
    CLI_OPT_FAST,
    CLI_OPT_SET,
    {0, 0, 0, 0},
};

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *date = cli_get(cmd, a, "date");
    const char *fmt = cli_get(cmd, a, "format");
    const char *inp = cli_get(cmd, a, "input");
    const char *outp = cli_get(cmd, a, "output");
    int all = cli_get(cmd, a, "all") != NULL;
    int strict = cli_get(cmd, a, "strict") != NULL;
    char *stdin_only[] = {"-"};
    char **files = a->npos ? a->pos : stdin_only;
    int nfiles = a->npos ? a->npos : 1, i, status = EXIT_OK, stop = 0;
    out_opts oo;
    ent_reader_config rc;
    cli_coder cc;
    ent_coder *c;
    char today[11], tmp[11];
    FILE *out = stdout;
    stats st;
    struct timespec t0;
    double cpu0;

    memset(&oo, 0, sizeof oo);
    memset(&st, 0, sizeof st);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&rc, 0, sizeof rc);
    oo.with_text = cli_get(cmd, a, "with-text") != NULL;
    oo.with_meta = cli_get(cmd, a, "with-meta") != NULL;
    rc.keep_meta = oo.with_meta;
    if (fmt && !strcmp(fmt, "tsv"))
        oo.format = OUT_TSV;
    else if (fmt && strcmp(fmt, "jsonl")) {
        cli_error("code: unknown format '%s' (jsonl or tsv)", fmt);
        return EXIT_USAGE;
    }
    if (cli_input_format("code", inp, &rc.format))
        return EXIT_USAGE;
    if (date && ent_date_parse(date, strlen(date), tmp)) {
        cli_error("code: bad --date '%s' (want YYYY-MM-DD)", date);
        return EXIT_USAGE;
    }
    cli_today(today);
    rc.default_date = date;
    rc.text_date = today;

    status = cli_coder_open(cmd, a, &cc);
    if (status)
        return status;
    c = cc.c;
    {
        /* throughput counts coding, not the loading */
        if (cli_get(cmd, a, "stats"))
            fprintf(stderr,
                    "entente: stats: dictionaries%s loaded in %.1f ms\n",
                    cc.nlp ? " and models" : "",
                    1e3 * cli_seconds_since(&t0));
        clock_gettime(CLOCK_MONOTONIC, &t0);
        cpu0 = cpu_seconds();
    }
    if (outp && !(out = fopen(outp, "w"))) {
        cli_error("%s: cannot open for writing", outp);
        cli_coder_close(&cc);
        return EXIT_FATAL;
    }
    for (i = 0; i < nfiles && !stop; i++) {
        ent_reader *r = NULL;
        char err[1024];
        int k = ent_reader_open(files[i], &rc, &r, err, sizeof err);
        if (k) {
            cli_error("%s", err[0] ? err : ent_strerror(k));
            status = k == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
            if (strict || k == ENT_ENOMEM)
                break;
            continue;
        }
        if (!date && ent_reader_format(r) == ENT_INPUT_TEXT)
            cli_warn("%s: no --date given; using today's date %s",
                     strcmp(files[i], "-") ? files[i] : "<stdin>", today);
        for (;;) {
            const ent_doc *doc;
            const ent_result *res;
            k = ent_reader_next(r, &doc);
            if (k == ENT_DONE)
                break;
            if (k) {
                cli_error("%s", ent_reader_errmsg(r));
                if (status == EXIT_OK)
                    status = EXIT_BADINPUT;
                if (k == ENT_EIO || k == ENT_ENOMEM) {
                    status = EXIT_FATAL;
                    stop = 1;
                    break;
                }
                if (strict) {
                    stop = 1;
                    break;
                }
                continue;
            }
            k = ent_code(c, doc, &res);
            if (k) {
                cli_error("%s: document %s: %s",
                          strcmp(files[i], "-") ? files[i] : "<stdin>",
                          doc->id ? doc->id : "?", ent_coder_errmsg(c));
                if (k == ENT_ENOMEM) {
                    status = EXIT_FATAL;
                    stop = 1;
                    break;
                }
                if (status == EXIT_OK)
                    status = EXIT_BADINPUT;
                if (strict) {
                    stop = 1;
                    break;
                }
                continue;
            }
            out_events(out, &oo, doc, res, all);
            st.docs++;
            st.sents += res->nsents;
            st.events += res->nevents;
        }
        st.bytes += ent_reader_bytes(r);
        ent_reader_free(r);
    }
    if (fflush(out) != 0 || ferror(out)) {
        cli_error("error writing output");
        status = EXIT_FATAL;
    }
    if (out != stdout)
        fclose(out);
    if (cli_get(cmd, a, "stats"))
        print_stats(&st, &t0, cpu0);
    cli_coder_close(&cc);
    return status;
}

const cli_cmd cmd_code = {
    "code", "[options] [file...]",
    "Code news into CAMEO events (JSONL by default). Files are text (one "
    "document each) or JSONL (id, date, title, text per line); '-' or no "
    "file reads stdin.",
    opts, run,
};
