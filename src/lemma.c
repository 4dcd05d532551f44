/*
 * lemma.c -- verb and noun lemmas from WordNet (Debian's wordnet-base).
 *
 * WordNet's morphy procedure: an exception list for irregular forms
 * ("met" -> "meet"), then suffix rules whose results are accepted only if
 * WordNet's index knows the base form. The files are read in place from
 * /usr/share/wordnet; nothing of WordNet is copied into entente.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct ent__lemmatizer {
    ent__strtab verbs, nouns;     /* base forms known to WordNet */
    ent__strtab adjs, advs;
    ent__strtab vexc, nexc, aexc; /* irregular forms */
    const char **vexc_lemma, **nexc_lemma, **aexc_lemma; /* by exception id */
    size_t nvexc, nnexc, naexc;
    ent__arena arena;
};

/* Intern the first field of every index line (skipping the licence
 * header, whose lines start with a space, and multi-word lemmas). */
static int load_index(const ent_allocator *a, const ent__buf *b,
                      ent__strtab *t)
{
    const char *p = b->p, *end = b->p + b->n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *sp;
        if (!nl)
            nl = end;
        sp = memchr(p, ' ', (size_t)(nl - p));
        if (p[0] != ' ' && sp && sp > p && !memchr(p, '_', (size_t)(sp - p))) {
            uint32_t id;
            if (ent__strtab_intern(a, t, p, (size_t)(sp - p), &id))
                return ENT_ENOMEM;
        }
        p = nl + 1;
    }
    return ENT_OK;
}

/* Load "form lemma [lemma...]" lines; the first lemma is kept. */
static int load_exc(const ent_allocator *a, ent__lemmatizer *lm,
                    const ent__buf *b, ent__strtab *t, const char ***lem,
                    size_t *nlem)
{
    const char *p = b->p, *end = b->p + b->n;
    size_t cap = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *sp, *l2;
        uint32_t id;
        if (!nl)
            nl = end;
        sp = memchr(p, ' ', (size_t)(nl - p));
        if (sp && sp > p) {
            l2 = memchr(sp + 1, ' ', (size_t)(nl - sp - 1));
            if (!l2)
                l2 = nl;
            if (ent__strtab_intern(a, t, p, (size_t)(sp - p), &id) ||
                ent__grow(a, (void **)lem, &cap, id + 1, sizeof **lem))
                return ENT_ENOMEM;
            if (id >= *nlem) {
                (*lem)[id] = ent__arena_strndup(a, &lm->arena, sp + 1,
                                                (size_t)(l2 - sp - 1));
                if (!(*lem)[id])
                    return ENT_ENOMEM;
                *nlem = id + 1;
            }
        }
        p = nl + 1;
    }
    return ENT_OK;
}

int ent__lemma_load(const ent_allocator *a, const char *dir,
                    ent__lemmatizer **out, char *err, size_t errlen)
{
    static const char *const files[] = {"index.verb", "index.noun",
                                        "verb.exc",   "noun.exc",
                                        "index.adj",  "index.adv",
                                        "adj.exc"};
    ent__lemmatizer *lm;
    ent__buf b = {0};
    char path[4096];
    int rc = ENT_OK;
    size_t i;
    *out = NULL;
    lm = ent__calloc(a, sizeof *lm);
    if (!lm)
        return ENT_ENOMEM;
    for (i = 0; i < 7 && rc == ENT_OK; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        rc = ent__read_file(a, path, &b);
        if (rc == ENT_EIO) {
            if (err)
                snprintf(err, errlen,
                         "%s: cannot read (%s); install Debian's "
                         "wordnet-base",
                         path, strerror(errno));
            break;
        }
        if (rc)
            break;
        switch (i) {
        case 0: rc = load_index(a, &b, &lm->verbs); break;
        case 1: rc = load_index(a, &b, &lm->nouns); break;
        case 2:
            rc = load_exc(a, lm, &b, &lm->vexc, &lm->vexc_lemma, &lm->nvexc);
            break;
        case 4: rc = load_index(a, &b, &lm->adjs); break;
        case 5: rc = load_index(a, &b, &lm->advs); break;
        case 6:
            rc = load_exc(a, lm, &b, &lm->aexc, &lm->aexc_lemma, &lm->naexc);
            break;
        default:
            rc = load_exc(a, lm, &b, &lm->nexc, &lm->nexc_lemma, &lm->nnexc);
            break;
        }
    }
    ent__buf_free(a, &b);
    if (rc) {
        if (rc == ENT_ENOMEM && err)
            snprintf(err, errlen, "out of memory loading WordNet");
        ent__lemma_free(a, lm);
        return rc;
    }
    *out = lm;
    return ENT_OK;
}

void ent__lemma_free(const ent_allocator *a, ent__lemmatizer *lm)
{
    if (!lm)
        return;
    ent__strtab_free(a, &lm->verbs);
    ent__strtab_free(a, &lm->nouns);
    ent__strtab_free(a, &lm->adjs);
    ent__strtab_free(a, &lm->advs);
    ent__strtab_free(a, &lm->vexc);
    ent__strtab_free(a, &lm->nexc);
    ent__strtab_free(a, &lm->aexc);
    ent__free(a, lm->aexc_lemma);
    ent__free(a, lm->vexc_lemma);
    ent__free(a, lm->nexc_lemma);
    ent__arena_free(a, &lm->arena);
    ent__free(a, lm);
}

/* A suffix rule: strip `suf`, append `add`. */
typedef struct rule {
    const char *suf, *add;
} rule;

static const rule verb_rules[] = {
    {"s", ""},   {"ies", "y"}, {"es", "e"}, {"es", ""},
    {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""},
};

