/*
 * perceptron.c -- the averaged multi-class perceptron behind the tagger
 * and the parser.
 *
 * Features are 64-bit hashes of (template, string); each feature seen in
 * training owns a row of one weight per class. Training keeps running
 * totals for averaging (the timestamp trick), so an update costs O(1).
 * Rows are written to model files with only their non-zero weights.
 */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
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

/* Find the features f[0..nf) in a table of slots (32-bit key << 32 |
 * count << 24 | offset, 0 when empty; the layout of ent__fz and
 * ent__wtab): every slot is prefetched before any is probed, so the cache
 * misses of one decision overlap. found[k] receives feature k's slot, or
 * 0 when the table lacks it. */
static void fz_find(const uint64_t *slots, size_t mask, const uint64_t *f,
                    int nf, uint64_t *found)
{
    uint32_t key[FZ_MAXF];
    size_t at[FZ_MAXF];
    int k;
    for (k = 0; k < nf; k++) {
        key[k] = fz_key(f[k]);
        at[k] = fz_slot(key[k], mask);
        __builtin_prefetch(&slots[at[k]]);
    }
    for (k = 0; k < nf; k++) {
        size_t j = at[k];
        uint64_t sl;
        for (;;) {
            sl = slots[j];
            if (!sl || (uint32_t)(sl >> 32) == key[k])
                break;
            j = (j + 1) & mask;
        }
        found[k] = sl;
    }
}

/* ent__pc_best on a frozen table: find every feature's slot, prefetch
 * every run of entries, then add. */
