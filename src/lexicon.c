/*
 * lexicon.c -- load entente's dictionaries and compile them.
 *
 * Reads every dictionary file of a directory (formats: docs/dictionaries.md)
 * into interned words, token tries for actors, agents and context markers,
 * and per-anchor chains of verb patterns. The result is immutable and
 * shared by all coders. Any error names the file and line and fails the
 * whole load.
 */
#include "internal.h"

#include <ctype.h>
#include <stddef.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loader state for one file. */
typedef struct loader {
    ent_dict *d;
    const char *file; /* base name */
    int line;
    char *err;
    size_t errlen;
    ent__buf words, cls; /* phrase scratch */
} loader;

static int fail(loader *L, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(loader *L, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__errv(L->err, L->errlen, L->file, (unsigned long)L->line, fmt, ap);
    va_end(ap);
    return rc;
}

static int oom(loader *L) { return fail(L, ENT_ENOMEM, "out of memory"); }

/* "file:line" in the dictionary arena. */
static const char *src_of(loader *L)
{
    char b[300];
    int k = snprintf(b, sizeof b, "%s:%d", L->file, L->line);
    return ent__arena_strndup(&L->d->alloc, &L->d->arena, b,
                              k < 0 ? 0 : (size_t)k);
}

static char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = 0;
    return s;
}

/* The next meaningful line of *text: split off and NUL-terminated, its
 * '#' comment removed (when comments is set) and white space trimmed.
 * Blank lines are skipped; L->line counts every line. *indented (if not
 * NULL) says whether the line began with white space. NULL at the end. */
static char *next_line(loader *L, char **text, int comments, int *indented)
{
    while (*text) {
        char *line = *text, *nl = strchr(line, '\n'), *s;
        *text = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        L->line++;
        if (comments) {
            char *hash = strchr(line, '#');
            if (hash)
                *hash = 0;
        }
        s = trim(line);
        if (!*s)
            continue;
        if (indented)
            *indented = line[0] == ' ' || line[0] == '\t';
        return s;
    }
    return NULL;
}

/* ---- tries ---------------------------------------------------------- */

static int trie_init(const ent_allocator *a, ent__trie *t)
{
    if (ent__grow(a, (void **)&t->term, &t->cap, 2, sizeof *t->term))
        return ENT_ENOMEM;
    {
        size_t c = 0;
        if (ent__grow(a, (void **)&t->depth, &c, t->cap, sizeof *t->depth))
            return ENT_ENOMEM;
    }
    t->term[0] = t->term[1] = 0;
    t->depth[0] = t->depth[1] = 0;
    t->nnodes = 2; /* node 0 unused, node 1 root */
    return ENT_OK;
}

static void trie_free(const ent_allocator *a, ent__trie *t)
{
    ent__imap_free(a, &t->edges);
    ent__free(a, t->term);
    ent__free(a, t->depth);
    memset(t, 0, sizeof *t);
}

uint32_t ent__trie_step(const ent__trie *t, uint32_t node, uint32_t w,
                        uint32_t tf)
{
    uint32_t v;
    if (!w)
        return 0;
    v = ent__imap_get(&t->edges, ((uint64_t)node << 32) | w);
    if (!v)
        return 0;
    switch (v & 3u) {
    case 1:
        if (!(tf & (ENT_TOK_CAP | ENT_TOK_ALLCAP)))
            return 0;
        break;
    case 2:
        if (!(tf & ENT_TOK_ALLCAP))
            return 0;
        break;
    case 3:
        if (!(tf & ENT_TOK_FORM))
            return 0; /* "mouse!" is not "mouses" */
        break;
    default:
        break;
    }
    return v >> 2;
}

/* Intern word w (n bytes) into the dictionary's words; a prefix word
 * ("argentin*") is counted so the coder knows to look prefixes up. */
static int intern(loader *L, const char *w, size_t n, uint32_t *id)
{
    ent_dict *d = L->d;
    size_t before = d->words.n;
    if (ent__strtab_intern(&d->alloc, &d->words, w, n, id))
        return oom(L);
    if (d->words.n > before && n > 1 && w[n - 1] == '*') {
        d->nstems++;
        if (n - 1 > d->stem_maxlen)
            d->stem_maxlen = n - 1;
    }
    return ENT_OK;
}

/* Add the phrase in L->words/L->cls (nw words) to trie t with payload
 * index pay, starting at node root (1, or a synset's own root). An existing identical phrase keeps its first payload (a later
 * entry's duplicate returns 1 so the caller can count it; a case variant
 * within the same entry, "NATO; Nato", is not a duplicate). */
static int trie_add(loader *L, ent__trie *t, uint32_t root, int nw,
                    uint32_t pay)
{
    const ent_allocator *a = &L->d->alloc;
    uint32_t node = root;
    const char *w = L->words.p;
    int i;
    for (i = 0; i < nw; i++) {
        size_t n = strlen(w);
        uint32_t id, v, cls = (unsigned char)L->cls.p[i];
        uint64_t key;
        if (intern(L, w, n, &id))
            return ENT_ENOMEM;
        if (n == 1 && w[0] == '*')
            t->gaps = 1; /* the coder looks for gap edges only then */
        key = ((uint64_t)node << 32) | id;
        v = ent__imap_get(&t->edges, key);
        if (v) {
            /* keep the least restrictive class of the two (an exact form,
             * 3, gives way to any other) */
            uint32_t old = v & 3u,
                     keep = old == 3u ? cls : cls == 3u ? old
                            : old < cls ? old : cls;
            if (keep != old &&
                ent__imap_put(a, &t->edges, key, (v & ~3u) | keep))
                return oom(L);
            node = v >> 2;
        } else {
            uint32_t child = (uint32_t)t->nnodes;
            size_t c1 = t->cap, c2 = t->cap;
            if (ent__grow(a, (void **)&t->term, &c1, t->nnodes + 1,
                          sizeof *t->term) ||
                ent__grow(a, (void **)&t->depth, &c2, t->nnodes + 1,
                          sizeof *t->depth))
                return oom(L);
            t->cap = c1 < c2 ? c1 : c2;
            t->term[child] = 0;
            t->depth[child] = (uint32_t)i + 1;
            t->nnodes++;
            if (ent__imap_put(a, &t->edges, key, (child << 2) | cls))
                return oom(L);
            node = child;
        }
        w += n + 1;
    }
    if (t->term[node])
        return t->term[node] - 1 != pay; /* 1: defined by another entry */
    t->term[node] = pay + 1;
    return ENT_OK;
}

/* Tokenise phrase s into L->words; returns the word count or < 0. */
static int phrase(loader *L, const char *s)
{
    int nw = ent__phrase_words(&L->d->alloc, s, strlen(s), &L->words,
                               &L->cls);
    if (nw == ENT_ENOMEM)
        return oom(L);
    if (nw < 0)
        return fail(L, ENT_EFORMAT, "phrase too long: %s", s);
    if (nw == 0)
        return fail(L, ENT_EFORMAT, "empty phrase");
    return nw;
}

