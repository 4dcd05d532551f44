/*
 * cmd_dict.c -- `entente dict`: load, check, import and lint dictionaries.
 *
 *   entente dict [--dict DIR]                         load and describe
 *   entente dict import --from tabari|petrarch -o DIR FILE...
 *   entente dict lint [--dict DIR]
 *
 * Loading compiles every file, so plain `entente dict` doubles as the
 * dictionary checker: an error names the file and line and exits 3.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const cli_opt opts[] = {
    {"dict", 0, "DIR", "dictionary directory (import: where cameo.tsv and "
                       "context.txt are copied from)"},
    {"from", 0, "FORMAT", "import: tabari or petrarch"},
    {"output", 'o', "DIR", "import: the directory to write"},
    {"quiet", 'q', NULL, "import: no warnings, only the summary"},
    {0, 0, 0, 0},
};

/* The dictionary directory: --dict, $ENTENTE_DICT or the built-in one. */
static const char *dict_dir(const cli_cmd *cmd, const cli_args *a)
{
    const char *d = cli_get(cmd, a, "dict");
    if (!d)
        d = getenv("ENTENTE_DICT");
    return d ? d : ENT_DICT_DIR;
}

/* Print one warning or lint line to stderr (import) or stdout (lint). */
static void print_warning(void *ud, const char *line)
{
    if (ud)
        fprintf(stderr, "entente: warning: %s\n", line);
}

static void print_problem(void *ud, const char *line)
{
    (void)ud;
    printf("%s\n", line);
}

/* `entente dict import`: convert TABARI or PETRARCH files into a directory
 * in entente's format and print what was written and dropped. */
static int run_import(const cli_cmd *cmd, cli_args *a)
{
    ent_import_config cfg;
    ent_import_stats st;
    const char *from = cli_get(cmd, a, "from"), *out = cli_get(cmd, a,
                                                               "output");
    char err[1024] = "", cameo[4096], context[4096];
    struct timespec t0;
    int rc, k, approx, quiet = cli_get(cmd, a, "quiet") != NULL;
    const char *name;
    if (!from || (strcmp(from, "tabari") && strcmp(from, "petrarch"))) {
        cli_error("dict import: --from tabari or --from petrarch is needed");
        return EXIT_USAGE;
    }
    if (!out) {
        cli_error("dict import: -o DIR is needed");
        return EXIT_USAGE;
    }
    if (a->npos < 2) {
        cli_error("dict import: no input files");
        return EXIT_USAGE;
    }
    snprintf(cameo, sizeof cameo, "%s/cameo.tsv", dict_dir(cmd, a));
    snprintf(context, sizeof context, "%s/context.txt", dict_dir(cmd, a));
    memset(&cfg, 0, sizeof cfg);
    cfg.from = strcmp(from, "tabari") ? ENT_IMPORT_PETRARCH
                                      : ENT_IMPORT_TABARI;
    cfg.files = (const char *const *)(a->pos + 1);
    cfg.nfiles = (size_t)(a->npos - 1);
    cfg.out_dir = out;
    cfg.cameo_path = cameo;
    cfg.context_path = context;
    cfg.wordnet_dir = getenv("ENTENTE_WORDNET");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = ent_dict_import(&cfg, &st, print_warning, quiet ? NULL : (void *)1,
                         err, sizeof err);
    if (rc) {
        cli_error("dict import: %s", err[0] ? err : ent_strerror(rc));
        return rc == ENT_ENOMEM || rc == ENT_EIO ? EXIT_FATAL : EXIT_BADINPUT;
    }
    printf("imported %s dictionaries into %s in %.2f s (%.0f MB peak)\n",
           from, out, cli_seconds_since(&t0), cli_peak_rss_mb());
    printf("actor entries    %zu\n", st.actors);
    printf("actor phrases    %zu\n", st.actor_phrases);
    printf("agent phrases    %zu\n", st.agents);
    printf("verbs            %zu\n", st.verbs);
    printf("verb patterns    %zu\n", st.patterns);
    printf("synsets          %zu\n", st.synsets);
    printf("discards         %zu\n", st.discards);
    printf("codes            %zu\n", st.codes);
    printf("dropped          %zu\n", st.dropped);
    printf("approximated     %zu\n", st.approximated);
    for (k = 0; (name = ent_import_kind(k, &approx)) != NULL; k++)
        if (st.kind[k])
            printf("  %6zu %s %s\n", st.kind[k],
                   approx ? "approximated" : "dropped", name);
    return EXIT_OK;
}

/* `entente dict lint`: print the problems of a dictionary directory, then
 * "N problems"; exit 1 when there are any. */
static int run_lint(const cli_cmd *cmd, cli_args *a)
{
    char err[1024] = "";
    size_t n = 0;
    const char *dir = dict_dir(cmd, a);
    int rc;
    if (a->npos > 1) {
        cli_error("dict lint: unexpected argument '%s' (use --dict DIR)",
                  a->pos[1]);
        return EXIT_USAGE;
    }
    rc = ent_dict_lint(dir, print_problem, NULL, &n, err, sizeof err);
    if (rc) {
        cli_error("dict lint: %s", err[0] ? err : ent_strerror(rc));
        return EXIT_FATAL;
    }
    printf("%zu problem%s\n", n, n == 1 ? "" : "s");
    return n ? EXIT_BADINPUT : EXIT_OK;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    struct timespec t0;
    ent_dict *d;
    ent_dict_stats s;
    double ms;
    if (a->npos > 0 && !strcmp(a->pos[0], "import"))
        return run_import(cmd, a);
    if (a->npos > 0 && !strcmp(a->pos[0], "lint"))
        return run_lint(cmd, a);
    if (a->npos > 0) {
        cli_error("dict: unknown subcommand '%s' (import, lint; see entente "
                  "dict --help)", a->pos[0]);
        return EXIT_USAGE;
    }
    if (cli_get(cmd, a, "from") || cli_get(cmd, a, "output")) {
        cli_error("dict: --from and -o belong to 'entente dict import'");
        return EXIT_USAGE;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    d = cli_load_dict(cli_get(cmd, a, "dict"));
    if (!d)
        return EXIT_DICT;
    ms = 1e3 * cli_seconds_since(&t0);
    ent_dict_get_stats(d, &s);
    printf("actor entries    %zu\n", s.actor_entries);
    printf("actor phrases    %zu\n", s.actor_phrases);
    printf("agent phrases    %zu\n", s.agent_phrases);
    printf("verb patterns    %zu\n", s.verb_patterns);
    printf("verb anchors     %zu\n", s.verb_anchors);
    printf("context phrases  %zu\n", s.context_phrases);
    printf("CAMEO codes      %zu\n", s.cameo_codes);
    printf("distinct words   %zu\n", s.words);
    printf("duplicate phrases %zu (the first definition is kept)\n",
           s.duplicate_phrases);
    printf("load time        %.1f ms (with WordNet)\n", ms);
    ent_dict_free(d);
    return EXIT_OK;
}

const cli_cmd cmd_dict = {
    "dict",
    "[--dict DIR]\n"
    "       entente dict import --from tabari|petrarch -o DIR FILE...\n"
    "       entente dict lint [--dict DIR]",
    "Load and check the dictionaries and print their sizes and load time; "
    "'dict import' converts TABARI or PETRARCH dictionaries into entente's "
    "format, 'dict lint' reports problems in a dictionary directory.",
    opts, run,
};
