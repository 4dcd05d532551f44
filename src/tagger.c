/*
 * tagger.c -- part-of-speech tagger: averaged perceptron, UPOS and XPOS.
 *
 * The first half of the parse stage (issue 3). Two greedy left-to-right
 * perceptron classifiers (UPOS, 17 tags; Penn XPOS, about 50) share one
 * set of hashed word features plus their own tag history, and are trained
 * on Universal Dependencies treebanks with weight averaging. The model is
 * a small binary file of the non-zero averaged weights (format below).
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXTAGS ENT_PC_MAXCLASS
#define NFEAT 40     /* features per token, at most */
#define MAGIC "ENTTAG02"

struct ent_tagger {
    ent_allocator alloc;
    ent__pc m[2]; /* 0: UPOS, 1: XPOS */
};

/* ---- features ------------------------------------------------------ */

/* Word shape: X for upper, x for lower, d for digit, runs collapsed. */
static void shape(const char *w, char *out, size_t outlen)
{
    size_t i, k = 0;
    char last = 0;
    for (i = 0; w[i] && k + 1 < outlen; i++) {
        char c = w[i], s;
        s = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x'
            : (c >= '0' && c <= '9') ? 'd' : (unsigned char)c >= 0x80 ? 'u' : c;
        if (s != last)
            out[k++] = s;
        last = s;
    }
    out[k] = 0;
}

static const char *suffix(const char *w, size_t k)
{
    size_t n = strlen(w);
    return n > k ? w + n - k : w;
}

/* Word features of token i of the n words (normalised in nw, raw in w). */
static int word_features(char *const *nw, const char *const *w, size_t n,
                         size_t i, uint64_t *f)
{
    char b[96], sh[32];
    int k = 0;
    const char *prev = i > 0 ? nw[i - 1] : "<s>";
    const char *prev2 = i > 1 ? nw[i - 2] : "<s>";
    const char *next = i + 1 < n ? nw[i + 1] : "</s>";
    const char *next2 = i + 2 < n ? nw[i + 2] : "</s>";
    f[k++] = ent__pc_key(0, "bias");
    f[k++] = ent__pc_key(1, nw[i]);
    f[k++] = ent__pc_key(2, suffix(nw[i], 3));
    f[k++] = ent__pc_key(3, suffix(nw[i], 2));
    snprintf(b, sizeof b, "%.1s", nw[i]);
    f[k++] = ent__pc_key(4, b);
    shape(w[i], sh, sizeof sh);
    f[k++] = ent__pc_key(5, sh);
    f[k++] = ent__pc_key(6, prev);
    f[k++] = ent__pc_key(7, next);
    f[k++] = ent__pc_key(8, suffix(prev, 3));
    f[k++] = ent__pc_key(9, suffix(next, 3));
    f[k++] = ent__pc_key(10, prev2);
    f[k++] = ent__pc_key(11, next2);
    snprintf(b, sizeof b, "%s %s", nw[i], next);
    f[k++] = ent__pc_key(12, b);
    snprintf(b, sizeof b, "%s %s", prev, nw[i]);
    f[k++] = ent__pc_key(13, b);
    f[k++] = ent__pc_key(14, i == 0 ? "first" : "not-first");
    f[k++] = ent__pc_key(15, suffix(nw[i], 4));
    f[k++] = ent__pc_key(16, suffix(nw[i], 1));
    snprintf(b, sizeof b, "%.3s", nw[i]);
    f[k++] = ent__pc_key(17, b);
    snprintf(b, sizeof b, "%s %s", prev, next);
    f[k++] = ent__pc_key(18, b);
    shape(i + 1 < n ? w[i + 1] : "</s>", sh, sizeof sh);
    f[k++] = ent__pc_key(19, sh);
    f[k++] = ent__pc_key(23, w[i]); /* case kept: proper nouns */
    return k;
}

/* Tag-history features for classifier mi given earlier predictions. */
static int history_features(const int *tags, size_t i, uint64_t *f,
                            const char *word)
{
    char b[96];
    int k = 0;
    int t1 = i > 0 ? tags[i - 1] : -1, t2 = i > 1 ? tags[i - 2] : -1;
    snprintf(b, sizeof b, "%d", t1);
    f[k++] = ent__pc_key(20, b);
    snprintf(b, sizeof b, "%d %d", t2, t1);
    f[k++] = ent__pc_key(21, b);
    snprintf(b, sizeof b, "%d %.80s", t1, word);
    f[k++] = ent__pc_key(22, b);
    return k;
}

