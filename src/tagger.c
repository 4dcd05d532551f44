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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXTAGS ENT_PC_MAXCLASS
#define NFEAT 48     /* features per token, at most */
#define MAGIC "ENTTAG04"

struct ent_tagger {
    ent_allocator alloc;
    ent__pc m[3]; /* 0: UPOS, 1: XPOS first pass, 2: XPOS second pass */
    const ent__lemmatizer *lm; /* WordNet classes (borrowed or own_lm) */
    ent__lemmatizer *own_lm;
    ent__wtab words; /* a loaded model: the three classifiers' weights of
                        the word features, looked up once per word */
    int off[3];      /* each classifier's first class in words */
    int nmerged;     /* classes in words */
};

#define WORDNET_DIR "/usr/share/wordnet"

/* Load WordNet for a tagger that owns it. */
static int own_wordnet(ent_tagger *t, const char *dir, char *err,
                       size_t errlen)
{
    int rc = ent__lemma_load(&t->alloc, dir ? dir : WORDNET_DIR, &t->own_lm,
                             err, errlen);
    t->lm = t->own_lm;
    return rc;
}

/* ---- features ------------------------------------------------------ */

/* What the features see of one word, hashed once per sentence: its
 * normalised form (lower case, digits as 0) and raw form, suffixes and
 * prefixes of the normalised form, its shape (Xx, d, runs collapsed),
 * flags (hyphen, digit, long) and WordNet classes. */
typedef struct wfeat {
    uint64_t w, raw, s1, s2, s3, s4, p1, p2, p3, shape, flags, cls;
} wfeat;

#define K3 ent__pc_key3

static uint64_t hpart(const char *s, size_t n)
{
    return ent__hash(s, n);
}

/* Fill f for a word (raw form w, normalised nw) with WordNet classes
 * cls. */
static void word_info(const char *w, const char *nw, unsigned cls, wfeat *f)
{
    size_t n = strlen(nw), i, k = 0;
    char sh[32], last = 0;
    f->w = hpart(nw, n);
    f->raw = hpart(w, strlen(w));
    f->s1 = hpart(nw + (n > 1 ? n - 1 : 0), n > 1 ? 1 : n);
    f->s2 = hpart(nw + (n > 2 ? n - 2 : 0), n > 2 ? 2 : n);
    f->s3 = hpart(nw + (n > 3 ? n - 3 : 0), n > 3 ? 3 : n);
    f->s4 = hpart(nw + (n > 4 ? n - 4 : 0), n > 4 ? 4 : n);
    f->p1 = hpart(nw, n < 1 ? n : 1);
    f->p2 = hpart(nw, n < 2 ? n : 2);
    f->p3 = hpart(nw, n < 3 ? n : 3);
    for (i = 0; w[i] && k + 1 < sizeof sh; i++) {
        char c = w[i], t;
        t = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x'
            : (c >= '0' && c <= '9') ? 'd' : (unsigned char)c >= 0x80 ? 'u' : c;
        if (t != last)
            sh[k++] = t;
        last = t;
    }
    f->shape = hpart(sh, k);
    f->flags = (uint64_t)(strchr(w, '-') != NULL) |
               (uint64_t)(strpbrk(w, "0123456789") != NULL) << 1 |
               (uint64_t)(strlen(w) > 8) << 2;
    f->cls = cls;
}

/* The stand-ins for the words before the first and after the last. */
static void boundary_info(wfeat *bos, wfeat *eos)
{
    word_info("<s>", "<s>", 99, bos);
    word_info("</s>", "</s>", 99, eos);
}

/* Word features of token i of the n words in W (W[-2..n+1] valid: the
 * caller pads with boundary words). */
