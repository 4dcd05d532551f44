/*
 * text.c -- from raw UTF-8 to sentences of tokens.
 *
 * Normalisation (utf8proc NFC plus ASCII quotes and dashes), a tokenizer
 * that keeps "U.S." and "Mr." whole and splits possessives, clitics and
 * hyphens, and a sentence splitter that survives abbreviations, initials,
 * quotes and ellipses. Dictionary phrases go through the same tokenizer so
 * that a phrase and the text it should match are cut the same way.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int ent_utf8_check(const char *s, size_t len, size_t *offset)
{
    size_t i = 0;
    const unsigned char *u = (const unsigned char *)s;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        if (u[i] == 0) {
            *offset = i;
            return ENT_EUTF8;
        }
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 0) {
            *offset = i;
            return ENT_EUTF8;
        }
        i += (size_t)k;
    }
    return ENT_OK;
}

/* Map typographic punctuation to its ASCII form before composition. */
static utf8proc_int32_t map_punct(utf8proc_int32_t c, void *ud)
{
    (void)ud;
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
    case 0x00BB: case 0x2033:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
        return '-';
    case 0x2026:
        return '.';
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
    case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
    case 0x200B: case 0xFEFF: case 0x2028: case 0x2029:
        return ' ';
    default:
        return c;
    }
}

int ent__normalize(const ent_allocator *a, const char *s, size_t n,
                   ent__buf *out, size_t *bad)
{
    size_t i;
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t k;
    int rc;
    out->n = 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || s[i] == 0)
            break;
    if (i == n)
        return ent__buf_add(a, out, s, n);
    rc = ent_utf8_check(s, n, bad);
    if (rc)
        return rc;
    /* utf8proc allocates the result with malloc itself. */
    k = utf8proc_map_custom((const utf8proc_uint8_t *)s,
                            (utf8proc_ssize_t)n, &dst,
                            UTF8PROC_STABLE | UTF8PROC_COMPOSE, map_punct,
                            NULL);
    if (k < 0) {
        *bad = 0;
        return k == UTF8PROC_ERROR_NOMEM ? ENT_ENOMEM : ENT_EUTF8;
    }
    rc = ent__buf_add(a, out, (const char *)dst, (size_t)k);
    free(dst);
    return rc;
}