/* Features for UPOS from the predicted XPOS tags around word i (the XPOS
 * classifier runs first). */
static int xpos_features(const int *xp, size_t n, size_t i, uint64_t *f)
{
    char b[32];
    int k = 0;
    snprintf(b, sizeof b, "%d", xp[i]);
    f[k++] = ent__pc_key(24, b);
    snprintf(b, sizeof b, "%d", i + 1 < n ? xp[i + 1] : -1);
    f[k++] = ent__pc_key(25, b);
    snprintf(b, sizeof b, "%d %d", i > 0 ? xp[i - 1] : -1, xp[i]);
    f[k++] = ent__pc_key(26, b);
    return k;
}

/* Every feature of word i for classifier mi (1: XPOS, 0: UPOS), given the
 * tags predicted so far by that classifier and, for UPOS, the XPOS tags.
 * Training and tagging call this one function, so they cannot drift. */
static int features(char *const *nw, const char *const *w, size_t n,
                    size_t i, int mi, const int *tags, const int *xpos,
                    uint64_t *f)
{
    int nf = word_features(nw, w, n, i, f);
    nf += history_features(tags, i, f + nf, nw[i]);
    if (mi == 0)
        nf += xpos_features(xpos, n, i, f + nf);
    return nf;
}

/* ---- scoring --------------------------------------------------------- */

/* Tag n words: upos[i], xpos[i] receive class indexes. */
static int tag_words(const ent_tagger *t, const char *const *w, size_t n,
                     int *upos, int *xpos)
{
    const ent_allocator *a = &t->alloc;
    char **nw = ent__malloc(a, n * sizeof *nw + 1);
    char *buf = ent__malloc(a, n * 64 + 1);
    size_t i;
    int mi;
    if (!nw || !buf) {
        ent__free(a, nw);
        ent__free(a, buf);
        return ENT_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        nw[i] = buf + i * 64;
        ent__pc_norm_word(w[i], nw[i], 64);
    }
    /* XPOS first; UPOS also sees the predicted XPOS */
    for (mi = 1; mi >= 0; mi--) {
        int *tags = mi ? xpos : upos;
        for (i = 0; i < n; i++) {
            uint64_t f[NFEAT];
            double score[MAXTAGS];
            int nf = features(nw, w, n, i, mi, tags, xpos, f);
            tags[i] = ent__pc_best(&t->m[mi], f, nf, NULL, score);
        }
    }
    ent__free(a, nw);
    ent__free(a, buf);
    return ENT_OK;
}

/* ---- training -------------------------------------------------------- */

void ent_tagger_free(ent_tagger *t)
{
    ent_allocator a;
    if (!t)
        return;
    a = t->alloc;
    ent__pc_free(&a, &t->m[0]);
    ent__pc_free(&a, &t->m[1]);
    ent__free(&a, t);
}