static int word_features(const wfeat *W, size_t n, size_t i, uint64_t *f)
{
    const wfeat *c = &W[i], *p = &W[i - 1], *p2 = &W[i - 2];
    const wfeat *x = &W[i + 1], *x2 = &W[i + 2];
    int k = 0;
    (void)n;
    f[k++] = K3(0, 0, 0, 0);
    f[k++] = K3(1, c->w, 0, 0);
    f[k++] = K3(2, c->s3, 0, 0);
    f[k++] = K3(3, c->s2, 0, 0);
    f[k++] = K3(4, c->p1, 0, 0);
    f[k++] = K3(5, c->shape, 0, 0);
    f[k++] = K3(6, p->w, 0, 0);
    f[k++] = K3(7, x->w, 0, 0);
    f[k++] = K3(8, p->s3, 0, 0);
    f[k++] = K3(9, x->s3, 0, 0);
    f[k++] = K3(10, p2->w, 0, 0);
    f[k++] = K3(11, x2->w, 0, 0);
    f[k++] = K3(12, c->w, x->w, 0);
    f[k++] = K3(13, p->w, c->w, 0);
    f[k++] = K3(14, i == 0, 0, 0);
    f[k++] = K3(15, c->s4, 0, 0);
    f[k++] = K3(16, c->s1, 0, 0);
    f[k++] = K3(17, c->p3, 0, 0);
    f[k++] = K3(18, p->w, x->w, 0);
    f[k++] = K3(19, x->shape, 0, 0);
    f[k++] = K3(23, c->raw, 0, 0); /* case kept: proper nouns */
    f[k++] = K3(27, c->p2, 0, 0);
    f[k++] = K3(28, x->s2, 0, 0);
    f[k++] = K3(29, p->s2, 0, 0);
    f[k++] = K3(30, p->s3, c->s3, 0);
    f[k++] = K3(31, c->s3, x->s3, 0);
    f[k++] = K3(32, p->shape, 0, 0);
    f[k++] = K3(33, c->flags, 0, 0);
    f[k++] = K3(34, c->cls, 0, 0);
    f[k++] = K3(35, c->cls, c->s2, 0);
    f[k++] = K3(36, p->cls, c->cls, x->cls);
    return k;
}

/* Tag-history features for classifier mi given earlier predictions. */
static int history_features(const int *tags, size_t i, uint64_t *f,
                            uint64_t word)
{
    int k = 0;
    uint64_t t1 = (uint64_t)(i > 0 ? tags[i - 1] : -1) + 2;
    uint64_t t2 = (uint64_t)(i > 1 ? tags[i - 2] : -1) + 2;
    f[k++] = K3(20, t1, 0, 0);
    f[k++] = K3(21, t2, t1, 0);
    f[k++] = K3(22, t1, word, 0);
    return k;
}

/* Features for UPOS from the predicted XPOS tags around word i (the XPOS
 * classifier runs first). */
static int xpos_features(const int *xp, size_t n, size_t i, uint64_t *f)
{
    int k = 0;
    uint64_t c = (uint64_t)xp[i] + 2;
    uint64_t nx = (uint64_t)(i + 1 < n ? xp[i + 1] : -1) + 2;
    uint64_t pv = (uint64_t)(i > 0 ? xp[i - 1] : -1) + 2;
    f[k++] = K3(24, c, 0, 0);
    f[k++] = K3(25, nx, 0, 0);
    f[k++] = K3(26, pv, c, 0);
    return k;
}

/* Features for the second XPOS pass from the first pass's tags, which
 * show it the words to the right. */
static int right_features(const int *x1, size_t n, size_t i, uint64_t *f,
                          uint64_t word)
{
    int k = 0;
    uint64_t r1 = (uint64_t)(i + 1 < n ? x1[i + 1] : -1) + 2;
    uint64_t r2 = (uint64_t)(i + 2 < n ? x1[i + 2] : -1) + 2;
    uint64_t c = (uint64_t)x1[i] + 2;
    uint64_t pv = (uint64_t)(i > 0 ? x1[i - 1] : -1) + 2;
    f[k++] = K3(40, r1, 0, 0);
    f[k++] = K3(41, r1, r2, 0);
    f[k++] = K3(42, c, 0, 0);
    f[k++] = K3(43, r1, word, 0);
    f[k++] = K3(44, pv, c, r1);
    return k;
}

