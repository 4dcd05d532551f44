/*
 * test_dedup.c -- near-duplicate stories: MinHash estimates against
 * hand-computed Jaccard similarities, and the LSH index finding a
 * lightly edited copy but not a different story with the same
 * boilerplate; eviction and out-of-memory.
 */
#include "entente.h"
#include "harness.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* test_dedup.c's tests (registered in main.c). */
void test_minhash(void);
void test_dedup_index(void);
void test_dedup_evict_alloc(void);
void test_dedup_gold(void);

/* A wire story of 239 words, a lightly edited copy of it (a
 * changed dateline word, one changed word, a sentence added at the end)
 * and a different story; the stories share the agency's 45-word
 * footer. Jaccard of the 5-shingle sets, counted by hand (a script):
 * story and copy 0.864, story and other 0.103. */
#define FOOTER                                                               \
    " Reporting by staff correspondents; Editing by the international "    \
    "desk. Our Standards: The Trust Principles. All quotes delayed a "     \
    "minimum of fifteen minutes. Subscribe to our newsletters for the "    \
    "latest news, analysis and opinion from around the world, delivered "  \
    "to your inbox every morning and evening."
#define STORY_A  \
    "Chinese President Xi Jinping met Russian President Vladimir Putin " \
    "in Beijing on Friday, hours before the opening of the Winter " \
    "Olympics, and the two leaders declared a partnership with no " \
    "limits, backing each other on disputes over Ukraine and Taiwan and " \
    "promising to collaborate more against the West. In a long joint " \
    "statement the two countries said they opposed any further " \
    "enlargement of the North Atlantic alliance and called on it to " \
    "abandon its ideologised cold war approaches. Putin told Xi that " \
    "Russia had prepared a new agreement to supply China with ten " \
    "billion cubic metres of gas a year from the Far East, and the " \
    "state oil company signed a"
#define STORY_B  \
    "to send additional crude through Kazakhstan over the next decade. " \
    "Western governments have warned that Moscow could attack its " \
    "neighbour at any moment, an accusation the Kremlin denies, while " \
    "Beijing has criticised the sanctions imposed on Russian officials " \
    "and companies. Analysts said the meeting showed how far the two " \
    "governments had drawn together since 2014, when the annexation of " \
    "Crimea pushed Moscow to look east for markets, money and " \
    "diplomatic cover, but they cautioned that the partnership remained " \
    "unequal."
static const char STORY[] =
    "BEIJING, Feb 4 - " STORY_A " deal " STORY_B FOOTER;
static const char COPY[] =
    "BEIJING, Feb 5 - " STORY_A " contract " STORY_B
    " The White House declined to comment on the statement on Saturday."
    FOOTER;
static const char OTHER[] =
    "ANKARA, March 10 - Turkey's foreign minister hosted his Russian and "
    "Ukrainian counterparts in the resort of Antalya on Thursday in the "
    "first high-level talks between the two sides since the invasion "
    "began, but the meeting ended without progress on a ceasefire or on "
    "humanitarian corridors for the besieged port city of Mariupol. The "
    "Ukrainian minister said his Russian counterpart had not been in a "
    "position to commit to anything and that decisions were taken "
    "elsewhere in Moscow. Ankara, which has close ties with both "
    "countries, has offered repeatedly to mediate and said it would keep "
    "channels open. Diplomats at the talks said the atmosphere was tense "
    "and that neither side expected a breakthrough, although both agreed "
    "to meet again. Oil prices fell after the talks as traders weighed the "
    "chances of a negotiated end to the fighting, and European shares "
    "recovered some of their losses from earlier in the week. The "
    "government also renewed its call for the protection of civilians."
    FOOTER;

/* Text of n words "PREFIXk" for k from k0, into buf (cap bytes). */
static void words(char *buf, size_t cap, const char *prefix, int k0, int n)
{
    size_t len = 0;
    int k;
    buf[0] = 0;
    for (k = k0; k < k0 + n && len + 32 < cap; k++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s%d",
                                len ? " " : "", prefix, k);
}