static const rule adj_rules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
    {"ier", "y"}, {"iest", "y"},
};

static const rule noun_rules[] = {
    {"s", ""},    {"ses", "s"},  {"xes", "x"},  {"zes", "z"},
    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
};

/* Whether c is a vowel letter. */
static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Whether stem s (n bytes) may take the verb suffix rule r stripped to
 * give it: English spelling adds a bare "es" only after s, x, z, ch, sh
 * or o ("passes", "goes"; not "departes"), and doubles the last
 * consonant of a one-syllable stem ending in one vowel and one consonant
 * before "ed" and "ing" ("banned", not "baned"). WordNet's morphy accepts
 * both misspellings; TABARI and PETRARCH do not code them. */
static int spelled(const rule *r, const char *s, size_t n)
{
    size_t i, groups = 0;
    char z;
    if (r->add[0] || n < 2)
        return 1;
    z = s[n - 1];
    if (!strcmp(r->suf, "es"))
        return z == 's' || z == 'x' || z == 'z' || z == 'o' ||
               ((z == 'h') && (s[n - 2] == 'c' || s[n - 2] == 's'));
    if (strcmp(r->suf, "ed") && strcmp(r->suf, "ing"))
        return 1;
    if (vowel(z) || z == 'w' || z == 'x' || z == 'y' || !vowel(s[n - 2]) ||
        (n >= 3 && vowel(s[n - 3])))
        return 1;
    for (i = 0; i < n; i++)
        if (vowel(s[i]) && (i == 0 || !vowel(s[i - 1])))
            groups++;
    return groups != 1;
}

/* Apply morphy with the given tables and rules; spelling: require
 * regular verb spelling (spelled()) of a stem found by stripping. */
static const char *morphy(const ent__strtab *idx, const ent__strtab *exc,
                          const char *const *exc_lemma, const rule *rules,
                          size_t nrules, int doubling, int spelling,
                          int plural_first, const char *w, size_t n,
                          size_t *len)
{
    uint32_t id;
    size_t r;
    char tmp[64];
    if (n == 0 || n >= sizeof tmp - 4)
        return NULL;
    id = ent__strtab_find(exc, w, n);
    if (id) {
        *len = strlen(exc_lemma[id]);
        return exc_lemma[id];
    }
    /* Nouns: WordNet lists some plurals as lemmas of their own ("troops",
     * "talks"); a coder wants the singular, so a plain plural is reduced
     * first unless the word only looks plural ("gas", "chaos"). */
    if (plural_first && n >= 4 && w[n - 1] == 's' &&
        !strchr("suioa", w[n - 2])) {
        id = ent__strtab_find(idx, w, n - 1);
        if (id) {
            *len = n - 1;
            return idx->str[id];
        }
    }
    id = ent__strtab_find(idx, w, n);
    if (id) {
        *len = n;
        return idx->str[id];
    }
    for (r = 0; r < nrules; r++) {
        size_t sl = strlen(rules[r].suf), al = strlen(rules[r].add), bl;
        if (n <= sl + 1 || memcmp(w + n - sl, rules[r].suf, sl) != 0)
            continue;
        bl = n - sl;
        memcpy(tmp, w, bl);
        memcpy(tmp + bl, rules[r].add, al);
        id = spelling && !spelled(&rules[r], tmp, bl + al)
                 ? 0 : ent__strtab_find(idx, tmp, bl + al);
        if (id) {
            *len = bl + al;
            return idx->str[id];
        }
        /* stopped -> stop, planning -> plan */
        if (doubling && al == 0 && bl >= 3 && tmp[bl - 1] == tmp[bl - 2]) {
            id = ent__strtab_find(idx, tmp, bl - 1);
            if (id) {
                *len = bl - 1;
                return idx->str[id];
            }
        }
    }
    return NULL;
}

const char *ent__lemma_verb(const ent__lemmatizer *lm, const char *w,
                            size_t n, size_t *len)
{
    return morphy(&lm->verbs, &lm->vexc, lm->vexc_lemma, verb_rules,
                  sizeof verb_rules / sizeof verb_rules[0], 1, 1, 0, w, n,
                  len);
}

const char *ent__lemma_adj(const ent__lemmatizer *lm, const char *w,
                           size_t n, size_t *len)
{
    return morphy(&lm->adjs, &lm->aexc, lm->aexc_lemma, adj_rules,
                  sizeof adj_rules / sizeof adj_rules[0], 1, 1, 0, w, n, len);
}

const char *ent__lemma_noun(const ent__lemmatizer *lm, const char *w,
                            size_t n, size_t *len)
{
    return morphy(&lm->nouns, &lm->nexc, lm->nexc_lemma, noun_rules,
                  sizeof noun_rules / sizeof noun_rules[0], 0, 0, 1, w, n,
                  len);
}

unsigned ent__lemma_classes(const ent__lemmatizer *lm, const char *w,
                            size_t n)
{
    size_t len;
    unsigned c = 0;
    if (!lm)
        return 0;
    c |= ent__lemma_noun(lm, w, n, &len) ? ENT_WN_NOUN : 0;
    /* WordNet's own morphy, without the spelling test: the tagger's models
     * were trained on these classes (models/README.md) */
    c |= morphy(&lm->verbs, &lm->vexc, lm->vexc_lemma, verb_rules,
                sizeof verb_rules / sizeof verb_rules[0], 1, 0, 0, w, n, &len)
             ? ENT_WN_VERB
             : 0;
    c |= ent__strtab_find(&lm->adjs, w, n) ? ENT_WN_ADJ : 0;
    c |= ent__strtab_find(&lm->advs, w, n) ? ENT_WN_ADV : 0;
    return c;
}
