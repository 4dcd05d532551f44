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

/* Fill classifier m (nclass classes) with n rows of integer weights in
 * [-100, 100], keys from key_of(base + r), and one weight of 32767 so that
 * the file's scale is exactly 1 and its weights are exact. */
static uint64_t frozen_key(size_t i)
{
    return (uint64_t)((uint32_t)(i + 1) * 0x9E3779B1u) << 32 |
           (uint32_t)(i * 2654435761u);
}

static void frozen_fill(ent__pc *m, int nclass, size_t base, size_t n,
                        uint64_t *seed)
{
    size_t r;
    int c;
    char name[16];
    for (c = 0; c < nclass; c++) {
        snprintf(name, sizeof name, "c%d", c);
        CHECK_INT(ent__pc_class(NULL, m, name), c);
    }
    for (r = 0; r < n; r++) {
        uint32_t row = ent__pc_row(NULL, m, frozen_key(base + r));
        CHECK(row != 0);
        for (c = 0; row && c < nclass; c++)
            m->w[(size_t)(row - 1) * (size_t)nclass + (size_t)c] =
                (float)((int)(ent__pc_rand(seed) % 201) - 100);
    }
    m->w[0] = 32767;
}

/* A classifier read from a model file scores exactly as the one written,
 * in both table layouts (three classes: cells; seven: slots), with rows
 * past ENT_FZ_HOT in the cold table behind its Bloom filter, features the
 * model lacks, and the most used rows listed first; and the merged table
 * of the two gives each classifier's scores. */
void test_perceptron_frozen(void)
{
    ent__pc a, b, a2, b2;
    ent__pc *ms[2] = {&a, &b}, *ms2[2] = {&a2, &b2};
    const ent__pc *cm[2] = {&a2, &b2};
    ent__wtab wt;
    size_t n = ENT_FZ_HOT + 40000, q;
    uint64_t seed = 99, f[60];
    char err[256], path[] = "/tmp/entente-pcXXXXXX";
    unsigned char head[64];
    int fd, k, c;
    FILE *fp;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&a2, 0, sizeof a2);
    memset(&b2, 0, sizeof b2);
    frozen_fill(&a, 3, 0, n, &seed);
    frozen_fill(&b, 7, n / 2, n, &seed); /* half its keys are a's */
    /* the last row is the most used: it must be listed first */
    f[0] = frozen_key(n - 1);
    for (k = 0; k < 5; k++)
        CHECK_INT(ent__pc_count(NULL, &a, f, 1), ENT_OK);
    fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK_INT(ent__model_save(path, "ENTTEST1", ms, 2, 0, err, sizeof err),
              ENT_OK);
    fp = fopen(path, "rb");
    CHECK(fp != NULL);
    if (fp) {
        /* magic, nclass, three names of 3 bytes, scale, nrows, nentries */
        uint32_t k0;
        CHECK_INT(fread(head, 1, 8 + 4 + 9 + 12 + 4, fp), 37);
        memcpy(&k0, head + 33, 4);
        CHECK_INT(k0, (uint32_t)(frozen_key(n - 1) >> 32));
        fclose(fp);
    }
    CHECK_INT(ent__model_load(path, "ENTTEST1", "test", NULL, ms2, 2, err,
                              sizeof err),
              ENT_OK);
    CHECK_INT(ent__wtab_build(NULL, cm, 2, &wt), ENT_OK);
    for (q = 0; q < 3000; q++) {
        double s1[8], s2[8];
        float acc[10];
        int nf = 1 + (int)(ent__pc_rand(&seed) % 60);
        for (k = 0; k < nf; k++) {
            size_t i = (size_t)(ent__pc_rand(&seed) % (n * 2));
            /* a third of the features are in neither classifier (the
             * 32-bit keys of frozen_key() never collide) */
            f[k] = frozen_key(k % 3 ? i : n * 3 + i);
        }
        CHECK_INT(ent__pc_best(&a2, f, nf, NULL, s2),
                  ent__pc_best(&a, f, nf, NULL, s1));
        for (c = 0; c < 3; c++)
            CHECK(s1[c] == s2[c]);
        memset(acc, 0, sizeof acc);
        ent__wtab_add(&wt, f, nf, acc);
        for (c = 0; c < 3; c++)
            CHECK(acc[c] == (float)s1[c]);
        CHECK_INT(ent__pc_best(&b2, f, nf, NULL, s2),
                  ent__pc_best(&b, f, nf, NULL, s1));
        for (c = 0; c < 7; c++) {
            CHECK(s1[c] == s2[c]);
            CHECK(acc[3 + c] == (float)s1[c]);
        }
        if (th_failed)
            break;
    }
    ent__wtab_free(NULL, &wt);
    ent__pc_free(NULL, &a);
    ent__pc_free(NULL, &b);
    ent__pc_free(NULL, &a2);
    ent__pc_free(NULL, &b2);
    unlink(path);
}
