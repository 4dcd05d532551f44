/*
 * test_dedup.c -- near-duplicate stories: MinHash estimates against
 * hand-computed Jaccard similarities, and the LSH index finding a
 * lightly edited copy but not a different story with the same
 * boilerplate; eviction and out-of-memory.
 */
#include "entente.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>

/* test_dedup.c's tests (registered in main.c). */
void test_minhash(void);
void test_dedup_index(void);
void test_dedup_evict_alloc(void);

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
    CHECK_INT(bands, 16); /* threshold 0.8: 16 bands of 8 rows */
    CHECK_INT(rows, 8);
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
    /* a lower threshold takes more bands of fewer rows; at 0.9 the copy
     * (about 0.86) is not a near-duplicate */
    cfg.threshold = 0.5;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
    ent_dedup_bands(d, &bands, &rows);
    CHECK_INT(bands, 32);
    ent_dedup_free(d);
    cfg.threshold = 0.95;
    CHECK_INT(ent_dedup_new(&cfg, &d), ENT_OK);
    ent_dedup_add(d, 1, 1, &story);
    ent_dedup_find(d, &copy, &m);
    CHECK_INT(m.near, 0);
    ent_dedup_free(d);
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
