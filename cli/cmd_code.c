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
    {"progress", 0, NULL, "a status line on stderr: documents, events, "
     "documents/s, time left (default: when stderr is a terminal)"},
    {"jobs", 'j', "N", "coding threads (default: all cores); the output "
     "keeps the input's order and is the same for any N"},
    {"dict", 0, "DIR", "dictionary directory"},
    {"output", 'o', "FILE", "write events to FILE instead of stdout"},
    {"stats", 0, NULL,
     "print documents, sentences, events, MB/s and peak memory to stderr"},
    CLI_OPT_FAST,
    CLI_OPT_SET,
    {0, 0, 0, 0},
};

/* What each coded document goes to: the output. */
typedef struct printer {
    FILE *out;
    out_opts oo;
    int all;
} printer;

/* cli_doc_fn of `entente code`: print the document's events. */
static int print_doc(void *ud, const char *file, const ent_doc *doc,
                     const ent_result *res)
{
    printer *p = ud;
    (void)file;
    out_events(p->out, &p->oo, doc, res, p->all);
    return EXIT_OK;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *fmt = cli_get(cmd, a, "format");
    const char *outp = cli_get(cmd, a, "output");
    char *stdin_only[] = {"-"};
    char **files = a->npos ? a->pos : stdin_only;
    int nfiles = a->npos ? a->npos : 1, status = EXIT_OK;
    printer pr;
    cli_code_run run;
    cli_coder cc;
    stats st;
    struct timespec t0;
    double cpu0;

    memset(&pr, 0, sizeof pr);
    memset(&st, 0, sizeof st);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pr.out = stdout;
    pr.all = cli_get(cmd, a, "all") != NULL;
    pr.oo.with_text = cli_get(cmd, a, "with-text") != NULL;
    pr.oo.with_meta = cli_get(cmd, a, "with-meta") != NULL;
    if (fmt && !strcmp(fmt, "tsv"))
        pr.oo.format = OUT_TSV;
    else if (fmt && strcmp(fmt, "jsonl")) {
        cli_error("code: unknown format '%s' (jsonl or tsv)", fmt);
        return EXIT_USAGE;
    }
    if (cli_code_setup(cmd, a, &run))
        return EXIT_USAGE;
    run.rc.keep_meta = pr.oo.with_meta;
    run.fn = print_doc;
    run.ud = &pr;

    status = cli_coder_open(cmd, a, &cc);
    if (status)
        return status;
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
    if (outp && !(pr.out = fopen(outp, "w"))) {
        cli_error("%s: cannot open for writing", outp);
        cli_coder_close(&cc);
        return EXIT_FATAL;
    }
    status = cli_code_files(cc.c, files, nfiles, &run);
    cli_code_report(&run);
    st.docs = run.docs;
    st.sents = run.sents;
    st.events = run.events;
    st.bytes = run.bytes;
    if (fflush(pr.out) != 0 || ferror(pr.out)) {
        cli_error("error writing output");
        status = EXIT_FATAL;
    }
    if (pr.out != stdout)
        fclose(pr.out);
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
