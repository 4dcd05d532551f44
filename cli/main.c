/*
 * main.c -- the entente command: dispatch, option parsing, shared helpers.
 *
 *   entente <command> [options] [file...]
 *
 * Each command lives in its own file (cmd_*.c) and declares its options in
 * a table that drives both the parser and --help.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const cli_cmd *const commands[] = {&cmd_code, &cmd_explain, &cmd_dict,
                                          &cmd_tag, &cmd_parse, &cmd_eval,
                                          &cmd_load, &cmd_dyad, &cmd_report,
                                          &cmd_network};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("entente: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    fputs("entente: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

ent_store *cli_store_open(const char *db)
{
    ent_store_config cfg;
    ent_store *st = NULL;
    char err[1024];
    memset(&cfg, 0, sizeof cfg);
    cfg.flags = ENT_STORE_READONLY;
    if (ent_store_open(db, &cfg, &st, err, sizeof err)) {
        cli_error("%s", err);
        return NULL;
    }
    if (ent_store_pending(st))
        cli_warn("%s: its last load did not finish: merged events are "
                 "incomplete until that load is run again",
                 db);
    return st;
}

const char *const cli_periods[5] = {"day", "week", "month", "quarter",
                                    "year"};

int cli_period(const char *cmd, const char *value, int *by)
{
    int i;
    for (i = 0; i < 5 && strcmp(value, cli_periods[i]); i++)
        ;
    if (i == 5) {
        cli_error("%s: unknown period '%s' (day, week, month, quarter, "
                  "year)",
                  cmd, value);
        return 0;
    }
    *by = i;
    return 1;
}

int cli_coder_open(const cli_cmd *cmd, const cli_args *a, cli_coder *k)
{
    return cli_coder_open_dir(cmd, a, cli_get(cmd, a, "dict"), k);
}

/* Apply --set "name=value,name=value" to coder c. */
static int set_options(ent_coder *c, const char *list)
{
    char buf[1024], *item, *save = NULL;
    if (!list)
        return EXIT_OK;
    if (strlen(list) >= sizeof buf) {
        cli_error("--set: the list is too long");
        return EXIT_USAGE;
    }
    strcpy(buf, list);
    for (item = strtok_r(buf, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) {
            cli_error("--set: '%s' is not NAME=VALUE", item);
            return EXIT_USAGE;
        }
        *eq = 0;
        if (ent_coder_set_option(c, item, eq + 1)) {
            cli_error("--set: %s", ent_coder_errmsg(c));
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

int cli_coder_open_dir(const cli_cmd *cmd, const cli_args *a,
                       const char *dict_dir, cli_coder *k)
{
    ent_nlp_config cfg;
    char err[1024] = "";
    int rc;
    memset(k, 0, sizeof *k);
    k->d = cli_load_dict(dict_dir);
    if (!k->d)
        return EXIT_DICT;
    if (ent_coder_new(k->d, &k->c)) {
        cli_error("out of memory");
        cli_coder_close(k);
        return EXIT_FATAL;
    }
    if ((rc = set_options(k->c, cli_get(cmd, a, "set"))) != EXIT_OK) {
        cli_coder_close(k);
        return rc;
    }
    if (cli_get(cmd, a, "fast"))
        return EXIT_OK;
    memset(&cfg, 0, sizeof cfg);
    cfg.model_dir = ENT_MODEL_DIR;
    cfg.dict = k->d; /* WordNet is read once, for both */
    rc = ent_nlp_load(&cfg, &k->nlp, err, sizeof err);
    if (rc) {
        cli_error("%s", err[0] ? err : ent_strerror(rc));
        cli_coder_close(k);
        return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_DICT;
    }
    ent_coder_set_nlp(k->c, k->nlp);
    return EXIT_OK;
}

void cli_coder_close(cli_coder *k)
{
    ent_coder_free(k->c);
    ent_nlp_free(k->nlp);
    ent_dict_free(k->d);
    memset(k, 0, sizeof *k);
}

int cli_input_format(const char *cmd, const char *name, int *fmt)
{
    if (!name || !strcmp(name, "auto"))
        *fmt = ENT_INPUT_AUTO;
    else if (!strcmp(name, "text"))
        *fmt = ENT_INPUT_TEXT;
    else if (!strcmp(name, "jsonl"))
        *fmt = ENT_INPUT_JSONL;
    else if (!strcmp(name, "lines"))
        *fmt = ENT_INPUT_LINES;
    else if (!strcmp(name, "html"))
        *fmt = ENT_INPUT_HTML;
    else if (!strcmp(name, "feed"))
        *fmt = ENT_INPUT_FEED;
    else {
        cli_error("%s: unknown input format '%s' (auto, text, jsonl, lines, "
                  "html, feed)",
                  cmd, name);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

double cli_seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

double cli_peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

void cli_today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

ent_dict *cli_load_dict(const char *dir)
{
    ent_dict_config cfg;
    ent_dict *d = NULL;
    char err[1024];
    int rc;
    memset(&cfg, 0, sizeof cfg);
    if (!dir)
        dir = getenv("ENTENTE_DICT");
    if (!dir)
        dir = ENT_DICT_DIR;
    cfg.dict_dir = dir;
    cfg.wordnet_dir = getenv("ENTENTE_WORDNET");
    rc = ent_dict_load(&cfg, &d, err, sizeof err);
    if (rc) {
        cli_error("%s: %s", dir, err[0] ? err : ent_strerror(rc));
        return NULL;
    }
    return d;
}

void cli_help(const cli_cmd *cmd, FILE *f)
{
    const cli_opt *o;
    fprintf(f, "usage: entente %s %s\n\n%s\n\noptions:\n", cmd->name,
            cmd->usage, cmd->summary);
    for (o = cmd->opts; o && o->name; o++) {
        char left[64];
        if (o->shrt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", o->shrt, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(f, "  %-28s %s\n", left, o->help);
    }
    fprintf(f, "  %-28s %s\n", "-h, --help", "show this help");
}

static int find_opt(const cli_cmd *cmd, const char *name, size_t n, char shrt)
{
    int i;
    for (i = 0; cmd->opts && cmd->opts[i].name; i++) {
        const cli_opt *o = &cmd->opts[i];
        if (shrt ? o->shrt == shrt
                 : strlen(o->name) == n && !strncmp(o->name, name, n))
            return i;
    }
    return -1;
}

int cli_parse(const cli_cmd *cmd, int argc, char **argv, cli_args *a)
{
    int i, only_pos = 0;
    memset(a->val, 0, sizeof a->val);
    a->npos = 0;
    a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
    if (!a->pos) {
        cli_error("out of memory");
        return EXIT_FATAL;
    }
    for (i = 0; i < argc; i++) {
        char *s = argv[i];
        int k;
        const char *val = NULL;
        if (only_pos || s[0] != '-' || !strcmp(s, "-")) {
            a->pos[a->npos++] = s;
            continue;
        }
        if (!strcmp(s, "--")) {
            only_pos = 1;
            continue;
        }
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            cli_help(cmd, stdout);
            return -1;
        }
        if (s[1] == '-') {
            char *eq = strchr(s + 2, '=');
            size_t n = eq ? (size_t)(eq - s - 2) : strlen(s + 2);
            k = find_opt(cmd, s + 2, n, 0);
            if (eq)
                val = eq + 1;
        } else {
            k = s[2] ? -1 : find_opt(cmd, NULL, 0, s[1]);
        }
        if (k < 0) {
            cli_error("%s: unknown option '%s' (see entente %s --help)",
                      cmd->name, s, cmd->name);
            return EXIT_USAGE;
        }
        if (cmd->opts[k].arg) {
            if (!val) {
                if (i + 1 >= argc) {
                    cli_error("%s: option '%s' needs %s", cmd->name, s,
                              cmd->opts[k].arg);
                    return EXIT_USAGE;
                }
                val = argv[++i];
            }
        } else if (val) {
            cli_error("%s: option '%s' takes no value", cmd->name, s);
            return EXIT_USAGE;
        } else {
            val = "1";
        }
        a->val[k] = val;
    }
    return 0;
}

const char *cli_get(const cli_cmd *cmd, const cli_args *a, const char *name)
{
    int k = find_opt(cmd, name, strlen(name), 0);
    return k >= 0 ? a->val[k] : NULL;
}

static void usage(FILE *f)
{
    size_t i;
    fprintf(f,
            "usage: entente <command> [options] [file...]\n\n"
            "entente codes English news into political events (CAMEO):\n"
            "who did what to whom, with every event explained.\n\n"
            "commands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\n  entente dict import --from tabari|petrarch -o DIR "
               "FILE...\n"
               "             convert TABARI or PETRARCH dictionaries into "
               "entente's format\n"
               "  entente dict lint [--dict DIR]\n"
               "             report duplicate phrases, unreachable patterns, "
               "bad dates,\n"
               "             unknown codes and synsets; exit 1 when there "
               "are any\n");
    fprintf(f,
            "\n'entente <command> --help' describes a command; "
            "'entente --man' prints the man page.\n\n"
            "exit status:\n"
            "  0  success\n"
            "  1  some input was bad: its documents were skipped, the rest "
            "coded\n"
            "  2  bad command line\n"
            "  3  the dictionaries could not be loaded\n"
            "  4  I/O error or out of memory\n\n"
            "environment:\n"
            "  ENTENTE_DICT     dictionary directory (default %s)\n"
            "  ENTENTE_WORDNET  WordNet directory (default /usr/share/wordnet)\n",
            ENT_DICT_DIR);
}

/* Print a roff(7) man page generated from the same command and option
 * tables as --help, so the two never disagree. */
static void man_page(FILE *f)
{
    size_t i;
    const cli_opt *o;
    fprintf(f, ".TH ENTENTE 1 \"\" \"entente %s\" \"User Commands\"\n"
               ".SH NAME\nentente \\- code English news into political "
               "events (CAMEO)\n.SH SYNOPSIS\n.B entente\n"
               "\\fIcommand\\fR [\\fIoptions\\fR] [\\fIfile\\fR...]\n"
               ".SH COMMANDS\n",
            ENT_VERSION);
    for (i = 0; i < NCOMMANDS; i++) {
        fprintf(f, ".SS entente %s %s\n%s\n", commands[i]->name,
                commands[i]->usage, commands[i]->summary);
        for (o = commands[i]->opts; o && o->name; o++) {
            fprintf(f, ".TP\n");
            if (o->shrt)
                fprintf(f, "\\fB\\-%c\\fR, ", o->shrt);
            fprintf(f, "\\fB\\-\\-%s\\fR%s%s\n%s\n", o->name,
                    o->arg ? " " : "", o->arg ? o->arg : "", o->help);
        }
    }
    fprintf(f, ".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\nsome input was "
               "bad: its documents were skipped, the rest coded\n.TP\n2\n"
               "bad command line\n.TP\n3\nthe dictionaries could not be "
               "loaded\n.TP\n4\nI/O error or out of memory\n"
               ".SH ENVIRONMENT\n.TP\nENTENTE_DICT\ndictionary directory\n"
               ".TP\nENTENTE_WORDNET\nWordNet directory (default "
               "/usr/share/wordnet)\n");
}

int main(int argc, char **argv)
{
    size_t i;
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
        !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--man")) {
        man_page(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("entente %s\n", ENT_VERSION);
        return EXIT_OK;
    }
    for (i = 0; i < NCOMMANDS; i++) {
        if (!strcmp(argv[1], commands[i]->name)) {
            cli_args a;
            int rc = cli_parse(commands[i], argc - 2, argv + 2, &a);
            if (rc == 0)
                rc = commands[i]->run(commands[i], &a);
            else if (rc < 0)
                rc = EXIT_OK;
            free(a.pos);
            return rc;
        }
    }
    cli_error("unknown command '%s' (see entente --help)", argv[1]);
    return EXIT_USAGE;
}