/* The features of word i for classifier mi that depend on tags predicted
 * before (history, right context, XPOS for UPOS). */
static int tag_features(const wfeat *W, size_t n, size_t i, int mi,
                        const int *tags, const int *x1, const int *x2,
                        uint64_t *f)
{
    int nf = history_features(tags, i, f, W[i].w);
    if (mi == 2)
        nf += right_features(x1, n, i, f + nf, W[i].w);
    if (mi == 0)
        nf += xpos_features(x2, n, i, f + nf);
    return nf;
}

/* Every feature of word i for classifier mi (1: XPOS first pass, 2: XPOS
 * second pass, 0: UPOS), given the tags predicted so far by that
 * classifier, the first pass's XPOS (x1) and the second's (x2): its word
 * features, then its tag features. Training and tagging build them from
 * the same two functions, so they cannot drift. */
static int features(const wfeat *W, size_t n, size_t i, int mi,
                    const int *tags, const int *x1, const int *x2, uint64_t *f)
{
    int nf = word_features(W, n, i, f);
    return nf + tag_features(W, n, i, mi, tags, x1, x2, f + nf);
}

/* The order in which the classifiers run, and the tag array each fills
 * (0: upos, 1: x1, 2: x2). */
static const int order_mi[3] = {1, 2, 0};

/* ---- scoring --------------------------------------------------------- */

/* Hash the n words w into buf (n + 4 entries: two boundary words on each
 * side) and return the first word's entry. WordNet classes come from cls
 * when given, else from lm. */
static wfeat *sentence_info(const ent__lemmatizer *lm, const char *const *w,
                            const unsigned *cls, size_t n, wfeat *buf)
{
    size_t i;
    char nw[64];
    boundary_info(&buf[0], &buf[n + 2]);
    buf[1] = buf[0];
    buf[n + 3] = buf[n + 2];
    for (i = 0; i < n; i++) {
        ent__pc_norm_word(w[i], nw, sizeof nw);
        word_info(w[i], nw,
                  cls ? cls[i] : ent__lemma_classes(lm, nw, strlen(nw)),
                  &buf[i + 2]);
    }
    return buf + 2;
}

/* Tag n words: upos[i], xpos[i] receive class indexes; x1 (n ints) is
 * scratch for the first XPOS pass. A loaded tagger looks every word's word
 * features up once, for its three classifiers (t->words); each pass then
 * looks up only the features of the tags it sees. A tagger being trained
 * looks all features up in each pass. When count is not NULL (t itself,
 * after training), each classifier counts the rows a loaded tagger would
 * look up in it: every word feature (the merged table serves all three)
 * and its own tag features, for the order of rows in the model file. */
