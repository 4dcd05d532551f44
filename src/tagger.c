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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXTAGS 128  /* tags per tag set, a format limit */
#define NFEAT 40     /* features per token, at most */
#define MAGIC "ENTTAG01"

/* One classifier: feature rows of nclass weights. */
typedef struct model {
    int nclass;
    char *names[MAXTAGS];
    ent__imap rows;      /* feature key -> row + 1 */
    float *w;            /* rows x nclass */
    size_t nrows, caprows;
    /* training only: averaging accumulators */
    double *total;
    uint32_t *stamp;
} model;

struct ent_tagger {
    ent_allocator alloc;
    model m[2]; /* 0: UPOS, 1: XPOS */
};

/* ---- features ------------------------------------------------------ */

/* A word as the tagger sees it: lower case, digits folded to '0'. */
static void norm_word(const char *w, char *out, size_t outlen)
{
    size_t i;
    for (i = 0; w[i] && i + 1 < outlen; i++) {
        char c = w[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32)
                 : (c >= '0' && c <= '9') ? '0'
                                          : c;
    }
    out[i] = 0;
}

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

/* Key of feature template t with string s. */
static uint64_t fkey(int t, const char *s)
{
    uint64_t h = ent__hash(s, strlen(s));
    return h ^ ((uint64_t)(t + 1) * 0x9E3779B97F4A7C15ULL);
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
    f[k++] = fkey(0, "bias");
    f[k++] = fkey(1, nw[i]);
    f[k++] = fkey(2, suffix(nw[i], 3));
    f[k++] = fkey(3, suffix(nw[i], 2));
    snprintf(b, sizeof b, "%.1s", nw[i]);
    f[k++] = fkey(4, b);
    shape(w[i], sh, sizeof sh);
    f[k++] = fkey(5, sh);
    f[k++] = fkey(6, prev);
    f[k++] = fkey(7, next);
    f[k++] = fkey(8, suffix(prev, 3));
    f[k++] = fkey(9, suffix(next, 3));
    f[k++] = fkey(10, prev2);
    f[k++] = fkey(11, next2);
    snprintf(b, sizeof b, "%s %s", nw[i], next);
    f[k++] = fkey(12, b);
    snprintf(b, sizeof b, "%s %s", prev, nw[i]);
    f[k++] = fkey(13, b);
    f[k++] = fkey(14, i == 0 ? "first" : "not-first");
    f[k++] = fkey(15, suffix(nw[i], 4));
    f[k++] = fkey(16, suffix(nw[i], 1));
    snprintf(b, sizeof b, "%.3s", nw[i]);
    f[k++] = fkey(17, b);
    snprintf(b, sizeof b, "%s %s", prev, next);
    f[k++] = fkey(18, b);
    shape(i + 1 < n ? w[i + 1] : "</s>", sh, sizeof sh);
    f[k++] = fkey(19, sh);
    f[k++] = fkey(23, w[i]); /* case kept: proper nouns */
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
    f[k++] = fkey(20, b);
    snprintf(b, sizeof b, "%d %d", t2, t1);
    f[k++] = fkey(21, b);
    snprintf(b, sizeof b, "%d %.80s", t1, word);
    f[k++] = fkey(22, b);
    return k;
}

/* Features for UPOS from the predicted XPOS tags around word i (the XPOS
 * classifier runs first). */
static int xpos_features(const int *xp, size_t n, size_t i, uint64_t *f)
{
    char b[32];
    int k = 0;
    snprintf(b, sizeof b, "%d", xp[i]);
    f[k++] = fkey(24, b);
    snprintf(b, sizeof b, "%d", i + 1 < n ? xp[i + 1] : -1);
    f[k++] = fkey(25, b);
    snprintf(b, sizeof b, "%d %d", i > 0 ? xp[i - 1] : -1, xp[i]);
    f[k++] = fkey(26, b);
    return k;
}

/* ---- scoring --------------------------------------------------------- */