/* Add every ';'-separated phrase of list to trie t with payload pay. */
static int add_phrases(loader *L, ent__trie *t, char *list, uint32_t pay,
                       size_t *count)
{
    char *save = NULL, *p;
    int any = 0;
    for (p = strtok_r(list, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        int nw, rc;
        p = trim(p);
        if (!*p)
            continue;
        nw = phrase(L, p);
        if (nw < 0)
            return nw;
        rc = trie_add(L, t, 1, nw, pay);
        if (rc < 0)
            return rc;
        if (rc > 0)
            L->d->stats.duplicate_phrases++; /* the first entry keeps it */
        else
            (*count)++;
        any = 1;
    }
    if (!any)
        return fail(L, ENT_EFORMAT, "no phrase before '='");
    return ENT_OK;
}

/* An actor or sector code: capital letters and digits. */
static int valid_code(const char *c, size_t minlen)
{
    size_t n = strlen(c), i;
    if (!strcmp(c, "---"))
        return 1; /* the null actor: recognised, codes nothing */
    if (n < minlen || n >= ENT_ACTOR_MAX)
        return 0;
    for (i = 0; i < n; i++)
        if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9')))
            return 0;
    return 1;
}

/* ---- actors --------------------------------------------------------- */

static int new_actor(loader *L, const char *first_phrase, uint32_t *idx)
{
    ent_dict *d = L->d;
    ent__actor *ac;
    if (ent__grow(&d->alloc, (void **)&d->actor, &d->capactor, d->nactor + 1,
                  sizeof *d->actor))
        return oom(L);
    ac = &d->actor[d->nactor];
    ac->name = ent__arena_strndup(&d->alloc, &d->arena, first_phrase,
                                  strlen(first_phrase));
    ac->src = src_of(L);
    if (!ac->name || !ac->src)
        return oom(L);
    ac->first = (uint32_t)d->ncodes;
    ac->ncodes = 0;
    *idx = (uint32_t)d->nactor++;
    return ENT_OK;
}

/* Parse "CODE [FROM..TO] [role]" into a new code of the last actor. */
static int actor_code(loader *L, char *s)
{
    ent_dict *d = L->d;
    ent__actor_code *c;
    char *code = s, *rest;
    s = code + strcspn(code, " \t");
    rest = *s ? s + 1 : s;
    *s = 0;
    if (strchr(code, '/')) {
        /* "FRO/BIL/SAM": one phrase naming several actors */
        char tmp[ENT_ACTOR_MAX], *part, *save = NULL;
        if (strlen(code) >= ENT_ACTOR_MAX || code[strlen(code) - 1] == '/' ||
            code[0] == '/' || strstr(code, "//"))
            return fail(L, ENT_EFORMAT, "bad actor code '%s'", code);
        snprintf(tmp, sizeof tmp, "%s", code);
        for (part = strtok_r(tmp, "/", &save); part;
             part = strtok_r(NULL, "/", &save))
            if (!valid_code(part, 3) || !strcmp(part, "---"))
                return fail(L, ENT_EFORMAT, "bad actor code '%s'", code);
    } else if (!valid_code(code, 3))
        return fail(L, ENT_EFORMAT, "bad actor code '%s'", code);
    if (ent__grow(&d->alloc, (void **)&d->codes, &d->capcodes, d->ncodes + 1,
                  sizeof *d->codes))
        return oom(L);
    c = &d->codes[d->ncodes];
    memset(c, 0, sizeof *c);
    strcpy(c->code, code);
    c->from = INT32_MIN;
    c->to = INT32_MAX;
    rest = trim(rest);
    c->role = ent__arena_strndup(&d->alloc, &d->arena, rest, strlen(rest));
    if (*rest && strstr(rest, "..") && rest[0] != '(' &&
        (rest[0] == '.' || (rest[0] >= '0' && rest[0] <= '9'))) {
        char *dots = strstr(rest, ".."), *end = dots + 2;
        char from[16] = "", to[16] = "";
        size_t fl = (size_t)(dots - rest), tl;
        while (*end && *end != ' ' && *end != '\t')
            end++;
        tl = (size_t)(end - dots - 2);
        if (fl >= sizeof from || tl >= sizeof to)
            return fail(L, ENT_EFORMAT, "bad date range");
        memcpy(from, rest, fl);
        memcpy(to, dots + 2, tl);
        if (fl && ent__date_days(from, &c->from))
            return fail(L, ENT_EFORMAT, "bad date '%s'", from);
        if (tl && ent__date_days(to, &c->to))
            return fail(L, ENT_EFORMAT, "bad date '%s'", to);
        if (c->from > c->to)
            return fail(L, ENT_EFORMAT, "date range ends before it starts");
    }
    c->src = src_of(L);
    if (!c->role || !c->src)
        return oom(L);
    d->ncodes++;
    d->actor[d->nactor - 1].ncodes++;
    return ENT_OK;
}

static int load_actors(loader *L, char *text)
{
    char *s;
    int open_entry = 0, indented = 0; /* the last entry takes indented lines */
    L->line = 0;
    while ((s = next_line(L, &text, 1, &indented)) != NULL) {
        char *eq;
        int rc;
        if (indented) {
            if (!open_entry)
                return fail(L, ENT_EFORMAT,
                            "indented code line without an entry ending in '='");
            rc = actor_code(L, s);
            if (rc)
                return rc;
            continue;
        }
        if (open_entry && L->d->actor[L->d->nactor - 1].ncodes == 0)
            return fail(L, ENT_EFORMAT, "previous entry has no code lines");
        eq = strrchr(s, '=');
        if (!eq)
            return fail(L, ENT_EFORMAT, "expected 'phrases = CODE'");
        *eq = 0;
        {
            char *code = trim(eq + 1), first[256];
            uint32_t idx = 0;
            size_t fl = strcspn(s, ";");
            if (fl >= sizeof first)
                fl = sizeof first - 1;
            memcpy(first, s, fl);
            first[fl] = 0;
            rc = new_actor(L, trim(first), &idx);
            if (rc)
                return rc;
            rc = add_phrases(L, &L->d->actors, s, idx,
                             &L->d->stats.actor_phrases);
            if (rc)
                return rc;
            if (*code) {
                rc = actor_code(L, code);
                if (rc)
                    return rc;
                open_entry = 0;
            } else {
                open_entry = 1;
            }
        }
    }
    if (open_entry && L->d->actor[L->d->nactor - 1].ncodes == 0)
        return fail(L, ENT_EFORMAT, "last entry has no code lines");
    return ENT_OK;
}

/* ---- agents --------------------------------------------------------- */

static int load_agents(loader *L, char *text)
{
    char *s;
    ent_dict *d = L->d;
    L->line = 0;
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        char *eq, *code;
        int rc;
        eq = strrchr(s, '=');
        if (!eq)
            return fail(L, ENT_EFORMAT, "expected 'phrases = SECTOR'");
        *eq = 0;
        int prefix = 0;
        code = trim(eq + 1);
        if (code[0] == '~')
            code++; /* TABARI's "~GOV": appended, the default */
        else if (*code && code[strlen(code) - 1] == '~') {
            code[strlen(code) - 1] = 0; /* "NGM~": put before the country */
            prefix = 1;
        }
        if (!valid_code(code, 3) || !strcmp(code, "---") ||
            strlen(code) >= sizeof d->agent->sector)
            return fail(L, ENT_EFORMAT, "bad sector code '%s'", code);
        if (ent__grow(&d->alloc, (void **)&d->agent, &d->capagent,
                      d->nagent + 1, sizeof *d->agent))
            return oom(L);
        strcpy(d->agent[d->nagent].sector, code);
        d->agent[d->nagent].prefix = prefix;
        d->agent[d->nagent].src = src_of(L);
        if (!d->agent[d->nagent].src)
            return oom(L);
        rc = add_phrases(L, &d->agents, s, (uint32_t)d->nagent,
                         &d->stats.agent_phrases);
        if (rc)
            return rc;
        d->nagent++;
    }
    return ENT_OK;
}

