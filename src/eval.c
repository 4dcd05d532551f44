/*
 * eval.c -- measure coding quality against a gold file.
 *
 * Coding quality is measured, never assumed. A gold file lists sentences
 * with the events a correct coder reports; this stage reads it, codes each
 * sentence with the caller's coder, and counts matches, exactly and
 * loosely (country dyad and root), per root and per record tag. Three
 * formats are read: entente's JSONL gold (tests/gold/README.md), TABARI's
 * validation text (Validate.text) and the PETRARCH / UD-PETRARCH
 * validation XML; the peers' pass rules are kept (TABARI: events in
 * coding order; PETRARCH: the same set).
 */
#include "internal.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One gold event; strings live in the set's arena. date and precision
 * are NULL unless the event carries its date (JSONL "date"); end and
 * expr may then be NULL. */
typedef struct gevent {
    const char *source, *target, *code;
    const char *date, *end, *precision, *expr;
} gevent;

/* One gold record. Strings live in the set's arena. */
typedef struct grecord {
    const char *id, *date, *text, *tag;
    uint32_t first, n;   /* events first .. first + n - 1 */
    uint32_t tag0, ntag; /* tag ids in tagids[] */
    uint32_t dir0, ndir; /* directives in dir[] */
    unsigned long line;
    unsigned char status, skip, open;
} grecord;

/* A dictionary file named by the suite. */
typedef struct gdict {
    const char *kind, *path;
} gdict;

struct ent_gold {
    ent_allocator alloc;
    ent__arena arena;
    int format;
    grecord *rec;
    size_t nrec, caprec;
    gevent *ev;
    size_t nev, capev;
    uint32_t *tagids;
    size_t ntagids, captagids;
    ent__strtab tags; /* tag names */
    ent_gold_directive *dir;
    size_t ndir, capdir;
    gdict *dict;
    size_t ndict, capdict;
};

/* ---- reading: common --------------------------------------------------- */

void ent_gold_free(ent_gold *g)
{
    ent_allocator a;
    if (!g)
        return;
    a = g->alloc;
    ent__free(&a, g->rec);
    ent__free(&a, g->ev);
    ent__free(&a, g->tagids);
    ent__free(&a, g->dir);
    ent__free(&a, g->dict);
    ent__strtab_free(&a, &g->tags);
    ent__arena_free(&a, &g->arena);
    ent__free(&a, g);
}

static int gold_fail(char *err, size_t errlen, const char *path,
                     unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Write "path:line: reason" into err; returns ENT_EFORMAT. */
static int gold_fail(char *err, size_t errlen, const char *path,
                     unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__errv(err, errlen, path, line, fmt, ap);
    va_end(ap);
    return ENT_EFORMAT;
}

/* Copy s[0..n) into the arena; NULL when out of memory. */
static const char *astr(ent_gold *g, const char *s, size_t n)
{
    return ent__arena_strndup(&g->alloc, &g->arena, s, n);
}

/* Copy s[0..n) into the arena with each run of blanks and line breaks
 * made one space (suite texts are wrapped over lines). */
static const char *astr_flat(ent_gold *g, const char *s, size_t n)
{
    char *p = ent__arena_alloc(&g->alloc, &g->arena, n + 1);
    size_t i, k = 0;
    if (!p)
        return NULL;
    for (i = 0; i < n; i++) {
        if (isspace((unsigned char)s[i])) {
            if (k && p[k - 1] != ' ')
                p[k++] = ' ';
        } else {
            p[k++] = s[i];
        }
    }
    while (k && p[k - 1] == ' ')
        k--;
    p[k] = '\0';
    return p;
}

/* Append an event (strings copied). Returns ENT_OK or ENT_ENOMEM. */
static int add_event(ent_gold *g, const char *s, size_t sn, const char *t,
                     size_t tn, const char *c, size_t cn)
{
    gevent e;
    memset(&e, 0, sizeof e);
    e.source = astr(g, s, sn);
    e.target = astr(g, t, tn);
    e.code = astr(g, c, cn);
    if (!e.source || !e.target || !e.code ||
        ent__grow(&g->alloc, (void **)&g->ev, &g->capev, g->nev + 1,
                  sizeof *g->ev))
        return ENT_ENOMEM;
    g->ev[g->nev++] = e;
    return ENT_OK;
}

/* Intern tag name s[0..n) and append its id to the current record's tags;
 * *name (may be NULL) gets the interned string. */
static int add_tag(ent_gold *g, const char *s, size_t n, const char **name)
{
    uint32_t id;
    if (ent__strtab_intern(&g->alloc, &g->tags, s, n, &id) ||
        ent__grow(&g->alloc, (void **)&g->tagids, &g->captagids,
                  g->ntagids + 1, sizeof *g->tagids))
        return ENT_ENOMEM;
    g->tagids[g->ntagids++] = id;
    if (name)
        *name = g->tags.str[id];
    return ENT_OK;
}

/* Append a directive (strings copied). */
static int add_directive(ent_gold *g, const char *opt, size_t on,
                         const char *val, size_t vn, unsigned long line)
{
    ent_gold_directive d;
    d.option = astr(g, opt, on);
    d.value = astr(g, val, vn);
    d.line = line;
    if (!d.option || !d.value ||
        ent__grow(&g->alloc, (void **)&g->dir, &g->capdir, g->ndir + 1,
                  sizeof *g->dir))
        return ENT_ENOMEM;
    g->dir[g->ndir++] = d;
    return ENT_OK;
}

/* Append a finished record. */
static int push_record(ent_gold *g, const grecord *r)
{
    if (ent__grow(&g->alloc, (void **)&g->rec, &g->caprec, g->nrec + 1,
                  sizeof *g->rec))
        return ENT_ENOMEM;
    g->rec[g->nrec++] = *r;
    return ENT_OK;
}

/* Record dictionary file name[0..n) of kind, named at src:line, resolved
 * against the directory of the gold file gold. The file must be
 * readable: otherwise ENT_EIO with "src:line: KIND file PATH: cannot
 * read". */
static int add_dict(ent_gold *g, const char *kind, const char *gold,
                    const char *name, size_t n, const char *src,
                    unsigned long line, char *err, size_t errlen)
{
    const char *slash = strrchr(gold, '/');
    size_t dn = name[0] == '/' || !slash ? 0 : (size_t)(slash - gold) + 1;
    char *p = ent__arena_alloc(&g->alloc, &g->arena, dn + n + 1);
    FILE *f;
    if (!p)
        return ENT_ENOMEM;
    memcpy(p, gold, dn);
    memcpy(p + dn, name, n);
    p[dn + n] = '\0';
    f = fopen(p, "rb");
    if (!f) {
        gold_fail(err, errlen, src, line, "%s file %s: cannot read", kind, p);
        return ENT_EIO;
    }
    fclose(f);
    if (ent__grow(&g->alloc, (void **)&g->dict, &g->capdict, g->ndict + 1,
                  sizeof *g->dict))
        return ENT_ENOMEM;
    g->dict[g->ndict].kind = kind;
    g->dict[g->ndict++].path = p;
    return ENT_OK;
}

/* Whether s[0..n) is a suite's actor or event code: printable ASCII,
 * 1..63 bytes. Quoted names ("\"INJURY TOLL\"", PETRARCH's new actors)
 * may hold blanks; others may not. */
static int code_ok(const char *s, size_t n)
{
    size_t i;
    int quoted = n >= 2 && s[0] == '"' && s[n - 1] == '"';
    if (n == 0 || n > 63)
        return 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e)
            if (!(quoted && s[i] == ' '))
                return 0;
    return 1;
}

/* Date from a suite: nd digits at s (YYMMDD, YYYYMMDD) to "YYYY-MM-DD"
 * in the arena; two-digit years 30..99 are 19xx, 00..29 20xx. yyyy: the
 * suite's four-digit-year mode (TABARI SET: YYYY = TRUE), in which the
 * first eight digits are read; otherwise eight digits are YYYYMMDD and
 * longer runs are read as their first six (as TABARI reads them). */