void ent__lower(char *dst, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        dst[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
}

/* Byte classes for the tokenizer: one table look-up per byte. Bytes of
 * multi-byte UTF-8 sequences count as letters (punctuation outside ASCII
 * was mapped to ASCII by ent__normalize). */
enum { C_ALPHA = 1, C_DIGIT = 2, C_SPACE = 4 };

#define R4(x) x, x, x, x
#define R16(x) R4(x), R4(x), R4(x), R4(x)
static const unsigned char cclass[256] = {
    /* 0x00 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, 0, 0,
    /* 0x10 */ R16(0),
    /* 0x20 */ C_SPACE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x30 */ R4(C_DIGIT), R4(C_DIGIT), C_DIGIT, C_DIGIT, 0, 0, 0, 0, 0, 0,
    /* 0x40 */ 0, R4(C_ALPHA), R4(C_ALPHA), R4(C_ALPHA), C_ALPHA, C_ALPHA,
    C_ALPHA,
    /* 0x50 */ R4(C_ALPHA), R4(C_ALPHA), C_ALPHA, C_ALPHA, C_ALPHA, 0, 0, 0,
    0, 0,
    /* 0x60 */ 0, R4(C_ALPHA), R4(C_ALPHA), R4(C_ALPHA), C_ALPHA, C_ALPHA,
    C_ALPHA,
    /* 0x70 */ R4(C_ALPHA), R4(C_ALPHA), C_ALPHA, C_ALPHA, C_ALPHA, 0, 0, 0,
    0, 0,
    /* 0x80 */ R16(C_ALPHA), R16(C_ALPHA), R16(C_ALPHA), R16(C_ALPHA),
    R16(C_ALPHA), R16(C_ALPHA), R16(C_ALPHA), R16(C_ALPHA),
};

static int is_alpha(unsigned char c) { return cclass[c] & C_ALPHA; }
static int is_digit(unsigned char c) { return cclass[c] & C_DIGIT; }
static int is_space(unsigned char c) { return cclass[c] & C_SPACE; }

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Is the lower-cased word w[0..n) in the sorted list? */
static int in_list(const char *const *list, size_t nlist, const char *w,
                   size_t n)
{
    char key[16];
    const char *kp = key;
    if (n >= sizeof key)
        return 0;
    ent__lower(key, w, n);
    key[n] = 0;
    return bsearch(&kp, list, nlist, sizeof *list, cmp_str) != NULL;
}

/* Words that take a period without ending a sentence (sorted). */
static const char *const abbrevs[] = {
    "adm",  "apr",  "assn", "aug",  "ave",  "blvd", "brig", "capt", "cmdr",
    "co",   "col",  "corp", "cpl",  "dec",  "dept", "dr",   "etc",  "feb",
    "fig",  "fri",  "ft",   "gen",  "gov",  "inc",  "jan",  "jr",   "jul",
    "jun",  "lt",   "ltd",  "maj",  "mar",  "mln",  "mon",  "mr",   "mrs",
    "ms",   "mt",   "no",   "nov",  "oct",  "pres", "prof", "pvt",  "rep",
    "rev",  "sat",  "sen",  "sep",  "sept", "sgt",  "sr",   "st",   "sun",
    "thu",  "tue",  "univ", "vs",   "wed",
};

/* Capitalised words that start a new sentence after "U.S." and the like
 * (sorted, lower case). */
static const char *const starters[] = {
    "a",        "according", "after",   "an",   "and",   "as",    "at",
    "before",   "but",       "he",      "her",  "his",   "however", "i",
    "if",       "in",        "it",      "its",  "meanwhile", "on", "our",
    "she",      "that",      "the",     "their", "there", "these", "they",
    "this",     "those",     "we",      "when", "while",
};

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

/* Length of a clitic ("s", "re", "ve", "ll", "d", "m") starting at s[i]
 * after an apostrophe, or 0; the clitic must end the word. */
static size_t clitic_len(const char *s, size_t n, size_t i)
{
    size_t j = i;
    char w[3];
    size_t k;
    while (j < n && is_alpha((unsigned char)s[j]) && j - i < 3)
        j++;
    if (j < n && (is_alpha((unsigned char)s[j]) || is_digit((unsigned char)s[j])))
        return 0;
    k = j - i;
    if (k == 0 || k > 2)
        return 0;
    ent__lower(w, s + i, k);
    w[k] = 0;
    if (!strcmp(w, "s") || !strcmp(w, "re") || !strcmp(w, "ve") ||
        !strcmp(w, "ll") || !strcmp(w, "d") || !strcmp(w, "m"))
        return k;
    return 0;
}

/* Set the case flags of token s[0..n). */
static uint32_t case_flags(const char *s, size_t n)
{
    size_t i, letters = 0, upper = 0;
    uint32_t f = 0;
    const unsigned char *u = (const unsigned char *)s;
    if (n && u[0] >= 'A' && u[0] <= 'Z')
        f |= ENT_TOK_CAP;
    else if (n && u[0] >= 0x80) {
        utf8proc_int32_t cp;
        if (utf8proc_iterate(u, (utf8proc_ssize_t)n, &cp) > 0 &&
            utf8proc_isupper(cp))
            f |= ENT_TOK_CAP;
    }
    for (i = 0; i < n; i++) {
        if (u[i] >= 'A' && u[i] <= 'Z') {
            letters++;
            upper++;
        } else if (u[i] >= 'a' && u[i] <= 'z') {
            letters++;
        }
    }
    if (letters >= 2 && upper == letters)
        f |= ENT_TOK_ALLCAP;
    return f;
}

int ent__tokenize(const ent_allocator *a, const char *s, size_t n,
                  ent__token **toks, size_t *ntoks, size_t *cap)
{
    size_t i = 0, nt = 0;
    uint32_t pend = ENT_TOK_NOSPACE;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t st = i, j;
        uint32_t f = 0;
        if (is_space(c) || c == '_') {
            /* an underscore joins words only in dictionaries and in
             * TABARI's test texts ("Dol_Amroth"): a space here */
            int nl = 0;
            while (i < n && (is_space((unsigned char)s[i]) || s[i] == '_')) {
                if (s[i] == '\n')
                    nl++;
                i++;
            }
            pend = nl >= 2 ? ENT_TOK_PARA | ENT_TOK_NL : nl ? ENT_TOK_NL : 0;
            continue;
        }
        if (is_digit(c)) {
            j = i + 1;
            for (;;) {
                while (j < n && is_digit((unsigned char)s[j]))
                    j++;
                if (j + 1 < n && (s[j] == '.' || s[j] == ',' ||
                                  s[j] == ':' || s[j] == '/' ||
                                  s[j] == '-') &&
                    is_digit((unsigned char)s[j + 1])) {
                    j++;
                    continue;
                }
                break;
            }
            while (j < n && is_alpha((unsigned char)s[j]) && s[j] != '\'')
                j++;
            f = ENT_TOK_NUM;
        } else if (is_alpha(c)) {
            if ((c == 'n' || c == 'N') && i + 2 < n && s[i + 1] == '\'' &&
                (s[i + 2] == 't' || s[i + 2] == 'T') &&
                (i + 3 >= n || !is_alpha((unsigned char)s[i + 3]))) {
                j = i + 3; /* n't */
            } else if (i + 2 < n && s[i + 1] == '.' &&
                       is_alpha((unsigned char)s[i + 2]) && c < 0x80 &&
                       (i + 3 >= n || s[i + 3] == '.')) {
                /* dotted acronym: U.S., U.S.A., e.g. */
                j = i;
                while (j + 1 < n && (unsigned char)s[j] < 0x80 &&
                       is_alpha((unsigned char)s[j]) && s[j + 1] == '.')
                    j += 2;
                f = ENT_TOK_ABBREV;
            } else {
                j = i;
                for (;;) {
                    while (j < n && (is_alpha((unsigned char)s[j]) ||
                                     is_digit((unsigned char)s[j])))
                        j++;
                    if (j + 1 < n && s[j] == '\'' &&
                        is_alpha((unsigned char)s[j + 1])) {
                        if (clitic_len(s, n, j + 1))
                            break;
                        if ((s[j + 1] == 't' || s[j + 1] == 'T') &&
                            j - 1 > i && (s[j - 1] == 'n' || s[j - 1] == 'N') &&
                            (j + 2 >= n || !is_alpha((unsigned char)s[j + 2]))) {
                            j--; /* leave "n't" for the next token */
                            break;
                        }
                        j++;
                        continue;
                    }
                    break;
                }
                if (j < n && s[j] == '.' &&
                    (in_list(abbrevs, NELEM(abbrevs), s + i, j - i) ||
                     (j - i == 1 && c >= 'A' && c <= 'Z'))) {
                    /* "No." is an abbreviation only before a number */
                    int isno = j - i == 2 && (c == 'N' || c == 'n') &&
                               (s[i + 1] == 'o' || s[i + 1] == 'O');
                    size_t k = j + 1;
                    while (k < n && s[k] == ' ')
                        k++;
                    if (!isno || (k < n && is_digit((unsigned char)s[k]))) {
                        j++;
                        f = ENT_TOK_ABBREV;
                    }
                }
            }
        } else if (c == '\'' && i + 1 < n && clitic_len(s, n, i + 1) &&
                   (pend & ENT_TOK_NOSPACE)) {
            j = i + 1 + clitic_len(s, n, i + 1);
        } else if (c == '.' || c == '-') {
            j = i + 1;
            while (j < n && s[j] == (char)c)
                j++;
            f = ENT_TOK_PUNCT;
        } else {
            j = i + 1;
            while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
                j++;
            f = ENT_TOK_PUNCT;
        }
        if (ent__grow(a, (void **)toks, cap, nt + 1, sizeof **toks))
            return ENT_ENOMEM;
        if (!(f & ENT_TOK_PUNCT))
            f |= case_flags(s + st, j - st);
        (*toks)[nt].start = (uint32_t)st;
        (*toks)[nt].end = (uint32_t)j;
        (*toks)[nt].flags = f | pend;
        nt++;
        pend = ENT_TOK_NOSPACE;
        i = j;
    }
    *ntoks = nt;
    return ENT_OK;
}

