/*
 * coding.c -- the coding loop shared by `entente code` and `entente load`.
 *
 * Both read news files (text or JSONL), code each document and hand the
 * result on: code prints events, load stores them. Reading, coding and the
 * reporting of bad documents (file and line, --strict) live here once.
 */
#include "cli.h"

#include <string.h>

int cli_code_setup(const cli_cmd *cmd, const cli_args *a, cli_code_run *run)
{
    const char *date = cli_get(cmd, a, "date");
    char tmp[11];
    memset(run, 0, sizeof *run);
    if (cli_input_format(cmd->name, cli_get(cmd, a, "input"), &run->rc.format))
        return EXIT_USAGE;
    if (date && ent_date_parse(date, strlen(date), tmp)) {
        cli_error("%s: bad --date '%s' (want YYYY-MM-DD)", cmd->name, date);
        return EXIT_USAGE;
    }
    cli_today(run->today);
    run->rc.default_date = date;
    run->rc.text_date = run->today;
    run->strict = cli_get(cmd, a, "strict") != NULL;
    return EXIT_OK;
}

/* The name of file for messages ("<stdin>" for "-"). */
static const char *shown(const char *file)
{
    return strcmp(file, "-") ? file : "<stdin>";
}

int cli_code_files(ent_coder *c, char **files, int nfiles, cli_code_run *run)
{
    int i, status = EXIT_OK, stop = 0;
    for (i = 0; i < nfiles && !stop; i++) {
        ent_reader *r = NULL;
        char err[1024];
        int k = ent_reader_open(files[i], &run->rc, &r, err, sizeof err);
        if (k) {
            cli_error("%s", err[0] ? err : ent_strerror(k));
            status = k == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
            if (run->strict || k == ENT_ENOMEM)
                break;
            continue;
        }
        if (!run->rc.default_date && ent_reader_format(r) == ENT_INPUT_TEXT)
            cli_warn("%s: no --date given; using today's date %s",
                     shown(files[i]), run->today);
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
                if (run->strict) {
                    stop = 1;
                    break;
                }
                continue;
            }
            if (run->skip) {
                k = run->skip(run->ud, shown(files[i]), doc);
                if (k == 1) {
                    run->skipped++;
                    continue;
                }
                if (k) {
                    status = k;
                    stop = 1;
                    break;
                }
            }
            k = ent_code(c, doc, &res);
            if (k) {
                cli_error("%s: document %s: %s", shown(files[i]),
                          doc->id ? doc->id : "?", ent_coder_errmsg(c));
                if (k == ENT_ENOMEM) {
                    status = EXIT_FATAL;
                    stop = 1;
                    break;
                }
                if (status == EXIT_OK)
                    status = EXIT_BADINPUT;
                if (run->strict) {
                    stop = 1;
                    break;
                }
                continue;
            }
            k = run->fn(run->ud, shown(files[i]), doc, res);
            if (k) {
                status = k;
                stop = 1;
                break;
            }
            run->docs++;
            run->sents += res->nsents;
            run->events += res->nevents;
            if (res->lang[0] && strcmp(res->lang, "en")) {
                const char *f = shown(files[i]);
                if (!run->foreign++ && (!doc->id || !strcmp(doc->id, f)))
                    snprintf(run->first_foreign, sizeof run->first_foreign,
                             "%s (%s)", f, res->lang);
                else if (run->foreign == 1)
                    snprintf(run->first_foreign, sizeof run->first_foreign,
                             "%s: %s (%s)", f, doc->id, res->lang);
            }
        }
        run->bytes += ent_reader_bytes(r);
        ent_reader_free(r);
    }
    return status;
}

void cli_code_report(const cli_code_run *run)
{
    if (run->foreign)
        cli_warn("%llu document%s not in English, not coded (the first: "
                 "%s); --set detect_language=no codes them",
                 run->foreign, run->foreign == 1 ? "" : "s",
                 run->first_foreign);
}
