/*
 * eval.c -- measure coding quality against a gold file.
 *
 * Coding quality is measured, never assumed. A gold file lists sentences
 * with the events a correct coder reports; this stage reads it, codes each
 * sentence with the caller's coder, and counts matches: a record passes
 * when its coded events equal the gold events exactly (as a multiset of
 * source, target and CAMEO code), and precision, recall and F1 are kept
 * over all events, per CAMEO root and per record tag, exactly and loosely
 * (country dyad and root). Format read so far: entente's own JSONL gold
 * (tests/gold/README.md).
 */
#include "internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One gold event. */
typedef struct gevent {
    char source[ENT_ACTOR_MAX], target[ENT_ACTOR_MAX], code[8];
} gevent;

/* One gold record. Strings live in the set's arena. */
typedef struct grecord {
    const char *id, *date, *text;
    uint32_t first, n;   /* events first .. first + n - 1 */
    uint32_t tag0, ntag; /* tag ids in tagids[] */
    unsigned long line;
} grecord;

struct ent_gold {
    ent_allocator alloc;
    ent__arena arena;
    grecord *rec;
    size_t nrec, caprec;
    gevent *ev;
    size_t nev, capev;
    uint32_t *tagids;
    size_t ntagids, captagids;
    ent__strtab tags; /* tag names */
};

/* ---- reading -------------------------------------------------------- */

void ent_gold_free(ent_gold *g)
{
    ent_allocator a;
    if (!g)
        return;
    a = g->alloc;
    ent__free(&a, g->rec);
    ent__free(&a, g->ev);
    ent__free(&a, g->tagids);
    ent__strtab_free(&a, &g->tags);
    ent__arena_free(&a, &g->arena);
    ent__free(&a, g);
}