/* ---- synsets and discards ------------------------------------------ */

/* Append a node with no parent to trie t (a synset's root); its id in
 * *node. */
static int trie_root(loader *L, ent__trie *t, uint32_t *node)
{
    const ent_allocator *a = &L->d->alloc;
    size_t c1 = t->cap, c2 = t->cap;
    if (ent__grow(a, (void **)&t->term, &c1, t->nnodes + 1, sizeof *t->term) ||
        ent__grow(a, (void **)&t->depth, &c2, t->nnodes + 1,
                  sizeof *t->depth))
        return oom(L);
    t->cap = c1 < c2 ? c1 : c2;
    t->term[t->nnodes] = 0;
    t->depth[t->nnodes] = 0;
    *node = (uint32_t)t->nnodes++;
    return ENT_OK;
}

/* One synset line being loaded: its phrases, still unexpanded. */
typedef struct synline {
    char *phrases;
    int line;
} synline;

#define SYN_EXPAND_MAX 4096 /* phrases one synset may expand into */

/* Add phrase text p of synset sid, expanding each "&other" word into
 * every phrase of that synset ("&tietypes memos" -> "military memos",
 * "economic memos"...); depth bounds cycles. */
static int syn_expand(loader *L, const synline *lines, uint32_t sid,
                      const char *done, const char *rest, int depth,
                      size_t *count)
{
    ent_dict *d = L->d;
    char buf[1024];
    const char *amp = rest;
    while (*amp && !(*amp == '&' && (amp == rest || amp[-1] == ' ')))
        amp++;
    if (!*amp) {
        int nw, rc;
        snprintf(buf, sizeof buf, "%s%s", done, rest);
        if (++*count > SYN_EXPAND_MAX)
            return fail(L, ENT_EFORMAT, "synset expands into more than %d "
                        "phrases", SYN_EXPAND_MAX);
        nw = phrase(L, buf);
        if (nw < 0)
            return nw;
        rc = trie_add(L, &d->syn, d->syn_root[sid], nw, sid);
        return rc < 0 ? rc : ENT_OK;
    }
    if (depth > 8)
        return fail(L, ENT_EFORMAT, "synsets refer to each other in a cycle");
    {
        size_t nl = strcspn(amp, " ");
        uint32_t other = ent__strtab_find(&d->syn_idx, amp, nl);
        char *copy, *save = NULL, *p;
        int rc = ENT_OK;
        if (!other)
            return fail(L, ENT_EFORMAT, "unknown synset '%.*s'", (int)nl, amp);
        copy = ent__strndup(&d->alloc, lines[other - 1].phrases,
                            strlen(lines[other - 1].phrases));
        if (!copy)
            return oom(L);
        for (p = strtok_r(copy, ";", &save); p && !rc;
             p = strtok_r(NULL, ";", &save)) {
            char pre[1024], post[1024];
            p = trim(p);
            if (!*p)
                continue;
            /* the substituted phrase is scanned again: it may hold
             * references of its own */
            snprintf(pre, sizeof pre, "%s%.*s", done, (int)(amp - rest), rest);
            snprintf(post, sizeof post, "%s%s", p, amp + nl);
            rc = syn_expand(L, lines, sid, pre, post, depth + 1, count);
        }
        ent__free(&d->alloc, copy);
        return rc;
    }
}

/* synsets.txt: "&name = phrase; phrase; stem*", referred to by verb
 * patterns. All names are read first, so synsets may refer to later
 * ones. */
static int load_synsets(loader *L, char *text)
{
    ent_dict *d = L->d;
    synline *lines = NULL;
    size_t nlines = 0, cap = 0, i;
    char *s;
    int rc = ENT_OK;
    L->line = 0;
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        char *eq = strchr(s, '='), *name;
        uint32_t id;
        if (!eq || s[0] != '&') {
            rc = fail(L, ENT_EFORMAT, "expected '&name = phrases'");
            break;
        }
        *eq = 0;
        name = trim(s);
        if (strlen(name) < 2 || strcspn(name, " \t") != strlen(name)) {
            rc = fail(L, ENT_EFORMAT, "bad synset name '%s'", name);
            break;
        }
        if (ent__strtab_find(&d->syn_idx, name, strlen(name))) {
            rc = fail(L, ENT_EFORMAT, "synset %s defined twice", name);
            break;
        }
        if (ent__strtab_intern(&d->alloc, &d->syn_idx, name, strlen(name),
                               &id) ||
            ent__grow(&d->alloc, (void **)&lines, &cap, nlines + 1,
                      sizeof *lines) ||
            ent__grow(&d->alloc, (void **)&d->syn_root, &d->capsyn,
                      d->nsyn + 1, sizeof *d->syn_root)) {
            rc = oom(L);
            break;
        }
        rc = trie_root(L, &d->syn, &d->syn_root[d->nsyn]);
        if (rc)
            break;
        d->nsyn++;
        lines[nlines].phrases = trim(eq + 1);
        lines[nlines].line = L->line;
        nlines++;
    }
    for (i = 0; rc == ENT_OK && i < nlines; i++) {
        char *save = NULL, *p, *copy;
        size_t count = 0;
        L->line = lines[i].line;
        /* a copy: other synsets read this line's phrases intact */
        copy = ent__strndup(&d->alloc, lines[i].phrases,
                            strlen(lines[i].phrases));
        if (!copy) {
            rc = oom(L);
            break;
        }
        for (p = strtok_r(copy, ";", &save); p && !rc;
             p = strtok_r(NULL, ";", &save)) {
            p = trim(p);
            if (*p)
                rc = syn_expand(L, lines, (uint32_t)(d->nsyn - nlines + i), "",
                                p, 0, &count);
        }
        ent__free(&d->alloc, copy);
        if (!rc && !count)
            rc = fail(L, ENT_EFORMAT, "synset with no phrase");
    }
    ent__free(&d->alloc, lines);
    return rc;
}

/* discards.txt: phrases (one a line, or ';'-separated) that make a
 * sentence code nothing: sports, entertainment, historical asides. */