static int train(const ent_allocator *a, const ent__treebank *tb,
                      int iterations, uint64_t seed, ent_tagger **out)
{
    ent_tagger *t = ent__calloc(a, sizeof *t);
    size_t *order = NULL, s, i, maxn = 0;
    int it, mi, rc = ENT_OK, *gold[2] = {NULL, NULL}, *pred = NULL;
    int *xpred = NULL;
    const char **w = NULL;
    char **nw = NULL, *buf = NULL;
    uint32_t now = 1;
    *out = NULL;
    if (!t)
        return ENT_ENOMEM;
    if (a)
        t->alloc = *a;
    for (s = 0; s < tb->nsent; s++)
        if (tb->sent[s].n > maxn)
            maxn = tb->sent[s].n;
    order = ent__malloc(a, (tb->nsent + 1) * sizeof *order);
    w = ent__malloc(a, (maxn + 1) * sizeof *w);
    nw = ent__malloc(a, (maxn + 1) * sizeof *nw);
    buf = ent__malloc(a, (maxn + 1) * 64);
    pred = ent__malloc(a, (maxn + 1) * sizeof *pred);
    xpred = ent__malloc(a, (maxn + 1) * sizeof *xpred);
    gold[0] = ent__malloc(a, (tb->ntok + 1) * sizeof *gold[0]);
    gold[1] = ent__malloc(a, (tb->ntok + 1) * sizeof *gold[1]);
    if (!order || !w || !nw || !buf || !pred || !xpred || !gold[0] ||
        !gold[1]) {
        rc = ENT_ENOMEM;
        goto done;
    }
    for (i = 0; i < tb->ntok; i++) {
        gold[0][i] = ent__pc_class(&t->alloc, &t->m[0], tb->tok[i].upos);
        gold[1][i] = ent__pc_class(&t->alloc, &t->m[1], tb->tok[i].xpos);
        if (gold[0][i] < 0 || gold[1][i] < 0) {
            rc = ENT_EFORMAT; /* more than MAXTAGS tags */
            goto done;
        }
    }
    for (s = 0; s < tb->nsent; s++)
        order[s] = s;
    for (it = 0; it < iterations; it++) {
        ent__pc_shuffle(order, tb->nsent, &seed);
        for (s = 0; s < tb->nsent; s++) {
            const ent__tbsent *sn = &tb->sent[order[s]];
            size_t n = sn->n;
            for (i = 0; i < n; i++) {
                w[i] = tb->tok[sn->first + i].form;
                nw[i] = buf + i * 64;
                ent__pc_norm_word(w[i], nw[i], 64);
            }
            for (mi = 1; mi >= 0; mi--) {
                ent__pc *m = &t->m[mi];
                const int *g = gold[mi] + sn->first;
                int *pr = mi ? xpred : pred;
                for (i = 0; i < n; i++) {
                    uint64_t f[NFEAT];
                    double score[MAXTAGS];
                    /* history from the model's own predictions, as at
                     * tagging time */
                    int nf = features(nw, w, n, i, mi, pr, xpred, f);
                    pr[i] = ent__pc_best(m, f, nf, NULL, score);
                    rc = ent__pc_learn(&t->alloc, m, f, nf, g[i], pr[i], now);
                    if (rc)
                        goto done;
                    now++;
                }
            }
        }
    }
    for (mi = 0; mi < 2; mi++)
        ent__pc_average(&t->alloc, &t->m[mi], now);
done:
    ent__free(a, order);
    ent__free(a, w);
    ent__free(a, nw);
    ent__free(a, buf);
    ent__free(a, pred);
    ent__free(a, xpred);
    ent__free(a, gold[0]);
    ent__free(a, gold[1]);
    if (rc) {
        ent_tagger_free(t);
        return rc;
    }
    *out = t;
    return ENT_OK;
}

/* ---- model file ------------------------------------------------------
 *
 * "ENTTAG02", then the UPOS and the XPOS classifier, each in the layout of
 * ent__pc_write() (perceptron.c). Nothing may follow.
 */

int ent_tagger_save(const ent_tagger *t, const char *path, char *err,
                    size_t errlen)
{
    FILE *f = fopen(path, "wb");
    int rc = ENT_OK;
    if (!f) {
        if (err)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    if (fwrite(MAGIC, 1, 8, f) != 8 || ent__pc_write(&t->m[0], f) ||
        ent__pc_write(&t->m[1], f))
        rc = ENT_EIO;
    if (fclose(f) != 0)
        rc = ENT_EIO;
    if (rc && err)
        snprintf(err, errlen, "%s: write error", path);
    return rc;
}

int ent_tagger_load(const char *path, const ent_allocator *a,
                    ent_tagger **out, char *err, size_t errlen)
{
    FILE *f;
    ent_tagger *t;
    char magic[8];
    int rc = ENT_OK;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    f = fopen(path, "rb");
    if (!f) {
        if (err)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    t = ent__calloc(a, sizeof *t);
    if (!t) {
        fclose(f);
        return ENT_ENOMEM;
    }
    if (a)
        t->alloc = *a;
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, MAGIC, 8))
        rc = ENT_EFORMAT;
    if (rc == ENT_OK)
        rc = ent__pc_read(&t->alloc, &t->m[0], f);
    if (rc == ENT_OK)
        rc = ent__pc_read(&t->alloc, &t->m[1], f);
    if (rc == ENT_OK && fgetc(f) != EOF)
        rc = ENT_EFORMAT; /* trailing bytes */
    fclose(f);
    if (rc) {
        if (err)
            snprintf(err, errlen, "%s: %s", path,
                     rc == ENT_EFORMAT ? "not an entente tagger model "
                                         "(bad or truncated file)"
                                       : ent_strerror(rc));
        ent_tagger_free(t);
        return rc;
    }
    *out = t;
    return ENT_OK;
}

