/*
 * internal.h -- declarations shared between libentente's source files.
 *
 * Nothing here is public. Cross-file internal functions are named
 * ent__name(); the structures below are the compiled dictionary layout
 * (lexicon.c), the token stream (text.c) and the lemma tables (lemma.c).
 */
#ifndef ENTENTE_INTERNAL_H
#define ENTENTE_INTERNAL_H

#include "entente.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

/* ---- memory (alloc.c) ---------------------------------------------- */

/* Allocate, resize or free through the handle's allocator. ent__realloc
 * with n == 0 frees and returns NULL. */
void *ent__malloc(const ent_allocator *a, size_t n);
void *ent__calloc(const ent_allocator *a, size_t n);
void *ent__realloc(const ent_allocator *a, void *p, size_t n);
void ent__free(const ent_allocator *a, void *p);
char *ent__strndup(const ent_allocator *a, const char *s, size_t n);

/* Grow *p (of element size sz) so that it holds at least need elements;
 * *cap is updated. Returns ENT_OK or ENT_ENOMEM (leaving *p intact). */
int ent__grow(const ent_allocator *a, void **p, size_t *cap, size_t need,
              size_t sz);

/* A growable byte buffer. */
typedef struct ent__buf {
    char *p;
    size_t n, cap;
} ent__buf;

int ent__buf_add(const ent_allocator *a, ent__buf *b, const char *s,
                 size_t n);
int ent__buf_printf(const ent_allocator *a, ent__buf *b, const char *fmt,
                    ...) __attribute__((format(printf, 3, 4)));
void ent__buf_free(const ent_allocator *a, ent__buf *b);

/* Read the whole file at path into b (NUL-terminated). Returns ENT_OK,
 * ENT_EIO (errno tells why) or ENT_ENOMEM. */
int ent__read_file(const ent_allocator *a, const char *path, ent__buf *b);

/* Write "file:line: " and the formatted message into err (errlen bytes,
 * always NUL-terminated when errlen > 0). The one format of every
 * located error message. */
void ent__errv(char *err, size_t errlen, const char *file, unsigned long line,
               const char *fmt, va_list ap);

/* An arena of strings and small blocks, freed all at once. */
typedef struct ent__arena {
    struct ent__chunk *head;
} ent__arena;

void *ent__arena_alloc(const ent_allocator *a, ent__arena *ar, size_t n);
char *ent__arena_strndup(const ent_allocator *a, ent__arena *ar,
                         const char *s, size_t n);
void ent__arena_free(const ent_allocator *a, ent__arena *ar);

/* ---- hashing (hash.c) ---------------------------------------------- */

uint64_t ent__hash(const void *p, size_t n);

/*
 * String table: interns byte strings to dense ids 1..n (0 means "absent").
 * Strings live in the table's arena.
 */
typedef struct ent__strtab {
    uint64_t *slots; /* (hash >> 32) << 32 | id, or 0 when empty */
    size_t mask;     /* slots - 1 */
    const char **str;
    uint32_t *len;
    uint64_t *hash;
    size_t n, cap;   /* ids used (n), id array capacity */
    ent__arena arena;
} ent__strtab;

int ent__strtab_intern(const ent_allocator *a, ent__strtab *t, const char *s,
                       size_t n, uint32_t *id);
uint32_t ent__strtab_find(const ent__strtab *t, const char *s, size_t n);
void ent__strtab_free(const ent_allocator *a, ent__strtab *t);

/* Integer map: uint64 key -> uint32 value (value 0 is "absent"). */
typedef struct ent__imap {
    uint64_t *keys;
    uint32_t *vals;
    size_t mask, n;
} ent__imap;

int ent__imap_put(const ent_allocator *a, ent__imap *m, uint64_t key,
                  uint32_t val);
uint32_t ent__imap_get(const ent__imap *m, uint64_t key);
void ent__imap_free(const ent_allocator *a, ent__imap *m);

/* ---- JSONL lines (jsonl.c) ------------------------------------------ */

/* Kinds of a top-level JSONL value (ent__jsonl.kind). */
#define ENT__JSON_NONE 0   /* absent */
#define ENT__JSON_STRING 1 /* a string, decoded into its buffer */
#define ENT__JSON_INT 2    /* an integer (id_int for "id") */
#define ENT__JSON_OTHER 3  /* anything else */

/* The fields of a document line the reader needs: "text", "id", "date"
 * and "title" (kind[0..3] in that order). The buffers are reused from
 * line to line; a string is NUL-terminated when non-empty. */
typedef struct ent__jsonl {
    ent__buf text, id, date, title;
    int kind[4];
    long long id_int;
} ent__jsonl;

/* Scan line[0..n) (one JSONL line, its newline included or not). ENT_OK
 * when it is a JSON object that jansson, rejecting duplicate keys,
 * accepts, and out holds what jansson would give for the four fields;
 * ENT_EFORMAT when the scan cannot vouch for the line (invalid JSON or
 * UTF-8, a nested object, an escaped key, a number of more than 15
 * bytes...: parse it with jansson); ENT_ENOMEM. Allocates through a
 * into out's buffers (freed by the caller). */
int ent__jsonl_scan(const ent_allocator *a, const char *line, size_t n,
                    ent__jsonl *out);

/* ---- text (text.c) ------------------------------------------------- */