static int best_class(const model *m, const uint64_t *f, int nf,
                      double *score)
{
    int c, k, best = 0;
    for (c = 0; c < m->nclass; c++)
        score[c] = 0;
    for (k = 0; k < nf; k++) {
        uint32_t r = ent__imap_get(&m->rows, f[k]);
        const float *w;
        if (!r)
            continue;
        w = m->w + (size_t)(r - 1) * (size_t)m->nclass;
        for (c = 0; c < m->nclass; c++)
            score[c] += w[c];
    }
    for (c = 1; c < m->nclass; c++)
        if (score[c] > score[best])
            best = c;
    return best;
}

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
        norm_word(w[i], nw[i], 64);
    }
    /* XPOS first; UPOS also sees the predicted XPOS */
    for (mi = 1; mi >= 0; mi--) {
        int *tags = mi ? xpos : upos;
        for (i = 0; i < n; i++) {
            uint64_t f[NFEAT];
            double score[MAXTAGS];
            int nf = word_features(nw, w, n, i, f);
            nf += history_features(tags, i, f + nf, nw[i]);
            if (mi == 0)
                nf += xpos_features(xpos, n, i, f + nf);
            tags[i] = best_class(&t->m[mi], f, nf, score);
        }
    }
    ent__free(a, nw);
    ent__free(a, buf);
    return ENT_OK;
}

/* ---- training -------------------------------------------------------- */

static int class_of(const ent_allocator *a, model *m, const char *name)
{
    int c;
    for (c = 0; c < m->nclass; c++)
        if (!strcmp(m->names[c], name))
            return c;
    if (m->nclass == MAXTAGS)
        return -1;
    m->names[m->nclass] = ent__strndup(a, name, strlen(name));
    if (!m->names[m->nclass])
        return -1;
    return m->nclass++;
}

/* The row of feature key, created when create is set; 0 if absent. */
static uint32_t row_of(const ent_allocator *a, model *m, uint64_t key,
                       int create)
{
    uint32_t r = ent__imap_get(&m->rows, key);
    size_t nc = (size_t)m->nclass, c1, c2, c3;
    if (r || !create)
        return r;
    c1 = c2 = c3 = m->caprows;
    if (ent__grow(a, (void **)&m->w, &c1, (m->nrows + 1) * nc, sizeof *m->w) ||
        ent__grow(a, (void **)&m->total, &c2, (m->nrows + 1) * nc,
                  sizeof *m->total) ||
        ent__grow(a, (void **)&m->stamp, &c3, (m->nrows + 1) * nc,
                  sizeof *m->stamp))
        return 0;
    m->caprows = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
    memset(m->w + m->nrows * nc, 0, nc * sizeof *m->w);
    memset(m->total + m->nrows * nc, 0, nc * sizeof *m->total);
    memset(m->stamp + m->nrows * nc, 0, nc * sizeof *m->stamp);
    if (ent__imap_put(a, &m->rows, key, (uint32_t)m->nrows + 1))
        return 0;
    return (uint32_t)++m->nrows;
}

/* Add delta to weight (row, c) at time now, keeping the running total. */
static void update(model *m, uint32_t row, int c, float delta, uint32_t now)
{
    size_t k = (size_t)(row - 1) * (size_t)m->nclass + (size_t)c;
    m->total[k] += (double)(now - m->stamp[k]) * m->w[k];
    m->stamp[k] = now;
    m->w[k] += delta;
}

static void free_model(const ent_allocator *a, model *m)
{
    int c;
    for (c = 0; c < m->nclass; c++)
        ent__free(a, m->names[c]);
    ent__imap_free(a, &m->rows);
    ent__free(a, m->w);
    ent__free(a, m->total);
    ent__free(a, m->stamp);
    memset(m, 0, sizeof *m);
}