static int suite_date(ent_gold *g, const char *s, size_t nd, int yyyy,
                      const char **out)
{
    char b[11], day[11];
    int y;
    *out = NULL;
    if (nd >= 8 && (yyyy || nd == 8)) {
        snprintf(b, sizeof b, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else if (nd >= 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(b, sizeof b, "%04d-%.2s-%.2s", y >= 30 ? 1900 + y : 2000 + y,
                 s + 2, s + 4);
    } else {
        return ENT_EFORMAT;
    }
    if (ent_date_parse(b, 10, day))
        return ENT_EFORMAT;
    *out = astr(g, day, 10);
    return *out ? ENT_OK : ENT_ENOMEM;
}

/* ---- reading: JSONL ------------------------------------------------------ */

/* Copy the string member key of o into the arena: *out is NULL when the
 * member is absent. Returns ENT_OK, ENT_EFORMAT (not a string; "id" may
 * also be an integer) or ENT_ENOMEM. */
static int member(ent_gold *g, json_t *o, const char *key, const char **out)
{
    json_t *v = json_object_get(o, key);
    char b[32];
    *out = NULL;
    if (!v)
        return ENT_OK;
    if (json_is_integer(v) && !strcmp(key, "id")) {
        snprintf(b, sizeof b, "%lld", (long long)json_integer_value(v));
        *out = ent__arena_strndup(&g->alloc, &g->arena, b, strlen(b));
    } else if (json_is_string(v)) {
        *out = ent__arena_strndup(&g->alloc, &g->arena, json_string_value(v),
                                  json_string_length(v));
    } else {
        return ENT_EFORMAT;
    }
    return *out ? ENT_OK : ENT_ENOMEM;
}

/* Whether s is an actor code: letters and digits, 3..ENT_ACTOR_MAX-1. */
static int actor_ok(const char *s)
{
    size_t i, n = strlen(s);
    if (n < 3 || n >= ENT_ACTOR_MAX)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* Read the optional date of gold event e (JSON object o): "date"
 * (YYYY-MM-DD) with "date_precision" (a name of ent_when_precision_name()),
 * "date_end" and "date_expr". */
static int read_event_date(ent_gold *g, json_t *o, gevent *e,
                           const char *path, unsigned long line, char *err,
                           size_t errlen)
{
    static const char *const prec[] = {"pub", "day", "month", "year",
                                       "range"};
    char day[11];
    size_t i;
    int rc = member(g, o, "date", &e->date);
    if (!rc)
        rc = member(g, o, "date_precision", &e->precision);
    if (!rc)
        rc = member(g, o, "date_end", &e->end);
    if (!rc)
        rc = member(g, o, "date_expr", &e->expr);
    if (rc)
        return rc == ENT_ENOMEM ? rc
                                : gold_fail(err, errlen, path, line,
                                            "event date fields must be "
                                            "strings");
    if (!e->date && !e->precision && !e->end && !e->expr)
        return ENT_OK;
    for (i = 0; e->precision && i < sizeof prec / sizeof prec[0]; i++)
        if (!strcmp(e->precision, prec[i]))
            break;
    if (!e->date || !e->precision || i == sizeof prec / sizeof prec[0])
        return gold_fail(err, errlen, path, line,
                         "an event date needs \"date\" and \"date_precision\" "
                         "(pub, day, month, year or range)");
    if (ent_date_parse(e->date, strlen(e->date), day) ||
        strcmp(day, e->date) ||
        (e->end && *e->end &&
         (ent_date_parse(e->end, strlen(e->end), day) || strcmp(day, e->end))))
        return gold_fail(err, errlen, path, line,
                         "bad event date '%s' (want YYYY-MM-DD)", e->date);
    return ENT_OK;
}

/* Read the events array of one record into g->ev. */
static int read_events(ent_gold *g, json_t *arr, const char *path,
                       unsigned long line, char *err, size_t errlen)
{
    size_t i;
    int rc;
    if (!json_is_array(arr))
        return gold_fail(err, errlen, path, line, "\"events\" is not an array");
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        json_t *s = json_object_get(e, "source"), *t = json_object_get(e, "target");
        json_t *c = json_object_get(e, "code");
        if (!json_is_string(s) || !json_is_string(t) || !json_is_string(c))
            return gold_fail(err, errlen, path, line,
                             "event %zu needs string source, target and code",
                             i + 1);
        if (!actor_ok(json_string_value(s)) || !actor_ok(json_string_value(t)))
            return gold_fail(err, errlen, path, line,
                             "event %zu: bad actor code '%s' or '%s'", i + 1,
                             json_string_value(s), json_string_value(t));
        if (json_string_length(c) < 2 || json_string_length(c) > 4 ||
            strspn(json_string_value(c), "0123456789") != json_string_length(c))
            return gold_fail(err, errlen, path, line,
                             "event %zu: bad CAMEO code '%s'", i + 1,
                             json_string_value(c));
        if (add_event(g, json_string_value(s), json_string_length(s),
                      json_string_value(t), json_string_length(t),
                      json_string_value(c), json_string_length(c)))
            return ENT_ENOMEM;
        rc = read_event_date(g, e, &g->ev[g->nev - 1], path, line, err,
                             errlen);
        if (rc)
            return rc;
    }
    return ENT_OK;
}

/* Read the optional tags array of one record. */
static int read_tags(ent_gold *g, json_t *arr, const char *path,
                     unsigned long line, char *err, size_t errlen)
{
    size_t i;
    if (!arr)
        return ENT_OK;
    if (!json_is_array(arr))
        return gold_fail(err, errlen, path, line, "\"tags\" is not an array");
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *t = json_array_get(arr, i);
        if (!json_is_string(t))
            return gold_fail(err, errlen, path, line, "tag %zu is not a string",
                             i + 1);
        if (add_tag(g, json_string_value(t), json_string_length(t), NULL))
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/* Parse one JSONL gold line into a record. */
static int read_line(ent_gold *g, const char *s, size_t n, const char *path,
                     unsigned long line, char *err, size_t errlen)
{
    json_error_t je;
    json_t *o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
    grecord r;
    int rc;
    char day[11];
    if (!o)
        return gold_fail(err, errlen, path, line, "invalid JSON: %s", je.text);
    memset(&r, 0, sizeof r);
    r.line = line;
    r.first = (uint32_t)g->nev;
    r.tag0 = (uint32_t)g->ntagids;
    r.dir0 = (uint32_t)g->ndir;
    rc = member(g, o, "id", &r.id);
    if (rc == ENT_OK)
        rc = member(g, o, "date", &r.date);
    if (rc == ENT_OK)
        rc = member(g, o, "text", &r.text);
    if (rc == ENT_ENOMEM) {
        json_decref(o);
        return rc;
    }
    if (rc || !r.date || !r.text) {
        json_decref(o);
        return gold_fail(err, errlen, path, line,
                         "a gold record needs string \"date\" and \"text\"");
    }
    if (ent_date_parse(r.date, strlen(r.date), day)) {
        json_decref(o);
        return gold_fail(err, errlen, path, line, "bad date '%s'", r.date);
    }
    r.date = ent__arena_strndup(&g->alloc, &g->arena, day, 10);
    if (!r.date) {
        json_decref(o);
        return ENT_ENOMEM;
    }
    if (!json_object_get(o, "events")) {
        json_decref(o);
        return gold_fail(err, errlen, path, line,
                         "a gold record needs \"events\" ([] for none)");
    }
    rc = read_events(g, json_object_get(o, "events"), path, line, err, errlen);
    if (rc == ENT_OK)
        rc = read_tags(g, json_object_get(o, "tags"), path, line, err, errlen);
    json_decref(o);
    if (rc)
        return rc;
    r.n = (uint32_t)(g->nev - r.first);
    r.ntag = (uint32_t)(g->ntagids - r.tag0);
    r.status = r.n ? ENT_GOLD_EVENTS : ENT_GOLD_NOEVENT;
    return push_record(g, &r);
}

/* Read entente's JSONL gold: one record a line; blank lines and lines
 * starting with '#' are skipped. */
static int read_jsonl(ent_gold *g, const char *path, const char *s, size_t n,
                      unsigned long *lines, char *err, size_t errlen)
{
    const char *p, *end;
    unsigned long line = 0;
    int rc = ENT_OK;
    for (p = s, end = s + n; rc == ENT_OK && p && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t k;
        if (!nl)
            nl = end;
        k = (size_t)(nl - p);
        line++;
        if (k > 0 && strspn(p, " \t\r") < k && p[strspn(p, " \t")] != '#')
            rc = read_line(g, p, k, path, line, err, errlen);
        p = nl + 1;
    }
    *lines = line;
    return rc;
}

/* ---- reading: TABARI validation text ------------------------------------ */

/* State carried from one TABARI record to the next. */
typedef struct tabari {
    ent_gold *g;
    const char *path;
    char *err;
    size_t errlen;
    int yyyy; /* SET: YYYY = TRUE seen: eight-digit dates */
    int done; /* FINAL-01 reached */
    ent__buf text;
} tabari;

/* Whether s[0..n) equals z ignoring ASCII case and runs of blanks (any
 * run of blanks in s matches one blank in z). */
static int same_words(const char *s, size_t n, const char *z)
{
    size_t i = 0;
    while (*z) {
        if (*z == ' ') {
            if (i >= n || !isspace((unsigned char)s[i]))
                return 0;
            while (i < n && isspace((unsigned char)s[i]))
                i++;
            z++;
            continue;
        }
        if (i >= n || tolower((unsigned char)s[i]) != tolower((unsigned char)*z))
            return 0;
        i++;
        z++;
    }
    return i == n;
}

/* Whether s[0..n) contains the string z. */
static int has(const char *s, size_t n, const char *z)
{
    size_t i, zn = strlen(z);
    for (i = 0; i + zn <= n; i++)
        if (!memcmp(s + i, z, zn))
            return 1;
    return 0;
}

/* Trim blanks around s[0..*n). */
static const char *trim(const char *s, size_t *n)
{
    while (*n && isspace((unsigned char)s[0])) {
        s++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)s[*n - 1]))
        (*n)--;
    return s;
}

/* Interpret one validation field c[0..n) of record r found at line:
 * an event "S / T / C", a marker ---, +++ or ###, "OPTION: command" or
 * nothing; anything else is malformed. */
static int tabari_field(tabari *t, grecord *r, const char *c, size_t n,
                        int closed, int *nfields, unsigned long line)
{
    ent_gold *g = t->g;
    const char *s1, *s2, *a, *b, *k;
    size_t an, bn, kn, i;
    size_t mn = 0;
    c = trim(c, &n);
    if (n >= 7 && !memcmp(c, "OPTION:", 7)) {
        const char *o = c + 7;
        size_t on = n - 7;
        o = trim(o, &on);
        if (!on)
            return gold_fail(t->err, t->errlen, t->path, line,
                             "empty OPTION directive");
        if (same_words(o, on, "SET: YYYY = TRUE"))
            t->yyyy = 1;
        else if (same_words(o, on, "SET: YYYY = FALSE"))
            t->yyyy = 0;
        (*nfields)++;
        return add_directive(g, o, on, "", 0, line);
    }
    if (!closed)
        return gold_fail(t->err, t->errlen, t->path, line,
                         "'{' is not closed on its line");
    if (n == 0)
        return ENT_OK; /* "{}" in prose */
    for (i = 0; i < n; i++) /* non-blank characters */
        mn += c[i] != ' ' && c[i] != '\t';
    for (i = 0; i < n && (c[i] == ' ' || c[i] == '\t' || c[i] == c[0]); i++)
        ;
    if (i == n && mn == 3 && (c[0] == '-' || c[0] == '+' || c[0] == '#')) {
        int st = c[0] == '-'   ? ENT_GOLD_NOEVENT
                 : c[0] == '+' ? ENT_GOLD_COMPLEX
                               : ENT_GOLD_DISCARD;
        if (r->status == ENT_GOLD_EVENTS)
            r->status = (unsigned char)st;
        (*nfields)++;
        return ENT_OK;
    }
    s1 = memchr(c, '/', n);
    s2 = s1 ? memchr(s1 + 1, '/', (size_t)(c + n - s1 - 1)) : NULL;
    if (!s2 || memchr(s2 + 1, '/', (size_t)(c + n - s2 - 1)))
        return gold_fail(t->err, t->errlen, t->path, line,
                         "unrecognised validation field '{%.*s}'",
                         (int)(n > 60 ? 60 : n), c);
    an = (size_t)(s1 - c);
    bn = (size_t)(s2 - s1 - 1);
    kn = (size_t)(c + n - s2 - 1);
    a = trim(c, &an);
    b = trim(s1 + 1, &bn);
    k = trim(s2 + 1, &kn);
    if (!code_ok(a, an) || !code_ok(b, bn) || !code_ok(k, kn))
        return gold_fail(t->err, t->errlen, t->path, line,
                         "bad event '{%.*s}': want { SOURCE / TARGET / CODE }",
                         (int)(n > 60 ? 60 : n), c);
    (*nfields)++;
    if (r->open)
        return ENT_OK; /* after "-{": not checked */
    /* TABARI writes an agent with no country as "~MIL"; entente codes the
     * same actor as "MIL" (a notation, not a coding difference) */
    if (an > 1 && a[0] == '~')
        a++, an--;
    if (bn > 1 && b[0] == '~')
        b++, bn--;
    return add_event(g, a, an, b, bn, k, kn);
}

/* Read one blank-line separated block s[0..n) starting at line: a
 * record when its first line starts with a digit (TABARI's rule), else
 * a comment block. */
static int tabari_block(tabari *t, const char *s, size_t n,
                        unsigned long line)
{
    ent_gold *g = t->g;
    const char *p = s, *end = s + n, *eol, *id, *tx;
    size_t nd, idn, txn;
    grecord r;
    int rc, inc = 0, nfields = 0;
    unsigned long ln = line;
    if (n == 0 || !isdigit((unsigned char)s[0]))
        return ENT_OK;
    memset(&r, 0, sizeof r);
    r.line = line;
    r.first = (uint32_t)g->nev;
    r.tag0 = (uint32_t)g->ntagids;
    r.dir0 = (uint32_t)g->ndir;
    r.status = ENT_GOLD_EVENTS;
    r.skip = ENT_GOLD_SCORED;
    r.open = 0;
    eol = memchr(s, '\n', n);
    if (!eol)
        eol = end;
    /* header: date digits, then the ID (a repeated date is skipped) */
    for (nd = 0; s + nd < eol && isdigit((unsigned char)s[nd]); nd++)
        ;
    p = s + nd;
    for (;;) {
        while (p < eol && (isspace((unsigned char)*p) || *p == '*'))
            p++;
        id = p;
        while (p < eol && !isspace((unsigned char)*p))
            p++;
        idn = (size_t)(p - id);
        if (idn && strspn(id, "0123456789") >= idn && p < eol)
            continue;
        break;
    }
    if (!idn)
        return gold_fail(t->err, t->errlen, t->path, line,
                         "record header needs a date and an ID");
    rc = suite_date(g, s, nd, t->yyyy, &r.date);
    if (rc == ENT_EFORMAT)
        return gold_fail(t->err, t->errlen, t->path, line,
                         "bad date '%.*s' (want YYMMDD)", (int)nd, s);
    if (rc || !(r.id = astr(g, id, idn)))
        return ENT_ENOMEM;
    /* body: text outside comments, validation fields inside them */
    t->text.n = 0;
    for (p = eol < end ? eol + 1 : end, ln = line + 1; p < end;) {
        if (!inc && p + 1 < end && p[0] == '/' && p[1] == '*') {
            inc = 1;
            p += 2;
        } else if (inc && p + 1 < end && p[0] == '*' && p[1] == '/') {
            inc = 0;
            p += 2;
        } else if (inc && *p == '{') {
            const char *q = p + 1;
            while (q < end && *q != '}' && *q != '\n' &&
                   !(q + 1 < end && q[0] == '*' && q[1] == '/'))
                q++;
            if (p > s && p[-1] == '-') {
                r.open = 1;
                nfields++;
                if (q >= end || *q != '}')
                    return gold_fail(t->err, t->errlen, t->path, ln,
                                     "'{' is not closed on its line");
            } else {
                rc = tabari_field(t, &r, p + 1, (size_t)(q - p - 1),
                                  q < end && *q == '}', &nfields, ln);
                if (rc)
                    return rc;
            }
            p = q < end && *q == '}' ? q + 1 : q;
        } else if (!inc && p + 1 < end && p[0] == '\\' && p[1] == 'n') {
            if (ent__buf_add(&g->alloc, &t->text, " ", 1))
                return ENT_ENOMEM;
            p += 2; /* TABARI's display line break */
        } else {
            if (*p == '\n')
                ln++;
            if (!inc && ent__buf_add(&g->alloc, &t->text, p, 1))
                return ENT_ENOMEM;
            p++;
        }
    }
    txn = t->text.n;
    tx = trim(t->text.n ? t->text.p : "", &txn);
    if (!strcmp(r.id, "FINAL-01") ||
        (txn && has(tx, txn, "the end of the standard validation "
                                     "records"))) {
        t->done = 1;
        return ENT_OK;
    }
    if (!nfields)
        return gold_fail(t->err, t->errlen, t->path, line,
                         "record %s has no validation field ({...} in a "
                         "comment)",
                         r.id);
    r.n = (uint32_t)(g->nev - r.first);
    r.ndir = (uint32_t)(g->ndir - r.dir0);
    if (r.ndir && !r.n && r.status == ENT_GOLD_EVENTS && !r.open)
        r.skip = ENT_GOLD_SKIP_DIRECTIVE;
    else if (!txn)
        return gold_fail(t->err, t->errlen, t->path, line,
                         "record %s has no text", r.id);
    if (!(r.text = astr_flat(g, tx, txn)))
        return ENT_ENOMEM;
    {
        const char *dash = memchr(r.id, '-', idn);
        if (dash && dash > r.id) {
            rc = add_tag(g, r.id, (size_t)(dash - r.id), &r.tag);
            if (rc)
                return rc;
        }
    }
    r.ntag = (uint32_t)(g->ntagids - r.tag0);
    return push_record(g, &r);
}

/* Read TABARI's validation text: records are blocks separated by blank
 * lines (TABARI's own rule), read until FINAL-01. */
static int read_tabari(ent_gold *g, const char *path, const char *s,
                       size_t n, unsigned long *lines, char *err,
                       size_t errlen)
{
    tabari t;
    const char *p = s, *end = s + n, *b = NULL;
    unsigned long line = 0, bline = 0;
    int rc = ENT_OK;
    memset(&t, 0, sizeof t);
    t.g = g;
    t.path = path;
    t.err = err;
    t.errlen = errlen;
    while (rc == ENT_OK && !t.done && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;
        if (!nl)
            nl = end;
        line++;
        for (q = p; q < nl && isspace((unsigned char)*q); q++)
            ;
        if (q == nl) { /* a blank line ends a block */
            if (b)
                rc = tabari_block(&t, b, (size_t)(p - b), bline);
            b = NULL;
        } else if (!b) {
            b = p;
            bline = line;
        }
        p = nl < end ? nl + 1 : end;
    }
    if (rc == ENT_OK && !t.done && b)
        rc = tabari_block(&t, b, (size_t)(end - b), bline);
    ent__buf_free(&g->alloc, &t.text);
    *lines = line;
    return rc;
}

/* Read TABARI's NAME.project beside the text file, if there is one, for
 * the dictionaries it names. */
static int read_project(ent_gold *g, const char *path, char *err,
                        size_t errlen)
{
    static const struct {
        const char *tag, *kind;
    } tags[] = {
        {"<actorsfile>", "actors"},   {"<verbsfile>", "verbs"},
        {"<agentsfile>", "agents"},   {"<optionsfile>", "options"},
        {"<issuesfile>", "issues"},   {"<discardfile>", "discards"},
    };
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path)
                                                 : strlen(path);
    char *proj = ent__malloc(&g->alloc, stem + 9);
    ent__buf b = {0};
    const char *p, *end;
    unsigned long line = 0;
    int rc;
    size_t i;
    if (!proj)
        return ENT_ENOMEM;
    memcpy(proj, path, stem);
    memcpy(proj + stem, ".project", 9);
    rc = ent__read_file(&g->alloc, proj, &b);
    if (rc == ENT_EIO) {
        ent__free(&g->alloc, proj);
        return ENT_OK; /* no project: no dictionaries */
    }
    for (p = b.p, end = b.p + b.n; rc == ENT_OK && p && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p)), *v;
        size_t k, vn;
        if (!nl)
            nl = end;
        k = (size_t)(nl - p);
        line++;
        for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
            size_t tn = strlen(tags[i].tag);
            if (k <= tn || memcmp(p, tags[i].tag, tn))
                continue;
            v = p + tn;
            vn = k - tn;
            v = trim(v, &vn);
            for (k = 0; k < vn && !isspace((unsigned char)v[k]); k++)
                ;
            if (k == 0)
                rc = gold_fail(err, errlen, proj, line, "%s names no file",
                               tags[i].tag);
            else
                rc = add_dict(g, tags[i].kind, path, v, k, proj, line, err,
                              errlen);
            break;
        }
        p = nl + 1;
    }
    ent__buf_free(&g->alloc, &b);
    ent__free(&g->alloc, proj);
    return rc;
}