static int load_discards(loader *L, char *text)
{
    char *s;
    size_t n = 0;
    L->line = 0;
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        int rc = add_phrases(L, &L->d->discards, s, (uint32_t)L->line, &n);
        if (rc)
            return rc;
    }
    return ENT_OK;
}

/* ---- coding options ------------------------------------------------- */

void ent__opts_init(ent__opts *o)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = 1;
    o->detect_language = 1;
    o->domestic_agents = 1;
    o->reported_nouns = 1;
    o->compound_target = 1;
    o->convert_agents = 1;
    o->default_prior = 1;
}

/* Parse a yes/no value; -1 when it is neither. */
static int yes_no(const char *v)
{
    if (!strcmp(v, "yes"))
        return 1;
    if (!strcmp(v, "no"))
        return 0;
    return -1;
}

/* Copy an actor code for a default actor: 1 to ENT_ACTOR_MAX-1 upper-case
 * letters and digits, or "" (also "none") for no default. */
static int default_code(char *dst, const char *v)
{
    size_t i, n = strlen(v);
    if (!strcmp(v, "none"))
        n = 0;
    if (n >= ENT_ACTOR_MAX)
        return -1;
    for (i = 0; i < n; i++)
        if (!isupper((unsigned char)v[i]) && !isdigit((unsigned char)v[i]))
            return -1;
    memcpy(dst, v, n);
    dst[n] = 0;
    return 0;
}

int ent__opts_set(ent__opts *o, const char *name, const char *v, char *err,
                  size_t errlen)
{
    /* each option: its name, the kind of its value, where it goes */
    enum { YESNO, COUNT, CODE, CODEBY };
    static const struct {
        const char *name;
        int kind;
        size_t off;
    } opts[] = {
        {"compound_reciprocal", YESNO, offsetof(ent__opts, reciprocal)},
        {"place_targets", YESNO, offsetof(ent__opts, place_targets)},
        {"possessive_verbs", YESNO, offsetof(ent__opts, possessive_verbs)},
        {"tabari_endings", YESNO, offsetof(ent__opts, tabari_endings)},
        {"nested_events", YESNO, offsetof(ent__opts, nested_events)},
        {"tabari_pronouns", YESNO, offsetof(ent__opts, tabari_pronouns)},
        {"tabari_agents", YESNO, offsetof(ent__opts, tabari_agents)},
        {"convert_agents", YESNO, offsetof(ent__opts, convert_agents)},
        {"compound_target", YESNO, offsetof(ent__opts, compound_target)},
        {"require_dyad", YESNO, offsetof(ent__opts, require_dyad)},
        {"detect_language", YESNO, offsetof(ent__opts, detect_language)},
        {"domestic_agents", YESNO, offsetof(ent__opts, domestic_agents)},
        {"reported_nouns", YESNO, offsetof(ent__opts, reported_nouns)},
        {"code_by", CODEBY, offsetof(ent__opts, code_by)},
        {"minimum_words", COUNT, offsetof(ent__opts, min_words)},
        {"complex_verbs", COUNT, offsetof(ent__opts, complex_verbs)},
        {"complex_conj", COUNT, offsetof(ent__opts, complex_conj)},
        {"complex_noactprior", YESNO,
         offsetof(ent__opts, complex_noactprior)},
        {"comma_min", COUNT, offsetof(ent__opts, comma[ENT__COMMA_MIN])},
        {"comma_max", COUNT, offsetof(ent__opts, comma[ENT__COMMA_MAX])},
        {"comma_bmin", COUNT, offsetof(ent__opts, comma[ENT__COMMA_BMIN])},
        {"comma_bmax", COUNT, offsetof(ent__opts, comma[ENT__COMMA_BMAX])},
        {"comma_emin", COUNT, offsetof(ent__opts, comma[ENT__COMMA_EMIN])},
        {"comma_emax", COUNT, offsetof(ent__opts, comma[ENT__COMMA_EMAX])},
        {"default_source", CODE, offsetof(ent__opts, def_source)},
        {"default_prior", YESNO, offsetof(ent__opts, default_prior)},
        {"default_target", CODE, offsetof(ent__opts, def_target)},
    };
    static const char *const want[] = {
        "yes or no", "a number of words from 0 to 1000",
        "an actor code (capitals and digits) or none",
        "verb, clause, sentence or all"};
    static const char *const by[] = {"verb", "clause", "sentence", "all"};
    char *at = (char *)o;
    size_t i;
    for (i = 0; i < sizeof opts / sizeof *opts; i++)
        if (!strcmp(name, opts[i].name))
            break;
    if (i == sizeof opts / sizeof *opts) {
        snprintf(err, errlen, "unknown option '%s'", name);
        return ENT_EINVAL;
    }
    at += opts[i].off;
    switch (opts[i].kind) {
    case YESNO: {
        int b = yes_no(v);
        if (b < 0)
            goto bad;
        *(unsigned char *)at = (unsigned char)b;
        break;
    }
    case COUNT: {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 0 || n > 1000)
            goto bad;
        *(unsigned *)at = (unsigned)n;
        break;
    }
    case CODE:
        if (default_code(at, v))
            goto bad;
        break;
    default: { /* code_by: ENT__BY_VERB, _CLAUSE, _SENTENCE, _ALL in order */
        unsigned k;
        for (k = 0; k < 4 && strcmp(v, by[k]); k++)
            ;
        if (k == 4)
            goto bad;
        *(unsigned *)at = k;
    }
    }
    return ENT_OK;
bad:
    snprintf(err, errlen, "option %s: '%s' is not %s", name, v,
             want[opts[i].kind]);
    return ENT_EINVAL;
}

/* options.txt: "name = value" lines setting the coder's option defaults
 * for these dictionaries (docs/dictionaries.md). */
static int load_options(loader *L, char *text)
{
    char *s;
    L->line = 0;
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        char *eq = strchr(s, '='), *name, *val, err[160];
        if (!eq)
            return fail(L, ENT_EFORMAT, "expected 'name = value'");
        *eq = 0;
        name = trim(s);
        val = trim(eq + 1);
        if (ent__opts_set(&L->d->opts, name, val, err, sizeof err))
            return fail(L, ENT_EFORMAT, "%s", err);
    }
    return ENT_OK;
}

/* ---- context markers ------------------------------------------------ */

static int load_context(loader *L, char *text)
{
    char *s;
    ent_dict *d = L->d;
    L->line = 0;
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        char *kind;
        int rc, k;
        kind = s;
        s += strcspn(s, " \t");
        if (*s)
            *s++ = 0;
        if (!strcmp(kind, "negation"))
            k = ENT_CONTEXT_NEGATION;
        else if (!strcmp(kind, "hypothetical"))
            k = ENT_CONTEXT_HYPOTHETICAL;
        else if (!strcmp(kind, "future"))
            k = ENT_CONTEXT_FUTURE;
        else if (!strcmp(kind, "intent"))
            k = ENT_CONTEXT_INTENT;
        else
            return fail(L, ENT_EFORMAT,
                        "unknown context '%s' (negation, hypothetical, "
                        "future, intent)", kind);
        if (ent__grow(&d->alloc, (void **)&d->ctx, &d->capctx, d->nctx + 1,
                      sizeof *d->ctx))
            return oom(L);
        d->ctx[d->nctx].kind = k;
        d->ctx[d->nctx].src = src_of(L);
        if (!d->ctx[d->nctx].src)
            return oom(L);
        rc = add_phrases(L, &d->context, s, (uint32_t)d->nctx,
                         &d->stats.context_phrases);
        if (rc)
            return rc;
        d->nctx++;
    }
    return ENT_OK;
}

