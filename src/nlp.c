/*
 * nlp.c -- the analysis pipeline: raw text to sentences of tagged,
 * lemmatised words in a dependency tree.
 *
 * Strings the coder and `entente parse` need come out of one call: text.c
 * normalises, tokenises and splits sentences, tagger.c tags, lemma.c and
 * the rules below lemmatise, parser.c parses. It also scores the whole
 * pipeline from the raw text of a treebank, aligning words by characters.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct ent_nlp {
    ent_allocator alloc;
    ent_tagger *tagger;
    ent_parser *parser;
    const ent__lemmatizer *lemma; /* WordNet: own_lemma or a dict's */
    ent__lemmatizer *own_lemma;
};

/* The analysis and everything it owns, in one allocation plus an arena. */
typedef struct analysis {
    ent_analysis pub;
    ent_allocator alloc;
    ent__buf text;
    ent_word *words;
    ent_asent *sents;
    ent__arena arena;
} analysis;

void ent_nlp_free(ent_nlp *nlp)
{
    ent_allocator a;
    if (!nlp)
        return;
    a = nlp->alloc;
    ent_tagger_free(nlp->tagger);
    ent_parser_free(nlp->parser);
    ent__lemma_free(&a, nlp->own_lemma);
    ent__free(&a, nlp);
}

int ent_nlp_load(const ent_nlp_config *cfg, ent_nlp **out, char *err,
                 size_t errlen)
{
    ent_nlp *nlp;
    char path[4096];
    int rc;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!cfg || !cfg->model_dir)
        return ENT_EINVAL;
    nlp = ent__calloc(cfg->alloc, sizeof *nlp);
    if (!nlp)
        return ENT_ENOMEM;
    if (cfg->alloc)
        nlp->alloc = *cfg->alloc;
    if (cfg->dict) {
        nlp->lemma = cfg->dict->lemma; /* WordNet is read once */
        rc = ENT_OK;
    } else {
        rc = ent__lemma_load(cfg->alloc,
                             cfg->wordnet_dir ? cfg->wordnet_dir
                                              : "/usr/share/wordnet",
                             &nlp->own_lemma, err, errlen);
        nlp->lemma = nlp->own_lemma;
    }
    if (rc == ENT_OK) {
        snprintf(path, sizeof path, "%s/tagger.bin", cfg->model_dir);
        rc = ent__tagger_load_lm(cfg->tagger_path ? cfg->tagger_path : path,
                                 nlp->lemma, cfg->alloc, &nlp->tagger, err,
                                 errlen);
    }
    if (rc == ENT_OK) {
        snprintf(path, sizeof path, "%s/parser.bin", cfg->model_dir);
        rc = ent_parser_load(cfg->parser_path ? cfg->parser_path : path,
                             cfg->alloc, &nlp->parser, err, errlen);
    }
    if (rc) {
        ent_nlp_free(nlp);
        return rc;
    }
    *out = nlp;
    return ENT_OK;
}

const ent_tagger *ent_nlp_tagger(const ent_nlp *nlp)
{
    return nlp ? nlp->tagger : NULL;
}

const ent_parser *ent_nlp_parser(const ent_nlp *nlp)
{
    return nlp ? nlp->parser : NULL;
}

/* ---- lemmas ------------------------------------------------------------ */

/* Lemmas of clitics and pronouns that WordNet does not cover, as UD
 * English writes them (sorted by form, lower case). */
static const struct {
    const char *form, *lemma;
} fixed[] = {
    {"'d", "would"}, {"'ll", "will"}, {"'m", "be"},     {"'re", "be"},
    {"'ve", "have"}, {"an", "a"},     {"ca", "can"},    {"her", "she"},
    {"him", "he"},   {"i", "I"},      {"me", "I"},      {"n't", "not"},
    {"them", "they"}, {"these", "this"}, {"those", "that"}, {"us", "we"},
    {"wo", "will"},
};