/* Token flags. */
#define ENT_TOK_CAP 0x01u     /* first letter upper case */
#define ENT_TOK_ALLCAP 0x02u  /* every letter upper case, >= 2 letters */
#define ENT_TOK_PUNCT 0x04u   /* punctuation */
#define ENT_TOK_NUM 0x08u     /* starts with a digit */
#define ENT_TOK_ABBREV 0x10u  /* abbreviation ending in '.' (Mr., U.S.) */
#define ENT_TOK_PARA 0x20u    /* a blank line precedes this token */
#define ENT_TOK_NOSPACE 0x40u /* no white space precedes this token */
#define ENT_TOK_NL 0x80u      /* a line break precedes this token */
#define ENT_TOK_CUT 0x100u    /* a comma-delimited phrase was removed just
                                 before this token (code.c, comma_*): no
                                 actor phrase joins across it */
#define ENT_TOK_FORM 0x8000u  /* for ent__trie_step only: the word id
                                 given is the token's own form, not a
                                 lemma or prefix of it (exact words) */

typedef struct ent__token {
    uint32_t start, end; /* byte range in the normalised text */
    uint32_t flags;
} ent__token;

/*
 * Normalise UTF-8 text for coding: NFC, typographic quotes to ASCII ' and
 * ", dashes to '-', no-break and other spaces to ' '. ASCII input is
 * copied unchanged. The result (NUL-terminated) is written to out. Returns
 * ENT_EUTF8 with *bad set to the byte offset of invalid input.
 */
int ent__normalize(const ent_allocator *a, const char *s, size_t n,
                   ent__buf *out, size_t *bad);

/* Tokenise s[0..n) into *toks (a growable array of *ntoks, capacity
 * *cap). */
int ent__tokenize(const ent_allocator *a, const char *s, size_t n,
                  ent__token **toks, size_t *ntoks, size_t *cap);

/* Sentence boundaries over a token array: writes the index of the first
 * token of each sentence into *starts (growable) and sets *nsent. */
int ent__split_sentences(const ent_allocator *a, const char *s,
                         const ent__token *t, size_t nt, uint32_t **starts,
                         size_t *nsent, size_t *cap);

/* Tokenise a dictionary phrase into lower-cased words written to out as
 * NUL-separated strings, with one case-class byte each in cls (0 any, 1
 * capitalised, 2 all capitals, 3 the exact form: "mouse!"). Returns the
 * number of words or < 0. */
int ent__phrase_words(const ent_allocator *a, const char *s, size_t n,
                      ent__buf *out, ent__buf *cls);

/* Lower-case ASCII letters of s into dst (n bytes). */
void ent__lower(char *dst, const char *s, size_t n);

/* ---- lemmas (lemma.c) ---------------------------------------------- */

typedef struct ent__lemmatizer ent__lemmatizer;

int ent__lemma_load(const ent_allocator *a, const char *dir,
                    ent__lemmatizer **out, char *err, size_t errlen);
void ent__lemma_free(const ent_allocator *a, ent__lemmatizer *lm);

/* Verb and noun lemma of a lower-case word. Returns the lemma and its
 * length in *len, pointing into the lemmatizer's tables or at word itself,
 * or NULL when WordNet knows no such verb (noun). */
const char *ent__lemma_verb(const ent__lemmatizer *lm, const char *w,
                            size_t n, size_t *len);
const char *ent__lemma_noun(const ent__lemmatizer *lm, const char *w,
                            size_t n, size_t *len);
/* Base of a comparative or superlative ("better" -> "good", "later" ->
 * "late"), or NULL. */
const char *ent__lemma_adj(const ent__lemmatizer *lm, const char *w,
                           size_t n, size_t *len);

/* The WordNet word classes a lower-case word can belong to (inflected
 * forms included for nouns and verbs, by WordNet's own morphy: without
 * ent__lemma_verb's spelling test, as the committed models were trained):
 * ENT_WN_* bits, 0 when unknown or lm is NULL. The tagger and parser use
 * them for words they never saw. */
#define ENT_WN_NOUN 1u
#define ENT_WN_VERB 2u
#define ENT_WN_ADJ 4u
#define ENT_WN_ADV 8u
unsigned ent__lemma_classes(const ent__lemmatizer *lm, const char *w,
                            size_t n);

/* ---- compiled dictionaries (lexicon.c) ----------------------------- */

/* Function-word classes (dict->fclass), used by the coder. */
#define ENT_FW_DET 0x001u     /* the, a, its, their, 's: next word a noun */
#define ENT_FW_LOCPREP 0x002u /* in, at, near: a place adverbial follows */
#define ENT_FW_BE 0x004u      /* is, was, been: passive auxiliary */
#define ENT_FW_CLAUSE 0x008u  /* after, while, which, who: a clause starts */
#define ENT_FW_CONJ 0x010u    /* and, or */
#define ENT_FW_AUX 0x020u     /* has, did, will, would: a verb group */
#define ENT_FW_PREP 0x040u    /* of, for, on, with: a noun phrase follows */
#define ENT_FW_PRON 0x080u    /* it, he, they */
#define ENT_FW_LINK 0x100u    /* of, from, for: agent-of-country links */
#define ENT_FW_BY 0x200u      /* by: passive agent */
#define ENT_FW_THAT 0x400u    /* that: complementiser or determiner */
#define ENT_FW_POSSPRON 0x800u /* its, their, his, her, our: possessive */