/* ---- CAMEO table ---------------------------------------------------- */

static int load_cameo(loader *L, char *text)
{
    char *p;
    ent_dict *d = L->d;
    L->line = 0;
    while ((p = next_line(L, &text, 0, NULL)) != NULL) {
        char *f[6];
        int i;
        uint32_t id;
        ent_cameo *c;
        char *end;
        if (p[0] == '#')
            continue;
        for (i = 0; i < 6; i++) {
            f[i] = p ? p : (char *)"";
            if (p)
                p = strchr(p, '\t');
            /* trailing empty fields may have been trimmed away */
            if (!p && i < 2)
                return fail(L, ENT_EFORMAT, "expected 6 tab-separated fields");
            if (p)
                *p++ = 0;
        }
        if (!strcmp(f[0], "code"))
            continue; /* header */
        f[5] = trim(f[5]);
        /* CAMEO codes are 2-4 digits; imported tables (TABARI's WEIS-style
         * "075A", "sdf") may hold any short code of letters and digits */
        if (!f[0][0] || strlen(f[0]) > 7 ||
            strspn(f[0], "0123456789abcdefghijklmnopqrstuvwxyz"
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(f[0]))
            return fail(L, ENT_EFORMAT, "bad CAMEO code '%s'", f[0]);
        if (strncmp(f[0], f[2], 2) || strlen(f[2]) != (strlen(f[0]) < 2 ? 1 : 2))
            return fail(L, ENT_EFORMAT, "root '%s' does not match code '%s'",
                        f[2], f[0]);
        if (ent__grow(&d->alloc, (void **)&d->cameo, &d->capcameo,
                      d->ncameo + 1, sizeof *d->cameo))
            return oom(L);
        c = &d->cameo[d->ncameo];
        /* an empty QuadClass or Goldstein value (an imported code with no
         * CAMEO equivalent) counts as 0 */
        c->quad = (int)strtol(f[3], &end, 10);
        if (*end || c->quad < 0 || c->quad > 4)
            return fail(L, ENT_EFORMAT, "bad QuadClass '%s'", f[3]);
        c->goldstein = strtod(f[4], &end);
        if (*end || c->goldstein < -10 || c->goldstein > 10)
            return fail(L, ENT_EFORMAT, "bad Goldstein value '%s'", f[4]);
        c->code = ent__arena_strndup(&d->alloc, &d->arena, f[0], strlen(f[0]));
        c->name = ent__arena_strndup(&d->alloc, &d->arena, f[1], strlen(f[1]));
        c->root = ent__arena_strndup(&d->alloc, &d->arena, f[2], strlen(f[2]));
        c->plover = ent__arena_strndup(&d->alloc, &d->arena, f[5], strlen(f[5]));
        if (!c->code || !c->name || !c->root || !c->plover)
            return oom(L);
        if (ent__strtab_find(&d->cameo_idx, f[0], strlen(f[0])))
            return fail(L, ENT_EFORMAT, "duplicate CAMEO code %s", f[0]);
        if (ent__strtab_intern(&d->alloc, &d->cameo_idx, f[0], strlen(f[0]),
                               &id))
            return oom(L);
        d->ncameo++;
    }
    if (d->ncameo == 0)
        return fail(L, ENT_EFORMAT, "no CAMEO codes");
    return ENT_OK;
}

/* negations.txt: "CODE NEGATED" lines: a negated event of CODE is coded
 * as NEGATED (PETRARCH-2's coding ontology, docs/dictionaries.md). */
static int load_negations(loader *L, char *text)
{
    ent_dict *d = L->d;
    char *s;
    L->line = 0;
    if (ent__grow(&d->alloc, (void **)&d->cameo_neg, &d->capneg, d->ncameo,
                  sizeof *d->cameo_neg))
        return oom(L);
    memset(d->cameo_neg, 0, d->ncameo * sizeof *d->cameo_neg);
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        char *b = s + strcspn(s, " \t"), *e;
        uint32_t ia, ib;
        if (*b)
            *b++ = 0;
        b = trim(b);
        e = b + strcspn(b, " \t");
        if (!*s || !*b || *trim(e))
            return fail(L, ENT_EFORMAT, "expected 'CODE NEGATED_CODE'");
        ia = ent__strtab_find(&d->cameo_idx, s, strlen(s));
        ib = ent__strtab_find(&d->cameo_idx, b, strlen(b));
        if (!ia || !ib)
            return fail(L, ENT_EFORMAT, "unknown CAMEO code '%s'",
                        ia ? b : s);
        if (d->cameo_neg[ia - 1])
            return fail(L, ENT_EFORMAT, "code %s negated twice", s);
        d->cameo_neg[ia - 1] = ib;
    }
    return ENT_OK;
}

const ent_cameo *ent__cameo_negated(const ent_dict *d, const ent_cameo *c)
{
    size_t i;
    if (!d->cameo_neg || !c)
        return NULL;
    i = (size_t)(c - d->cameo);
    return i < d->ncameo && d->cameo_neg[i] ? &d->cameo[d->cameo_neg[i] - 1]
                                            : NULL;
}

const ent_cameo *ent_cameo_lookup(const ent_dict *d, const char *code)
{
    uint32_t id;
    if (!d || !code)
        return NULL;
    id = ent__strtab_find(&d->cameo_idx, code, strlen(code));
    return id ? &d->cameo[id - 1] : NULL;
}

/* ---- verb patterns -------------------------------------------------- */

/* Append one word element (or several, if the tokenizer splits it, as in
 * "cease-fire") to the pattern being built. */
static int pat_word(loader *L, const char *w, int alt_ok, uint32_t *out,
                    int *nout)
{
    ent_dict *d = L->d;
    int nw = phrase(L, w), i;
    const char *p = L->words.p;
    if (nw < 0)
        return nw;
    if (nw > 1 && !alt_ok)
        return fail(L, ENT_EFORMAT,
                    "alternative '%s' is more than one word", w);
    (void)d;
    for (i = 0; i < nw && i < 8; i++) {
        size_t n = strlen(p);
        if (intern(L, p, n, &out[i]))
            return ENT_ENOMEM;
        p += n + 1;
    }
    *nout = nw < 8 ? nw : 8;
    return ENT_OK;
}