static const char *fixed_lemma(const char *w)
{
    size_t lo = 0, hi = sizeof fixed / sizeof fixed[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(w, fixed[mid].form);
        if (c == 0)
            return fixed[mid].lemma;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* The lemma of word form (n bytes) tagged upos/xpos, written to the arena
 * of an. Proper nouns, numbers and punctuation keep their form (plural
 * proper nouns lose their s), and so do capitalised adjectives ("Iraqi");
 * verbs, nouns and comparatives go through WordNet's morphy; the rest is
 * lower-cased. */
static const char *lemma_of(const ent__lemmatizer *lm, analysis *an,
                            const char *form, size_t n, const char *upos,
                            const char *xpos)
{
    const ent_allocator *a = &an->alloc;
    char low[64];
    const char *l = NULL;
    size_t ln = 0;
    if (!strcmp(xpos, "NNPS") && n > 3 && form[n - 1] == 's' &&
        form[n - 2] != 's')
        return ent__arena_strndup(a, &an->arena, form, n - 1);
    if (n >= sizeof low || !strcmp(upos, "PROPN") || !strcmp(upos, "NUM") ||
        !strcmp(upos, "PUNCT") || !strcmp(upos, "SYM") ||
        (!strcmp(upos, "ADJ") && form[0] >= 'A' && form[0] <= 'Z' &&
         n > 1 && form[1] >= 'a' && form[1] <= 'z'))
        return ent__arena_strndup(a, &an->arena, form, n);
    ent__lower(low, form, n);
    low[n] = 0;
    if (!strcmp(low, "'s"))
        l = !strcmp(upos, "PART") ? "'s" : !strcmp(xpos, "VBZ") ? "be" : "'s";
    else if (!strcmp(xpos, "PRP$") || !strcmp(xpos, "WP$"))
        l = NULL; /* "her" as a possessive stays "her" */
    else
        l = fixed_lemma(low);
    if (l)
        return ent__arena_strndup(a, &an->arena, l, strlen(l));
    if (!strcmp(upos, "VERB") || !strcmp(upos, "AUX")) {
        if (!strcmp(low, "'s") || !strcmp(low, "is") || !strcmp(low, "are") ||
            !strcmp(low, "am") || !strcmp(low, "was") || !strcmp(low, "were"))
            l = "be", ln = 2;
        else
            l = ent__lemma_verb(lm, low, n, &ln);
    } else if (!strcmp(upos, "NOUN")) {
        l = ent__lemma_noun(lm, low, n, &ln);
    } else if (!strcmp(xpos, "JJR") || !strcmp(xpos, "JJS") ||
               !strcmp(xpos, "RBR") || !strcmp(xpos, "RBS")) {
        l = ent__lemma_adj(lm, low, n, &ln);
    }
    if (!l) {
        l = low;
        ln = n;
    }
    return ent__arena_strndup(a, &an->arena, l, ln);
}

/* ---- analysis ---------------------------------------------------------- */

void ent_analysis_free(ent_analysis *pub)
{
    analysis *an = (analysis *)pub;
    ent_allocator a;
    if (!an)
        return;
    a = an->alloc;
    ent__buf_free(&a, &an->text);
    ent__free(&a, an->words);
    ent__free(&a, an->sents);
    ent__arena_free(&a, &an->arena);
    ent__free(&a, an);
}

/* Tag, lemmatise and parse the words of sentence s (forms already set). */
static int analyse_sentence(const ent_nlp *nlp, analysis *an, ent_asent *s,
                            const char **w, const char **u, const char **x,
                            const char **rel, int *heads)
{
    size_t i;
    int rc;
    ent_word *W = an->words + s->first;
    for (i = 0; i < s->n; i++)
        w[i] = W[i].form;
    rc = ent_tagger_tag(nlp->tagger, w, s->n, u, x);
    if (rc == ENT_OK)
        rc = ent_parser_parse(nlp->parser, w, u, x, s->n, heads, rel);
    for (i = 0; rc == ENT_OK && i < s->n; i++) {
        W[i].upos = u[i];
        W[i].xpos = x[i];
        W[i].deprel = rel[i];
        W[i].head = heads[i];
        W[i].lemma = lemma_of(nlp->lemma, an, W[i].form,
                              W[i].end - W[i].start, u[i], x[i]);
        if (!W[i].lemma)
            rc = ENT_ENOMEM;
    }
    return rc;
}

int ent_nlp_analyze(const ent_nlp *nlp, const char *text, size_t len,
                    ent_analysis **out, size_t *bad)
{
    const ent_allocator *a;
    analysis *an;
    ent__token *tok = NULL;
    uint32_t *starts = NULL;
    size_t ntok = 0, captok = 0, nsent = 0, capsent = 0, s, i, maxn = 0;
    size_t badpos = 0;
    const char **w = NULL, **u = NULL, **x = NULL, **rel = NULL;
    int *heads = NULL, rc;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!nlp || (!text && len))
        return ENT_EINVAL;
    a = &nlp->alloc;
    an = ent__calloc(a, sizeof *an);
    if (!an)
        return ENT_ENOMEM;
    an->alloc = nlp->alloc;
    rc = ent__normalize(a, text ? text : "", len, &an->text, &badpos);
    if (rc == ENT_EUTF8 && bad)
        *bad = badpos;
    if (rc == ENT_OK)
        rc = ent__tokenize(a, an->text.p, an->text.n, &tok, &ntok, &captok);
    if (rc == ENT_OK)
        rc = ent__split_sentences(a, an->text.p, tok, ntok, &starts, &nsent,
                                  &capsent);
    if (rc)
        goto done;
    an->words = ent__malloc(a, (ntok + 1) * sizeof *an->words);
    an->sents = ent__malloc(a, (nsent + 1) * sizeof *an->sents);
    if (!an->words || !an->sents) {
        rc = ENT_ENOMEM;
        goto done;
    }
    for (i = 0; i < ntok; i++) {
        ent_word *W = &an->words[i];
        memset(W, 0, sizeof *W);
        W->start = tok[i].start;
        W->end = tok[i].end;
        W->form = ent__arena_strndup(a, &an->arena, an->text.p + W->start,
                                     W->end - W->start);
        W->space_after = i + 1 < ntok ? !(tok[i + 1].flags & ENT_TOK_NOSPACE)
                                      : 0;
        if (!W->form) {
            rc = ENT_ENOMEM;
            goto done;
        }
    }
    for (s = 0; s < nsent; s++) {
        ent_asent *S = &an->sents[s];
        S->first = starts[s];
        S->n = (uint32_t)((s + 1 < nsent ? starts[s + 1] : ntok) - starts[s]);
        S->start = tok[S->first].start;
        S->end = tok[S->first + S->n - 1].end;
        S->newpar = s > 0 && (tok[S->first].flags & ENT_TOK_PARA) != 0;
        if (S->n > maxn)
            maxn = S->n;
    }
    w = ent__malloc(a, (maxn + 1) * sizeof *w);
    u = ent__malloc(a, (maxn + 1) * sizeof *u);
    x = ent__malloc(a, (maxn + 1) * sizeof *x);
    rel = ent__malloc(a, (maxn + 1) * sizeof *rel);
    heads = ent__malloc(a, (maxn + 1) * sizeof *heads);
    if (!w || !u || !x || !rel || !heads) {
        rc = ENT_ENOMEM;
        goto done;
    }
    for (s = 0; s < nsent && rc == ENT_OK; s++)
        rc = analyse_sentence(nlp, an, &an->sents[s], w, u, x, rel, heads);
    an->pub.text = an->text.p;
    an->pub.text_len = an->text.n;
    an->pub.words = an->words;
    an->pub.nwords = ntok;
    an->pub.sents = an->sents;
    an->pub.nsents = nsent;
done:
    ent__free(a, tok);
    ent__free(a, starts);
    ent__free(a, w);
    ent__free(a, u);
    ent__free(a, x);
    ent__free(a, rel);
    ent__free(a, heads);
    if (rc) {
        ent_analysis_free(&an->pub);
        return rc;
    }
    *out = &an->pub;
    return ENT_OK;
}

/* ---- evaluation from raw text -------------------------------------------
 *
 * As in the CoNLL 2018 shared task, words of the gold and the system
 * analysis are placed on one axis: the count of non-space characters
 * (code points) before them. A system word is aligned to a gold word with
 * the same start and end on that axis; a head is right when the system
 * head is aligned to the gold head (or both are the root).
 */

typedef struct span {
    size_t start, end;
} span;

static int is_ws(utf8proc_int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* Number of non-space code points in s[0..n). */
static size_t nonspace(const char *s, size_t n)
{
    size_t i = 0, k = 0;
    while (i < n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                             (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0) {
            i++;
            k++;
            continue;
        }
        k += !is_ws(c);
        i += (size_t)l;
    }
    return k;
}

typedef struct rawdoc {
    ent__buf text;
    span *gw;      /* gold word spans, treebank order */
    size_t *gsent; /* per gold word: its sentence's first word */
} rawdoc;

/* The F1 of k correct over g gold and s system items, in percent. */
static double f1(size_t k, size_t g, size_t s)
{
    return g + s ? 200.0 * (double)k / (double)(g + s) : 100.0;
}

/* The first of the n spans w (sorted by start) that starts at or after
 * start. */
static size_t first_at(const span *w, size_t n, size_t start)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w[mid].start < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Find the gold word with span sp. */
static long find_word(const span *w, size_t n, span sp)
{
    size_t lo = first_at(w, n, sp.start);
    while (lo < n && w[lo].start == sp.start) {
        if (w[lo].end == sp.end)
            return (long)lo;
        lo++;
    }
    return -1;
}

static int score_raw(const ent_allocator *a, const ent__treebank *tb, const rawdoc *D,
                     const ent_analysis *an, ent_raw_scores *sc)
{
    size_t i, s, ok_tok = 0, ok_upos = 0, ok_uas = 0, ok_las = 0, ok_sent = 0;
    size_t ok_lemma = 0;
    size_t pos = 0, at = 0;
    span *sw = ent__malloc(a, (an->nwords + 1) * sizeof *sw);
    long *map = ent__malloc(a, (an->nwords + 1) * sizeof *map);
    if (!sw || !map) {
        ent__free(a, sw);
        ent__free(a, map);
        return ENT_ENOMEM;
    }
    /* system word spans on the non-space axis */
    for (i = 0; i < an->nwords; i++) {
        const ent_word *w = &an->words[i];
        pos += nonspace(an->text + at, w->start - at);
        sw[i].start = pos;
        pos += nonspace(an->text + w->start, w->end - w->start);
        sw[i].end = pos;
        at = w->end;
    }
    for (i = 0; i < an->nwords; i++)
        map[i] = find_word(D->gw, tb->ntok, sw[i]);
    for (s = 0; s < an->nsents; s++) {
        const ent_asent *S = &an->sents[s];
        for (i = S->first; i < S->first + S->n; i++) {
            const ent_word *w = &an->words[i];
            const ent__tbtoken *g;
            long gi = map[i], gh;
            int hok;
            if (gi < 0)
                continue;
            g = &tb->tok[gi];
            ok_tok++;
            ok_upos += !strcmp(w->upos, g->upos);
            ok_lemma += !strcmp(w->lemma, g->lemma);
            gh = g->head ? (long)D->gsent[gi] + g->head - 1 : -1;
            hok = w->head == 0 ? gh < 0
                               : gh >= 0 && map[S->first + w->head - 1] == gh;
            ok_uas += hok;
            ok_las += hok && ent__same_univ_rel(w->deprel, g->deprel);
        }
    }
    /* sentences: same first start and last end */
    {
        span *gs = ent__malloc(a, (tb->nsent + 1) * sizeof *gs);
        if (!gs) {
            ent__free(a, sw);
            ent__free(a, map);
            return ENT_ENOMEM;
        }
        for (s = 0; s < tb->nsent; s++) {
            gs[s].start = D->gw[tb->sent[s].first].start;
            gs[s].end = D->gw[tb->sent[s].first + tb->sent[s].n - 1].end;
        }
        for (s = 0; s < an->nsents; s++) {
            const ent_asent *S = &an->sents[s];
            size_t start = sw[S->first].start, end = sw[S->first + S->n - 1].end;
            size_t lo = first_at(gs, tb->nsent, start);
            ok_sent += lo < tb->nsent && gs[lo].start == start &&
                       gs[lo].end == end;
        }
        ent__free(a, gs);
    }
    sc->gold_words = tb->ntok;
    sc->sys_words = an->nwords;
    sc->gold_sents = tb->nsent;
    sc->sys_sents = an->nsents;
    sc->tokens = f1(ok_tok, tb->ntok, an->nwords);
    sc->sentences = f1(ok_sent, tb->nsent, an->nsents);
    sc->upos = f1(ok_upos, tb->ntok, an->nwords);
    sc->lemmas = f1(ok_lemma, tb->ntok, an->nwords);
    sc->uas = f1(ok_uas, tb->ntok, an->nwords);
    sc->las = f1(ok_las, tb->ntok, an->nwords);
    ent__free(a, sw);
    ent__free(a, map);
    return ENT_OK;
}

/* Build the raw text of tb (sentences joined by a space, paragraphs by a
 * blank line) and the gold word spans on the non-space axis. */
static int build_raw(const ent_allocator *a, const ent__treebank *tb,
                     const char *path, rawdoc *D, char *err, size_t errlen)
{
    size_t s, i, pos = 0;
    D->gw = ent__malloc(a, (tb->ntok + 1) * sizeof *D->gw);
    D->gsent = ent__malloc(a, (tb->ntok + 1) * sizeof *D->gsent);
    if (!D->gw || !D->gsent)
        return ENT_ENOMEM;
    for (s = 0; s < tb->nsent; s++) {
        const ent__tbsent *S = &tb->sent[s];
        if (!S->text) {
            if (err)
                snprintf(err, errlen,
                         "%s:%lu: sentence %zu has no '# text' line: raw-text "
                         "evaluation needs them (or use --gold-tokens-only)",
                         path, S->line, s + 1);
            return ENT_EFORMAT;
        }
        if (s > 0 && ent__buf_add(a, &D->text, S->newpar ? "\n\n" : " ",
                                  S->newpar ? 2 : 1))
            return ENT_ENOMEM;
        if (ent__buf_add(a, &D->text, S->text, strlen(S->text)))
            return ENT_ENOMEM;
        for (i = S->first; i < S->first + S->n; i++) {
            size_t k = nonspace(tb->tok[i].form, strlen(tb->tok[i].form));
            D->gw[i].start = pos;
            D->gw[i].end = pos + k;
            D->gsent[i] = S->first;
            pos += k;
        }
    }
    return ENT_OK;
}

int ent_nlp_eval_raw(const ent_nlp *nlp, const char *path,
                     ent_raw_scores *sc, char *err, size_t errlen)
{
    ent__treebank tb;
    rawdoc D;
    ent_analysis *an = NULL;
    const ent_allocator *a;
    int rc;
    if (!nlp || !path || !sc)
        return ENT_EINVAL;
    a = &nlp->alloc;
    memset(sc, 0, sizeof *sc);
    memset(&tb, 0, sizeof tb);
    memset(&D, 0, sizeof D);
    rc = ent__treebank_read(a, path, &tb, err, errlen);
    if (rc == ENT_OK && tb.nsent == 0) {
        if (err)
            snprintf(err, errlen, "%s: no sentences", path);
        rc = ENT_EFORMAT;
    }
    if (rc == ENT_OK)
        rc = build_raw(a, &tb, path, &D, err, errlen);
    if (rc == ENT_OK)
        rc = ent_nlp_analyze(nlp, D.text.p, D.text.n, &an, NULL);
    if (rc == ENT_OK)
        rc = score_raw(a, &tb, &D, an, sc);
    if (rc == ENT_ENOMEM && err)
        snprintf(err, errlen, "%s: out of memory", path);
    ent_analysis_free(an);
    ent__buf_free(a, &D.text);
    ent__free(a, D.gw);
    ent__free(a, D.gsent);
    ent__treebank_free(a, &tb);
    return rc;
}