static int gold_fail(char *err, size_t errlen, const char *path,
                     unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int gold_fail(char *err, size_t errlen, const char *path,
                     unsigned long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__errv(err, errlen, path, line, fmt, ap);
    va_end(ap);
    return ENT_EFORMAT;
}

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

/* Read the events array of one record into g->ev. */
static int read_events(ent_gold *g, json_t *arr, const char *path,
                       unsigned long line, char *err, size_t errlen)
{
    size_t i;
    if (!json_is_array(arr))
        return gold_fail(err, errlen, path, line, "\"events\" is not an array");
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        json_t *s = json_object_get(e, "source"), *t = json_object_get(e, "target");
        json_t *c = json_object_get(e, "code");
        gevent *ge;
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
        if (ent__grow(&g->alloc, (void **)&g->ev, &g->capev, g->nev + 1,
                      sizeof *g->ev))
            return ENT_ENOMEM;
        ge = &g->ev[g->nev++];
        snprintf(ge->source, sizeof ge->source, "%s", json_string_value(s));
        snprintf(ge->target, sizeof ge->target, "%s", json_string_value(t));
        snprintf(ge->code, sizeof ge->code, "%s", json_string_value(c));
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
        uint32_t id;
        if (!json_is_string(t))
            return gold_fail(err, errlen, path, line, "tag %zu is not a string",
                             i + 1);
        if (ent__strtab_intern(&g->alloc, &g->tags, json_string_value(t),
                               json_string_length(t), &id) ||
            ent__grow(&g->alloc, (void **)&g->tagids, &g->captagids,
                      g->ntagids + 1, sizeof *g->tagids))
            return ENT_ENOMEM;
        g->tagids[g->ntagids++] = id;
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
    if (ent__grow(&g->alloc, (void **)&g->rec, &g->caprec, g->nrec + 1,
                  sizeof *g->rec))
        return ENT_ENOMEM;
    g->rec[g->nrec++] = r;
    return ENT_OK;
}

int ent_gold_load(const char *path, const ent_allocator *a, ent_gold **out,
                  char *err, size_t errlen)
{
    ent_gold *g;
    ent__buf b = {0};
    const char *p, *end;
    unsigned long line = 0;
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
    for (p = b.p, end = b.p + b.n; rc == ENT_OK && p && p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n, bad;
        if (!nl)
            nl = end;
        n = (size_t)(nl - p);
        line++;
        if (ent_utf8_check(p, n, &bad))
            rc = gold_fail(err, errlen, path, line, "%s at byte %zu",
                           p[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
        else if (n > 0 && strspn(p, " \t\r") < n && p[strspn(p, " \t")] != '#')
            rc = read_line(g, p, n, path, line, err, errlen);
        p = nl + 1;
    }
    ent__buf_free(&g->alloc, &b);
    if (rc == ENT_OK && g->nrec == 0)
        rc = gold_fail(err, errlen, path, line ? line : 1, "no gold records");
    if (rc == ENT_ENOMEM && err)
        snprintf(err, errlen, "%s: out of memory", path);
    if (rc) {
        ent_gold_free(g);
        return rc;
    }
    *out = g;
    return ENT_OK;
}

size_t ent_gold_count(const ent_gold *g)
{
    return g ? g->nrec : 0;
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

static int cmpkey(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

#define KEYLEN 64

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

/* Key the ne gold events (from ev) and the factual coded events of res
 * with key, sort both lists, mark matches in em and cm, return their
 * number. */
static size_t score_keys(keyfn key, const gevent *ev, size_t ne,
                         const ent_result *res, size_t nc, char (*ek)[KEYLEN],
                         char (*ck)[KEYLEN], unsigned char *em,
                         unsigned char *cm)
{
    size_t k, j;
    for (k = 0; k < ne; k++)
        key(ek[k], KEYLEN, ev[k].source, ev[k].target, ev[k].code);
    for (k = 0, j = 0; res && k < res->nevents; k++)
        if (res->events[k].context == 0)
            key(ck[j++], KEYLEN, res->events[k].source, res->events[k].target,
                res->events[k].cameo->code);
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

static int root_index(const char *code)
{
    int r = (code[0] - '0') * 10 + (code[1] - '0');
    return r >= 1 && r <= 20 ? r : 0;
}

int ent_eval_run(ent_coder *coder, const ent_gold *g, ent_eval_fn fn,
                 void *ud, ent_eval_totals *tot)
{
    size_t i, j, ntags = g ? g->tags.n : 0;
    char (*ek)[KEYLEN] = NULL, (*ck)[KEYLEN] = NULL;
    unsigned char *em = NULL, *cm = NULL;
    size_t cap = 0;
    int rc = ENT_OK;
    if (!coder || !g || !tot)
        return ENT_EINVAL;
    memset(tot, 0, sizeof *tot);
    tot->ntags = ntags < ENT_EVAL_MAXTAGS ? ntags : ENT_EVAL_MAXTAGS;
    for (j = 0; j < tot->ntags; j++)
        tot->tag_names[j] = g->tags.str[j + 1];
    for (i = 0; i < g->nrec && rc == ENT_OK; i++) {
        const grecord *r = &g->rec[i];
        ent_doc doc;
        const ent_result *res;
        size_t ne = r->n, nc = 0, tp, ltp, k;
        ent_eval_record er;
        memset(&doc, 0, sizeof doc);
        doc.id = r->id;
        doc.date = r->date;
        doc.text = r->text;
        doc.text_len = strlen(r->text);
        rc = ent_code(coder, &doc, &res);
        if (rc) {
            if (rc == ENT_ENOMEM)
                break;
            res = NULL; /* an uncodable record codes nothing */
            rc = ENT_OK;
        }
        for (k = 0; res && k < res->nevents; k++)
            nc += res->events[k].context == 0;
        if (ne + nc + 1 > cap) {
            size_t c1 = cap, c2 = cap, c3 = cap, c4 = cap;
            if (ent__grow(&g->alloc, (void **)&ek, &c1, ne + nc + 1, KEYLEN) ||
                ent__grow(&g->alloc, (void **)&ck, &c2, ne + nc + 1, KEYLEN) ||
                ent__grow(&g->alloc, (void **)&em, &c3, ne + nc + 1, 1) ||
                ent__grow(&g->alloc, (void **)&cm, &c4, ne + nc + 1, 1)) {
                rc = ENT_ENOMEM;
                break;
            }
            cap = c1 < c2 ? c1 : c2;
            cap = cap < c3 ? cap : c3;
            cap = cap < c4 ? cap : c4;
        }
        tp = score_keys(ev_key, g->ev + r->first, ne, res, nc, ek, ck, em, cm);
        /* per root: expected and matched by the gold event's root, coded
         * by the coded event's root */
        for (k = 0; k < ne; k++) {
            int ri = root_index(strrchr(ek[k], ' ') + 1);
            cell_add(&tot->root[ri], 1, 0, em[k]);
        }
        for (k = 0; k < nc; k++) {
            int ri = root_index(strrchr(ck[k], ' ') + 1);
            cell_add(&tot->root[ri], 0, 1, 0);
        }
        cell_add(&tot->exact, ne, nc, tp);
        er.id = r->id;
        er.text = r->text;
        er.line = r->line;
        er.pass = tp == ne && tp == nc;
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
        ltp = score_keys(ev_loose, g->ev + r->first, ne, res, nc, ek, ck, em,
                         cm);
        cell_add(&tot->loose, ne, nc, ltp);
        tot->records++;
        tot->passed += er.pass;
        tot->no_event_records += ne == 0;
        tot->no_event_passed += ne == 0 && nc == 0;
        for (k = 0; k < r->ntag; k++) {
            uint32_t t = g->tagids[r->tag0 + k] - 1;
            if (t < ENT_EVAL_MAXTAGS) {
                tot->tag[t].records++;
                tot->tag[t].passed += er.pass;
                cell_add(&tot->tag[t].events, ne, nc, tp);
            }
        }
    }
    ent__free(&g->alloc, ek);
    ent__free(&g->alloc, ck);
    ent__free(&g->alloc, em);
    ent__free(&g->alloc, cm);
    return rc;
}
