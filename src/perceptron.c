/*
 * perceptron.c -- the averaged multi-class perceptron behind the tagger
 * and the parser.
 *
 * Features are 64-bit hashes of (template, string); each feature seen in
 * training owns a row of one weight per class. Training keeps running
 * totals for averaging (the timestamp trick), so an update costs O(1).
 * Rows are written to model files with only their non-zero weights, the
 * most used first. A classifier read back is frozen: its rows go to
 * open-addressing tables, the most used to a hot one that stays in cache,
 * the rest to a cold one behind a Bloom filter (layout in internal.h).
 */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ent__pc_norm_word(const char *w, char *out, size_t outlen)
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

/* ---- frozen tables (layout in internal.h) ------------------------------ */

/* The 32-bit key a frozen table keeps for a feature (never 0, which marks
 * an empty slot). */
static uint32_t fz_key(uint64_t f)
{
    uint32_t k = (uint32_t)(f >> 32);
    return k ? k : 1;
}

static size_t fz_slot(uint32_t key, size_t mask)
{
    return (size_t)((key * 0x9E3779B1u) ^ (key >> 15)) & mask;
}

#define FZ_MAXF 256

/* Allocate t as a table of slots for n rows (at most half full). */
static int tab_slots(const ent_allocator *a, ent__fztab *t, size_t n)
{
    size_t nslots = 16;
    while (nslots < n * 2 + 2)
        nslots *= 2;
    t->slots = ent__calloc(a, nslots * sizeof *t->slots);
    t->mask = nslots - 1;
    return t->slots ? ENT_OK : ENT_ENOMEM;
}

/* Allocate t as a table of cells for n rows (lines at most 70% full),
 * aligned to cache lines. */
static int tab_cells(const ent_allocator *a, ent__fztab *t, size_t n)
{
    size_t nlines = 4;
    while (nlines * 7 < n * 2 + 2)
        nlines *= 2;
    t->linemem = ent__calloc(a, (nlines + 1) * sizeof *t->lines);
    if (!t->linemem)
        return ENT_ENOMEM;
    t->lines = (ent__fzline *)(((uintptr_t)t->linemem + 63) & ~(uintptr_t)63);
    t->mask = nlines - 1;
    return ENT_OK;
}

/* Release table t's memory and empty it. */
static void tab_free(const ent_allocator *a, ent__fztab *t)
{
    ent__free(a, t->slots);
    ent__free(a, t->linemem);
    memset(t, 0, sizeof *t);
}

/* Whether t was never allocated (a cold table when every row is hot). */
static int tab_empty(const ent__fztab *t)
{
    return !t->slots && !t->lines;
}

/* The slot of key in a table of slots: its own, or the empty one where it
 * would go. */
static uint64_t *slot_at(const ent__fztab *t, uint32_t key)
{
    size_t j = fz_slot(key, t->mask);
    while (t->slots[j] && (uint32_t)(t->slots[j] >> 32) != key)
        j = (j + 1) & t->mask;
    return &t->slots[j];
}

/* The same in a table of cells. A key is probed from the first cell of
 * its line on, so a look-up stays in one line unless that line is full. */
static ent__fzcell *cell_at(const ent__fztab *t, uint32_t key)
{
    size_t j = fz_slot(key, t->mask);
    for (;;) {
        ent__fzcell *c = t->lines[j].c, *end = c + 5;
        for (; c < end; c++)
            if (!c->key || c->key == key)
                return c;
        j = (j + 1) & t->mask;
    }
}

/* A cell of zero weights, for keys a table lacks. */
static const ent__fzcell no_cell;

/* The cell of key in a table of cells, or &no_cell: the five keys of its
 * line are compared at once, without a branch each (cells fill a line
 * from the first, so a line whose last cell is empty ends the search). */
static const ent__fzcell *cell_find(const ent__fztab *t, uint32_t key)
{
    size_t j = fz_slot(key, t->mask);
    for (;;) {
        const ent__fzcell *c = t->lines[j].c;
        unsigned hit = (unsigned)(c[0].key == key) |
                       (unsigned)(c[1].key == key) << 1 |
                       (unsigned)(c[2].key == key) << 2 |
                       (unsigned)(c[3].key == key) << 3 |
                       (unsigned)(c[4].key == key) << 4;
        if (hit)
            return &c[__builtin_ctz(hit)];
        if (!c[4].key)
            return &no_cell;
        j = (j + 1) & t->mask;
    }
}

/* Whether key is in table t (not empty). */
static int tab_has(const ent__fztab *t, uint32_t key)
{
    if (t->lines)
        return cell_find(t, key) != &no_cell;
    return t->slots && *slot_at(t, key) != 0;
}

/* Rows of table t are numbered 0..tab_size(t) (slots or cells, empty
 * ones included). */
static size_t tab_size(const ent__fztab *t)
{
    return t->lines ? (t->mask + 1) * 5 : t->slots ? t->mask + 1 : 0;
}