/* ---- reading: PETRARCH validation XML ----------------------------------- */

/* The UD-PETRARCH file is not well-formed in two ways its own tools
 * live with: comments holding "--" (and a comment written inside one),
 * and lines "<PLEvent {json}>" that its header says are ignored. Repair
 * s[0..n) in place before parsing, keeping every byte offset and line:
 * a comment ends at the "-->" that balances its "<!--" and any other
 * "--" in it becomes "==", and a PLEvent line becomes blanks. */
static void petr_repair(char *s, size_t n)
{
    size_t i = 0, j;
    int depth = 0, bol = 1;
    while (i < n) {
        if (depth == 0) {
            if (bol) {
                for (j = i; j < n && (s[j] == ' ' || s[j] == '\t'); j++)
                    ;
                if (n - j >= 8 && !memcmp(s + j, "<PLEvent", 8))
                    for (; j < n && s[j] != '\n'; j++)
                        s[j] = ' ';
            }
            bol = s[i] == '\n';
            if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
                depth = 1;
                i += 4;
                bol = 0;
                continue;
            }
            i++;
            continue;
        }
        if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
            s[i + 2] = s[i + 3] = '=';
            depth++;
            i += 4;
        } else if (s[i] == '-') {
            for (j = i; j < n && s[j] == '-'; j++)
                ;
            if (j < n && s[j] == '>' && j - i >= 2) {
                size_t keep = --depth == 0 ? 2 : 0;
                memset(s + i, '=', j - i - keep);
                i = j + 1;
            } else {
                if (j - i >= 2)
                    memset(s + i, '=', j - i);
                i = j;
            }
        } else {
            i++;
        }
    }
}