static int tag_words(const ent_tagger *t, const char *const *w, size_t n,
                     int *upos, int *xpos, int *x1, ent_tagger *count)
{
    const ent_allocator *a = &t->alloc;
    wfeat *buf = ent__malloc(a, (n + 4) * sizeof *buf), *W;
    float *part = NULL;
    size_t i, nm = (size_t)t->nmerged;
    int o, rc = ENT_OK;
    if (!buf)
        return ENT_ENOMEM;
    W = sentence_info(t->lm, w, NULL, n, buf);
    if (t->words.hot.slots) {
        part = ent__calloc(a, (n + 1) * nm * sizeof *part);
        if (!part) {
            ent__free(a, buf);
            return ENT_ENOMEM;
        }
        for (i = 0; i < n; i++) {
            uint64_t f[NFEAT];
            int nf = word_features(W, n, i, f);
            ent__wtab_add(&t->words, f, nf, part + i * nm);
        }
    }
    for (i = 0; count && i < n && rc == ENT_OK; i++) {
        uint64_t f[NFEAT];
        int nf = word_features(W, n, i, f);
        for (o = 0; o < 3 && rc == ENT_OK; o++)
            rc = ent__pc_count(a, &count->m[o], f, nf);
    }
    /* XPOS left to right, again with the first pass's tags on the right,
     * then UPOS seeing the XPOS tags */
    for (o = 0; o < 3 && rc == ENT_OK; o++) {
        int mi = order_mi[o];
        int *tags = mi == 1 ? x1 : mi == 2 ? xpos : upos;
        for (i = 0; i < n && rc == ENT_OK; i++) {
            uint64_t f[NFEAT];
            double score[MAXTAGS];
            int nw = part ? 0 : word_features(W, n, i, f);
            int nt = tag_features(W, n, i, mi, tags, x1, xpos, f + nw);
            if (part)
                tags[i] = ent__pc_best_base(&t->m[mi], f, nt,
                                            part + i * nm + t->off[mi], score);
            else
                tags[i] = ent__pc_best(&t->m[mi], f, nw + nt, NULL, score);
            if (count)
                rc = ent__pc_count(a, &count->m[mi], f + nw, nt);
        }
    }
    ent__free(a, part);
    ent__free(a, buf);
    return rc;
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
    ent__pc_free(&a, &t->m[2]);
    ent__wtab_free(&a, &t->words);
    ent__lemma_free(&a, t->own_lm);
    ent__free(&a, t);
}

int ent__tagger_train_tb(const ent_allocator *a, const ent__treebank *tb,
                         int iterations, uint64_t seed,
                         const ent__lemmatizer *lm, ent_tagger **out)
{
    unsigned *cls = NULL;
    ent_tagger *t = ent__calloc(a, sizeof *t);
    size_t *order = NULL, s, i, maxn = 0;
    int it, o, rc = ENT_OK, *gold[3] = {NULL, NULL, NULL}, *pred = NULL;
    int *xpred = NULL, *x1 = NULL;
    const char **w = NULL;
    wfeat *buf = NULL;
    uint32_t now = 1;
    *out = NULL;
    if (!t)
        return ENT_ENOMEM;
    if (a)
        t->alloc = *a;
    t->lm = lm;
    maxn = ent__treebank_longest(tb);
    order = ent__malloc(a, (tb->nsent + 1) * sizeof *order);
    cls = ent__malloc(a, (tb->ntok + 1) * sizeof *cls);
    w = ent__malloc(a, (maxn + 1) * sizeof *w);
    buf = ent__malloc(a, (maxn + 4) * sizeof *buf);
    pred = ent__malloc(a, (maxn + 1) * sizeof *pred);
    xpred = ent__malloc(a, (maxn + 1) * sizeof *xpred);
    x1 = ent__malloc(a, (maxn + 1) * sizeof *x1);
    gold[0] = ent__malloc(a, (tb->ntok + 1) * sizeof *gold[0]);
    gold[1] = ent__malloc(a, (tb->ntok + 1) * sizeof *gold[1]);
    if (!order || !w || !buf || !pred || !xpred || !x1 || !gold[0] ||
        !gold[1] || !cls) {
        rc = ENT_ENOMEM;
        goto done;
    }
    for (i = 0; i < tb->ntok; i++) {
        char low[64];
        ent__pc_norm_word(tb->tok[i].form, low, sizeof low);
        cls[i] = ent__lemma_classes(lm, low, strlen(low));
        gold[0][i] = ent__pc_class(&t->alloc, &t->m[0], tb->tok[i].upos);
        gold[1][i] = ent__pc_class(&t->alloc, &t->m[1], tb->tok[i].xpos);
        /* the second pass has the first's classes, in the same order */
        if (ent__pc_class(&t->alloc, &t->m[2], tb->tok[i].xpos) != gold[1][i])
            gold[1][i] = -1;
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
            const wfeat *W;
            for (i = 0; i < n; i++)
                w[i] = tb->tok[sn->first + i].form;
            W = sentence_info(lm, w, cls + sn->first, n, buf);
            for (o = 0; o < 3; o++) {
                int mi = order_mi[o];
                ent__pc *m = &t->m[mi];
                const int *g = gold[mi ? 1 : 0] + sn->first;
                int *pr = mi == 1 ? x1 : mi == 2 ? xpred : pred;
                for (i = 0; i < n; i++) {
                    uint64_t f[NFEAT];
                    double score[MAXTAGS];
                    /* history from the model's own predictions, as at
                     * tagging time */
                    int nf = features(W, n, i, mi, pr, x1, xpred, f);
                    pr[i] = ent__pc_best(m, f, nf, NULL, score);
                    rc = ent__pc_learn(&t->alloc, m, f, nf, g[i], pr[i], now);
                    if (rc)
                        goto done;
                    now++;
                }
            }
        }
    }
    for (o = 0; o < 3; o++)
        ent__pc_average(&t->alloc, &t->m[o], now);