int ent_tagger_tag(const ent_tagger *t, const char *const *words, size_t n,
                   const char **upos, const char **xpos)
{
    int *u, *x, rc;
    size_t i;
    if (!t || (!words && n))
        return ENT_EINVAL;
    u = ent__malloc(&t->alloc, (n + 1) * sizeof *u);
    x = ent__malloc(&t->alloc, (n + 1) * sizeof *x);
    if (!u || !x) {
        ent__free(&t->alloc, u);
        ent__free(&t->alloc, x);
        return ENT_ENOMEM;
    }
    rc = tag_words(t, words, n, u, x);
    for (i = 0; rc == ENT_OK && i < n; i++) {
        if (upos)
            upos[i] = t->m[0].names[u[i]];
        if (xpos)
            xpos[i] = t->m[1].names[x[i]];
    }
    ent__free(&t->alloc, u);
    ent__free(&t->alloc, x);
    return rc;
}

int ent_tagger_train(const char *const *paths, size_t npaths, int iterations,
                     uint64_t seed, const ent_allocator *a, ent_tagger **out,
                     char *err, size_t errlen)
{
    ent__treebank tb;
    size_t i;
    int rc = ENT_OK;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    memset(&tb, 0, sizeof tb);
    for (i = 0; i < npaths && rc == ENT_OK; i++)
        rc = ent__treebank_read(a, paths[i], &tb, err, errlen);
    if (rc == ENT_OK && tb.nsent == 0) {
        if (err)
            snprintf(err, errlen, "no sentences to train on");
        rc = ENT_EINVAL;
    }
    if (rc == ENT_OK) {
        rc = train(a, &tb, iterations, seed ? seed : 1, out);
        if (rc && err)
            snprintf(err, errlen, "training failed: %s", ent_strerror(rc));
    }
    ent__treebank_free(a, &tb);
    return rc;
}

int ent_tagger_eval(const ent_tagger *t, const char *path,
                    ent_tag_scores *sc, char *err, size_t errlen)
{
    ent__treebank tb;
    size_t s, i;
    const char **w = NULL, **u = NULL, **x = NULL;
    size_t cap = 0;
    int rc;
    memset(sc, 0, sizeof *sc);
    memset(&tb, 0, sizeof tb);
    rc = ent__treebank_read(&t->alloc, path, &tb, err, errlen);
    for (s = 0; rc == ENT_OK && s < tb.nsent; s++) {
        const ent__tbsent *sn = &tb.sent[s];
        size_t c1 = cap, c2 = cap, c3 = cap;
        if (ent__grow(&t->alloc, (void **)&w, &c1, sn->n + 1, sizeof *w) ||
            ent__grow(&t->alloc, (void **)&u, &c2, sn->n + 1, sizeof *u) ||
            ent__grow(&t->alloc, (void **)&x, &c3, sn->n + 1, sizeof *x)) {
            rc = ENT_ENOMEM;
            break;
        }
        cap = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
        for (i = 0; i < sn->n; i++)
            w[i] = tb.tok[sn->first + i].form;
        rc = ent_tagger_tag(t, w, sn->n, u, x);
        for (i = 0; rc == ENT_OK && i < sn->n; i++) {
            const ent__tbtoken *g = &tb.tok[sn->first + i];
            sc->words++;
            sc->upos_ok += !strcmp(u[i], g->upos);
            sc->xpos_ok += !strcmp(x[i], g->xpos);
        }
        sc->sentences++;
    }
    ent__free(&t->alloc, w);
    ent__free(&t->alloc, u);
    ent__free(&t->alloc, x);
    ent__treebank_free(&t->alloc, &tb);
    return rc;
}
