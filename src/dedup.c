/*
 * dedup.c -- near-duplicate stories: MinHash signatures and LSH banding.
 *
 * One story reaches a store many times (wire copies, updates, re-posts),
 * and counting each copy as news would inflate every dyad. A document's
 * word 5-shingles are summarised by 128 MinHash values; the index keys
 * each signature by bands of rows so that similar documents meet in a
 * bucket, and candidates are kept when their score (the estimated
 * Jaccard similarity, or the share of the smaller document found in the
 * larger, whichever is higher) reaches the threshold. The store
 * (store.c) clusters documents with it.
 */
#include "internal.h"

#include <math.h>
#include <string.h>

#define DEFAULT_THRESHOLD 0.8
#define DEFAULT_MAX_DOCS 100000
/* Candidates examined per band: the most recent ones (a bucket holding
 * more is a family of copies, whose newest members stand for it). */
#define CHAIN_MAX 64
/* The size rules (pair_score()) need both sizes: from SIZED_MIN
 * shingles (about 19 words) on; the store reloads signatures without
 * their size (nshingles 1), which keeps them to plain Jaccard. */
#define SIZED_MIN 15
/* Below SHORT_MAX shingles (about 44 words) the threshold is lowered by
 * SHORT_EASE: in a short item a changed dateline or a few words alter a
 * large share of the shingles. */
#define SHORT_MAX 40
#define SHORT_EASE 0.1
/* Containment counts only when the larger document has at least
 * CONTAIN_RATIO times the smaller's shingles (an update, a re-post with
 * boilerplate, a cut version): between documents of one size it would
 * only inflate Jaccard, and merged templated reports that differ in
 * their figures alone (Reuters-21578's rainfall tables, dividends). */
#define CONTAIN_RATIO 1.15
/* The bands are chosen to find pairs of estimated Jaccard down to
 * threshold - CANDIDATE_DROP: an update that adds paragraphs has a low
 * Jaccard similarity but is contained in full. */
#define CANDIDATE_DROP 0.3

/* One document held by the index. */
typedef struct entry {
    int64_t id, cluster;
    uint32_t v[ENT_MINHASH_N];
    uint32_t nsh; /* shingles (1: unknown, reloaded by the store) */
} entry;

struct ent_dedup {
    ent_allocator alloc;
    double threshold;
    size_t max_docs;
    int bands, rows;
    entry *e;       /* in the order added */
    uint32_t *next; /* [i * bands + b]: the previous entry (index + 1) in
                       entry i's bucket of band b; 0 ends the chain */
    size_t n, cap, capnext;
    ent__imap heads; /* band key -> the newest entry (index + 1) */
};

/* A 64-bit mix (splitmix64's finaliser), for the hash functions' seeds. */
static uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Whether byte c belongs to a word: ASCII letters and digits, and every
 * byte of a non-ASCII UTF-8 character (kept as it is). */
static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* Fold shingle hash x into the signature: each hash function i is
 * (a_i x + b_i) >> 32 with a_i odd (multiply-shift hashing). */
static void fold(ent_minhash *out, const uint64_t *a, const uint64_t *b,
                 uint64_t x)
{
    int i;
    for (i = 0; i < ENT_MINHASH_N; i++) {
        uint32_t h = (uint32_t)((a[i] * x + b[i]) >> 32);
        out->v[i] = h < out->v[i] ? h : out->v[i]; /* no branch: vectorised */
    }
    out->nshingles++;
}

int ent_minhash_text(const char *text, size_t len, ent_minhash *out)
{
    uint64_t a[ENT_MINHASH_N], b[ENT_MINHASH_N], seed = 0x656E74656E7465ULL;
    uint64_t ring[ENT_SHINGLE_WORDS];
    size_t i = 0, nwords = 0;
    int k;
    if (!out || (!text && len))
        return ENT_EINVAL;
    memset(out->v, 0xFF, sizeof out->v);
    out->nshingles = 0;
    for (k = 0; k < ENT_MINHASH_N; k++) {
        a[k] = splitmix(&seed) | 1u;
        b[k] = splitmix(&seed);
    }
    while (i < len) {
        uint64_t h = 0xCBF29CE484222325ULL, lin[ENT_SHINGLE_WORDS];
        while (i < len && !word_byte((unsigned char)text[i]))
            i++;
        if (i >= len)
            break;
        /* FNV-1a over the lower-cased word */
        for (; i < len && word_byte((unsigned char)text[i]); i++) {
            unsigned char c = (unsigned char)text[i];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c - 'A' + 'a');
            h = (h ^ c) * 0x100000001B3ULL;
        }
        ring[nwords % ENT_SHINGLE_WORDS] = h;
        nwords++;
        if (nwords < ENT_SHINGLE_WORDS)
            continue;
        /* the last five words, oldest first */
        for (k = 0; k < ENT_SHINGLE_WORDS; k++)
            lin[k] = ring[(nwords + (size_t)k) % ENT_SHINGLE_WORDS];
        fold(out, a, b, ent__hash(lin, sizeof lin));
    }
    return ENT_OK;
}