static int add_elem(loader *L, uint8_t type, const uint32_t *w, uint32_t nw)
{
    ent_dict *d = L->d;
    ent__pelem *e;
    if (ent__grow(&d->alloc, (void **)&d->pelems, &d->cappelems,
                  d->npelems + 1, sizeof *d->pelems) ||
        ent__grow(&d->alloc, (void **)&d->pwords, &d->cappwords,
                  d->npwords + nw + 1, sizeof *d->pwords))
        return oom(L);
    e = &d->pelems[d->npelems++];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->nwords = nw;
    {
        uint32_t i;
        for (i = 0; i < nw; i++) {
            unsigned b = ent__wbit(w[i]);
            e->bloom[b >> 6] |= 1ULL << (b & 63);
        }
    }
    e->words = (uint32_t)d->npwords;
    memcpy(d->pwords + d->npwords, w, nw * sizeof *w);
    d->npwords += nw;
    return ENT_OK;
}

static int load_verbs(loader *L, char *text, ent__imap *last)
{
    char *s;
    ent_dict *d = L->d;
    L->line = 0;
    while ((s = next_line(L, &text, 1, NULL)) != NULL) {
        char *code, *tok, *tsave = NULL;
        char *flags, orig[512];
        ent__pattern *pt;
        int rc, first = 1, has_target = 0, has_source = 0, has_at;
        int has_compound = 0;
        uint32_t idx;
        code = s;
        s += strcspn(s, " \t");
        if (!*s)
            return fail(L, ENT_EFORMAT, "expected 'CODE PATTERN'");
        *s++ = 0;
        s = trim(s);
        if (ent__grow(&d->alloc, (void **)&d->pat, &d->cappat, d->npat + 1,
                      sizeof *d->pat))
            return oom(L);
        pt = &d->pat[d->npat];
        memset(pt, 0, sizeof *pt);
        if (!strcmp(code, "+++") || !strcmp(code, "COMPLEX") ||
            !strcmp(code, "DISCARD")) {
            /* TABARI's "+++" and "###" ('#' starts a comment here) */
            pt->status = code[0] == 'D' ? ENT_PS_DISCARD : ENT_PS_COMPLEX;
        } else if (strcmp(code, "---")) {
            char *pair = strchr(code, ':');
            if (pair) {
                *pair++ = 0;
                pt->cameo2 = ent_cameo_lookup(d, pair);
                if (!pt->cameo2)
                    return fail(L, ENT_EFORMAT, "unknown CAMEO code '%s'",
                                pair);
            }
            pt->cameo = ent_cameo_lookup(d, code);
            if (!pt->cameo)
                return fail(L, ENT_EFORMAT, "unknown CAMEO code '%s'", code);
        }
        flags = strchr(s, '[');
        if (flags) {
            char *fe = strchr(flags, ']');
            if (!fe)
                return fail(L, ENT_EFORMAT, "unclosed '['");
            *fe = 0;
            /* "[sym]", "[sub]", "[sym sub]" */
            for (tok = strtok_r(flags + 1, " \t,", &tsave); tok;
                 tok = strtok_r(NULL, " \t,", &tsave)) {
                if (!strcmp(tok, "sym"))
                    pt->sym = 1;
                else if (!strcmp(tok, "sub"))
                    pt->sub = 1;
                else
                    return fail(L, ENT_EFORMAT, "unknown flag '%s'", tok);
            }
            *flags = 0;
            s = trim(s);
        }
        snprintf(orig, sizeof orig, "%s", s);
        /* "planes @attack": elements before the anchor; without '@' the
         * first element is the anchor */
        has_at = strstr(s, " @") != NULL || s[0] == '@';
        pt->pre = (uint32_t)d->npelems;
        pt->elems = (uint32_t)d->npelems;
        for (tok = strtok_r(s, " \t", &tsave); tok;
             tok = strtok_r(NULL, " \t", &tsave)) {
            uint32_t w[64];
            int nw = 0;
            if (first && (!has_at || tok[0] == '@')) {
                if (tok[0] == '@')
                    tok++;
                if (!*tok || strchr("*+$&(^%", tok[0]))
                    return fail(L, ENT_EFORMAT,
                                "a pattern must start with its verb or "
                                "mark it with '@'");
                rc = pat_word(L, tok, 0, w, &nw);
                if (rc)
                    return rc;
                pt->anchor = w[0];
                first = 0;
                pt->npre = (uint32_t)d->npelems - pt->pre;
                pt->elems = (uint32_t)d->npelems;
                continue;
            }
            if (tok[0] == '@')
                return fail(L, ENT_EFORMAT, "more than one anchor '@'");
            if (!strcmp(tok, "*")) {
                rc = add_elem(L, ENT_PE_GAP, w, 0);
            } else if (!strcmp(tok, "+")) {
                if (has_target++)
                    return fail(L, ENT_EFORMAT, "more than one '+'");
                rc = add_elem(L, ENT_PE_TARGET, w, 0);
            } else if (!strcmp(tok, "$")) {
                if (has_source++)
                    return fail(L, ENT_EFORMAT, "more than one '$'");
                rc = add_elem(L, ENT_PE_SOURCE, w, 0);
            } else if (!strcmp(tok, "^")) {
                rc = add_elem(L, ENT_PE_SKIP, w, 0);
            } else if (!strcmp(tok, "%")) {
                if (has_compound++)
                    return fail(L, ENT_EFORMAT, "more than one '%%'");
                rc = add_elem(L, ENT_PE_COMPOUND, w, 0);
            } else if (tok[0] == '&') {
                uint32_t sid = ent__strtab_find(&d->syn_idx, tok, strlen(tok));
                if (!sid)
                    return fail(L, ENT_EFORMAT, "unknown synset '%s'", tok);
                rc = add_elem(L, ENT_PE_SYN, w, 0);
                if (!rc)
                    d->pelems[d->npelems - 1].words = sid - 1;
            } else if (tok[0] == '(') {
                char *end = strchr(tok, ')'), *alt, *asave = NULL;
                int na = 0;
                if (!end || end[1])
                    return fail(L, ENT_EFORMAT, "bad alternatives '%s'", tok);
                *end = 0;
                for (alt = strtok_r(tok + 1, "|", &asave); alt;
                     alt = strtok_r(NULL, "|", &asave)) {
                    int one;
                    if (na >= 63)
                        return fail(L, ENT_EFORMAT, "too many alternatives");
                    rc = pat_word(L, alt, 0, w + na, &one);
                    if (rc)
                        return rc;
                    na++;
                }
                if (!na)
                    return fail(L, ENT_EFORMAT, "empty alternatives");
                rc = add_elem(L, ENT_PE_ALT, w, (uint32_t)na);
            } else {
                int i;
                rc = pat_word(L, tok, 1, w, &nw);
                for (i = 0; !rc && i < nw; i++)
                    rc = add_elem(L, ENT_PE_WORD, w + i, 1);
            }
            if (rc)
                return rc;
        }
        if (first)
            return fail(L, ENT_EFORMAT, "empty pattern");
        pt->nelems = (uint32_t)d->npelems - pt->elems;
        {
            /* the elements before the anchor are matched leftwards from
             * it: store them nearest first */
            uint32_t a = pt->pre, b = pt->pre + pt->npre;
            while (b > a + 1) {
                ent__pelem t = d->pelems[a];
                d->pelems[a++] = d->pelems[--b];
                d->pelems[b] = t;
            }
        }
        {
            uint32_t i;
            pt->weight = 1;
            for (i = pt->pre; i < pt->elems + pt->nelems; i++)
                pt->weight += d->pelems[i].type != ENT_PE_GAP;
        }
        pt->text = ent__arena_strndup(&d->alloc, &d->arena, orig, strlen(orig));
        pt->src = src_of(L);
        if (!pt->text || !pt->src)
            return oom(L);
        idx = (uint32_t)d->npat++;
        /* chain patterns of one anchor in file order */
        {
            uint32_t prev = ent__imap_get(last, pt->anchor);
            if (ent__grow(&d->alloc, (void **)&d->pnext, &d->cappnext,
                          d->npat, sizeof *d->pnext))
                return oom(L);
            d->pnext[idx] = 0;
            if (prev)
                d->pnext[prev - 1] = idx + 1;
            else {
                if (ent__imap_put(&d->alloc, &d->anchors, pt->anchor, idx + 1))
                    return oom(L);
                d->stats.verb_anchors++;
            }
            if (ent__imap_put(&d->alloc, last, pt->anchor, idx + 1))
                return oom(L);
        }
    }
    return ENT_OK;
}