/* Row i of table t of a frozen classifier with entries e0 (slot layout):
 * *key receives its key and *e its entries in the slot form (weight << 16
 * | class), in e0 or, for cells, in buf; returns their count (0: an empty
 * row). */
static uint32_t tab_row(const ent__fztab *t, const uint32_t *e0, size_t i,
                        uint32_t *key, const uint32_t **e, uint32_t buf[3])
{
    uint32_t n = 0, c;
    if (t->lines) {
        const ent__fzcell *cell = &t->lines[i / 5].c[i % 5];
        *key = cell->key;
        for (c = 0; cell->key && c < 3; c++)
            if (cell->w[c])
                buf[n++] = (uint32_t)(uint16_t)cell->w[c] << 16 | c;
        *e = buf;
        return n;
    }
    *key = (uint32_t)(t->slots[i] >> 32);
    *e = e0 + (t->slots[i] & 0xFFFFFFu);
    return (uint32_t)((t->slots[i] >> 24) & 0xFFu);
}

/* The Bloom filter's hash of a key: the word in its upper bits, four bit
 * positions in its lower 24. */
static uint64_t bloom_hash(uint32_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

/* The four bits of hash h within its word. */
static uint64_t bloom_bits(uint64_t h)
{
    return 1ULL << (h & 63) | 1ULL << (h >> 6 & 63) | 1ULL << (h >> 12 & 63) |
           1ULL << (h >> 18 & 63);
}

/* Allocate b for n keys (about 11 bits a key: 2-3% false positives). */
static int bloom_alloc(const ent_allocator *a, ent__bloom *b, size_t n)
{
    size_t words = 4;
    while (words * 64 < n * 8)
        words *= 2;
    b->w = ent__calloc(a, words * sizeof *b->w);
    b->mask = words - 1;
    return b->w ? ENT_OK : ENT_ENOMEM;
}

/* Set key's bits in b. */
static void bloom_add(ent__bloom *b, uint32_t key)
{
    uint64_t h = bloom_hash(key);
    b->w[(h >> 24) & b->mask] |= bloom_bits(h);
}

/* Of the features f[k] for k in miss[0..nm) (keys key[]) that a hot table
 * lacks, keep in miss those the Bloom filter b of the cold table admits,
 * prefetching their words first; returns how many. */
static int bloom_pass(const ent__bloom *b, const uint32_t *key, int *miss,
                      int nm)
{
    uint64_t h[FZ_MAXF];
    int i, n = 0;
    for (i = 0; i < nm; i++) {
        h[i] = bloom_hash(key[miss[i]]);
        __builtin_prefetch(&b->w[(h[i] >> 24) & b->mask]);
    }
    for (i = 0; i < nm; i++) {
        uint64_t bits = bloom_bits(h[i]);
        if ((b->w[(h[i] >> 24) & b->mask] & bits) == bits)
            miss[n++] = miss[i];
    }
    return n;
}

/* Find the features f[0..nf) in the slots of hot, then those it lacks in
 * cold when the Bloom filter b admits them. At each level every slot is
 * prefetched before any is probed, so the cache misses of a decision
 * overlap. found[k] receives feature k's slot, or 0. */
static void slots_find(const ent__fztab *hot, const ent__fztab *cold,
                       const ent__bloom *b, const uint64_t *f, int nf,
                       uint64_t *found)
{
    uint32_t key[FZ_MAXF];
    int miss[FZ_MAXF], nm = 0, k, i;
    for (k = 0; k < nf; k++) {
        key[k] = fz_key(f[k]);
        __builtin_prefetch(&hot->slots[fz_slot(key[k], hot->mask)]);
    }
    for (k = 0; k < nf; k++)
        if (!(found[k] = *slot_at(hot, key[k])))
            miss[nm++] = k;
    if (!nm || tab_empty(cold))
        return;
    nm = bloom_pass(b, key, miss, nm);
    for (i = 0; i < nm; i++)
        __builtin_prefetch(&cold->slots[fz_slot(key[miss[i]], cold->mask)]);
    for (i = 0; i < nm; i++)
        found[miss[i]] = *slot_at(cold, key[miss[i]]);
}

/* The same for a classifier of cells, adding the weights of the features
 * found to acc[0..3). */
static void cells_add(const ent__fz *z, const uint64_t *f, int nf,
                      int32_t *acc)
{
    uint32_t key[FZ_MAXF];
    int miss[FZ_MAXF], nm = 0, k, i;
    const ent__fzcell *c;
    for (k = 0; k < nf; k++) {
        key[k] = fz_key(f[k]);
        __builtin_prefetch(&z->hot.lines[fz_slot(key[k], z->hot.mask)]);
    }
    for (k = 0; k < nf; k++) {
        c = cell_find(&z->hot, key[k]);
        acc[0] += c->w[0];
        acc[1] += c->w[1];
        acc[2] += c->w[2];
        miss[nm] = k;
        nm += c == &no_cell;
    }
    if (!nm || tab_empty(&z->cold))
        return;
    nm = bloom_pass(&z->coldkeys, key, miss, nm);
    for (i = 0; i < nm; i++)
        __builtin_prefetch(
            &z->cold.lines[fz_slot(key[miss[i]], z->cold.mask)]);
    for (i = 0; i < nm; i++) {
        c = cell_at(&z->cold, key[miss[i]]);
        acc[0] += c->w[0]; /* an empty cell's weights are 0 */
        acc[1] += c->w[1];
        acc[2] += c->w[2];
    }
}

/* Whether m was read from a model file (scores, cannot learn). */
static int frozen(const ent__pc *m)
{
    return !tab_empty(&m->fz.hot);
}

/* ent__pc_best on a frozen classifier. Of slots: find every feature,
 * prefetch every run of entries, then add them (in this function: acc
 * stays a local array, which the compiler knows no entry aliases). */
static int fz_best(const ent__pc *m, const uint64_t *f, int nf,
                   const unsigned char *valid, const float *base,
                   double *score)
{
    const ent__fz *z = &m->fz;
    int32_t acc[ENT_PC_MAXCLASS];
    int c, k, best = -1;
    if (nf > FZ_MAXF)
        nf = FZ_MAXF;
    for (c = 0; c < m->nclass || c < 3; c++)
        acc[c] = 0;
    if (z->hot.lines) {
        cells_add(z, f, nf, acc);
    } else {
        uint64_t found[FZ_MAXF];
        slots_find(&z->hot, &z->cold, &z->coldkeys, f, nf, found);
        for (k = 0; k < nf; k++)
            if (found[k])
                __builtin_prefetch(&z->entries[found[k] & 0xFFFFFFu]);
        for (k = 0; k < nf; k++) {
            uint32_t v = (uint32_t)found[k], i, n = v >> 24;
            const uint32_t *e = z->entries + (v & 0xFFFFFFu);
            for (i = 0; i < n; i++)
                acc[e[i] & 0xFFu] += (int16_t)(e[i] >> 16);
        }
    }
    if (base) {
        for (c = 0; c < m->nclass; c++) {
            score[c] = (double)acc[c] * z->scale + base[c];
            if ((!valid || valid[c]) && (best < 0 || score[c] > score[best]))
                best = c;
        }
        return best < 0 ? 0 : best;
    }
    for (c = 0; c < m->nclass; c++) {
        score[c] = (double)acc[c] * z->scale;
        if ((!valid || valid[c]) && (best < 0 || acc[c] > acc[best]))
            best = c;
    }
    return best < 0 ? 0 : best;
}

int ent__pc_best_base(const ent__pc *m, const uint64_t *f, int nf,
                      const float *base, double *score)
{
    return fz_best(m, f, nf, NULL, base, score);
}

/* Release the frozen tables of z. */
static void fz_free(const ent_allocator *a, ent__fz *z)
{
    tab_free(a, &z->hot);
    tab_free(a, &z->cold);
    ent__free(a, z->coldkeys.w);
    ent__free(a, z->entries);
    memset(z, 0, sizeof *z);
}

/* Add the count of key's entries to its slot in the merged table t: in
 * hot when hot (or when the key is already there), else in cold. */
static void wtab_count(ent__wtab *t, uint32_t key, uint32_t cnt, int hot)
{
    uint64_t *sl = slot_at(&t->hot, key);
    if (!*sl && !hot)
        sl = slot_at(&t->cold, key);
    *sl = ((uint64_t)key << 32) + ((*sl & 0xFFFFFFFFu) + cnt);
}

/* Turn the counts in t's slots into offsets (from *ne on); fill[j]
 * receives slot j's first free entry. */
static void wtab_offsets(ent__fztab *t, uint32_t *fill, size_t *ne)
{
    size_t j;
    for (j = 0; j < tab_size(t); j++) {
        uint64_t cnt = t->slots[j] & 0xFFFFFFFFu;
        if (!t->slots[j])
            continue;
        fill[j] = (uint32_t)*ne;
        t->slots[j] = (t->slots[j] >> 32 << 32) | cnt << 24 | *ne;
        *ne += cnt;
    }
}

/* *out receives the number of distinct keys in the hot tables of the n
 * classifiers ms[] (the size of a merged hot table, which must stay small
 * to stay in cache). */
static int distinct_hot(const ent_allocator *a, const ent__pc *const *ms,
                        int n, size_t *out)
{
    ent__fztab seen;
    uint32_t buf[3];
    size_t i, sum = 0;
    int k;
    memset(&seen, 0, sizeof seen);
    for (k = 0; k < n; k++)
        sum += ms[k]->fz.hot.rows;
    if (tab_slots(a, &seen, sum))
        return ENT_ENOMEM;
    *out = 0;
    for (k = 0; k < n; k++) {
        const ent__fz *z = &ms[k]->fz;
        for (i = 0; i < tab_size(&z->hot); i++) {
            uint32_t key;
            const uint32_t *e;
            uint64_t *sl;
            if (!tab_row(&z->hot, z->entries, i, &key, &e, buf))
                continue;
            sl = slot_at(&seen, key);
            *out += !*sl;
            *sl = (uint64_t)key << 32 | 1;
        }
    }
    tab_free(a, &seen);
    return ENT_OK;
}

int ent__wtab_build(const ent_allocator *a, const ent__pc *const *ms, int n,
                    ent__wtab *t)
{
    uint32_t buf[3], *fill[2] = {NULL, NULL};
    size_t i, nh = 0, nc = 0, ne = 0;
    int k, c, off, lvl, nmerged = 0, rc = ENT_OK;
    memset(t, 0, sizeof *t);
    for (k = 0; k < n; k++) {
        nmerged += ms[k]->nclass;
        nh += ms[k]->fz.hot.rows;
        nc += ms[k]->fz.cold.rows;
    }
    if (nmerged > 0xFFFF) /* classes are 16 bits in the entries */
        return ENT_EINVAL;
    if (distinct_hot(a, ms, n, &nh) || tab_slots(a, &t->hot, nh) ||
        (nc && (tab_slots(a, &t->cold, nc) ||
                bloom_alloc(a, &t->coldkeys, nc)))) {
        ent__wtab_free(a, t);
        return ENT_ENOMEM;
    }
    /* pass 1: the merged table counts each key's entries in its slot, hot
     * keys (hot in any classifier) first */
    for (lvl = 0; lvl < 2; lvl++)
        for (k = 0; k < n; k++) {
            const ent__fz *z = &ms[k]->fz;
            const ent__fztab *zt = lvl ? &z->cold : &z->hot;
            for (i = 0; i < tab_size(zt); i++) {
                uint32_t key, cnt;
                const uint32_t *e;
                if ((cnt = tab_row(zt, z->entries, i, &key, &e, buf)))
                    wtab_count(t, key, cnt, !lvl);
            }
        }
    for (i = 0; i < tab_size(&t->cold); i++)
        if (t->cold.slots[i])
            bloom_add(&t->coldkeys, (uint32_t)(t->cold.slots[i] >> 32));
    /* pass 2: offsets, hot rows first; pass 3: the entries, classifier by
     * classifier */
    fill[0] = ent__malloc(a, tab_size(&t->hot) * sizeof *fill[0] + 1);
    fill[1] = ent__malloc(a, tab_size(&t->cold) * sizeof *fill[1] + 1);
    if (!fill[0] || !fill[1]) {
        rc = ENT_ENOMEM;
        goto done;
    }
    wtab_offsets(&t->hot, fill[0], &ne);
    wtab_offsets(&t->cold, fill[1], &ne);
    if (ne >= 0xFFFFFFu) {
        rc = ENT_EFORMAT;
        goto done;
    }
    t->e = ent__malloc(a, (ne + 1) * sizeof *t->e);
    t->cscale = ent__malloc(a, ((size_t)nmerged + 1) * sizeof *t->cscale);
    if (!t->e || !t->cscale) {
        rc = ENT_ENOMEM;
        goto done;
    }
    for (k = 0, off = 0; k < n; off += ms[k]->nclass, k++)
        for (c = 0; c < ms[k]->nclass; c++)
            t->cscale[off + c] = ms[k]->fz.scale;
    for (k = 0, off = 0; k < n; off += ms[k]->nclass, k++)
        for (lvl = 0; lvl < 2; lvl++) {
            const ent__fz *z = &ms[k]->fz;
            const ent__fztab *zt = lvl ? &z->cold : &z->hot;
            for (i = 0; i < tab_size(zt); i++) {
                uint32_t key, m, nn, *at;
                const uint32_t *e;
                uint64_t *sl;
                if (!(nn = tab_row(zt, z->entries, i, &key, &e, buf)))
                    continue;
                sl = slot_at(&t->hot, key);
                at = *sl ? &fill[0][sl - t->hot.slots]
                         : &fill[1][slot_at(&t->cold, key) - t->cold.slots];
                for (m = 0; m < nn; m++)
                    t->e[(*at)++] = (e[m] >> 16 << 16) + (uint32_t)off +
                                    (e[m] & 0xFFu);
            }
        }
done:
    ent__free(a, fill[0]);
    ent__free(a, fill[1]);
    if (rc)
        ent__wtab_free(a, t);
    return rc;
}

void ent__wtab_add(const ent__wtab *t, const uint64_t *f, int nf, float *acc)
{
    uint64_t found[FZ_MAXF];
    int k;
    if (nf > FZ_MAXF)
        nf = FZ_MAXF;
    slots_find(&t->hot, &t->cold, &t->coldkeys, f, nf, found);
    for (k = 0; k < nf; k++)
        if (found[k])
            __builtin_prefetch(&t->e[found[k] & 0xFFFFFFu]);
    for (k = 0; k < nf; k++) {
        uint32_t i, nn = (uint32_t)((found[k] >> 24) & 0xFFu);
        const uint32_t *e = t->e + (found[k] & 0xFFFFFFu);
        for (i = 0; i < nn; i++) {
            uint32_t c = e[i] & 0xFFFFu;
            acc[c] += (float)(int16_t)(e[i] >> 16) * t->cscale[c];
        }
    }
}

void ent__wtab_free(const ent_allocator *a, ent__wtab *t)
{
    tab_free(a, &t->hot);
    tab_free(a, &t->cold);
    ent__free(a, t->coldkeys.w);
    ent__free(a, t->e);
    ent__free(a, t->cscale);
    memset(t, 0, sizeof *t);
}

/* The row-map key of feature f in m (a thawed classifier keeps only the
 * upper half, as its model file did). */
static uint64_t row_key(const ent__pc *m, uint64_t f)
{
    return m->key32 ? (uint64_t)fz_key(f) << 32 : f;
}

int ent__pc_best(const ent__pc *m, const uint64_t *f, int nf,
                 const unsigned char *valid, double *score)
{
    int c, k, best = -1;
    if (frozen(m))
        return fz_best(m, f, nf, valid, NULL, score);
    for (c = 0; c < m->nclass; c++)
        score[c] = 0;
    for (k = 0; k < nf; k++) {
        uint32_t r = ent__imap_get(&m->rows, row_key(m, f[k]));
        const float *w;
        if (!r)
            continue;
        w = m->w + (size_t)(r - 1) * (size_t)m->nclass;
        for (c = 0; c < m->nclass; c++)
            score[c] += w[c];
    }
    for (c = 0; c < m->nclass; c++)
        if ((!valid || valid[c]) && (best < 0 || score[c] > score[best]))
            best = c;
    return best < 0 ? 0 : best;
}

int ent__pc_class(const ent_allocator *a, ent__pc *m, const char *name)
{
    int c;
    for (c = 0; c < m->nclass; c++)
        if (!strcmp(m->names[c], name))
            return c;
    if (m->nclass == ENT_PC_MAXCLASS)
        return -1;
    m->names[m->nclass] = ent__strndup(a, name, strlen(name));
    if (!m->names[m->nclass])
        return -1;
    return m->nclass++;
}

uint32_t ent__pc_row(const ent_allocator *a, ent__pc *m, uint64_t key)
{
    uint32_t r = ent__imap_get(&m->rows, key);
    size_t nc = (size_t)m->nclass, c1, c2, c3;
    if (r)
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

void ent__pc_update(ent__pc *m, uint32_t row, int c, float delta,
                    uint32_t now)
{
    size_t k = (size_t)(row - 1) * (size_t)m->nclass + (size_t)c;
    m->total[k] += (double)(now - m->stamp[k]) * m->w[k];
    m->stamp[k] = now;
    m->w[k] += delta;
}

int ent__pc_learn(const ent_allocator *a, ent__pc *m, const uint64_t *f,
                  int nf, int gold, int pred, uint32_t now)
{
    int k;
    if (gold == pred)
        return ENT_OK;
    for (k = 0; k < nf; k++) {
        uint32_t r = ent__pc_row(a, m, f[k]);
        if (!r)
            return ENT_ENOMEM;
        ent__pc_update(m, r, gold, 1.0f, now);
        ent__pc_update(m, r, pred, -1.0f, now);
    }
    return ENT_OK;
}

int ent__pc_count(const ent_allocator *a, ent__pc *m, const uint64_t *f,
                  int nf)
{
    int k;
    if (!m->use) {
        m->nuse = m->nrows;
        m->use = ent__calloc(a, (m->nuse + 1) * sizeof *m->use);
        if (!m->use)
            return ENT_ENOMEM;
    }
    for (k = 0; k < nf; k++) {
        uint32_t r = ent__imap_get(&m->rows, row_key(m, f[k]));
        if (r && r <= m->nuse && m->use[r - 1] < UINT32_MAX)
            m->use[r - 1]++;
    }
    return ENT_OK;
}

int ent__pc_thaw(const ent_allocator *a, ent__pc *m)
{
    ent__fz *z = &m->fz;
    uint32_t buf[3];
    size_t i;
    int lvl;
    if (!frozen(m))
        return ENT_EINVAL;
    for (lvl = 0; lvl < 2; lvl++) {
        const ent__fztab *t = lvl ? &z->cold : &z->hot;
        for (i = 0; i < tab_size(t); i++) {
            uint32_t key, n, j, r;
            const uint32_t *e;
            if (!(n = tab_row(t, z->entries, i, &key, &e, buf)))
                continue;
            if (!(r = ent__pc_row(a, m, (uint64_t)key << 32)))
                return ENT_ENOMEM;
            for (j = 0; j < n; j++)
                m->w[(size_t)(r - 1) * (size_t)m->nclass + (e[j] & 0xFFu)] =
                    (float)(int16_t)(e[j] >> 16) * z->scale;
        }
    }
    ent__free(a, m->total);
    ent__free(a, m->stamp);
    m->total = NULL;
    m->stamp = NULL;
    m->key32 = 1;
    m->qscale = z->scale;
    fz_free(a, z);
    return ENT_OK;
}

void ent__pc_average(const ent_allocator *a, ent__pc *m, uint32_t now)
{
    size_t k, nk = m->nrows * (size_t)m->nclass;
    for (k = 0; k < nk; k++) {
        m->total[k] += (double)(now - m->stamp[k]) * m->w[k];
        m->w[k] = (float)(m->total[k] / now);
    }
    ent__free(a, m->total);
    ent__free(a, m->stamp);
    m->total = NULL;
    m->stamp = NULL;
}

int ent__pc_add(const ent_allocator *a, ent__pc *dst, const ent__pc *src)
{
    size_t i, nc = (size_t)dst->nclass, c;
    if (src->nclass != dst->nclass || dst->total)
        return ENT_EINVAL;
    for (i = 0; src->rows.vals && i <= src->rows.mask; i++) {
        uint32_t r, sr = src->rows.vals[i];
        if (!sr)
            continue;
        r = ent__imap_get(&dst->rows, src->rows.keys[i]);
        if (!r) {
            if (ent__grow(a, (void **)&dst->w, &dst->caprows,
                          (dst->nrows + 1) * nc, sizeof *dst->w))
                return ENT_ENOMEM;
            memset(dst->w + dst->nrows * nc, 0, nc * sizeof *dst->w);
            r = (uint32_t)++dst->nrows;
            if (ent__imap_put(a, &dst->rows, src->rows.keys[i], r))
                return ENT_ENOMEM;
        }
        for (c = 0; c < nc; c++)
            dst->w[(size_t)(r - 1) * nc + c] += src->w[(size_t)(sr - 1) * nc + c];
    }
    return ENT_OK;
}

void ent__pc_scale(ent__pc *m, float k)
{
    size_t i, n = m->nrows * (size_t)m->nclass;
    for (i = 0; i < n; i++)
        m->w[i] *= k;
}

void ent__pc_free(const ent_allocator *a, ent__pc *m)
{
    int c;
    for (c = 0; c < m->nclass; c++)
        ent__free(a, m->names[c]);
    ent__imap_free(a, &m->rows);
    ent__free(a, m->w);
    ent__free(a, m->total);
    ent__free(a, m->stamp);
    ent__free(a, m->use);
    fz_free(a, &m->fz);
    memset(m, 0, sizeof *m);
}

uint64_t ent__pc_rand(uint64_t *seed)
{
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    return *seed;
}

void ent__pc_shuffle(size_t *v, size_t n, uint64_t *seed)
{
    size_t i;
    for (i = n; i > 1; i--) {
        size_t j, tmp;
        j = (size_t)(ent__pc_rand(seed) % i);
        tmp = v[i - 1];
        v[i - 1] = v[j];
        v[j] = tmp;
    }
}

static int put(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int get(FILE *f, void *p, size_t n)
{
    return fread(p, 1, n, f) == n ? 0 : -1;
}

/* qsort order: descending 64-bit values. */
static int desc_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? 1 : a > b ? -1 : 0;
}

/* The rows of m in the order a model file lists them: by use, most used
 * first (m->use; none: all equal), then by place in the row map. Each
 * item is use << 32 | ~place, so that sorting descending gives this
 * order; *n receives how many. NULL: out of memory. */
static uint64_t *row_order(const ent__pc *m, size_t *n)
{
    uint64_t *ord = ent__malloc(NULL, (m->nrows + 1) * sizeof *ord);
    size_t i;
    *n = 0;
    if (!ord)
        return NULL;
    for (i = 0; m->rows.vals && i <= m->rows.mask; i++) {
        uint32_t r = m->rows.vals[i];
        uint64_t use = m->use && r && r <= m->nuse ? m->use[r - 1] : 0;
        if (r)
            ord[(*n)++] = use << 32 | (uint32_t)~(uint32_t)i;
    }
    qsort(ord, *n, sizeof *ord, desc_u64);
    return ord;
}

/* Classifier layout in a model file (little-endian):
 *   u32 nclass; nclass names, each u8 length + bytes
 *   f32 scale; u32 nrows; u32 nentries
 *   nrows x u32 key (the upper half of the 64-bit feature key, never 0)
 *   nrows x u8 count of the row's entries
 *   nentries x i16 weight (times scale), rows in order
 *   nentries x u8 class
 * Rows are listed most used first (ent__pc_count; in the order of the row
 * map when uncounted), which is what puts them in the hot table on
 * reading. Only non-zero quantised weights are kept, and only rows whose
 * largest weight reaches prune. Reading builds the frozen tables directly
 * (three block reads and one pass of inserts), so models load fast. */

int ent__pc_write(const ent__pc *m, FILE *f, float prune)
{
    uint32_t nc = (uint32_t)m->nclass, nr = 0, ne = 0, *keys = NULL;
    uint8_t *cnt = NULL, *cls = NULL;
    int16_t *q = NULL;
    uint64_t *ord = NULL;
    size_t i, o, nord = 0, r, nk = m->nrows * (size_t)m->nclass;
    float maxw = 0, scale;
    int c, bad = 0;
    for (i = 0; i < nk; i++)
        if (fabsf(m->w[i]) > maxw)
            maxw = fabsf(m->w[i]);
    scale = m->qscale > 0 ? m->qscale : maxw > 0 ? maxw / 32767.0f : 1.0f;
    keys = ent__malloc(NULL, (m->nrows + 1) * sizeof *keys);
    cnt = ent__malloc(NULL, m->nrows + 1);
    q = ent__malloc(NULL, (nk + 1) * sizeof *q);
    cls = ent__malloc(NULL, nk + 1);
    ord = row_order(m, &nord);
    if (!keys || !cnt || !q || !cls || !ord) {
        bad = 1;
        goto done;
    }
    for (o = 0; o < nord; o++) {
        uint32_t start = ne;
        float big = 0;
        i = (uint32_t)~(uint32_t)ord[o];
        r = m->rows.vals[i] - 1;
        for (c = 0; c < m->nclass; c++) {
            float v = m->w[r * nc + (size_t)c];
            long qv = lrintf(v / scale);
            if (fabsf(v) > big)
                big = fabsf(v);
            if (!qv)
                continue;
            q[ne] = (int16_t)(qv > 32767 ? 32767 : qv < -32767 ? -32767 : qv);
            cls[ne++] = (uint8_t)c;
        }
        if (ne == start)
            continue;
        if (big < prune) {
            ne = start;
            continue;
        }
        keys[nr] = fz_key(m->rows.keys[i]);
        cnt[nr++] = (uint8_t)(ne - start);
    }
    bad |= put(f, &nc, 4);
    for (c = 0; c < m->nclass; c++) {
        uint8_t l = (uint8_t)strlen(m->names[c]);
        bad |= put(f, &l, 1) | put(f, m->names[c], l);
    }
    bad |= put(f, &scale, 4) | put(f, &nr, 4) | put(f, &ne, 4);
    bad |= put(f, keys, (size_t)nr * 4) | put(f, cnt, nr) |
           put(f, q, (size_t)ne * 2) | put(f, cls, ne);
done:
    ent__free(NULL, ord);
    ent__free(NULL, keys);
    ent__free(NULL, cnt);
    ent__free(NULL, q);
    ent__free(NULL, cls);
    return bad ? ENT_EIO : ENT_OK;
}

/* Build the frozen tables of z from the nr rows read from a model file
 * (keys[], with cnt[] entries each: weights q[] of classes cls[], already
 * checked; ne in all). The first ENT_FZ_HOT rows, the most used, go to the
 * hot table, the others to the cold one; a second row with a key already
 * seen is dropped. */
static int fz_build(const ent_allocator *a, ent__fz *z, int nclass,
                    const uint32_t *keys, const uint8_t *cnt, uint32_t nr,
                    const int16_t *q, const uint8_t *cls, uint32_t ne)
{
    size_t nhot = nr < ENT_FZ_HOT ? nr : ENT_FZ_HOT, ncold = nr - nhot;
    int (*alloc)(const ent_allocator *, ent__fztab *, size_t) =
        nclass <= 3 ? tab_cells : tab_slots;
    uint32_t r, pos = 0;
    if (alloc(a, &z->hot, nhot) ||
        (ncold && (alloc(a, &z->cold, ncold) ||
                   bloom_alloc(a, &z->coldkeys, ncold))))
        return ENT_ENOMEM;
    if (nclass > 3) {
        z->entries = ent__malloc(a, ((size_t)ne + 1) * sizeof *z->entries);
        if (!z->entries)
            return ENT_ENOMEM;
        for (r = 0; r < ne; r++)
            z->entries[r] = (uint32_t)(uint16_t)q[r] << 16 | cls[r];
    }
    for (r = 0; r < nr; pos += cnt[r], r++) {
        ent__fztab *t = r < nhot ? &z->hot : &z->cold;
        uint32_t e;
        if (t == &z->cold && tab_has(&z->hot, keys[r]))
            continue;
        if (t->slots) {
            uint64_t *sl = slot_at(t, keys[r]);
            if (*sl)
                continue;
            *sl = (uint64_t)keys[r] << 32 |
                  (uint64_t)((uint32_t)cnt[r] << 24 | pos);
        } else {
            ent__fzcell *c = cell_at(t, keys[r]);
            if (c->key)
                continue;
            c->key = keys[r];
            for (e = pos; e < pos + cnt[r]; e++) {
                if (c->w[cls[e]])
                    return ENT_EFORMAT; /* a class twice in one row */
                c->w[cls[e]] = q[e];
            }
        }
        t->rows++;
        if (t == &z->cold)
            bloom_add(&z->coldkeys, keys[r]);
    }
    return ENT_OK;
}

int ent__pc_read(const ent_allocator *a, ent__pc *m, FILE *f)
{
    uint32_t nc, nr, ne, *keys = NULL, r, pos = 0;
    uint8_t *cnt = NULL, *cls = NULL;
    int16_t *q = NULL;
    float scale;
    int c, rc = ENT_OK;
    ent__fz *z = &m->fz;
    if (get(f, &nc, 4) || nc == 0 || nc > ENT_PC_MAXCLASS)
        return ENT_EFORMAT;
    for (c = 0; c < (int)nc; c++) {
        uint8_t l;
        char name[256];
        if (get(f, &l, 1) || get(f, name, l))
            return ENT_EFORMAT;
        name[l] = 0;
        m->names[c] = ent__strndup(a, name, l);
        if (!m->names[c])
            return ENT_ENOMEM;
        m->nclass = c + 1;
    }
    if (get(f, &scale, 4) || !isfinite(scale) || scale <= 0 ||
        get(f, &nr, 4) || get(f, &ne, 4) || nr > 0x4000000u ||
        ne >= 0xFFFFFFu)
        return ENT_EFORMAT; /* offsets are 24 bits */
    keys = ent__malloc(a, (size_t)nr * 4 + 1);
    cnt = ent__malloc(a, (size_t)nr + 1);
    q = ent__malloc(a, (size_t)ne * 2 + 1);
    cls = ent__malloc(a, (size_t)ne + 1);
    if (!keys || !cnt || !q || !cls) {
        rc = ENT_ENOMEM;
        goto done;
    }
    z->scale = scale;
    if (get(f, keys, (size_t)nr * 4) || get(f, cnt, nr) ||
        get(f, q, (size_t)ne * 2) || get(f, cls, ne)) {
        rc = ENT_EFORMAT;
        goto done;
    }
    for (r = 0; r < ne; r++)
        if (cls[r] >= nc) {
            rc = ENT_EFORMAT;
            goto done;
        }
    for (r = 0; r < nr; r++) {
        if (!keys[r] || !cnt[r] || pos + cnt[r] > ne) {
            rc = ENT_EFORMAT;
            goto done;
        }
        pos += cnt[r];
    }
    rc = pos == ne ? fz_build(a, z, (int)nc, keys, cnt, nr, q, cls, ne)
                   : ENT_EFORMAT;
done:
    ent__free(a, keys);
    ent__free(a, cnt);
    ent__free(a, q);
    ent__free(a, cls);
    return rc;
}

int ent__model_save(const char *path, const char *magic, ent__pc *const *ms,
                    int n, float prune, char *err, size_t errlen)
{
    FILE *f;
    int i, rc = ENT_OK;
    if (!path)
        return ENT_EINVAL;
    for (i = 0; i < n; i++) {
        if (frozen(ms[i])) {
            if (err)
                snprintf(err, errlen,
                         "%s: a loaded model cannot be saved again; save "
                         "the one that was trained", path);
            return ENT_EINVAL;
        }
    }
    f = fopen(path, "wb");
    if (!f) {
        if (err)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    if (fwrite(magic, 1, 8, f) != 8)
        rc = ENT_EIO;
    for (i = 0; rc == ENT_OK && i < n; i++)
        rc = ent__pc_write(ms[i], f, prune);
    if (fclose(f) != 0)
        rc = ENT_EIO;
    if (rc && err)
        snprintf(err, errlen, "%s: write error", path);
    return rc;
}

int ent__model_load(const char *path, const char *magic, const char *what,
                    const ent_allocator *a, ent__pc *const *ms, int n,
                    char *err, size_t errlen)
{
    FILE *f;
    char m8[8];
    int i, rc = ENT_OK;
    if (!path)
        return ENT_EINVAL;
    f = fopen(path, "rb");
    if (!f) {
        if (err)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    if (fread(m8, 1, 8, f) != 8 || memcmp(m8, magic, 8))
        rc = ENT_EFORMAT;
    for (i = 0; rc == ENT_OK && i < n; i++)
        rc = ent__pc_read(a, ms[i], f);
    if (rc == ENT_OK && fgetc(f) != EOF)
        rc = ENT_EFORMAT; /* trailing bytes */
    fclose(f);
    if (rc == ENT_EFORMAT && err)
        snprintf(err, errlen, "%s: not an entente %s model (bad or truncated "
                 "file)", path, what);
    else if (rc && err)
        snprintf(err, errlen, "%s: %s", path, ent_strerror(rc));
    return rc;
}