void test_minhash(void)
{
    ent_minhash x, y;
    char a[4096], b[4096];
    size_t n;
    double s;
    /* identical text: 1.0; the same words with other case and
     * punctuation: 1.0 */
    CHECK_INT(ent_minhash_text(STORY, sizeof STORY - 1, &x), ENT_OK);
    CHECK_INT(ent_minhash_text(STORY, sizeof STORY - 1, &y), ENT_OK);
    CHECK(ent_minhash_similarity(&x, &y) == 1.0);
    CHECK_INT(x.nshingles, 239 - 4); /* 239 words */
    CHECK_INT(ent_minhash_text("Oil PRICES rose, sharply (today)!", 33, &x),
              ENT_OK);
    CHECK_INT(ent_minhash_text("oil prices rose sharply today", 29, &y),
              ENT_OK);
    CHECK_INT(x.nshingles, 1);
    CHECK(ent_minhash_similarity(&x, &y) == 1.0);
    /* disjoint word sets: about 0 (128 values of 32 bits) */
    words(a, sizeof a, "a", 0, 200);
    words(b, sizeof b, "b", 0, 200);
    ent_minhash_text(a, strlen(a), &x);
    ent_minhash_text(b, strlen(b), &y);
    s = ent_minhash_similarity(&x, &y);
    if (s > 0.03)
        printf("    disjoint: %.3f\n", s);
    CHECK(s <= 0.03);
    /* hand-computed: A = a0..a103 (100 shingles), B = a0..a78 then
     * b0..b24 (100 shingles); shared: the 75 shingles within a0..a78;
     * Jaccard 75 / (100 + 100 - 75) = 0.6. The estimate's standard
     * error is sqrt(0.6 * 0.4 / 128) = 0.043: within three of it. */
    words(a, sizeof a, "a", 0, 104);
    words(b, sizeof b, "a", 0, 79);
    n = strlen(b);
    b[n++] = ' ';
    words(b + n, sizeof b - n, "b", 0, 25);
    ent_minhash_text(a, strlen(a), &x);
    ent_minhash_text(b, strlen(b), &y);
    CHECK_INT(x.nshingles, 100);
    CHECK_INT(y.nshingles, 100);
    s = ent_minhash_similarity(&x, &y);
    if (fabs(s - 0.6) > 0.13)
        printf("    estimate %.3f for Jaccard 0.6\n", s);
    CHECK(fabs(s - 0.6) <= 0.13);
    /* fewer than five words: no signature, similar to nothing */
    CHECK_INT(ent_minhash_text("too short to say", 16, &x), ENT_OK);
    CHECK_INT(x.nshingles, 0);
    CHECK(ent_minhash_similarity(&x, &x) == 0.0);
    /* arbitrary bytes (NULs, invalid UTF-8, control characters): the
     * same signature twice, no crash (ASan watches in make check) */
    {
        unsigned char junk[3000];
        uint64_t r = 12345;
        size_t i;
        for (i = 0; i < sizeof junk; i++) {
            r = r * 6364136223846793005ULL + 1442695040888963407ULL;
            junk[i] = (unsigned char)(r >> 56);
        }
        CHECK_INT(ent_minhash_text((const char *)junk, sizeof junk, &x),
                  ENT_OK);
        CHECK_INT(ent_minhash_text((const char *)junk, sizeof junk, &y),
                  ENT_OK);
        CHECK(x.nshingles > 0);
        CHECK(ent_minhash_similarity(&x, &y) == 1.0);
    }
    CHECK_INT(ent_minhash_text(NULL, 0, &x), ENT_OK);
    CHECK_INT(ent_minhash_text(NULL, 3, &x), ENT_EINVAL);
    CHECK_INT(ent_minhash_text("x", 1, NULL), ENT_EINVAL);
}

