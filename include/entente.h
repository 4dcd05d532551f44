/*
 * entente.h -- the public interface of libentente, a political event coder.
 *
 * A document goes through these stages: text (normalise, split sentences,
 * tokenise), lexicon (look tokens up in the compiled dictionaries, lemmas),
 * code (actors, verb patterns, events) and cameo (code tables). This header
 * is the reference manual: every declaration states its contract.
 *
 * Conventions: functions return ENT_OK (0) or a negative ENT_E* code;
 * detail goes into a caller-supplied buffer or the handle's ent_*_errmsg().
 * Inputs are borrowed. Whatever a function hands back through an out-pointer
 * is owned as stated; out-pointers are set to NULL on failure. The library
 * never prints and never exits.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ENT_VERSION "0.1.0"

/* Status codes. Their meanings never change. */
#define ENT_OK 0
#define ENT_ENOMEM (-1)  /* an allocation failed */
#define ENT_EINVAL (-2)  /* a bad argument (NULL handle, bad date...) */
#define ENT_EIO (-3)     /* a file could not be opened or read */
#define ENT_EFORMAT (-4) /* a dictionary or input file is malformed */
#define ENT_EUTF8 (-5)   /* text is not valid UTF-8 or contains NUL */

/* Return a static English description of status code rc. */
const char *ent_strerror(int rc);

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

/*
 * One allocation seam, after Lua's lua_Alloc: fn(ud, p, n) must behave as
 * realloc(p, n) when n > 0 and as free(p) (returning NULL) when n == 0.
 * Handles created with an allocator use it for every allocation they make,
 * so tests can fail the Nth allocation. NULL selects the C library.
 */
typedef struct ent_allocator {
    void *(*fn)(void *ud, void *p, size_t n);
    void *ud;
} ent_allocator;

/* ------------------------------------------------------------------ */
/* Dictionaries                                                        */
/* ------------------------------------------------------------------ */

/* Compiled dictionaries: immutable once loaded, shareable between coders
 * and threads. */
typedef struct ent_dict ent_dict;

typedef struct ent_dict_config {
    const char *dict_dir;    /* directory of dictionary files (required) */
    const char *wordnet_dir; /* WordNet dict dir; NULL: /usr/share/wordnet */
    const ent_allocator *alloc; /* NULL: malloc/free */
} ent_dict_config;

/*
 * Load and compile every dictionary file in cfg->dict_dir (see
 * docs/dictionaries.md) and the WordNet lemma tables. On success *out owns
 * the dictionaries; release with ent_dict_free(). On failure *out is NULL,
 * the return code says why and err (if not NULL, errlen bytes) holds a
 * message naming the file and line, e.g. "dict/verbs.txt:12: unknown code".
 */
int ent_dict_load(const ent_dict_config *cfg, ent_dict **out, char *err,
                  size_t errlen);

/* Release dictionaries. NULL is a no-op. No coder may still use them. */
void ent_dict_free(ent_dict *dict);

/* Counts of what was loaded, for `entente dict` and tests. */
typedef struct ent_dict_stats {
    size_t actor_phrases;   /* phrases in *.actors */
    size_t actor_entries;   /* entries (a person with dated roles is one) */
    size_t agent_phrases;
    size_t verb_patterns;
    size_t verb_anchors;    /* distinct anchor verbs */
    size_t context_phrases;
    size_t cameo_codes;
    size_t words;           /* distinct interned words */
    size_t duplicate_phrases; /* phrases already defined by an earlier
                                 entry (the earlier one is kept) */
} ent_dict_stats;

void ent_dict_get_stats(const ent_dict *dict, ent_dict_stats *stats);

/* ------------------------------------------------------------------ */
/* Dictionary import and lint                                          */
/* ------------------------------------------------------------------ */

/* The line callback of warnings and lint reports; the same type as the
 * coder's trace hook below (C11 allows the repeated typedef). */
typedef void (*ent_trace_fn)(void *ud, const char *line);

/* Source formats of ent_dict_import(). */
#define ENT_IMPORT_TABARI 1   /* TABARI .actors .verbs .agents .options */
#define ENT_IMPORT_PETRARCH 2 /* PETRARCH 1 and 2, Phoenix dictionaries */

typedef struct ent_import_config {
    int from;                 /* ENT_IMPORT_* */
    const char *const *files; /* input files; each one's kind comes from
                                 its name (".actors", "verbs", "agents",
                                 ".options", "discards", "issues"; a TABARI
                                 ".project" stands for the files it lists)
                                 or else from its content */
    size_t nfiles;
    const char *out_dir;      /* created if missing */
    const char *cameo_path;   /* entente's cameo.tsv, or NULL */
    const char *context_path; /* entente's context.txt, or NULL */
    int negation_only;        /* copy only context_path's negation markers
                                 (for a set whose negations.txt turns
                                 negated codes into others) */
    const char *wordnet_dir;  /* NULL: /usr/share/wordnet (tells a TABARI
                                 verb stem such as CONTRIBUT from a verb) */
    const ent_allocator *alloc; /* NULL: malloc/free */
} ent_import_config;

/* What an import wrote. dropped counts the source features that were left
 * out and approximated those written in a nearby form (each one warned). */
typedef struct ent_import_stats {
    size_t actors, actor_phrases; /* entries and phrases in imported.actors */
    size_t agents;                /* agent phrases */
    size_t verbs;                 /* verb blocks (roots) read */
    size_t patterns;              /* lines of verbs.txt */
    size_t synsets;               /* named and anonymous */
    size_t discards;              /* lines of discards.txt */
    size_t codes;                 /* rows of cameo.tsv */
    size_t negations;             /* lines of negations.txt */
    size_t dropped, approximated;
    size_t kind[32];              /* per kind of dropped or approximated
                                     feature, named by ent_import_kind() */
} ent_import_stats;

/* The name of kind k of ent_import_stats.kind ("TABARI <TIME> date
 * shifts"), or NULL past the last kind. *approx is set to 1 when such
 * features are approximated, 0 when dropped (approx may be NULL). */
const char *ent_import_kind(int k, int *approx);

/*
 * Convert TABARI or PETRARCH dictionaries into an entente dictionary
 * directory: imported.actors, agents.txt, synsets.txt, verbs.txt,
 * discards.txt, cameo.tsv, negations.txt (from a PETRARCH coding
 * ontology), context.txt and a README.md that lists what was
 * read and every kind of feature dropped, with counts (format and mapping:
 * docs/dictionaries.md and src/import.c). Inputs may be UTF-8 or
 * Latin-1/Windows-1252. The output depends only on the inputs and their
 * order. Every feature that is dropped or approximated calls warn(ud,
 * "file:line: message") when warn is not NULL. st (may be NULL) receives
 * the counts. Errors (ENT_EIO for a file that cannot be read or written,
 * ENT_EFORMAT for a file of unknown kind or a malformed line, ENT_EINVAL,
 * ENT_ENOMEM) put "file:line: reason" in err.
 */
int ent_dict_import(const ent_import_config *cfg, ent_import_stats *st,
                    ent_trace_fn warn, void *ud, char *err, size_t errlen);

/*
 * Check an entente dictionary directory as text, without compiling it:
 * phrases defined twice (the same phrase in two entries: a duplicate with
 * the same code, a conflict with another), verb patterns defined twice or
 * unreachable (identical after normalisation to an earlier pattern of the
 * same anchor), bad dates (no such day, FROM after TO, overlapping ranges
 * in one entry), codes missing from cameo.tsv and references to unknown
 * synsets. Each problem calls report(ud, "file:line: message"); the count
 * goes to *nproblems. Returns ENT_OK when the directory could be read
 * (problems or not), else ENT_EIO / ENT_ENOMEM with the reason in err.
 */
