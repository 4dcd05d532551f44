/*
 * cmd_explain.c -- `entente explain`: show how a sentence is coded.
 *
 * Prints the tokens and their lemmas, the actors and agents found with the
 * dictionary line and dated role behind each, the verb patterns tried and
 * the one that fired, context markers, and the resulting events.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_opt opts[] = {
    {"date", 'd', "YYYY-MM-DD", "publication date (default today)"},
    {"dict", 0, "DIR", "dictionary directory"},
    CLI_OPT_FAST,
    CLI_OPT_SET,
    {0, 0, 0, 0},
};

static void print_line(void *ud, const char *line)
{
    fprintf((FILE *)ud, "%s\n", line);
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *date = cli_get(cmd, a, "date");
    char d10[11];
    char *text = NULL;
    size_t len = 0, cap = 0;
    int i, status = EXIT_OK;
    cli_coder cc;
    ent_coder *c;
    ent_doc doc;
    const ent_result *res;

    if (date) {
        if (ent_date_parse(date, strlen(date), d10)) {
            cli_error("explain: bad --date '%s'", date);
            return EXIT_USAGE;
        }
    } else {
        cli_today(d10);
    }
    /* the text: the arguments joined by spaces, or stdin */
    if (a->npos && strcmp(a->pos[0], "-")) {
        for (i = 0; i < a->npos; i++) {
            size_t n = strlen(a->pos[i]);
            char *nt = realloc(text, len + n + 2);
            if (!nt) {
                free(text);
                cli_error("out of memory");
                return EXIT_FATAL;
            }
            text = nt;
            if (i)
                text[len++] = ' ';
            memcpy(text + len, a->pos[i], n);
            len += n;
            text[len] = 0;
        }
    } else {
        char buf[65536];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, stdin)) > 0) {
            if (len + k + 1 > cap) {
                char *nt;
                cap = (len + k + 1) * 2;
                nt = realloc(text, cap);
                if (!nt) {
                    free(text);
                    cli_error("out of memory");
                    return EXIT_FATAL;
                }
                text = nt;
            }
            memcpy(text + len, buf, k);
            len += k;
        }
    }
    status = cli_coder_open(cmd, a, &cc);
    if (status) {
        free(text);
        return status;
    }
    c = cc.c;
    ent_coder_set_trace(c, print_line, stdout);
    memset(&doc, 0, sizeof doc);
    doc.id = "explain";
    doc.date = d10;
    doc.text = text ? text : "";
    doc.text_len = len;
    printf("date %s\n", d10);
    i = ent_code(c, &doc, &res);
    if (i) {
        cli_error("explain: %s", ent_coder_errmsg(c));
        status = i == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
    } else {
        size_t k;
        printf("events (%zu):\n", res->nevents);
        for (k = 0; k < res->nevents; k++) {
            const ent_event *e = &res->events[k];
            printf("  %s\t%s\t%s\t%s%s%s  [%s]\n", e->source, e->target,
                   e->cameo->code, e->cameo->name,
                   (e->context & ENT_CTX_HYPOTHETICAL) ? " (hypothetical)" : "",
                   (e->context & ENT_CTX_FUTURE) ? " (future)" : "", e->rule);
        }
    }
    cli_coder_close(&cc);
    free(text);
    return status;
}

const cli_cmd cmd_explain = {
    "explain", "[options] [TEXT...|-]",
    "Explain the coding of TEXT (or stdin): tokens, lemmas, actors and the "
    "dictionary entries behind them, patterns tried and fired, events.",
    opts, run,
};
