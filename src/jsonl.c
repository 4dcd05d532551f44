/*
 * jsonl.c -- a light scan of one JSONL document line.
 *
 * Building a jansson object of every line (keys, values, arrays of
 * topics) costs the reader more than the shallow coder takes to code the
 * story, and under -j the reader is the one thread that does not scale.
 * This scan validates the line and decodes only the four fields the
 * reader needs. It accepts only what jansson (JSON_REJECT_DUPLICATES)
 * accepts and reads it the same way; whatever it cannot vouch for (an
 * error, a nested object, an unusual number) it hands back, and the
 * reader parses that line with jansson, which also words the errors.
 */
#include "internal.h"

#include <string.h>

/* Deepest array nesting scanned; deeper lines go to jansson. */
#define DEPTH_MAX 32
/* Top-level keys checked for duplicates; more go to jansson. */
#define KEYS_MAX 32
/* Longest number scanned (no overflow in jansson's long long or double
 * when exponents have at most two digits). */
#define NUM_MAX 15

/* A cursor over one line. */
typedef struct scan {
    const unsigned char *s;
    size_t i, n;
    const ent_allocator *a;
} scan;

/* Skip JSON white space. */
static void ws(scan *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' ||
                           c->s[c->i] == '\n' || c->s[c->i] == '\r'))
        c->i++;
}