/* Function words with fixed ids: fw[ENT_W_...]. */
enum { ENT_W_S = 0, ENT_W_THE, ENT_W_WITH, ENT_W_IN,
       ENT_W_GAP, /* "*" as a phrase word of an actor: a gap (TABARI's
                     "ITHILEN TELEVISION", imported) */
       ENT_FW_NWORDS };

/* A dated code line of an actor entry. */
typedef struct ent__actor_code {
    char code[ENT_ACTOR_MAX];
    int32_t from, to; /* days since 0000-03-01; INT32_MIN/MAX when open */
    const char *role; /* may be "" */
    const char *src;  /* "leaders-a.actors:124", the code line */
} ent__actor_code;

typedef struct ent__actor {
    const char *name; /* first phrase, for explain */
    const char *src;  /* "leaders-a.actors:120" */
    uint32_t first, ncodes; /* range in dict->codes */
} ent__actor;

/* Payload kinds of a trie terminal. */
enum { ENT_TRIE_ACTOR = 1, ENT_TRIE_AGENT, ENT_TRIE_CONTEXT,
       ENT_TRIE_DISCARD };

/* Context kinds. */
enum { ENT_CONTEXT_NEGATION = 1, ENT_CONTEXT_HYPOTHETICAL,
       ENT_CONTEXT_FUTURE, ENT_CONTEXT_INTENT };

/* Context bit of an intent marker ("pledged to", "is ready to") while an
 * event is coded; never in an ent_event (code.c turns it into the
 * intent's code, or into ENT_CTX_FUTURE). */
#define ENT__CTX_INTENT 0x100u

/* A token trie: node 1 is the root; children found through edges keyed by
 * (node << 32 | word id); each edge value is (child << 2 | case class). */
typedef struct ent__trie {
    ent__imap edges;
    uint32_t *term; /* per node: payload index + 1, or 0 */
    uint32_t *depth;
    size_t nnodes, cap;
    int gaps; /* some phrase holds the gap word "*" (ENT_W_GAP) */
} ent__trie;

/* Element of a compiled verb pattern. */
enum { ENT_PE_WORD = 1, ENT_PE_ALT, ENT_PE_GAP, ENT_PE_TARGET,
       ENT_PE_SOURCE, ENT_PE_SYN,
       ENT_PE_SKIP,     /* '^': an actor that is neither source nor target */
       ENT_PE_COMPOUND  /* '%': a compound whose members act on each
                           other */ };

/* A 256-bit Bloom signature of word ids: bit ent__wbit(id) is set for
 * every word. The coder builds one per sentence and skips a pattern when
 * one of its words or alternative sets cannot be in the sentence. */
#define ENT_BLOOM_WORDS 4
static inline unsigned ent__wbit(uint32_t w)
{
    return (unsigned)((w * 2654435761u) >> 24);
}

typedef struct ent__pelem {
    uint8_t type;
    uint32_t nwords;  /* ENT_PE_WORD: 1, ENT_PE_ALT: alternatives */
    uint32_t words;   /* index into dict->pwords; ENT_PE_SYN: synset id */
    uint64_t bloom[ENT_BLOOM_WORDS]; /* signature of words */
} ent__pelem;

/* Special pattern codes of imported dictionaries: the sentence is
 * complex ("+++") or discarded ("###") and codes nothing. */
enum { ENT_PS_EVENT = 0, ENT_PS_COMPLEX, ENT_PS_DISCARD };

typedef struct ent__pattern {
    const ent_cameo *cameo;  /* NULL: a discard pattern ("---") */
    const ent_cameo *cameo2; /* paired code "032:033": coded target ->
                                source as well; NULL when none */
    uint32_t elems, nelems; /* range in dict->pelems (after the anchor) */
    uint32_t pre, npre;     /* elements before the anchor, nearest first */
    uint32_t anchor;        /* word id of the anchor verb */
    unsigned sym : 1;
    unsigned sub : 1;       /* subordinate ([sub], TABARI's "023?"): coded
                               only when its sentence has no other event */
    unsigned status : 2;    /* ENT_PS_* */
    uint16_t weight;        /* specificity: its non-gap elements plus the
                               anchor; the heaviest match wins */
    const char *text;       /* pattern as written */
    const char *src;        /* "verbs.txt:12" */
} ent__pattern;

typedef struct ent__agent {
    char sector[8];
    int prefix; /* "NGM~": the sector goes before the country code */
    const char *src;
} ent__agent;

/* Coding options (docs/dictionaries.md, "Options"): a dictionary's
 * options.txt gives their defaults, ent_coder_set_option() changes them
 * for one coder. */
#define ENT__BY_VERB 0     /* every verb pattern that finds its actors */
#define ENT__BY_CLAUSE 1   /* the first event of each clause (TABARI) */
#define ENT__BY_SENTENCE 2 /* the first event of the sentence */
#define ENT__BY_ALL 3      /* TABARI's CODE ALL: every verb, a complement
                              too, with its clause's source */