/* State of one PETRARCH read. */
typedef struct petr {
    ent_gold *g;
    const char *path;
    char *err;
    size_t errlen;
    const char *include; /* <Include> categories, blank separated */
    size_t dir_next;     /* first directive not yet given to a record */
} petr;

/* Attribute name of node as an xmlFree()-able string, or NULL. */
static char *petr_attr(xmlNodePtr node, const char *name)
{
    return (char *)xmlGetProp(node, (const xmlChar *)name);
}

/* Whether v is "true" in any case. */
static int is_true(const char *v)
{
    return v && same_words(v, strlen(v), "true");
}

/* Whether word w is one of the blank-separated words of list. */
static int in_list(const char *list, const char *w)
{
    size_t n = strlen(w);
    const char *p = list;
    while (*p) {
        size_t k;
        while (isspace((unsigned char)*p))
            p++;
        for (k = 0; p[k] && !isspace((unsigned char)p[k]); k++)
            ;
        if (k == n && k && !memcmp(p, w, n))
            return 1;
        p += k;
    }
    return 0;
}

/* A <Config option value> element: a directive for the records after it. */
static int petr_config(petr *x, xmlNodePtr node)
{
    char *o = petr_attr(node, "option"), *v = petr_attr(node, "value");
    int rc;
    if (!o)
        rc = gold_fail(x->err, x->errlen, x->path,
                       (unsigned long)xmlGetLineNo(node),
                       "<Config> needs an option attribute");
    else
        rc = add_directive(x->g, o, strlen(o), v ? v : "", v ? strlen(v) : 0,
                           (unsigned long)xmlGetLineNo(node));
    xmlFree(o);
    xmlFree(v);
    return rc;
}

/* Add the events of one coding whose source or target may name several
 * actors ("FRO/BIL/SAM", one phrase in the dictionary): UD-PETRARCH
 * writes them as one event, entente codes one event for each actor, so
 * the gold holds one for each pair (a notation, not a coding
 * difference). */
static int add_events(ent_gold *g, const char *s, const char *t,
                      const char *c)
{
    const char *p = s, *q;
    int rc = ENT_OK;
    if (s[0] == '"' || t[0] == '"')
        return add_event(g, s, strlen(s), t, strlen(t), c, strlen(c));
    while (!rc && *p) {
        size_t pn = strcspn(p, "/");
        for (q = t; !rc && *q;) {
            size_t qn = strcspn(q, "/");
            if (pn && qn)
                rc = add_event(g, p, pn, q, qn, c, strlen(c));
            q += qn + (q[qn] == '/');
        }
        p += pn + (p[pn] == '/');
    }
    return rc;
}