void test_dedup_index(void)
{
    ent_dedup_config cfg;
    ent_dedup *d = NULL;
    ent_dedup_match m;
    ent_minhash story, copy, other;
    int bands = 0, rows = 0;
    memset(&cfg, 0, sizeof cfg);
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
    ent_dedup_bands(d, &bands, &rows);
    CHECK_INT(bands, 32); /* threshold 0.8: 32 bands of 4 rows */
    CHECK_INT(rows, 4);
    ent_minhash_text(STORY, sizeof STORY - 1, &story);
    ent_minhash_text(COPY, sizeof COPY - 1, &copy);
    ent_minhash_text(OTHER, sizeof OTHER - 1, &other);
    /* an empty index finds nothing */
    CHECK_INT(ent_dedup_find(d, &copy, &m), ENT_OK);
    CHECK_INT(m.near, 0);
    CHECK_INT(ent_dedup_add(d, 7, 7, &story), ENT_OK);
    /* a different story with the same footer is not a near-duplicate */
    CHECK_INT(ent_dedup_find(d, &other, &m), ENT_OK);
    CHECK_INT(m.near, 0);
    CHECK_INT(ent_dedup_add(d, 9, 9, &other), ENT_OK);
    CHECK_INT(ent_dedup_count(d), 2);
    /* the lightly edited copy: document 7 */
    CHECK_INT(ent_dedup_find(d, &copy, &m), ENT_OK);
    CHECK_INT(m.near, 7);
    CHECK_INT(m.cluster, 7);
    if (m.similarity < 0.8)
        printf("    copy similarity %.3f\n", m.similarity);
    CHECK(m.similarity >= 0.8);
    /* the other story shares the footer (45 words), not the story */
    CHECK(ent_minhash_similarity(&story, &other) < 0.3);
    CHECK(ent_minhash_similarity(&copy, &other) < 0.3);
    /* a copy of the copy joins the cluster of its first document */
    CHECK_INT(ent_dedup_add(d, 12, m.cluster, &copy), ENT_OK);
    CHECK_INT(ent_dedup_find(d, &copy, &m), ENT_OK);
    CHECK_INT(m.near, 12); /* the same text: similarity 1 */
    CHECK_INT(m.cluster, 7);
    CHECK(m.similarity == 1.0);
    /* the other story alone matches only itself */
    CHECK_INT(ent_dedup_find(d, &other, &m), ENT_OK);
    CHECK_INT(m.near, 9);
    /* bad arguments */
    CHECK_INT(ent_dedup_add(d, 0, 1, &story), ENT_EINVAL);
    CHECK_INT(ent_dedup_add(d, 5, 6, &story), ENT_EINVAL);
    CHECK_INT(ent_dedup_find(NULL, &story, &m), ENT_EINVAL);
    ent_dedup_free(d);
    d = NULL;
    cfg.threshold = 1.5;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_EINVAL);
    CHECK(d == NULL);
    cfg.threshold = -0.1;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_EINVAL);
    /* a lower threshold takes more bands of fewer rows */
    cfg.threshold = 0.5;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
    ent_dedup_bands(d, &bands, &rows);
    CHECK_INT(bands, 64);
    ent_dedup_free(d);
    /* at 0.95 the copy (Jaccard about 0.86) is not a near-duplicate: it
     * is hardly longer than the story, so containment does not count */
    cfg.threshold = 0.95;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
    ent_dedup_add(d, 1, 1, &story);
    ent_dedup_find(d, &copy, &m);
    CHECK_INT(m.near, 0);
    ent_dedup_free(d);
    /* a story and its first half, once the size is known: the half is
     * contained; with the size unknown (the store's reloaded
     * signatures, nshingles 1) only Jaccard counts */
    {
        ent_minhash half, unsized;
        ent_minhash_text(STORY, sizeof STORY / 2, &half);
        unsized = story;
        unsized.nshingles = 1;
        cfg.threshold = 0.8;
        CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
        CHECK_INT(ent_dedup_add(d, 1, 1, &story), ENT_OK);
        CHECK_INT(ent_dedup_add(d, 2, 2, &unsized), ENT_OK);
        ent_dedup_find(d, &half, &m);
        CHECK_INT(m.near, 1);
        CHECK(ent_minhash_similarity(&story, &half) < 0.6);
        ent_dedup_free(d);
        CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
        CHECK_INT(ent_dedup_add(d, 2, 2, &unsized), ENT_OK);
        ent_dedup_find(d, &half, &m);
        CHECK_INT(m.near, 0);
        ent_dedup_free(d);
    }
    ent_dedup_free(NULL);
}

