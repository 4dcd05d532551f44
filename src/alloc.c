/*
 * alloc.c -- the allocation seam, growable buffers and arenas.
 *
 * Every allocation in libentente goes through the handle's ent_allocator
 * (Lua's lua_Alloc idea), so tests can fail the Nth allocation and prove
 * that out-of-memory is reported, never crashed on.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Default allocator: the C library. */
static void *std_alloc(void *ud, void *p, size_t n)
{
    (void)ud;
    if (n == 0) {
        free(p);
        return NULL;
    }
    return realloc(p, n);
}

void *ent__realloc(const ent_allocator *a, void *p, size_t n)
{
    if (a && a->fn)
        return a->fn(a->ud, p, n);
    return std_alloc(NULL, p, n);
}

void *ent__malloc(const ent_allocator *a, size_t n)
{
    return ent__realloc(a, NULL, n ? n : 1);
}

void *ent__calloc(const ent_allocator *a, size_t n)
{
    void *p = ent__malloc(a, n);
    if (p)
        memset(p, 0, n ? n : 1);
    return p;
}

void ent__free(const ent_allocator *a, void *p)
{
    if (p)
        ent__realloc(a, p, 0);
}

char *ent__strndup(const ent_allocator *a, const char *s, size_t n)
{
    char *d = ent__malloc(a, n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

int ent__grow(const ent_allocator *a, void **p, size_t *cap, size_t need,
              size_t sz)
{
    size_t nc;
    void *np;
    if (need <= *cap)
        return ENT_OK;
    nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    np = ent__realloc(a, *p, nc * sz);
    if (!np)
        return ENT_ENOMEM;
    *p = np;
    *cap = nc;
    return ENT_OK;
}

int ent__buf_add(const ent_allocator *a, ent__buf *b, const char *s,
                 size_t n)
{
    if (ent__grow(a, (void **)&b->p, &b->cap, b->n + n + 1, 1))
        return ENT_ENOMEM;
    if (n)
        memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return ENT_OK;
}

int ent__buf_printf(const ent_allocator *a, ent__buf *b, const char *fmt, ...)
{
    va_list ap;
    int k;
    char small[256];
    va_start(ap, fmt);
    k = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (k < 0)
        return ENT_EINVAL;
    if ((size_t)k < sizeof small)
        return ent__buf_add(a, b, small, (size_t)k);
    if (ent__grow(a, (void **)&b->p, &b->cap, b->n + (size_t)k + 1, 1))
        return ENT_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
    return ENT_OK;
}

void ent__buf_free(const ent_allocator *a, ent__buf *b)
{
    ent__free(a, b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

int ent__read_file(const ent_allocator *a, const char *path, ent__buf *b)
{
    FILE *f = fopen(path, "rb");
    char tmp[65536];
    size_t k;
    int rc = ENT_OK;
    b->n = 0;
    if (!f)
        return ENT_EIO;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) {
        rc = ent__buf_add(a, b, tmp, k);
        if (rc)
            break;
    }
    if (!rc && ferror(f))
        rc = ENT_EIO;
    fclose(f);
    if (!rc && !b->p)
        rc = ent__buf_add(a, b, "", 0);
    return rc;
}

void ent__errv(char *err, size_t errlen, const char *file, unsigned long line,
               const char *fmt, va_list ap)
{
    int k;
    if (!err || !errlen)
        return;
    /* line 0: the file as a whole ("x.txt: empty input") */
    k = line ? snprintf(err, errlen, "%s:%lu: ", file, line)
             : snprintf(err, errlen, "%s: ", file);
    if (k >= 0 && (size_t)k < errlen)
        vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
}

/* Arena chunks: a header followed by the bytes handed out. */
struct ent__chunk {
    struct ent__chunk *next;
    size_t used, size;
    max_align_t data[];
};

void *ent__arena_alloc(const ent_allocator *a, ent__arena *ar, size_t n)
{
    struct ent__chunk *c = ar->head;
    size_t al = (n + 15) & ~(size_t)15;
    void *p;
    if (!c || c->size - c->used < al) {
        size_t sz = al > 65536 ? al : 65536;
        c = ent__malloc(a, sizeof *c + sz);
        if (!c)
            return NULL;
        c->next = ar->head;
        c->used = 0;
        c->size = sz;
        ar->head = c;
    }
    p = (char *)c->data + c->used;
    c->used += al;
    return p;
}

char *ent__arena_strndup(const ent_allocator *a, ent__arena *ar,
                         const char *s, size_t n)
{
    char *d = ent__arena_alloc(a, ar, n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

void ent__arena_free(const ent_allocator *a, ent__arena *ar)
{
    struct ent__chunk *c = ar->head, *nx;
    for (; c; c = nx) {
        nx = c->next;
        ent__free(a, c);
    }
    ar->head = NULL;
}