static int tok_is(const char *s, const ent__token *t, const char *w)
{
    size_t n = strlen(w);
    return t->end - t->start == n && memcmp(s + t->start, w, n) == 0;
}

/* Does a sentence end after token p (not counting closers)? */
static int terminal(const char *s, const ent__token *t)
{
    if (t->flags & ENT_TOK_PUNCT)
        return tok_is(s, t, ".") || tok_is(s, t, "!") || tok_is(s, t, "?") ||
               (s[t->start] == '.' && t->end - t->start >= 3);
    return 0;
}

static int closer(const char *s, const ent__token *t)
{
    return (t->flags & ENT_TOK_PUNCT) &&
           (tok_is(s, t, "\"") || tok_is(s, t, "'") || tok_is(s, t, ")") ||
            tok_is(s, t, "]"));
}

/* Maximum tokens in one sentence: longer runs are cut, which bounds the
 * coder's work on text without punctuation. */
#define MAX_SENT_TOKENS 400

int ent__split_sentences(const ent_allocator *a, const char *s,
                         const ent__token *t, size_t nt, uint32_t **starts,
                         size_t *nsent, size_t *cap)
{
    size_t k, ns = 0, cur = 0;
    if (nt == 0) {
        *nsent = 0;
        return ENT_OK;
    }
    if (ent__grow(a, (void **)starts, cap, 1, sizeof **starts))
        return ENT_ENOMEM;
    (*starts)[ns++] = 0;
    for (k = 1; k < nt; k++) {
        int brk = 0;
        const ent__token *nx = &t[k];
        if (nx->flags & ENT_TOK_PARA) {
            brk = 1;
        } else if ((nx->flags & ENT_TOK_NL) &&
                   (tok_is(s, nx, "-") || tok_is(s, nx, "*") ||
                    tok_is(s, nx, "\xe2\x80\xa2"))) {
            brk = 1; /* a bulleted line */
        } else if (k - cur >= MAX_SENT_TOKENS) {
            brk = 1;
        } else if (!(nx->flags & ENT_TOK_NOSPACE) || closer(s, &t[k - 1])) {
            size_t p = k - 1;
            int starts_up;
            while (p > cur && closer(s, &t[p]) && (t[p].flags & ENT_TOK_NOSPACE))
                p--;
            starts_up = (nx->flags & (ENT_TOK_CAP | ENT_TOK_NUM)) ||
                        tok_is(s, nx, "\"") || tok_is(s, nx, "'") ||
                        tok_is(s, nx, "(");
            if (nx->flags & ENT_TOK_NOSPACE)
                starts_up = 0;
            if (starts_up && terminal(s, &t[p]))
                brk = 1;
            else if (starts_up && p == k - 1 && (t[p].flags & ENT_TOK_ABBREV) &&
                     (t[p].flags & ENT_TOK_ALLCAP) &&
                     in_list(starters, NELEM(starters), s + nx->start,
                             nx->end - nx->start))
                brk = 1;
        }
        if (brk) {
            if (ent__grow(a, (void **)starts, cap, ns + 1, sizeof **starts))
                return ENT_ENOMEM;
            (*starts)[ns++] = (uint32_t)k;
            cur = k;
        }
    }
    *nsent = ns;
    return ENT_OK;
}