void test_dedup_evict_alloc(void)
{
    ent_dedup_config cfg;
    ent_dedup *d = NULL;
    ent_dedup_match m;
    ent_minhash sig[10];
    char buf[2048];
    th_failer f = {0, 0};
    ent_allocator a = {th_failing_alloc, &f};
    long i, nomem = 0, ok = 0;
    int k;
    for (k = 0; k < 10; k++) {
        words(buf, sizeof buf, k % 2 ? "x" : "y", k * 1000, 50);
        ent_minhash_text(buf, strlen(buf), &sig[k]);
    }
    /* four documents at most: after the fifth, the oldest two are gone */
    memset(&cfg, 0, sizeof cfg);
    cfg.max_docs = 4;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
    for (k = 0; k < 5; k++)
        CHECK_INT(ent_dedup_add(d, k + 1, k + 1, &sig[k]), ENT_OK);
    CHECK_INT(ent_dedup_count(d), 3);
    ent_dedup_find(d, &sig[0], &m);
    CHECK_INT(m.near, 0);
    ent_dedup_find(d, &sig[4], &m);
    CHECK_INT(m.near, 5);
    ent_dedup_find(d, &sig[2], &m);
    CHECK_INT(m.near, 3);
    ent_dedup_free(d);
    /* every allocation failed in turn: ENT_ENOMEM or success, and what
     * the index still holds is found (ASan checks for leaks) */
    cfg.alloc = &a;
    for (i = 1; i < 200; i++) {
        int rc = ENT_OK;
        f.n = 0;
        f.fail_at = i;
        d = NULL;
        if (ent_dedup_new(&cfg, &d) != ENT_OK) {
            nomem++;
            continue;
        }
        for (k = 0; k < 10 && rc == ENT_OK; k++)
            rc = ent_dedup_add(d, k + 1, k + 1, &sig[k]);
        if (rc == ENT_OK)
            ok++;
        else
            nomem += rc == ENT_ENOMEM;
        for (k = 0; k < 10; k++) {
            ent_dedup_find(d, &sig[k], &m);
            CHECK(m.near == 0 || m.near == k + 1);
        }
        ent_dedup_free(d);
        if (f.n < i)
            break; /* no allocation was failed: all covered */
    }
    CHECK(nomem > 0);
    CHECK(ok > 0);
}

/* ---- gold clusters: tests/data/dedup/gold.jsonl ----------------------- */

/* A document of the gold file: its text's signature, gold cluster and
 * kind (tests/data/dedup/README.md). */
typedef struct gdoc {
    char *id, *cluster, *kind;
    ent_minhash sig;
} gdoc;

/* Read the gold file into *out (freed with free_gold()); the count. */
static size_t read_gold(const char *path, gdoc **out)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, n = 0, capd = 0;
    gdoc *d = NULL;
    *out = NULL;
    CHECK(f != NULL);
    if (!f)
        return 0;
    while (getline(&line, &cap, f) > 0) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je);
        const char *text;
        CHECK(o != NULL);
        if (!o)
            continue;
        if (n == capd) {
            capd = capd ? 2 * capd : 64;
            d = realloc(d, capd * sizeof *d);
            if (!d)
                abort();
        }
        text = json_string_value(json_object_get(o, "text"));
        d[n].id = strdup(json_string_value(json_object_get(o, "id")));
        d[n].cluster = strdup(json_string_value(json_object_get(o, "cluster")));
        d[n].kind = strdup(json_string_value(json_object_get(o, "kind")));
        CHECK_INT(ent_minhash_text(text, strlen(text), &d[n].sig), ENT_OK);
        n++;
        json_decref(o);
    }
    free(line);
    fclose(f);
    *out = d;
    return n;
}