int ent_dict_lint(const char *dict_dir, ent_trace_fn report, void *ud,
                  size_t *nproblems, char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* CAMEO table                                                         */
/* ------------------------------------------------------------------ */

typedef struct ent_cameo {
    const char *code;      /* "057" */
    const char *name;      /* "Sign formal agreement" */
    const char *root;      /* "05" */
    int quad;              /* 0 neutral, 1 verbal coop, 2 material coop,
                              3 verbal conflict, 4 material conflict */
    double goldstein;      /* -10 .. +10 */
    const char *plover;    /* "AGREE", "CONSULT", ... */
} ent_cameo;

/* Look up a CAMEO event code; NULL when the table has no such code. The
 * entry is owned by dict. */
const ent_cameo *ent_cameo_lookup(const ent_dict *dict, const char *code);

/* ------------------------------------------------------------------ */
/* Documents and events                                                */
/* ------------------------------------------------------------------ */

/* A document to code. All fields are borrowed for the duration of the
 * ent_code() call. text need not be NUL-terminated. */
typedef struct ent_doc {
    const char *id;    /* document id, for provenance (may be NULL) */
    const char *date;  /* publication date "YYYY-MM-DD" (required) */
    const char *text;  /* UTF-8 body */
    size_t text_len;
    const char *title; /* may be NULL; not coded */
    const char *meta;  /* other input fields as a JSON object, or NULL */
} ent_doc;

/* Event context flags. */
#define ENT_CTX_HYPOTHETICAL 1u /* might, could, would... */
#define ENT_CTX_FUTURE 2u       /* will, plans to, is expected to... */

/* A byte range [start, end) within the sentence text. */
typedef struct ent_span {
    uint32_t start, end;
} ent_span;

/* Precision of an event date (ent_when.precision). */
#define ENT_DATE_PUB 0   /* no expression found: the publication date */
#define ENT_DATE_DAY 1   /* "on 4 February", "yesterday", "on Tuesday" */
#define ENT_DATE_MONTH 2 /* "in November 2021", "last month" */
#define ENT_DATE_YEAR 3  /* "in 2014", "last year", "three years ago" */
#define ENT_DATE_RANGE 4 /* "since 2003", "between 2014 and 2016", "last
                            week", "in the 1990s", "early 2020" */

/* An event date. date is the day, or the first day of the month, year or
 * range; end is the last day ("" for a day or the publication date). expr
 * is the byte range of the expression in the text searched ({0, 0} for
 * ENT_DATE_PUB). */
typedef struct ent_when {
    char date[11]; /* "YYYY-MM-DD" */
    char end[11];  /* "YYYY-MM-DD" or "" */
    int precision; /* ENT_DATE_* */
    ent_span expr;
} ent_when;

/* Longest actor code we produce (IGOUNODEVWBK and the like) plus NUL. */
#define ENT_ACTOR_MAX 24

/* One coded event. Strings are owned by the coder (valid until its next
 * ent_code() call) or by the dictionaries (cameo, rule). */
typedef struct ent_event {
    uint32_t sent;                  /* sentence index in the document */
    char source[ENT_ACTOR_MAX];     /* "RUSGOV", "IGOWSTNAT", "MIL" */
    char target[ENT_ACTOR_MAX];
    char source_country[4];         /* "RUS"; "" for organisations and
                                       sector-only actors */
    char target_country[4];
    const ent_cameo *cameo;         /* code, root, quad, goldstein, plover */
    unsigned context;               /* ENT_CTX_* bits; 0 = factual */
    ent_span source_span, target_span, verb_span;
    const char *rule;               /* "verbs-01-10.txt:120" */
    const char *pattern;            /* the pattern text that fired */
    ent_when when;                  /* the event's own date: the date
                                       expression of its clause (else of
                                       its sentence) nearest its verb,
                                       resolved against the publication
                                       date (docs/dates.md); expr is
                                       relative to the sentence */
} ent_event;

/* Sentence status: set by imported dictionaries' special entries. */
#define ENT_SENT_CODED 0u   /* coded normally (it may have no events) */
#define ENT_SENT_COMPLEX 1u /* a "+++" pattern: too complex, not coded */
#define ENT_SENT_DISCARD 2u /* a discard phrase or "###" pattern: sport,
                               entertainment..., not coded */
#define ENT_SENT_LANG 4u    /* in a paragraph that is not in English
                               (ent_lang_detect()): not coded */
#define ENT_SENT_REPEAT 3u  /* the same words as an earlier sentence of the
                               document (a pull quote repeated in the
                               body): coded once, there */

/* A sentence: a byte range within the normalised document text. */
typedef struct ent_sentence {
    uint32_t start, end;
    unsigned status; /* ENT_SENT_* */
} ent_sentence;

/* The result of coding one document, owned by the coder and valid until
 * its next ent_code() call or ent_coder_free(). */
typedef struct ent_result {
    const char *text;      /* NFC-normalised document text */
    size_t text_len;
    const ent_sentence *sents;
    size_t nsents;
    const ent_event *events;
    size_t nevents;
    char lang[8];          /* "en" when any paragraph is English, else the
                              language of the first ("fr", "un"...); "" when
                              the option detect_language is off */
} ent_result;

/* ------------------------------------------------------------------ */
/* Coder                                                               */
/* ------------------------------------------------------------------ */

/* Per-thread coding state: scratch buffers and a lemma cache. One coder
 * must not be used by two threads at once; several coders may share one
 * ent_dict. */
typedef struct ent_coder ent_coder;

/* Create a coder over dict (borrowed; it must outlive the coder). On
 * success *out owns the coder; release with ent_coder_free(). */
int ent_coder_new(const ent_dict *dict, ent_coder **out);

/* Release a coder. NULL is a no-op. */
void ent_coder_free(ent_coder *coder);

/* A new coder like c, for another thread: the same dictionaries, parse
 * stage (ent_coder_set_nlp) and options (ent_coder_set_option); no
 * trace. On success *out owns it; release with ent_coder_free(). */
int ent_coder_clone(const ent_coder *c, ent_coder **out);

/*
 * Trace hook for `entente explain`: when set, the coder calls fn(ud, line)
 * with one NUL-terminated line of explanation at a time (tokens, lemmas,
 * actors and the dictionary entries behind them, patterns tried and fired).
 * The line is valid only during the call. fn == NULL turns tracing off.
 */
typedef void (*ent_trace_fn)(void *ud, const char *line);
void ent_coder_set_trace(ent_coder *coder, ent_trace_fn fn, void *ud);

/*
 * Code one document: normalise its text (NFC, typographic quotes and
 * dashes to ASCII), split sentences, find actors and verb patterns and
 * build events. All events are returned, including hypothetical and future
 * ones (see ent_event.context); negated events are never returned.
 * On success *out points at the coder-owned result. Errors: ENT_EUTF8 for
 * invalid UTF-8 or a NUL byte (the byte offset is in ent_coder_errmsg()),
 * ENT_EINVAL for a missing or malformed date, ENT_ENOMEM.
 */
int ent_code(ent_coder *coder, const ent_doc *doc, const ent_result **out);

/*
 * Code with the dependency parse (what `entente code` does unless --fast):
 * when nlp is set (borrowed; it must outlive the coder), every sentence
 * with actors (or an antecedent for its pronouns) whose verb pattern
 * matched is tagged and parsed, and a verb's source, target and voice come
 * from the tree (see src/code.c), falling back to the word-order rules
 * where the tree names no actor. NULL turns it off (the library's
 * default). ent_nlp is the analysis stage's handle (below).
 */
typedef struct ent_nlp ent_nlp;
void ent_coder_set_nlp(ent_coder *coder, const ent_nlp *nlp);

/*
 * Change a coding option for this coder only; the dictionary's options.txt
 * gives the defaults (names and values in docs/dictionaries.md, "Options"):
 * "minimum_words" "8" (shorter sentences are not coded), "code_by"
 * "verb|clause|sentence|all", "default_source"/"default_target" an actor code
 * or "none" (the actor of a verb that has none), "require_dyad" "no" (a
 * missing actor is coded as "---"), "compound_reciprocal",
 * "place_targets", "possessive_verbs" "yes|no", "detect_language"
 * "yes|no" (default yes: paragraphs not in English are not coded). Both
 * strings are borrowed.
 * ENT_EINVAL for an unknown name or a bad value (ent_coder_errmsg() says
 * which); the option is then unchanged.
 */
int ent_coder_set_option(ent_coder *coder, const char *name,
                         const char *value);

/* Restore every option to the dictionary's defaults. */
void ent_coder_reset_options(ent_coder *coder);

/* The detail of the last error of this coder (never NULL). */
const char *ent_coder_errmsg(const ent_coder *coder);

/* ------------------------------------------------------------------ */
/* Ingest: documents from files                                        */
/* ------------------------------------------------------------------ */

/* Input formats. ENT_INPUT_AUTO looks at the file name (.jsonl, .ndjson,
 * .json; .html, .htm; .rss, .atom) and then at the content: a first byte
 * '{' means JSONL; '<' a feed when "<rss" or "<feed" comes in the first
 * kilobyte, else a web page. */
#define ENT_INPUT_AUTO 0
#define ENT_INPUT_TEXT 1  /* the whole file is one document */
#define ENT_INPUT_JSONL 2 /* one JSON object a line: id, date, title, text */
#define ENT_INPUT_LINES 3 /* each non-blank line is a document */
#define ENT_INPUT_HTML 4  /* a web page: its article is one document (title,
                             date and main text by ent_html_extract(); the
                             page's date wins over default_date) */
#define ENT_INPUT_FEED 5  /* an RSS or Atom feed: each item or entry is a
                             document (id: its link or guid; its date;
                             title; text: content, else description or
                             summary, markup removed) */

/* End of input from ent_reader_next(). */
#define ENT_DONE 1

typedef struct ent_reader ent_reader;

typedef struct ent_reader_config {
    int format;               /* ENT_INPUT_* */
    const char *default_date; /* "YYYY-MM-DD" for documents without one,
                                 or NULL (then a missing date is an error) */
    const char *text_date;    /* used for plain-text files when
                                 default_date is NULL (the CLI passes today's
                                 date and warns), or NULL */
    int keep_meta;            /* fill ent_doc.meta from the other JSONL
                                 fields (costs a JSON dump per document) */
    const ent_allocator *alloc;
} ent_reader_config;

/*
 * Open path ("-" is standard input) for reading documents. On success
 * *out owns the reader (ent_reader_free()); on failure *out is NULL and
 * err holds "PATH: reason".
 */
int ent_reader_open(const char *path, const ent_reader_config *cfg,
                    ent_reader **out, char *err, size_t errlen);

/*
 * Read the next document. Returns ENT_OK and sets *doc (owned by the
 * reader, valid until the next call); ENT_DONE at the end; or an error
 * code for a bad document, with ent_reader_errmsg() giving
 * "PATH:LINE: reason". After a bad document the next call goes on with
 * the following one; after ENT_EIO or ENT_ENOMEM reading stops.
 */
int ent_reader_next(ent_reader *r, const ent_doc **doc);

/* The last error message of the reader (never NULL). */
const char *ent_reader_errmsg(const ent_reader *r);

/* The format of the reader's input once resolved (ENT_INPUT_TEXT or
 * ENT_INPUT_JSONL). */
int ent_reader_format(const ent_reader *r);

/* Bytes consumed so far (for progress and throughput figures). */
uint64_t ent_reader_bytes(const ent_reader *r);

/* Release a reader and close its file. NULL is a no-op. */
void ent_reader_free(ent_reader *r);

/* ------------------------------------------------------------------ */
/* Tagger: part of speech (UPOS and Penn XPOS)                         */
/* ------------------------------------------------------------------ */

/* An averaged-perceptron tagger trained on Universal Dependencies;
 * immutable once trained or loaded, shareable between threads. */
typedef struct ent_tagger ent_tagger;

/*
 * Train a tagger on the CoNLL-U files in paths (gold tokens), for the
 * given number of passes, shuffling sentences with seed (the same seed
 * and data give the same model). On success *out owns the tagger. Errors
 * name "file:line" in err (or the WordNet file that could not be read).
 */
int ent_tagger_train(const char *const *paths, size_t npaths, int iterations,
                     uint64_t seed, const char *wordnet_dir,
                     const ent_allocator *alloc,
                     ent_tagger **out, char *err, size_t errlen);

/* Save to / load from a model file (format in src/tagger.c). Training
 * and loading read WordNet's word classes (noun, verb, adjective, adverb)
 * from wordnet_dir (NULL: /usr/share/wordnet), a feature for words the
 * treebank never showed. Only a trained tagger, or one whose rows were
 * ordered (ent_tagger_order_rows()), can be saved (a loaded one holds
 * quantised weights: ENT_EINVAL). */
int ent_tagger_save(const ent_tagger *t, const char *path, char *err,
                    size_t errlen);
int ent_tagger_load(const char *path, const char *wordnet_dir,
                    const ent_allocator *alloc,
                    ent_tagger **out, char *err, size_t errlen);

/* Release a tagger. NULL is a no-op. */
void ent_tagger_free(ent_tagger *t);

/*
 * Count which weights a loaded tagger uses on the sentences of the CoNLL-U
 * files in paths, so that ent_tagger_save() writes the same weights with
 * the most used first (training does this itself; loading keeps the most
 * used in a table small enough to stay in cache). The tagger still tags,
 * alike but more slowly. It changes t: no other thread may use t
 * meanwhile. Errors name "file:line" in err.
 */
int ent_tagger_order_rows(ent_tagger *t, const char *const *paths,
                          size_t npaths, char *err, size_t errlen);

/*
 * Tag n words. upos[i] and xpos[i] (either may be NULL) receive tag names
 * owned by the tagger. Returns ENT_OK or ENT_ENOMEM.
 */
int ent_tagger_tag(const ent_tagger *t, const char *const *words, size_t n,
                   const char **upos, const char **xpos);

/* Accuracy of a tagger on a gold CoNLL-U file, on its gold tokens. */
typedef struct ent_tag_scores {
    size_t sentences, words, upos_ok, xpos_ok;
} ent_tag_scores;

int ent_tagger_eval(const ent_tagger *t, const char *path,
                    ent_tag_scores *scores, char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* Parser: labelled dependency trees (Universal Dependencies)          */
/* ------------------------------------------------------------------ */

/* A greedy arc-hybrid dependency parser scored by averaged perceptrons,
 * trained on Universal Dependencies; immutable once trained or loaded,
 * shareable between threads. */
typedef struct ent_parser ent_parser;

/* Training settings; zero-initialise for the defaults. */
typedef struct ent_parser_train_config {
    int iterations;      /* passes over the treebank (0: 15) */
    uint64_t seed;       /* shuffling and exploration seed (0: 1) */
    int folds;           /* training tags come from taggers trained on the
                            other folds (jackknifing) so that the parser
                            learns from tags as wrong as at parse time;
                            0: 4 folds; 1: gold tags */
    int tagger_iterations; /* passes of each fold tagger (0: 12) */
    const char *wordnet_dir; /* NULL: /usr/share/wordnet */
    int ensemble;        /* train this many parsers (seeds seed, seed +
                            7919, ...) on the same tags and average their
                            weights into one model (0 or 1: one) */
    double prune;        /* the saved model drops features whose weights
                            are all below this (0: keep all) */
    const ent_allocator *alloc; /* NULL: malloc/free */
    /* Called after each pass with the share of moves the model chose
     * correctly on that pass (may be NULL). */
    void (*progress)(void *ud, int pass, double accuracy);
    void *progress_ud;
} ent_parser_train_config;

/*
 * Train a parser on the CoNLL-U files in paths (gold tokens, heads and
 * relations; non-projective trees are skipped). The same data, seed and
 * settings give the same model, byte for byte. On success *out owns the
 * parser (ent_parser_free()). Errors name "file:line" in err.
 */
int ent_parser_train(const char *const *paths, size_t npaths,
                     const ent_parser_train_config *cfg, ent_parser **out,
                     char *err, size_t errlen);

/* Save to / load from a model file (format in src/parser.c). A truncated
 * or foreign file is refused with ENT_EFORMAT. Only a trained parser, or
 * one whose rows were ordered, can be saved (a loaded one holds quantised
 * weights: ENT_EINVAL). */
int ent_parser_save(const ent_parser *p, const char *path, char *err,
                    size_t errlen);
int ent_parser_load(const char *path, const ent_allocator *alloc,
                    ent_parser **out, char *err, size_t errlen);

/* Release a parser. NULL is a no-op. */
void ent_parser_free(ent_parser *p);

/* The same as ent_tagger_order_rows() for a loaded parser, on the
 * sentences of paths tagged by tagger t. */
int ent_parser_order_rows(ent_parser *p, const ent_tagger *t,
                          const char *const *paths, size_t npaths, char *err,
                          size_t errlen);

/*
 * Parse one sentence of n words with their UPOS and XPOS tags (from
 * ent_tagger_tag()). heads[i] receives the 1-based head of word i+1 (0 for
 * the root) and deprel[i] its UD relation, a string owned by the parser.
 * Every word gets a head; exactly one word is the root. Returns ENT_OK,
 * ENT_EINVAL or ENT_ENOMEM.
 */
int ent_parser_parse(const ent_parser *p, const char *const *words,
                     const char *const *upos, const char *const *xpos,
                     size_t n, int *heads, const char **deprel);

/* Scores on a gold CoNLL-U file, on its gold tokens. Tags come from the
 * tagger (or are the gold ones when the tagger is NULL). LAS counts a word
 * whose head and full relation ("nsubj:pass") are right; CLAS-style
 * universal LAS (las_univ) compares only the part before ':' as the
 * CoNLL 2018 shared task did. */
typedef struct ent_parse_scores {
    size_t sentences, words;
    size_t upos_ok, xpos_ok; /* tags right */
    size_t uas_ok;           /* head right */
    size_t las_ok;           /* head and full relation right */
    size_t las_univ_ok;      /* head and universal relation right */
} ent_parse_scores;

int ent_parser_eval(const ent_parser *p, const ent_tagger *t,
                    const char *path, ent_parse_scores *scores, char *err,
                    size_t errlen);

/* ------------------------------------------------------------------ */
/* Analysis: text to sentences, words, tags, lemmas and trees          */
/* ------------------------------------------------------------------ */

/* ent_nlp (declared with the coder above): the tagger, the parser and the
 * lemma tables together; immutable once loaded, shareable between
 * threads. */

typedef struct ent_nlp_config {
    const char *model_dir;   /* holds tagger.bin and parser.bin (required) */
    const char *tagger_path; /* NULL: model_dir/tagger.bin */
    const char *parser_path; /* NULL: model_dir/parser.bin */
    const char *wordnet_dir; /* NULL: /usr/share/wordnet */
    const ent_dict *dict;    /* when not NULL, borrow its WordNet tables
                                instead of reading WordNet again (it must
                                outlive the models) */
    const ent_allocator *alloc; /* NULL: malloc/free */
} ent_nlp_config;

/* Load the models and WordNet. On success *out owns them (ent_nlp_free());
 * errors name the file in err. */
int ent_nlp_load(const ent_nlp_config *cfg, ent_nlp **out, char *err,
                 size_t errlen);
void ent_nlp_free(ent_nlp *nlp);

/* The models inside (owned by nlp). */
const ent_tagger *ent_nlp_tagger(const ent_nlp *nlp);
const ent_parser *ent_nlp_parser(const ent_nlp *nlp);

/* One analysed word. Strings are owned by the analysis. */
typedef struct ent_word {
    uint32_t start, end;   /* byte range in ent_analysis.text */
    const char *form;      /* as in the text */
    const char *lemma;     /* "meet" for "met", "troop" for "troops" */
    const char *upos, *xpos, *deprel;
    int head;              /* 1-based index in the sentence; 0: root */
    int space_after;       /* white space follows in the text */
} ent_word;

typedef struct ent_asent {
    uint32_t first, n;     /* words first .. first + n - 1 */
    uint32_t start, end;   /* byte range in ent_analysis.text */
    int newpar;            /* a blank line precedes it (a new paragraph) */
} ent_asent;

/* The analysis of one text. */
typedef struct ent_analysis {
    const char *text;      /* the NFC-normalised text (quotes and dashes
                              in ASCII), NUL-terminated */
    size_t text_len;
    const ent_word *words;
    size_t nwords;
    const ent_asent *sents;
    size_t nsents;
} ent_analysis;

/*
 * Analyse UTF-8 text: normalise, split sentences, tokenise, tag, lemmatise
 * and parse. On success *out owns the analysis (ent_analysis_free()).
 * Errors: ENT_EUTF8 (with the byte offset in *bad when bad is not NULL),
 * ENT_ENOMEM, ENT_EINVAL.
 */
int ent_nlp_analyze(const ent_nlp *nlp, const char *text, size_t len,
                    ent_analysis **out, size_t *bad);
void ent_analysis_free(ent_analysis *an);

/* Scores of the whole pipeline from the raw text of a gold CoNLL-U file
 * (its "# text" lines, paragraphs kept apart), words aligned by their
 * characters as in the CoNLL 2018 shared task: each figure is an F1 over
 * gold and system words (sentences), in percent. */
typedef struct ent_raw_scores {
    size_t gold_words, sys_words, gold_sents, sys_sents;
    double tokens, sentences, upos, lemmas, uas, las;
} ent_raw_scores;

int ent_nlp_eval_raw(const ent_nlp *nlp, const char *path,
                     ent_raw_scores *scores, char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* Evaluation: coding quality against a gold file                      */
/* ------------------------------------------------------------------ */

/* A gold file in memory: sentences with their dates and the events a
 * correct coder reports. Three formats are read (ent_gold_load() tells
 * them apart by their first non-blank byte, then by the file name):
 *
 * - ENT_GOLD_JSONL: entente's JSONL gold, one record a line: {"id",
 *   "date", "text", "events": [{"source", "target", "code"}...], "tags":
 *   [...]} (tests/gold/README.md). Actors and CAMEO codes are checked.
 *   An event may also carry its own date: "date", "date_precision"
 *   (day, month, year, range or pub), "date_end" and "date_expr"
 *   (scored in ent_eval_totals.dates).
 * - ENT_GOLD_TABARI: TABARI's validation text (Validate.text): blank-line
 *   separated records "YYMMDD ID" / text / a comment slash-star ... star-
 *   slash holding the expected events "{ SRC / TGT / CODE }" in coding
 *   order, or the markers {---} (no event), {+++} (complex), {###}
 *   (discard), "-{" (events after this one are not checked) and
 *   "{ OPTION: command }" directives. Reading stops before the record
 *   FINAL-01 ("the end of the standard validation records"). The
 *   dictionaries are those named by the suite's NAME.project beside it.
 *   A record's tag is its ID prefix (DEMO-01 -> DEMO).
 * - ENT_GOLD_PETRARCH: PETRARCH and UD-PETRARCH validation XML: <Sentence
 *   date id category evaluate|sentence> with <Text>, <EventCoding
 *   sourcecode targetcode eventcode | noevents="True" | error="...">;
 *   <Parse> is ignored; <Config option value> elements are directives;
 *   <Environment> names the dictionaries, found beside the XML file, and
 *   <Include> the categories the suite scores. A record's tag is its
 *   category.
 *
 * TABARI and PETRARCH codes are the suites' own (WEIS-style "064",
 * "075A"; fictional actors "ARN", "HOBGOV", "---"), so they are not
 * checked against CAMEO. */
typedef struct ent_gold ent_gold;

#define ENT_GOLD_JSONL 0
#define ENT_GOLD_TABARI 1
#define ENT_GOLD_PETRARCH 2

/* Read a gold file. On success *out owns it (ent_gold_free()); a malformed
 * record stops the read with ENT_EFORMAT and "path:line: reason" in err
 * (for XML, the line libxml2 reports). A dictionary file named by the
 * suite (TABARI .project, PETRARCH <Environment>) that cannot be read
 * gives ENT_EIO and "path:line: actors file NAME: cannot read". */
int ent_gold_load(const char *path, const ent_allocator *alloc,
                  ent_gold **out, char *err, size_t errlen);
size_t ent_gold_count(const ent_gold *g); /* all records, scored or not */
/* ENT_GOLD_JSONL, ENT_GOLD_TABARI or ENT_GOLD_PETRARCH; -1 for NULL. */
int ent_gold_format(const ent_gold *g);
void ent_gold_free(ent_gold *g);

/* The suite's dictionary files, in the order the suite names them: kinds
 * are "actors", "verbs", "agents", "options", "discards", "issues" or
 * "ontology" (PETRARCH's coding ontology, <PICOfile>);
 * paths are resolved against the gold file's directory (absolute when the
 * suite gives them so). Fills up to max pairs (kinds or paths may be
 * NULL when max is 0) and returns how many there are (0 for JSONL).
 * Strings are owned by g. */
size_t ent_gold_dict_files(const ent_gold *g, const char **kinds,
                           const char **paths, size_t max);

/* What a record expects besides its events. */
#define ENT_GOLD_EVENTS 0  /* the listed events (TABARI, PETRARCH) */
#define ENT_GOLD_NOEVENT 1 /* no event: JSONL [], {---}, noevents="True" */
#define ENT_GOLD_COMPLEX 2 /* TABARI {+++}: too complex to code */
#define ENT_GOLD_DISCARD 3 /* {###}, error="storydiscard|sentencediscard" */
#define ENT_GOLD_ERROR 4   /* PETRARCH error="dateline|bad_input_parse..." */

/* Why a record is not scored (ent_eval_run() skips it). */
#define ENT_GOLD_SCORED 0
#define ENT_GOLD_SKIP_EVALUATE 1  /* evaluate="false" (UD-PETRARCH) or
                                     sentence="false" (PETRARCH-1) */
#define ENT_GOLD_SKIP_INCLUDE 2   /* category not in <Include> */
#define ENT_GOLD_SKIP_DIRECTIVE 3 /* TABARI record holding only OPTIONs */
#define ENT_GOLD_SKIP_PARSE 4     /* PETRARCH error="bad_input_parse": a
                                     test of the suite's stored parse,
                                     which entente does not read */

/* An option directive of a suite, in effect from its record on: PETRARCH
 * <Config option="comma_emax" value="8"/> gives option "comma_emax",
 * value "8"; TABARI "{ OPTION: SET: MINIMUM WORDS = 4 }" gives option
 * "SET: MINIMUM WORDS = 4" and value "". */
typedef struct ent_gold_directive {
    const char *option, *value;
    unsigned long line;
} ent_gold_directive;

/* One record as read. All pointers are owned by the gold set. */
typedef struct ent_gold_info {
    const char *id;       /* may be NULL (JSONL without "id") */
    const char *date;     /* "YYYY-MM-DD" */
    const char *text;
    const char *tag;      /* TABARI ID prefix, PETRARCH category; NULL
                             for JSONL (its tags are in the totals) */
    unsigned long line;   /* line of the record's first line */
    int status;           /* ENT_GOLD_EVENTS ... ENT_GOLD_ERROR */
    int skip;             /* ENT_GOLD_SCORED or ENT_GOLD_SKIP_* */
    int ordered;          /* events must be coded in this order (TABARI) */
    int open;             /* TABARI "-{": coded events after the listed
                             ones are not checked */
    size_t nevents;       /* ent_gold_event() 0 .. nevents - 1 */
    const ent_gold_directive *directives; /* those given just before or in
                                             this record, in file order */
    size_t ndirectives;
} ent_gold_info;

/* Describe record i (0 .. ent_gold_count() - 1). Returns ENT_OK or
 * ENT_EINVAL. */
int ent_gold_record(const ent_gold *g, size_t i, ent_gold_info *out);

/* Expected event k of record i; strings owned by g. Returns ENT_OK or
 * ENT_EINVAL (out-pointers then NULL). */
int ent_gold_event(const ent_gold *g, size_t i, size_t k,
                   const char **source, const char **target,
                   const char **code);

/* Counts of one score: precision = matched / coded, recall = matched /
 * expected. */
typedef struct ent_eval_cell {
    size_t expected, coded, matched;
} ent_eval_cell;

/* Event dates (JSONL gold whose events carry "date" and
 * "date_precision", tests/gold/README.md): of the expected events with a
 * date, those matched by a factual coded event with the same source,
 * target and code (the n-th expected event of a triple by the n-th coded
 * one), and of these the ones whose ent_event.when has the right date
 * (and end, when the gold gives "date_end"), the right precision
 * (ent_when_precision_name()), and both. */
typedef struct ent_eval_dates {
    size_t expected, matched;
    size_t date_right, precision_right, both_right;
} ent_eval_dates;

#define ENT_EVAL_MAXTAGS 64 /* tags scored separately */
#define ENT_EVAL_MAXEV 64   /* events per record shown to the callback */

/* Totals of a run. Events match on source, target and code (exact) or
 * on the first three letters of source and target and the first two
 * characters of the code (loose: country dyad and root). Only factual
 * events are compared (context 0). Precision and recall count events as
 * multisets in every format; what makes a record pass depends on it:
 * - JSONL and PETRARCH: the coded events equal the expected ones as a
 *   multiset;
 * - TABARI: the coded events, in coding order, equal the listed ones in
 *   their order (after a "-{" marker further coded events are neither
 *   checked nor counted).
 * A no-event, complex, discard or error record passes when nothing is
 * coded (entente reports no complexity or discard, and TABARI and
 * PETRARCH code nothing for these records) or, when it also lists
 * events, when those are coded. Records not scored (ent_gold_info.skip)
 * are not coded and count only in unscored. */
typedef struct ent_eval_totals {
    size_t records, passed;            /* scored records; those passing */
    size_t unscored;                   /* records skipped, any reason */
    size_t no_event_records, no_event_passed;
    size_t complex_records, complex_passed;   /* TABARI {+++} */
    size_t discard_records, discard_passed;   /* discard and error */
    ent_eval_cell exact, loose;
    ent_eval_cell root[21];            /* exact, by root 1..20 (the code's
                                          first two digits; [0] holds
                                          other codes) */
    size_t ntags;
    const char *tag_names[ENT_EVAL_MAXTAGS]; /* owned by the gold set */
    struct {
        size_t records, passed;
        ent_eval_cell events;
        ent_eval_dates dates;          /* the records' dated events */
    } tag[ENT_EVAL_MAXTAGS];
    ent_eval_dates dates;              /* JSONL gold events with "date" */
} ent_eval_totals;

/* One scored record, for reports: events as "SRC TGT CODE" strings,
 * sorted, each with a flag saying whether it was matched. Valid only
 * during the callback. */
typedef struct ent_eval_record {
    const char *id, *text;
    unsigned long line;
    int pass;
    int status;                        /* ENT_GOLD_EVENTS ... _ERROR */
    const char *const *expected;
    const int *expected_matched;
    size_t nexpected;
    const char *const *coded;
    const int *coded_matched;
    size_t ncoded;
    const char *date_errors;           /* matched events whose date or
                                          precision is wrong, one a line:
                                          "SRC TGT CODE: coded D..E P
                                          \"expr\", expected D..E P"; NULL
                                          when there is none */
} ent_eval_record;

typedef void (*ent_eval_fn)(void *ud, const ent_eval_record *r);

/* Code every record of g with coder and score it; fn (may be NULL) sees
 * each record. Returns ENT_OK, ENT_EINVAL or ENT_ENOMEM. */
int ent_eval_run(ent_coder *coder, const ent_gold *g, ent_eval_fn fn,
                 void *ud, ent_eval_totals *totals);

/* ------------------------------------------------------------------ */
/* Utilities                                                           */
/* ------------------------------------------------------------------ */

/*
 * Parse a publication date in one of the forms news data uses:
 * "2022-02-04", "2022-02-04T10:00:00Z", "2022/02/04", "4 February 2022",
 * "February 4, 2022", "26-FEB-1987 15:01:01.79" (Reuters-21578),
 * "Fri, 04 Feb 2022 10:00:00 GMT" (RSS). Writes "YYYY-MM-DD" and a NUL to
 * out (11 bytes). Returns ENT_OK or ENT_EINVAL.
 */
int ent_date_parse(const char *s, size_t len, char out[11]);

/* ------------------------------------------------------------------ */
/* Web pages                                                           */
/* ------------------------------------------------------------------ */

/* A news page's article: title, publication date and main text. */
typedef struct ent_page {
    char *title;     /* NUL-terminated; "" when the page has none */
    char *text;      /* the article's paragraphs, separated by blank
                        lines; "" when none was found */
    size_t text_len;
    char date[11];   /* "YYYY-MM-DD" from the page's metadata, or "" */
} ent_page;

/*
 * Extract the article from an HTML page html[0..len) (any declared
 * charset; broken markup is recovered): navigation, headers and footers,
 * asides, figures and captions, scripts, share bars, comments, ads, pull
 * quotes and "Check Also" / "Related" / "Read more" blocks are left out
 * (src/html.c). On ENT_OK *out owns its strings (allocated with alloc,
 * NULL for malloc); release them with ent_page_free(). ENT_EFORMAT when
 * the bytes are no HTML document at all, ENT_ENOMEM, ENT_EINVAL.
 */
int ent_html_extract(const char *html, size_t len,
                     const ent_allocator *alloc, ent_page *out);

/* Release what ent_html_extract() put in p (alloc as given to it). */
void ent_page_free(const ent_allocator *alloc, ent_page *p);

/* ------------------------------------------------------------------ */
/* Language                                                            */
/* ------------------------------------------------------------------ */

/*
 * Is text[0..len) (UTF-8) English? Sets *english and writes the
 * language's ISO 639-1 code to lang ("en", "fr", "ru"; "un" when
 * unknown). News in English is recognised by its function words; other
 * text is identified by CLD2 (Debian's libcld2), and only a reliable
 * identification of another language says no. Only the first 2,000 bytes
 * are read. Returns ENT_OK, or ENT_EINVAL for a NULL argument.
 */
int ent_lang_detect(const char *text, size_t len, char lang[8],
                    int *english);

/* ------------------------------------------------------------------ */
/* Event dates: date expressions resolved against the publication date */
/* ------------------------------------------------------------------ */

/*
 * Find the date expression that dates an event in text[a..b) and resolve
 * it against the publication date pubdate ("YYYY-MM-DD"); when there are
 * several, take the one nearest byte offset near (distance to its span;
 * on a tie the later one). The rules (news reports the past: "on 30
 * December" in a story of 2 January is the previous year's) are in
 * docs/dates.md. Without an expression *out holds the publication date
 * with ENT_DATE_PUB. text need not be NUL-terminated; it and pubdate are
 * borrowed; nothing is allocated. Returns ENT_OK, or ENT_EINVAL (out
 * zeroed when not NULL) for a NULL text, pubdate or out, a pubdate that
 * is not a real day, a > b, b > len or len > UINT32_MAX.
 */
int ent_when_find_near(const char *text, size_t len, size_t a, size_t b,
                       size_t near, const char *pubdate, ent_when *out);

/* The first date expression in text[0..len): ent_when_find_near(text,
 * len, 0, len, 0, pubdate, out). */
int ent_when_find(const char *text, size_t len, const char *pubdate,
                  ent_when *out);

/* The name of a precision for output ("pub", "day", "month", "year",
 * "range"); NULL for another value. Static; not to be freed. */
const char *ent_when_precision_name(int precision);

/*
 * Find the first invalid UTF-8 sequence or NUL byte in s[0..len). Returns
 * ENT_OK when there is none; otherwise ENT_EUTF8 and the offset of the
 * offending byte in *offset.
 */
int ent_utf8_check(const char *s, size_t len, size_t *offset);

/* ------------------------------------------------------------------ */
/* Near-duplicate stories: MinHash signatures and an LSH index         */
/* ------------------------------------------------------------------ */

/* Wire copies, updates and lightly edited re-posts of one story share
 * most of their word sequences. A document's MinHash signature
 * summarises its set of word 5-shingles (five consecutive words of the
 * normalised text: ASCII letters lower-cased, words are runs of letters,
 * digits and non-ASCII bytes); the share of equal values in two
 * signatures estimates the Jaccard similarity of the two sets. The index
 * finds earlier documents whose estimate reaches a threshold by LSH
 * banding (docs/schema.md, "Near-duplicate stories"). */
#define ENT_MINHASH_N 128 /* hash functions (values of a signature) */
#define ENT_SHINGLE_WORDS 5

typedef struct ent_minhash {
    uint32_t v[ENT_MINHASH_N]; /* minimum of each hash function */
    uint32_t nshingles;        /* shingles seen; 0: fewer than 5 words (no
                                  signature: never a near-duplicate) */
} ent_minhash;

/*
 * The signature of text[0..len) into *out (deterministic: the same text
 * gives the same signature on every machine). text is borrowed and need
 * not be NUL-terminated or valid UTF-8. Returns ENT_OK or ENT_EINVAL
 * (NULL out, or NULL text with len > 0).
 */
int ent_minhash_text(const char *text, size_t len, ent_minhash *out);

/* The estimated Jaccard similarity of the shingle sets behind a and b:
 * the share of equal values, 0..1; 0 when either has no signature. */
double ent_minhash_similarity(const ent_minhash *a, const ent_minhash *b);

/* An index of signatures that finds earlier near-duplicates. Memory:
 * about 1.4 KB per document held (the 512-byte signature, 32 band chains
 * and hash slots; up to twice that for a moment while a table grows), at
 * most max_docs documents (100,000 by default: about 140 MB): when full, the
 * older half is forgotten (near-duplicates are found among the most
 * recent max_docs documents added). */
typedef struct ent_dedup ent_dedup;

typedef struct ent_dedup_config {
    double threshold;   /* score (ent_dedup_find()) at or above which a
                           document is a near-duplicate (0: 0.8); 0 < t
                           <= 1 */
    size_t max_docs;    /* documents held (0: 100,000) */
    const ent_allocator *alloc; /* NULL: malloc/free */
} ent_dedup_config;

/* What ent_dedup_find() found. */
typedef struct ent_dedup_match {
    int64_t near;       /* the most similar earlier document at or above
                           the threshold (the earliest of equals); 0:
                           none */
    int64_t cluster;    /* its cluster (the first document of it) */
    double similarity;  /* the score with near (ent_dedup_find()) */
} ent_dedup_match;

/*
 * A new index; cfg may be NULL for the defaults. On success *out owns it
 * (ent_dedup_free()). Returns ENT_OK, ENT_EINVAL (a threshold outside
 * (0, 1]) or ENT_ENOMEM; *out is NULL on failure.
 */
int ent_dedup_new(const ent_dedup_config *cfg, ent_dedup **out);

/* Free the index. NULL is a no-op. */
void ent_dedup_free(ent_dedup *d);

/* The LSH bands and rows per band the index uses for its threshold
 * (bands * rows == ENT_MINHASH_N). */
void ent_dedup_bands(const ent_dedup *d, int *bands, int *rows);

/*
 * Look for an earlier near-duplicate of sig: documents sharing all rows
 * of at least one band with it (the candidates, at most 64 of the most
 * recent ones a band) whose score reaches the threshold; the highest
 * score wins. The score is the estimated Jaccard similarity or, when one
 * document has at least 1.15 times the shingles of the other and the
 * smaller at least 15, the estimated share of the smaller's shingles
 * found in the larger, if higher (an update, a cut version, a re-post
 * wrapped in boilerplate); below 40 shingles on the smaller side the
 * threshold is lowered by 0.1 (docs/schema.md, "Near-duplicate
 * stories"). *m is cleared when there is none (a signature
 * without shingles never matches). Deterministic. Returns ENT_OK or
 * ENT_EINVAL.
 */
int ent_dedup_find(const ent_dedup *d, const ent_minhash *sig,
                   ent_dedup_match *m);

/*
 * Add document id (> 0, increasing from call to call) of cluster
 * cluster (its own id when it starts one) with signature sig; sig is
 * copied. A signature without shingles is not added. Returns ENT_OK,
 * ENT_EINVAL or ENT_ENOMEM (sig is then not added, and the index may
 * have forgotten older documents; it never holds a broken chain).
 */
int ent_dedup_add(ent_dedup *d, int64_t id, int64_t cluster,
                  const ent_minhash *sig);

/* Documents the index holds. */
size_t ent_dedup_count(const ent_dedup *d);

/* ------------------------------------------------------------------ */
/* Store: documents, sentences and events in SQLite                    */
/* ------------------------------------------------------------------ */

/* An event store: one SQLite database (schema and duplicate rule in
 * docs/schema.md). Writes are grouped into transactions of a batch of
 * rows, committed only at a document boundary, so a crash or kill -9
 * leaves whole documents and loading the same input again completes the
 * store without adding anything twice. One store must not be used by two
 * threads at once. */
typedef struct ent_store ent_store;

/* Open flags. */
#define ENT_STORE_CREATE 1u   /* create the database when it is missing */
#define ENT_STORE_READONLY 2u /* queries only */

typedef struct ent_store_config {
    unsigned flags;        /* ENT_STORE_* */
    size_t batch;          /* rows per transaction (0: 50,000) */
    int window_days;       /* duplicate window in days for a new store
                              (0: keep the store's, 1 for a new one: the
                              same day); a different value for an
                              existing store re-merges its events */
    const ent_allocator *alloc; /* the store's own memory (SQLite keeps
                                   its own); NULL: malloc/free */
    double near_dup;       /* near-duplicate stories (ent_store_result()):
                              the estimated Jaccard threshold (0: 0.8;
                              at most 1); < 0: off */
} ent_store_config;

/*
 * Open (and with ENT_STORE_CREATE create) the store at path; cfg may be
 * NULL for the defaults (open an existing store read-write). On success
 * *out owns the store (ent_store_close()). On failure *out is NULL, the
 * code is ENT_EIO (cannot open or create, not an entente store),
 * ENT_EFORMAT (a database of a newer schema) or ENT_ENOMEM, and err
 * (errlen bytes) holds "PATH: reason" with SQLite's message. A store of
 * an older schema version is migrated in place by a writable open, in
 * one transaction, every event kept; a read-only open reads it as it is
 * (docs/schema.md, Schema versions).
 */
int ent_store_open(const char *path, const ent_store_config *cfg,
                   ent_store **out, char *err, size_t errlen);

/* Commit what is pending and close. NULL is a no-op. Returns ENT_OK or
 * ENT_EIO when the last commit failed (the pending rows are then lost,
 * the committed ones intact). */
int ent_store_close(ent_store *st);

/* The detail of the store's last error (never NULL): SQLite's message
 * with the operation that failed. Owned by the store. */
const char *ent_store_errmsg(const ent_store *st);

/* The duplicate window of the store, in days (1: the same day). */
int ent_store_window(const ent_store *st);

/*
 * Bulk mode for a large load: on (on != 0) drops the provenance index
 * (events by merged event) and merges new events in memory; off writes
 * the merged events in key order and rebuilds the index
 * (ent_store_close() does if still on). A load killed in bulk mode
 * leaves all its committed events; the next writable open merges them
 * again. Returns ENT_OK, ENT_ENOMEM or ENT_EIO.
 */
int ent_store_bulk(ent_store *st, int on);

/* 1 when the store, opened read-only, was left by a bulk load that did
 * not finish: its merged events are incomplete until the next writable
 * open (entente load) merges them. */
int ent_store_pending(const ent_store *st);

/* Commit the pending rows now (a batch also commits by itself at the
 * first document boundary after batch rows). Returns ENT_OK or
 * ENT_EIO. */
int ent_store_commit(ent_store *st);

/* A document. hash identifies it: entente's loader uses the hash of the
 * text for news and of the kind and key for imported event data, so
 * the same document loaded twice is stored once. Strings are borrowed;
 * NULL means "". */
typedef struct ent_store_doc {
    uint64_t hash;
    const char *id;     /* the input's document id */
    const char *date;   /* "YYYY-MM-DD" (required) */
    const char *source; /* publisher or data set ("icews", "gdelt") */
    const char *url;
    const char *title;
    const char *meta;   /* the input's other fields as a JSON object
                           (ent_doc.meta, JSONL "meta"), or NULL */
} ent_store_doc;

/*
 * Add a document, or find it. *doc receives its row id; *existed (may be
 * NULL) is set to 1 when it was stored before, in which case its
 * sentences and events are all there too when they were added with
 * ent_store_result(). Returns ENT_OK, ENT_EINVAL (a bad date) or
 * ENT_EIO.
 */
int ent_store_add_doc(ent_store *st, const ent_store_doc *d, int64_t *doc,
                      int *existed);

/* An event as stored: the coder's fields with provenance. Strings are
 * borrowed; NULL means "". */
typedef struct ent_store_event {
    int64_t doc;        /* from ent_store_add_doc() */
    uint32_t sent;      /* sentence index in the document */
    int64_t k;          /* the event's index in the document (or another
                           key unique within it: the ICEWS line number, a
                           GDELT GLOBALEVENTID) */
    const char *date;   /* "YYYY-MM-DD" */
    const char *source, *source_country, *source_name;
    const char *target, *target_country, *target_name;
    const char *code, *root, *plover;
    int quad;           /* 0 neutral, 1..4 QuadClass */
    double goldstein;
    unsigned context;   /* ENT_CTX_* bits; 0 = factual */
    int negated;        /* kept for imported data; entente never codes
                           negated events */
    ent_span source_span, target_span, verb_span;
    const char *rule, *pattern;
    /* the event's own date beyond date (ent_when, docs/output.md): the
     * last day of a month, year or range (NULL or "" for a day), the
     * precision ("pub", "day", "month", "year", "range"; NULL or "":
     * not known, as for events stored before schema version 3) and the
     * date expression as written (NULL or "" for none) */
    const char *date_end, *date_precision, *date_expr;
} ent_store_event;

/* Add an event (a mention). *added (may be NULL) is 0 when (doc, sent,
 * k) was stored already, 1 when the event is new, 2 when it is new and
 * was merged into an existing merged event (a duplicate). A new factual
 * event is merged at once, in the same transaction, or in bulk mode at
 * the end of the load (docs/schema.md). Returns ENT_OK, ENT_EINVAL (a bad date) or
 * ENT_EIO. */
int ent_store_add_event(ent_store *st, const ent_store_event *e,
                        int *added);

/* Add a sentence's text (idx within doc); an existing one is kept. */
int ent_store_add_sentence(ent_store *st, int64_t doc, uint32_t idx,
                           const char *text, size_t len);

/*
 * Store one coded document: the document (keyed by the hash of its
 * text), its sentences and all its events, in one transaction batch.
 * source names the input (a file name). *existed (may be NULL) is 1 when
 * the document was stored already (nothing is added). *nevents (may be
 * NULL) receives the events added. Unless near-duplicates are off, the
 * document's MinHash signature is stored and the document joins the
 * cluster of its most similar earlier document at or above the
 * threshold (else starts one); the factual events of such a
 * near-duplicate that repeat an event of the cluster's first document
 * (or of that most similar one) merge with it whatever their date, as
 * further mentions (docs/schema.md). The index of signatures is read
 * from the store at the first call: at most the 100,000 most recent
 * documents (memory as ent_dedup's). Returns as ent_store_add_event(), or
 * ENT_ENOMEM, or ENT_EFORMAT (a damaged signature in the store).
 */
int ent_store_result(ent_store *st, const ent_doc *doc,
                     const ent_result *res, const char *source,
                     int *existed, size_t *nevents);

/* Whether a document with this text is stored (as ent_store_result()
 * keys it), so that a loader can skip coding it: *found is 1 or 0.
 * Returns ENT_OK, ENT_EINVAL or ENT_EIO. */
int ent_store_has_text(ent_store *st, const char *text, size_t len,
                       int *found);

/* Row counts. merged: merged events; mentions: the factual events
 * behind them; near_dups: documents stored as a near-duplicate of an
 * earlier one; clusters: the story clusters these belong to (clusters
 * of two documents or more). */
typedef struct ent_store_counts {
    uint64_t documents, sentences, events, merged, mentions;
    uint64_t near_dups, clusters;
} ent_store_counts;

int ent_store_count(ent_store *st, ent_store_counts *c);

/* Periods of ent_store_dyad(). */
#define ENT_BY_DAY 0
#define ENT_BY_WEEK 1    /* weeks start on Monday */
#define ENT_BY_MONTH 2
#define ENT_BY_QUARTER 3
#define ENT_BY_YEAR 4

typedef struct ent_dyad_query {
    const char *a, *b;  /* actors: a country code "CHN", a full actor
                           code "CHNGOV" or a pattern with '*' ("CHN*MIL",
                           '*' any run of letters) */
    int by;             /* ENT_BY_* */
    const char *from, *to; /* "YYYY", "YYYY-MM" or "YYYY-MM-DD", or NULL;
                              both ends included */
    int mentions;       /* count mentions instead of merged events */
} ent_dyad_query;

/* One period and direction. */
typedef struct ent_dyad_row {
    char period[11];    /* "2022-02-04", "2022-01-31" (the week's
                           Monday), "2022-02", "2022-Q1", "2022" */
    int dir;            /* 0: a -> b, 1: b -> a */
    uint64_t total;     /* events (or mentions) */
    uint64_t quad[5];   /* by QuadClass: [0] neutral, [1] verbal coop,
                           [2] material coop, [3] verbal conflict, [4]
                           material conflict */
    double goldstein;   /* sum of Goldstein scores */
} ent_dyad_row;

typedef void (*ent_dyad_fn)(void *ud, const ent_dyad_row *row);

/*
 * Aggregate the factual events between q->a and q->b per period and
 * direction. fn is called once per period that has events, in time
 * order, direction a -> b before b -> a (a direction without events in
 * a period is skipped). Returns ENT_OK, ENT_EINVAL (a bad actor, period
 * or date; see ent_store_errmsg()) or ENT_EIO.
 */
int ent_store_dyad(ent_store *st, const ent_dyad_query *q, ent_dyad_fn fn,
                   void *ud);

/* A dyad as dense series: every period of the range, those without
 * events as rows of zeros, so that a chart's x axis is true time. */
typedef struct ent_dyad_series {
    size_t n;               /* periods */
    char (*period)[11];     /* n labels, in time order (as ent_dyad_row) */
    ent_dyad_row *row[2];   /* n rows per direction: [0] a -> b, [1] b -> a */
    ent_allocator alloc;    /* private: what ent_dyad_series_free() uses */
} ent_dyad_series;

/*
 * ent_store_dyad() as dense series: the periods run from q->from (else
 * the first period with events) to q->to (else the last one). No events
 * and an open range give n == 0. On ENT_OK *out owns its arrays (the
 * store's allocator); release with ent_dyad_series_free(). On failure
 * *out is zeroed: the codes of ent_store_dyad(), ENT_ENOMEM, and
 * ENT_EINVAL for more than 100,000 periods.
 */
int ent_store_dyad_series(ent_store *st, const ent_dyad_query *q,
                          ent_dyad_series *out);

/* Release what ent_store_dyad_series() put in s; s is zeroed. NULL and a
 * zeroed s are no-ops. */
void ent_dyad_series_free(ent_dyad_series *s);

/* ------------------------------------------------------------------ */
/* Import of existing event data into a store                          */
/* ------------------------------------------------------------------ */

/* Event file formats. ENT_EVENTS_AUTO decides from the content: a first
 * byte '{' is entente's JSONL, a CSV header with GLOBALEVENTID is GDELT,
 * four tab-separated fields ending in a date are ICEWS. */
#define ENT_EVENTS_AUTO 0
#define ENT_EVENTS_JSONL 1 /* entente's own output (docs/output.md) */
#define ENT_EVENTS_ICEWS 2 /* source name, event name, target name, date */
#define ENT_EVENTS_GDELT 3 /* GDELT CSV or TSV with a header line */

/* What an import did. */
typedef struct ent_events_stats {
    int format;            /* ENT_EVENTS_* of the file */
    uint64_t lines;        /* data lines read */
    uint64_t events;       /* events read */
    uint64_t stored;       /* events new to the store */
    uint64_t already;      /* events stored before */
    uint64_t merged;       /* new events merged into an existing one */
    uint64_t documents;    /* documents new to the store */
    uint64_t unknown_codes;  /* ICEWS event names not in the CAMEO table,
                                JSONL codes not in it: not stored */
    uint64_t unresolved;     /* actor names with no code (stored with
                                the name and an empty code) */
    uint64_t skipped_noactor; /* GDELT rows with neither actor: not
                                 stored */
} ent_events_stats;

/*
 * Import the event file at path into st, with dict's CAMEO table and
 * actor dictionaries (ICEWS names are mapped to CAMEO codes by name,
 * case-insensitively, and actor names to actor codes through the actor
 * dictionaries: a whole-name match gives its code, a country named
 * inside the name its country code and the sector of an agent word).
 * format is ENT_EVENTS_*; "-" reads standard input (not for ICEWS,
 * whose document is identified by the file's content: ENT_EINVAL). The
 * counts are added to *stats (may be NULL; not cleared). A malformed line
 * stops the file with ENT_EFORMAT and "path:line: reason" in err; the
 * rows before it are committed. ENT_EIO: the file cannot be read or the
 * store written; ENT_ENOMEM.
 */
int ent_store_import(ent_store *st, const ent_dict *dict, const char *path,
                     int format, ent_events_stats *stats, char *err,
                     size_t errlen);

/* ------------------------------------------------------------------ */
/* Analysis of a dyad: natural or by necessity? (src/analyze.c)        */
/* ------------------------------------------------------------------ */

/* What ent_report_run() analyses; ent_report_defaults() fills it. */
typedef struct ent_report_config {
    const char *a, *b;     /* actors, as for ent_store_dyad() */
    int by;                /* ENT_BY_* (default ENT_BY_MONTH) */
    const char *from, *to; /* "YYYY", "YYYY-MM", "YYYY-MM-DD" or NULL: the
                              span of the dyad's events */
    int lags;              /* k: cross-correlation at -k..k, pressure at
                              1..k (default 3) */
    int permutations;      /* most shifts a permutation test draws
                              (default 999; fewer possible shifts are all
                              used) */
    uint64_t seed;         /* of the permutation draws (default 1) */
    int third;             /* third parties tested (default 5) */
    int top;               /* events listed per finding (default 3) */
    const ent_allocator *alloc; /* NULL: malloc/free */
} ent_report_config;

/* Defaults of every field; a and b are NULL. */
void ent_report_defaults(ent_report_config *cfg);

/* Measures of a series. */
#define ENT_AN_COOP 0 /* cooperative events: QuadClass 1 and 2 */
#define ENT_AN_CONF 1 /* conflictual events: QuadClass 3 and 4 */
#define ENT_AN_NET 2  /* cooperative minus conflictual */
#define ENT_AN_NMEASURES 3

/* A linear trend over periods 0..n-1 (OLS of the series on time), and
 * the means of the first and second halves (the middle period of an odd
 * n in neither). NAN when undefined (fewer than 3 periods). */
typedef struct ent_an_trend {
    double slope, lo, hi; /* change per period, 95% interval */
    double first, second; /* mean per period in each half */
} ent_an_trend;

/* Cross-correlation of the a -> b series at t with the b -> a series at
 * t + lag: a positive lag is b answering a, a negative one a answering
 * b. p: two-sided circular-shift permutation p-value (NAN when too few
 * periods). */
typedef struct ent_an_lag {
    int lag;
    double r, p; /* NAN when a series is constant */
    size_t n;    /* pairs of periods */
} ent_an_lag;

/* One pressure test: is conflict from third party x toward a (side 0)
 * or b (side 1) at t - lag followed by more a <-> b cooperation at t?
 * OLS of a <-> b cooperative events at t on x's conflictual events at
 * t - lag, controlling for a <-> b cooperation at t - 1 and for the
 * store's events of all other actors at t (news volume). */
typedef struct ent_an_pressure {
    const char *x;    /* third party (owned by the analysis) */
    int side;         /* 0: x -> a, 1: x -> b */
    int lag;          /* 1..k */
    uint64_t conflict; /* x's conflictual events toward that side */
    double beta, se;  /* extra a <-> b cooperative events per period per
                         conflictual event of x lag periods before */
    double std_beta;  /* beta * sd(x conflict) / sd(a <-> b coop) */
    double p, q;      /* circular-shift permutation p (two-sided);
                         Benjamini-Hochberg q over all pressure tests */
    size_t n;         /* periods in the regression */
    int volume;       /* 1: news volume was a control (0 when it made
                         the regression singular) */
} ent_an_pressure;

/* An event behind a finding: a merged event and its first mention. */
typedef struct ent_an_event {
    char date[11];
    const char *source, *target; /* codes, or ICEWS names without one */
    const char *code;            /* CAMEO code */
    int quad;
    double goldstein;
    uint64_t mentions;
    const char *docid, *url;     /* the first mention's document */
    const char *sentence;        /* NULL for imported events (ICEWS,
                                    GDELT): no sentence is stored */
} ent_an_event;

/* A finding and the top events behind it. */
typedef struct ent_an_finding {
    const char *title;  /* "Most cooperative CHN -> RUS" */
    ent_an_event *ev;
    size_t n;
} ent_an_finding;

/* A third party, by its events with a or b. */
typedef struct ent_an_third {
    const char *x;      /* country code, or actor code for IGOs */
    uint64_t events;    /* merged events with a or b, both directions */
} ent_an_third;

/* The result of ent_report_run(); everything is owned by it. */
typedef struct ent_report {
    const char *a, *b;
    int by, lags;
    size_t n;                 /* periods, from the first to the last */
    char (*period)[11];       /* their labels */
    /* per direction (0: a -> b, 1: b -> a) and period */
    double *events[2], *coop[2], *conf[2], *gsum[2];
    double *volume;           /* events of all actors in the store */
    size_t empty;             /* periods with no a <-> b event */
    /* trend of each measure (ENT_AN_*) per direction, in events and in
     * events per 1,000 events of the store (coverage changes) */
    ent_an_trend trend[2][ENT_AN_NMEASURES];
    ent_an_trend trend_share[2][ENT_AN_NMEASURES];
    /* reciprocity: xcorr[m][i] for lag i - lags, measure m */
    ent_an_lag *xcorr[ENT_AN_NMEASURES];
    size_t min_shift;         /* shifts closer than this are not used */
    /* asymmetry */
    uint64_t total[2], ncoop[2], nconf[2];
    double share, share_lo, share_hi; /* a's share of the events, 95% */
    double coop_share, coop_share_lo, coop_share_hi; /* of cooperation */
    double gmean[2], gdiff, gdiff_lo, gdiff_hi; /* Goldstein per event:
                                                   a -> b minus b -> a */
    /* pressure */
    ent_an_third *third;
    size_t nthird;
    ent_an_pressure *pressure; /* nthird * 2 * lags tests */
    size_t npressure;
    /* the plain-language verdict (paragraphs separated by blank lines) */
    const char *verdict;
    ent_an_finding *finding;
    size_t nfinding;
    struct ent__an_mem *mem;  /* private */
} ent_report;

/*
 * Analyse the dyad cfg->a, cfg->b in st (docs/report.md explains every
 * statistic): per period series of merged factual events in each
 * direction; trends; cross-correlation with permutation p-values; who
 * initiates and whose Goldstein balance is higher, with intervals; the
 * pressure tests for the most active third parties, with BH
 * correction; a verdict; the top events behind each finding with their
 * sentences. On ENT_OK *out owns the result (ent_report_free()). On
 * failure *out is NULL and err (errlen bytes) says why: ENT_EINVAL for
 * a bad actor, period or date or a dyad without events in the span,
 * ENT_ENOMEM, ENT_EIO for a query that failed. st is borrowed and only
 * read.
 */
int ent_report_run(ent_store *st, const ent_report_config *cfg,
                   ent_report **out, char *err, size_t errlen);

/* Release an analysis. NULL is a no-op. */
void ent_report_free(ent_report *an);

/* Charts: PNG and SVG drawn with cairo (src/plot.c)                   */
/* ------------------------------------------------------------------ */

/* Chart output formats. */
#define ENT_PLOT_PNG 0
#define ENT_PLOT_SVG 1

/* How a series is drawn. */
#define ENT_PLOT_LINE 0
#define ENT_PLOT_BARS 1 /* bars; several bar series are drawn side by side
                           in each category */

/* One series of a chart: n values, one per category of ent_plot.x. */
typedef struct ent_plot_series {
    const char *label; /* legend text (NULL: none) */
    const double *y;   /* ent_plot.n values; NAN leaves a gap */
    int kind;          /* ENT_PLOT_LINE or ENT_PLOT_BARS */
} ent_plot_series;

/* A chart of series over categories (periods, lags). Everything is
 * borrowed for the duration of the call. */
typedef struct ent_plot {
    const char *title;            /* required */
    const char *subtitle;         /* may be NULL: one smaller line under
                                     the title */
    const char *xlabel, *ylabel;  /* axis labels; may be NULL */
    const char *const *x;         /* n category labels along x, e.g.
                                     periods "2014-03", "2014-Q2", "2014",
                                     "2014-03-17", or lags "0" "1"...;
                                     the chart shows every k-th label so
                                     that they never overlap (periods on
                                     round dates: January, Q1...) */
    size_t n;
    const ent_plot_series *series;
    size_t nseries;
    double hline;                 /* a horizontal reference line at this
                                     y (e.g. 0), drawn when has_hline */
    int has_hline;
    int width, height;            /* pixels (120..16384 x 100..16384);
                                     0 = 900 x 420 */
} ent_plot;

/*
 * Draw p as PNG or SVG (format ENT_PLOT_*) into a malloc'd buffer: on
 * ENT_OK *out (release with free()) holds *len bytes. The y axis has
 * round ticks and covers every value, the reference line and, with bars,
 * zero; colours are colour-blind safe and lines differ by dash and
 * marker too. An SVG carries the title and subtitle in <title> and
 * <desc>. On failure *out is NULL, *len 0 and err (errlen bytes, may be
 * NULL) says why: ENT_EINVAL for a bad chart (no title, series with n ==
 * 0, a NULL label or series, an unknown kind or format, a size out of
 * range, text not in UTF-8), ENT_ENOMEM, ENT_EIO for a cairo failure.
 * n == 0 with no series draws an empty chart saying "no data".
 */
int ent_plot_render(const ent_plot *p, int format, unsigned char **out,
                    size_t *len, char *err, size_t errlen);

/* Draw p into the file at path (created or truncated). Returns as
 * ent_plot_render(); ENT_EIO with "PATH: reason" in err when the file
 * cannot be written. */
int ent_plot_write(const ent_plot *p, int format, const char *path,
                   char *err, size_t errlen);

/* ------------------------------------------------------------------ */
/* Network: actors as nodes, net Goldstein as edges (src/network.c)    */
/* ------------------------------------------------------------------ */

/* Node levels of a network. */
#define ENT_NET_COUNTRY 0 /* a country code (the first three letters of
                             CHNGOV); organisations (IGO..., NGO..., MNC...)
                             by their own code; sector-only codes (MIL) and
                             unresolved names are left out */
#define ENT_NET_ACTOR 1   /* the full actor code (CHNGOV, IGOWSTNAT) */

typedef struct ent_network_query {
    const char *from, *to; /* "YYYY", "YYYY-MM" or "YYYY-MM-DD", or NULL;
                              both ends included */
    int level;             /* ENT_NET_* */
    uint64_t min_events;   /* edges with fewer events (both directions
                              together) are left out; 0 counts as 1 */
    size_t top;            /* keep the top nodes by events (0: all) */
    int mentions;          /* count mentions instead of merged events */
} ent_network_query;

/* A node: an actor. */
typedef struct ent_net_node {
    char id[ENT_ACTOR_MAX]; /* "CHN", "IGOWSTNAT", "CHNGOV" */
    uint64_t events;        /* its events with every partner (edges of at
                               least min_events), before the top cut */
    int community;          /* 0 is the largest community */
    double x, y;            /* layout position, each in 0..1 */
} ent_net_node;

/* An edge between nodes a < b (indices into nodes, ids in byte order),
 * with each direction's totals: [0] a -> b, [1] b -> a. Undirected for
 * communities and layout, whose weight is the net Goldstein sum
 * goldstein[0] + goldstein[1]. */
typedef struct ent_net_edge {
    size_t a, b;
    uint64_t events[2];
    double goldstein[2];
} ent_net_edge;

/* A network: nodes in id order, edges in (a, b) order. The caller may
 * build one by hand (all of it allocated with malloc, alloc zeroed) to
 * use ent_network_communities(), ent_network_layout() and
 * ent_network_render(). */
typedef struct ent_network {
    ent_net_node *nodes;
    size_t nnodes;
    ent_net_edge *edges;
    size_t nedges;
    int ncommunities;
    double modularity;   /* of the communities, on the positive weights */
    ent_allocator alloc; /* private: what ent_network_free() uses */
} ent_network;

/*
 * The network of st's factual merged events between q->from and q->to:
 * the pairs of nodes that interacted, filtered by q->min_events and
 * q->top, with communities (ent_network_communities()) and a layout
 * (ent_network_layout()). The result depends only on the store and q. On
 * ENT_OK *out owns the network (ent_network_free()). On failure *out is
 * NULL: ENT_EINVAL (a bad date or level; ent_store_errmsg() says which),
 * ENT_ENOMEM, ENT_EIO.
 */
int ent_store_network(ent_store *st, const ent_network_query *q,
                      ent_network **out);

/*
 * Communities of net by Louvain modularity optimisation over the edges of
 * positive net Goldstein sum (cooperation ties; conflict does not bind a
 * community), nodes visited in index order so that the result is always
 * the same. Sets each node's community (numbered by size, largest first;
 * ties by first node), ncommunities and modularity. A node without
 * positive edges is a community of its own. ENT_OK, ENT_EINVAL (NULL, an
 * edge to a node that does not exist) or ENT_ENOMEM (net unchanged).
 */
int ent_network_communities(ent_network *net);

/*
 * Place the nodes (x, y in 0..1) by a Fruchterman-Reingold force-directed
 * layout: edges pull by their event counts, all nodes push each other,
 * a weak pull to the centre keeps parts together. Starts from a circle
 * ordered by community and id: deterministic. ENT_OK, ENT_EINVAL,
 * ENT_ENOMEM.
 */
int ent_network_layout(ent_network *net);

/* Release a network. NULL is a no-op. */
void ent_network_free(ent_network *net);

/*
 * Draw net (laid out) as PNG or SVG, width x height pixels (0: 1000 x
 * 760), with a title (required), a subtitle (may be NULL) and a legend:
 * node area by events, fill by community, edge width by |net Goldstein|,
 * green for net cooperation, red for net conflict. Labels that would
 * overlap a larger node's label are moved or, failing that, left out.
 * Output and errors as ent_plot_render().
 */
int ent_network_render(const ent_network *net, int format, const char *title,
                       const char *subtitle, int width, int height,
                       unsigned char **out, size_t *len, char *err,
                       size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* ENTENTE_H */
