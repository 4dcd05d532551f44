/*
 * cmd_parse.c -- `entente parse`: dependency parses, parser training and
 * evaluation.
 *
 *   entente parse [FILE...]                      text or JSONL -> CoNLL-U
 *   entente parse --eval GOLD.conllu...          UPOS, UAS, LAS
 *   entente parse --train TRAIN.conllu... -o models/parser.bin
 *   entente parse --order-rows TRAIN.conllu... -o DIR
 *
 * `make model` retrains the committed models from ../shared/data/treebank.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const cli_opt opts[] = {
    {"train", 0, NULL, "train on the CoNLL-U files given as arguments"},
    {"eval", 0, NULL, "score tagger and parser on the gold CoNLL-U files"},
    {"order-rows", 0, NULL, "write the models again to the directory -o "
                            "with the same weights, the rows most used on "
                            "the CoNLL-U files first (faster to load into "
                            "cache; training does this itself)"},
    {"input", 'i', "auto|text|jsonl|lines|html|feed", "input format (default auto)"},
    {"models", 0, "DIR", "directory of tagger.bin and parser.bin "
                         "(default: the repository's models/)"},
    {"model", 'm', "FILE", "parser model (default MODELS/parser.bin)"},
    {"tagger", 0, "FILE", "tagger model (default MODELS/tagger.bin)"},
    {"gold-tags", 0, NULL, "--eval: parse gold tokens with the gold tags"},
    {"gold-tokens-only", 0, NULL, "--eval: skip the raw-text evaluation"},
    {"stats", 0, NULL, "print sentences/s, words/s and peak memory to "
                       "stderr"},
    {"output", 'o', "FILE", "where --train writes the model (--order-rows: "
                            "a directory)"},
    {"iterations", 0, "N", "--train: passes (default 15)"},
    {"folds", 0, "N", "--train: jackknife folds for training tags "
                      "(default 4; 1 = gold tags)"},
    {"seed", 0, "N", "--train: seed (default 1)"},
    {"tagger-iterations", 0, "N", "--train: passes of each fold tagger "
                                  "(default 12)"},
    {"ensemble", 0, "K", "--train: average K parsers trained with "
                         "different seeds (default 3)"},
    {"prune", 0, "W", "--train: drop features whose weights are all "
                      "below W (default 1.0, chosen on EWT; 0 keeps all, "
                      "for small treebanks)"},
    {0, 0, 0, 0},
};

static void progress(void *ud, int pass, double acc)
{
    fprintf(stderr, "entente: pass %d: %.2f%% of moves right (%.0f s)\n",
            pass, 100 * acc, cli_seconds_since(ud));
}

static int do_train(const cli_cmd *cmd, cli_args *a)
{
    const char *out = cli_get(cmd, a, "output");
    const char *its = cli_get(cmd, a, "iterations");
    const char *folds = cli_get(cmd, a, "folds");
    const char *seed = cli_get(cmd, a, "seed");
    ent_parser_train_config cfg;
    ent_parser *p = NULL;
    struct timespec t0;
    char err[1024] = "";
    int rc;
    if (!out) {
        cli_error("parse: --train needs -o FILE");
        return EXIT_USAGE;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.iterations = its ? atoi(its) : 15;
    cfg.folds = folds ? atoi(folds) : 4;
    cfg.seed = seed ? strtoull(seed, NULL, 10) : 1;
    cfg.wordnet_dir = getenv("ENTENTE_WORDNET");
    cfg.ensemble =
        cli_get(cmd, a, "ensemble") ? atoi(cli_get(cmd, a, "ensemble")) : 3;
    cfg.tagger_iterations = cli_get(cmd, a, "tagger-iterations")
                                ? atoi(cli_get(cmd, a, "tagger-iterations"))
                                : 12;
    cfg.prune = cli_get(cmd, a, "prune") ? atof(cli_get(cmd, a, "prune")) : 1.0;
    if (cfg.iterations < 1 || cfg.iterations > 100 || cfg.folds < 1 ||
        cfg.folds > 20) {
        cli_error("parse: --iterations must be 1..100 and --folds 1..20");
        return EXIT_USAGE;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cfg.progress = progress;
    cfg.progress_ud = &t0;
    rc = ent_parser_train((const char *const *)a->pos, (size_t)a->npos, &cfg,
                          &p, err, sizeof err);
    if (rc) {
        cli_error("%s", err[0] ? err : ent_strerror(rc));
        return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
    }
    rc = ent_parser_save(p, out, err, sizeof err);
    ent_parser_free(p);
    if (rc) {
        cli_error("%s", err);
        return EXIT_FATAL;
    }
    fprintf(stderr, "entente: trained %d passes in %.1f s; model %s\n",
            cfg.iterations, cli_seconds_since(&t0), out);
    return EXIT_OK;
}

/* --order-rows: load the tagger and parser, count the rows they use on
 * the CoNLL-U files, and save them to the directory -o, rows by use. */