int ent__phrase_words(const ent_allocator *a, const char *s, size_t n,
                      ent__buf *out, ent__buf *cls)
{
    ent__token *t = NULL;
    size_t nt = 0, cap = 0, i;
    int rc = ent__tokenize(a, s, n, &t, &nt, &cap);
    out->n = 0;
    cls->n = 0;
    size_t nw = 0;
    for (i = 0; rc == ENT_OK && i < nt; i++) {
        size_t len = t[i].end - t[i].start;
        char c = (t[i].flags & ENT_TOK_ALLCAP) ? 2
                 : (t[i].flags & ENT_TOK_CAP) ? 1 : 0;
        char tmp[256];
        if (len + 1 >= sizeof tmp) {
            rc = ENT_EFORMAT;
            break;
        }
        ent__lower(tmp, s + t[i].start, len);
        /* "argentin*": a prefix word keeps its star (docs/dictionaries.md) */
        if (i + 1 < nt && !(t[i].flags & ENT_TOK_PUNCT) &&
            t[i + 1].start == t[i].end && t[i + 1].end == t[i].end + 1 &&
            s[t[i].end] == '*') {
            tmp[len++] = '*';
            c = 0; /* a prefix matches in any case */
            i++;
        } else if (i + 1 < nt && !(t[i].flags & ENT_TOK_PUNCT) &&
                   t[i + 1].start == t[i].end &&
                   t[i + 1].end == t[i].end + 1 && s[t[i].end] == '!') {
            c = 3; /* "mouse!": this form only, in any case */
            i++;
        }
        nw++;
        rc = ent__buf_add(a, out, tmp, len);
        if (!rc)
            rc = ent__buf_add(a, out, "", 1); /* keep the NUL */
        if (!rc)
            rc = ent__buf_add(a, cls, &c, 1);
    }
    ent__free(a, t);
    return rc ? rc : (int)nw;
}
