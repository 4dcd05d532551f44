/*
 * code.c -- the event coder: who did what to whom, per sentence.
 *
 * For each sentence: look tokens up (memoised lemmas), find actor and agent
 * phrases in the tries, combine them into actor units ("Russian troops" ->
 * RUSMIL) and compound groups ("China and Russia"), then for each verb
 * with patterns pick the longest matching pattern, find its source and
 * target, apply negation and hedges, and emit events. With the models set
 * (ent_coder_set_nlp) the sentence is parsed and roles come from the tree
 * (subject, object, passive agent, pronouns across the document); the
 * word-order rules remain for what the tree leaves open, and alone they
 * are the fast coder.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What the coder knows about one token. */
typedef struct tinfo {
    uint32_t form, nlem, vlem; /* dictionary word ids, 0 if none */
    uint32_t stem[2];          /* prefix words ("argentin*") it starts with,
                                  longest first; 0 if none */
    uint32_t fcls;             /* ENT_FW_* bits */
    uint32_t anchor;           /* first pattern of its verb + 1, or 0 */
    uint32_t anchor2[2];       /* other chains it anchors (an imported
                                  "left" besides "leave", a prefix) */
    int32_t unit;              /* actor unit covering it, or -1 */
    int32_t group_at;          /* group starting here, or -1 */
    uint16_t clause;           /* clause number within the sentence */
    uint8_t start;             /* START_* */
} tinfo;

/* An actor or agent phrase found in the text. */
typedef struct mention {
    uint32_t t0, t1;  /* token range */
    int kind;         /* ENT_TRIE_ACTOR or ENT_TRIE_AGENT */
    uint32_t idx;     /* actor or agent index */
} mention;

/* An actor unit: a noun phrase naming one actor. */
typedef struct unit {
    uint32_t t0, t1;
    char code[ENT_ACTOR_MAX];
    int from_agent; /* its sector came from an agent word */
    int bare;       /* a bare country code (three letters) */
    int nocountry;  /* a sector alone ("police said") */
    int person;     /* named by a person's entry (dated roles) */
    int title_role; /* a person with no role on the date, whose sector
                       comes from the title before the name ("former US
                       President Barack Obama" in 2023) */
    int cc_off;     /* where the country code starts in code: 0, or the
                       length of a prefixed sector ("NGMARN": 3) */
    int agent_of;   /* "the ambassadors of Arnor": agent, then country */
    int multi;      /* one of several actors named by one phrase
                       ("The Shire" = FRO/BIL/SAM), after the first */
    int prefix;     /* an agent's sector goes before the country
                       ("NGM~": NGMARN) */
    int filler;     /* no actor of the text: a default_source or
                       default_target, or "---" without require_dyad */
} unit;

/* A group: one unit or several joined by "and" / ",". */
typedef struct group {
    uint32_t t0, t1;
    uint32_t u0, nu; /* units u0 .. u0+nu-1 */
    int conj;        /* joined by "and"/"or", not by commas alone */
} group;

struct ent_coder {
    const ent_dict *d;
    ent_allocator alloc;
    ent__opts opt; /* the dictionary's options, as changed for this coder */
    ent_trace_fn trace;
    void *tud;
    char errmsg[256];

    ent__buf norm;
    ent__token *tok;
    size_t ntok, captok;
    uint32_t *sstart;
    size_t nsstart, capsstart;
    ent_sentence *sents;
    size_t capsents;
    ent_event *ev;
    size_t nev, capev;

    tinfo *ti;
    size_t capti;
    mention *men;
    size_t nmen, capmen;
    unit *units;
    size_t nunits, capunits;
    group *groups;
    size_t ngroups, capgroups;

    ent__strtab memo;      /* lower-case form -> memo id */
    uint32_t (*memo_val)[6]; /* form, noun lemma, verb lemma, START_*,
                                two prefix words */
    size_t capmemo;
    char lower[256];

    /* the dependency parse of the current sentence (ent_coder_set_nlp) */
    const ent_nlp *nlp;
    int parsed;          /* the current sentence has a parse */
    int *phead;          /* head of token k, sentence-relative; -1: root */
    const char **prel;   /* relation of token k (owned by the parser) */
    const char **pword, **plow; /* token k as written, and in lower case */
    const char **pupos, **pxpos;
    const char **pin;    /* token k as the tagger and parser read it */
    ent__buf pbuf;       /* the sentence's words, then the same in lower
                            case, NUL-separated */
    size_t cappar;
    /* antecedents for pronouns and "the two leaders", over the document */
    unit last_person, last_thing, last_pair[2];
    int have_person, have_thing, have_pair;
    unit subj;      /* the source of the sentence's first event */
    int have_subj;
    /* option tabari_pronouns: the first actor of the sentence just coded
     * (1 or 2 units, 0 none) when it came before a verb, and that
     * sentence's index + 1, for TABARI's forwarding to the next one */
    unit fwd[2];
    size_t nfwd, fwd_sent;
    size_t sent_i;  /* index of the sentence being coded */
    int tree_gap;   /* with the parse, the anchor whose subtree a '*'
                       may span beyond GAP_MAX tokens, or -1 */
    size_t pat_lo, pat_hi; /* the words the chosen pattern matched before
                              its anchor ([pat_lo, pat_hi)): no context
                              marker of the event ("show no @sign") */
    int mutual;     /* the compound source group of the sentence's first
                       event ("Saudi Arabia and Iran signed"), or -1 */
    size_t nsynu, nsyng; /* stand-in units and groups after the real ones */

    unsigned char *foreign; /* sentence i is in a paragraph not in English */
    size_t capforeign;
    uint64_t *seen;      /* hashes of the document's sentences so far */
    size_t nseen, capseen;
    unsigned char *drop; /* tokens of the sentence the comma rule drops */
    size_t capdrop;
    uint64_t bloom[ENT_BLOOM_WORDS]; /* words of the current sentence */
    int noun_anchor; /* the pattern being coded hangs on an event noun */
    ent__buf line; /* trace line */
    size_t s0;     /* first token of the sentence being coded */
    int32_t day;
    const char *pubdate; /* the document's date (borrowed, ent_code) */
    ent_result res;
};

#define MEMO_MAX 250000

/* Which tries a word can start a phrase in (tinfo.start). */
#define START_ACTOR 1u
#define START_AGENT 2u
#define START_CONTEXT 4u
#define START_DISCARD 8u

static const ent_allocator *A(ent_coder *c) { return &c->alloc; }

int ent_coder_new(const ent_dict *d, ent_coder **out)
{
    ent_coder *c;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!d)
        return ENT_EINVAL;
    c = ent__calloc(&d->alloc, sizeof *c);
    if (!c)
        return ENT_ENOMEM;
    c->d = d;
    c->alloc = d->alloc;
    c->opt = d->opts;
    *out = c;
    return ENT_OK;
}

int ent_coder_clone(const ent_coder *c, ent_coder **out)
{
    int rc;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!c)
        return ENT_EINVAL;
    rc = ent_coder_new(c->d, out);
    if (rc)
        return rc;
    (*out)->opt = c->opt;
    (*out)->nlp = c->nlp;
    return ENT_OK;
}

void ent_coder_free(ent_coder *c)
{
    ent_allocator a;
    if (!c)
        return;
    a = c->alloc;
    ent__buf_free(&a, &c->norm);
    ent__buf_free(&a, &c->line);
    ent__free(&a, c->tok);
    ent__free(&a, c->sstart);
    ent__free(&a, c->sents);
    ent__free(&a, c->ev);
    ent__free(&a, c->ti);
    ent__free(&a, c->men);
    ent__free(&a, c->units);
    ent__free(&a, c->groups);
    ent__free(&a, c->drop);
    ent__free(&a, c->seen);
    ent__free(&a, c->foreign);
    ent__free(&a, c->phead);
    ent__free(&a, c->prel);
    ent__free(&a, c->pword);
    ent__free(&a, c->plow);
    ent__free(&a, c->pupos);
    ent__free(&a, c->pxpos);
    ent__free(&a, c->pin);
    ent__buf_free(&a, &c->pbuf);
    ent__strtab_free(&a, &c->memo);
    ent__free(&a, c->memo_val);
    ent__free(&a, c);
}

void ent_coder_set_trace(ent_coder *c, ent_trace_fn fn, void *ud)
{
    if (c) {
        c->trace = fn;
        c->tud = ud;
    }
}

void ent_coder_set_nlp(ent_coder *c, const ent_nlp *nlp)
{
    if (c)
        c->nlp = nlp;
}

/* Forget the memoised word lookups (they depend on option
 * tabari_endings). */
static void memo_clear(ent_coder *c)
{
    ent__strtab_free(A(c), &c->memo);
    ent__free(A(c), c->memo_val);
    c->memo_val = NULL;
    c->capmemo = 0;
}

int ent_coder_set_option(ent_coder *c, const char *name, const char *value)
{
    unsigned char te;
    int rc;
    if (!c || !name || !value)
        return ENT_EINVAL;
    c->errmsg[0] = 0;
    te = c->opt.tabari_endings;
    rc = ent__opts_set(&c->opt, name, value, c->errmsg, sizeof c->errmsg);
    if (c->opt.tabari_endings != te)
        memo_clear(c);
    return rc;
}

void ent_coder_reset_options(ent_coder *c)
{
    if (!c)
        return;
    if (c->opt.tabari_endings != c->d->opts.tabari_endings)
        memo_clear(c);
    c->opt = c->d->opts;
}

const char *ent_coder_errmsg(const ent_coder *c)
{
    return c ? c->errmsg : "no coder";
}