/* The value of hex digit ch, or -1. */
static int hex(unsigned char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Four hex digits at c->i into *u; 0 if they are not. */
static int hex4(scan *c, unsigned *u)
{
    int k, h;
    if (c->n - c->i < 4)
        return 0;
    for (*u = 0, k = 0; k < 4; k++) {
        if ((h = hex(c->s[c->i + (size_t)k])) < 0)
            return 0;
        *u = *u * 16 + (unsigned)h;
    }
    c->i += 4;
    return 1;
}

/* Append code point u (valid, not a surrogate) to out as UTF-8. */
static int put_utf8(scan *c, unsigned u, ent__buf *out)
{
    char b[4];
    size_t k;
    if (u < 0x80) {
        b[0] = (char)u;
        k = 1;
    } else if (u < 0x800) {
        b[0] = (char)(0xC0 | (u >> 6));
        b[1] = (char)(0x80 | (u & 0x3F));
        k = 2;
    } else if (u < 0x10000) {
        b[0] = (char)(0xE0 | (u >> 12));
        b[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        b[2] = (char)(0x80 | (u & 0x3F));
        k = 3;
    } else {
        b[0] = (char)(0xF0 | (u >> 18));
        b[1] = (char)(0x80 | ((u >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((u >> 6) & 0x3F));
        b[3] = (char)(0x80 | (u & 0x3F));
        k = 4;
    }
    return ent__buf_add(c->a, out, b, k);
}

/* The string at c->i (its opening quote), decoded into out when out is
 * not NULL (appended). Returns ENT_OK, ENT_EFORMAT when jansson must
 * judge (a control byte, a bad escape, \u0000, a lone surrogate, no
 * closing quote) or ENT_ENOMEM. The bytes are valid UTF-8 (checked by
 * the caller). */
static int string(scan *c, ent__buf *out)
{
    c->i++;
    for (;;) {
        size_t j = c->i;
        unsigned char ch;
        while (j < c->n && c->s[j] != '"' && c->s[j] != '\\' &&
               c->s[j] >= 0x20)
            j++;
        if (out && j > c->i &&
            ent__buf_add(c->a, out, (const char *)c->s + c->i, j - c->i))
            return ENT_ENOMEM;
        c->i = j;
        if (j >= c->n || c->s[j] < 0x20)
            return ENT_EFORMAT;
        c->i++;
        if (c->s[j] == '"')
            return ENT_OK;
        if (c->i >= c->n)
            return ENT_EFORMAT;
        ch = c->s[c->i++];
        if (ch == 'u') {
            unsigned u, lo;
            if (!hex4(c, &u) || u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
                return ENT_EFORMAT;
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (c->n - c->i < 2 || c->s[c->i] != '\\' ||
                    c->s[c->i + 1] != 'u')
                    return ENT_EFORMAT;
                c->i += 2;
                if (!hex4(c, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return ENT_EFORMAT;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (out && put_utf8(c, u, out))
                return ENT_ENOMEM;
        } else {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *p = strchr(from, ch);
            if (!ch || !p)
                return ENT_EFORMAT;
            if (out && ent__buf_add(c->a, out, to + (p - from), 1))
                return ENT_ENOMEM;
        }
    }
}

/* A number at c->i: JSON's grammar, at most NUM_MAX bytes and two
 * exponent digits. *integer receives whether it has no fraction or
 * exponent, *v its value then. Returns ENT_OK or ENT_EFORMAT. */
static int number(scan *c, int *integer, long long *v)
{
    size_t i = c->i, d0, ed;
    long long x = 0;
    int neg = 0;
    *integer = 1;
    if (i < c->n && c->s[i] == '-') {
        neg = 1;
        i++;
    }
    d0 = i;
    while (i < c->n && c->s[i] >= '0' && c->s[i] <= '9') {
        if (i - c->i >= NUM_MAX)
            return ENT_EFORMAT; /* so x cannot overflow */
        x = x * 10 + (c->s[i++] - '0');
    }
    if (i == d0 || (c->s[d0] == '0' && i - d0 > 1))
        return ENT_EFORMAT;
    if (i < c->n && c->s[i] == '.') {
        size_t f = ++i;
        while (i < c->n && c->s[i] >= '0' && c->s[i] <= '9')
            i++;
        if (i == f)
            return ENT_EFORMAT;
        *integer = 0;
    }
    if (i < c->n && (c->s[i] == 'e' || c->s[i] == 'E')) {
        i++;
        if (i < c->n && (c->s[i] == '+' || c->s[i] == '-'))
            i++;
        for (ed = i; i < c->n && c->s[i] >= '0' && c->s[i] <= '9'; i++)
            ;
        if (i == ed || i - ed > 2)
            return ENT_EFORMAT;
        *integer = 0;
    }
    if (i - c->i > NUM_MAX)
        return ENT_EFORMAT;
    c->i = i;
    *v = neg ? -x : x;
    return ENT_OK;
}

/* Any value at c->i but an object (depth: arrays around it), skipped;
 * its kind to *kind (ENT__JSON_STRING, _INT or _OTHER) and, for a
 * string, its text decoded into out when out is not NULL, for an integer
 * its value into *iv. Returns ENT_OK, ENT_EFORMAT or ENT_ENOMEM. */
static int value(scan *c, int depth, ent__buf *out, int *kind, long long *iv)
{
    static const char *const lit[] = {"true", "false", "null"};
    int rc, integer;
    size_t k;
    long long v;
    *kind = ENT__JSON_OTHER;
    if (c->i >= c->n)
        return ENT_EFORMAT;
    switch (c->s[c->i]) {
    case '"':
        *kind = ENT__JSON_STRING;
        return string(c, out);
    case '[':
        if (depth >= DEPTH_MAX)
            return ENT_EFORMAT;
        c->i++;
        ws(c);
        if (c->i < c->n && c->s[c->i] == ']') {
            c->i++;
            return ENT_OK;
        }
        for (;;) {
            int kk;
            if ((rc = value(c, depth + 1, NULL, &kk, &v)) != ENT_OK)
                return rc;
            ws(c);
            if (c->i < c->n && c->s[c->i] == ']') {
                c->i++;
                return ENT_OK;
            }
            if (c->i >= c->n || c->s[c->i] != ',')
                return ENT_EFORMAT;
            c->i++;
            ws(c);
        }
    case '{':
        return ENT_EFORMAT; /* nested objects: jansson checks their keys */
    default:
        break;
    }
    for (k = 0; k < sizeof lit / sizeof lit[0]; k++) {
        size_t l = strlen(lit[k]);
        if (c->n - c->i >= l && !memcmp(c->s + c->i, lit[k], l)) {
            c->i += l;
            return ENT_OK;
        }
    }
    if ((rc = number(c, &integer, &v)) != ENT_OK)
        return rc;
    if (integer) {
        *kind = ENT__JSON_INT;
        *iv = v;
    }
    return ENT_OK;
}

/* Which of the wanted keys key[0..n) is: 0 text, 1 id, 2 date, 3 title;
 * -1 for another. */
static int wanted(const unsigned char *key, size_t n)
{
    static const char *const names[] = {"text", "id", "date", "title"};
    int k;
    for (k = 0; k < 4; k++)
        if (strlen(names[k]) == n && !memcmp(key, names[k], n))
            return k;
    return -1;
}

int ent__jsonl_scan(const ent_allocator *a, const char *line, size_t n,
                    ent__jsonl *out)
{
    scan c;
    size_t keys[KEYS_MAX], klen[KEYS_MAX], nkeys = 0, bad, k;
    int rc;
    ent__buf *bufs[4];
    bufs[0] = &out->text;
    bufs[1] = &out->id;
    bufs[2] = &out->date;
    bufs[3] = &out->title;
    for (k = 0; k < 4; k++) {
        out->kind[k] = ENT__JSON_NONE;
        bufs[k]->n = 0;
    }
    if (ent_utf8_check(line, n, &bad))
        return ENT_EFORMAT;
    c.s = (const unsigned char *)line;
    c.i = 0;
    c.n = n;
    c.a = a;
    ws(&c);
    if (c.i >= c.n || c.s[c.i] != '{')
        return ENT_EFORMAT;
    c.i++;
    ws(&c);
    if (c.i < c.n && c.s[c.i] == '}') {
        c.i++;
    } else {
        for (;;) {
            size_t k0;
            int w;
            long long iv = 0;
            if (c.i >= c.n || c.s[c.i] != '"' || nkeys == KEYS_MAX)
                return ENT_EFORMAT;
            k0 = c.i + 1;
            if ((rc = string(&c, NULL)) != ENT_OK)
                return rc;
            /* keys with escapes go to jansson: raw bytes then compare */
            if (memchr(c.s + k0, '\\', c.i - 1 - k0))
                return ENT_EFORMAT;
            for (k = 0; k < nkeys; k++)
                if (klen[k] == c.i - 1 - k0 &&
                    !memcmp(c.s + keys[k], c.s + k0, klen[k]))
                    return ENT_EFORMAT; /* a duplicate key */
            keys[nkeys] = k0;
            klen[nkeys++] = c.i - 1 - k0;
            w = wanted(c.s + k0, c.i - 1 - k0);
            ws(&c);
            if (c.i >= c.n || c.s[c.i] != ':')
                return ENT_EFORMAT;
            c.i++;
            ws(&c);
            if (w >= 0) {
                rc = value(&c, 0, bufs[w], &out->kind[w], &iv);
                if (w == 1)
                    out->id_int = iv;
            } else {
                int kk;
                rc = value(&c, 0, NULL, &kk, &iv);
            }
            if (rc != ENT_OK)
                return rc;
            ws(&c);
            if (c.i < c.n && c.s[c.i] == '}') {
                c.i++;
                break;
            }
            if (c.i >= c.n || c.s[c.i] != ',')
                return ENT_EFORMAT;
            c.i++;
            ws(&c);
        }
    }
    ws(&c);
    return c.i == c.n ? ENT_OK : ENT_EFORMAT;
}