void ent_tagger_free(ent_tagger *t)
{
    ent_allocator a;
    if (!t)
        return;
    a = t->alloc;
    free_model(&a, &t->m[0]);
    free_model(&a, &t->m[1]);
    ent__free(&a, t);
}

/* Fisher-Yates with a fixed-seed xorshift: training is deterministic. */
static void shuffle(size_t *v, size_t n, uint64_t *seed)
{
    size_t i;
    for (i = n; i > 1; i--) {
        size_t j;
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        j = (size_t)(*seed % i);
        size_t tmp = v[i - 1];
        v[i - 1] = v[j];
        v[j] = tmp;
    }
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
        gold[0][i] = class_of(&t->alloc, &t->m[0], tb->tok[i].upos);
        gold[1][i] = class_of(&t->alloc, &t->m[1], tb->tok[i].xpos);
        if (gold[0][i] < 0 || gold[1][i] < 0) {
            rc = ENT_EFORMAT; /* more than MAXTAGS tags */
            goto done;
        }
    }
    for (s = 0; s < tb->nsent; s++)
        order[s] = s;
    for (it = 0; it < iterations; it++) {
        shuffle(order, tb->nsent, &seed);
        for (s = 0; s < tb->nsent; s++) {
            const ent__tbsent *sn = &tb->sent[order[s]];
            size_t n = sn->n;
            for (i = 0; i < n; i++) {
                w[i] = tb->tok[sn->first + i].form;
                nw[i] = buf + i * 64;
                norm_word(w[i], nw[i], 64);
            }
            for (mi = 1; mi >= 0; mi--) {
                model *m = &t->m[mi];
                const int *g = gold[mi] + sn->first;
                int *pr = mi ? xpred : pred;
                for (i = 0; i < n; i++) {
                    uint64_t f[NFEAT];
                    double score[MAXTAGS];
                    int nf = word_features(nw, w, n, i, f), p, k;
                    /* history from the model's own predictions, as at
                     * tagging time */
                    nf += history_features(pr, i, f + nf, nw[i]);
                    if (mi == 0)
                        nf += xpos_features(xpred, n, i, f + nf);
                    p = best_class(m, f, nf, score);
                    pr[i] = p;
                    if (p != g[i]) {
                        for (k = 0; k < nf; k++) {
                            uint32_t r = row_of(&t->alloc, m, f[k], 1);
                            if (!r) {
                                rc = ENT_ENOMEM;
                                goto done;
                            }
                            update(m, r, g[i], 1.0f, now);
                            update(m, r, p, -1.0f, now);
                        }
                    }
                    now++;
                }
            }
        }
    }
    /* average: w = total / now, after bringing every total up to date */
    for (mi = 0; mi < 2; mi++) {
        model *m = &t->m[mi];
        size_t k, nk = m->nrows * (size_t)m->nclass;
        for (k = 0; k < nk; k++) {
            m->total[k] += (double)(now - m->stamp[k]) * m->w[k];
            m->w[k] = (float)(m->total[k] / now);
        }
        ent__free(&t->alloc, m->total);
        ent__free(&t->alloc, m->stamp);
        m->total = NULL;
        m->stamp = NULL;
    }
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

/* ---- model file -------------------------------------------------------
 *
 * Little-endian binary:
 *   "ENTTAG01"
 *   for each of the two classifiers (UPOS, then XPOS):
 *     u32 nclass; nclass tag names, each u8 length + bytes
 *     u32 nrows; then nrows rows: u64 key, u8 k, k x (u8 class, f32 w)
 * Rows keep only weights with |w| >= 1e-4; empty rows are dropped.
 */