/* Emit a formatted trace line (only when tracing). */
static void tracef(ent_coder *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void tracef(ent_coder *c, const char *fmt, ...)
{
    va_list ap;
    char b[1024];
    if (!c->trace)
        return;
    va_start(ap, fmt);
    vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    c->trace(c->tud, b);
}

/* ---- token look-up -------------------------------------------------- */

/* Word ids of lower-case w: form, noun lemma, verb lemma; memoised per
 * coder so each distinct word is lemmatised once. */
static int lookup(ent_coder *c, const char *w, size_t n, uint32_t v[6])
{
    const ent_dict *d = c->d;
    uint32_t id = ent__strtab_find(&c->memo, w, n);
    size_t ll;
    const char *l;
    if (id) {
        memcpy(v, c->memo_val[id], sizeof c->memo_val[id]);
        return ENT_OK;
    }
    v[0] = ent__strtab_find(&d->words, w, n);
    l = ent__lemma_noun(d->lemma, w, n, &ll);
    v[1] = l ? ent__strtab_find(&d->words, l, ll) : 0;
    l = ent__lemma_verb(d->lemma, w, n, &ll);
    v[2] = l ? ent__strtab_find(&d->words, l, ll) : 0;
    if (c->opt.tabari_endings && n > 4 && w[n - 2] == 'e' &&
        (w[n - 1] == 's' || w[n - 1] == 'n') &&
        !(v[2] && ent__imap_get(&d->anchors, v[2]))) {
        /* TABARI's regular endings "es" and "en" on any verb
         * ("departes", "departen"), which English spelling does not
         * give "depart" */
        uint32_t b = ent__strtab_find(&d->words, w, n - 2);
        if (b && ent__imap_get(&d->anchors, b))
            v[2] = b;
    }
    v[3] = v[4] = v[5] = 0;
    if (d->nstems) {
        /* prefix words of imported dictionaries: "argentin*" matches
         * "Argentina" and "Argentine"; the two longest are kept */
        char pre[260];
        size_t len = n < d->stem_maxlen ? n : d->stem_maxlen;
        int ns = 0;
        if (len < sizeof pre - 1) {
            memcpy(pre, w, len);
            for (; len >= 1 && ns < 2; len--) {
                uint32_t sid;
                pre[len] = '*';
                sid = ent__strtab_find(&d->words, pre, len + 1);
                if (sid)
                    v[4 + ns++] = sid;
            }
        }
    }
    {
        /* can the word begin an actor, agent, context or discard phrase?
         * (case is checked when the trie is walked) */
        static const int slot[5] = {0, 1, 2, 4, 5};
        int q;
        for (q = 0; q < 5; q++) {
            uint32_t wid = v[slot[q]];
            uint64_t key = (uint64_t)1 << 32 | wid;
            if (!wid)
                continue;
            if (ent__imap_get(&d->actors.edges, key))
                v[3] |= START_ACTOR;
            if (ent__imap_get(&d->agents.edges, key))
                v[3] |= START_AGENT;
            if (ent__imap_get(&d->context.edges, key))
                v[3] |= START_CONTEXT;
            if (ent__imap_get(&d->discards.edges, key))
                v[3] |= START_DISCARD;
        }
    }
    if (c->memo.n >= MEMO_MAX)
        memo_clear(c);
    if (ent__strtab_intern(A(c), &c->memo, w, n, &id) ||
        ent__grow(A(c), (void **)&c->memo_val, &c->capmemo, id + 1,
                  sizeof *c->memo_val))
        return ENT_ENOMEM;
    memcpy(c->memo_val[id], v, sizeof c->memo_val[id]);
    return ENT_OK;
}

/* Does token info t match dictionary word w (form or lemma)? */
static int tmatch(const tinfo *t, uint32_t w)
{
    return w && (t->form == w || t->nlem == w || t->vlem == w ||
                 t->stem[0] == w || t->stem[1] == w);
}

/* Fill c->ti for tokens [t0, t1). */
static int annotate(ent_coder *c, size_t t0, size_t t1)
{
    const ent_dict *d = c->d;
    const char *s = c->norm.p;
    size_t k;
    if (ent__grow(A(c), (void **)&c->ti, &c->capti, t1 - t0 + 1,
                  sizeof *c->ti))
        return ENT_ENOMEM;
    memset(c->bloom, 0, sizeof c->bloom);
    for (k = t0; k < t1; k++) {
        const ent__token *t = &c->tok[k];
        tinfo *ti = &c->ti[k - t0];
        size_t n = t->end - t->start;
        uint32_t v[6] = {0, 0, 0, 0, 0, 0};
        memset(ti, 0, sizeof *ti);
        ti->unit = ti->group_at = -1;
        if (n < sizeof c->lower) {
            ent__lower(c->lower, s + t->start, n);
            if (t->flags & ENT_TOK_PUNCT)
                v[0] = ent__strtab_find(&d->words, c->lower, n);
            else if (lookup(c, c->lower, n, v))
                return ENT_ENOMEM;
        }
        ti->form = v[0];
        ti->nlem = v[1];
        ti->vlem = v[2];
        ti->stem[0] = v[4];
        ti->stem[1] = v[5];
        ti->start = (uint8_t)v[3];
        {
            int q;
            for (q = 0; q < 6; q++)
                if (v[q] && q != 3) {
                    unsigned b = ent__wbit(v[q]);
                    c->bloom[b >> 6] |= 1ULL << (b & 63);
                }
        }
        if (v[0])
            ti->fcls = ent__imap_get(&d->fclass, v[0]);
        {
            /* every pattern chain the token anchors: its form first (an
             * exact "left" beats the lemma's "leave" on ties), then its
             * verb lemma, its noun lemma ("deportations") and its
             * prefixes */
            static const int order[5] = {0, 2, 1, 4, 5};
            int q, na = 0;
            for (q = 0; q < 5 && na < 3; q++) {
                uint32_t ch = v[order[q]]
                                  ? ent__imap_get(&d->anchors, v[order[q]])
                                  : 0;
                if (!ch || ch == ti->anchor || ch == ti->anchor2[0])
                    continue;
                if (na == 0)
                    ti->anchor = ch;
                else
                    ti->anchor2[na - 1] = ch;
                na++;
            }
        }
    }
    return ENT_OK;
}

/* ---- actors --------------------------------------------------------- */

/* The distinct dictionary ids token t can match: form, lemmas, prefixes;
 * returns their number. */
static int token_ids(const tinfo *t, uint32_t ids[5])
{
    const uint32_t all[5] = {t->form, t->nlem, t->vlem, t->stem[0],
                             t->stem[1]};
    int q, r, n = 0;
    for (q = 0; q < 5; q++) {
        if (!all[q])
            continue;
        for (r = 0; r < n && ids[r] != all[q]; r++)
            ;
        if (r == n)
            ids[n++] = all[q];
    }
    return n;
}

static int punct_is(const ent_coder *c, size_t s0, size_t k, char ch);

/* May token k (relative) be skipped by an actor phrase's gap word? Not
 * punctuation other than a hyphen inside a word ("state-run"), a
 * capitalised word, a conjunction, an auxiliary, a clause word, a
 * pronoun or a word that anchors a verb pattern: the gap stays inside one
 * noun phrase. */
static int gap_word(const ent_coder *c, size_t k)
{
    const ent__token *t = &c->tok[c->s0 + k];
    const tinfo *ti = &c->ti[k];
    if (t->flags & ENT_TOK_PUNCT)
        return t->end - t->start == 1 && c->norm.p[t->start] == '-' &&
               k > 0 && (t->flags & ENT_TOK_NOSPACE) &&
               (t[1].flags & ENT_TOK_NOSPACE);
    if (ti->fcls & (ENT_FW_CONJ | ENT_FW_AUX | ENT_FW_BE | ENT_FW_CLAUSE |
                    ENT_FW_PRON | ENT_FW_THAT) ||
        (t->flags & ENT_TOK_CAP))
        return 0; /* a gap skips modifiers, not names */
    /* nor is either half of a hyphenated word a verb ("state-run") */
    return !ti->anchor || (k > 0 && (t->flags & ENT_TOK_NOSPACE) &&
                           punct_is(c, c->s0, k - 1, '-')) ||
           ((t[1].flags & ENT_TOK_NOSPACE) && punct_is(c, c->s0, k + 1, '-'));
}

/* Walk trie tr from node over tokens k.. (relative; n the sentence
 * length), trying every id of each token (an exact "government" and the
 * prefix "government*" lead to different nodes). For each phrase found
 * (i its first token): the longest goes to *best and its payload to *pay
 * (when best is not NULL), and bit L-1 of *mask is set for its length L
 * up to 64 (when mask is not NULL). */
static void trie_walk(ent_coder *c, const ent__trie *tr, uint32_t node,
                      size_t i, size_t k, size_t n, size_t *best,
                      uint32_t *pay, uint64_t *mask)
{
    uint32_t ids[5];
    int q, nid;
    if (k >= n || k - i >= 64)
        return;
    nid = token_ids(&c->ti[k], ids);
    for (q = 0; q < nid; q++) {
        uint32_t nx = ent__trie_step(tr, node, ids[q],
                                     c->tok[c->s0 + k].flags |
                                         (ids[q] == c->ti[k].form
                                              ? ENT_TOK_FORM : 0));
        if (!nx)
            continue;
        if (tr->term[nx] && best && k - i + 1 > *best) {
            *best = k - i + 1;
            *pay = tr->term[nx] - 1;
        }
        if (tr->term[nx] && mask)
            *mask |= (uint64_t)1 << (k - i);
        trie_walk(c, tr, nx, i, k + 1, n, best, pay, mask);
    }
    if (k > i && tr->gaps) {
        /* a gap word "*" after the first: up to three words skipped */
        uint32_t v = ent__imap_get(&tr->edges, ((uint64_t)node << 32) |
                                                   c->d->fw[ENT_W_GAP]);
        size_t g;
        if (v)
            trie_walk(c, tr, v >> 2, i, k, n, best, pay, mask);
        for (g = k; v && g < k + 3 && g + 1 < n && gap_word(c, g); g++)
            trie_walk(c, tr, v >> 2, i, g + 1, n, best, pay, mask);
    }
}

/* Longest match in trie tr starting at token i (relative); returns the
 * number of tokens and the payload index. */
static size_t trie_longest(ent_coder *c, const ent__trie *tr, size_t i,
                           size_t n, uint32_t *pay)
{
    size_t best = 0;
    trie_walk(c, tr, 1, i, i, n, &best, pay, NULL);
    return best;
}

/* The actor code of entry idx on the coder's document date. */
static const ent__actor_code *actor_code(ent_coder *c, uint32_t idx)
{
    const ent__actor *a = &c->d->actor[idx];
    const ent__actor_code *fb = NULL;
    uint32_t i;
    for (i = 0; i < a->ncodes; i++) {
        const ent__actor_code *k = &c->d->codes[a->first + i];
        int dated = k->from != INT32_MIN || k->to != INT32_MAX;
        if (!dated) {
            if (!fb)
                fb = k;
        } else if (c->day >= k->from && c->day <= k->to) {
            return k;
        }
    }
    return fb ? fb : &c->d->codes[a->first];
}

/* Whether the sentence names an actor coded DISCARD on the document's
 * date (TABARI's dated "###"): it then codes nothing. */
static int names_discarded(ent_coder *c)
{
    size_t m;
    for (m = 0; m < c->nmen; m++)
        if (c->men[m].kind == ENT_TRIE_ACTOR &&
            !strcmp(actor_code(c, c->men[m].idx)->code, "DISCARD"))
            return 1;
    return 0;
}

/* Whether actor entry idx names a person: an entry with dated roles. */
static int is_person(ent_coder *c, uint32_t idx)
{
    const ent__actor *a = &c->d->actor[idx];
    uint32_t i;
    for (i = 0; i < a->ncodes; i++) {
        const ent__actor_code *k = &c->d->codes[a->first + i];
        if (k->from != INT32_MIN || k->to != INT32_MAX || (k->role && *k->role))
            return 1;
    }
    return 0;
}

/* Text of tokens [t0, t1) of the sentence starting at token s0. */
static void span_text(ent_coder *c, size_t s0, size_t t0, size_t t1,
                      char *out, size_t outlen)
{
    size_t b = c->tok[s0 + t0].start, e = c->tok[s0 + t1 - 1].end;
    size_t n = e - b < outlen - 1 ? e - b : outlen - 1;
    memcpy(out, c->norm.p + b, n);
    out[n] = 0;
}

static int find_mentions(ent_coder *c, size_t s0, size_t n)
{
    const ent_dict *d = c->d;
    size_t i = 0;
    c->nmen = 0;
    while (i < n) {
        uint32_t pa = 0, pg = 0;
        size_t la, lg;
        mention *m;
        if (c->tok[s0 + i].flags & ENT_TOK_PUNCT) {
            if (!c->ti[i].form) {
                i++;
                continue;
            }
        }
        la = (c->ti[i].start & START_ACTOR)
                 ? trie_longest(c, &d->actors, i, n, &pa) : 0;
        lg = (c->ti[i].start & START_AGENT)
                 ? trie_longest(c, &d->agents, i, n, &pg) : 0;
        if (!la && !lg) {
            i++;
            continue;
        }
        if (ent__grow(A(c), (void **)&c->men, &c->capmen, c->nmen + 1,
                      sizeof *c->men))
            return ENT_ENOMEM;
        m = &c->men[c->nmen++];
        m->t0 = (uint32_t)i;
        if (la >= lg) {
            m->kind = ENT_TRIE_ACTOR;
            m->idx = pa;
            m->t1 = (uint32_t)(i + la);
        } else {
            m->kind = ENT_TRIE_AGENT;
            m->idx = pg;
            m->t1 = (uint32_t)(i + lg);
        }
        if (c->trace) {
            char txt[256];
            span_text(c, s0, m->t0, m->t1, txt, sizeof txt);
            if (m->kind == ENT_TRIE_ACTOR) {
                const ent__actor_code *k = actor_code(c, m->idx);
                tracef(c, "  actor  \"%s\" -> %s  [%s \"%s\"; %s %s]", txt,
                       k->code, d->actor[m->idx].src, d->actor[m->idx].name,
                       k->src, k->role[0] ? k->role : "(no date)");
            } else {
                tracef(c, "  agent  \"%s\" -> %s  [%s]", txt,
                       d->agent[m->idx].sector, d->agent[m->idx].src);
            }
        }
        i = m->t1;
    }
    return ENT_OK;
}

/* Is token info t the dictionary word w itself (not a lemma)? */
static int is_word(const tinfo *t, uint32_t w)
{
    return w && t->form == w;
}

/* Set u->code to the country of code cc plus sector sec. */
static void combine(unit *u, const char *cc, const char *sec, int prefix)
{
    char country[ENT_ACTOR_MAX], sector[8];
    snprintf(country, sizeof country, "%s", cc); /* cc may be u->code */
    snprintf(sector, sizeof sector, "%s", sec);
    /* organisations and non-state actors keep their code: "NATO troops",
     * "Hamas leader" (PSEREB); countries and government metonyms take the
     * sector: "Beijing's troops" -> CHNMIL */
    if (!strncmp(country, "IGO", 3) || strlen(country) < 3 ||
        (strlen(country) > 3 && strncmp(country + 3, "GOV", 3))) {
        memcpy(u->code, country, sizeof u->code);
        return;
    }
    if (prefix && !strncmp(country, sector, strlen(sector))) {
        /* "human rights activists Amnesty International": NGM already */
        memcpy(u->code, country, sizeof u->code);
        return;
    }
    if (prefix) {
        /* TABARI's "NGM~" agents go before the country: NGMARN */
        snprintf(u->code, sizeof u->code, "%s%.3s", sector, country);
        u->from_agent = 2;
        u->cc_off = (int)strlen(sector);
        return;
    }
    snprintf(u->code, sizeof u->code, "%.3s%s", country, sector);
    u->from_agent = 1;
}

/* Is token k of the sentence at s0 the punctuation mark ch? */
static int punct_is(const ent_coder *c, size_t s0, size_t k, char ch)
{
    const ent__token *t = &c->tok[s0 + k];
    return (t->flags & ENT_TOK_PUNCT) && t->end - t->start == 1 &&
           c->norm.p[t->start] == ch;
}

/* Is token k of the current sentence the word w (any case)? */
static int word_is(const ent_coder *c, size_t k, const char *w)
{
    const ent__token *t = &c->tok[c->s0 + k];
    size_t l = strlen(w);
    return t->end - t->start == l &&
           !strncasecmp(c->norm.p + t->start, w, l);
}

/* Do tokens a, a+1, a+2 spell a model designation with no spaces:
 * capitalised letters, a hyphen, a number ("F-16", "Su-24", "MQ-9")? */
static int designation(ent_coder *c, uint32_t a)
{
    const ent__token *t = &c->tok[c->s0 + a];
    return (t[0].flags & ENT_TOK_CAP) && !(t[0].flags & ENT_TOK_NUM) &&
           t[0].end - t[0].start <= 3 && (t[1].flags & ENT_TOK_NOSPACE) &&
           punct_is(c, c->s0, a + 1, '-') && (t[2].flags & ENT_TOK_NOSPACE) &&
           (t[2].flags & ENT_TOK_NUM);
}

/* The WordNet classes (ENT_WN_*) of token k's lower-case form, 0 when
 * there is no lemmatizer or the token is too long. */
static unsigned wn_classes(const ent_coder *c, size_t k)
{
    const ent__token *t = &c->tok[c->s0 + k];
    size_t len = t->end - t->start;
    char low[64];
    if (!c->d->lemma || len >= sizeof low)
        return 0;
    ent__lower(low, c->norm.p + t->start, len);
    return ent__lemma_classes(c->d->lemma, low, len);
}

/* Are tokens [a, b) one or two lower-case words that can be no verb
 * ("Russian energy companies", "US defense officials"), between a country
 * and its agent? */
static int noun_modifiers(ent_coder *c, uint32_t a, uint32_t b)
{
    uint32_t k;
    if (b - a > 2 || !c->d->lemma)
        return 0;
    for (k = a; k < b; k++) {
        const ent__token *t = &c->tok[c->s0 + k];
        unsigned wc;
        if ((t->flags & (ENT_TOK_PUNCT | ENT_TOK_NUM | ENT_TOK_CAP)) ||
            c->ti[k].fcls || c->ti[k].anchor)
            return 0;
        wc = wn_classes(c, k);
        if ((wc & ENT_WN_VERB) || !(wc & (ENT_WN_NOUN | ENT_WN_ADJ)))
            return 0;
    }
    return 1;
}

/* Are tokens [a, b) empty (or a model designation, "F-16"), or a
 * possessive "'s" with at most two lower-case modifiers after it
 * ("Lithuania's deputy transport minister")? */
static int modifiers(ent_coder *c, uint32_t a, uint32_t b)
{
    uint32_t k, mods = 0;
    if (c->tok[c->s0 + b].flags & ENT_TOK_CUT)
        return 0; /* "Dagolath[, its biggest trading partner,] officials" */
    if (a + 3 <= b && designation(c, a))
        a += 3; /* "Turkish F-16 fighter jets", "Russian Su-24 bomber" */
    if (a == b)
        return 1;
    if (c->opt.tabari_agents)
        /* TABARI: an agent right after its actor (or its "'s") only */
        return b == a + 1 && is_word(&c->ti[a], c->d->fw[ENT_W_S]);
    if (a < b && is_word(&c->ti[a], c->d->fw[ENT_W_S]))
        a++;
    else if (a < b)
        return noun_modifiers(c, a, b); /* "Ireland cautioned citizens":
                                           no possessive, no link */
    for (k = a; k < b; k++) {
        const ent__token *t = &c->tok[c->s0 + k];
        /* a capitalised word counts only in a title before a capitalised
         * agent: "Dagolath's first Deputy Prime Minister", not "Russia's
         * Vostok military exercises" */
        if ((t->flags & (ENT_TOK_PUNCT | ENT_TOK_NUM)) ||
            ((t->flags & ENT_TOK_CAP) &&
             !(c->tok[c->s0 + b].flags & ENT_TOK_CAP)))
            return 0;
        /* "Ithilen's awful and evil minister": "and" between two
         * lower-case modifiers */
        if (c->ti[k].fcls == ENT_FW_CONJ && k > a && k + 2 == b &&
            !(t[1].flags & ENT_TOK_CAP) && !c->ti[k + 1].fcls &&
            !c->ti[k + 1].anchor && !c->ti[k - 1].anchor)
            continue;
        if (c->ti[k].fcls || ++mods > 2)
            return 0;
    }
    return 1;
}

static int finite(ent_coder *c, size_t q);

/* Is token q (after a sector word) a lower-case noun that the sector word
 * modifies, rather than a verb or a function word? */
static int modifies_noun(ent_coder *c, size_t q, size_t n)
{
    const ent__token *t;
    if (q >= n)
        return 0;
    t = &c->tok[c->s0 + q];
    if (t->flags & (ENT_TOK_PUNCT | ENT_TOK_NUM | ENT_TOK_CAP))
        return 0;
    if (c->ti[q].anchor && c->ti[q].vlem == c->ti[q].form && q + 1 < n &&
        q > 0 && c->norm.p[t[-1].end - 1] == 's' &&
        (t[1].flags & ENT_TOK_CAP || c->ti[q + 1].fcls &
         (ENT_FW_DET | ENT_FW_THAT | ENT_FW_PRON | ENT_FW_POSSPRON)))
        return 0; /* a verb in its base form after a plural, before its
                     object: "lawmakers believe Gondor", "troops attack
                     the town" (not "the missile hit a plant") */
    if (c->ti[q].fcls || finite(c, q))
        return 0;
    /* only a noun can be modified: not "the Muslims almost five years
     * after" */
    return !c->d->lemma || t->end - t->start >= 64 ||
           (wn_classes(c, q) & ENT_WN_NOUN);
}

/* A person entry (its code has a sector, and it is not a place). */
static int specific(const char *code) { return strlen(code) > 3; }

/* "Former Pakistani Prime Minister Imran Khan": a country's government
 * role after "former" (or "ex-", "ousted", "deposed") is one of its elites, PAKELI (and a
 * role alone, "former Vice President Jorge Glas", ELI), as the agents
 * dictionary has "former prime minister", which only matches the words
 * side by side. */
static void former_role(ent_coder *c, unit *u)
{
    const ent__token *t;
    char *sec; /* where the sector is in u->code */
    size_t l;
    if (u->nocountry && !strcmp(u->code, "GOV"))
        sec = u->code; /* "former Vice President Jorge Glas": ELI */
    else if (u->from_agent == 1 && !u->nocountry && strlen(u->code) == 6 &&
             !strcmp(u->code + 3, "GOV"))
        sec = u->code + 3;
    else
        return;
    if (u->t0 == 0 || (u->person && !u->title_role))
        return;
    t = &c->tok[c->s0 + u->t0 - 1];
    l = t->end - t->start;
    if ((l == 6 && !strncasecmp(c->norm.p + t->start, "former", 6)) ||
        (l == 6 && !strncasecmp(c->norm.p + t->start, "ousted", 6)) ||
        (l == 7 && !strncasecmp(c->norm.p + t->start, "deposed", 7)) ||
        (l == 2 && !strncasecmp(c->norm.p + t->start, "ex", 2)))
        memcpy(sec, "ELI", 4);
}

/* Do tokens k, k+1 read "-held", "-controlled", "-occupied", "-run",
 * "-seized" or "-captured" with no spaces, making the words before them
 * the holder of the place that follows ("Russian-held Zaporizhzhia")? */
static int holder(const ent_coder *c, size_t k, size_t n)
{
    static const char *const held[] = {"held", "controlled", "occupied",
                                       "run", "seized", "captured"};
    const ent__token *t;
    size_t i, l;
    if (k + 1 >= n || !punct_is(c, c->s0, k, '-'))
        return 0;
    t = &c->tok[c->s0 + k + 1];
    if (!(t->flags & ENT_TOK_NOSPACE) ||
        !(c->tok[c->s0 + k].flags & ENT_TOK_NOSPACE))
        return 0;
    l = t->end - t->start;
    for (i = 0; i < sizeof held / sizeof *held; i++)
        if (strlen(held[i]) == l && !memcmp(c->norm.p + t->start, held[i], l))
            return 1;
    return 0;
}

/*
 * Turn mentions into units: "Russian troops", "Russia's army", "the army
 * of Russia", "Russian President Vladimir Putin", "President Putin".
 */
/* Is token k a capitalised word that is no function word and no
 * punctuation (a piece of a name)? */
static int name_word(const ent_coder *c, size_t k)
{
    const ent__token *t = &c->tok[c->s0 + k];
    return (t->flags & ENT_TOK_CAP) && !(t->flags & (ENT_TOK_PUNCT |
                                                     ENT_TOK_NUM)) &&
           !c->ti[k].fcls && !c->ti[k].anchor;
}

/* Do two or three name words start at token k, before the next mention
 * (mention index mj) and not followed by another one ("Ghanaian
 * President John Mahama met": John Mahama)? The unit before them must
 * end in a title (an agent word), checked by the caller. */
static int title_name(const ent_coder *c, size_t k, size_t n, size_t mj)
{
    size_t e = k;
    while (e < n && e < k + 4 && name_word(c, e))
        e++;
    if (e - k < 2 || e - k > 3)
        return 0;
    return !(mj < c->nmen && c->men[mj].t0 < e);
}

static int build_units(ent_coder *c, size_t n)
{
    const ent_dict *d = c->d;
    size_t i = 0;
    c->nunits = 0;
    while (i < c->nmen) {
        const mention *m = &c->men[i];
        unit u;
        size_t j = i + 1;
        memset(&u, 0, sizeof u);
        u.t0 = m->t0;
        u.t1 = m->t1;
        if (m->kind == ENT_TRIE_ACTOR) {
            snprintf(u.code, sizeof u.code, "%s", actor_code(c, m->idx)->code);
            u.person = is_person(c, m->idx);
            /* country ['s] [up to two modifiers] agent [person] */
            if (j < c->nmen && c->men[j].kind == ENT_TRIE_AGENT &&
                modifiers(c, m->t1, c->men[j].t0)) {
                combine(&u, u.code, d->agent[c->men[j].idx].sector,
                        d->agent[c->men[j].idx].prefix);
                u.t1 = c->men[j].t1;
                j++;
            } else if (j < c->nmen && c->men[j].kind == ENT_TRIE_ACTOR &&
                       c->men[j].t0 == m->t1 + 1 &&
                       is_word(&c->ti[m->t1], d->fw[ENT_W_S]) &&
                       specific(actor_code(c, c->men[j].idx)->code)) {
                /* "China's Wang Yi": the person */
                snprintf(u.code, sizeof u.code, "%s",
                         actor_code(c, c->men[j].idx)->code);
                u.person = is_person(c, c->men[j].idx);
                u.t1 = c->men[j].t1;
                j++;
                /* "Yemen's Houthi rebels": the group's own code */
                if (!u.person && j < c->nmen &&
                    c->men[j].kind == ENT_TRIE_AGENT &&
                    modifiers(c, u.t1, c->men[j].t0)) {
                    combine(&u, u.code, d->agent[c->men[j].idx].sector,
                            d->agent[c->men[j].idx].prefix);
                    u.t1 = c->men[j].t1;
                    j++;
                }
            }
        } else {
            const char *sec = d->agent[m->idx].sector;
            snprintf(u.code, sizeof u.code, "%s", sec);
            u.nocountry = 1;
            u.prefix = d->agent[m->idx].prefix;
            /* agent of|from|for [the] country */
            if (j < c->nmen) {
                uint32_t k = m->t1, e = c->men[j].t0;
                if (k < e && (c->ti[k].fcls & ENT_FW_LINK) &&
                    c->men[j].kind == ENT_TRIE_ACTOR) {
                    k++;
                    if (k < e && is_word(&c->ti[k], d->fw[ENT_W_THE]))
                        k++;
                    if (k == e) {
                        const char *cc = actor_code(c, c->men[j].idx)->code;
                        combine(&u, cc, sec, d->agent[m->idx].prefix);
                        u.nocountry = 0;
                        u.agent_of = 1;
                        u.t1 = c->men[j].t1;
                        j++;
                        /* ... of the Chinese foreign ministry */
                        if (j < c->nmen && c->men[j].kind == ENT_TRIE_AGENT &&
                            c->men[j].t0 == u.t1) {
                            u.t1 = c->men[j].t1;
                            j++;
                        }
                    }
                } else if (k + 2 <= e && word_is(c, k, "loyal") &&
                           word_is(c, k + 1, "to") &&
                           (k + 2 == e ||
                            (k + 3 == e &&
                             is_word(&c->ti[k + 2], d->fw[ENT_W_THE])))) {
                    /* "forces loyal to Muammar Gaddafi", "troops loyal
                     * to President Bashar al-Assad": a government's
                     * person gives the agent its country; another group
                     * ("fighters loyal to the Taliban") its own code */
                    size_t a = j;
                    const char *cc;
                    if (c->men[a].kind == ENT_TRIE_AGENT && a + 1 < c->nmen &&
                        c->men[a + 1].kind == ENT_TRIE_ACTOR &&
                        c->men[a + 1].t0 == c->men[a].t1)
                        a++; /* the title before the name */
                    cc = c->men[a].kind == ENT_TRIE_ACTOR
                             ? actor_code(c, c->men[a].idx)->code
                             : "";
                    if (specific(cc) && strncmp(cc, "IGO", 3) &&
                        strncmp(cc, "NGO", 3)) {
                        if (!strncmp(cc + 3, "GOV", 3)) {
                            char ctry[4];
                            memcpy(ctry, cc, 3);
                            ctry[3] = 0;
                            combine(&u, ctry, sec, d->agent[m->idx].prefix);
                        } else {
                            snprintf(u.code, sizeof u.code, "%s", cc);
                        }
                        u.nocountry = 0;
                        u.agent_of = 1;
                        u.t1 = c->men[a].t1;
                        j = a + 1;
                    }
                }
            }
        }
        /* ... followed directly by a person: the person's code wins */
        if (j < c->nmen && c->men[j].kind == ENT_TRIE_ACTOR &&
            c->men[j].t0 == u.t1 && (u.from_agent || m->kind == ENT_TRIE_AGENT)) {
            const char *pc = actor_code(c, c->men[j].idx)->code;
            if (u.nocountry && strlen(pc) == 3 && strcmp(pc, "---")) {
                /* "Prime Minister Telemar", Telemar a bare country code:
                 * the country's government */
                const ent__agent *ag = &d->agent[m->idx];
                combine(&u, pc, ag->sector, ag->prefix);
                u.nocountry = 0;
            } else if (specific(pc) || strlen(u.code) <= 3 || u.nocountry) {
                snprintf(u.code, sizeof u.code, "%s", pc);
                u.nocountry = 0;
            }
            /* "Chinese President Xi Jinping" is a person ("he") */
            u.title_role = !specific(pc) && !u.nocountry &&
                           is_person(c, c->men[j].idx);
            u.person = u.person || is_person(c, c->men[j].idx);
            u.t1 = c->men[j].t1;
            j++;
        } else if (u.from_agent && !u.person && title_name(c, u.t1, n, j)) {
            /* "Ghanaian President John Mahama", a name the dictionaries
             * do not know: a person ("he"), the country's role */
            while (u.t1 < n && name_word(c, u.t1))
                u.t1++;
            u.person = 1;
        }
        if (holder(c, u.t1, n)) {
            /* "Russian-held Zaporizhzhia", "rebel-held Idlib": the
             * holder of a place, not an actor of the sentence */
            i = j;
            continue;
        }
        former_role(c, &u);
        u.bare = strlen(u.code) == 3 && !u.nocountry;
        /* "its troops", "their officials": the owner is a pronoun we do not
         * resolve, so this is not an actor; "military operation",
         * "military exercises": a sector word modifying a noun is not one
         * either ("police arrested" is: the next word is a finite verb) */
        if (u.nocountry &&
            ((u.t0 > 0 && (c->ti[u.t0 - 1].fcls & ENT_FW_POSSPRON)) ||
             modifies_noun(c, u.t1, n))) {
            i = j;
            continue;
        }
        if (!strcmp(u.code, "---")) {
            /* the null actor is recognised (so its words code nothing
             * else) and then ignored as source and target, as TABARI's
             * manual has it */
            i = j;
            continue;
        }
        {
            /* "FRO/BIL/SAM": a unit for each actor, over the same words */
            char codes[ENT_ACTOR_MAX], *part, *save = NULL;
            int first = 1;
            snprintf(codes, sizeof codes, "%s", u.code);
            for (part = strtok_r(codes, "/", &save); part;
                 part = strtok_r(NULL, "/", &save)) {
                if (ent__grow(A(c), (void **)&c->units, &c->capunits,
                              c->nunits + 1, sizeof *c->units))
                    return ENT_ENOMEM;
                snprintf(u.code, sizeof u.code, "%s", part);
                u.bare = strlen(u.code) == 3 && !u.nocountry;
                u.multi = !first;
                first = 0;
                c->units[c->nunits++] = u;
            }
        }
        i = j;
    }
    return ENT_OK;
}

/* Are the tokens between two units only "and", "or", ",", "the",
 * "both"? Returns 1 for a compound, 2 for a bare comma (apposition or
 * list), 0 otherwise. */
static int joiner(ent_coder *c, size_t s0, uint32_t a, uint32_t b)
{
    const ent_dict *d = c->d;
    uint32_t k;
    int conj = 0, comma = 0, adj = 0;
    if (a >= b)
        return 0;
    for (k = a; k < b; k++) {
        const ent__token *t = &c->tok[s0 + k];
        if (c->ti[k].fcls & ENT_FW_CONJ)
            conj = 1;
        else if (t->end - t->start == 1 && c->norm.p[t->start] == ',')
            comma = 1;
        else if (is_word(&c->ti[k], d->fw[ENT_W_THE]))
            continue;
        /* "Fornost and the evil awful Gondor": up to two lower-case words
         * after the joiner that cannot be verbs */
        else if ((conj || comma) && !(t->flags & (ENT_TOK_CAP | ENT_TOK_PUNCT |
                                                  ENT_TOK_NUM)) &&
                 !c->ti[k].fcls && !c->ti[k].vlem && !c->ti[k].anchor &&
                 ++adj <= 2)
            continue;
        else
            return 0;
    }
    return conj ? 1 : comma ? 2 : 0;
}

/* Whether unit u is a seat of government named as a place ("Islamabad",
 * "Moscow": PAKGOV, RUSGOV from the places dictionary), which to an agent
 * "in" it gives only its country ("a court in Islamabad": PAKJUD). */
static int seat(const unit *u)
{
    return !u->nocountry && !u->person && !u->from_agent && !u->cc_off &&
           strlen(u->code) == 6 && !strcmp(u->code + 3, "GOV");
}

/* The end of the run of units from i joined by "and", "or" or commas
 * that are sectors alone (not the military: "troops in Syria" are as
 * often foreign troops) when sectors is 1, bare countries or seats of
 * government when 0. */
static size_t unit_run(ent_coder *c, size_t s0, size_t i, int sectors)
{
    size_t j = i;
    while (j < c->nunits &&
           (sectors ? c->units[j].nocountry && !c->units[j].filler &&
                          strncmp(c->units[j].code, "MIL", 3)
                    : (c->units[j].bare || seat(&c->units[j])) &&
                          !c->units[j].multi) &&
           (j == i || joiner(c, s0, c->units[j - 1].t1, c->units[j].t0)))
        j++;
    return j;
}

/* Whether the only token between units a and b is "and" or "or". */
static int joined_by_and(const ent_coder *c, const unit *a, const unit *b)
{
    return b->t0 == a->t1 + 1 && (c->ti[a->t1].fcls & ENT_FW_CONJ);
}

/*
 * Country and sector shared across "and": "Danish media and government"
 * is DNKMED and DNKGOV; "U.S. and British warplanes" is USAMIL and
 * GBRMIL. A sector alone after "and" takes the country of the country
 * and sector before it; a bare country before "and" takes the sector of
 * the country and sector after it.
 */
static void share_sectors(ent_coder *c)
{
    size_t i;
    for (i = 0; i + 1 < c->nunits; i++) {
        unit *a = &c->units[i], *b = &c->units[i + 1];
        if (a->multi || b->multi || !joined_by_and(c, a, b))
            continue;
        if (a->from_agent == 1 && !a->agent_of && b->nocountry &&
            !b->filler && strlen(b->code) == 3) {
            char code[ENT_ACTOR_MAX];
            snprintf(code, sizeof code, "%.3s%.3s", a->code, b->code);
            memcpy(b->code, code, sizeof b->code);
            b->nocountry = 0;
            b->from_agent = 1;
            b->cc_off = 0;
        } else if (a->bare && a->t1 == a->t0 + 1 && b->from_agent == 1 &&
                   !b->agent_of && strlen(b->code) == 6) {
            char code[ENT_ACTOR_MAX];
            snprintf(code, sizeof code, "%.3s%.3s", a->code, b->code + 3);
            memcpy(a->code, code, sizeof a->code);
            a->bare = 0;
            a->from_agent = 1;
        }
    }
}

/* Option convert_agents = no (TABARI's default): an agent that joined no
 * actor ("police said") is no actor. */
static void drop_lone_agents(ent_coder *c)
{
    size_t i, o = 0;
    for (i = 0; i < c->nunits; i++)
        if (!c->units[i].nocountry)
            c->units[o++] = c->units[i];
    c->nunits = o;
}

/*
 * "Lawmakers in Arnor and Gondor", "lawmakers and officials in Arnor":
 * sectors alone, "in", then countries alone become one phrase with each
 * country in each sector (ARNLEG, GONLEG), as PETRARCH and TABARI code
 * them. The new units replace the old ones and read as one group.
 */
static int agents_in(ent_coder *c, size_t s0)
{
    size_t i;
    for (i = 0; i < c->nunits; i++) {
        size_t a = unit_run(c, s0, i, 1), e, na, nc, np, x, y;
        unit prod[16];
        if (a == i || a >= c->nunits || c->units[a].t0 != c->units[a - 1].t1 + 1 ||
            !is_word(&c->ti[c->units[a - 1].t1], c->d->fw[ENT_W_IN]))
            continue;
        e = unit_run(c, s0, a, 0);
        na = a - i;
        nc = e - a;
        np = na * nc;
        if (nc == 0 || np > sizeof prod / sizeof *prod)
            continue;
        for (x = 0; x < nc; x++)
            for (y = 0; y < na; y++) {
                unit *u = &prod[x * na + y];
                const unit *ag = &c->units[i + y];
                *u = c->units[a + x];
                combine(u, c->units[a + x].code, ag->code, ag->prefix);
                u->t0 = c->units[i].t0;
                u->t1 = c->units[e - 1].t1;
                u->nocountry = 0;
                u->from_agent = 1;
                u->multi = x + y > 0;
            }
        if (np > e - i &&
            ent__grow(A(c), (void **)&c->units, &c->capunits,
                      c->nunits + np - (e - i), sizeof *c->units))
            return ENT_ENOMEM;
        memmove(c->units + i + np, c->units + e,
                (c->nunits - e) * sizeof *c->units);
        memcpy(c->units + i, prod, np * sizeof *prod);
        c->nunits = c->nunits + np - (e - i);
        i += np - 1;
    }
    return ENT_OK;
}

/* Are tokens [a, b) one to three lower-case nouns or adjectives, none an
 * inflected verb nor a verb pattern's anchor ("gas giant", "telecoms
 * firm"; not "fines", "warned", "Russia free ... Navalny")?
 * What may stand between a country and the company it describes. */
static int descriptors(ent_coder *c, uint32_t a, uint32_t b)
{
    uint32_t k;
    if (a == b || b - a > 3 || !c->d->lemma)
        return 0;
    for (k = a; k < b; k++) {
        const tinfo *ti = &c->ti[k];
        if ((c->tok[c->s0 + k].flags &
             (ENT_TOK_PUNCT | ENT_TOK_NUM | ENT_TOK_CAP)) ||
            ti->fcls || ti->anchor || (ti->vlem && ti->vlem != ti->form) ||
            !(wn_classes(c, k) & (ENT_WN_NOUN | ENT_WN_ADJ)))
            return 0;
    }
    return 1;
}

static int build_groups(ent_coder *c, size_t s0)
{
    size_t i = 0, k;
    int last_jn;
    c->ngroups = 0;
    /* "Russian gas giant Gazprom", "Chinese telecoms firm Huawei": a bare
     * country before an actor of that country, with one to three
     * descriptive words between, is that actor's description, not an
     * actor */
    for (k = 0; k + 1 < c->nunits; k++) {
        unit *p = &c->units[k], *q = &c->units[k + 1];
        const tinfo *pl = &c->ti[p->t1 - 1];
        if (p->bare && !p->person && !q->multi && !q->nocountry &&
            !(pl->nlem && pl->nlem != pl->form) && /* "Russians fine" */
            !q->bare && q->t0 >= p->t1 &&
            !strncmp(p->code, q->code + q->cc_off, 3) &&
            !(c->tok[s0 + q->t0].flags & ENT_TOK_CUT) &&
            descriptors(c, p->t1, q->t0)) {
            q->t0 = p->t0;
            memmove(p, q, (c->nunits - k - 1) * sizeof *q);
            c->nunits--;
        }
    }
    while (i < c->nunits) {
        group g;
        size_t j = i + 1;
        g.u0 = (uint32_t)i;
        g.t0 = c->units[i].t0;
        g.conj = 0;
        last_jn = 0;
        while (j < c->nunits) {
            unit *p = &c->units[j - 1], *q = &c->units[j];
            int jn;
            if (q->multi) { /* the same phrase's next actor */
                g.conj = 1;
                j++;
                continue;
            }
            jn = joiner(c, s0, p->t1, q->t0);
            if (!jn || (jn == 2 && last_jn == 1))
                break; /* "A and B, the Osgiliath newspaper": a list has
                          its commas before its "and", not after */
            if (jn == 1)
                g.conj = 1;
            last_jn = jn;
            if (jn == 2 && j == i + 1 &&
                (!strncmp(p->code, q->code, 3) ||
                 (p->nocountry && specific(q->code)))) {
                /* apposition: "Xi Jinping, China's president," */
                if ((!specific(p->code) || p->nocountry) && specific(q->code)) {
                    memcpy(p->code, q->code, sizeof p->code);
                    p->nocountry = q->nocountry;
                }
                p->t1 = q->t1;
                memmove(q, q + 1, (c->nunits - j - 1) * sizeof *q);
                c->nunits--;
                continue;
            }
            j++;
        }
        g.nu = (uint32_t)(j - i);
        g.t1 = c->units[j - 1].t1;
        /* "US and Chinese officials": share the last unit's sector (not
         * across a comma: "Gondor and Dagolath, the Osgiliath newspaper") */
        if (g.nu > 1 && c->units[j - 1].from_agent == 1 && last_jn == 1 &&
            !c->units[j - 1].agent_of && /* not "A and the government of B" */
            !is_word(&c->ti[c->units[j - 1].t0 - 1], c->d->fw[ENT_W_THE])) {
            /* nor "Israel and the Palestinian militant group Hamas" */
            const char *sec = c->units[j - 1].code + 3;
            for (k = i; k + 1 < j; k++)
                if (c->units[k].bare)
                    combine(&c->units[k], c->units[k].code, sec, 0);
        }
        if (g.nu > 1 && g.conj && c->units[i].from_agent == 1 &&
            !c->opt.tabari_agents) {
            /* the first member's sector or country carries over: "the
             * ambassadors of Arnor, Osgiliath and Gondor" (each GOV),
             * "Danish media and government" (DNKMED, DNKGOV); not with
             * TABARI's agents, which join one actor only */
            unit *f = &c->units[i];
            char sec[ENT_ACTOR_MAX];
            snprintf(sec, sizeof sec, "%s", f->code + 3);
            for (k = i + 1; k < j; k++) {
                unit *q = &c->units[k];
                if (f->agent_of && q->bare)
                    combine(q, q->code, sec, 0);
                else if (q->nocountry && strlen(q->code) >= 3) {
                    char qs[ENT_ACTOR_MAX];
                    snprintf(qs, sizeof qs, "%s", q->code);
                    combine(q, f->code, qs, 0);
                    q->nocountry = 0;
                }
            }
        }
        if (ent__grow(A(c), (void **)&c->groups, &c->capgroups,
                      c->ngroups + 1, sizeof *c->groups))
            return ENT_ENOMEM;
        c->groups[c->ngroups++] = g;
        i = j;
    }
    for (i = 0; i < c->ngroups; i++) {
        group *g = &c->groups[i];
        for (k = g->t0; k < g->t1; k++)
            c->ti[k].unit = (int32_t)i;
        c->ti[g->t0].group_at = (int32_t)i;
        /* "the United States": the group also starts at its article */
        if (g->t0 > 0 && is_word(&c->ti[g->t0 - 1], c->d->fw[ENT_W_THE]) &&
            c->ti[g->t0 - 1].group_at < 0)
            c->ti[g->t0 - 1].group_at = (int32_t)i;
    }
    if (c->trace) {
        for (i = 0; i < c->ngroups; i++) {
            char txt[256], codes[256] = "";
            group *g = &c->groups[i];
            span_text(c, s0, g->t0, g->t1, txt, sizeof txt);
            for (k = 0; k < g->nu; k++) {
                size_t l = strlen(codes);
                snprintf(codes + l, sizeof codes - l, "%s%s", k ? " + " : "",
                         c->units[g->u0 + k].code);
            }
            tracef(c, "  group  \"%s\" = %s", txt, codes);
        }
    }
    return ENT_OK;
}

/* ---- clauses -------------------------------------------------------- */


/* Number the clauses: a new one starts at ';', ':', a subordinator, a
 * "that" introducing an actor, and ", but". */
static void clauses(ent_coder *c, size_t s0, size_t n)
{
    size_t k;
    uint16_t cl = 0;
    for (k = 0; k < n; k++) {
        const tinfo *t = &c->ti[k];
        if (punct_is(c, s0, k, ';') || punct_is(c, s0, k, ':'))
            cl++;
        else if ((t->fcls & ENT_FW_CLAUSE) && t->unit < 0 && k > 0)
            cl++;
        else if ((t->fcls & ENT_FW_THAT) && k + 1 < n &&
                 (c->ti[k + 1].group_at >= 0 || (c->ti[k + 1].fcls & ENT_FW_PRON)))
            cl++;
        c->ti[k].clause = cl;
    }
}

/* ---- patterns ------------------------------------------------------- */

#define GAP_MAX 6

typedef struct pmatch {
    size_t end;      /* first token after the match */
    size_t start;    /* its first token (the anchor's, or an element's
                        before it: "suggested * @should") */
    int target;      /* group index of '+', or -1 */
    int source;      /* group index of '$', or -1 */
    int compound;    /* group index of '%', or -1 */
} pmatch;

/* Lengths (longest first, at most max) of the phrases of synset sid that
 * start at token k; returns their number. */
static int syn_lengths(ent_coder *c, uint32_t sid, size_t k, size_t n,
                       size_t *lens, int max)
{
    uint64_t mask = 0;
    int nl = 0, b;
    trie_walk(c, &c->d->syn, c->d->syn_root[sid], k, k, n, NULL, NULL,
              &mask);
    for (b = 63; b >= 0 && nl < max; b--)
        if (mask >> b & 1)
            lens[nl++] = (size_t)b + 1; /* longest first */
    return nl;
}

/* Record group g as the '+' (target) or '$' (source) of a match;
 * returns 1. */
static int set_role(pmatch *m, uint8_t type, int g)
{
    if (type == ENT_PE_TARGET)
        m->target = g;
    else if (type == ENT_PE_SOURCE)
        m->source = g;
    else if (type == ENT_PE_COMPOUND)
        m->compound = g;
    return 1; /* ENT_PE_SKIP: no role */
}

/* Does token q end a gap ('*' never crosses ';', ':' or '.')? */
static int stops_gap(ent_coder *c, size_t s0, size_t q)
{
    return punct_is(c, s0, q, ';') || punct_is(c, s0, q, ':') ||
           punct_is(c, s0, q, '.');
}

/* The group that ends right before token k, or -1. */
static int group_ending(const ent_coder *c, size_t k)
{
    size_t g;
    for (g = 0; g < c->ngroups; g++)
        if (c->groups[g].t1 == k)
            return (int)g;
    return -1;
}

static int elem_word(const ent_dict *d, const ent__pelem *e, const tinfo *t)
{
    uint32_t i;
    for (i = 0; i < e->nwords; i++)
        if (tmatch(t, d->pwords[e->words + i]))
            return 1;
    return 0;
}

/* While c->tree_gap names an anchor (the sentence parsed), is token q
 * inside that anchor's subtree? A '*' may then span
 * more than GAP_MAX tokens of the verb's own phrase: "warned Putin in a
 * two-hour video call on Tuesday that the West would impose strong
 * economic measures". */
static int in_subtree(const ent_coder *c, size_t n, size_t q)
{
    int u = (int)q, steps = 0;
    if (c->tree_gap < 0 || !c->parsed || q >= n)
        return 0;
    while (u >= 0 && u != c->tree_gap && steps++ < 64) {
        /* not into a clause that another word of the phrase reports:
         * "urged Putin to meet him, saying that there was no way to end
         * the war" is no "urge * end * war" (a complement clause of a
         * word other than the verb, a parataxis clause; a noun the
         * parser hung as parataxis is still the verb's phrase). An
         * adverbial clause stays in: the held-out news set wants it */
        if ((!strcmp(c->prel[u], "parataxis") &&
             !strcmp(c->pupos[u], "VERB")) ||
            (!strncmp(c->prel[u], "ccomp", 5) && c->phead[u] != c->tree_gap))
            return 0;
        u = c->phead[u];
    }
    return u == c->tree_gap;
}

/* Match elements [e, ne) of pattern p at token k; n is the sentence
 * length. Backtracks over gaps (shortest first). */
static int match_from(ent_coder *c, size_t s0, const ent__pattern *p,
                      uint32_t e, size_t k, size_t n, pmatch *m)
{
    const ent_dict *d = c->d;
    const ent__pelem *el;
    if (e == p->nelems) {
        m->end = k;
        return 1;
    }
    el = &d->pelems[p->elems + e];
    switch (el->type) {
    case ENT_PE_WORD:
    case ENT_PE_ALT:
        if (k < n && elem_word(d, el, &c->ti[k]))
            return match_from(c, s0, p, e + 1, k + 1, n, m);
        return 0;
    case ENT_PE_GAP: {
        size_t g;
        for (g = 0; (g <= GAP_MAX || in_subtree(c, n, k + g - 1)) &&
                    k + g <= n;
             g++) {
            if (g > 0 && stops_gap(c, s0, k + g - 1))
                break;
            if (match_from(c, s0, p, e + 1, k + g, n, m))
                return 1;
        }
        return 0;
    }
    case ENT_PE_TARGET:
    case ENT_PE_SOURCE:
    case ENT_PE_SKIP:
    case ENT_PE_COMPOUND:
        if (k < n && c->ti[k].group_at >= 0) {
            int g = c->ti[k].group_at;
            if ((el->type != ENT_PE_COMPOUND || c->groups[g].nu > 1) &&
                match_from(c, s0, p, e + 1, c->groups[g].t1, n, m))
                return set_role(m, el->type, g);
        }
        return 0;
    case ENT_PE_SYN: {
        size_t lens[8];
        int q, nl = k < n ? syn_lengths(c, el->words, k, n, lens, 8) : 0;
        for (q = 0; q < nl; q++)
            if (match_from(c, s0, p, e + 1, k + lens[q], n, m))
                return 1;
        return 0;
    }
    default:
        return 0;
    }
}

/* Match the elements before the anchor ("planes @attack"), nearest
 * first: element e of p->pre must end right before token k. */
static int match_back(ent_coder *c, size_t s0, const ent__pattern *p,
                      uint32_t e, size_t k, size_t n, pmatch *m)
{
    const ent_dict *d = c->d;
    const ent__pelem *el;
    if (e == p->npre) {
        m->start = k;
        return 1;
    }
    el = &d->pelems[p->pre + e];
    switch (el->type) {
    case ENT_PE_WORD:
    case ENT_PE_ALT:
        return k > 0 && elem_word(d, el, &c->ti[k - 1]) &&
               match_back(c, s0, p, e + 1, k - 1, n, m);
    case ENT_PE_GAP: {
        size_t g;
        for (g = 0; g <= GAP_MAX && g <= k; g++) {
            if (g > 0 && stops_gap(c, s0, k - g))
                break;
            if (match_back(c, s0, p, e + 1, k - g, n, m))
                return 1;
        }
        return 0;
    }
    case ENT_PE_TARGET:
    case ENT_PE_SOURCE:
    case ENT_PE_SKIP:
    case ENT_PE_COMPOUND: {
        int g = group_ending(c, k);
        if (g >= 0 &&
            (el->type != ENT_PE_COMPOUND || c->groups[g].nu > 1) &&
            match_back(c, s0, p, e + 1, c->groups[g].t0, n, m))
            return set_role(m, el->type, g);
        return 0;
    }
    case ENT_PE_SYN: {
        size_t j = k > 8 ? k - 8 : 0;
        for (; j < k; j++) {
            size_t lens[8];
            int q, nl = syn_lengths(c, el->words, j, k, lens, 8);
            for (q = 0; q < nl; q++)
                if (j + lens[q] == k &&
                    match_back(c, s0, p, e + 1, j, n, m))
                    return 1;
        }
        return 0;
    }
    default:
        return 0;
    }
}

/* Can every word element of p occur in the sentence (Bloom test)? */
static int possible(const ent_coder *c, const ent__pattern *p)
{
    uint32_t i;
    int q;
    for (i = 0; i < p->npre + p->nelems; i++) {
        const ent__pelem *e = &c->d->pelems[i < p->npre ? p->pre + i
                                                         : p->elems + i - p->npre];
        uint64_t any = 0;
        if (e->type != ENT_PE_WORD && e->type != ENT_PE_ALT)
            continue;
        for (q = 0; q < ENT_BLOOM_WORDS; q++)
            any |= e->bloom[q] & c->bloom[q];
        if (!any)
            return 0;
    }
    return 1;
}

/* ---- events --------------------------------------------------------- */

/* The event's own date (issue 6, docs/dates.md): the date expression of
 * the verb's clause nearest the verb, else the sentence's, resolved
 * against the publication date; e->when.expr is made sentence-relative. */
static void event_date(ent_coder *c, size_t s0, uint32_t sent, size_t vk,
                       ent_event *e)
{
    size_t a = vk, b = vk, base = c->tok[s0].start;
    size_t n = sent + 1 < c->nsstart ? c->sstart[sent + 1] - s0
                                     : c->ntok - s0;
    size_t near = c->tok[s0 + vk].start;
    uint16_t cl = c->ti[vk].clause;
    while (a > 0 && c->ti[a - 1].clause == cl)
        a--;
    while (b + 1 < n && c->ti[b + 1].clause == cl)
        b++;
    if ((ent_when_find_near(c->norm.p, c->norm.n, c->tok[s0 + a].start,
                            c->tok[s0 + b].end, near, c->pubdate,
                            &e->when) != ENT_OK ||
         e->when.precision == ENT_DATE_PUB) &&
        ent_when_find_near(c->norm.p, c->norm.n, base, c->sents[sent].end,
                           near, c->pubdate, &e->when) != ENT_OK) {
        /* cannot happen with a valid publication date: keep it */
        memset(&e->when, 0, sizeof e->when);
        snprintf(e->when.date, sizeof e->when.date, "%.10s", c->pubdate);
    }
    if (e->when.precision != ENT_DATE_PUB) {
        e->when.expr.start -= (uint32_t)base;
        e->when.expr.end -= (uint32_t)base;
        tracef(c, "  date   \"%.*s\" -> %s%s%s (%s)",
               (int)(e->when.expr.end - e->when.expr.start),
               c->norm.p + base + e->when.expr.start, e->when.date,
               e->when.end[0] ? ".." : "", e->when.end,
               ent_when_precision_name(e->when.precision));
    }
}

/* Whether a sector code acts mostly at home, so that named alone it
 * belongs to the country it deals with (option domestic_agents). */
static int domestic_sector(const char *code)
{
    static const char sectors[] = "GOV OPP COP JUD LEG LAB AGR BUS EDU ELI ";
    const char *p;
    if (strlen(code) != 3)
        return 0;
    for (p = sectors; *p; p += 4)
        if (!strncmp(p, code, 3))
            return 1;
    return 0;
}

/* Whether a sector is an armed one, often abroad ("Israeli troops fired
 * on protesters": the protesters are not Israel's). */
static int armed(const char *sector)
{
    return !strncmp(sector, "MIL", 3) || !strncmp(sector, "REB", 3) ||
           !strncmp(sector, "UAF", 3) || !strncmp(sector, "SPY", 3);
}

/* Whether unit o names a diplomat or a mission abroad ("Russia's
 * ambassador", "the US embassy"), whose hosts are another country. */
static int diplomatic(const ent_coder *c, size_t s0, const unit *o)
{
    static const char *const stems[] = {"ambassador", "envoy", "diplomat",
                                        "embass", "consul"};
    size_t k, i;
    for (k = o->t0; k < o->t1; k++)
        for (i = 0; i < sizeof stems / sizeof stems[0]; i++)
            if (!strncasecmp(c->norm.p + c->tok[s0 + k].start, stems[i],
                             strlen(stems[i])))
                return 1;
    return 0;
}

/* Option domestic_agents: a domestic sector with no country (*u) takes
 * the country of the other actor o of its event when o is a part of a
 * country's state or society, not the country as a whole ("police
 * detained opposition leader Navalny": RUSCOP RUSOPP; "protesters
 * demanded that Lukashenko resign": BLROPP; but "lawmakers condemned
 * Russia" and "police arrested Russia's ambassador" keep LEG and COP). */
static void domestic_country(ent_coder *c, size_t s0, unit *u,
                             const unit *o)
{
    char sector[4];
    if (!c->opt.domestic_agents || !u->nocountry || u->filler ||
        o->nocountry || o->filler || o->bare ||
        !strncmp(o->code, "IGO", 3) ||
        strlen(o->code) <= 3 + (size_t)o->cc_off ||
        !domestic_sector(u->code) || armed(o->code + o->cc_off + 3) ||
        diplomatic(c, s0, o))
        return;
    memcpy(sector, u->code, 4);
    snprintf(u->code, sizeof u->code, "%.3s%s", o->code + o->cc_off, sector);
    u->nocountry = 0;
    u->cc_off = 0;
    tracef(c, "  domestic %s -> %s (the country of %s)", sector, u->code,
           o->code);
}

static int add_event(ent_coder *c, size_t s0, uint32_t sent,
                     const unit *src0, const unit *tgt0,
                     const ent__pattern *p, size_t vk, size_t vend,
                     unsigned ctx)
{
    ent_event *e;
    size_t i, base = c->tok[s0].start;
    unit su = *src0, tu = *tgt0;
    const unit *src = &su, *tgt = &tu;
    domestic_country(c, s0, &su, tgt0);
    domestic_country(c, s0, &tu, src0);
    if (!strcmp(src->code, tgt->code))
        return ENT_OK;
    if ((!strcmp(src->code, "---") && !src->filler) ||
        (!strcmp(tgt->code, "---") && !tgt->filler)) {
        tracef(c, "  skip   %s -> %s: a null actor", src->code, tgt->code);
        return ENT_OK;
    }
    if (c->opt.domestic_agents && p->cameo &&
        !strcmp(p->cameo->root, "04") && tgt->bare &&
        !src->nocountry && !src->filler &&
        !strncmp(src->code + src->cc_off, tgt->code, 3)) {
        /* "Zelensky visited Kharkiv": a visit or meeting inside one's own
         * country is no act between countries (with domestic_agents,
         * entente's convention for acts at home) */
        tracef(c, "  skip   %s -> %s: within its own country", src->code,
               tgt->code);
        return ENT_OK;
    }
    if (src->nocountry && tgt->nocountry && !src->filler && !tgt->filler) {
        /* "officials told reporters": sectors alone on both sides say
         * nothing about any dyad */
        tracef(c, "  skip   %s -> %s: no country on either side", src->code,
               tgt->code);
        return ENT_OK;
    }
    for (i = c->nev; i-- > 0 && c->ev[i].sent == sent;) {
        const ent_event *o = &c->ev[i];
        /* an event noun restating a coded verb's act ("delivered food
         * aid to Afghanistan") adds nothing */
        if ((o->cameo == p->cameo || c->noun_anchor) &&
            !strcmp(o->source, src->code) && !strcmp(o->target, tgt->code))
            return ENT_OK;
    }
    if (ent__grow(A(c), (void **)&c->ev, &c->capev, c->nev + 1, sizeof *c->ev))
        return ENT_ENOMEM;
    e = &c->ev[c->nev++];
    memset(e, 0, sizeof *e);
    if (!c->have_subj && !src->nocountry) {
        c->subj = *src; /* the likeliest antecedent of "he" or "it" next */
        c->have_subj = 1;
    }
    e->sent = sent;
    memcpy(e->source, src->code, sizeof e->source);
    memcpy(e->target, tgt->code, sizeof e->target);
    if (!src->nocountry && strncmp(src->code, "IGO", 3))
        memcpy(e->source_country, src->code + src->cc_off, 3);
    if (!tgt->nocountry && strncmp(tgt->code, "IGO", 3))
        memcpy(e->target_country, tgt->code + tgt->cc_off, 3);
    e->cameo = p->cameo;
    e->context = ctx;
    e->source_span.start = c->tok[s0 + src->t0].start - (uint32_t)base;
    e->source_span.end = c->tok[s0 + src->t1 - 1].end - (uint32_t)base;
    e->target_span.start = c->tok[s0 + tgt->t0].start - (uint32_t)base;
    e->target_span.end = c->tok[s0 + tgt->t1 - 1].end - (uint32_t)base;
    e->verb_span.start = c->tok[s0 + vk].start - (uint32_t)base;
    e->verb_span.end = c->tok[s0 + vend - 1].end - (uint32_t)base;
    e->rule = p->src;
    e->pattern = p->text;
    event_date(c, s0, sent, vk, e);
    tracef(c, "  event  %s -> %s  %s (%s)%s%s  [%s]", e->source, e->target,
           p->cameo->code, p->cameo->name,
           (ctx & ENT_CTX_HYPOTHETICAL) ? " hypothetical" : "",
           (ctx & ENT_CTX_FUTURE) ? " future" : "", p->src);
    return ENT_OK;
}

/* Context markers in tokens [a, b): negation returns -1, else ENT_CTX_*
 * bits. */
static int context_between(ent_coder *c, size_t s0, size_t a, size_t b)
{
    const ent_dict *d = c->d;
    size_t k = a;
    int ctx = 0;
    while (k < b) {
        uint32_t pay;
        size_t l = c->ti[k].unit >= 0 || !(c->ti[k].start & START_CONTEXT) ||
                           (k >= c->pat_lo && k < c->pat_hi)
                       ? 0 /* not a marker, inside "Theresa May", or a word
                              of the pattern itself */
                       : trie_longest(c, &d->context, k, b, &pay);
        if (!l) {
            k++;
            continue;
        }
        if (c->trace) {
            char txt[128];
            span_text(c, s0, k, k + l, txt, sizeof txt);
            tracef(c, "  context \"%s\" -> %s  [%s]", txt,
                   d->ctx[pay].kind == ENT_CONTEXT_NEGATION ? "negation"
                   : d->ctx[pay].kind == ENT_CONTEXT_FUTURE ? "future"
                   : d->ctx[pay].kind == ENT_CONTEXT_INTENT ? "intent"
                                                            : "hypothetical",
                   d->ctx[pay].src);
        }
        switch (d->ctx[pay].kind) {
        case ENT_CONTEXT_NEGATION: return -1;
        case ENT_CONTEXT_FUTURE: ctx |= ENT_CTX_FUTURE; break;
        case ENT_CONTEXT_INTENT: ctx |= ENT__CTX_INTENT; break;
        default: ctx |= ENT_CTX_HYPOTHETICAL; break;
        }
        k += l;
    }
    return ctx;
}

/* Does token k start a finite verb group, making the actor before it the
 * subject of a new clause ("said Ukraine attacked")? An auxiliary, or an
 * inflected pattern verb that is not an -s form: "Russian attacks" and "US
 * sanctions" are noun phrases. */
static int verbish(ent_coder *c, size_t k, size_t n)
{
    const ent__token *t;
    if (k >= n)
        return 0;
    if (c->ti[k].fcls & ENT_FW_AUX)
        return 1;
    /* an event noun ("incursion") anchors patterns but is no verb */
    if (!c->ti[k].anchor || !c->ti[k].vlem || c->ti[k].vlem == c->ti[k].form)
        return 0;
    t = &c->tok[c->s0 + k];
    return c->norm.p[t->end - 1] != 's';
}

/* Does a place adverbial ("in", "at the") precede the group at token t0? */
static int place(ent_coder *c, size_t t0)
{
    size_t k = t0;
    if (k > 0 && is_word(&c->ti[k - 1], c->d->fw[ENT_W_THE]))
        k--;
    return k > 0 && (c->ti[k - 1].fcls & ENT_FW_LOCPREP);
}

/* Could token k be a verb here rather than a noun or a name? */
static int verb_position(ent_coder *c, size_t s0, size_t k, size_t n)
{
    const ent__token *t = &c->tok[s0 + k];
    if (c->ti[k].unit >= 0)
        return 0;
    if (k + 1 < n && is_word(&c->ti[k + 1], c->d->fw[ENT_W_S]) &&
        (t[1].flags & ENT_TOK_NOSPACE))
        return 0; /* "donate's cash": a possessive's noun */
    if ((t->flags & ENT_TOK_CAP) && !(t->flags & ENT_TOK_ALLCAP) && k > 0)
        return 0; /* a name mid-sentence */
    if (k > 0 && c->opt.possessive_verbs) {
        /* TABARI's noun test: only after "the", "a" or "an" */
        if (c->ti[k - 1].unit < 0 &&
            (is_word(&c->ti[k - 1], c->d->fw[ENT_W_THE]) ||
             word_is(c, k - 1, "a") || word_is(c, k - 1, "an")))
            return 0;
    } else if (k > 0) {
        const tinfo *p = &c->ti[k - 1];
        if ((p->fcls & (ENT_FW_DET | ENT_FW_PREP)) && p->unit < 0)
            return 0; /* "the attack", "in talks", "their meeting"; not
                         the end of a name ("Moon Jae-in met") */
        if (c->tok[s0 + k - 1].flags & ENT_TOK_NUM)
            return 0;
        if ((t->flags & ENT_TOK_NOSPACE) && punct_is(c, s0, k - 1, '-'))
            return 0; /* "virus-hit", "Russian-backed" */
    }
    return 1;
}

/* Could token k head a noun phrase that names an event: after a
 * determiner or possessive, with at most two lower-case modifiers between
 * ("the invasion", "Russia's strikes", "the first summit", "India's
 * missile strikes"), or first in the sentence ("Talks between ..."). */
static int noun_position(ent_coder *c, size_t s0, size_t k)
{
    size_t a = k, mods = 0;
    if (k == 0)
        return 1;
    while (a > 0 && mods <= 2) {
        const tinfo *p = &c->ti[a - 1];
        const ent__token *t = &c->tok[s0 + a - 1];
        if (p->fcls & ENT_FW_DET)
            return 1;
        if (p->fcls || p->unit >= 0 ||
            (t->flags & (ENT_TOK_PUNCT | ENT_TOK_CAP | ENT_TOK_NUM)))
            return 0;
        a--;
        mods++;
    }
    return 0;
}

/* Is the group at t0 the object of a preposition ("with separatist
 * leaders", "for eastern Ukraine")? Returns the preposition's token + 1,
 * or 0. Adjectives and articles between are skipped. */
static size_t after_prep(ent_coder *c, size_t t0)
{
    size_t k = t0, hops = 0;
    while (k > 0 && hops < 3) {
        const tinfo *t = &c->ti[k - 1];
        if (t->fcls & (ENT_FW_PREP | ENT_FW_LOCPREP))
            return k;
        if (t->fcls || t->anchor || (c->tok[c->s0 + k - 1].flags &
                                     (ENT_TOK_PUNCT | ENT_TOK_CAP)))
            return is_word(t, c->d->fw[ENT_W_THE]) && hops < 2
                       ? after_prep(c, k - 1) : 0;
        k--;
        hops++;
    }
    return 0;
}

/* Is token q a finite verb: an auxiliary, or an inflected pattern verb
 * that is neither an -s form (a plural noun?) nor an -ing form? Tokens
 * inside actor names do not count. */
static int finite(ent_coder *c, size_t q)
{
    const ent__token *t = &c->tok[c->s0 + q];
    size_t len = t->end - t->start;
    const char *w = c->norm.p + t->start;
    if (c->ti[q].unit >= 0)
        return 0;
    if (c->ti[q].fcls & ENT_FW_AUX)
        return 1;
    if (!c->ti[q].anchor || !c->ti[q].vlem || c->ti[q].vlem == c->ti[q].form ||
        len < 4)
        return 0;
    if (w[len - 1] == 's' || !memcmp(w + len - 3, "ing", 3))
        return 0;
    /* with the parse: "the affected villages" is an adjective */
    if (c->parsed && (!strcmp(c->prel[q], "amod") ||
                      (strcmp(c->pupos[q], "VERB") && strcmp(c->pupos[q], "AUX"))))
        return 0;
    return 1;
}

/* All units of group g are sectors without a country ("troops"). */
static int lone_agent(ent_coder *c, const group *g)
{
    uint32_t i;
    for (i = 0; i < g->nu; i++)
        if (!c->units[g->u0 + i].nocountry)
            return 0;
    return 1;
}

/*
 * The target of the verb at token k whose pattern matched up to mend: the
 * first group after the verb in its clause, not a place adverbial (unless
 * places is 1), not a bare sector inside the matched pattern ("held
 * joint military drills"), not the subject of a following clause, and not
 * a sector alone when an actor with a country follows ("supplied drones
 * to Russia"). skip is a group to ignore (the "by" agent of a passive), or
 * -1.
 */
/* Is token q a verb in the past tense by its spelling ("landed"), which
 * no noun can be? */
static int past_verb(const ent_coder *c, size_t q, size_t n)
{
    const ent__token *t;
    size_t len;
    unsigned wc;
    if (q >= n)
        return 0;
    t = &c->tok[c->s0 + q];
    len = t->end - t->start;
    if ((t->flags & (ENT_TOK_PUNCT | ENT_TOK_CAP)) || len < 4 ||
        strncasecmp(c->norm.p + t->end - 2, "ed", 2))
        return 0;
    wc = wn_classes(c, q);
    return (wc & ENT_WN_VERB) && !(wc & ENT_WN_NOUN);
}

static int first_target_at(ent_coder *c, size_t k, size_t mend, size_t n,
                           int skip, int places)
{
    size_t j;
    int lone = -1;
    size_t stop = n, q;
    /* the object comes before the next finite verb of the clause ("met in
     * Warsaw and agreed to deploy troops to Poland") */
    for (q = mend; q < n; q++)
        if (finite(c, q)) {
            stop = q;
            break;
        }
    for (j = 0; j < c->ngroups; j++) {
        const group *g = &c->groups[j];
        if (g->t0 <= k || (int)j == skip)
            continue;
        if (c->ti[g->t0].clause != c->ti[k].clause || g->t0 > stop)
            break;
        if ((place(c, g->t0) && !places) ||
            (g->t0 < mend && lone_agent(c, g)))
            continue;
        if ((verbish(c, g->t1, n) &&
             !(c->ti[g->t1].fcls & ENT_FW_BE && g->t1 + 1 < n &&
               c->ti[g->t1 + 1].fcls & ENT_FW_DET)) ||
            past_verb(c, g->t1, n))
            break; /* the subject of another clause ("said five of the
                      missiles landed") */
        if (lone_agent(c, g) && !after_prep(c, g->t0)) {
            /* a bare sector as direct object ("supplied drones to Russia"):
             * a later actor is the better target */
            if (lone < 0)
                lone = (int)j;
            continue;
        }
        return (int)j;
    }
    return lone;
}

/* first_target_at() with places as targets only if the options say so
 * (option place_targets). */
static int first_target(ent_coder *c, size_t k, size_t mend, size_t n,
                        int skip)
{
    return first_target_at(c, k, mend, n, skip, c->opt.place_targets);
}

static int attack_code(const ent__pattern *p);

/* first_target(), but for an attack (pattern p of roots 18-20) with no
 * other target the place it hits: "warplanes struck rebel positions in
 * Syria" codes SYR. */
static int attack_target(ent_coder *c, const ent__pattern *p, size_t k,
                         size_t mend, size_t n, int skip)
{
    int tg = first_target(c, k, mend, n, skip);
    int root = p->cameo ? atoi(p->cameo->root) : 0;
    if (tg >= 0 && root >= 3 && root <= 8 && c->groups[tg].t0 > 0 &&
        word_is(c, c->groups[tg].t0 - 1, "against")) {
        /* "sent drones to help in the war against Ukraine": cooperation
         * whose purpose is against an actor is not with that actor */
        size_t q;
        for (q = mend; q + 1 < c->groups[tg].t0; q++)
            if (word_is(c, q, "to"))
                return -1;
    }
    if (tg >= 0 || !attack_code(p))
        return tg;
    return first_target_at(c, k, mend, n, skip, 1);
}

/* Is token k a conjunction TABARI's clauses split at: "and", "or", "nor",
 * "but"? */
static int conj_word(const ent_coder *c, size_t k)
{
    return (c->ti[k].fcls & ENT_FW_CONJ) || word_is(c, k, "but");
}

/* Is there "and", "or", "but" or a comma in tokens [a, b)? */
static int conjoined(ent_coder *c, size_t a, size_t b)
{
    size_t k;
    for (k = a; k < b; k++)
        if (conj_word(c, k) || punct_is(c, c->s0, k, ','))
            return 1;
    return 0;
}

static int synth_group(ent_coder *c, size_t t0, size_t t1, const unit *u,
                       uint32_t nu);

/* Whether the options give a stand-in for a missing source (role 's')
 * or target ('t'). */
static int has_filler(const ent_coder *c, int role)
{
    return !c->opt.require_dyad ||
           (role == 's' ? c->opt.def_source : c->opt.def_target)[0];
}

/* The stand-in for a verb's missing source (role 's') or target ('t') at
 * token k: the default_source or default_target option, else "---" when
 * require_dyad is off. Returns its group, -1 when the options give none
 * (the verb is then not coded), -2 when out of memory. */
static int filler_group(ent_coder *c, size_t k, int role)
{
    const char *code = role == 's' ? c->opt.def_source : c->opt.def_target;
    unit u;
    int g;
    if (!has_filler(c, role))
        return -1;
    memset(&u, 0, sizeof u);
    snprintf(u.code, sizeof u.code, "%s", code[0] ? code : "---");
    u.nocountry = u.filler = 1;
    g = synth_group(c, k, k + 1, &u, 1);
    if (g < 0)
        return -2;
    tracef(c, "  roles  no %s: %s (option %s)",
           role == 's' ? "source" : "target", u.code,
           code[0] ? (role == 's' ? "default_source" : "default_target")
                   : "require_dyad = no");
    return g;
}

/* Emit events between every source and target unit. */
static int emit(ent_coder *c, size_t s0, uint32_t sent, const group *sg,
                const group *tg, const ent__pattern *p, size_t vk,
                size_t vend, unsigned ctx)
{
    uint32_t i, j;
    int rc;
    if (!tg && ((!p->sym && !(c->opt.reciprocal && sg->conj)) ||
                sg->nu < 2)) {
        /* no target and no mutual act: a stand-in target, if the options
         * give one */
        size_t si = (size_t)(sg - c->groups); /* groups may move */
        int fg = filler_group(c, vk, 't');
        if (fg == -2)
            return ENT_ENOMEM;
        if (fg < 0)
            return ENT_OK;
        sg = &c->groups[si];
        tg = &c->groups[fg];
    }
    if (!tg) {
        /* a mutual act among the members of a compound source (every act,
         * with an imported set's compound_reciprocal option) */
        for (i = 0; i < sg->nu; i++)
            for (j = 0; j < sg->nu; j++)
                if (i != j) {
                    rc = add_event(c, s0, sent, &c->units[sg->u0 + i],
                                   &c->units[sg->u0 + j], p, vk, vend, ctx);
                    if (rc)
                        return rc;
                }
        return ENT_OK;
    }
    for (i = 0; i < sg->nu; i++)
        for (j = 0; j < tg->nu; j++) {
            const unit *s = &c->units[sg->u0 + i], *t = &c->units[tg->u0 + j];
            rc = add_event(c, s0, sent, s, t, p, vk, vend, ctx);
            if (!rc && p->sym)
                rc = add_event(c, s0, sent, t, s, p, vk, vend, ctx);
            if (!rc && p->cameo2) {
                /* TABARI's paired code "032:033": the target's side of
                 * the act ("receive visit") */
                ent__pattern rp = *p;
                rp.cameo = p->cameo2;
                rp.cameo2 = NULL;
                rc = add_event(c, s0, sent, t, s, &rp, vk, vend, ctx);
            }
            if (rc)
                return rc;
        }
    return ENT_OK;
}

/* ---- the dependency parse ------------------------------------------- */

/*
 * Known parser errors: in "condemned an attack by X and promised aid to
 * Y" the second verb and its object are attached as conjuncts of the
 * first verb's object noun, or the second verb as a participle of its
 * object ("and promised raids to"). A past-tense verb that is a conjunct of a noun
 * after "and" or "but" is moved to the verb above that noun, and a noun
 * conjunct right after it becomes its object, so that the second verb
 * keeps the first one's subject and finds its own target.
 */
/* The verb above the noun h that verb k (a past tense after "and" or
 * "but") really joins: the first verb up h's head path, before k; -1 if
 * k is no such verb or there is none. */
static int verb_above(const ent_coder *c, size_t k, int h)
{
    int v, hops = 0;
    if (strcmp(c->pupos[k], "VERB") ||
        (strcmp(c->pxpos[k], "VBD") && strcmp(c->pxpos[k], "VBN")) ||
        (strcmp(c->plow[k - 1], "and") && strcmp(c->plow[k - 1], "but")))
        return -1;
    for (v = c->phead[h]; v >= 0 && strcmp(c->pupos[v], "VERB") && hops < 4;
         v = c->phead[v], hops++)
        ;
    return v >= 0 && v < (int)k && !strcmp(c->pupos[v], "VERB") ? v : -1;
}

static void repair_conj(ent_coder *c, size_t n)
{
    size_t k, j;
    for (k = 1; k + 1 < n; k++) {
        /* "... and promised raids to the villages", "promised" read as a
         * participle describing "raids": the verb takes the noun as its
         * object and becomes a conjunct of the verb above */
        int h = c->phead[k], v;
        if (strcmp(c->prel[k], "amod") || h != (int)k + 1 ||
            strcmp(c->pupos[h], "NOUN") || (v = verb_above(c, k, h)) < 0)
            continue;
        c->phead[k] = v;
        c->prel[k] = "conj";
        c->phead[h] = (int)k;
        c->prel[h] = "obj";
    }
    for (k = 1; k < n; k++) {
        int h = c->phead[k], v;
        if (strcmp(c->prel[k], "conj") || h < 0 ||
            (strcmp(c->pupos[h], "NOUN") && strcmp(c->pupos[h], "PROPN")) ||
            (v = verb_above(c, k, h)) < 0)
            continue;
        c->phead[k] = v;
        for (j = k + 1; j < n && j <= k + 3; j++) {
            if (c->phead[j] == h && !strcmp(c->prel[j], "conj") &&
                !strcmp(c->pupos[j], "NOUN")) {
                c->phead[j] = (int)k;
                c->prel[j] = "obj";
                break;
            }
            if (strcmp(c->pupos[j], "DET") && strcmp(c->pupos[j], "ADJ"))
                break;
        }
    }
}

/* A name in the actor dictionaries is proper nouns to the tagger and
 * parser: the pieces of "Moon Jae-in" ("-", "in") that would read as
 * punctuation or a preposition, and make the verb after the name a
 * participle ("in met"), are given to them as a capitalised name word.
 * Fills c->pin from c->pword. */
static void name_words(ent_coder *c, size_t n)
{
    size_t i, k;
    for (k = 0; k < n; k++)
        c->pin[k] = c->pword[k];
    for (i = 0; i < c->nmen; i++) {
        const mention *m = &c->men[i];
        if (m->kind != ENT_TRIE_ACTOR || m->t1 < m->t0 + 3 || m->t1 > n ||
            !(c->tok[c->s0 + m->t0].flags & ENT_TOK_CAP))
            continue;
        for (k = m->t0 + 1; k < m->t1; k++)
            if (!(c->tok[c->s0 + k].flags & ENT_TOK_CAP))
                c->pin[k] = "Smith";
    }
}

/* Tag and parse the n tokens of the sentence at s0 (the analysis stage's
 * tokens are the coder's, so the tree needs no alignment). */
static int parse_sentence(ent_coder *c, size_t s0, size_t n)
{
    size_t k, at;
    int rc;
    c->parsed = 0;
    if (n + 1 > c->cappar) {
        const char ***arr[] = {&c->prel, &c->pword, &c->plow, &c->pupos,
                               &c->pxpos, &c->pin};
        size_t cap = 2 * (n + 1), i;
        int *h = ent__realloc(A(c), c->phead, cap * sizeof *h);
        if (!h)
            return ENT_ENOMEM;
        c->phead = h;
        for (i = 0; i < sizeof arr / sizeof arr[0]; i++) {
            const char **p = ent__realloc(A(c), (void *)*arr[i],
                                          cap * sizeof *p);
            if (!p)
                return ENT_ENOMEM;
            *arr[i] = p;
        }
        c->cappar = cap;
    }
    c->pbuf.n = 0;
    for (k = 0; k < 2 * n; k++) {
        const ent__token *t = &c->tok[s0 + k % n];
        if (ent__buf_add(A(c), &c->pbuf, c->norm.p + t->start,
                         t->end - t->start) ||
            ent__buf_add(A(c), &c->pbuf, "", 1))
            return ENT_ENOMEM;
    }
    for (k = 0, at = 0; k < 2 * n; k++) {
        char *w = c->pbuf.p + at;
        size_t l = strlen(w);
        if (k < n) {
            c->pword[k] = w;
        } else {
            ent__lower(w, w, l);
            c->plow[k - n] = w;
        }
        at += l + 1;
    }
    name_words(c, n);
    rc = ent_tagger_tag(ent_nlp_tagger(c->nlp), c->pin, n, c->pupos,
                        c->pxpos);
    if (!rc)
        rc = ent_parser_parse(ent_nlp_parser(c->nlp), c->pin, c->pupos,
                              c->pxpos, n, c->phead, c->prel);
    if (rc)
        return rc;
    for (k = 0; k < n; k++)
        c->phead[k]--; /* 1-based with 0 the root -> sentence index, -1 */
    repair_conj(c, n);
    for (k = 0; k < n; k++) {
        if (c->trace)
            tracef(c, "  tree   %zu %s %s %s %s -> %d %s", k + 1, c->pword[k],
                   c->pupos[k], c->pxpos[k], c->prel[k], c->phead[k] + 1,
                   c->phead[k] >= 0 ? c->pword[c->phead[k]] : "ROOT");
    }
    c->parsed = 1;
    return ENT_OK;
}

/* Whether the document so far names an actor a pronoun could stand for. */
static int has_antecedent(const ent_coder *c)
{
    return c->have_person || c->have_thing || c->have_pair || c->nfwd;
}

/* The real group that holds token k of the sentence, or -1. */
static int group_holding(const ent_coder *c, int k)
{
    size_t j;
    for (j = 0; k >= 0 && j < c->ngroups; j++)
        if ((size_t)k >= c->groups[j].t0 && (size_t)k < c->groups[j].t1)
            return (int)j;
    return -1;
}

/* The first child of token v with relation rel ("nsubj" also matches
 * "nsubj:outer" but not "nsubj:pass" when exact), or -1. */
static int child(const ent_coder *c, size_t n, int v, const char *rel,
                 int exact)
{
    size_t k, l = strlen(rel);
    for (k = 0; k < n; k++)
        if (c->phead[k] == v &&
            (exact ? !strcmp(c->prel[k], rel)
                   : !strncmp(c->prel[k], rel, l) &&
                         (c->prel[k][l] == 0 || c->prel[k][l] == ':')))
            return (int)k;
    return -1;
}

/* Add a stand-in group of nu units (copies of u, placed on tokens
 * [t0, t1) of the sentence) after the sentence's real groups, which stay
 * c->ngroups in number so that the word-order rules never see it.
 * Returns its index or -1 when out of memory. */
static int synth_group(ent_coder *c, size_t t0, size_t t1, const unit *u,
                       uint32_t nu)
{
    size_t ui = c->nunits + c->nsynu, gi = c->ngroups + c->nsyng;
    uint32_t i;
    group *g;
    if (ent__grow(A(c), (void **)&c->units, &c->capunits, ui + nu,
                  sizeof *c->units) ||
        ent__grow(A(c), (void **)&c->groups, &c->capgroups, gi + 1,
                  sizeof *c->groups))
        return -1;
    for (i = 0; i < nu; i++) {
        c->units[ui + i] = u[i];
        c->units[ui + i].t0 = (uint32_t)t0;
        c->units[ui + i].t1 = (uint32_t)t1;
    }
    g = &c->groups[gi];
    g->t0 = (uint32_t)t0;
    g->t1 = (uint32_t)t1;
    g->u0 = (uint32_t)ui;
    g->nu = nu;
    g->conj = nu > 1; /* "the two leaders": a pair */
    c->nsynu += nu;
    c->nsyng++;
    return (int)gi;
}

/* Whether nominal h has a child that is the word w (lower case). */
static int has_word_child(const ent_coder *c, size_t n, int h, const char *w)
{
    size_t j;
    for (j = 0; j < n; j++)
        if (c->phead[j] == h && !strcmp(c->plow[j], w))
            return 1;
    return 0;
}

/* TABARI's pronoun rules (option tabari_pronouns; its manual, 7.7 and
 * 8.4): "he", "she", "him", "it" stand for the sentence's first actor,
 * "they", "them" for its first compound (else its first actor); a
 * possessive ("its voice") stands for no actor here. A pronoun before
 * every actor of its sentence stands for the previous sentence's first
 * actor (for "they" only a compound one), if that came before a verb.
 * A stand-in group at token h, or -1. */
static int tabari_pronoun(ent_coder *c, int h)
{
    const char *w = c->plow[h];
    int plural = !strcmp(w, "they") || !strcmp(w, "them");
    const group *f;
    size_t i;
    if (!plural && strcmp(w, "he") && strcmp(w, "she") && strcmp(w, "him") &&
        strcmp(w, "it"))
        return -1;
    if ((!c->ngroups || c->groups[0].t0 >= (size_t)h) && c->nfwd &&
        c->fwd_sent == c->sent_i && (!plural || c->nfwd > 1))
        return synth_group(c, (size_t)h, (size_t)h + 1, c->fwd,
                           (uint32_t)c->nfwd);
    if (!c->ngroups)
        return -1;
    f = &c->groups[0];
    for (i = 0; plural && f->nu < 2 && i < c->ngroups &&
                c->groups[i].t0 < (size_t)h;
         i++)
        f = &c->groups[i]; /* the first compound before it */
    if (f->nu < 2)
        f = &c->groups[0];
    return synth_group(c, (size_t)h, (size_t)h + 1, &c->units[f->u0],
                       plural && f->nu > 1 ? 2 : 1);
}

/* The actor an earlier sentence of the document named, for a pronoun or a
 * definite description at token h: "he", "she" -> the last person; "it"
 * -> the last country or organisation; "they", "the two leaders", "both
 * countries" -> the last pair (or, for "they", the last country). A
 * stand-in group, or -1. */
static int np_group(ent_coder *c, size_t n, int h);

static int antecedent(ent_coder *c, size_t n, int h)
{
    static const char *const pairs[] = {"leaders", "sides", "countries",
                                        "nations", "governments", "presidents",
                                        "men", "neighbours", "neighbors",
                                        "allies"};
    const char *low = c->plow[h];
    size_t i;
    int g = -1;
    if (c->opt.tabari_pronouns && !strcmp(c->pupos[h], "PRON") &&
        (g = tabari_pronoun(c, h)) >= 0)
        return g;
    if (!strcmp(c->pupos[h], "PRON") &&
        (!strcmp(low, "him") || !strcmp(low, "her")) &&
        (!strcmp(c->prel[h], "obj") || !strcmp(c->prel[h], "iobj"))) {
        /* an object pronoun is not its own clause's subject: "Scholz
         * telephoned Putin and urged him to withdraw" -> the nearest
         * person before it that is not the subject of its verb (or of
         * the verb it is conjoined to) */
        int v = c->phead[h], subj = -1, steps = 0, j;
        while (v >= 0 && subj < 0 && steps++ < 3) {
            subj = group_holding(c, child(c, n, v, "nsubj", 0));
            v = !strcmp(c->prel[v], "conj") ? c->phead[v] : -1;
        }
        for (j = (int)c->ngroups - 1; j >= 0 && g < 0; j--) {
            const group *gr = &c->groups[j];
            const unit *u = &c->units[gr->u0];
            if (gr->t1 <= (size_t)h && j != subj && gr->nu == 1 &&
                u->person && !u->nocountry)
                g = synth_group(c, (size_t)h, (size_t)h + 1, u, 1);
        }
    }
    if (g < 0 && !strcmp(c->pupos[h], "PRON")) {
        /* within the sentence: "Blinken said he was hopeful": the subject
         * of the verb whose complement holds the pronoun */
        int v = c->phead[h], steps = 0;
        while (v >= 0 && strcmp(c->pupos[v], "VERB") && steps++ < 4)
            v = c->phead[v];
        if (v >= 0 && c->phead[v] >= 0 &&
            (!strncmp(c->prel[v], "ccomp", 5) || !strncmp(c->prel[v], "advcl", 5) ||
             !strcmp(c->prel[v], "conj"))) {
            int sj = child(c, n, c->phead[v], "nsubj", 0);
            int gi = sj >= 0 && strcmp(c->pupos[sj], "PRON")
                         ? np_group(c, n, sj) : -1;
            if (gi >= 0 && c->groups[gi].nu == 1) {
                const unit *u = &c->units[c->groups[gi].u0];
                int he = !strcmp(low, "he") || !strcmp(low, "him") ||
                         !strcmp(low, "she");
                if (!u->nocountry && (he ? u->person || !u->bare
                                         : !strcmp(low, "it") ? !u->person
                                                              : 1))
                    g = synth_group(c, (size_t)h, (size_t)h + 1, u, 1);
            }
        }
        if (g >= 0)
            ;
        else if ((!strcmp(low, "he") || !strcmp(low, "him") ||
             !strcmp(low, "she")) && c->have_person)
            g = synth_group(c, (size_t)h, (size_t)h + 1, &c->last_person, 1);
        else if ((!strcmp(low, "they") || !strcmp(low, "them")) &&
                 c->have_pair)
            g = synth_group(c, (size_t)h, (size_t)h + 1, c->last_pair, 2);
        else if ((!strcmp(low, "it") || !strcmp(low, "they") ||
                  !strcmp(low, "them")) && c->have_thing)
            g = synth_group(c, (size_t)h, (size_t)h + 1, &c->last_thing, 1);
    } else if (c->have_pair && (has_word_child(c, n, h, "two") ||
                                has_word_child(c, n, h, "both"))) {
        for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
            if (!strcmp(low, pairs[i]))
                g = synth_group(c, (size_t)h, (size_t)h + 1, c->last_pair, 2);
    }
    if (g < 0 && (!strcmp(low, "country") || !strcmp(low, "nation")) &&
        has_word_child(c, n, h, "the") && !has_word_child(c, n, h, "two")) {
        /* "Ukraine cut ties with Russia after Russian forces launched a
         * full-scale invasion of the country": the last country named
         * before it that is not its verb's subject's */
        int v = c->phead[h], steps = 0, sj = -1;
        size_t j;
        char subj[4] = "";
        while (v >= 0 && strcmp(c->pupos[v], "VERB") && steps++ < 4)
            v = c->phead[v];
        /* the subject's own group, not np_group(): no coreference of
         * its own, which would come back here for "the country said" */
        if (v >= 0 &&
            (sj = group_holding(c, child(c, n, v, "nsubj", 0))) >= 0 &&
            !c->units[c->groups[sj].u0].nocountry)
            memcpy(subj, c->units[c->groups[sj].u0].code +
                             c->units[c->groups[sj].u0].cc_off, 3);
        subj[3] = 0;
        for (j = c->nunits; j-- > 0 && g < 0;) {
            const unit *u = &c->units[j];
            if (u->t1 <= (size_t)h && u->bare && strncmp(u->code, subj, 3))
                g = synth_group(c, (size_t)h, (size_t)h + 1, u, 1);
        }
    }
    if (g >= 0)
        tracef(c, "  coref  \"%s\" -> %s%s%s", c->pword[h],
               c->units[c->groups[g].u0].code, c->groups[g].nu > 1 ? " and " : "",
               c->groups[g].nu > 1 ? c->units[c->groups[g].u0 + 1].code : "");
    return g;
}

/* Whether token k is a relative pronoun ("which", "that", "who") heading
 * a role inside a relative clause. */
static int relative(const ent_coder *c, int k)
{
    const char *x = c->pxpos[k];
    return !strcmp(x, "WDT") || !strcmp(x, "WP") ||
           (!strcmp(c->pupos[k], "PRON") && !strcmp(c->plow[k], "that"));
}

/* The actor group a noun phrase headed by token h names: the group that
 * holds h, or else one that holds a word attached to h through nominal
 * relations only ("the head of Russia's army": army -> head), or else
 * what a pronoun or "the two leaders" stands for. */
static int np_group(ent_coder *c, size_t n, int h)
{
    size_t j;
    int best = -1;
    if (h < 0)
        return -1;
    if (relative(c, h)) {
        /* "Ukraine, which Russia attacked": the relative clause's noun, or
         * when the parse missed the clause, the actor right before the
         * pronoun */
        int v = c->phead[h];
        if (v >= 0 && !strcmp(c->prel[v], "acl:relcl") && c->phead[v] >= 0) {
            h = c->phead[v];
        } else {
            for (j = 0; j < c->ngroups; j++)
                if (c->groups[j].t1 == (size_t)h ||
                    (c->groups[j].t1 + 1 == (size_t)h && h > 0 &&
                     !strcmp(c->pupos[h - 1], "PUNCT")))
                    return (int)j;
        }
    }
    best = group_holding(c, h);
    for (j = 0; j < c->ngroups && best < 0; j++) {
        const group *g = &c->groups[j];
        size_t k;
        for (k = g->t0; k < g->t1 && best < 0; k++) {
            int u = (int)k, steps = 0;
            while (u >= 0 && u != h && steps++ < 4) {
                const char *r = c->prel[u];
                if (strncmp(r, "compound", 8) && strncmp(r, "amod", 4) &&
                    strncmp(r, "nmod", 4) && strncmp(r, "flat", 4) &&
                    strcmp(r, "appos"))
                    break;
                u = c->phead[u];
            }
            if (u == h)
                best = (int)j;
        }
    }
    /* "the two leaders" is a sector alone to the dictionaries */
    if (best < 0 || (c->groups[best].nu == 1 &&
                     c->units[c->groups[best].u0].nocountry)) {
        int g = antecedent(c, n, h);
        if (g >= 0)
            return g;
    }
    return best;
}

/* Defined with the word-order rules below. */
static int lone_agent(ent_coder *c, const group *g);
static int place(ent_coder *c, size_t t0);

/* Whether token k is a verb attached to a noun as "acl" that is really
 * the verb of a clause whose subject is that noun: tagged finite (VBD,
 * VBZ, VBP), or a participle with an object of its own, which a reduced
 * relative ("the forces deployed there") cannot have. The parser makes
 * this mistake when "that" is left out ("said Russian forces attacked
 * Kharkiv"). */
static int finite_acl(const ent_coder *c, size_t n, int k)
{
    const char *x = c->pxpos[k];
    if (strcmp(c->prel[k], "acl"))
        return 0;
    return !strcmp(x, "VBD") || !strcmp(x, "VBZ") || !strcmp(x, "VBP") ||
           (!strcmp(x, "VBN") && child(c, n, k, "obj", 1) >= 0);
}

/* The target group of verb v from the tree: the indirect object
 * ("promised Ukraine tanks"), the object, an oblique complement that is
 * not a place ("met with Putin", "sanctions on Russia"), or an actor
 * attached by nmod to a non-actor object ("signed a deal with Turkey");
 * for an attack (attack set) also a place in the object's phrase or, when
 * the object names no actor, of the verb ("struck targets in Syria").
 * Relative and adverbial clauses are never searched ("an agreement that
 * gives Washington access"). -2 when the verb has an object that names
 * no actor and nothing else qualifies (then no target: a mutual act among
 * a compound subject); -1 when the tree says nothing. */
static int lemma_in(const ent_coder *c, int h, const char *const *list,
                    size_t n);
static const char *case_word(const ent_coder *c, size_t n, int j);

/* Verbs of saying: the clause they report is no act on its subject
 * ("Russia said Ukraine would lose" is no statement to Ukraine). */
static const char *const says_verbs[] = {
    "say", "tell", "report", "announce", "confirm", "add", "state", "note",
    "claim", "declare", "insist", "reply", "explain", "write", "argue"};
#define NSAYS (sizeof says_verbs / sizeof *says_verbs)

/* Relations, besides the clause ones, that the head path of reaches()
 * may not cross. */
enum { PATH_ACL = 1,   /* any "acl" (without it only "acl:relcl") */
       PATH_CONJ = 2, PATH_NSUBJ = 4, PATH_APPOS = 8 };

/* Whether the head path of token j reaches token top within eight steps
 * without crossing a clause of its own (a relative, adverbial or
 * complement clause, parataxis, a clausal subject) or a relation of
 * mask (PATH_*): j belongs to top's phrase. */
static int reaches(const ent_coder *c, int j, int top, unsigned mask)
{
    int u = j, steps = 0;
    while (u >= 0 && u != top && steps++ < 8) {
        const char *rl = c->prel[u];
        if (!strncmp(rl, "advcl", 5) || !strncmp(rl, "ccomp", 5) ||
            !strncmp(rl, "parataxis", 9) || !strncmp(rl, "csubj", 5) ||
            !strcmp(rl, "acl:relcl") ||
            ((mask & PATH_ACL) && !strncmp(rl, "acl", 3)) ||
            ((mask & PATH_CONJ) && !strncmp(rl, "conj", 4)) ||
            ((mask & PATH_NSUBJ) && !strncmp(rl, "nsubj", 5)) ||
            ((mask & PATH_APPOS) && !strcmp(rl, "appos")))
            return 0;
        u = c->phead[u];
    }
    return u == top;
}

/* The first group (in text order) inside the phrase of verb h that is
 * not a place nor a sector alone nor marked by "against", reached from h
 * through no clause of its own (a relative, adverbial or complement
 * clause): "to become involved in the internal affairs of its neighbor
 * Ithilen"; -1 if none. */
static int actor_within(ent_coder *c, size_t n, int h)
{
    size_t j;
    for (j = (size_t)h + 1; j < n; j++) {
        int g;
        if (!reaches(c, (int)j, h, PATH_ACL | PATH_CONJ | PATH_NSUBJ) ||
            !strcmp(case_word(c, n, (int)j), "against"))
            continue; /* "sent drones to help in the war against
                         Ukraine": not the one helped */
        g = np_group(c, n, (int)j);
        if (g >= 0 && !place(c, c->groups[g].t0) &&
            !lone_agent(c, &c->groups[g]))
            return g;
    }
    return -1;
}

/* Whether verb k has the infinitive marker "to" ("to supply"). */
static int has_to(const ent_coder *c, size_t n, int k)
{
    size_t j;
    for (j = 0; j < n; j++)
        if (c->phead[j] == k && !strcmp(c->prel[j], "mark") &&
            !strcmp(c->plow[j], "to"))
            return 1;
    return 0;
}

/* Whether preposition w marks a time, not a party: "after the attacks on
 * New York", "since the invasion of Ukraine". */
static int time_case(const char *w)
{
    static const char *const tc[] = {"after", "before", "since", "until",
                                     "following", "during", "amid", "till"};
    size_t i;
    for (i = 0; i < sizeof tc / sizeof *tc; i++)
        if (!strcmp(w, tc[i]))
            return 1;
    return 0;
}

static const char *case_word(const ent_coder *c, size_t n, int j);

static int tree_target(ent_coder *c, size_t n, int v, int attack)
{
    static const char *const rels[] = {"iobj", "obj", "obl"};
    size_t r, j;
    int o, g, obj = child(c, n, v, "obj", 1);
    int clause_subject = 0;
    if (obj >= 0)
        for (j = 0; j < n; j++)
            if (c->phead[j] == obj && finite_acl(c, n, (int)j))
                clause_subject = 1; /* the subject of a clause */
    if (clause_subject)
        obj = -1;
    for (r = 0; r < 3; r++) {
        for (j = 0; j < n; j++) {
            if (c->phead[j] != v || strcmp(c->prel[j], rels[r]))
                continue;
            if ((r == 1 && (int)j != obj) ||
                (r == 2 && time_case(case_word(c, n, (int)j))))
                continue; /* "after the attacks on New York": when, not
                             whom */
            g = np_group(c, n, (int)j);
            if (g >= 0 && !place(c, c->groups[g].t0) &&
                !lone_agent(c, &c->groups[g]))
                return g;
        }
    }
    if (obj < 0 && !clause_subject) {
        /* "allowed that Mordor isn't a pleasant place", "said the US was
         * to blame", "believes Dagolath can cope": the subject of a
         * complement clause after the verb that reports no act, only
         * what its subject is (its head is no verb) or does (a verb no
         * pattern anchors on, not after a verb of saying: "Russia said
         * Ukraine would lose" is no statement to Ukraine) */
        int h = child(c, n, v, "ccomp", 1);
        int hs = h > v ? child(c, n, h, "nsubj", 1) : -1;
        int say = hs >= 0 && lemma_in(c, v, says_verbs, NSAYS);
        if (hs >= 0 && (strcmp(c->pupos[h], "VERB") ||
                        (!c->ti[h].anchor && !say))) {
            /* a sector alone too ("believes police can cope"), not
             * after a verb of saying ("officials said the missile hit") */
            g = np_group(c, n, hs);
            if (g >= 0 && !place(c, c->groups[g].t0) &&
                (!say || !lone_agent(c, &c->groups[g])))
                return g;
        }
    }
    if (obj < 0)
        return clause_subject ? -2 : -1;
    /* an actor inside the object's phrase, outside its clauses: the
     * first word (in text order) whose path up to the object crosses no
     * relative, adverbial or complement clause; for an attack also a
     * place ("struck targets in Afghanistan") */
    for (j = 0; j < n; j++) {
        if ((int)j == obj || !reaches(c, (int)j, obj, PATH_CONJ))
            continue;
        g = np_group(c, n, (int)j);
        if (g >= 0 && (!place(c, c->groups[g].t0) || attack) &&
            !lone_agent(c, &c->groups[g]) && !((size_t)obj >= c->groups[g].t0 &&
                                               (size_t)obj < c->groups[g].t1))
            return g;
    }
    o = np_group(c, n, obj);
    if (o >= 0 && lone_agent(c, &c->groups[o]))
        return -1; /* "supplied drones to Russia": leave it to the rules */
    for (j = 0; o < 0 && attack && j < n; j++) {
        /* "launched air strikes against targets in Afghanistan", the
         * place read as the verb's: an attack's target is where it hits */
        if (c->phead[j] != v || strcmp(c->prel[j], "obl"))
            continue;
        g = np_group(c, n, (int)j);
        if (g >= 0 && place(c, c->groups[g].t0) &&
            !lone_agent(c, &c->groups[g]))
            return g;
    }
    for (j = 0; o < 0 && j < n; j++) {
        /* "signed an accord to supply Gondor with wheat": the object
         * names no actor, so the one its "to" clause acts on */
        int ob;
        if ((c->phead[j] != v || (strcmp(c->prel[j], "advcl") &&
                                  strcmp(c->prel[j], "xcomp"))) &&
            (c->phead[j] != obj || strcmp(c->prel[j], "acl")))
            continue;
        if (child(c, n, (int)j, "nsubj", 1) >= 0 || !has_to(c, n, (int)j))
            continue;
        ob = child(c, n, (int)j, "iobj", 1);
        if (ob < 0)
            ob = child(c, n, (int)j, "obj", 1);
        g = ob >= 0 ? np_group(c, n, ob) : -1;
        if (g < 0 && ob < 0)
            g = actor_within(c, n, (int)j); /* "reluctance to become
                                     involved in the affairs of Ithilen" */
        if (g >= 0 && !place(c, c->groups[g].t0) &&
            !lone_agent(c, &c->groups[g]))
            o = g;
    }
    for (j = 0; o < 0 && j < n; j++) {
        /* "launched a new bombing and shelling offensive against besieged
         * Osgiliath", the parse's phrases broken: an actor marked by
         * "against" anywhere in the verb's own clause */
        if (strcmp(case_word(c, n, (int)j), "against"))
            continue;
        g = reaches(c, (int)j, v, PATH_ACL) ? np_group(c, n, (int)j) : -1;
        if (g >= 0 && !lone_agent(c, &c->groups[g]))
            o = g;
    }
    for (j = 0; o < 0 && j < n; j++) {
        /* "expressed hopes that Osgiliath could be drawn into the peace
         * process": the object names no actor, so the subject of the
         * clause it (or the verb) introduces */
        int hs;
        if ((c->phead[j] != v && c->phead[j] != obj) ||
            (strcmp(c->prel[j], "ccomp") && strcmp(c->prel[j], "acl")) ||
            (int)j < obj || lemma_in(c, v, says_verbs, NSAYS))
            continue;
        hs = child(c, n, (int)j, "nsubj", 1);
        if (hs < 0)
            hs = child(c, n, (int)j, "nsubj:pass", 1);
        g = hs >= 0 ? np_group(c, n, hs) : -1;
        if (g >= 0 && !place(c, c->groups[g].t0) &&
            !lone_agent(c, &c->groups[g]))
            o = g;
    }
    return o >= 0 ? o : -2;
}

/* The preposition (lower case) that marks nominal j, or "". */
static const char *case_word(const ent_coder *c, size_t n, int j)
{
    int k = child(c, n, j, "case", 1);
    return k >= 0 ? c->plow[k] : "";
}

/* Whether preposition w marks the target of an event noun: "on",
 * "against", "to", "of", "with", "toward(s)", "into", "at" ("missiles at
 * Israel"), "around" ("drills around Taiwan"). */
static int target_case(const char *w)
{
    static const char *const tc[] = {"on",   "against", "to",      "of",
                                     "with", "toward",  "towards", "into",
                                     "at",   "around"};
    size_t i;
    for (i = 0; i < sizeof tc / sizeof *tc; i++)
        if (!strcmp(w, tc[i]))
            return 1;
    return 0;
}

/* The first actor group (in text order) inside the phrase headed by p,
 * whose path up to p crosses no clause; places only for an attack.
 * Returns -1 when there is none. */
static int phrase_group(ent_coder *c, size_t n, int p, int attack)
{
    size_t j;
    for (j = 0; j < n; j++) {
        int g;
        if (!reaches(c, (int)j, p, PATH_ACL | PATH_APPOS))
            continue;
        g = np_group(c, n, (int)j);
        if (g >= 0 && (attack || !place(c, c->groups[g].t0)) &&
            !lone_agent(c, &c->groups[g]))
            return g;
    }
    return -1;
}

/* Whether group g is the "between" phrase of event noun k ("talks
 * between China and Russia"). */
static int between_source(ent_coder *c, size_t n, int k, int g)
{
    size_t j;
    for (j = 0; j < n; j++)
        if (c->phead[j] == k && !strncmp(c->prel[j], "nmod", 4) &&
            !strcmp(case_word(c, n, (int)j), "between") &&
            np_group(c, n, (int)j) == g)
            return 1;
    return 0;
}

/* Roles of an event noun k ("US sanctions on Russia", "Russia's invasion
 * of Ukraine", "talks between China and Russia"): the actor that
 * possesses or modifies it, or its "by" phrase, is the source; its "on",
 * "against", "to", "of", "with" phrase the target; a "between" phrase is
 * a compound source acting mutually. */
static void nominal_roles(ent_coder *c, size_t n, int k, int attack,
                          int *sg, int *tg)
{
    size_t j;
    int on = -1; /* the first "on", "against", "to" ... phrase */
    int agent_tg = -1; /* a sector with no country in such a phrase */
    for (j = 0; j < n; j++) {
        const char *r = c->prel[j], *cw;
        int g;
        if (c->phead[j] != k)
            continue;
        if (on < 0 && !strncmp(r, "nmod", 4) &&
            target_case(case_word(c, n, (int)j)))
            on = (int)j;
        g = np_group(c, n, (int)j);
        if (g < 0 || (place(c, c->groups[g].t0) &&
                      strcmp(case_word(c, n, (int)j), "around")))
            continue; /* "talks in Geneva"; not "drills around Taiwan" */
        if (!strcmp(r, "nmod:poss") || !strcmp(r, "compound") ||
            !strcmp(r, "amod")) {
            if (*sg < 0)
                *sg = g;
        } else if (!strncmp(r, "nmod", 4)) {
            cw = case_word(c, n, (int)j);
            if (!strcmp(cw, "by") && *sg < 0)
                *sg = g;
            else if (!strcmp(cw, "between") && *sg < 0)
                *sg = g; /* mutual among the members */
            else if (target_case(cw) && *tg < 0) {
                if (lone_agent(c, &c->groups[g])) {
                    /* "a barrage of missiles at Israel": a sector with
                     * no country is the target only if nothing else is */
                    if (agent_tg < 0)
                        agent_tg = g;
                } else
                    *tg = g;
            }
        }
    }
    for (j = 0; j < n && *sg < 0; j++) {
        /* "the seizure of a British tanker by Iran's Revolutionary
         * Guards", the "by" phrase hung on the noun's object */
        int u = c->phead[j], g;
        if (strncmp(c->prel[j], "nmod", 4) || u < 0 || c->phead[u] != k ||
            strcmp(case_word(c, n, (int)j), "by"))
            continue;
        g = np_group(c, n, (int)j);
        if (g >= 0 && g != *tg && !place(c, c->groups[g].t0))
            *sg = g;
    }
    if (*tg < 0 && on >= 0) {
        /* "tariffs on $34 billion of Chinese imports", "airstrikes on a
         * refugee camp in northern Gaza": an actor inside the phrase */
        int g = phrase_group(c, n, on, attack);
        if (g >= 0 && g != *sg)
            *tg = g;
    }
    if (*tg < 0 && agent_tg >= 0)
        *tg = agent_tg;
    if (*sg >= 0 && *sg == *tg)
        *tg = -1;
    if (*sg >= 0 && *tg < 0)
        *tg = -2; /* the noun names no other party */
}

/* Verbs that only carry the act their noun names ("sanctions were
 * imposed", "a ban was placed"), as past participles (w in lower case). */
static int light_verb(const char *w)
{
    static const char *const lv[] = {
        "adopted",    "announced", "expanded", "extended", "imposed",
        "introduced", "levied",    "placed",   "slapped",  "tightened",
    };
    size_t i;
    for (i = 0; i < sizeof lv / sizeof lv[0]; i++)
        if (!strcmp(w, lv[i]))
            return 1;
    return 0;
}

/* Whether verb k is a participle describing a noun ("acl", VBN or VBG,
 * not a finite verb the parser hung there) inside another verb's
 * object or oblique phrase: "a tariff on all goods imported from
 * Mexico". When the noun phrase it hangs on (climbing "of" phrases and
 * compounds) is the root or a subject, the participle is more likely a
 * main verb the tagger missed ("Thousands of protesters demonstrated",
 * "Indian troops exchanged fire"), so it is not one. */
static int participle_in_phrase(const ent_coder *c, size_t n, int k)
{
    int h = c->phead[k], steps = 0;
    if (strcmp(c->prel[k], "acl") || finite_acl(c, n, k) ||
        (strcmp(c->pxpos[k], "VBN") && strcmp(c->pxpos[k], "VBG")))
        return 0;
    while (h >= 0 && steps++ < 6 &&
           (!strncmp(c->prel[h], "nmod", 4) ||
            !strncmp(c->prel[h], "compound", 8) ||
            !strcmp(c->prel[h], "appos") || !strcmp(c->prel[h], "flat")))
        h = c->phead[h];
    return h >= 0 && c->phead[h] >= 0 && strncmp(c->prel[h], "nsubj", 5);
}

/* Whether a pattern codes an attack (CAMEO roots 18 to 20), whose
 * target is where its object is: "struck targets in Afghanistan". */
static int attack_code(const ent__pattern *p)
{
    const char *r = p && p->cameo ? p->cameo->root : "";
    return !strcmp(r, "18") || !strcmp(r, "19") || !strcmp(r, "20");
}

/* Source and target groups of the verb at k from the tree: the subject
 * (climbing through xcomp and conj to the verb that has one: "agreed to
 * cooperate", "met and signed"), the object, and for a passive the
 * "by" agent as source and the passive subject as target. Event nouns and
 * passives of light verbs take their roles from their own dependents. -1
 * where the tree names no actor, -2 where it says there is no target. */
static void tree_roles(ent_coder *c, size_t n, size_t k, int attack,
                       int *sg, int *tg, int *passive)
{
    int v = (int)k, s = -1, hops = 0, h = c->phead[k];
    *sg = *tg = -1;
    *passive = 0;
    if (h >= 0 && !strcmp(c->pupos[k], "NOUN") &&
        !strcmp(c->prel[k], "nsubj:pass") && light_verb(c->plow[h])) {
        /* a noun pattern as the subject of a passive light verb:
         * "sanctions were imposed on Russia by the EU": the agent acts on
         * the verb's other complement */
        size_t j;
        *sg = np_group(c, n, child(c, n, h, "obl:agent", 1));
        if (*sg < 0) {
            /* "Britain's expulsion of 23 Russian diplomats was
             * announced": no agent, the noun's own roles */
            nominal_roles(c, n, (int)k, attack, sg, tg);
            return;
        }
        for (j = 0; j < n && *tg < 0; j++)
            if ((c->phead[j] == h && !strcmp(c->prel[j], "obl")) ||
                (c->phead[j] == (int)k && !strncmp(c->prel[j], "nmod", 4) &&
                 strcmp(c->prel[j], "nmod:poss")))
                *tg = np_group(c, n, (int)j);
        return;
    }
    if (!strcmp(c->pupos[k], "NOUN")) {
        nominal_roles(c, n, (int)k, attack, sg, tg);
        return;
    }
    if (!strcmp(c->prel[k], "acl") && !strcmp(c->pxpos[k], "VBN") &&
        (s = child(c, n, v, "obl:agent", 1)) >= 0 && h >= 0 &&
        !strcmp(case_word(c, n, s), "by")) {
        /* "a prisoner exchange between Ukraine and Russia, brokered by
         * Turkey": the agent acts on the noun described, or on the
         * actors inside its phrase */
        *passive = 1;
        *sg = np_group(c, n, s);
        *tg = np_group(c, n, h);
        if (*tg < 0)
            *tg = phrase_group(c, n, h, attack);
        if (*tg < 0 && c->mutual >= 0 && c->mutual != *sg)
            *tg = c->mutual; /* "Saudi Arabia and Iran signed an
                                agreement ..., in a deal brokered by
                                China": the deal is theirs */
        if (*sg >= 0 && *tg >= 0)
            return;
        *sg = *tg = -1;
        *passive = 0;
    }
    s = child(c, n, v, "nsubj:pass", 1);
    if (s >= 0) {
        size_t j;
        *passive = 1;
        *tg = np_group(c, n, s);
        *sg = np_group(c, n, child(c, n, v, "obl:agent", 1));
        for (j = 0; j < n && *sg < 0; j++) {
            /* "was welcomed to the White House by President Joe Biden",
             * the "by" phrase hung on the verb's other complement */
            int u = c->phead[j];
            if (strncmp(c->prel[j], "nmod", 4) || u < 0 ||
                strcmp(c->prel[u], "obl") || c->phead[u] != v ||
                strcmp(case_word(c, n, (int)j), "by"))
                continue;
            *sg = np_group(c, n, (int)j);
        }
        return;
    }
    while ((s = child(c, n, v, "nsubj", 0)) < 0 && hops++ < 3 &&
           c->phead[v] >= 0 &&
           (!strcmp(c->prel[v], "xcomp") || !strcmp(c->prel[v], "conj")))
        v = c->phead[v];
    if (s < 0 && finite_acl(c, n, v))
        s = c->phead[v]; /* also for its conjunct: "the government issue
                            condemned ... and promised" */
    *sg = np_group(c, n, s);
    *tg = tree_target(c, n, (int)k, attack);
}

/* Trace which arc gave a role: the group's text, the word of it that the
 * tree attaches outside the group, and that word's relation and head. */
static void trace_role(ent_coder *c, size_t s0, size_t n, const char *role,
                       int gi, int verb)
{
    const group *g;
    char txt[96];
    size_t k, h = 0;
    if (!c->trace || gi < 0)
        return;
    g = &c->groups[gi];
    span_text(c, s0, g->t0, g->t1, txt, sizeof txt);
    for (k = g->t0; k < g->t1 && k < n; k++)
        if (c->phead[k] < (int)g->t0 || c->phead[k] >= (int)g->t1) {
            h = k;
            break;
        }
    if (c->phead[h] == verb)
        tracef(c, "  %s \"%s\": %s of \"%s\"", role, txt, c->prel[h],
               c->pword[verb]);
    else
        tracef(c, "  %s \"%s\": %s of \"%s\", for the verb \"%s\"", role,
               txt, c->prel[h],
               c->phead[h] >= 0 ? c->pword[c->phead[h]] : "ROOT",
               c->pword[verb]);
}

/* The CAMEO "express intent" code (root 03) for an announced act of
 * cooperation with code c (roots 04-08): "would send tanks" (072) is
 * 0332, "would hold talks" (04x) 036. NULL for other roots. */
static const char *intent_code(const char *c)
{
    static const char *const r06[] = {"031", "0311", "0312", "0313", "0314"};
    static const char *const r07[] = {"033", "0331", "0332", "0333", "0334"};
    static const char *const r08[] = {"035",  "0351", "0352", "034",
                                      "0353", "0354", "0355", "0356"};
    int sub = c[2] >= '0' && c[2] <= '9' ? c[2] - '0' : 0;
    if (c[0] != '0')
        return NULL;
    switch (c[1]) {
    case '4': return "036";
    case '5': return "032";
    case '6': return sub <= 4 ? r06[sub] : "031";
    case '7': return sub <= 4 ? r07[sub] : "033";
    case '8': return sub <= 7 ? r08[sub] : "035";
    default: return NULL;
    }
}

/* "Russia said it would attack Ukraine", "Scholz said Germany would send
 * tanks to Ukraine": an act that its own actor says it will carry out is
 * announced, not done. A use of force (roots 14-20) is a threat (CAMEO
 * 138 for force, 130 otherwise); cooperation (roots 04-08) an intent to
 * cooperate (03x, intent_code()). The verb at k must have "would" or
 * "will" and be the clausal complement of a verb of saying before it,
 * whose subject is the same actor (source group sg) or its country's
 * government. On success *out is a copy of p with the announcement's code
 * and *speaker the group of the one who says it, the source of the
 * event. */
static int announced(ent_coder *c, size_t n, size_t k, int sg,
                     const ent__pattern *p, ent__pattern *out, int *speaker)
{
    static const char *const says[] = {"said", "says", "say", "told",
                                       "warned", "announced", "declared",
                                       "stated", "insisted", "pledged",
                                       "promised", "vowed"};
    const char *code;
    size_t j;
    int h = c->phead[k], root, modal = 0, gi;
    const ent_cameo *cm;
    if (!p->cameo || h < 0 || h > (int)k || strcmp(c->prel[k], "ccomp"))
        return 0; /* not "Putin will travel to Pyongyang, the Kremlin
                     said": a report of a plan */
    root = atoi(p->cameo->root);
    if (root < 14 && !intent_code(p->cameo->code))
        return 0;
    for (j = 0; j < n; j++)
        if (c->phead[j] == (int)k && !strcmp(c->prel[j], "aux"))
            modal |= !strcmp(c->plow[j], "would") ||
                     !strcmp(c->plow[j], "will") ||
                     !strcmp(c->plow[j], "'ll") || !strcmp(c->plow[j], "wo");
    if (!modal)
        return 0;
    for (j = 0; j < sizeof says / sizeof says[0]; j++)
        if (!strcmp(c->plow[h], says[j]))
            break;
    if (j == sizeof says / sizeof says[0])
        return 0;
    gi = np_group(c, n, child(c, n, h, "nsubj", 0));
    if (gi < 0)
        return 0;
    {
        /* the same actor, or its own government ("Putin said Russia
         * would invade") */
        const unit *a = &c->units[c->groups[gi].u0];
        const unit *b = &c->units[c->groups[sg].u0];
        if (strcmp(a->code, b->code) &&
            (a->nocountry || b->nocountry || !strncmp(a->code, "IGO", 3) ||
             strncmp(a->code, b->code, 3)))
            return 0;
    }
    code = root >= 14 ? (root >= 18 ? "138" : "130")
                      : intent_code(p->cameo->code);
    cm = ent_cameo_lookup(c->d, code);
    if (!cm)
        return 0;
    *out = *p;
    out->cameo = cm;
    out->cameo2 = NULL;
    out->sym = 0; /* "would hold talks with Ukraine": Russia's intent */
    *speaker = gi;
    tracef(c, "  announce \"%s ... would %s\": an act announced by its "
              "actor is %s, %s", c->pword[h], c->pword[k],
           root >= 14 ? "a threat" : "an intent", code);
    return 1;
}

/* Remember the actors of the sentence just coded as antecedents for the
 * next sentences: the last person, the last country or organisation,
 * and the last pair (a compound, or two different people or countries). */
static void remember(ent_coder *c, size_t n)
{
    size_t j, np = 0, nt = 0;
    int pair = 0;
    const unit *p2[2] = {NULL, NULL}, *t2[2] = {NULL, NULL};
    for (j = 0; j < c->nunits; j++) {
        const unit *u = &c->units[j];
        if (u->nocountry)
            continue;
        if (u->person) {
            c->last_person = *u;
            c->have_person = 1;
            if (np < 2 && (!np || strcmp(p2[0]->code, u->code)))
                p2[np++] = u;
        } else {
            c->last_thing = *u;
            c->have_thing = 1;
            if (nt < 2 && (!nt || strcmp(t2[0]->code, u->code)))
                t2[nt++] = u;
        }
    }
    for (j = 0; j < c->ngroups && !pair; j++)
        if (c->groups[j].nu >= 2) {
            c->last_pair[0] = c->units[c->groups[j].u0];
            c->last_pair[1] = c->units[c->groups[j].u0 + 1];
            c->have_pair = pair = 1;
        }
    if (!pair && (np == 2 || nt == 2)) {
        c->last_pair[0] = np == 2 ? *p2[0] : *t2[0];
        c->last_pair[1] = np == 2 ? *p2[1] : *t2[1];
        c->have_pair = 1;
    }
    /* the subject of the sentence's first event is a better antecedent
     * than the last actor mentioned ("Putin met Xi. He ..."); with no
     * event, the subject of the main verb ("Gondor expressed reluctance
     * to get involved in Ithilen. However, it ...") */
    if (!c->have_subj && c->parsed) {
        int g = -1;
        for (j = 0; j < n && g < 0; j++)
            if (c->phead[j] < 0)
                g = group_holding(c, child(c, n, (int)j, "nsubj", 1));
        if (g >= 0 && c->groups[g].nu == 1 &&
            !c->units[c->groups[g].u0].nocountry) {
            c->subj = c->units[c->groups[g].u0];
            c->have_subj = 1;
        }
    }
    if (c->have_subj && c->subj.person) {
        c->last_person = c->subj;
        c->have_person = 1;
    } else if (c->have_subj) {
        c->last_thing = c->subj;
        c->have_thing = 1;
    }
}

/* Option tabari_pronouns: keep sentence i's first actor (a pronoun's
 * stand-in too) for the next sentence's pronouns, when it comes before
 * the sentence's first verb. */
static void forward_actor(ent_coder *c, size_t s0, size_t n, size_t i)
{
    size_t g, k, first = n, best = (size_t)-1;
    c->nfwd = 0;
    for (k = 0; k < n && first == n; k++)
        if (c->ti[k].anchor && verb_position(c, s0, k, n))
            first = k;
    for (g = 0; g < c->ngroups + c->nsyng; g++)
        if (c->groups[g].t0 < first &&
            (best == (size_t)-1 || c->groups[g].t0 < c->groups[best].t0))
            best = g;
    if (best == (size_t)-1)
        return;
    c->nfwd = c->groups[best].nu > 1 ? 2 : 1;
    for (k = 0; k < c->nfwd; k++) {
        /* the actor as its dictionary names it, without the agents
         * around it ("Fornost President Umbardacil ... He": FOR) */
        unit *f = &c->fwd[k];
        size_t m;
        *f = c->units[c->groups[best].u0 + k];
        for (m = 0; best < c->ngroups && m < c->nmen; m++)
            if (c->men[m].kind == ENT_TRIE_ACTOR && c->men[m].t0 >= f->t0 &&
                c->men[m].t0 < f->t1) {
                snprintf(f->code, sizeof f->code, "%s",
                         actor_code(c, c->men[m].idx)->code);
                f->cc_off = 0;
                f->bare = strlen(f->code) == 3;
                break;
            }
    }
    c->fwd_sent = i + 1;
}

/* Where context markers of the verb at k start counting: from the start
 * of the clause ("Neither China nor India condemned", "If Russia
 * attacks") when the source group sg is in it, else from the source. */
static size_t marker_start(const ent_coder *c, int sg, size_t k)
{
    size_t a = c->groups[sg].t1 <= k ? c->groups[sg].t1 : 0;
    if (c->ti[c->groups[sg].t0].clause == c->ti[k].clause)
        for (a = c->groups[sg].t0;
             a > 0 && c->ti[a - 1].clause == c->ti[k].clause; a--)
            ;
    return a;
}

/* Code the verbs of one sentence (tokens s0 .. s0+n). */
/* Does the sentence hold a discard phrase (discards.txt)? */
static int discarded(ent_coder *c, size_t s0, size_t n)
{
    size_t k;
    uint32_t pay;
    if (c->d->discards.nnodes <= 2)
        return 0;
    for (k = 0; k < n; k++)
        if ((c->ti[k].start & START_DISCARD) &&
            trie_longest(c, &c->d->discards, k, n, &pay)) {
            tracef(c, "  skip   discard phrase at token %zu [discards.txt:%u]",
                   k, (unsigned)pay);
            (void)s0;
            return 1;
        }
    return 0;
}

/*
 * The pattern that codes verb k of a relative clause whose object is the
 * noun the clause modifies ("the agreement that Xi and Putin signed"
 * against "sign * agreement"): a pattern of k's anchors made of the verb
 * and one word (after an optional gap) whose word is a noun before k,
 * confirmed by the tree (k is an acl of that noun) and with an actor as
 * the clause's subject, whose group goes to *sg. Parses the sentence when
 * a candidate exists. *out is NULL when there is none. Returns ENT_OK or
 * the parse's error.
 */
static int relative_object(ent_coder *c, size_t s0, size_t n, size_t k,
                           const ent__pattern **out, int *sg)
{
    const ent_dict *d = c->d;
    const uint32_t chains[3] = {c->ti[k].anchor, c->ti[k].anchor2[0],
                                c->ti[k].anchor2[1]};
    int q, rc;
    *out = NULL;
    for (q = 0; q < 3; q++) {
        uint32_t pi;
        for (pi = chains[q]; pi; pi = d->pnext[pi - 1]) {
            const ent__pattern *p = &d->pat[pi - 1];
            const ent__pelem *el;
            size_t h;
            int subj;
            if (!p->cameo || p->status != ENT_PS_EVENT || p->npre ||
                p->nelems < 1 || p->nelems > 2)
                continue;
            el = &d->pelems[p->elems + p->nelems - 1];
            if ((p->nelems == 2 &&
                 d->pelems[p->elems].type != ENT_PE_GAP) ||
                (el->type != ENT_PE_WORD && el->type != ENT_PE_ALT))
                continue;
            for (h = 0; h < k && !elem_word(d, el, &c->ti[h]); h++)
                ;
            if (h == k)
                continue;
            if (!c->parsed && (rc = parse_sentence(c, s0, n)) != ENT_OK)
                return rc;
            if (!c->parsed)
                return ENT_OK; /* no tree for this sentence */
            if (c->phead[k] != (int)h || strncmp(c->prel[k], "acl", 3))
                continue;
            subj = child(c, n, (int)k, "nsubj", 1);
            *sg = group_holding(c, subj);
            if (*sg >= 0) {
                *out = p;
                return ENT_OK;
            }
        }
    }
    return ENT_OK;
}

/* Has token v (sentence-relative; -1 for none) produced an event of
 * sentence sent? */
static int verb_coded(const ent_coder *c, size_t s0, uint32_t sent, int v)
{
    size_t i;
    uint32_t at;
    if (v < 0)
        return 0;
    at = c->tok[s0 + (size_t)v].start - c->tok[s0].start;
    for (i = c->nev; i-- > 0 && c->ev[i].sent == sent;)
        if (c->ev[i].verb_span.start == at)
            return 1;
    return 0;
}

/* Whether the verb lemma of token h is one of list[0 .. n-1]. */
static int lemma_in(const ent_coder *c, int h, const char *const *list,
                    size_t n)
{
    size_t ll, i;
    const char *lem =
        ent__lemma_verb(c->d->lemma, c->plow[h], strlen(c->plow[h]), &ll);
    for (i = 0; lem && i < n; i++)
        if (strlen(list[i]) == ll && !memcmp(lem, list[i], ll))
            return 1;
    return 0;
}

/* Is verb h the sentence's main verb: its root, or the clause a root
 * verb of saying reports ("Israeli airstrikes killed dozens, officials
 * said")? */
static int main_clause(const ent_coder *c, int h)
{
    int r = c->phead[h];
    if (!strcmp(c->prel[h], "root"))
        return 1;
    if (r < 0 || strcmp(c->prel[r], "root") ||
        (strcmp(c->prel[h], "ccomp") && strcmp(c->prel[h], "parataxis")))
        return 0;
    return lemma_in(c, r, says_verbs, NSAYS);
}

/* Whether verb h (a main verb) only carries the act its object names:
 * "raised tariffs", "launched airstrikes", "imposed a blockade",
 * "announced sanctions", "ordered the expulsion". */
static int carrier_verb(const ent_coder *c, int h)
{
    static const char *const cv[] = {
        "impose",  "raise",   "launch",   "conduct",  "carry",   "announce",
        "slap",    "levy",    "introduce", "extend",  "expand",  "tighten",
        "order",   "begin",   "start",    "step",     "intensify", "resume",
        "stage",   "mount",   "unleash",  "declare",  "issue",   "deliver",
        "open",    "hold"};
    return lemma_in(c, h, cv, sizeof cv / sizeof *cv);
}

/*
 * Is the noun k after a determiner or possessive an event being reported
 * ("Russia's invasion of Ukraine began", "The meeting between Xi and
 * Biden lasted three hours") rather than mentioned in passing ("since
 * Russia's invasion of Ukraine", "a possible visit")? It must be a noun
 * that is the subject of the sentence's main verb (or the root), with no
 * modifier that makes it hypothetical or past ("possible", "planned",
 * "former", "anniversary of").
 */
static int nominal_event(const ent_coder *c, size_t n, size_t k)
{
    static const char *const notnow[] = {"possible", "planned", "proposed",
                                         "potential", "expected", "future",
                                         "former", "previous", "past",
                                         "last", "earlier", "no", "any"};
    /* verbs (lemmas) whose subject need not have happened: statistics
     * and comparisons ("trade hit a record", "the talks marked ten
     * years", "exports rose"), states and opinions ("the sanctions
     * remain", "the ban is a mistake", "the deal needs approval"); any
     * other verb reports that its event noun happened ("the invasion
     * began", "the strikes killed", "the agreement establishes") */
    static const char *const state[] = {
        "hit",     "reach",   "mark",    "be",      "seem",     "remain",
        "represent", "mean",  "show",    "total",   "rise",     "fall",
        "grow",    "double",  "exceed",  "appear",  "look",     "become",
        "account", "amount",  "stand",   "drop",    "decline",  "increase",
        "jump",    "surge",   "slump",   "top",     "say",      "need",
        "require", "depend",  "have",    "survive", "face",     "hinge"};
    size_t ll;
    int h = c->phead[k];
    size_t j, i;
    if (strcmp(c->pupos[k], "NOUN"))
        return 0;
    if (!strcmp(c->prel[k], "obj") && h >= 0 && main_clause(c, h) &&
        carrier_verb(c, h)) {
        /* "Trump raised tariffs on imports from China": the verb only
         * carries the act its object names */
    } else if (strcmp(c->prel[k], "root")) {
        if ((strcmp(c->prel[k], "nsubj") && strcmp(c->prel[k], "nsubj:pass")) ||
            h < 0 || !main_clause(c, h))
            return 0;
        if (!ent__lemma_verb(c->d->lemma, c->plow[h], strlen(c->plow[h]),
                             &ll) ||
            lemma_in(c, h, state, sizeof state / sizeof *state))
            return 0; /* "China's trade with Russia hit a record" */
        for (j = 0; j < n; j++)
            if (c->phead[j] == h && !strcmp(c->prel[j], "aux") &&
                !strcmp(c->pxpos[j], "MD"))
                return 0; /* "the ceasefire could collapse" */
    }
    for (j = 0; j < n; j++)
        if (c->phead[j] == (int)k &&
            (!strcmp(c->prel[j], "amod") || !strcmp(c->prel[j], "det")))
            for (i = 0; i < sizeof notnow / sizeof *notnow; i++)
                if (!strcmp(c->plow[j], notnow[i]))
                    return 0;
    return 1;
}

/* The patterns token k anchors, its form's chain, then its lemmas' and
 * prefixes': the index + 1 of the one after pi (0: the first), or 0 after
 * the last; *chain (0 at the start) tracks the chain. */
static uint32_t anchor_next(const ent_coder *c, size_t k, int *chain,
                            uint32_t pi)
{
    pi = pi ? c->d->pnext[pi - 1] : c->ti[k].anchor;
    while (!pi && ++*chain < 3)
        pi = c->ti[k].anchor2[*chain - 1];
    return pi;
}

/* The most specific pattern of the anchor at token k that matches: into
 * *best, its match *bm and its weight *bw, when heavier than *bw. */
static void best_pattern(ent_coder *c, size_t s0, size_t k, size_t n,
                         const ent__pattern **best, pmatch *bm, int *bw)
{
    const ent_dict *d = c->d;
    uint32_t pi;
    int chain = 0;
    for (pi = anchor_next(c, k, &chain, 0); pi;
         pi = anchor_next(c, k, &chain, pi)) {
        const ent__pattern *p = &d->pat[pi - 1];
        pmatch m = {0, 0, -1, -1, -1};
        int ok;
        if (p->weight <= *bw && (c->tree_gap >= 0 || !c->trace))
            continue; /* it could not win (tried anyway for explain) */
        if (c->tree_gap >= 0 && p->status != ENT_PS_EVENT)
            continue; /* the second look: no sentence-wide COMPLEX or
                         DISCARD */
        ok = (c->trace || possible(c, p)) &&
             match_from(c, s0, p, 0, k + 1, n, &m) &&
             match_back(c, s0, p, 0, k, n, &m);
        if (c->trace && (c->tree_gap < 0 || ok)) {
            char txt[64];
            span_text(c, s0, k, k + 1, txt, sizeof txt);
            tracef(c, "  try    \"%s\": %s %s  [%s]%s%s", txt,
                   p->cameo ? p->cameo->code : "---", p->text, p->src,
                   ok ? " matches" : "",
                   c->tree_gap >= 0 ? " (its phrase in the tree)" : "");
        }
        if (ok && p->weight > *bw) {
            *best = p;
            *bm = m;
            *bw = p->weight;
        }
    }
}

/* The first group of verb k's clause before it, not group sg: the
 * subject that a pattern naming its source after the verb ("celebrate *
 * may day * $": "Mordor will host Osgiliath to celebrate May Day with
 * Eriador") leaves as the target; -1 if none. */
static int subject_before(const ent_coder *c, size_t k, int sg)
{
    size_t g;
    for (g = 0; g < c->ngroups && c->groups[g].t1 <= k; g++)
        if ((int)g != sg && c->ti[c->groups[g].t0].clause == c->ti[k].clause)
            return (int)g;
    return -1;
}

/* Whether the options code by TABARI's clauses (code_by clause or all),
 * whose source carries over a conjunction that no actor follows. */
static int tabari_clauses(const ent_coder *c)
{
    return c->opt.code_by == ENT__BY_CLAUSE || c->opt.code_by == ENT__BY_ALL;
}

/* TABARI's default source search: the first actor (not group tg) from
 * the start of verb k's clause, TABARI's (it starts after the last
 * conjunction before k that does not join two nouns), up to k; -1 if
 * none. */
static int tabari_source(const ent_coder *c, size_t k, int tg)
{
    size_t j, cs = 0;
    for (j = 0; j < k; j++) {
        int h = c->parsed ? c->phead[j] : -1;
        if (conj_word(c, j) && c->ti[j].unit < 0 &&
            !(h >= 0 && (!strcmp(c->pupos[h], "NOUN") ||
                         !strcmp(c->pupos[h], "PROPN") ||
                         !strcmp(c->pupos[h], "ADJ"))))
            cs = j + 1; /* not "Ithilen's sheep and goats of Gondor" */
    }
    for (j = 0; j < c->ngroups; j++)
        if (c->groups[j].t0 >= cs && c->groups[j].t1 <= k && (int)j != tg)
            return (int)j;
    return -1;
}

/* TABARI's default target search: the first actor after verb k with a
 * code other than the source group sg's, else (when before is set) the
 * first such actor before it; -1 if none. */
static int tabari_target(const ent_coder *c, size_t k, int sg, int before)
{
    const char *sc = c->units[c->groups[sg].u0].code;
    size_t j;
    for (j = 0; j < c->ngroups; j++)
        if (c->groups[j].t0 > k && strcmp(c->units[c->groups[j].u0].code, sc))
            return (int)j;
    for (j = 0; before && j < c->ngroups; j++)
        if (c->groups[j].t1 <= k && strcmp(c->units[c->groups[j].u0].code, sc))
            return (int)j;
    return -1;
}

/* Option default_prior = no (TABARI's DEFAULT without PRIOR), verb k
 * with no source before it ("Fxrnost is about to restore ties with
 * Gondor"): the first actor after it is the source, before the default;
 * of a compound there the first member is the source and the others the
 * target, *tg ("with Gondor and Bree"). Returns ENT_ENOMEM or 0. */
static int source_after(ent_coder *c, size_t k, int *sg, int *tg)
{
    size_t j;
    group g;
    for (j = 0; j < c->ngroups && c->groups[j].t0 <= k; j++)
        ;
    if (j == c->ngroups)
        return 0;
    g = c->groups[j];
    *sg = (int)j;
    if (g.nu > 1) {
        *sg = synth_group(c, g.t0, g.t1, &c->units[g.u0], 1);
        *tg = synth_group(c, g.t0, g.t1, &c->units[g.u0 + 1], g.nu - 1);
        if (*sg < 0 || *tg < 0)
            return ENT_ENOMEM;
    }
    return 0;
}

/* Remove the events of sentence sent before index end that were coded on
 * the verb at token h; returns how many. For the nested_events option:
 * the complement's event, just added after end, stands for both verbs. */
static size_t drop_verb_events(ent_coder *c, size_t s0, uint32_t sent,
                               size_t h, size_t end)
{
    size_t i, o = end, at = c->tok[s0 + h].start - c->tok[s0].start;
    while (o > 0 && c->ev[o - 1].sent == sent)
        o--;
    for (i = o; i < c->nev; i++)
        if (i >= end || c->ev[i].verb_span.start != at)
            c->ev[o++] = c->ev[i];
    i = c->nev - o;
    c->nev = o;
    return i;
}

/* Whether token k's anchor is a verb for TABARI's complexity filter: its
 * bare pattern (the anchor alone) codes an event. A null-coded verb is not
 * counted, with patterns or without ("On accord Gondor repelled Mordor"
 * has its actor before its first verb, "repelled"). */
static int coded_verb(const ent_coder *c, size_t k)
{
    uint32_t pi;
    int chain = 0;
    for (pi = anchor_next(c, k, &chain, 0); pi;
         pi = anchor_next(c, k, &chain, pi)) {
        const ent__pattern *p = &c->d->pat[pi - 1];
        if (p->cameo && !p->nelems && !p->npre)
            return 1;
    }
    return 0;
}

/* TABARI's complexity filter (options complex_*): whether the sentence
 * has too many verbs (anchors in a verb's place whose pattern alone
 * codes), too many conjunctions, or no actor (nor a pronoun standing for
 * one) before its first verb. */
static int complex_sentence(ent_coder *c, size_t s0, size_t n)
{
    size_t k, nv = 0, first = n, nc = 0;
    int before = 0;
    if (!c->opt.complex_verbs && !c->opt.complex_conj &&
        !c->opt.complex_noactprior)
        return 0;
    for (k = 0; k < n; k++) {
        if (c->ti[k].anchor && verb_position(c, s0, k, n) &&
            coded_verb(c, k)) {
            if (first == n)
                first = k;
            nv++;
        }
        if (conj_word(c, k) && c->ti[k].unit < 0)
            nc++;
        if (first == n && (c->ti[k].group_at >= 0 ||
                           ((c->ti[k].fcls & ENT_FW_PRON) &&
                            has_antecedent(c))))
            before = 1;
    }
    if ((c->opt.complex_verbs && nv >= c->opt.complex_verbs) ||
        (c->opt.complex_conj && nc >= c->opt.complex_conj) ||
        (c->opt.complex_noactprior && first < n && !before &&
         !c->opt.def_source[0])) {
        tracef(c, "  skip   complex: %zu verbs, %zu conjunctions, %s actor "
                  "before the first verb (options complex_*)",
               nv, nc, before ? "an" : "no");
        return 1;
    }
    return 0;
}

static int code_verbs(ent_coder *c, size_t s0, size_t n, uint32_t sent,
                      unsigned *status)
{
    const ent_dict *d = c->d;
    size_t k, done_end = 0;
    int last_clause = -1, last_src = -1, last_tgt = -1;
    /* subordinate events ([sub]) of this sentence, as index ranges, and
     * how many other events it has */
    size_t subr[16][2], nsubr = 0, nmain = 0;
    c->mutual = -1;
    c->tree_gap = -1;
    if (complex_sentence(c, s0, n)) {
        *status = ENT_SENT_COMPLEX;
        return ENT_OK;
    }
    for (k = 0; k < n; k++) {
        const ent__pattern *best = NULL;
        ent__pattern derived; /* best, changed: mutual ('%'), announced */
        int spk;
        pmatch bm = {0, 0, -1, -1, -1};
        int bw = 0, sg = -1, tg = -1, passive = 0, ctx;
        int nominal = 0, pre_tg = -1;
        size_t j;
        if (!c->ti[k].anchor || k < done_end)
            continue;
        if (c->opt.code_by == ENT__BY_SENTENCE && nmain)
            break; /* code_by = sentence: its first event only */
        if (c->opt.code_by == ENT__BY_CLAUSE && last_clause >= 0 &&
            !conjoined(c, done_end, k))
            continue; /* code_by = clause: one event a clause, clauses
                         delimited by conjunctions and commas as TABARI's
                         are ("expressed hopes that Osgiliath could be
                         drawn ... by its resumption of ties" is one) */
        if (!verb_position(c, s0, k, n)) {
            /* "Russia's invasion of Ukraine began": an event noun, coded
             * only when the tree confirms it (nominal_event) */
            if (!c->nlp || !c->ngroups || c->ti[k].unit >= 0 ||
                !noun_position(c, s0, k))
                continue;
            nominal = 1;
        }
        best_pattern(c, s0, k, n, &best, &bm, &bw);
        c->pat_lo = bm.start;
        c->pat_hi = k;
        if (!best && c->nlp) {
            /* "the agreement that Xi and Putin signed": the object is the
             * noun the relative clause hangs on */
            int rsg = -1;
            const ent__pattern *rp;
            int rrc = relative_object(c, s0, n, k, &rp, &rsg);
            if (rrc)
                return rrc;
            if (rp) {
                best = rp;
                bm.end = k + 1;
                bm.start = k;
                bm.target = bm.source = bm.compound = -1;
                sg = rsg;
                tg = first_target(c, k, k + 1, n, sg);
                ctx = context_between(c, s0, marker_start(c, sg, k), k);
                tracef(c, "  roles  relative clause: its object is the "
                          "noun it modifies");
                goto decided;
            }
        }
        if (!best)
            continue;
        if (best->status != ENT_PS_EVENT) {
            /* "+++" or "###" of an imported dictionary: the sentence is
             * complex or discarded and codes nothing */
            tracef(c, "  skip   sentence %s by %s",
                   best->status == ENT_PS_COMPLEX ? "complex" : "discarded",
                   best->src);
            *status = best->status == ENT_PS_COMPLEX ? ENT_SENT_COMPLEX
                                                     : ENT_SENT_DISCARD;
            while (c->nev && c->ev[c->nev - 1].sent == sent)
                c->nev--;
            return ENT_OK;
        }
        if (!best->cameo) {
            /* a discard pattern ("beat * qualifier"): no event here */
            tracef(c, "  skip   discard pattern %s", best->src);
            done_end = bm.end;
            continue;
        }
        if (nominal) {
            int tsg, ttg, tpass, h, prc;
            if (!c->parsed && (prc = parse_sentence(c, s0, n)) != ENT_OK)
                return prc;
            if (!c->parsed || !nominal_event(c, n, k)) {
                tracef(c, "  skip   not an event noun here");
                continue;
            }
            tree_roles(c, n, k, attack_code(best), &tsg, &ttg, &tpass);
            trace_role(c, s0, n, "source", tsg, (int)k);
            trace_role(c, s0, n, "target", ttg, (int)k);
            if (tsg < 0) {
                tracef(c, "  skip   the event noun names no source");
                continue;
            }
            sg = tsg;
            tg = ttg >= 0 ? ttg : bm.target >= 0 ? bm.target : -1;
            if (!best->sym && tg < 0 && between_source(c, n, (int)k, sg)) {
                /* "the clash between Indian and Chinese troops": the
                 * members act on each other */
                derived = *best;
                derived.sym = 1;
                best = &derived;
            }
            /* "Russia's invasion of Ukraine could begin": the markers of
             * the verb it is the subject of */
            h = c->phead[k];
            ctx = h > (int)k ? context_between(c, s0, k + 1, (size_t)h) : 0;
            goto decided;
        }
        if (bm.compound >= 0 && c->opt.compound_target &&
            c->groups[bm.compound].t0 > k && c->groups[0].t1 <= k) {
            /* a '%' compound after the verb is its target when an actor
             * comes before the verb: "Eriador agrees with the Philippines
             * and France" codes Eriador with each */
            bm.target = bm.compound;
            bm.compound = -1;
        }
        if (bm.compound >= 0) {
            /* TABARI's '%': the members of the compound act on each other
             * ("% have postponed * @meet") */
            derived = *best;
            derived.sym = 1;
            best = &derived;
            sg = bm.compound;
            tg = -1;
            ctx = context_between(c, s0, marker_start(c, sg, k), k);
            goto decided;
        }
        if (bm.source >= 0) {
            /* the pattern names the source's place ("+ known * in $") */
            sg = bm.source;
            tg = bm.target >= 0 ? bm.target
                 : c->groups[sg].t0 > k ? subject_before(c, k, sg)
                                        : -1;
            if (tg < 0 && bm.target < 0)
                tg = first_target(c, k, bm.end, n, sg);
            ctx = context_between(c, s0, marker_start(c, sg, k), k);
            goto decided;
        }
        if (c->nlp && !c->parsed && (c->ngroups || has_antecedent(c))) {
            int prc = parse_sentence(c, s0, n);
            if (prc)
                return prc;
        }
        if (c->parsed) {
            /* a longer pattern whose gaps span the verb's own phrase */
            c->tree_gap = (int)k;
            best_pattern(c, s0, k, n, &best, &bm, &bw);
            c->tree_gap = -1;
            c->pat_lo = bm.start;
            if (!best->cameo) {
                /* "shot down the proposal": a discard pattern */
                tracef(c, "  skip   discard pattern %s", best->src);
                done_end = bm.end;
                continue;
            }
        }
        if (c->parsed && (!c->ti[k].vlem || c->opt.reported_nouns) &&
            !strcmp(c->pupos[k], "NOUN") &&
            !(c->opt.possessive_verbs && k > 0 &&
              (c->ti[k - 1].fcls & ENT_FW_POSSPRON)) &&
            !nominal_event(c, n, k)) {
            /* an event noun ("invasion", and with option reported_nouns
             * a verb's noun, "talks") outside a report of the event:
             * "since Russia's full-scale invasion" */
            tracef(c, "  skip   not an event noun here");
            continue;
        }
        if (c->parsed && strcmp(c->pupos[k], "NOUN") &&
            verb_coded(c, s0, sent, child(c, n, (int)k, "nsubj", 1))) {
            /* "the clash between Indian and Chinese troops killed 20
             * soldiers": the event is its subject's, already coded */
            tracef(c, "  skip   its subject is an event already coded");
            continue;
        }
        if (c->parsed && verb_coded(c, s0, sent, c->phead[k]) &&
            !strcmp(c->pupos[k], "NOUN")) {
            /* "delivered food aid to Afghanistan": the verb's event
             * already holds its object noun */
            tracef(c, "  skip   the object of a verb already coded");
            continue;
        }
        if (c->parsed) {
            int tsg, ttg, tpass;
            tree_roles(c, n, k, attack_code(best), &tsg, &ttg, &tpass);
            if (tsg >= 0 && tsg == bm.target)
                tsg = -1; /* the pattern places the target there */
            if (tsg < 0 && bm.start < k && !tpass)
                /* "Arnor suggested Gondor should apply ...", the pattern
                 * "suggested * @should": the subject of its first word */
                tsg = np_group(c, n, child(c, n, (int)bm.start, "nsubj", 1));
            trace_role(c, s0, n, "source", tsg, (int)k);
            trace_role(c, s0, n, "target", ttg, (int)k);
            tracef(c, "  roles  tree: source group %d, target group %d%s",
                   tsg, ttg, tpass ? " (passive)" : "");
            if (tpass && tsg >= 0 && ttg < 0)
                /* "Sanctions were imposed on Russia by the EU" */
                ttg = bm.target >= 0 ? bm.target
                                     : first_target(c, k, bm.end, n, tsg);
            if (tpass && tsg >= 0 && ttg < 0 &&
                child(c, n, (int)k, "nsubj:pass", 1) >= 0) {
                /* "The agreement ... was praised by Belarus": the tree
                 * names what was acted on, and it is no actor */
                tracef(c, "  skip   the passive subject is not an actor");
                done_end = bm.end;
                continue;
            }
            if (tsg < 0 && participle_in_phrase(c, n, (int)k)) {
                /* its subject is the noun it describes, no actor */
                tracef(c, "  skip   a participle describing a noun");
                done_end = bm.end;
                continue;
            }
            if (tsg >= 0 && (tpass ? ttg >= 0 : 1) && tsg != ttg) {
                sg = tsg;
                tg = bm.target >= 0 ? bm.target : ttg;
                if (tg == -1 && !tpass)
                    tg = attack_target(c, best, k, bm.end, n, sg);
                if (tg < 0)
                    tg = -1;
                passive = tpass;
                ctx = context_between(c, s0,
                                      tpass ? c->groups[tg].t1
                                            : marker_start(c, sg, k),
                                      k);
                if (ctx < 0 && tpass && c->groups[tg].t1 > k)
                    ctx = 0;
                /* "refused to condemn", "agreed to cooperate": a verb
                 * complement of a verb already coded for the same subject
                 * is part of that event */
                if (!tpass && c->opt.code_by != ENT__BY_ALL &&
                    c->phead[k] >= 0 && !strcmp(c->prel[k], "xcomp") &&
                    (size_t)c->phead[k] < k && last_src >= 0 &&
                    last_clause == c->ti[k].clause &&
                    !strcmp(c->units[c->groups[sg].u0].code,
                            c->units[c->groups[last_src].u0].code)) {
                    tracef(c, "  skip   complement of a verb already coded");
                    continue;
                }
                if (!tpass && announced(c, n, k, sg, best, &derived, &spk)) {
                    best = &derived;
                    sg = spk; /* the speaker announces it */
                    ctx = 0;  /* the announcement itself is a fact */
                }
                goto decided;
            }
        }
        /* passive: "was attacked by Russia" */
        if ((k >= 1 && (c->ti[k - 1].fcls & ENT_FW_BE)) ||
            (k >= 2 && (c->ti[k - 2].fcls & ENT_FW_BE) &&
             !(c->ti[k - 1].fcls & (ENT_FW_DET | ENT_FW_PREP))))
            passive = 1; /* not "was in accord with" */
        if (passive) {
            for (j = k + 1; j < n && j <= bm.end + 3; j++)
                if (c->ti[j].fcls & ENT_FW_BY) {
                    if (j + 1 < n && c->ti[j + 1].group_at >= 0)
                        sg = c->ti[j + 1].group_at;
                    break;
                }
            for (j = c->ngroups; j-- > 0;)
                if (c->groups[j].t1 <= k &&
                    c->ti[c->groups[j].t0].clause == c->ti[k].clause) {
                    tg = (int)j;
                    break;
                }
            if (tg < 0 && sg >= 0) {
                /* "Sanctions were imposed on Russia by the EU" */
                tg = bm.target >= 0 ? bm.target
                                    : first_target(c, k, bm.end, n, sg);
            }
            if (sg < 0 && tg >= 0 && (sg = filler_group(c, k, 's')) == -2)
                return ENT_ENOMEM;
            if (sg < 0 || (tg < 0 && !has_filler(c, 't'))) {
                tracef(c, "  skip   passive without a \"by\" agent");
                continue;
            }
            ctx = context_between(c, s0, tg >= 0 ? c->groups[tg].t1 : k, k);
        } else {
            /* source: the nearest group before the verb in its clause */
            for (j = c->ngroups; j-- > 0;) {
                const group *g = &c->groups[j];
                if (g->t1 > k || place(c, g->t0) || (int)j == bm.target ||
                    g->t0 >= bm.start)
                    continue; /* "NATO leaders meeting in Warsaw agreed";
                                 the pattern's own target ("anti- +
                                 @parade"); one inside the words the
                                 pattern matched before its anchor
                                 ("Arnor suggested Gondor should") */
                if (c->ti[g->t0].clause == c->ti[bm.start].clause)
                    sg = (int)j; /* the clause where the match starts */
                break;
            }
            if (last_src >= 0 &&
                ((last_clause == c->ti[k].clause &&
                  (sg < 0 || c->opt.code_by == ENT__BY_ALL)) ||
                 (tabari_clauses(c) && k > 0 && conj_word(c, k - 1))))
                sg = last_src; /* "Russia attacked X and shelled Y"; with
                                  TABARI's CODE ALL every verb of the
                                  clause keeps its source ("urged Bree to
                                  assist it"), and with TABARI's clauses
                                  a verb right after a conjunction ("...
                                  in south Ithilen or assail Arnor") */
            /* "... attacked Ukraine and invaded Turkey": the nearest group
             * is the last event's target; the subject is still its source */
            if (sg >= 0 && last_clause == c->ti[k].clause && last_src >= 0 &&
                (c->groups[sg].t1 <= done_end || sg == last_tgt))
                sg = last_src;
            if (sg < 0 && tabari_clauses(c))
                sg = tabari_source(c, k, -1); /* "Arnor is about to restore
                                  ties ... after crowds burned down" */
            if (sg < 0 && c->opt.def_source[0] && !c->opt.default_prior &&
                source_after(c, k, &sg, &pre_tg))
                return ENT_ENOMEM;
            if (sg < 0 && (sg = filler_group(c, k, 's')) == -2)
                return ENT_ENOMEM;
            if (sg < 0) {
                tracef(c, "  skip   no source before the verb");
                continue;
            }
            /* one event per clause and subject: "refused to condemn",
             * "agreed to cooperate" are coded by their first verb, unless a
             * conjunction starts a new verb phrase ("attacked X and
             * shelled Y") */
            if (last_clause == c->ti[k].clause && sg == last_src &&
                !conjoined(c, done_end, k) &&
                c->opt.code_by != ENT__BY_ALL) {
                tracef(c, "  skip   clause already coded");
                continue;
            }
            tg = bm.target >= 0 ? bm.target
                 : pre_tg >= 0  ? pre_tg
                                : attack_target(c, best, k, bm.end, n, -1);
            ctx = context_between(c, s0, marker_start(c, sg, k), k);
        }
    decided:
        if (ctx < 0 && ent__cameo_negated(d, best->cameo)) {
            /* "didn't clash": the dictionaries' negated code (PETRARCH-2's
             * coding ontology) */
            derived = *best;
            derived.cameo = ent__cameo_negated(d, best->cameo);
            derived.cameo2 = NULL;
            tracef(c, "  negated %s coded as %s (negations.txt)",
                   best->cameo->code, derived.cameo->code);
            best = &derived;
            ctx = 0;
        }
        if (ctx < 0) {
            tracef(c, "  skip   negated");
            done_end = bm.end;
            continue;
        }
        if (ctx & ENT__CTX_INTENT) {
            /* "pledged to expand trade", "said it was ready to hold
             * talks": the pledge is the event, an intent to cooperate
             * (03x) or, for force, a threat; other acts stay future */
            int root = best->cameo ? atoi(best->cameo->root) : 0;
            const char *code = root >= 14 ? (root >= 18 ? "138" : "130")
                               : best->cameo ? intent_code(best->cameo->code)
                                             : NULL;
            const ent_cameo *cm = code ? ent_cameo_lookup(d, code) : NULL;
            ctx &= ~ENT__CTX_INTENT;
            if (cm) {
                derived = *best;
                derived.cameo = cm;
                derived.cameo2 = NULL;
                derived.sym = 0;
                tracef(c, "  intent %s coded as %s", best->cameo->code,
                       cm->code);
                best = &derived;
            } else {
                ctx |= ENT_CTX_FUTURE;
            }
        }
        if (tabari_clauses(c) && !passive && bm.source < 0 &&
            bm.compound < 0 && sg < (int)c->ngroups) {
            /* TABARI's source: the first actor of the verb's clause before
             * it ("Arnxr is about to rxstore ties with Gondor, almost five
             * years after Calenardhon crowds burned down its embassy":
             * Gondor's) */
            int fs = tabari_source(c, k, tg);
            if (fs >= 0 && fs != sg) {
                tracef(c, "  roles  TABARI's source: group %d", fs);
                sg = fs;
            }
        }
        if (tg == sg)
            tg = -1;
        if (c->opt.code_by == ENT__BY_ALL && bm.target < 0 &&
            (tg < 0 || !strcmp(c->units[c->groups[tg].u0].code,
                               c->units[c->groups[sg].u0].code)))
            tg = tabari_target(c, k, sg, 1); /* "urged Bree to assist it" */
        else if (tabari_clauses(c) && bm.target < 0 && tg < 0 && !passive)
            /* TABARI's target: the first other actor after the verb,
             * wherever it is ("restore ties with Gxndor, almost five
             * years after Calenardhon crowds burned ..." is Calenardhon) */
            tg = tabari_target(c, k, sg, 0);
        if (tg >= 0 && best->sym && c->groups[sg].nu > 1 && bm.target < 0) {
            /* "A, B and C agreed a ceasefire for eastern Ukraine": a mutual
             * act among the members, the complement is not a party */
            size_t pp = after_prep(c, c->groups[tg].t0);
            if (pp && !is_word(&c->ti[pp - 1], d->fw[ENT_W_WITH]))
                tg = -1;
        }
        {
            size_t before = c->nev;
            int rc;
            c->noun_anchor = c->parsed ? !strcmp(c->pupos[k], "NOUN")
                                       : !c->ti[k].vlem;
            rc = emit(c, s0, sent, &c->groups[sg],
                          tg >= 0 ? &c->groups[tg] : NULL, best, k, bm.end,
                          (unsigned)ctx);
            if (rc)
                return rc;
            /* words inside a matched pattern are never coded again, even
             * when it found no target ("demanded that Russia withdraw") */
            done_end = bm.end;
            if (c->nev > before && c->opt.nested_events && c->parsed &&
                !passive && c->phead[k] >= 0 && (size_t)c->phead[k] < k &&
                (!strcmp(c->prel[k], "xcomp") ||
                 (!strcmp(c->prel[k], "advcl") && has_to(c, n, (int)k))) &&
                drop_verb_events(c, s0, sent, (size_t)c->phead[k], before))
                tracef(c, "  nested the complement replaces its verb's "
                          "events");
            if (c->nev > before && best->sub) {
                /* "Estonia said it would act now with Libya": a
                 * subordinate event neither takes its clause nor stays
                 * beside another event of its sentence */
                if (nsubr < 16) {
                    subr[nsubr][0] = before;
                    subr[nsubr++][1] = c->nev;
                }
                last_src = passive ? -1 : sg;
            } else if (c->nev > before) {
                if (c->mutual < 0 && c->groups[sg].nu >= 2 &&
                    (before == 0 || c->ev[before - 1].sent != sent))
                    c->mutual = sg;
                last_clause = c->ti[k].clause;
                last_src = passive ? -1 : sg;
                last_tgt = tg;
                nmain += c->nev - before;
            } else {
                tracef(c, "  skip   no target");
            }
        }
    }
    while (nmain && nsubr > 0) {
        /* the sentence has another event: its subordinate ones go */
        size_t a = subr[--nsubr][0], b = subr[nsubr][1];
        tracef(c, "  skip   %zu subordinate event(s): the sentence has "
                  "another", b - a);
        memmove(c->ev + a, c->ev + b, (c->nev - b) * sizeof *c->ev);
        c->nev -= b - a;
    }
    return ENT_OK;
}

/* The sentence's length as TABARI counts it for its minimum: words and
 * commas, not other punctuation nor "'s". */
static unsigned words(const ent_coder *c, size_t s0, size_t n)
{
    size_t k;
    unsigned w = 0;
    for (k = 0; k < n; k++) {
        const ent__token *t = &c->tok[s0 + k];
        const char *p = c->norm.p + t->start;
        if (t->flags & ENT_TOK_PUNCT)
            w += t->end - t->start == 1 && *p == ',';
        else
            w += *p != '\'';
    }
    return w;
}

/* Words in tokens [a, b) of the sentence, as words() counts them. */
static unsigned words_in(const ent_coder *c, size_t s0, size_t a, size_t b)
{
    return a < b ? words(c, s0 + a, b - a) : 0;
}

/* Whether the comma at token k joins a compound of actors ("Arnor,
 * Osgiliath and Gondor", "Evil Mordor, the awful Fornost, and Gondor"):
 * an actor before it, and one ending within five tokens after it, right
 * before the next comma, "and" or "or". drop[] marks actor tokens 2. */
static int compound_comma(const ent_coder *c, size_t s0, size_t k,
                          size_t end)
{
    size_t q;
    if (k == 0 || c->drop[k - 1] != 2)
        return 0;
    for (q = k + 1; q < end && q <= k + 5; q++)
        if (punct_is(c, s0, q, ',') || (c->ti[q].fcls & ENT_FW_CONJ))
            return q > k + 1 && c->drop[q - 1] == 2;
    return 0;
}

/* Whether length l is within the comma option pair at i (max 0: off). */
static int comma_len(const ent_coder *c, int i, unsigned l)
{
    return c->opt.comma[i + 1] && l >= c->opt.comma[i] &&
           l <= c->opt.comma[i + 1];
}

/*
 * TABARI's and PETRARCH's comma rule (options comma_*): the phrases
 * between two commas, from the start to the first comma and from the last
 * comma to the end are measured in words, and those within the options'
 * bounds are removed before coding ("Osgiliath, the state's fiercest foe,
 * could be drawn"; ", a senior official said on Saturday."). Commas inside
 * a compound of actors ("Arnor, Osgiliath and Gondor") delimit nothing.
 * The sentence's tokens are removed from c->tok and the later sentences
 * moved; *n becomes the sentence's new length. Returns whether any token
 * was removed, or -1 when out of memory.
 */
#define START ((size_t)-1)
#define NONE ((size_t)-2)
static int drop_commas(ent_coder *c, size_t si, size_t s0, size_t *n)
{
    size_t k, j, prev, end = *n, nd = 0, m;
    int any = 0;
    if (ent__grow(A(c), (void **)&c->drop, &c->capdrop, *n + 1, 1))
        return -1;
    memset(c->drop, 0, *n);
    /* tokens inside actor mentions are 2 in drop[] until the end */
    for (m = 0; m < c->nmen; m++)
        for (k = c->men[m].t0; k < c->men[m].t1; k++)
            c->drop[k] = 2;
    if (end && (punct_is(c, s0, end - 1, '.') ||
                punct_is(c, s0, end - 1, '!') ||
                punct_is(c, s0, end - 1, '?')))
        end--;
    /* prev: the comma that opened the current phrase; START before the
     * first comma; NONE after a dropped phrase, whose closing comma went
     * with it (the next comma opens a phrase) */
    prev = START;
    for (k = 0; k <= end; k++) {
        int is_comma = k < end && k > 0 && punct_is(c, s0, k, ',') &&
                       !compound_comma(c, s0, k, end);
        int which;
        unsigned len;
        if (!is_comma && k < end)
            continue;
        if (prev == NONE || (k == end && prev == START)) {
            prev = k; /* no phrase to measure (or no comma at all) */
            continue;
        }
        which = prev == START ? ENT__COMMA_BMIN
                : k == end    ? ENT__COMMA_EMIN
                              : ENT__COMMA_MIN;
        len = words_in(c, s0, prev == START ? 0 : prev + 1, k);
        /* the end phrase counts its comma and the full stop as words, as
         * TABARI's validation records show */
        if (k == end)
            len += 1u + (end < *n);
        if (comma_len(c, which, len)) {
            /* the phrase goes with its commas */
            size_t from = prev == START ? 0 : prev;
            size_t to = k == end ? end : k + 1;
            for (j = from; j < to; j++)
                c->drop[j] = 1;
            any = 1;
            prev = NONE;
        } else {
            prev = k;
        }
    }
    if (!any)
        return 0;
    for (k = 0; k < *n; k++)
        nd += c->drop[k] == 1;
    if (nd == *n)
        return 0; /* never the whole sentence */
    for (k = j = 0; k < *n; k++)
        if (c->drop[k] != 1) {
            c->tok[s0 + j] = c->tok[s0 + k];
            if (k > 0 && c->drop[k - 1] == 1)
                c->tok[s0 + j].flags |= ENT_TOK_CUT;
            j++;
        }
    tracef(c, "  skip   %zu tokens in comma-delimited phrases (comma_*)", nd);
    memmove(c->tok + s0 + j, c->tok + s0 + *n,
            (c->ntok - s0 - *n) * sizeof *c->tok);
    c->ntok -= nd;
    for (k = si + 1; k < c->nsstart; k++)
        c->sstart[k] -= nd;
    *n -= nd;
    return 1;
}
#undef START
#undef NONE

/* Whether the n tokens at s0 repeat an earlier sentence of the document
 * word for word (case and quotation marks aside): a pull quote printed
 * again in the body. Sentences under six words ("Yes.", "He declined.")
 * are never repeats. Returns 1, 0, or -1 when out of memory. */
static int repeated(ent_coder *c, size_t s0, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t k, i, nwords = 0;
    for (k = 0; k < n; k++) {
        const ent__token *t = &c->tok[s0 + k];
        const char *p = c->norm.p + t->start;
        if ((t->flags & ENT_TOK_PUNCT) && (*p == '"' || *p == '\''))
            continue;
        nwords += !(t->flags & ENT_TOK_PUNCT);
        for (i = t->start; i < t->end; i++) {
            unsigned char ch = (unsigned char)c->norm.p[i];
            h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32u : ch)) *
                1099511628211ULL;
        }
        h = (h ^ ' ') * 1099511628211ULL;
    }
    if (nwords < 6)
        return 0;
    for (i = 0; i < c->nseen; i++)
        if (c->seen[i] == h)
            return 1;
    if (ent__grow(A(c), (void **)&c->seen, &c->capseen, c->nseen + 1,
                  sizeof *c->seen))
        return -1;
    c->seen[c->nseen++] = h;
    return 0;
}

