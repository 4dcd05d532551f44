/*
 * cli.h -- shared pieces of the entente command-line tool.
 *
 * main.c dispatches a table of subcommands (one file each); every command
 * declares its options in one table that drives both parsing and --help.
 * Only cli/ talks to the user: data to stdout, diagnostics to stderr.
 */
#ifndef ENTENTE_CLI_H
#define ENTENTE_CLI_H

#include "entente.h"

#include <stdio.h>
#include <time.h>

/* Exit codes: documented in `entente --help`; their meaning never changes. */
#define EXIT_OK 0       /* everything was coded */
#define EXIT_BADINPUT 1 /* some input was bad and skipped (or --strict) */
#define EXIT_USAGE 2    /* bad command line */
#define EXIT_DICT 3     /* dictionaries could not be loaded */
#define EXIT_FATAL 4    /* I/O error or out of memory */

/* One option of a command. arg is NULL for a flag. */
typedef struct cli_opt {
    const char *name; /* long name without "--" */
    char shrt;        /* short letter or 0 */
    const char *arg;  /* argument name for help, or NULL */
    const char *help;
} cli_opt;

#define CLI_MAXOPT 24
#define CLI_MAXPOS 4096

/* Parsed command line: value of each option (flags: "1") and positional
 * arguments. */
typedef struct cli_args {
    const char *val[CLI_MAXOPT];
    char **pos;
    int npos;
} cli_args;

typedef struct cli_cmd {
    const char *name;
    const char *usage;   /* after "entente NAME " */
    const char *summary; /* one line */
    const cli_opt *opts; /* terminated by a zeroed entry */
    int (*run)(const struct cli_cmd *cmd, cli_args *a);
} cli_cmd;

/* Parse argv (after the command name); prints an error and returns
 * EXIT_USAGE on a bad option. -h/--help prints help and returns -1. */
int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_args *a);
void cli_help(const cli_cmd *cmd, FILE *f);

/* Value of option name, or NULL. */
const char *cli_get(const cli_cmd *cmd, const cli_args *a, const char *name);

/* Print "entente: error: ..." or "entente: warning: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Load the dictionaries named by --dict, $ENTENTE_DICT or the built-in
 * directory; prints the error and returns NULL on failure. */
ent_dict *cli_load_dict(const char *dir);

/* Open the store db read-only for a query; prints why and returns NULL
 * when it cannot, warns when its last load did not finish. */
ent_store *cli_store_open(const char *db);

/* The names of the periods ENT_BY_DAY .. ENT_BY_YEAR ("day" ... "year"). */
extern const char *const cli_periods[5];

/* Read a --by value of command cmd into *by (ENT_BY_*); prints the error
 * and returns 0 for an unknown period, 1 otherwise. */
int cli_period(const char *cmd, const char *value, int *by);

/* The --fast option of code, explain and eval (read by cli_coder_open). */
#define CLI_OPT_FAST                                                         \
    {"fast", 0, NULL, "the shallow word-order coder: no tagger or parser, " \
                      "about 40 times faster, less accurate"}

/* The --set option of code and explain (read by cli_coder_open). */
#define CLI_OPT_SET                                                          \
    {"set", 0, "NAME=VALUE,...",                                             \
     "coding options, overriding the dictionaries' options.txt: "            \
     "minimum_words=N, code_by=verb|clause|sentence|all, default_source=CODE, "  \
     "default_target=CODE, require_dyad=yes|no, comma_min=N... (see "        \
     "docs/dictionaries.md)"}

/* What code, explain and eval code with: the dictionaries (--dict), a
 * coder over them and, unless --fast, the tagger and parser it codes with
 * (nlp is NULL then). */
typedef struct cli_coder {
    ent_dict *d;
    ent_coder *c;
    ent_nlp *nlp;
} cli_coder;

/* Open k for command cmd; prints why on failure and returns the exit code
 * (EXIT_OK when ready, everything released otherwise). */
int cli_coder_open(const cli_cmd *cmd, const cli_args *a, cli_coder *k);
/* The same over the dictionaries of dict_dir (NULL: the default). */
int cli_coder_open_dir(const cli_cmd *cmd, const cli_args *a,
                       const char *dict_dir, cli_coder *k);
/* Release what cli_coder_open() made. */
void cli_coder_close(cli_coder *k);

/* The ENT_INPUT_* format named by --input (NULL: auto) into *fmt; prints
 * an error naming the command and returns EXIT_USAGE when unknown. */
int cli_input_format(const char *cmd, const char *name, int *fmt);

/* Wall seconds since t0 (CLOCK_MONOTONIC). */
double cli_seconds_since(const struct timespec *t0);

/* Peak resident memory of this process so far, in MB. */
double cli_peak_rss_mb(void);

/* Today's date as YYYY-MM-DD. */
void cli_today(char out[11]);

/* Output of events. */
enum { OUT_JSONL, OUT_TSV };
typedef struct out_opts {
    int format;
    int with_text;
    int with_meta;
    int header_done;
} out_opts;

void out_events(FILE *f, out_opts *o, const ent_doc *doc,
                const ent_result *res, int all);
void out_json_str(FILE *f, const char *s, size_t n);

/* The coding loop of `entente code` and `entente load` (coding.c): read
 * each file, code each document and hand it to fn, which returns EXIT_OK
 * to go on or an exit code to stop. Bad documents are reported with file
 * and line and skipped (the first one stops with --strict). */
typedef int (*cli_doc_fn)(void *ud, const char *file, const ent_doc *doc,
                          const ent_result *res);
typedef struct cli_code_run {
    ent_reader_config rc; /* from --input and --date */
    int strict;           /* --strict */
    int jobs;             /* -j: coding threads (1: in this thread) */
    int progress;         /* --progress: a status line on stderr */
    char today[11];
    cli_doc_fn fn;
    void *ud;
    /* called before coding a document (may be NULL): 1 skips it (it is
     * counted in skipped), 0 codes it, else an exit code to stop */
    int (*skip)(void *ud, const char *file, const ent_doc *doc);
    unsigned long long skipped;
    unsigned long long docs, sents, events, bytes; /* coded so far */
    unsigned long long foreign;     /* documents not in English (none of
                                       their paragraphs coded) */
    char first_foreign[256];        /* the first of them, "FILE: ID (fr)" */
    /* progress line state (coding.c) */
    struct timespec t0, last;
    unsigned long long total;       /* bytes of the input files, 0 unknown */
    unsigned long long done_bytes;  /* of the files finished */
} cli_code_run;

/* After cli_code_files(): a warning naming how many documents were not
 * in English and the first of them (nothing when there were none). */
void cli_code_report(const cli_code_run *run);

/* Fill run from the command's --input, --date and --strict; prints the
 * error and returns EXIT_USAGE when one is bad. */
int cli_code_setup(const cli_cmd *cmd, const cli_args *a, cli_code_run *run);
/* Code files[0..nfiles) with c; returns the exit code. */
int cli_code_files(ent_coder *c, char **files, int nfiles, cli_code_run *run);

extern const cli_cmd cmd_code, cmd_explain, cmd_dict, cmd_tag, cmd_parse,
    cmd_eval, cmd_load, cmd_dyad, cmd_report, cmd_network;

#endif