#define ENT__COMMA_MIN 0  /* a phrase between two commas */
#define ENT__COMMA_MAX 1
#define ENT__COMMA_BMIN 2 /* from the start of the sentence to a comma */
#define ENT__COMMA_BMAX 3
#define ENT__COMMA_EMIN 4 /* from a comma to the end */
#define ENT__COMMA_EMAX 5
typedef struct ent__opts {
    unsigned char reciprocal;       /* a compound source without a target
                                       codes its members with each other */
    unsigned char place_targets;    /* "arrived in Gondor": a place
                                       adverbial may be the target */
    unsigned char compound_target;  /* a '%' compound after the verb, with
                                       an actor before it, is the target
                                       (PETRARCH), not a mutual act
                                       (TABARI) */
    unsigned char possessive_verbs; /* "raised its voice": a verb pattern
                                       may start after a possessive */
    unsigned char require_dyad;     /* 0: a missing source or target is
                                       coded as "---" (PETRARCH) */
    unsigned char detect_language;  /* paragraphs not in English are not
                                       coded (ent_lang_detect) */
    unsigned char domestic_agents;  /* a domestic sector alone ("police",
                                       "protesters") takes the country of
                                       the event's other actor */
    unsigned char reported_nouns;   /* a noun use of a verb anchor
                                       ("talks", "visit") is coded only
                                       where the parse shows it reports
                                       the event, as other event nouns */
    unsigned char tabari_endings;   /* a verb anchor also matches itself
                                       plus "es" or "en" ("departes",
                                       "departen"), as TABARI's regular
                                       endings do */
    unsigned char nested_events;    /* a verb's "to" complement that codes
                                       an event replaces the verb's own
                                       event ("will be hosting Osgiliath
                                       to celebrate Tabaski"), as
                                       PETRARCH-2 keeps the nested event
                                       of two coded verbs */
    unsigned char tabari_agents;    /* an agent joins a country actor only
                                       right after it or its "'s" (TABARI),
                                       not across modifiers ("Dagolath's
                                       first Deputy Prime Minister") */
    unsigned char convert_agents;   /* an agent with no actor of its own
                                       ("police said") is an actor, with
                                       no country (TABARI's SET: CONVERT
                                       AGENTS; its default is no) */
    unsigned char tabari_pronouns;  /* TABARI's pronoun rules ("he": the
                                       sentence's first actor; before any
                                       actor, the previous sentence's) */
    unsigned complex_verbs;         /* TABARI's complexity filter: a
                                       sentence with this many verbs (0:
                                       off) codes nothing, */
    unsigned complex_conj;          /* ... nor one with this many
                                       conjunctions (0: off), */
    unsigned char complex_noactprior; /* ... nor one with no actor before
                                       its first verb */
    unsigned code_by;               /* ENT__BY_* */
    unsigned min_words;             /* shorter sentences are not coded */
    unsigned comma[6];              /* ENT__COMMA_*: lengths in words of
                                       comma-delimited phrases dropped
                                       before coding (TABARI, PETRARCH) */
    unsigned char default_prior;    /* the default source stands in for
                                       any verb with no actor before it;
                                       no (TABARI's DEFAULT without
                                       PRIOR): the first actor after the
                                       verb is its source first */
    char def_source[ENT_ACTOR_MAX]; /* for a verb with no source ("") */
    char def_target[ENT_ACTOR_MAX]; /* for a verb with no target ("") */
} ent__opts;

/* The defaults of entente's own dictionaries. */
void ent__opts_init(ent__opts *o);

/* The code a negated event of c is coded as (negations.txt), or NULL:
 * such an event is then dropped. */
const ent_cameo *ent__cameo_negated(const ent_dict *d, const ent_cameo *c);

/* Set option name to value (as written in options.txt); ENT_EINVAL with a
 * message in err for an unknown name or a bad value. */
int ent__opts_set(ent__opts *o, const char *name, const char *value,
                  char *err, size_t errlen);

/* The language of text[0..len) by CLD2 (src/cld2.cc): its ISO 639-1 code
 * ("en", "fr"; "un" when unknown) in code, and whether CLD2 is sure. */
int ent__cld2_detect(const char *text, size_t len, char code[8],
                     int *reliable);

/* The text of an HTML fragment (a feed item's description) or of plain
 * text, boilerplate pruned and white space collapsed, appended to out. */
int ent__html_plain(const char *html, size_t len, const ent_allocator *alloc,
                    ent__buf *out);

/* One coding option, as TABARI's .options commands translate. */
typedef struct ent__optpair {
    const char *name;          /* "minimum_words", "code_by", ... */
    char value[ENT_ACTOR_MAX]; /* "8", "sentence", "USA", "none" */
} ent__optpair;

/* Translate a TABARI options command ("SET: MINIMUM WORDS = 4", "SET:
 * CODE BY SENTENCE", "DEFAULT: SOURCE [USA] PRIOR TARGET [WLD] AFTER",
 * "DEFAULT: OFF", "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR") into entente's coding options: returns how many pairs
 * it wrote to out (at most 6), 0 for a command without a counterpart. */
size_t ent__tabari_option(const char *cmd, ent__optpair out[6]);

typedef struct ent__ctxmark {
    int kind;
    const char *src;
} ent__ctxmark;

struct ent_dict {
    ent_allocator alloc;
    ent__arena arena; /* names, sources, roles */
    ent__strtab words;
    ent__lemmatizer *lemma;

    ent__trie actors, agents, context, discards;
    ent__trie syn;       /* every synset, each from its own root node */
    uint32_t *syn_root;  /* synset id -> root node in syn */
    size_t nsyn, capsyn;
    ent__strtab syn_idx; /* "&name" -> synset id + 1 */
    size_t nstems;       /* dictionary words ending in '*' (prefixes) */
    size_t stem_maxlen;
    ent__opts opts; /* options.txt: the coder's option defaults */
    ent__actor *actor;
    size_t nactor, capactor;
    ent__actor_code *codes;
    size_t ncodes, capcodes;
    ent__agent *agent;
    size_t nagent, capagent;
    ent__ctxmark *ctx;
    size_t nctx, capctx;