/* One <EventCoding>: an event, noevents="True" or error="...". */
static int petr_coding(petr *x, grecord *r, xmlNodePtr node)
{
    char *s = petr_attr(node, "sourcecode"), *t = petr_attr(node, "targetcode");
    char *c = petr_attr(node, "eventcode"), *ne = petr_attr(node, "noevents");
    char *er = petr_attr(node, "error");
    unsigned long line = (unsigned long)xmlGetLineNo(node);
    int rc = ENT_OK;
    if (s || t || c) {
        if (!s || !t || !c || !code_ok(s, strlen(s)) ||
            !code_ok(t, strlen(t)) || !code_ok(c, strlen(c)))
            rc = gold_fail(x->err, x->errlen, x->path, line,
                           "<EventCoding> needs sourcecode, targetcode and "
                           "eventcode codes");
        else {
            /* PETRARCH writes a sector with no country as "---GOV";
             * entente codes the same actor as "GOV" (a notation) */
            const char *a = s, *b = t;
            if (!strncmp(a, "---", 3) && a[3])
                a += 3;
            if (!strncmp(b, "---", 3) && b[3])
                b += 3;
            rc = add_events(x->g, a, b, c);
        }
    } else if (ne) {
        if (is_true(ne) && r->status == ENT_GOLD_EVENTS)
            r->status = ENT_GOLD_NOEVENT;
    } else if (er) {
        if (r->status == ENT_GOLD_EVENTS)
            r->status = strstr(er, "discard") ? ENT_GOLD_DISCARD
                                              : ENT_GOLD_ERROR;
        /* an error in the stored Treebank parse: entente parses the text
         * itself, so the record tests nothing it does */
        if (!strcmp(er, "bad_input_parse") && r->skip == ENT_GOLD_SCORED)
            r->skip = ENT_GOLD_SKIP_PARSE;
    } else {
        rc = gold_fail(x->err, x->errlen, x->path, line,
                       "<EventCoding> needs sourcecode, targetcode and "
                       "eventcode, noevents or error");
    }
    xmlFree(s);
    xmlFree(t);
    xmlFree(c);
    xmlFree(ne);
    xmlFree(er);
    return rc;
}

/* Find the <Text> of a sentence: a child, or deeper inside an element
 * other than <Parse> (a mangled PLEvent may enclose it). */
static xmlNodePtr petr_text(xmlNodePtr node)
{
    xmlNodePtr c, f;
    for (c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrcmp(c->name, (const xmlChar *)"Text"))
            return c;
        if (xmlStrcmp(c->name, (const xmlChar *)"Parse") &&
            (f = petr_text(c)) != NULL)
            return f;
    }
    return NULL;
}

/* One <Sentence>: attributes, <Text>, <EventCoding>s; <Parse> ignored. */
static int petr_sentence(petr *x, xmlNodePtr node)
{
    ent_gold *g = x->g;
    grecord r;
    xmlNodePtr c, tn;
    char *date = petr_attr(node, "date"), *id = petr_attr(node, "id");
    char *cat = petr_attr(node, "category"), *ev = petr_attr(node, "evaluate");
    char *sen = petr_attr(node, "sentence");
    xmlChar *text = NULL;
    unsigned long line = (unsigned long)xmlGetLineNo(node);
    int rc = ENT_OK;
    size_t nd, txn;
    const char *tx;
    memset(&r, 0, sizeof r);
    r.line = line;
    r.first = (uint32_t)g->nev;
    r.tag0 = (uint32_t)g->ntagids;
    r.dir0 = (uint32_t)x->dir_next;
    r.ndir = (uint32_t)(g->ndir - x->dir_next);
    x->dir_next = g->ndir;
    r.status = ENT_GOLD_EVENTS;
    if ((ev && !is_true(ev)) || (!ev && sen && !is_true(sen)))
        r.skip = ENT_GOLD_SKIP_EVALUATE;
    else if (x->include && (!cat || !in_list(x->include, cat)))
        r.skip = ENT_GOLD_SKIP_INCLUDE;
    nd = date ? strspn(date, "0123456789") : 0;
    if (!date) {
        rc = gold_fail(x->err, x->errlen, x->path, line,
                       "<Sentence> needs a date");
    } else if (nd != strlen(date) ||
               (rc = suite_date(g, date, nd, nd == 8, &r.date)) != ENT_OK) {
        char day[11];
        if (rc != ENT_ENOMEM && !ent_date_parse(date, strlen(date), day))
            rc = (r.date = astr(g, day, 10)) ? ENT_OK : ENT_ENOMEM;
        else if (rc != ENT_ENOMEM)
            rc = gold_fail(x->err, x->errlen, x->path, line,
                           "<Sentence> bad date '%s'", date);
    }
    if (rc == ENT_OK && id && !(r.id = astr(g, id, strlen(id))))
        rc = ENT_ENOMEM;
    if (rc == ENT_OK && cat && *cat)
        rc = add_tag(g, cat, strlen(cat), &r.tag);
    for (c = node->children; rc == ENT_OK && c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrcmp(c->name, (const xmlChar *)"EventCoding"))
            rc = petr_coding(x, &r, c);
        else if (!xmlStrcmp(c->name, (const xmlChar *)"Config"))
            rc = petr_config(x, c);
    }
    if (rc == ENT_OK) {
        tn = petr_text(node);
        text = tn ? xmlNodeGetContent(tn) : NULL;
        txn = text ? strlen((const char *)text) : 0;
        tx = trim(text ? (const char *)text : "", &txn);
        if (!txn)
            rc = gold_fail(x->err, x->errlen, x->path, line,
                           "<Sentence%s%s> has no <Text>", id ? " id=" : "",
                           id ? id : "");
        else if (!(r.text = astr_flat(g, tx, txn)))
            rc = ENT_ENOMEM;
    }
    if (rc == ENT_OK) {
        r.n = (uint32_t)(g->nev - r.first);
        r.ntag = (uint32_t)(g->ntagids - r.tag0);
        rc = push_record(g, &r);
    }
    xmlFree(text);
    xmlFree(date);
    xmlFree(id);
    xmlFree(cat);
    xmlFree(ev);
    xmlFree(sen);
    return rc;
}

/* <Environment>: dictionary files, <Include>, <Config>. */
static int petr_env(petr *x, xmlNodePtr node)
{
    static const struct {
        const char *tag, *kind;
    } files[] = {
        {"Actorfile", "actors"},     {"Verbfile", "verbs"},
        {"Agentfile", "agents"},     {"Discardfile", "discards"},
        {"Issuefile", "issues"},     {"Optionsfile", "options"},
        {"PICOfile", "ontology"},
    };
    xmlNodePtr c;
    int rc = ENT_OK;
    size_t i;
    for (c = node->children; rc == ENT_OK && c; c = c->next) {
        xmlChar *v;
        const char *s;
        size_t n;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrcmp(c->name, (const xmlChar *)"Config")) {
            rc = petr_config(x, c);
            continue;
        }
        v = xmlNodeGetContent(c);
        s = v ? (const char *)v : "";
        n = strlen(s);
        s = trim(s, &n);
        if (!xmlStrcmp(c->name, (const xmlChar *)"Include")) {
            if (!(x->include = astr(x->g, s, n)))
                rc = ENT_ENOMEM;
        }
        for (i = 0; rc == ENT_OK && i < sizeof files / sizeof files[0]; i++) {
            if (xmlStrcmp(c->name, (const xmlChar *)files[i].tag))
                continue;
            if (!n)
                rc = gold_fail(x->err, x->errlen, x->path,
                               (unsigned long)xmlGetLineNo(c),
                               "<%s> names no file", files[i].tag);
            else
                rc = add_dict(x->g, files[i].kind, x->path, s, n, x->path,
                              (unsigned long)xmlGetLineNo(c), x->err,
                              x->errlen);
        }
        xmlFree(v);
    }
    return rc;
}

