/*
 * hash.c -- the hash tables behind every dictionary look-up.
 *
 * A string table interns words to dense integer ids (CRFsuite's quark) and
 * an integer map serves trie edges and indexes. Both use open addressing
 * with linear probing and power-of-two sizes; look-ups never scan.
 */
#include "internal.h"

#include <string.h>

/* A fast 64-bit string hash: eight bytes at a time, multiply-xorshift
 * mixing (the words we hash are short, so the tail matters most). */
uint64_t ent__hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);
    uint64_t k;
    while (n >= 8) {
        memcpy(&k, s, 8);
        h = (h ^ k) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    k = 0;
    memcpy(&k, s, n);
    h = (h ^ k) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

static int strtab_rehash(const ent_allocator *a, ent__strtab *t,
                         size_t nslots)
{
    uint64_t *s = ent__calloc(a, nslots * sizeof *s);
    size_t i;
    if (!s)
        return ENT_ENOMEM;
    for (i = 1; i <= t->n; i++) {
        size_t j = t->hash[i] & (nslots - 1);
        while (s[j])
            j = (j + 1) & (nslots - 1);
        s[j] = (t->hash[i] >> 32) << 32 | i;
    }
    ent__free(a, t->slots);
    t->slots = s;
    t->mask = nslots - 1;
    return ENT_OK;
}

uint32_t ent__strtab_find(const ent__strtab *t, const char *s, size_t n)
{
    uint64_t h;
    size_t j;
    if (!t->slots)
        return 0;
    h = ent__hash(s, n);
    for (j = h & t->mask; t->slots[j]; j = (j + 1) & t->mask) {
        uint64_t v = t->slots[j];
        uint32_t id = (uint32_t)v;
        /* the slot keeps the hash's high half: most misses end here */
        if ((v >> 32) == (h >> 32) && t->len[id] == n &&
            memcmp(t->str[id], s, n) == 0)
            return id;
    }
    return 0;
}

/* Intern s[0..n): the existing id, or a new one (ids start at 1). */
int ent__strtab_intern(const ent_allocator *a, ent__strtab *t, const char *s,
                       size_t n, uint32_t *id)
{
    uint32_t got = ent__strtab_find(t, s, n);
    char *copy;
    size_t need = t->n + 2;
    if (got) {
        *id = got;
        return ENT_OK;
    }
    if (!t->slots || (t->n + 1) * 2 > t->mask + 1) {
        if (strtab_rehash(a, t, t->slots ? (t->mask + 1) * 2 : 1024))
            return ENT_ENOMEM;
    }
    if (need > t->cap) {
        size_t c1 = t->cap, c2 = t->cap, c3 = t->cap;
        if (ent__grow(a, (void **)&t->str, &c1, need, sizeof *t->str) ||
            ent__grow(a, (void **)&t->len, &c2, need, sizeof *t->len) ||
            ent__grow(a, (void **)&t->hash, &c3, need, sizeof *t->hash))
            return ENT_ENOMEM;
        t->cap = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
    }
    copy = ent__arena_strndup(a, &t->arena, s, n);
    if (!copy)
        return ENT_ENOMEM;
    t->n++;
    t->str[t->n] = copy;
    t->len[t->n] = (uint32_t)n;
    t->hash[t->n] = ent__hash(s, n);
    {
        size_t j = t->hash[t->n] & t->mask;
        while (t->slots[j])
            j = (j + 1) & t->mask;
        t->slots[j] = (t->hash[t->n] >> 32) << 32 | t->n;
    }
    *id = (uint32_t)t->n;
    return ENT_OK;
}

void ent__strtab_free(const ent_allocator *a, ent__strtab *t)
{
    ent__free(a, t->slots);
    ent__free(a, t->str);
    ent__free(a, t->len);
    ent__free(a, t->hash);
    ent__arena_free(a, &t->arena);
    memset(t, 0, sizeof *t);
}

static uint64_t mix64(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return k;
}

static int imap_rehash(const ent_allocator *a, ent__imap *m, size_t nslots)
{
    uint64_t *k = ent__malloc(a, nslots * sizeof *k);
    uint32_t *v = ent__calloc(a, nslots * sizeof *v);
    size_t i;
    if (!k || !v) {
        ent__free(a, k);
        ent__free(a, v);
        return ENT_ENOMEM;
    }
    for (i = 0; m->vals && i <= m->mask; i++) {
        size_t j;
        if (!m->vals[i])
            continue;
        j = mix64(m->keys[i]) & (nslots - 1);
        while (v[j])
            j = (j + 1) & (nslots - 1);
        k[j] = m->keys[i];
        v[j] = m->vals[i];
    }
    ent__free(a, m->keys);
    ent__free(a, m->vals);
    m->keys = k;
    m->vals = v;
    m->mask = nslots - 1;
    return ENT_OK;
}

/* Insert or replace key -> val (val must not be 0). */
int ent__imap_put(const ent_allocator *a, ent__imap *m, uint64_t key,
                  uint32_t val)
{
    size_t j;
    if (!m->vals || (m->n + 1) * 2 > m->mask + 1) {
        if (imap_rehash(a, m, m->vals ? (m->mask + 1) * 2 : 1024))
            return ENT_ENOMEM;
    }
    for (j = mix64(key) & m->mask; m->vals[j]; j = (j + 1) & m->mask) {
        if (m->keys[j] == key) {
            m->vals[j] = val;
            return ENT_OK;
        }
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->n++;
    return ENT_OK;
}

uint32_t ent__imap_get(const ent__imap *m, uint64_t key)
{
    size_t j;
    if (!m->vals)
        return 0;
    for (j = mix64(key) & m->mask; m->vals[j]; j = (j + 1) & m->mask)
        if (m->keys[j] == key)
            return m->vals[j];
    return 0;
}

void ent__imap_free(const ent_allocator *a, ent__imap *m)
{
    ent__free(a, m->keys);
    ent__free(a, m->vals);
    memset(m, 0, sizeof *m);
}