static int do_order(const cli_cmd *cmd, cli_args *a)
{
    const char *dir = cli_get(cmd, a, "models");
    const char *out = cli_get(cmd, a, "output");
    const char *tpath = cli_get(cmd, a, "tagger");
    const char *ppath = cli_get(cmd, a, "model");
    const char *const *pos = (const char *const *)a->pos;
    char tbuf[4096], pbuf[4096], err[1024] = "";
    ent_tagger *t = NULL;
    ent_parser *p = NULL;
    int rc;
    if (!out || a->npos == 0) {
        cli_error("parse: --order-rows needs CoNLL-U files and -o DIR");
        return EXIT_USAGE;
    }
    if (!dir)
        dir = ENT_MODEL_DIR;
    if (!tpath) {
        snprintf(tbuf, sizeof tbuf, "%s/tagger.bin", dir);
        tpath = tbuf;
    }
    if (!ppath) {
        snprintf(pbuf, sizeof pbuf, "%s/parser.bin", dir);
        ppath = pbuf;
    }
    rc = ent_tagger_load(tpath, getenv("ENTENTE_WORDNET"), NULL, &t, err,
                         sizeof err);
    if (rc == ENT_OK)
        rc = ent_parser_load(ppath, NULL, &p, err, sizeof err);
    /* the parser first: it counts on tags from the still frozen tagger */
    if (rc == ENT_OK)
        rc = ent_parser_order_rows(p, t, pos, (size_t)a->npos, err, sizeof err);
    if (rc == ENT_OK)
        rc = ent_tagger_order_rows(t, pos, (size_t)a->npos, err, sizeof err);
    if (rc == ENT_OK) {
        snprintf(tbuf, sizeof tbuf, "%s/tagger.bin", out);
        snprintf(pbuf, sizeof pbuf, "%s/parser.bin", out);
        rc = ent_tagger_save(t, tbuf, err, sizeof err);
        if (rc == ENT_OK)
            rc = ent_parser_save(p, pbuf, err, sizeof err);
    }
    ent_tagger_free(t);
    ent_parser_free(p);
    if (rc) {
        cli_error("%s", err[0] ? err : ent_strerror(rc));
        return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
    }
    fprintf(stderr, "entente: wrote %s and %s, rows by use\n", tbuf, pbuf);
    return EXIT_OK;
}

static double pct(size_t k, size_t n)
{
    return n ? 100.0 * (double)k / (double)n : 0;
}

/* Write one analysed document as CoNLL-U. */
static void write_conllu(FILE *out, const char *id, const ent_analysis *an,
                         unsigned long *nsent)
{
    size_t s, i;
    if (id)
        fprintf(out, "# newdoc id = %s\n", id);
    for (s = 0; s < an->nsents; s++) {
        const ent_asent *S = &an->sents[s];
        ++*nsent;
        if (S->newpar)
            fputs("# newpar\n", out);
        fprintf(out, "# sent_id = %lu\n# text = ", *nsent);
        for (i = S->start; i < S->end; i++) {
            char ch = an->text[i];
            fputc(ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch, out);
        }
        fputc('\n', out);
        for (i = 0; i < S->n; i++) {
            const ent_word *w = &an->words[S->first + i];
            fprintf(out, "%zu\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t%s\n", i + 1,
                    w->form, w->lemma, w->upos, w->xpos, w->head, w->deprel,
                    w->space_after || i + 1 == S->n ? "_" : "SpaceAfter=No");
        }
        fputc('\n', out);
    }
}

/* Parse text or JSONL documents into CoNLL-U on stdout. */
static int do_text(const cli_cmd *cmd, cli_args *a, const ent_nlp *nlp)
{
    const char *inp = cli_get(cmd, a, "input");
    char *stdin_only[] = {"-"};
    char **files = a->npos ? a->pos : stdin_only;
    int nfiles = a->npos ? a->npos : 1, i, status = EXIT_OK;
    unsigned long nsent = 0, nwords = 0;
    unsigned long long bytes = 0;
    ent_reader_config rc;
    struct timespec t0;
    memset(&rc, 0, sizeof rc);
    rc.default_date = "1970-01-01"; /* parsing needs no date */
    if (cli_input_format("parse", inp, &rc.format))
        return EXIT_USAGE;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < nfiles; i++) {
        ent_reader *r = NULL;
        char err[1024];
        int k = ent_reader_open(files[i], &rc, &r, err, sizeof err);
        if (k) {
            cli_error("%s", err[0] ? err : ent_strerror(k));
            status = k == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
            continue;
        }
        for (;;) {
            const ent_doc *doc;
            ent_analysis *an = NULL;
            size_t bad = 0;
            k = ent_reader_next(r, &doc);
            if (k == ENT_DONE)
                break;
            if (k) {
                cli_error("%s", ent_reader_errmsg(r));
                status = EXIT_BADINPUT;
                if (k == ENT_EIO || k == ENT_ENOMEM) {
                    status = EXIT_FATAL;
                    break;
                }
                continue;
            }
            k = ent_nlp_analyze(nlp, doc->text, doc->text_len, &an, &bad);
            if (k) {
                if (k == ENT_EUTF8)
                    cli_error("%s: document %s: invalid UTF-8 at byte %zu",
                              files[i], doc->id ? doc->id : "?", bad);
                else
                    cli_error("%s: %s", files[i], ent_strerror(k));
                status = k == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
                continue;
            }
            write_conllu(stdout, doc->id, an, &nsent);
            nwords += an->nwords;
            ent_analysis_free(an);
        }
        bytes += ent_reader_bytes(r);
        ent_reader_free(r);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("error writing output");
        status = EXIT_FATAL;
    }
    if (cli_get(cmd, a, "stats")) {
        double s = cli_seconds_since(&t0);
        if (s <= 0)
            s = 1e-9;
        fprintf(stderr,
                "entente: stats: %lu sentences, %lu words, %.1f MB in %.2f s: "
                "%.0f sentences/s, %.0f words/s, %.2f MB/s, peak RSS %.1f MB\n",
                nsent, nwords, (double)bytes / 1e6, s, (double)nsent / s,
                (double)nwords / s, (double)bytes / 1e6 / s, cli_peak_rss_mb());
    }
    return status;
}

