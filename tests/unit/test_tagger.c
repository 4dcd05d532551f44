/*
 * test_tagger.c -- training, tagging, the model file round trip and its
 * errors, on a tiny fixture treebank (tests/data/tiny.conllu).
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>

static const char *const fixture = "tests/data/tiny.conllu";

void test_tagger_train(void)
{
    ent_tagger *t = NULL, *t2 = NULL;
    char err[256], path[] = "/tmp/entente-tagXXXXXX";
    const char *w[] = {"Russia", "attacked", "Ukraine", "."};
    const char *u[4], *x[4], *u2[4], *x2[4];
    int fd, i;
    CHECK_INT(ent_tagger_train(&fixture, 1, 10, 7, NULL, NULL, &t, err, sizeof err),
              ENT_OK);
    if (!t) {
        printf("    %s\n", err);
        return;
    }
    CHECK_INT(ent_tagger_tag(t, w, 4, u, x), ENT_OK);
    CHECK_STR(u[0], "PROPN");
    CHECK_STR(u[1], "VERB");
    CHECK_STR(x[1], "VBD");
    CHECK_STR(u[3], "PUNCT");
    {
        ent_tag_scores sc;
        CHECK_INT(ent_tagger_eval(t, fixture, &sc, err, sizeof err), ENT_OK);
        CHECK_INT(sc.sentences, 4);
        CHECK_INT(sc.words, 19);
        CHECK_INT(sc.upos_ok, 19); /* the training data is learnt exactly */
    }
    /* save and load give the same tags */
    fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK_INT(ent_tagger_save(t, path, err, sizeof err), ENT_OK);
    CHECK_INT(ent_tagger_load(path, NULL, NULL, &t2, err, sizeof err), ENT_OK);
    if (t2) {
        CHECK_INT(ent_tagger_tag(t2, w, 4, u2, x2), ENT_OK);
        for (i = 0; i < 4; i++) {
            CHECK_STR(u2[i], u[i]);
            CHECK_STR(x2[i], x[i]);
        }
    }
    /* a truncated model is refused with a clear message */
    CHECK_INT(truncate(path, 20), 0);
    ent_tagger_free(t2);
    t2 = (ent_tagger *)1;
    CHECK_INT(ent_tagger_load(path, NULL, NULL, &t2, err, sizeof err), ENT_EFORMAT);
    CHECK(t2 == NULL);
    CHECK(strstr(err, "not an entente tagger model") != NULL);
    unlink(path);
    CHECK_INT(ent_tagger_load("/nonexistent.bin", NULL, NULL, &t2, err, sizeof err),
              ENT_EIO);
    CHECK_INT(ent_tagger_train(&fixture, 1, 1, 1, NULL, NULL, &t2, err, sizeof err),
              ENT_OK);
    ent_tagger_free(t2);
    ent_tagger_free(t);
    ent_tagger_free(NULL);
}

/* The same data and seed give the same model, byte for byte. */
void test_tagger_deterministic(void)
{
    ent_tagger *a = NULL, *b = NULL;
    char err[256], pa[] = "/tmp/entente-tagaXXXXXX", pb[] = "/tmp/entente-tagbXXXXXX";
    int fa = mkstemp(pa), fb = mkstemp(pb);
    char cmd[128];
    close(fa);
    close(fb);
    CHECK_INT(ent_tagger_train(&fixture, 1, 5, 42, NULL, NULL, &a, err, sizeof err), ENT_OK);
    CHECK_INT(ent_tagger_train(&fixture, 1, 5, 42, NULL, NULL, &b, err, sizeof err), ENT_OK);
    if (a && b) {
        CHECK_INT(ent_tagger_save(a, pa, err, sizeof err), ENT_OK);
        CHECK_INT(ent_tagger_save(b, pb, err, sizeof err), ENT_OK);
        snprintf(cmd, sizeof cmd, "cmp -s %s %s", pa, pb);
        CHECK_INT(system(cmd), 0);
    }
    ent_tagger_free(a);
    ent_tagger_free(b);
    unlink(pa);
    unlink(pb);
}
