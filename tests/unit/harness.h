/*
 * harness.h -- a tiny unit-test harness whose checks print both values.
 *
 * Each test is a function registered in main.c's table; a check that fails
 * reports file:line and the values compared, marks the test failed and
 * carries on. Checks are never compiled out.
 */
#ifndef ENTENTE_HARNESS_H
#define ENTENTE_HARNESS_H

#include "entente.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

extern int th_failed;  /* failures in the current test */
extern int th_skipped; /* the current test skipped itself */

/* Skip the current test, saying why (data it needs is missing). */
#define th_skip(why)                                                         \
    do {                                                                     \
        printf("    skipped: %s\n", why);                                    \
        th_skipped = 1;                                                      \
    } while (0)

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("    %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__,      \
                   #cond);                                                   \
            th_failed++;                                                     \
        }                                                                    \
    } while (0)

#define CHECK_INT(a, b)                                                      \
    do {                                                                     \
        long long va_ = (long long)(a), vb_ = (long long)(b);                \
        if (va_ != vb_) {                                                    \
            printf("    %s:%d: %s == %s failed: %lld != %lld\n", __FILE__,   \
                   __LINE__, #a, #b, va_, vb_);                              \
            th_failed++;                                                     \
        }                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                      \
    do {                                                                     \
        const char *sa_ = (a), *sb_ = (b);                                   \
        if (!sa_ || !sb_ || strcmp(sa_, sb_)) {                              \
            printf("    %s:%d: %s == %s failed: \"%s\" != \"%s\"\n",         \
                   __FILE__, __LINE__, #a, #b, sa_ ? sa_ : "(null)",         \
                   sb_ ? sb_ : "(null)");                                    \
            th_failed++;                                                     \
        }                                                                    \
    } while (0)

/* An allocator (ent_allocator.fn, with a th_failer as ud) that fails the
 * fail_at-th allocation (counting from 1; 0 never fails), for the
 * out-of-memory tests. Defined in test_alloc.c. */
typedef struct th_failer {
    long n, fail_at; /* allocations so far; the one to fail */
} th_failer;
void *th_failing_alloc(void *ud, void *p, size_t n);

/* Directory of the test dictionaries (set by main.c from the environment). */
extern const char *th_dict_dir;

/* The whole of the file at path, NUL-terminated (free() it), its length
 * in *len (may be NULL); NULL when it cannot be read. */
char *th_read_file(const char *path, size_t *len);

/* Add event k of document dk to st: src -> tgt (their first three
 * letters the countries), code with its quad and Goldstein score, on
 * date; checks that it is stored and returns the *added flag of
 * ent_store_add_event(). Defined in test_store.c. */
int th_store_event(ent_store *st, int64_t dk, int k, const char *date,
                   const char *src, const char *tgt, const char *code,
                   int quad, double gs);

/* Remove a store's database files (path and its -wal and -shm). Defined
 * in test_store.c. */
void th_rm_db(const char *path);

typedef void (*th_fn)(void);

/* Test declarations, one list per module file. */
#define TESTS_TEXT(X) X(utf8_check) X(normalize) X(tokenize) X(sentences) X(dates)
#define TESTS_LEXICON(X) X(lemmas) X(dict_load) X(dict_errors) X(dict_speed)
#define TESTS_CODE(X) X(code_basic) X(code_dated_leader) X(code_trace) X(code_errors) \
    X(code_imported_syntax) X(dict_imported_errors) X(code_imported_options) \
    X(code_set_option) X(code_negations) X(code_actor_gaps) X(code_comma_cut) X(code_source_after_verb) X(code_event_dates) X(code_repeats) \
    X(code_language)
#define TESTS_INGEST(X) X(reader_jsonl) X(jsonl_scan) X(reader_text) X(reader_errors) X(reader_html) X(reader_feed) \
    X(html_pages)
#define TESTS_ALLOC(X) X(alloc_failures) X(hash_tables)
#define TESTS_TREEBANK(X) X(treebank_read) X(treebank_errors) X(treebank_ewt)
#define TESTS_EVAL(X)                                                        \
    X(eval_scores) X(eval_errors) X(eval_alloc_failures) X(eval_suites)      \
    X(eval_tabari) X(eval_petrarch) X(eval_suite_errors) X(eval_truncated)
#define TESTS_TAGGER(X) X(tagger_train) X(tagger_deterministic) X(perceptron_frozen)
#define TESTS_PARSER(X)                                                      \
    X(parser_oracle) X(parser_train_roundtrip) X(parser_null_args)           \
    X(parser_deterministic) X(parser_eval_errors) X(parser_tree_valid)       \
    X(parser_regression) X(nlp_alloc_failures) X(parser_ensemble)         \
    X(models_order_rows)

#define TESTS_WHEN(X) X(when_cases) X(when_near) X(when_shield) X(when_gold) X(when_errors) X(when_fuzz) \
    X(when_bench)

#define TESTS_PLOT(X)                                                        \
    X(plot_png) X(plot_svg) X(plot_errors) X(plot_alloc_failures)           \
    X(network_communities) X(network_layout) X(network_render)             \
    X(network_alloc_failures)

#define DECL(name) void test_##name(void);
TESTS_TEXT(DECL)
TESTS_LEXICON(DECL)
TESTS_CODE(DECL)
TESTS_INGEST(DECL)
TESTS_ALLOC(DECL)
TESTS_TREEBANK(DECL)
TESTS_TAGGER(DECL)
TESTS_EVAL(DECL)
TESTS_PARSER(DECL)
TESTS_WHEN(DECL)
TESTS_PLOT(DECL)
#undef DECL

#endif
