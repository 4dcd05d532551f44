/*
 * main.c -- run every unit test and print "unit: N passed, N failed".
 *
 *   build/unit [NAME...]   (no name: all tests)
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

int th_failed;
int th_skipped;
const char *th_dict_dir = "tests/data/dict";

/* test_import.c's tests (listed here rather than in harness.h). */
#define TESTS_IMPORT(X)                                                      \
    X(import_tabari) X(import_petrarch) X(import_errors)                     \
    X(import_deterministic) X(import_alloc_failures) X(import_real) X(lint) \
    X(import_ontology)
#define DECL_IMPORT(name) void test_##name(void);
TESTS_IMPORT(DECL_IMPORT)
#undef DECL_IMPORT

/* test_store.c's tests. */
#define TESTS_STORE(X)                                                       \
    X(store_roundtrip) X(store_idempotent) X(store_merge_window)             \
    X(store_dyad) X(store_dyad_series) X(store_network)                    \
    X(store_errors) X(store_import) X(store_alloc_failures) X(store_migrate) X(store_migrate_v2) X(store_fields) X(store_coded)
#define DECL_STORE(name) void test_##name(void);
TESTS_STORE(DECL_STORE)
#undef DECL_STORE

/* test_report.c's tests: the dyad analysis. */
#define TESTS_REPORT(X)                                                      \
    X(report_stats) X(report_ols) X(report_intervals)                        \
    X(report_permutation) X(report_designed)
#define DECL_REPORT(name) void test_##name(void);
TESTS_REPORT(DECL_REPORT)
#undef DECL_REPORT

/* test_dedup.c's tests. */
#define TESTS_DEDUP(X) X(minhash) X(dedup_index) X(dedup_evict_alloc) X(dedup_gold)
#define DECL_DEDUP(name) void test_##name(void);
TESTS_DEDUP(DECL_DEDUP)
#undef DECL_DEDUP

char *th_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
        size_t got = fread(p, 1, (size_t)n, f);
        p[got] = 0;
        if (len)
            *len = got;
    }
    fclose(f);
    return p;
}

static const struct {
    const char *name;
    th_fn fn;
} tests[] = {
#define ENTRY(name) {#name, test_##name},
    TESTS_TEXT(ENTRY) TESTS_LEXICON(ENTRY) TESTS_CODE(ENTRY)
    TESTS_INGEST(ENTRY) TESTS_ALLOC(ENTRY) TESTS_TREEBANK(ENTRY) TESTS_TAGGER(ENTRY) TESTS_EVAL(ENTRY)
    TESTS_PARSER(ENTRY) TESTS_IMPORT(ENTRY) TESTS_WHEN(ENTRY) TESTS_STORE(ENTRY)
    TESTS_PLOT(ENTRY) TESTS_REPORT(ENTRY)

    TESTS_DEDUP(ENTRY)
#undef ENTRY
};

int main(int argc, char **argv)
{
    size_t i;
    int passed = 0, failed = 0, skipped = 0, j;
    const char *dd = getenv("ENTENTE_TEST_DICT");
    if (dd)
        th_dict_dir = dd;
    for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        int want = argc < 2;
        for (j = 1; j < argc; j++)
            if (!strcmp(argv[j], tests[i].name))
                want = 1;
        if (!want)
            continue;
        th_failed = 0;
        th_skipped = 0;
        tests[i].fn();
        printf("%s %s\n", th_failed ? "FAIL" : th_skipped ? "skip" : "ok  ",
               tests[i].name);
        if (th_failed)
            failed++;
        else if (th_skipped)
            skipped++;
        else
            passed++;
    }
    printf("unit: %d passed, %d failed, %d skipped\n", passed, failed,
           skipped);
    return failed ? 1 : 0;
}