done:
    ent__free(a, order);
    ent__free(a, w);
    ent__free(a, buf);
    ent__free(a, pred);
    ent__free(a, xpred);
    ent__free(a, x1);
    ent__free(a, cls);
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
 * "ENTTAG04", then the UPOS classifier and the two XPOS passes, each in
 * the layout of ent__pc_write() (perceptron.c). Nothing may follow. A
 * loaded tagger tags; only a trained one can be saved.
 */

int ent_tagger_save(const ent_tagger *t, const char *path, char *err,
                    size_t errlen)
{
    ent__pc *ms[3];
    if (!t)
        return ENT_EINVAL;
    ms[0] = (ent__pc *)&t->m[0];
    ms[1] = (ent__pc *)&t->m[1];
    ms[2] = (ent__pc *)&t->m[2];
    return ent__model_save(path, MAGIC, ms, 3, 0, err, errlen);
}

int ent__tagger_load_lm(const char *path, const ent__lemmatizer *lm,
                        const ent_allocator *a, ent_tagger **out, char *err,
                        size_t errlen)
{
    ent_tagger *t;
    ent__pc *ms[3];
    int rc;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    t = ent__calloc(a, sizeof *t);
    if (!t)
        return ENT_ENOMEM;
    if (a)
        t->alloc = *a;
    t->lm = lm;
    ms[0] = &t->m[0];
    ms[1] = &t->m[1];
    ms[2] = &t->m[2];
    rc = ent__model_load(path, MAGIC, "tagger", &t->alloc, ms, 3, err,
                         errlen);
    if (rc == ENT_OK && t->m[2].nclass != t->m[1].nclass) {
        rc = ENT_EFORMAT;
        if (err)
            snprintf(err, errlen, "%s: not an entente tagger model (its two "
                     "XPOS passes differ)", path);
    }
    if (rc == ENT_OK) {
        const ent__pc *cm[3];
        cm[0] = &t->m[0];
        cm[1] = &t->m[1];
        cm[2] = &t->m[2];
        t->off[0] = 0;
        t->off[1] = t->m[0].nclass;
        t->off[2] = t->m[0].nclass + t->m[1].nclass;
        t->nmerged = t->off[2] + t->m[2].nclass;
        rc = ent__wtab_build(&t->alloc, cm, 3, &t->words);
        if (rc && err)
            snprintf(err, errlen, "%s: %s", path, ent_strerror(rc));
    }
    if (rc) {
        ent_tagger_free(t);
        return rc;
    }
    *out = t;
    return ENT_OK;
}

int ent_tagger_load(const char *path, const char *wordnet_dir,
                    const ent_allocator *a, ent_tagger **out, char *err,
                    size_t errlen)
{
    int rc = ent__tagger_load_lm(path, NULL, a, out, err, errlen);
    if (rc == ENT_OK) {
        rc = own_wordnet(*out, wordnet_dir, err, errlen);
        if (rc) {
            ent_tagger_free(*out);
            *out = NULL;
        }
    }
    return rc;
}