static int fz_best(const ent__pc *m, const uint64_t *f, int nf,
                   const unsigned char *valid, const float *base,
                   double *score)
{
    const ent__fz *z = &m->fz;
    uint64_t found[FZ_MAXF];
    int32_t acc[ENT_PC_MAXCLASS];
    int c, k, best = -1;
    if (nf > FZ_MAXF)
        nf = FZ_MAXF;
    fz_find(z->slots, z->mask, f, nf, found);
    for (k = 0; k < nf; k++)
        if (found[k])
            __builtin_prefetch(&z->entries[found[k] & 0xFFFFFFu]);
    for (c = 0; c < m->nclass; c++)
        acc[c] = 0;
    for (k = 0; k < nf; k++) {
        uint32_t v = (uint32_t)found[k], i, n = v >> 24;
        const uint32_t *e = z->entries + (v & 0xFFFFFFu);
        for (i = 0; i < n; i++)
            acc[e[i] & 0xFFu] += (int16_t)(e[i] >> 16);
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

int ent__wtab_build(const ent_allocator *a, const ent__pc *const *ms, int n,
                    ent__wtab *t)
{
    size_t i, j, nr = 0, nslots = 16, ne = 0;
    uint32_t *fill = NULL;
    int k, off;
    memset(t, 0, sizeof *t);
    for (k = 0; k < n; k++)
        for (i = 0; ms[k]->fz.slots && i <= ms[k]->fz.mask; i++)
            nr += ms[k]->fz.slots[i] != 0;
    while (nslots < nr * 2 + 2)
        nslots *= 2;
    t->slots = ent__calloc(a, nslots * sizeof *t->slots);
    if (!t->slots)
        return ENT_ENOMEM;
    t->mask = nslots - 1;
    /* pass 1: the merged table counts each key's entries in its slot */
    for (k = 0; k < n; k++) {
        const ent__fz *z = &ms[k]->fz;
        for (i = 0; z->slots && i <= z->mask; i++) {
            uint64_t sl = z->slots[i];
            uint32_t key = (uint32_t)(sl >> 32);
            if (!sl)
                continue;
            for (j = fz_slot(key, t->mask); t->slots[j]; j = (j + 1) & t->mask)
                if ((uint32_t)(t->slots[j] >> 32) == key)
                    break;
            t->slots[j] = ((uint64_t)key << 32) +
                          ((t->slots[j] & 0xFFFFFFFFu) + ((sl >> 24) & 0xFFu));
            ne += (sl >> 24) & 0xFFu;
        }
    }
    if (ne >= 0xFFFFFFu) {
        ent__wtab_free(a, t);
        return ENT_EFORMAT;
    }
    t->e = ent__malloc(a, (ne + 1) * sizeof *t->e);
    fill = ent__malloc(a, nslots * sizeof *fill);
    if (!t->e || !fill) {
        ent__free(a, fill);
        ent__wtab_free(a, t);
        return ENT_ENOMEM;
    }
    /* pass 2: offsets; pass 3: the entries, classifier by classifier */
    for (j = 0, ne = 0; j < nslots; j++) {
        uint64_t cnt = t->slots[j] & 0xFFFFFFFFu;
        if (!t->slots[j])
            continue;
        fill[j] = (uint32_t)ne;
        t->slots[j] = (t->slots[j] >> 32 << 32) | cnt << 24 | ne;
        ne += cnt;
    }
    for (k = 0, off = 0; k < n; off += ms[k]->nclass, k++) {
        const ent__fz *z = &ms[k]->fz;
        for (i = 0; z->slots && i <= z->mask; i++) {
            uint64_t sl = z->slots[i];
            uint32_t key = (uint32_t)(sl >> 32), m, nn;
            const uint32_t *e;
            if (!sl)
                continue;
            for (j = fz_slot(key, t->mask);
                 (uint32_t)(t->slots[j] >> 32) != key; j = (j + 1) & t->mask)
                ;
            nn = (uint32_t)((sl >> 24) & 0xFFu);
            e = z->entries + (sl & 0xFFFFFFu);
            for (m = 0; m < nn; m++) {
                ent__wentry *w = &t->e[fill[j]++];
                w->w = (float)(int16_t)(e[m] >> 16) * z->scale;
                w->c = (uint32_t)off + (e[m] & 0xFFu);
            }
        }
    }
    ent__free(a, fill);
    return ENT_OK;
}

void ent__wtab_add(const ent__wtab *t, const uint64_t *f, int nf, float *acc)
{
    uint64_t found[FZ_MAXF];
    int k;
    if (nf > FZ_MAXF)
        nf = FZ_MAXF;
    fz_find(t->slots, t->mask, f, nf, found);
    for (k = 0; k < nf; k++)
        if (found[k])
            __builtin_prefetch(&t->e[found[k] & 0xFFFFFFu]);
    for (k = 0; k < nf; k++) {
        uint32_t i, nn = (uint32_t)((found[k] >> 24) & 0xFFu);
        const ent__wentry *e = t->e + (found[k] & 0xFFFFFFu);
        for (i = 0; i < nn; i++)
            acc[e[i].c] += e[i].w;
    }
}

void ent__wtab_free(const ent_allocator *a, ent__wtab *t)
{
    ent__free(a, t->slots);
    ent__free(a, t->e);
    memset(t, 0, sizeof *t);
}

int ent__pc_best(const ent__pc *m, const uint64_t *f, int nf,
                 const unsigned char *valid, double *score)
{
    int c, k, best = -1;
    if (m->fz.slots)
        return fz_best(m, f, nf, valid, NULL, score);
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
    ent__free(a, m->fz.slots);
    ent__free(a, m->fz.entries);
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

/* Classifier layout in a model file (little-endian):
 *   u32 nclass; nclass names, each u8 length + bytes
 *   f32 scale; u32 nrows; u32 nentries
 *   nrows x u32 key (the upper half of the 64-bit feature key, never 0)
 *   nrows x u8 count of the row's entries
 *   nentries x i16 weight (times scale), rows in order
 *   nentries x u8 class
 * Only non-zero quantised weights are kept, and only rows whose largest
 * weight reaches prune. Reading builds the frozen table directly (three
 * block reads and one pass of inserts), so models load fast. */
int ent__pc_write(const ent__pc *m, FILE *f, float prune)
{
    uint32_t nc = (uint32_t)m->nclass, nr = 0, ne = 0, *keys = NULL;
    uint8_t *cnt = NULL, *cls = NULL;
    int16_t *q = NULL;
    size_t i, r, nk = m->nrows * (size_t)m->nclass;
    float maxw = 0, scale;
    int c, bad = 0;
    for (i = 0; i < nk; i++)
        if (fabsf(m->w[i]) > maxw)
            maxw = fabsf(m->w[i]);
    scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
    keys = ent__malloc(NULL, (m->nrows + 1) * sizeof *keys);
    cnt = ent__malloc(NULL, m->nrows + 1);
    q = ent__malloc(NULL, (nk + 1) * sizeof *q);
    cls = ent__malloc(NULL, nk + 1);
    if (!keys || !cnt || !q || !cls) {
        bad = 1;
        goto done;
    }
    for (i = 0; m->rows.vals && i <= m->rows.mask; i++) {
        uint32_t start = ne;
        float big = 0;
        if (!m->rows.vals[i])
            continue;
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
        keys[nr] = (uint32_t)(m->rows.keys[i] >> 32);
        keys[nr] = keys[nr] ? keys[nr] : 1;
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
    ent__free(NULL, keys);
    ent__free(NULL, cnt);
    ent__free(NULL, q);
    ent__free(NULL, cls);
    return bad ? ENT_EIO : ENT_OK;
}

int ent__pc_read(const ent_allocator *a, ent__pc *m, FILE *f)
{
    uint32_t nc, nr, ne, *keys = NULL, r, pos = 0;
    uint8_t *cnt = NULL, *cls = NULL;
    int16_t *q = NULL;
    float scale;
    size_t nslots = 16;
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
    while (nslots < (size_t)nr * 2 + 2) /* load factor <= 1/2 */
        nslots *= 2;
    keys = ent__malloc(a, (size_t)nr * 4 + 1);
    cnt = ent__malloc(a, (size_t)nr + 1);
    q = ent__malloc(a, (size_t)ne * 2 + 1);
    cls = ent__malloc(a, (size_t)ne + 1);
    z->slots = ent__calloc(a, nslots * sizeof *z->slots);
    z->entries = ent__malloc(a, ((size_t)ne + 1) * sizeof *z->entries);
    if (!keys || !cnt || !q || !cls || !z->slots || !z->entries) {
        rc = ENT_ENOMEM;
        goto done;
    }
    z->mask = nslots - 1;
    z->scale = scale;
    if (get(f, keys, (size_t)nr * 4) || get(f, cnt, nr) ||
        get(f, q, (size_t)ne * 2) || get(f, cls, ne)) {
        rc = ENT_EFORMAT;
        goto done;
    }
    for (r = 0; r < ne; r++) {
        if (cls[r] >= nc) {
            rc = ENT_EFORMAT;
            goto done;
        }
        z->entries[r] = (uint32_t)(uint16_t)q[r] << 16 | cls[r];
    }
    for (r = 0; r < nr; r++) {
        size_t j;
        if (!keys[r] || !cnt[r] || pos + cnt[r] > ne) {
            rc = ENT_EFORMAT;
            goto done;
        }
        for (j = fz_slot(keys[r], z->mask); z->slots[j]; j = (j + 1) & z->mask)
            if ((uint32_t)(z->slots[j] >> 32) == keys[r])
                break;
        if (!z->slots[j]) /* a second row with the same key is dropped */
            z->slots[j] = (uint64_t)keys[r] << 32 |
                          (uint64_t)((uint32_t)cnt[r] << 24 | pos);
        pos += cnt[r];
    }
    if (pos != ne)
        rc = ENT_EFORMAT;
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
        if (ms[i]->fz.slots) {
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
