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

uint64_t ent__pc_key(int t, const char *s)
{
    uint64_t h = ent__hash(s, strlen(s));
    return h ^ ((uint64_t)(t + 1) * 0x9E3779B97F4A7C15ULL);
}

int ent__pc_best(const ent__pc *m, const uint64_t *f, int nf,
                 const unsigned char *valid, double *score)
{
    int c, k, best = -1;
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

void ent__pc_free(const ent_allocator *a, ent__pc *m)
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

void ent__pc_shuffle(size_t *v, size_t n, uint64_t *seed)
{
    size_t i;
    for (i = n; i > 1; i--) {
        size_t j, tmp;
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        j = (size_t)(*seed % i);
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

/* Classifier layout in a model file:
 *   u32 nclass; nclass names, each u8 length + bytes
 *   u32 nrows; nrows rows: u64 key, u16 k, k x (u8 class, f32 weight)
 * Only weights with |w| >= 1e-4 are kept; empty rows are dropped. */
int ent__pc_write(const ent__pc *m, FILE *f)
{
    uint32_t nc = (uint32_t)m->nclass, nr = 0;
    size_t i, r;
    long nrpos;
    int c, bad = 0;
    bad |= put(f, &nc, 4);
    for (c = 0; c < m->nclass; c++) {
        uint8_t l = (uint8_t)strlen(m->names[c]);
        bad |= put(f, &l, 1) | put(f, m->names[c], l);
    }
    nrpos = ftell(f);
    bad |= put(f, &nr, 4);
    for (i = 0; m->rows.vals && i <= m->rows.mask; i++) {
        uint16_t k = 0;
        if (!m->rows.vals[i])
            continue;
        r = m->rows.vals[i] - 1;
        for (c = 0; c < m->nclass; c++)
            k += fabsf(m->w[r * nc + (size_t)c]) >= 1e-4f;
        if (!k)
            continue;
        bad |= put(f, &m->rows.keys[i], 8) | put(f, &k, 2);
        for (c = 0; c < m->nclass; c++) {
            float v = m->w[r * nc + (size_t)c];
            uint8_t cc = (uint8_t)c;
            if (fabsf(v) >= 1e-4f)
                bad |= put(f, &cc, 1) | put(f, &v, 4);
        }
        nr++;
    }
    if (nrpos < 0 || fseek(f, nrpos, SEEK_SET) != 0)
        return ENT_EIO;
    bad |= put(f, &nr, 4);
    if (fseek(f, 0, SEEK_END) != 0)
        return ENT_EIO;
    return bad ? ENT_EIO : ENT_OK;
}

int ent__pc_read(const ent_allocator *a, ent__pc *m, FILE *f)
{
    uint32_t nc, nr, r;
    int c;
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
    if (get(f, &nr, 4) || nr > 100000000u)
        return ENT_EFORMAT;
    m->w = ent__calloc(a, (size_t)nr * nc * sizeof *m->w + 1);
    if (!m->w)
        return ENT_ENOMEM;
    m->caprows = m->nrows = nr;
    for (r = 0; r < nr; r++) {
        uint64_t key;
        uint16_t k, i;
        if (get(f, &key, 8) || get(f, &k, 2))
            return ENT_EFORMAT;
        for (i = 0; i < k; i++) {
            uint8_t cc;
            float v;
            if (get(f, &cc, 1) || get(f, &v, 4) || cc >= nc || !isfinite(v))
                return ENT_EFORMAT;
            m->w[(size_t)r * nc + cc] = v;
        }
        if (ent__imap_put(a, &m->rows, key, r + 1))
            return ENT_ENOMEM;
    }
    return ENT_OK;
}