double ent_minhash_similarity(const ent_minhash *x, const ent_minhash *y)
{
    int i, same = 0;
    if (!x || !y || !x->nshingles || !y->nshingles)
        return 0.0;
    for (i = 0; i < ENT_MINHASH_N; i++)
        same += x->v[i] == y->v[i];
    return (double)same / ENT_MINHASH_N;
}

/* Bands and rows for threshold t: the most rows a band (fewest false
 * candidates) whose LSH threshold (1/b)^(1/r), where a pair becomes a
 * candidate with probability about 1/2, stays at least 0.05 below t -
 * CANDIDATE_DROP, so that pairs whose score (pair_score()) reaches t are
 * found with high probability also when their Jaccard similarity is
 * lower (at t = 0.8: 32 bands of 4 rows; a pair of Jaccard 0.8 is a
 * candidate with probability 1.00, 0.6 with 0.99, 0.5 with 0.87, 0.2
 * with 0.05). */
static void choose_bands(double t, int *bands, int *rows)
{
    static const int R[] = {16, 8, 4, 2};
    size_t i;
    for (i = 0; i < sizeof R / sizeof R[0]; i++) {
        int b = ENT_MINHASH_N / R[i];
        if (pow(1.0 / b, 1.0 / R[i]) <= t - CANDIDATE_DROP - 0.05 ||
            i + 1 == sizeof R / sizeof R[0]) {
            *bands = b;
            *rows = R[i];
            return;
        }
    }
}

int ent_dedup_new(const ent_dedup_config *cfg, ent_dedup **out)
{
    const ent_allocator *a = cfg ? cfg->alloc : NULL;
    double t = cfg && cfg->threshold != 0 ? cfg->threshold : DEFAULT_THRESHOLD;
    ent_dedup *d;
    if (out)
        *out = NULL;
    if (!out || !(t > 0 && t <= 1))
        return ENT_EINVAL;
    d = ent__calloc(a, sizeof *d);
    if (!d)
        return ENT_ENOMEM;
    if (a)
        d->alloc = *a;
    d->threshold = t;
    d->max_docs = cfg && cfg->max_docs ? cfg->max_docs : DEFAULT_MAX_DOCS;
    if (d->max_docs < 2)
        d->max_docs = 2;
    choose_bands(t, &d->bands, &d->rows);
    *out = d;
    return ENT_OK;
}

void ent_dedup_free(ent_dedup *d)
{
    const ent_allocator *a;
    if (!d)
        return;
    a = d->alloc.fn ? &d->alloc : NULL;
    ent__free(a, d->e);
    ent__free(a, d->next);
    ent__imap_free(a, &d->heads);
    ent__free(a, d);
}

void ent_dedup_bands(const ent_dedup *d, int *bands, int *rows)
{
    if (bands)
        *bands = d ? d->bands : 0;
    if (rows)
        *rows = d ? d->rows : 0;
}

size_t ent_dedup_count(const ent_dedup *d)
{
    return d ? d->n : 0;
}

/* The bucket key of band b of signature v. */
static uint64_t band_key(const ent_dedup *d, const uint32_t *v, int b)
{
    return ent__hash(v + b * d->rows, (size_t)d->rows * sizeof *v) ^
           ((uint64_t)(b + 1) * 0x9E3779B97F4A7C15ULL);
}

/* The score of two documents whose signatures share the share j of
 * their values, of na and nb shingles, and the threshold it must reach
 * (*tp, from the index's t). The score is the estimated Jaccard
 * similarity j, or, when both documents have at least SIZED_MIN
 * shingles, the estimated share of the smaller one's shingles that the
 * larger holds, if higher: |A & B| = j (na + nb) / (1 + j) over the
 * smaller size (at most 1), so that an update that adds paragraphs or a
 * re-post wrapped in boilerplate scores as a copy; only when the larger
 * has at least CONTAIN_RATIO times the smaller's shingles. Below
 * SHORT_MAX shingles the threshold is t - SHORT_EASE. */