/* ---- the whole directory ------------------------------------------- */

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

/* Read file dir/name into b and check it is UTF-8; errors name the file. */
static int read_file(loader *L, const char *dir, const char *name,
                     ent__buf *b)
{
    char path[4096];
    size_t bad;
    int rc;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    L->line = 0;
    rc = ent__read_file(&L->d->alloc, path, b);
    if (rc == ENT_ENOMEM)
        return oom(L);
    if (rc)
        return fail(L, ENT_EIO, "cannot read %s: %s", path, strerror(errno));
    if (ent_utf8_check(b->p, b->n, &bad))
        return fail(L, ENT_EFORMAT, "invalid UTF-8 at byte %zu", bad);
    return ENT_OK;
}

/* Closed-class words and their classes (see ENT_FW_* in internal.h). */
static const struct fword {
    const char *w;
    unsigned cls;
} fwords[] = {
    {"the", ENT_FW_DET}, {"a", ENT_FW_DET}, {"an", ENT_FW_DET},
    {"its", ENT_FW_DET | ENT_FW_POSSPRON}, {"their", ENT_FW_DET | ENT_FW_POSSPRON}, {"his", ENT_FW_DET | ENT_FW_POSSPRON},
    {"her", ENT_FW_DET | ENT_FW_POSSPRON}, {"our", ENT_FW_DET | ENT_FW_POSSPRON}, {"my", ENT_FW_DET},
    {"your", ENT_FW_DET}, {"'s", ENT_FW_DET}, {"this", ENT_FW_DET},
    {"these", ENT_FW_DET}, {"those", ENT_FW_DET}, {"every", ENT_FW_DET},
    {"each", ENT_FW_DET}, {"whose", ENT_FW_DET},
    {"in", ENT_FW_LOCPREP | ENT_FW_PREP}, {"at", ENT_FW_LOCPREP | ENT_FW_PREP},
    {"near", ENT_FW_LOCPREP | ENT_FW_PREP}, {"inside", ENT_FW_LOCPREP},
    {"outside", ENT_FW_LOCPREP}, {"across", ENT_FW_LOCPREP},
    {"throughout", ENT_FW_LOCPREP}, {"within", ENT_FW_LOCPREP},
    {"around", ENT_FW_LOCPREP}, {"off", ENT_FW_LOCPREP},
    {"during", ENT_FW_PREP}, {"amid", ENT_FW_PREP}, {"over", ENT_FW_PREP},
    {"about", ENT_FW_PREP}, {"with", ENT_FW_PREP}, {"on", ENT_FW_PREP},
    {"of", ENT_FW_PREP | ENT_FW_LINK}, {"for", ENT_FW_PREP | ENT_FW_LINK},
    {"from", ENT_FW_PREP | ENT_FW_LINK}, {"against", ENT_FW_PREP},
    {"into", ENT_FW_PREP}, {"under", ENT_FW_PREP}, {"between", ENT_FW_PREP},
    {"by", ENT_FW_BY},
    {"is", ENT_FW_BE | ENT_FW_AUX}, {"are", ENT_FW_BE | ENT_FW_AUX},
    {"was", ENT_FW_BE | ENT_FW_AUX}, {"were", ENT_FW_BE | ENT_FW_AUX},
    {"been", ENT_FW_BE}, {"being", ENT_FW_BE}, {"be", ENT_FW_BE},
    {"has", ENT_FW_AUX}, {"have", ENT_FW_AUX}, {"had", ENT_FW_AUX},
    {"do", ENT_FW_AUX}, {"does", ENT_FW_AUX}, {"did", ENT_FW_AUX},
    {"will", ENT_FW_AUX}, {"would", ENT_FW_AUX}, {"can", ENT_FW_AUX},
    {"could", ENT_FW_AUX}, {"may", ENT_FW_AUX}, {"might", ENT_FW_AUX},
    {"shall", ENT_FW_AUX}, {"should", ENT_FW_AUX}, {"must", ENT_FW_AUX},
    {"after", ENT_FW_CLAUSE}, {"before", ENT_FW_CLAUSE},
    {"while", ENT_FW_CLAUSE}, {"when", ENT_FW_CLAUSE},
    {"because", ENT_FW_CLAUSE}, {"although", ENT_FW_CLAUSE},
    {"though", ENT_FW_CLAUSE}, {"since", ENT_FW_CLAUSE},
    {"whereas", ENT_FW_CLAUSE}, {"if", ENT_FW_CLAUSE},
    {"unless", ENT_FW_CLAUSE}, {"which", ENT_FW_CLAUSE},
    {"who", ENT_FW_CLAUSE}, {"whom", ENT_FW_CLAUSE},
    {"where", ENT_FW_CLAUSE}, {"until", ENT_FW_CLAUSE},
    {"but", ENT_FW_CLAUSE}, {"as", ENT_FW_CLAUSE},
    {"that", ENT_FW_THAT},
    {"and", ENT_FW_CONJ}, {"or", ENT_FW_CONJ}, {"nor", ENT_FW_CONJ},
    {"it", ENT_FW_PRON}, {"he", ENT_FW_PRON}, {"she", ENT_FW_PRON},
    {"they", ENT_FW_PRON}, {"we", ENT_FW_PRON}, {"i", ENT_FW_PRON},
    {"you", ENT_FW_PRON},
};
static const char *const fixed_words[ENT_FW_NWORDS] = {"'s", "the",
                                                      "with", "in", "*"};