    ent__pattern *pat;
    size_t npat, cappat;
    ent__pelem *pelems;
    size_t npelems, cappelems;
    uint32_t *pwords;
    size_t npwords, cappwords;
    ent__imap anchors; /* anchor word id -> (first pattern + 1) */
    uint32_t *pnext;   /* next pattern with the same anchor, + 1 */
    size_t cappnext;
    ent__imap fclass;  /* word id -> ENT_FW_* bits of function words */

    ent_cameo *cameo;
    size_t ncameo, capcameo;
    ent__strtab cameo_idx; /* code -> index + 1 */
    uint32_t *cameo_neg;   /* code index -> its negation's index + 1, or 0
                              (negations.txt); NULL without the file */
    size_t capneg;

    uint32_t fw[ENT_FW_NWORDS]; /* ids of the words in ent__fw_words */
    ent_dict_stats stats;
};

/* Walk one trie edge from node on word id w for a token with flags tf;
 * returns the child node or 0. An edge's case class (the low two bits of
 * its value) is 0 any case, 1 capitalised, 2 all capitals, 3 this exact
 * form in any case ("mouse!": w must be the token's form, ENT_TOK_FORM). */
uint32_t ent__trie_step(const ent__trie *t, uint32_t node, uint32_t w,
                        uint32_t tf);

/* Days since 0000-03-01 of a "YYYY-MM-DD" date (validated). */
int ent__date_days(const char *s, int32_t *days);
/* Calendar arithmetic of date.c, shared with when.c: day numbers since
 * 0000-03-01 from and to the proleptic Gregorian calendar; days in month m
 * (1-12) of year y; whether y-m-d is a real day of years 1 to 9999. */
int32_t ent__days_from_civil(int y, int m, int d);
void ent__civil_from_days(int32_t days, int *y, int *m, int *d);
int ent__days_in_month(int y, int m);
int ent__valid_ymd(int y, int m, int d);
/* Write a valid y-m-d as "YYYY-MM-DD" and a NUL (11 bytes). */
void ent__format_ymd(int y, int m, int d, char out[11]);
/* Whether when.c's keyword table is sorted for bsearch (a unit test). */
int ent__when_table_ok(void);

/* ---- store internals shared with analyze.c (store.c) -------------- */

/* The store's SQLite handle (owned by the store). */
struct sqlite3 *ent__store_db(ent_store *st);
/* The SQL condition selecting actor arg ("CHN", "CHNGOV", "CHN*MIL") on
 * side col ("source" or "target") of the merged_rows table (an actor id:
 * codes are looked up in the actors table), written to out; ENT_EINVAL
 * (with the store's error message) for a bad actor or a condition longer
 * than outlen. */
int ent__store_actor_cond(ent_store *st, const char *arg, const char *col,
                          char *out, size_t outlen);
/* Day number of the first (last, when end) day of "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD"; ENT_EINVAL for anything else. */
int ent__bound_day(const char *s, int end, int32_t *day);
/* The period (ENT_BY_*) holding day: its label ("2022-02", "2022-Q1",
 * "2022", or the day or week's Monday "2022-01-31") and its key: the day
 * number of the day or Monday, y * 12 + m, y * 4 + quarter, or y. */
int32_t ent__period_of(int32_t day, int by, char label[11]);
/* The first day of the period (ENT_BY_*) after the one holding day. */
int32_t ent__period_next(int32_t day, int by);

/* ---- statistics of the dyad analysis (analyze.c) ------------------- */

/* Pearson correlation of x[t] with y[t + lag] over the t where both
 * exist (n - |lag| pairs, written to *npairs when not NULL); NAN when
 * fewer than 3 pairs or a series is constant over them. */
double ent__an_corr_lag(const double *x, const double *y, size_t n, int lag,
                        size_t *npairs);
/* Ordinary least squares of y[0..n) on the p columns of the row-major
 * n x p matrix X (put a column of ones in it for an intercept; p <= 8):
 * coefficients in beta[0..p) and their standard errors in se[0..p) (may
 * be NULL). ENT_EINVAL when n <= p or X'X is singular. */
int ent__an_ols(const double *X, size_t n, size_t p, const double *y,
                double *beta, double *se);
/* The 97.5% quantile of Student's t with df degrees of freedom (a table
 * to 30, a Cornish-Fisher expansion beyond; NAN for df < 1). */
double ent__an_t975(double df);
/* Wilson's 95% interval for a binomial proportion k / n (0 and 1 when
 * n == 0). */
void ent__an_wilson(uint64_t k, uint64_t n, double *lo, double *hi);
/* Benjamini-Hochberg adjusted p-values (q-values) of p[0..n) into q
 * (which must not overlap p); NAN p-values stay NAN and do not count as
 * tests. */