static double pair_score(double j, uint32_t na, uint32_t nb, double t,
                         double *tp)
{
    uint32_t lo = na < nb ? na : nb, hi = na < nb ? nb : na;
    double c;
    *tp = t;
    if (lo < SIZED_MIN)
        return j;
    if (lo < SHORT_MAX)
        *tp = t - SHORT_EASE;
    if ((double)hi < CONTAIN_RATIO * (double)lo)
        return j;
    c = j * ((double)na + (double)nb) / (1.0 + j) / (double)lo;
    if (c > 1)
        c = 1;
    return c > j ? c : j;
}

int ent_dedup_find(const ent_dedup *d, const ent_minhash *sig,
                   ent_dedup_match *m)
{
    int b;
    if (!m)
        return ENT_EINVAL;
    memset(m, 0, sizeof *m);
    if (!d || !sig)
        return ENT_EINVAL;
    if (!sig->nshingles)
        return ENT_OK;
    for (b = 0; b < d->bands; b++) {
        uint32_t k = ent__imap_get(&d->heads, band_key(d, sig->v, b));
        int steps = 0;
        for (; k && steps < CHAIN_MAX;
             k = d->next[(size_t)(k - 1) * d->bands + b], steps++) {
            const entry *e = &d->e[k - 1];
            int i, same = 0;
            double s, t;
            for (i = 0; i < ENT_MINHASH_N; i++)
                same += e->v[i] == sig->v[i];
            s = pair_score((double)same / ENT_MINHASH_N, e->nsh,
                           sig->nshingles, d->threshold, &t);
            if (s >= t &&
                (s > m->similarity ||
                 (s == m->similarity && e->id < m->near))) {
                m->near = e->id;
                m->cluster = e->cluster;
                m->similarity = s;
            }
        }
    }
    return ENT_OK;
}

/* Link entry i (already in d->e) into its band buckets. The tables have
 * room (grown by the caller). Returns ENT_OK or ENT_ENOMEM. */
static int link_entry(ent_dedup *d, size_t i)
{
    const ent_allocator *a = d->alloc.fn ? &d->alloc : NULL;
    int b;
    for (b = 0; b < d->bands; b++) {
        uint64_t key = band_key(d, d->e[i].v, b);
        d->next[i * d->bands + b] = ent__imap_get(&d->heads, key);
        if (ent__imap_put(a, &d->heads, key, (uint32_t)i + 1))
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/* Link all entries again into fresh buckets (after the older half was
 * dropped, or after a failed insertion left a half-linked table). When
 * memory runs out the index forgets everything rather than keep chains
 * into entries it does not hold. Returns ENT_OK or ENT_ENOMEM. */
static int relink(ent_dedup *d)
{
    const ent_allocator *a = d->alloc.fn ? &d->alloc : NULL;
    size_t i;
    ent__imap_free(a, &d->heads);
    for (i = 0; i < d->n; i++)
        if (link_entry(d, i)) {
            ent__imap_free(a, &d->heads);
            d->n = 0;
            return ENT_ENOMEM;
        }
    return ENT_OK;
}

int ent_dedup_add(ent_dedup *d, int64_t id, int64_t cluster,
                  const ent_minhash *sig)
{
    const ent_allocator *a;
    if (!d || !sig || id <= 0 || cluster <= 0 || cluster > id)
        return ENT_EINVAL;
    if (!sig->nshingles)
        return ENT_OK;
    a = d->alloc.fn ? &d->alloc : NULL;
    if (d->n >= d->max_docs) {
        /* forget the older half */
        size_t drop = d->n / 2;
        memmove(d->e, d->e + drop, (d->n - drop) * sizeof *d->e);
        d->n -= drop;
        if (relink(d))
            return ENT_ENOMEM;
    }
    if (ent__grow(a, (void **)&d->e, &d->cap, d->n + 1, sizeof *d->e) ||
        ent__grow(a, (void **)&d->next, &d->capnext,
                  (d->n + 1) * (size_t)d->bands, sizeof *d->next))
        return ENT_ENOMEM;
    d->e[d->n].id = id;
    d->e[d->n].cluster = cluster;
    memcpy(d->e[d->n].v, sig->v, sizeof sig->v);
    d->e[d->n].nsh = sig->nshingles;
    if (link_entry(d, d->n)) {
        relink(d);
        return ENT_ENOMEM;
    }
    d->n++;
    return ENT_OK;
}