/* The language of each paragraph (option detect_language): foreign[i]
 * for each sentence i, and the document's language in c->res.lang.
 * Returns ENT_OK or ENT_ENOMEM. */
static int languages(ent_coder *c)
{
    size_t i = 0, j;
    int any_en = 0;
    c->res.lang[0] = 0;
    if (ent__grow(A(c), (void **)&c->foreign, &c->capforeign,
                  c->nsstart + 1, 1))
        return ENT_ENOMEM;
    memset(c->foreign, 0, c->nsstart + 1);
    if (!c->opt.detect_language || !c->nsstart)
        return ENT_OK;
    while (i < c->nsstart) {
        /* a paragraph: sentences up to one whose first token follows a
         * blank line */
        size_t a = c->tok[c->sstart[i]].start, b;
        char lang[8];
        int en = 1;
        for (j = i + 1; j < c->nsstart &&
                        !(c->tok[c->sstart[j]].flags & ENT_TOK_PARA);
             j++)
            ;
        b = j < c->nsstart ? c->tok[c->sstart[j]].start : c->norm.n;
        if (ent_lang_detect(c->norm.p + a, b - a, lang, &en) != ENT_OK)
            strcpy(lang, "un");
        if (!c->res.lang[0] || (en && !any_en))
            snprintf(c->res.lang, sizeof c->res.lang, "%s", en ? "en" : lang);
        any_en |= en;
        if (!en) {
            tracef(c, "paragraph of sentences %zu-%zu: language %s, not "
                      "coded", i, j - 1, lang);
            memset(c->foreign + i, 1, j - i);
        }
        i = j;
    }
    return ENT_OK;
}