void ent__an_bh(const double *p, size_t n, double *q);
/* A statistic of a shifted series xs[0..n) (the other data in ud). */
typedef double (*ent__an_stat)(void *ud, const double *xs);
/* Circular-shift permutation test: the two-sided p-value of obs =
 * f(ud, x) against f of x rotated by s (xs[t] = x[(t + s) mod n]) for s
 * in min_shift .. n - min_shift: every such shift when there are at most
 * nperm of them, else nperm shifts drawn with the xorshift state *seed.
 * p = (1 + #{|f(shift)| >= |obs|}) / (1 + shifts used). scratch holds n
 * doubles. NAN when obs is NAN or fewer than 19 shifts are possible. */
double ent__an_shift_test(const double *x, size_t n, size_t min_shift,
                          size_t nperm, uint64_t *seed, ent__an_stat f,
                          void *ud, double obs, double *scratch);

/* ---- treebanks (treebank.c) --------------------------------------- */

/* One syntactic word of a gold sentence. Strings live in the treebank. */
typedef struct ent__tbtoken {
    const char *form, *lemma;
    const char *upos, *xpos, *deprel; /* interned in tb->tags */
    int head;                         /* 0 for the root, else 1-based */
} ent__tbtoken;

typedef struct ent__tbsent {
    uint32_t first, n;  /* tokens first .. first+n-1 */
    const char *text;   /* "# text = ..." or NULL */
    unsigned newpar;    /* a "# newpar" or "# newdoc" comment precedes it */
    unsigned long line; /* line of its first word, for messages */
} ent__tbsent;

/* A CoNLL-U treebank in memory; zero-initialise before the first read.
 * Several files may be read into one treebank. */
typedef struct ent__treebank {
    ent__tbtoken *tok;
    size_t ntok, captok;
    ent__tbsent *sent;
    size_t nsent, capsent;
    ent__strtab tags;
    ent__arena arena;
} ent__treebank;

/* Append the sentences of the CoNLL-U file at path to tb. Errors name
 * "path:line" in err; on error tb keeps the sentences read before the
 * bad one and must still be freed. */
int ent__treebank_read(const ent_allocator *a, const char *path,
                       ent__treebank *tb, char *err, size_t errlen);
void ent__treebank_free(const ent_allocator *a, ent__treebank *tb);
/* The number of words of tb's longest sentence (for buffers). */
size_t ent__treebank_longest(const ent__treebank *tb);

/* ---- tagger (tagger.c) --------------------------------------------- */

/* Train a tagger on the sentences of tb (the parser trains fold taggers on
 * parts of its treebank with this). On success *out owns the tagger. */
int ent__tagger_train_tb(const ent_allocator *a, const ent__treebank *tb,
                         int iterations, uint64_t seed,
                         const ent__lemmatizer *lm, ent_tagger **out);
/* Load a tagger that borrows the WordNet classes of lm (which must
 * outlive it) instead of reading WordNet again. */
int ent__tagger_load_lm(const char *path, const ent__lemmatizer *lm,
                        const ent_allocator *a, ent_tagger **out, char *err,
                        size_t errlen);

/* ---- parser (parser.c) --------------------------------------------- */

/* Run the parser's transition system on the gold heads gold[0..n) (1-based
 * heads, 0 the root), always taking the cheapest move of the dynamic
 * oracle, and write the tree it builds to heads. Returns ENT_OK when that
 * tree is the gold one (always, for a projective tree), 1 when not, or
 * ENT_ENOMEM. For tests of the transition system. */
int ent__parser_oracle(const ent_allocator *a, const int *gold, int n,
                       int *heads);
/* Whether relations a and b agree before any ':' subtype. */
int ent__same_univ_rel(const char *a, const char *b);
/* Make the tree heads[0..n) projective the way training does (lifting
 * crossed arcs to the grandparent). Returns ENT_OK or ENT_ENOMEM. */
int ent__parser_lift(int *heads, int n);

/* ---- averaged perceptron (perceptron.c) ---------------------------- */

#define ENT_PC_MAXCLASS 255 /* classes per classifier, a format limit */

/* A classifier frozen for scoring. Its rows live in open-addressing
 * tables of one of two layouts:
 *  - slots (32-bit key << 32 | count << 24 | offset; 0: empty) pointing
 *    at packed entries (16-bit weight << 16 | class; weight = entry
 *    weight * scale): one slot and one run of entries per feature;
 *  - for a classifier of at most three classes (the parser's moves),
 *    cells of key and three weights, five to a 64-byte line: one cache
 *    line per feature.
 * Model files list rows most-used first (counted on the training data
 * after training), and the first ENT_FZ_HOT rows go to a hot table small
 * enough to stay in cache; the others to a cold table, behind a Bloom
 * filter of its keys, so that a feature the model lacks (a quarter of the
 * parser's look-ups) costs no memory access beyond the cache. All features
 * of a decision are prefetched before any is read, at each level. */
#define ENT_FZ_HOT 131072

typedef struct ent__fzcell {
    uint32_t key; /* 0: empty */
    int16_t w[3];
    uint16_t unused;
} ent__fzcell;

typedef struct ent__fzline {
    ent__fzcell c[5];
    uint32_t unused;
} ent__fzline;

/* One open-addressing table, of slots or of cells. */
typedef struct ent__fztab {
    uint64_t *slots;
    ent__fzline *lines;
    void *linemem; /* the allocation lines is aligned within */
    size_t mask;   /* slots - 1, or lines - 1 */
    size_t rows;   /* rows held */
} ent__fztab;

/* A blocked Bloom filter: four bits of one 64-bit word per key. */
typedef struct ent__bloom {
    uint64_t *w;
    size_t mask;
} ent__bloom;

