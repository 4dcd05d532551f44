/*
 * cmd_tag.c -- `entente tag`: train and evaluate the part-of-speech tagger.
 *
 *   entente tag --train TRAIN.conllu... -o models/tagger.bin
 *   entente tag --eval GOLD.conllu [--model models/tagger.bin]
 *
 * The first half of the parser stage (issue 3); `make model` retrains the
 * committed model from ../shared/data/treebank.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const cli_opt opts[] = {
    {"train", 0, NULL, "train on the CoNLL-U files given as arguments"},
    {"eval", 0, NULL, "score the model on the gold CoNLL-U files given"},
    {"model", 'm', "FILE", "model file (default models/tagger.bin)"},
    {"output", 'o', "FILE", "where --train writes the model"},
    {"iterations", 0, "N", "training passes (default 12)"},
    {"seed", 0, "N", "shuffling seed (default 1)"},
    {0, 0, 0, 0},
};

static int run(const cli_cmd *cmd, cli_args *a)
{
    const char *model = cli_get(cmd, a, "model");
    const char *out = cli_get(cmd, a, "output");
    const char *its = cli_get(cmd, a, "iterations");
    const char *seed = cli_get(cmd, a, "seed");
    char err[1024] = "";
    ent_tagger *t = NULL;
    int i, rc;
    if (!model)
        model = ENT_MODEL_DIR "/tagger.bin";
    if (a->npos == 0) {
        cli_error("tag: give CoNLL-U files (see entente tag --help)");
        return EXIT_USAGE;
    }
    if (cli_get(cmd, a, "train")) {
        int n = its ? atoi(its) : 12;
        struct timespec t0;
        double secs;
        if (!out) {
            cli_error("tag: --train needs -o FILE");
            return EXIT_USAGE;
        }
        if (n < 1 || n > 100) {
            cli_error("tag: --iterations must be 1..100");
            return EXIT_USAGE;
        }
        clock_gettime(CLOCK_MONOTONIC, &t0);
        rc = ent_tagger_train((const char *const *)a->pos, (size_t)a->npos,
                              n, seed ? strtoull(seed, NULL, 10) : 1,
                              getenv("ENTENTE_WORDNET"), NULL, &t, err,
                              sizeof err);
        if (rc) {
            cli_error("%s", err[0] ? err : ent_strerror(rc));
            return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
        }
        secs = cli_seconds_since(&t0);
        rc = ent_tagger_save(t, out, err, sizeof err);
        ent_tagger_free(t);
        if (rc) {
            cli_error("%s", err);
            return EXIT_FATAL;
        }
        fprintf(stderr, "entente: trained %d passes in %.1f s; model %s\n", n,
                secs, out);
        return EXIT_OK;
    }
    if (!cli_get(cmd, a, "eval")) {
        cli_error("tag: say --train or --eval");
        return EXIT_USAGE;
    }
    rc = ent_tagger_load(model, getenv("ENTENTE_WORDNET"), NULL, &t, err,
                         sizeof err);
    if (rc) {
        cli_error("%s", err);
        return EXIT_DICT;
    }
    for (i = 0; i < a->npos; i++) {
        ent_tag_scores sc;
        rc = ent_tagger_eval(t, a->pos[i], &sc, err, sizeof err);
        if (rc) {
            cli_error("%s", err[0] ? err : ent_strerror(rc));
            ent_tagger_free(t);
            return rc == ENT_ENOMEM ? EXIT_FATAL : EXIT_BADINPUT;
        }
        printf("%s: %zu sentences, %zu words\n", a->pos[i], sc.sentences,
               sc.words);
        printf("UPOS %.2f XPOS %.2f\n",
               sc.words ? 100.0 * (double)sc.upos_ok / (double)sc.words : 0,
               sc.words ? 100.0 * (double)sc.xpos_ok / (double)sc.words : 0);
    }
    ent_tagger_free(t);
    return EXIT_OK;
}

const cli_cmd cmd_tag = {
    "tag", "--train FILE... -o MODEL | --eval FILE... [--model MODEL]",
    "Train the part-of-speech tagger on CoNLL-U treebanks, or score it on "
    "gold CoNLL-U (accuracy of UPOS and Penn XPOS on gold tokens).",
    opts, run,
};