/* Trace the tokens of a sentence with their lemmas. */
static void trace_tokens(ent_coder *c, size_t s0, size_t n)
{
    size_t k;
    c->line.n = 0;
    for (k = 0; k < n; k++) {
        const ent__token *t = &c->tok[s0 + k];
        size_t len = t->end - t->start, vl = 0, nl = 0;
        const char *v = NULL, *no = NULL;
        char low[128];
        if (len < sizeof low) {
            ent__lower(low, c->norm.p + t->start, len);
            if (!(t->flags & ENT_TOK_PUNCT)) {
                v = ent__lemma_verb(c->d->lemma, low, len, &vl);
                no = ent__lemma_noun(c->d->lemma, low, len, &nl);
            }
        }
        if (ent__buf_add(A(c), &c->line, k ? " " : "  tokens ", k ? 1 : 9) ||
            ent__buf_add(A(c), &c->line, c->norm.p + t->start, len))
            return;
        if (v && (vl != len || memcmp(v, low, len)))
            ent__buf_printf(A(c), &c->line, "/v:%.*s", (int)vl, v);
        if (no && (nl != len || memcmp(no, low, len)) &&
            !(v && vl == nl && !memcmp(v, no, nl)))
            ent__buf_printf(A(c), &c->line, "/n:%.*s", (int)nl, no);
    }
    if (c->line.p)
        c->trace(c->tud, c->line.p);
}