static int put(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

int ent_tagger_save(const ent_tagger *t, const char *path, char *err,
                    size_t errlen)
{
    FILE *f = fopen(path, "wb");
    int mi, bad = 0;
    if (!f) {
        if (err)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    bad |= put(f, MAGIC, 8);
    for (mi = 0; mi < 2; mi++) {
        const model *m = &t->m[mi];
        uint32_t nc = (uint32_t)m->nclass, nr = 0;
        size_t r, i;
        long nrpos;
        int c;
        bad |= put(f, &nc, 4);
        for (c = 0; c < m->nclass; c++) {
            uint8_t l = (uint8_t)strlen(m->names[c]);
            bad |= put(f, &l, 1) | put(f, m->names[c], l);
        }
        nrpos = ftell(f);
        bad |= put(f, &nr, 4);
        for (i = 0; i <= m->rows.mask && m->rows.vals; i++) {
            uint8_t k = 0;
            if (!m->rows.vals[i])
                continue;
            r = m->rows.vals[i] - 1;
            for (c = 0; c < m->nclass; c++)
                k += fabsf(m->w[r * nc + (size_t)c]) >= 1e-4f;
            if (!k)
                continue;
            bad |= put(f, &m->rows.keys[i], 8) | put(f, &k, 1);
            for (c = 0; c < m->nclass; c++) {
                float v = m->w[r * nc + (size_t)c];
                uint8_t cc = (uint8_t)c;
                if (fabsf(v) >= 1e-4f)
                    bad |= put(f, &cc, 1) | put(f, &v, 4);
            }
            nr++;
        }
        if (fseek(f, nrpos, SEEK_SET) == 0)
            bad |= put(f, &nr, 4);
        fseek(f, 0, SEEK_END);
    }
    if (fclose(f) != 0)
        bad = 1;
    if (bad) {
        if (err)
            snprintf(err, errlen, "%s: write error", path);
        return ENT_EIO;
    }
    return ENT_OK;
}

static int get(FILE *f, void *p, size_t n)
{
    return fread(p, 1, n, f) == n ? 0 : -1;
}

int ent_tagger_load(const char *path, const ent_allocator *a,
                    ent_tagger **out, char *err, size_t errlen)
{
    FILE *f;
    ent_tagger *t;
    char magic[8];
    int mi, rc = ENT_OK;
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
    if (get(f, magic, 8) || memcmp(magic, MAGIC, 8))
        rc = ENT_EFORMAT;
    for (mi = 0; mi < 2 && rc == ENT_OK; mi++) {
        model *m = &t->m[mi];
        uint32_t nc, nr, r;
        int c;
        if (get(f, &nc, 4) || nc == 0 || nc > MAXTAGS) {
            rc = ENT_EFORMAT;
            break;
        }
        for (c = 0; c < (int)nc && rc == ENT_OK; c++) {
            uint8_t l;
            char name[256];
            if (get(f, &l, 1) || get(f, name, l)) {
                rc = ENT_EFORMAT;
                break;
            }
            name[l] = 0;
            m->names[c] = ent__strndup(&t->alloc, name, l);
            if (!m->names[c])
                rc = ENT_ENOMEM;
            m->nclass = c + 1;
        }
        if (rc || get(f, &nr, 4)) {
            rc = rc ? rc : ENT_EFORMAT;
            break;
        }
        m->w = ent__calloc(&t->alloc, (size_t)nr * nc * sizeof *m->w + 1);
        if (!m->w) {
            rc = ENT_ENOMEM;
            break;
        }
        m->caprows = m->nrows = nr;
        for (r = 0; r < nr && rc == ENT_OK; r++) {
            uint64_t key;
            uint8_t k, i;
            if (get(f, &key, 8) || get(f, &k, 1)) {
                rc = ENT_EFORMAT;
                break;
            }
            for (i = 0; i < k; i++) {
                uint8_t cc;
                float v;
                if (get(f, &cc, 1) || get(f, &v, 4) || cc >= nc ||
                    !isfinite(v)) {
                    rc = ENT_EFORMAT;
                    break;
                }
                m->w[(size_t)r * nc + cc] = v;
            }
            if (rc == ENT_OK && ent__imap_put(&t->alloc, &m->rows, key, r + 1))
                rc = ENT_ENOMEM;
        }
    }
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