/* Score on gold CoNLL-U: on gold tokens, then from the raw text. */
static int do_eval(const cli_cmd *cmd, cli_args *a, const ent_nlp *nlp)
{
    int i, rc;
    char err[1024] = "";
    const ent_tagger *t = ent_nlp_tagger(nlp);
    for (i = 0; i < a->npos; i++) {
        ent_parse_scores sc;
        ent_raw_scores rs;
        rc = ent_parser_eval(ent_nlp_parser(nlp),
                             cli_get(cmd, a, "gold-tags") ? NULL : t,
                             a->pos[i], &sc, err, sizeof err);
        if (rc == ENT_OK && !cli_get(cmd, a, "gold-tokens-only"))
            rc = ent_nlp_eval_raw(nlp, a->pos[i], &rs, err, sizeof err);
        if (rc) {
            cli_error("%s", err[0] ? err : ent_strerror(rc));
            return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
        }
        printf("%s: %zu sentences, %zu words\n", a->pos[i], sc.sentences,
               sc.words);
        if (!cli_get(cmd, a, "gold-tokens-only"))
            printf("  from raw text (F1): tokens %.2f sentences %.2f "
                   "UPOS %.2f lemmas %.2f UAS %.2f LAS %.2f\n",
                   rs.tokens, rs.sentences, rs.upos, rs.lemmas, rs.uas,
                   rs.las);
        printf("  on gold tokens: XPOS %.2f, LAS with subtypes %.2f\n",
               pct(sc.xpos_ok, sc.words), pct(sc.las_ok, sc.words));
        printf("UPOS %.2f UAS %.2f LAS %.2f\n", pct(sc.upos_ok, sc.words),
               pct(sc.uas_ok, sc.words), pct(sc.las_univ_ok, sc.words));
    }
    return EXIT_OK;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    ent_nlp_config cfg;
    ent_nlp *nlp = NULL;
    char err[1024] = "";
    int rc;
    if (cli_get(cmd, a, "train")) {
        if (a->npos == 0) {
            cli_error("parse: --train needs CoNLL-U files");
            return EXIT_USAGE;
        }
        return do_train(cmd, a);
    }
    if (cli_get(cmd, a, "order-rows"))
        return do_order(cmd, a);
    if (cli_get(cmd, a, "eval") && a->npos == 0) {
        cli_error("parse: --eval needs CoNLL-U files");
        return EXIT_USAGE;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.model_dir = cli_get(cmd, a, "models");
    if (!cfg.model_dir)
        cfg.model_dir = ENT_MODEL_DIR;
    cfg.parser_path = cli_get(cmd, a, "model");
    cfg.tagger_path = cli_get(cmd, a, "tagger");
    cfg.wordnet_dir = getenv("ENTENTE_WORDNET");
    rc = ent_nlp_load(&cfg, &nlp, err, sizeof err);
    if (rc) {
        cli_error("%s", err[0] ? err : ent_strerror(rc));
        return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_DICT;
    }
    if (cli_get(cmd, a, "eval"))
        rc = do_eval(cmd, a, nlp);
    else
        rc = do_text(cmd, a, nlp);
    ent_nlp_free(nlp);
    return rc;
}

const cli_cmd cmd_parse = {
    "parse", "[FILE...] | --eval GOLD.conllu... | --train FILE... -o MODEL "
    "| --order-rows FILE... -o DIR",
    "Parse text into Universal Dependencies trees (CoNLL-U: lemma, UPOS, "
    "XPOS, head, relation); score on gold CoNLL-U (--eval); train (--train).",
    opts, run,
};