typedef struct ent__fz {
    ent__fztab hot, cold;
    ent__bloom coldkeys;
    uint32_t *entries; /* slot layout: the hot rows' entries first */
    float scale;
} ent__fz;

/* Several frozen classifiers merged into one table for the features they
 * share: one look-up gives every classifier's weights for a feature, as
 * entries of 16-bit weight << 16 | merged class (the class plus the
 * classifier's offset), the weight times cscale[merged class]. The tagger
 * looks its word features up once for its three passes. Hot and cold as
 * in ent__fz (a key is hot when it is hot in any of the classifiers). */
typedef struct ent__wtab {
    ent__fztab hot, cold; /* slots: key << 32 | count << 24 | offset */
    ent__bloom coldkeys;
    uint32_t *e;
    float *cscale;
} ent__wtab;

/* One multi-class classifier: feature rows of nclass weights. */
typedef struct ent__pc {
    int nclass;
    char *names[ENT_PC_MAXCLASS];
    ent__imap rows;   /* feature key -> row + 1 */
    float *w;         /* rows x nclass */
    size_t nrows, caprows;
    double *total;    /* training only: averaging accumulators */
    uint32_t *stamp;
    uint32_t *use;    /* after training: how often each of the first nuse
                         rows was looked up (ent__pc_count); the model
                         file lists rows by it, most used first */
    size_t nuse;
    int key32;        /* thawed (ent__pc_thaw): rows keyed by the upper 32
                         bits of a feature key only, as in a model file */
    float qscale;     /* thawed: the file's weight scale, kept on writing */
    ent__fz fz;       /* set when read from a model file (then rows and w
                         are empty: it scores but cannot learn or be
                         saved again) */
} ent__pc;

/* Lower-case a word and fold digits to '0' (the form features see). */
void ent__pc_norm_word(const char *w, char *out, size_t outlen);
/* Feature key of template t over up to three hashed values. */
static inline uint64_t ent__pc_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}
/* The key is mix(t * G ^ ka(a) ^ kb(b) ^ kc(c)): a caller that sees the
 * same value in the same place often (a word's form, in every parser
 * move) computes its part once and calls ent__pc_key3m. */
static inline uint64_t ent__pc_ka(uint64_t a)
{
    return ent__pc_mix(a + 0x632be5ab);
}
static inline uint64_t ent__pc_kb(uint64_t b)
{
    return ent__pc_mix(b * 0x85ebca6bULL + 1) * 3;
}
static inline uint64_t ent__pc_kc(uint64_t c)
{
    return ent__pc_mix(c * 0xc2b2ae35ULL + 2) * 5;
}
static inline uint64_t ent__pc_key3m(int t, uint64_t ka, uint64_t kb,
                                     uint64_t kc)
{
    return ent__pc_mix((uint64_t)t * 0x9E3779B97F4A7C15ULL ^ ka ^ kb ^ kc);
}
static inline uint64_t ent__pc_key3(int t, uint64_t a, uint64_t b, uint64_t c)
{
    return ent__pc_key3m(t, ent__pc_ka(a), ent__pc_kb(b), ent__pc_kc(c));
}
/* The best class for features f (among valid[c] != 0 when valid is not
 * NULL); score receives every class's score. */
int ent__pc_best(const ent__pc *m, const uint64_t *f, int nf,
                 const unsigned char *valid, double *score);
/* The same for a frozen classifier, with base[c] added to every class's
 * score (the share of features already looked up in a merged table). */
int ent__pc_best_base(const ent__pc *m, const uint64_t *f, int nf,
                      const float *base, double *score);
/* Merge the n frozen classifiers ms[] into t (classifier i's classes
 * numbered after those of ms[0..i-1]). */
int ent__wtab_build(const ent_allocator *a, const ent__pc *const *ms, int n,
                    ent__wtab *t);
/* Add the weights of features f to acc (one float per merged class). */
void ent__wtab_add(const ent__wtab *t, const uint64_t *f, int nf, float *acc);
void ent__wtab_free(const ent_allocator *a, ent__wtab *t);
/* Index of class name, added when new; -1 when full or out of memory. */
int ent__pc_class(const ent_allocator *a, ent__pc *m, const char *name);
/* Row of feature key, created if absent (0: out of memory). */
uint32_t ent__pc_row(const ent_allocator *a, ent__pc *m, uint64_t key);
void ent__pc_update(ent__pc *m, uint32_t row, int c, float delta,
                    uint32_t now);
/* Perceptron update at time now when pred != gold. */
int ent__pc_learn(const ent_allocator *a, ent__pc *m, const uint64_t *f,
                  int nf, int gold, int pred, uint32_t now);
/* Count a look-up of features f in m's rows (m->use), for the order of
 * rows in the model file. */
int ent__pc_count(const ent_allocator *a, ent__pc *m, const uint64_t *f,
                  int nf);
/* Turn a classifier read from a model file back into rows that score
 * alike, so that its rows can be counted (ent__pc_count) and written again
 * with the same quantised weights, in a new order. */
int ent__pc_thaw(const ent_allocator *a, ent__pc *m);
/* Replace weights by their averages over time now; frees accumulators. */
void ent__pc_average(const ent_allocator *a, ent__pc *m, uint32_t now);
void ent__pc_free(const ent_allocator *a, ent__pc *m);
/* Add the averaged weights of src to the averaged classifier dst (the
 * same classes, in the same order); scale every weight of m by k. For
 * ensembles of classifiers trained with different seeds. */