static void free_gold(gdoc *d, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free(d[i].id);
        free(d[i].cluster);
        free(d[i].kind);
    }
    free(d);
}

/* Cluster the n documents in file order at threshold t as the store
 * does (the first an earlier document it is a near-duplicate of, else
 * its own): pred[i] receives the index of document i's cluster. */
static void cluster_gold(const gdoc *d, size_t n, double t, size_t *pred)
{
    ent_dedup_config cfg;
    ent_dedup *x = NULL;
    size_t i;
    memset(&cfg, 0, sizeof cfg);
    cfg.threshold = t;
    CHECK_INT(ent_dedup_new(&cfg, &x), ENT_OK);
    for (i = 0; x && i < n; i++) {
        ent_dedup_match m;
        CHECK_INT(ent_dedup_find(x, &d[i].sig, &m), ENT_OK);
        pred[i] = m.near ? (size_t)(m.cluster - 1) : i;
        CHECK_INT(ent_dedup_add(x, (int64_t)i + 1, (int64_t)pred[i] + 1,
                                &d[i].sig),
                  ENT_OK);
    }
    ent_dedup_free(x);
}

/* Whether document i is a short item (fewer than 40 words). */
static int is_short(const gdoc *d, size_t i)
{
    return !strncmp(d[i].kind, "short", 5);
}

/* Pairwise counts: pairs in one gold cluster (*gold), in one found
 * cluster (*found), in both (*both); only pairs of short items when
 * only_short. */
static void pair_counts(const gdoc *d, size_t n, const size_t *pred,
                        int only_short, size_t *gold, size_t *found,
                        size_t *both)
{
    size_t i, j;
    *gold = *found = *both = 0;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            int g = !strcmp(d[i].cluster, d[j].cluster);
            int f = pred[i] == pred[j];
            if (only_short && !(is_short(d, i) && is_short(d, j)))
                continue;
            *gold += g;
            *found += f;
            *both += g && f;
            if (getenv("DEDUP_GOLD_VERBOSE") && g != f && !only_short)
                printf("      %s %s %s: %.3f\n", f ? "false merge" : "missed",
                       d[i].id, d[j].id,
                       ent_minhash_similarity(&d[i].sig, &d[j].sig));
        }
}

/* Pairwise precision and recall of the clusters found at several
 * thresholds on the gold clusters of tests/data/dedup/gold.jsonl
 * (ACCURACY.md, "Near-duplicate stories"); fails under the floors at
 * the default threshold. */
void test_dedup_gold(void)
{
    static const double ts[] = {0.5, 0.6, 0.7, 0.8, 0.9};
    gdoc *d;
    size_t n = read_gold("tests/data/dedup/gold.jsonl", &d), k;
    size_t *pred = calloc(n ? n : 1, sizeof *pred);
    CHECK(n >= 60 && pred != NULL);
    printf("    %zu documents; threshold: pairs precision recall (short "
           "items: precision recall)\n", n);
    for (k = 0; pred && k < sizeof ts / sizeof ts[0]; k++) {
        size_t g, f, b, sg, sf, sb;
        cluster_gold(d, n, ts[k], pred);
        pair_counts(d, n, pred, 0, &g, &f, &b);
        pair_counts(d, n, pred, 1, &sg, &sf, &sb);
        printf("    %.1f: %zu/%zu/%zu P %5.1f%% R %5.1f%% (short %zu/%zu/%zu "
               "P %5.1f%% R %5.1f%%)\n",
               ts[k], b, f, g, f ? 100.0 * b / f : 100.0, 100.0 * b / g, sb,
               sf, sg, sf ? 100.0 * sb / sf : 100.0, 100.0 * sb / sg);
        if (ts[k] == 0.8) {
            CHECK(b == f);    /* no false merge at the default */
            CHECK(b * 10 >= g * 7);
        }
    }
    free(pred);
    free_gold(d, n);
}