int ent_code(ent_coder *c, const ent_doc *doc, const ent_result **out)
{
    size_t i, bad = 0;
    int rc;
    if (out)
        *out = NULL;
    if (!c || !doc || !out || (!doc->text && doc->text_len))
        return ENT_EINVAL;
    c->errmsg[0] = 0;
    c->nev = 0;
    c->have_person = c->have_thing = c->have_pair = 0;
    c->nfwd = 0;
    c->pubdate = doc->date;
    c->nseen = 0;
    if (!doc->date || ent__date_days(doc->date, &c->day)) {
        snprintf(c->errmsg, sizeof c->errmsg, "bad or missing date '%s'",
                 doc->date ? doc->date : "");
        return ENT_EINVAL;
    }
    rc = ent__normalize(A(c), doc->text ? doc->text : "", doc->text_len,
                        &c->norm, &bad);
    if (rc == ENT_EUTF8) {
        size_t k;
        for (k = 0; k < doc->text_len && doc->text[k]; k++)
            ;
        if (k == bad && bad < doc->text_len)
            snprintf(c->errmsg, sizeof c->errmsg, "NUL byte at byte %zu",
                     bad);
        else
            snprintf(c->errmsg, sizeof c->errmsg,
                     "invalid UTF-8 at byte %zu", bad);
        return rc;
    }
    if (rc)
        return rc;
    rc = ent__tokenize(A(c), c->norm.p, c->norm.n, &c->tok, &c->ntok,
                       &c->captok);
    if (!rc)
        rc = ent__split_sentences(A(c), c->norm.p, c->tok, c->ntok,
                                  &c->sstart, &c->nsstart, &c->capsstart);
    if (!rc)
        rc = ent__grow(A(c), (void **)&c->sents, &c->capsents,
                       c->nsstart + 1, sizeof *c->sents);
    if (!rc)
        rc = languages(c);
    for (i = 0; rc == ENT_OK && i < c->nsstart; i++) {
        size_t s0 = c->sstart[i];
        size_t s1 = i + 1 < c->nsstart ? c->sstart[i + 1] : c->ntok;
        size_t n = s1 - s0;
        c->s0 = s0;
        c->sents[i].start = c->tok[s0].start;
        c->sents[i].end = c->tok[s1 - 1].end;
        c->sents[i].status = ENT_SENT_CODED;
        c->parsed = 0; /* parsed later, when a verb pattern matches */
        if (c->foreign[i]) {
            c->sents[i].status = ENT_SENT_LANG;
            continue;
        }
        if (c->trace) {
            tracef(c, "sentence %zu: %.*s", i,
                   (int)(c->sents[i].end - c->sents[i].start),
                   c->norm.p + c->sents[i].start);
            rc = annotate(c, s0, s1);
            if (!rc)
                trace_tokens(c, s0, n);
        } else {
            rc = annotate(c, s0, s1);
        }
        if (!rc && discarded(c, s0, n)) {
            c->sents[i].status = ENT_SENT_DISCARD;
            continue;
        }
        if (!rc) {
            int rp = repeated(c, s0, n);
            if (rp < 0)
                rc = ENT_ENOMEM;
            else if (rp) {
                tracef(c, "  skip   a repeat of an earlier sentence");
                c->sents[i].status = ENT_SENT_REPEAT;
                continue;
            }
        }
        if (!rc && c->opt.min_words && words(c, s0, n) < c->opt.min_words) {
            tracef(c, "  skip   fewer than %u words (minimum_words)",
                   c->opt.min_words);
            continue;
        }
        if (!rc)
            rc = find_mentions(c, s0, n);
        if (!rc && (c->opt.comma[1] | c->opt.comma[3] | c->opt.comma[5])) {
            int dr = drop_commas(c, i, s0, &n);
            if (dr < 0)
                rc = ENT_ENOMEM;
            else if (dr) {
                s1 = s0 + n;
                rc = annotate(c, s0, s1);
                if (!rc)
                    rc = find_mentions(c, s0, n);
            }
        }
        if (!rc && c->nmen == 0 && !(c->nlp && has_antecedent(c)) &&
            !c->opt.def_source[0])
            continue; /* no actor (nor, with the parse, an antecedent, nor
                         a default source) */
        if (!rc && names_discarded(c)) {
            tracef(c, "  skip   discarded: an actor coded DISCARD");
            c->sents[i].status = ENT_SENT_DISCARD;
            continue;
        }
        if (!rc)
            rc = build_units(c, n);
        if (!rc)
            rc = agents_in(c, s0);
        if (!rc)
            share_sectors(c);
        if (!rc && !c->opt.convert_agents)
            drop_lone_agents(c);
        if (!rc)
            rc = build_groups(c, s0);
        /* the sentence is parsed when its first verb pattern matches
         * (code_verbs), so sentences where none does cost no parse */
        if (!rc) {
            clauses(c, s0, n);
            c->nsynu = c->nsyng = 0;
            c->have_subj = 0;
            c->sent_i = i;
            rc = code_verbs(c, s0, n, (uint32_t)i, &c->sents[i].status);
            remember(c, n);
            if (c->opt.tabari_pronouns)
                forward_actor(c, s0, n, i);
        }
    }
    if (rc) {
        if (rc == ENT_ENOMEM)
            snprintf(c->errmsg, sizeof c->errmsg, "out of memory");
        return rc;
    }
    c->res.text = c->norm.p ? c->norm.p : "";
    c->res.text_len = c->norm.n;
    c->res.sents = c->sents;
    c->res.nsents = c->nsstart;
    c->res.events = c->ev;
    c->res.nevents = c->nev;
    *out = &c->res;
    return ENT_OK;
}