/* Walk the children of node in document order. */
static int petr_walk(petr *x, xmlNodePtr node)
{
    xmlNodePtr c;
    int rc = ENT_OK;
    for (c = node->children; rc == ENT_OK && c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrcmp(c->name, (const xmlChar *)"Environment"))
            rc = petr_env(x, c);
        else if (!xmlStrcmp(c->name, (const xmlChar *)"Sentence"))
            rc = petr_sentence(x, c);
        else if (!xmlStrcmp(c->name, (const xmlChar *)"Config"))
            rc = petr_config(x, c);
        else if (xmlStrcmp(c->name, (const xmlChar *)"Parse"))
            rc = petr_walk(x, c);
    }
    return rc;
}

/* Read PETRARCH validation XML from s[0..n) (repaired in place). */
static int read_petrarch(ent_gold *g, const char *path, char *s, size_t n,
                         char *err, size_t errlen)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    xmlNodePtr root;
    petr x;
    int rc;
    if (n > INT_MAX)
        return gold_fail(err, errlen, path, 1, "XML file too large");
    petr_repair(s, n);
    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return ENT_ENOMEM;
    doc = xmlCtxtReadMemory(ctxt, s, (int)n, path, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        const char *m = e && e->message ? e->message : "not well-formed";
        size_t mn = strlen(m);
        while (mn && isspace((unsigned char)m[mn - 1]))
            mn--;
        rc = gold_fail(err, errlen, path,
                       e && e->line > 0 ? (unsigned long)e->line : 1,
                       "invalid XML: %.*s", (int)mn, m);
        xmlFreeParserCtxt(ctxt);
        return rc;
    }
    memset(&x, 0, sizeof x);
    x.g = g;
    x.path = path;
    x.err = err;
    x.errlen = errlen;
    root = xmlDocGetRootElement(doc);
    rc = root ? petr_walk(&x, root) : ENT_OK;
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}

/* ---- reading: the entry point ------------------------------------------- */

/* The format of a gold file from its first byte that is not blank and
 * not in a '#' comment line ('{' JSONL, '<' XML, a digit TABARI), else
 * from its name (.xml, .text), else JSONL. */
static int sniff(const char *path, const char *s, size_t n)
{
    size_t i = 0, pn = strlen(path);
    if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < n) {
        if (isspace((unsigned char)s[i])) {
            i++;
        } else if (s[i] == '#') {
            while (i < n && s[i] != '\n')
                i++;
        } else {
            break;
        }
    }
    if (i < n && s[i] == '{')
        return ENT_GOLD_JSONL;
    if (i < n && s[i] == '<')
        return ENT_GOLD_PETRARCH;
    if (i < n && isdigit((unsigned char)s[i]))
        return ENT_GOLD_TABARI;
    if (pn >= 4 && !strcmp(path + pn - 4, ".xml"))
        return ENT_GOLD_PETRARCH;
    if (pn >= 5 && !strcmp(path + pn - 5, ".text"))
        return ENT_GOLD_TABARI;
    return ENT_GOLD_JSONL;
}

/* Refuse NUL bytes and invalid UTF-8 in s[0..n), naming line and byte. */
static int check_bytes(const char *path, const char *s, size_t n, char *err,
                       size_t errlen)
{
    const char *p = s, *end = s + n;
    unsigned long line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t k, bad;
        if (!nl)
            nl = end;
        k = (size_t)(nl - p);
        line++;
        if (ent_utf8_check(p, k, &bad))
            return gold_fail(err, errlen, path, line, "%s at byte %zu",
                             p[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
        p = nl + 1;
    }
    return ENT_OK;
}

/* Read a gold file of any of the three formats (contract in entente.h):
 * sniff the format, check the bytes, read, then the TABARI project. */
int ent_gold_load(const char *path, const ent_allocator *a, ent_gold **out,
                  char *err, size_t errlen)
{
    ent_gold *g;
    ent__buf b = {0};
    unsigned long lines = 0;
    int rc;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!path)
        return ENT_EINVAL;
    g = ent__calloc(a, sizeof *g);
    if (!g)
        return ENT_ENOMEM;
    if (a)
        g->alloc = *a;
    rc = ent__read_file(&g->alloc, path, &b);
    if (rc == ENT_EIO && err)
        snprintf(err, errlen, "%s: cannot read", path);
    if (rc == ENT_OK)
        g->format = sniff(path, b.p ? b.p : "", b.n);
    /* XML declares its own encoding; libxml2 checks it */
    if (rc == ENT_OK && g->format != ENT_GOLD_PETRARCH)
        rc = check_bytes(path, b.p ? b.p : "", b.n, err, errlen);
    if (rc == ENT_OK && b.n) {
        if (g->format == ENT_GOLD_JSONL)
            rc = read_jsonl(g, path, b.p, b.n, &lines, err, errlen);
        else if (g->format == ENT_GOLD_TABARI)
            rc = read_tabari(g, path, b.p, b.n, &lines, err, errlen);
        else
            rc = read_petrarch(g, path, b.p, b.n, err, errlen);
    }
    if (rc == ENT_OK && g->format == ENT_GOLD_TABARI)
        rc = read_project(g, path, err, errlen);
    ent__buf_free(&g->alloc, &b);
    if (rc == ENT_OK && g->nrec == 0)
        rc = gold_fail(err, errlen, path, lines ? lines : 1, "no gold records");
    if (rc == ENT_ENOMEM && err)
        snprintf(err, errlen, "%s: out of memory", path);
    if (rc) {
        ent_gold_free(g);
        return rc;
    }
    *out = g;
    return ENT_OK;
}

/* Number of records, scored or not. */
size_t ent_gold_count(const ent_gold *g)
{
    return g ? g->nrec : 0;
}

/* The format the set was read as. */
int ent_gold_format(const ent_gold *g)
{
    return g ? g->format : -1;
}

/* The suite's dictionary files, up to max of them; returns how many. */
size_t ent_gold_dict_files(const ent_gold *g, const char **kinds,
                           const char **paths, size_t max)
{
    size_t i;
    if (!g)
        return 0;
    for (i = 0; i < g->ndict && i < max; i++) {
        if (kinds)
            kinds[i] = g->dict[i].kind;
        if (paths)
            paths[i] = g->dict[i].path;
    }
    return g->ndict;
}

/* Describe record i (contract in entente.h). */
int ent_gold_record(const ent_gold *g, size_t i, ent_gold_info *out)
{
    const grecord *r;
    if (!out)
        return ENT_EINVAL;
    memset(out, 0, sizeof *out);
    if (!g || i >= g->nrec)
        return ENT_EINVAL;
    r = &g->rec[i];
    out->id = r->id;
    out->date = r->date;
    out->text = r->text;
    out->tag = r->tag;
    out->line = r->line;
    out->status = r->status;
    out->skip = r->skip;
    out->ordered = g->format == ENT_GOLD_TABARI;
    out->open = r->open;
    out->nevents = r->n;
    out->directives = r->ndir ? g->dir + r->dir0 : NULL;
    out->ndirectives = r->ndir;
    return ENT_OK;
}

/* Expected event k of record i (contract in entente.h). */
int ent_gold_event(const ent_gold *g, size_t i, size_t k,
                   const char **source, const char **target,
                   const char **code)
{
    const gevent *e;
    if (source)
        *source = NULL;
    if (target)
        *target = NULL;
    if (code)
        *code = NULL;
    if (!g || i >= g->nrec || k >= g->rec[i].n)
        return ENT_EINVAL;
    e = &g->ev[g->rec[i].first + k];
    if (source)
        *source = e->source;
    if (target)
        *target = e->target;
    if (code)
        *code = e->code;
    return ENT_OK;
}

/* ---- scoring --------------------------------------------------------- */

/* An event as "SRC TGT CODE", the unit of matching. */
static void ev_key(char *dst, size_t n, const char *s, const char *t,
                   const char *c)
{
    snprintf(dst, n, "%s %s %s", s, t, c);
}

/* The loose key: source country, target country, root. */
static void ev_loose(char *dst, size_t n, const char *s, const char *t,
                     const char *c)
{
    snprintf(dst, n, "%.3s %.3s %.2s", s, t, c);
}