int ent_tagger_tag(const ent_tagger *t, const char *const *words, size_t n,
                   const char **upos, const char **xpos)
{
    int *u, *x, rc;
    size_t i;
    if (!t || (!words && n))
        return ENT_EINVAL;
    u = ent__malloc(&t->alloc, 3 * (n + 1) * sizeof *u);
    if (!u)
        return ENT_ENOMEM;
    x = u + n + 1;
    rc = tag_words(t, words, n, u, x, x + n + 1, NULL);
    for (i = 0; rc == ENT_OK && i < n; i++) {
        if (upos)
            upos[i] = t->m[0].names[u[i]];
        if (xpos)
            xpos[i] = t->m[1].names[x[i]];
    }
    ent__free(&t->alloc, u);
    return rc;
}

/* Tag the treebank's sentences once with the finished tagger t, counting
 * the rows it looks up (tag_words): the model file lists the most used
 * first. */
static int count_use(ent_tagger *t, const ent__treebank *tb)
{
    const ent_allocator *a = &t->alloc;
    size_t s, i, maxn = ent__treebank_longest(tb);
    const char **w = ent__malloc(a, (maxn + 1) * sizeof *w);
    int *tags = ent__malloc(a, 3 * (maxn + 1) * sizeof *tags), rc = ENT_OK;
    if (!w || !tags)
        rc = ENT_ENOMEM;
    for (s = 0; s < tb->nsent && rc == ENT_OK; s++) {
        const ent__tbsent *sn = &tb->sent[s];
        for (i = 0; i < sn->n; i++)
            w[i] = tb->tok[sn->first + i].form;
        rc = tag_words(t, w, sn->n, tags, tags + maxn + 1,
                       tags + 2 * (maxn + 1), t);
    }
    ent__free(a, w);
    ent__free(a, tags);
    return rc;
}

int ent_tagger_order_rows(ent_tagger *t, const char *const *paths,
                          size_t npaths, char *err, size_t errlen)
{
    ent__treebank tb;
    size_t i;
    int o, rc = ENT_OK;
    if (!t || (!paths && npaths))
        return ENT_EINVAL;
    memset(&tb, 0, sizeof tb);
    for (i = 0; i < npaths && rc == ENT_OK; i++)
        rc = ent__treebank_read(&t->alloc, paths[i], &tb, err, errlen);
    if (rc == ENT_OK) {
        /* the tagger scores through its rows from now on */
        ent__wtab_free(&t->alloc, &t->words);
        for (o = 0; o < 3 && rc == ENT_OK; o++)
            if (!t->m[o].key32)
                rc = ent__pc_thaw(&t->alloc, &t->m[o]);
        if (rc == ENT_OK)
            rc = count_use(t, &tb);
        if (rc && err)
            snprintf(err, errlen, "ordering the tagger's rows: %s",
                     ent_strerror(rc));
    }
    ent__treebank_free(&t->alloc, &tb);
    return rc;
}

int ent_tagger_train(const char *const *paths, size_t npaths, int iterations,
                     uint64_t seed, const char *wordnet_dir,
                     const ent_allocator *a, ent_tagger **out, char *err,
                     size_t errlen)
{
    ent__treebank tb;
    ent__lemmatizer *lm = NULL;
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
    if (rc == ENT_OK)
        rc = ent__lemma_load(a, wordnet_dir ? wordnet_dir : WORDNET_DIR, &lm,
                             err, errlen);
    if (rc == ENT_OK) {
        rc = ent__tagger_train_tb(a, &tb, iterations, seed ? seed : 1, lm, out);
        if (rc == ENT_OK) {
            rc = count_use(*out, &tb);
            if (rc) {
                ent_tagger_free(*out);
                *out = NULL;
            }
        }
        if (rc && err)
            snprintf(err, errlen, "training failed: %s", ent_strerror(rc));
        if (rc == ENT_OK) {
            (*out)->own_lm = lm; /* the tagger keeps what it was trained on */
            lm = NULL;
        }
    }
    ent__lemma_free(a, lm);
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