int ent_dict_load(const ent_dict_config *cfg, ent_dict **out, char *err,
                  size_t errlen)
{
    ent_dict *d;
    loader L;
    DIR *dh;
    struct dirent *de;
    char **names = NULL;
    size_t nnames = 0, capnames = 0, i;
    ent__buf b = {0};
    ent__imap last = {0};
    int rc = ENT_OK, pass;
    const ent_allocator *a = cfg ? cfg->alloc : NULL;

    if (err && errlen)
        err[0] = 0;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!cfg || !cfg->dict_dir)
        return ENT_EINVAL;
    d = ent__calloc(a, sizeof *d);
    if (!d) {
        if (err)
            snprintf(err, errlen, "out of memory");
        return ENT_ENOMEM;
    }
    ent__opts_init(&d->opts);
    if (a)
        d->alloc = *a;
    memset(&L, 0, sizeof L);
    L.d = d;
    L.err = err;
    L.errlen = errlen;
    L.file = cfg->dict_dir;
    if (trie_init(&d->alloc, &d->actors) || trie_init(&d->alloc, &d->agents) ||
        trie_init(&d->alloc, &d->context) ||
        trie_init(&d->alloc, &d->discards) || trie_init(&d->alloc, &d->syn)) {
        rc = oom(&L);
        goto done;
    }
    rc = ent__lemma_load(&d->alloc, cfg->wordnet_dir ? cfg->wordnet_dir
                                                     : "/usr/share/wordnet",
                         &d->lemma, err, errlen);
    if (rc)
        goto done;

    dh = opendir(cfg->dict_dir);
    if (!dh) {
        rc = fail(&L, ENT_EIO, "cannot open dictionary directory: %s",
                  strerror(errno));
        goto done;
    }
    while ((de = readdir(dh)) != NULL) {
        const char *n = de->d_name;
        if (n[0] == '.')
            continue;
        if (!ends_with(n, ".actors") && !ends_with(n, ".txt") &&
            !ends_with(n, ".tsv"))
            continue;
        if (ent__grow(&d->alloc, (void **)&names, &capnames, nnames + 1,
                      sizeof *names) ||
            !(names[nnames] = ent__strndup(&d->alloc, n, strlen(n)))) {
            closedir(dh);
            rc = oom(&L);
            goto done;
        }
        nnames++;
    }
    closedir(dh);
    if (nnames)
        qsort(names, nnames, sizeof *names, cmp_name);

    /* Pass 0: the CAMEO table, which verb patterns refer to. Pass 1:
     * everything else, in name order. */
    for (pass = 0; pass < 2 && rc == ENT_OK; pass++) {
        int seen_cameo = 0;
        for (i = 0; i < nnames && rc == ENT_OK; i++) {
            const char *n = names[i];
            int is_cameo = !strcmp(n, "cameo.tsv");
            if ((pass == 0) != is_cameo)
                continue;
            if (ends_with(n, ".txt") && strcmp(n, "agents.txt") &&
                strcmp(n, "context.txt") && strcmp(n, "synsets.txt") &&
                strcmp(n, "discards.txt") && strcmp(n, "options.txt") &&
                strcmp(n, "negations.txt") && strncmp(n, "verbs", 5))
                continue; /* README-like text files are not dictionaries */
            L.file = n;
            rc = read_file(&L, cfg->dict_dir, n, &b);
            if (rc)
                break;
            if (is_cameo) {
                rc = load_cameo(&L, b.p);
                seen_cameo = 1;
            } else if (ends_with(n, ".actors")) {
                rc = load_actors(&L, b.p);
            } else if (!strcmp(n, "agents.txt")) {
                rc = load_agents(&L, b.p);
            } else if (!strcmp(n, "context.txt")) {
                rc = load_context(&L, b.p);
            } else if (!strcmp(n, "synsets.txt")) {
                rc = load_synsets(&L, b.p); /* sorts before verbs*.txt */
            } else if (!strcmp(n, "discards.txt")) {
                rc = load_discards(&L, b.p);
            } else if (!strcmp(n, "options.txt")) {
                rc = load_options(&L, b.p);
            } else if (!strcmp(n, "negations.txt")) {
                rc = load_negations(&L, b.p);
            } else if (!strncmp(n, "verbs", 5)) {
                rc = load_verbs(&L, b.p, &last);
            }
        }
        if (pass == 0 && rc == ENT_OK && !seen_cameo) {
            L.file = cfg->dict_dir;
            L.line = 0;
            rc = fail(&L, ENT_EFORMAT, "no cameo.tsv in the directory");
        }
    }
    for (i = 0; rc == ENT_OK && i < sizeof fwords / sizeof *fwords; i++) {
        uint32_t id;
        if (ent__strtab_intern(&d->alloc, &d->words, fwords[i].w,
                               strlen(fwords[i].w), &id) ||
            (fwords[i].cls &&
             ent__imap_put(&d->alloc, &d->fclass, id, fwords[i].cls)))
            rc = oom(&L);
    }
    for (i = 0; rc == ENT_OK && i < ENT_FW_NWORDS; i++) {
        if (ent__strtab_intern(&d->alloc, &d->words, fixed_words[i],
                               strlen(fixed_words[i]), &d->fw[i]))
            rc = oom(&L);
    }
    d->stats.actor_entries = d->nactor;
    d->stats.verb_patterns = d->npat;
    d->stats.cameo_codes = d->ncameo;
    d->stats.words = d->words.n;

done:
    for (i = 0; i < nnames; i++)
        ent__free(&d->alloc, names[i]);
    ent__free(&d->alloc, names);
    ent__buf_free(&d->alloc, &b);
    ent__buf_free(&d->alloc, &L.words);
    ent__buf_free(&d->alloc, &L.cls);
    ent__imap_free(&d->alloc, &last);
    if (rc) {
        ent_dict_free(d);
        return rc;
    }
    *out = d;
    return ENT_OK;
}

void ent_dict_free(ent_dict *d)
{
    ent_allocator a;
    if (!d)
        return;
    a = d->alloc;
    ent__lemma_free(&a, d->lemma);
    trie_free(&a, &d->actors);
    trie_free(&a, &d->agents);
    trie_free(&a, &d->context);
    trie_free(&a, &d->discards);
    trie_free(&a, &d->syn);
    ent__free(&a, d->syn_root);
    ent__strtab_free(&a, &d->syn_idx);
    ent__strtab_free(&a, &d->words);
    ent__strtab_free(&a, &d->cameo_idx);
    ent__free(&a, d->cameo_neg);
    ent__imap_free(&a, &d->anchors);
    ent__imap_free(&a, &d->fclass);
    ent__free(&a, d->actor);
    ent__free(&a, d->codes);
    ent__free(&a, d->agent);
    ent__free(&a, d->ctx);
    ent__free(&a, d->pat);
    ent__free(&a, d->pelems);
    ent__free(&a, d->pwords);
    ent__free(&a, d->pnext);
    ent__free(&a, d->cameo);
    ent__arena_free(&a, &d->arena);
    ent__free(&a, d);
}

void ent_dict_get_stats(const ent_dict *d, ent_dict_stats *s)
{
    if (d && s)
        *s = d->stats;
}

const char *ent_strerror(int rc)
{
    switch (rc) {
    case ENT_OK: return "ok";
    case ENT_ENOMEM: return "out of memory";
    case ENT_EINVAL: return "invalid argument";
    case ENT_EIO: return "input/output error";
    case ENT_EFORMAT: return "malformed input";
    case ENT_EUTF8: return "invalid UTF-8";
    default: return "unknown error";
    }
}