/* qsort comparison of two keys. */
static int cmpkey(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

#define KEYLEN 160

/* Count matches of two sorted key lists; mark matched ones in mx, my. */
static size_t match(char (*x)[KEYLEN], size_t nx, char (*y)[KEYLEN],
                    size_t ny, unsigned char *mx, unsigned char *my)
{
    size_t a = 0, b = 0, k = 0;
    while (a < nx && b < ny) {
        int c = strcmp(x[a], y[b]);
        if (c == 0) {
            mx[a++] = my[b++] = 1;
            k++;
        } else if (c < 0) {
            a++;
        } else {
            b++;
        }
    }
    return k;
}

typedef void (*keyfn)(char *dst, size_t n, const char *s, const char *t,
                      const char *c);

/* Key the ne gold events (from ev) and the first nc factual coded events
 * of res with key, in their order. */
static void make_keys(keyfn key, const gevent *ev, size_t ne,
                      const ent_result *res, size_t nc, char (*ek)[KEYLEN],
                      char (*ck)[KEYLEN])
{
    size_t k, j;
    for (k = 0; k < ne; k++)
        key(ek[k], KEYLEN, ev[k].source, ev[k].target, ev[k].code);
    for (k = 0, j = 0; res && k < res->nevents && j < nc; k++)
        if (res->events[k].context == 0)
            key(ck[j++], KEYLEN, res->events[k].source, res->events[k].target,
                res->events[k].cameo->code);
}

/* Sort both key lists, mark matches in em and cm, return their number. */
static size_t score_keys(size_t ne, size_t nc, char (*ek)[KEYLEN],
                         char (*ck)[KEYLEN], unsigned char *em,
                         unsigned char *cm)
{
    qsort(ek, ne, KEYLEN, cmpkey);
    qsort(ck, nc, KEYLEN, cmpkey);
    memset(em, 0, ne + 1);
    memset(cm, 0, nc + 1);
    return match(ek, ne, ck, nc, em, cm);
}

/* Add expected/coded/matched counts to a P/R/F1 cell. */
static void cell_add(ent_eval_cell *c, size_t exp, size_t got, size_t tp)
{
    c->expected += exp;
    c->coded += got;
    c->matched += tp;
}

/* Root 1..20 from a code's first two digits; 0 for anything else. */
static int root_index(const char *code)
{
    int r;
    if (!isdigit((unsigned char)code[0]) || !isdigit((unsigned char)code[1]))
        return 0;
    r = (code[0] - '0') * 10 + (code[1] - '0');
    return r >= 1 && r <= 20 ? r : 0;
}

/* Grow the four per-record scratch arrays to hold need entries. */
static int scratch(const ent_allocator *a, size_t need, size_t *cap,
                   char (**ek)[KEYLEN], char (**ck)[KEYLEN],
                   unsigned char **em, unsigned char **cm)
{
    size_t c1 = *cap, c2 = *cap, c3 = *cap, c4 = *cap;
    if (need <= *cap)
        return ENT_OK;
    if (ent__grow(a, (void **)ek, &c1, need, KEYLEN) ||
        ent__grow(a, (void **)ck, &c2, need, KEYLEN) ||
        ent__grow(a, (void **)em, &c3, need, 1) ||
        ent__grow(a, (void **)cm, &c4, need, 1))
        return ENT_ENOMEM;
    *cap = c1 < c2 ? c1 : c2;
    *cap = *cap < c3 ? *cap : c3;
    *cap = *cap < c4 ? *cap : c4;
    return ENT_OK;
}

/* Code and score every scored record of g (contract and pass rules in
 * entente.h, ent_eval_totals). */
/* Put a TABARI option directive in force on the coder: "SET: MINIMUM
 * WORDS", "SET: CODE BY", "COMMA:" and "DEFAULT:" commands; the others
 * have no counterpart in entente and are passed over. PETRARCH's
 * <Config> settings are not applied: require_dyad and comma_* changed
 * nothing or lost records on the two PETRARCH suites (ACCURACY.md). */
static void apply_directive(ent_coder *coder, const ent_gold *g,
                            const ent_gold_directive *d, int *forward)
{
    ent__optpair op[6];
    size_t i, n = 0;
    if (g->format == ENT_GOLD_TABARI) {
        const char *f = d->option;
        while (isspace((unsigned char)*f))
            f++;
        if (!strncmp(f, "FORWARD:", 8)) {
            /* "FORWARD: ^^*****NNN*SSS" turns story forwarding on, a
             * trailing "OFF" turns it off */
            size_t l = strcspn(f, "}");
            while (l > 0 && isspace((unsigned char)f[l - 1]))
                l--;
            *forward = !(l >= 4 && !strncmp(f + l - 4, " OFF", 4));
            return;
        }
        n = ent__tabari_option(d->option, op);
    }
    for (i = 0; i < n; i++)
        (void)ent_coder_set_option(coder, op[i].name, op[i].value);
}

/* Length of a record id without its trailing sentence number:
 * "FRWD-001-003" -> 9 ("FRWD-001-"). Records whose ids agree on it form
 * one story under TABARI's FORWARD option. */
static size_t story_len(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    while (n > 0 && isdigit((unsigned char)id[n - 1]))
        n--;
    return n;
}

/* Whether record r continues the story of the scored record before it
 * (index prev, or (size_t)-1 for none). */
static int same_story(const ent_gold *g, size_t prev, const grecord *r)
{
    const grecord *p;
    size_t n;
    if (prev == (size_t)-1)
        return 0;
    p = &g->rec[prev];
    n = story_len(r->id);
    return n > 0 && n < strlen(r->id) && n == story_len(p->id) &&
           !strncmp(p->id, r->id, n) && !strcmp(p->date, r->date);
}

/* Code record r. Under story forwarding (TABARI's FORWARD option) the
 * story's earlier records (story0 .. r - 1) are coded first as the same
 * document, so that "He has also asked Gondor" resolves "he" from the
 * sentences before it, as in a real article; only the events of r's own
 * sentences count: *first receives the index of its first event.
 * Returns as ent_code(). */
static int code_record(ent_coder *coder, const ent_gold *g, size_t story0,
                       size_t ri, ent__buf *story, const ent_result **res,
                       size_t *first)
{
    const grecord *r = &g->rec[ri];
    ent_doc doc;
    size_t k, nprev = 0;
    int rc;
    *first = 0;
    memset(&doc, 0, sizeof doc);
    doc.id = r->id;
    doc.date = r->date;
    story->n = 0;
    for (k = story0; k < ri; k++)
        if (g->rec[k].skip == ENT_GOLD_SCORED &&
            ent__buf_printf(&g->alloc, story, "%s\n\n", g->rec[k].text))
            return ENT_ENOMEM;
    if (story->n) {
        /* the sentences before r's: their count, from the same split */
        doc.text = story->p;
        doc.text_len = story->n;
        rc = ent_code(coder, &doc, res);
        if (rc)
            return rc;
        nprev = (*res)->nsents;
        if (ent__buf_printf(&g->alloc, story, "%s", r->text))
            return ENT_ENOMEM;
        doc.text = story->p;
        doc.text_len = story->n;
    } else {
        doc.text = r->text;
        doc.text_len = strlen(r->text);
    }
    rc = ent_code(coder, &doc, res);
    if (rc)
        return rc;
    while (*first < (*res)->nevents && (*res)->events[*first].sent < nprev)
        (*first)++;
    return ENT_OK;
}

/* ---- scoring: event dates ------------------------------------------- */

/* Whether gold events x and y are the same (source, target, code). */
static int same_triple(const gevent *x, const gevent *y)
{
    return !strcmp(x->source, y->source) && !strcmp(x->target, y->target) &&
           !strcmp(x->code, y->code);
}

/* The coded factual event of res that is the n-th (from 0) with gold
 * event e's source, target and code, or NULL. */
static const ent_event *nth_coded(const ent_result *res, const gevent *e,
                                  size_t n)
{
    size_t j;
    for (j = 0; res && j < res->nevents; j++) {
        const ent_event *c = &res->events[j];
        if (c->context == 0 && !strcmp(c->source, e->source) &&
            !strcmp(c->target, e->target) && !strcmp(c->cameo->code, e->code) &&
            n-- == 0)
            return c;
    }
    return NULL;
}

/* Add one dated gold event's outcome to d. */
static void dates_add(ent_eval_dates *d, const ent_eval_dates *one)
{
    d->expected += one->expected;
    d->matched += one->matched;
    d->date_right += one->date_right;
    d->precision_right += one->precision_right;
    d->both_right += one->both_right;
}

/* Score the dates of record r's gold events against res (its own events
 * only; NULL when nothing was coded), as ent_eval_dates says: counts go
 * to tot->dates and to the record's tags, and a line for each matched
 * event whose date or precision is wrong to note. Returns ENT_OK or
 * ENT_ENOMEM. */
static int score_dates(const ent_gold *g, const grecord *r,
                       const ent_result *res, ent_eval_totals *tot,
                       ent__buf *note)
{
    const gevent *ev = g->ev + r->first;
    size_t k, j, n;
    note->n = 0;
    for (k = 0; k < r->n; k++) {
        const gevent *e = &ev[k];
        const ent_event *c;
        ent_eval_dates one = {1, 0, 0, 0, 0};
        if (!e->date)
            continue;
        for (j = n = 0; j < k; j++)
            n += same_triple(&ev[j], e);
        c = nth_coded(res, e, n);
        if (c) {
            const char *pn = ent_when_precision_name(c->when.precision);
            one.matched = 1;
            one.date_right = !strcmp(c->when.date, e->date) &&
                             (!e->end || !strcmp(c->when.end, e->end));
            one.precision_right = pn && !strcmp(pn, e->precision);
            one.both_right = one.date_right && one.precision_right;
            if (!one.both_right &&
                ent__buf_printf(&g->alloc, note,
                                "%s %s %s: coded %s%s%s %s \"%.*s\", "
                                "expected %s%s%s %s\n",
                                e->source, e->target, e->code, c->when.date,
                                c->when.end[0] ? ".." : "", c->when.end,
                                pn ? pn : "?",
                                (int)(c->when.expr.end - c->when.expr.start),
                                res->text + res->sents[c->sent].start +
                                    c->when.expr.start,
                                e->date, e->end && *e->end ? ".." : "",
                                e->end ? e->end : "", e->precision))
                return ENT_ENOMEM;
        }
        dates_add(&tot->dates, &one);
        for (j = 0; j < r->ntag; j++) {
            uint32_t t = g->tagids[r->tag0 + j] - 1;
            if (t < ENT_EVAL_MAXTAGS)
                dates_add(&tot->tag[t].dates, &one);
        }
    }
    return ENT_OK;
}

int ent_eval_run(ent_coder *coder, const ent_gold *g, ent_eval_fn fn,
                 void *ud, ent_eval_totals *tot)
{
    size_t i, j, ntags = g ? g->tags.n : 0;
    char (*ek)[KEYLEN] = NULL, (*ck)[KEYLEN] = NULL;
    unsigned char *em = NULL, *cm = NULL;
    size_t cap = 0;
    int rc = ENT_OK, ordered = g && g->format == ENT_GOLD_TABARI;
    int forward = 0;
    size_t story0 = 0, prev = (size_t)-1;
    ent__buf story = {NULL, 0, 0}, dnote = {NULL, 0, 0};
    if (!coder || !g || !tot)
        return ENT_EINVAL;
    memset(tot, 0, sizeof *tot);
    tot->ntags = ntags < ENT_EVAL_MAXTAGS ? ntags : ENT_EVAL_MAXTAGS;
    for (j = 0; j < tot->ntags; j++)
        tot->tag_names[j] = g->tags.str[j + 1];
    ent_coder_reset_options(coder);
    for (i = 0; i < g->nrec && rc == ENT_OK; i++) {
        const grecord *r = &g->rec[i];
        const ent_result *res;
        ent_result view;
        size_t ne = r->n, nc = 0, ncount, tp, ltp, k, first;
        int seq_ok, empty_ok;
        ent_eval_record er;
        for (k = 0; k < r->ndir; k++)
            apply_directive(coder, g, &g->dir[r->dir0 + k], &forward);
        if (r->skip != ENT_GOLD_SCORED) {
            tot->unscored++;
            continue;
        }
        if (!forward || !same_story(g, prev, r))
            story0 = i;
        prev = i;
        rc = code_record(coder, g, story0, i, &story, &res, &first);
        if (!rc) {
            /* only the record's own events (see code_record()) */
            view = *res;
            view.events += first;
            view.nevents -= first;
            res = &view;
        }
        if (rc) {
            if (rc == ENT_ENOMEM)
                break;
            res = NULL; /* an uncodable record codes nothing */
            rc = ENT_OK;
        }
        for (k = 0; res && k < res->nevents; k++)
            nc += res->events[k].context == 0;
        if (scratch(&g->alloc, ne + nc + 1, &cap, &ek, &ck, &em, &cm)) {
            rc = ENT_ENOMEM;
            break;
        }
        make_keys(ev_key, g->ev + r->first, ne, res, nc, ek, ck);
        /* the suite's pass rule: TABARI compares in coding order, after
         * "-{" only the listed prefix; the others compare multisets */
        seq_ok = 1;
        if (ordered) {
            for (k = 0; k < ne && seq_ok; k++)
                seq_ok = k < nc && !strcmp(ek[k], ck[k]);
            seq_ok = seq_ok && (nc == ne || r->open);
        }
        tp = score_keys(ne, nc, ek, ck, em, cm);
        if (!ordered)
            seq_ok = tp == ne && (tp == nc || r->open);
        /* a no-event, complex, discard or error record also passes when
         * nothing is coded (entente reports neither complexity nor
         * discards); one with no listed event and no marker only then */
        empty_ok = nc == 0 || (r->open && ne == 0);
        er.pass = (r->status != ENT_GOLD_EVENTS && empty_ok) ||
                  ((ne > 0 || r->status == ENT_GOLD_EVENTS) &&
                   (ne > 0 ? seq_ok : empty_ok));
        /* after "-{" unmatched coded events are not checked */
        ncount = r->open ? tp : nc;
        /* per root: expected and matched by the gold event's root, coded
         * by the coded event's root */
        for (k = 0; k < ne; k++) {
            const char *sp = strrchr(ek[k], ' ');
            cell_add(&tot->root[root_index(sp ? sp + 1 : "")], 1, 0, em[k]);
        }
        for (k = 0; k < nc; k++) {
            const char *sp = strrchr(ck[k], ' ');
            if (!r->open || cm[k])
                cell_add(&tot->root[root_index(sp ? sp + 1 : "")], 0, 1, 0);
        }
        cell_add(&tot->exact, ne, ncount, tp);
        er.id = r->id;
        er.text = r->text;
        er.line = r->line;
        er.status = r->status;
        if (score_dates(g, r, res, tot, &dnote)) {
            rc = ENT_ENOMEM;
            break;
        }
        er.date_errors = dnote.n ? dnote.p : NULL;
        /* hand the caller the keys, matched ones marked */
        {
            const char *ev_e[ENT_EVAL_MAXEV], *ev_c[ENT_EVAL_MAXEV];
            int me[ENT_EVAL_MAXEV], mc[ENT_EVAL_MAXEV];
            for (k = 0; k < ne && k < ENT_EVAL_MAXEV; k++) {
                ev_e[k] = ek[k];
                me[k] = em[k];
            }
            for (k = 0; k < nc && k < ENT_EVAL_MAXEV; k++) {
                ev_c[k] = ck[k];
                mc[k] = cm[k];
            }
            er.expected = ev_e;
            er.expected_matched = me;
            er.coded = ev_c;
            er.coded_matched = mc;
            er.nexpected = ne < ENT_EVAL_MAXEV ? ne : ENT_EVAL_MAXEV;
            er.ncoded = nc < ENT_EVAL_MAXEV ? nc : ENT_EVAL_MAXEV;
            if (fn)
                fn(ud, &er);
        }
        make_keys(ev_loose, g->ev + r->first, ne, res, nc, ek, ck);
        ltp = score_keys(ne, nc, ek, ck, em, cm);
        cell_add(&tot->loose, ne, r->open ? ltp : nc, ltp);
        tot->records++;
        tot->passed += er.pass;
        if (r->status == ENT_GOLD_NOEVENT) {
            tot->no_event_records++;
            tot->no_event_passed += er.pass;
        } else if (r->status == ENT_GOLD_COMPLEX) {
            tot->complex_records++;
            tot->complex_passed += er.pass;
        } else if (r->status != ENT_GOLD_EVENTS) {
            tot->discard_records++;
            tot->discard_passed += er.pass;
        }
        for (k = 0; k < r->ntag; k++) {
            uint32_t t = g->tagids[r->tag0 + k] - 1;
            if (t < ENT_EVAL_MAXTAGS) {
                tot->tag[t].records++;
                tot->tag[t].passed += er.pass;
                cell_add(&tot->tag[t].events, ne, ncount, tp);
            }
        }
    }
    ent__buf_free(&g->alloc, &story);
    ent__buf_free(&g->alloc, &dnote);
    ent__free(&g->alloc, ek);
    ent__free(&g->alloc, ck);
    ent__free(&g->alloc, em);
    ent__free(&g->alloc, cm);
    return rc;
}