int ent__pc_add(const ent_allocator *a, ent__pc *dst, const ent__pc *src);
void ent__pc_scale(ent__pc *m, float k);
/* The next number of the xorshift sequence in *seed (not 0). */
uint64_t ent__pc_rand(uint64_t *seed);
/* Deterministic shuffle (xorshift seeded by *seed). */
void ent__pc_shuffle(size_t *v, size_t n, uint64_t *seed);
/* Write a trained classifier to a model file, 16-bit weights, rows whose
 * weights are all below prune dropped; read one back as a frozen table
 * (layout in perceptron.c). */
int ent__pc_write(const ent__pc *m, FILE *f, float prune);
int ent__pc_read(const ent_allocator *a, ent__pc *m, FILE *f);

/* A model file: 8 bytes of magic, then the n classifiers ms[] in order,
 * nothing after. Save refuses classifiers that were loaded (ENT_EINVAL).
 * Load reads into zeroed classifiers; on failure they must still be freed,
 * and err says "PATH: not an entente WHAT model" for a bad file. */
int ent__model_save(const char *path, const char *magic, ent__pc *const *ms,
                    int n, float prune, char *err, size_t errlen);
int ent__model_load(const char *path, const char *magic, const char *what,
                    const ent_allocator *a, ent__pc *const *ms, int n,
                    char *err, size_t errlen);

/* ---- drawing (plot.c) ------------------------------------------------ */

/* A cairo surface that renders into memory (PNG or SVG), shared by the
 * charts and the network drawing. cr is the cairo context (cairo_t). */
typedef struct ent__canvas {
    struct _cairo *cr;
    struct _cairo_surface *surface;
    const ent_allocator *alloc; /* of buf */
    ent__buf buf;               /* the bytes written so far */
    int format;                 /* ENT_PLOT_* */
    int w, h;
    int nomem;                  /* an allocation failed: ent__canvas_end()
                                   reports ENT_ENOMEM */
} ent__canvas;

/* Make a white w x h canvas. ENT_EIO when cairo cannot (nothing to
 * release then). */
int ent__canvas_begin(ent__canvas *cv, int format, int w, int h,
                      const ent_allocator *a);
/* Finish: the PNG or SVG (an SVG with <title> and <desc> from title and
 * desc, which may be NULL) goes to *out (allocated with the canvas's
 * allocator), *len bytes. The canvas is released either way. ENT_ENOMEM
 * or ENT_EIO (a cairo error). */
int ent__canvas_end(ent__canvas *cv, const char *title, const char *desc,
                    unsigned char **out, size_t *len);
/* Release a canvas without output. */
void ent__canvas_abort(ent__canvas *cv);
/* Text in the "sans-serif" family: select size and weight; measure;
 * draw with its baseline at y, aligned at x by align (0 left, 0.5
 * centre, 1 right). */
void ent__canvas_font(ent__canvas *cv, double size, int bold);
double ent__canvas_text_width(ent__canvas *cv, const char *s);
void ent__canvas_text(ent__canvas *cv, double x, double y, double align,
                      const char *s);
/* Colour i of the colour-blind-safe palette (Okabe-Ito), RGB 0..1. */
void ent__plot_colour(size_t i, double rgb[3]);
/* ent_plot_render() with the output allocated by a (NULL: malloc), so
 * tests can fail allocations. */
int ent__plot_render(const ent_plot *p, int format, const ent_allocator *a,
                     unsigned char **out, size_t *len, char *err,
                     size_t errlen);
/* What is wrong with net (NULL, arrays missing, an edge to a node that
 * does not exist), or NULL when it can be used. */
const char *ent__network_check(const ent_network *net);
/* ent_network_render() with the output allocated by a (NULL: malloc). */
int ent__network_render(const ent_network *net, int format,
                        const char *title, const char *subtitle, int width,
                        int height, const ent_allocator *a,
                        unsigned char **out, size_t *len, char *err,
                        size_t errlen);
/* Write b[0..n) to the file at path; ENT_EIO with "PATH: reason" in err. */
int ent__write_bytes(const char *path, const unsigned char *b, size_t n,
                     char *err, size_t errlen);

/* ---- the store's actor pairs (store.c), for network.c ----------------- */

/* The store's allocator (NULL: malloc). */
const ent_allocator *ent__store_alloc(const ent_store *st);
/* Record msg as the store's error (ent_store_errmsg()); returns rc. */
int ent__store_fail(ent_store *st, int rc, const char *msg);
/* Called per merged event with its source and target nodes, 1 (or its
 * mentions) and its Goldstein score (times the mentions): the same pair
 * comes many times. A nonzero return stops the query and is returned. */
typedef int (*ent__pair_fn)(void *ud, const char *a, const char *b,
                            uint64_t events, double goldstein);
/* The factual merged events between dates from and to (NULL: open), by
 * source and target node at level (ENT_NET_*; events of a node with
 * itself and actors without a node left out), in the table's order.
 * ENT_EINVAL for a bad date, ENT_EIO. */
int ent__store_pairs(ent_store *st, const char *from, const char *to,
                     int level, int mentions, ent__pair_fn fn, void *ud);

#endif /* ENTENTE_INTERNAL_H */
