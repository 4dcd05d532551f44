/*
 * test_lexicon.c -- WordNet lemmas and dictionary compilation.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static ent_dict *load(const char *dir, char *err, size_t errlen, int *rc)
{
    ent_dict_config cfg;
    ent_dict *d = NULL;
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = dir;
    *rc = ent_dict_load(&cfg, &d, err, errlen);
    return d;
}

typedef const char *(*lemma_fn)(const ent__lemmatizer *, const char *,
                                size_t, size_t *);

/* The lemma of w by fn, copied into buf, or "(none)". */
static const char *lem(const ent__lemmatizer *lm, lemma_fn fn, const char *w,
                       char *buf)
{
    size_t n;
    const char *l = fn(lm, w, strlen(w), &n);
    if (!l)
        return "(none)";
    memcpy(buf, l, n);
    buf[n] = 0;
    return buf;
}

#define vlem(lm, w, b) lem(lm, ent__lemma_verb, w, b)
#define nlem(lm, w, b) lem(lm, ent__lemma_noun, w, b)

void test_lemmas(void)
{
    ent__lemmatizer *lm = NULL;
    char err[256], b[64];
    CHECK_INT(ent__lemma_load(NULL, "/usr/share/wordnet", &lm, err, sizeof err),
              ENT_OK);
    if (!lm)
        return;
    CHECK_STR(vlem(lm, "held", b), "hold");
    CHECK_STR(vlem(lm, "met", b), "meet");
    CHECK_STR(vlem(lm, "signed", b), "sign");
    CHECK_STR(vlem(lm, "imposes", b), "impose");
    CHECK_STR(vlem(lm, "attacking", b), "attack");
    CHECK_STR(vlem(lm, "stopped", b), "stop");
    CHECK_STR(vlem(lm, "was", b), "be");
    CHECK_STR(vlem(lm, "criticised", b), "criticise");
    CHECK_STR(vlem(lm, "qwzx", b), "(none)");
    /* regular spelling: a bare "es" only after s, x, z, ch, sh, o; a
     * one-syllable stem doubles its consonant before "ed" and "ing" */
    CHECK_STR(vlem(lm, "passes", b), "pass");
    CHECK_STR(vlem(lm, "goes", b), "go");
    CHECK_STR(vlem(lm, "watches", b), "watch");
    CHECK_STR(vlem(lm, "focuses", b), "focus");
    CHECK_STR(vlem(lm, "departs", b), "depart");
    CHECK_STR(vlem(lm, "departes", b), "(none)");
    CHECK_STR(vlem(lm, "banned", b), "ban");
    CHECK_STR(vlem(lm, "banning", b), "ban");
    CHECK_STR(vlem(lm, "baned", b), "(none)");
    CHECK_STR(vlem(lm, "baning", b), "(none)");
    CHECK_STR(vlem(lm, "visited", b), "visit");
    CHECK_STR(vlem(lm, "opened", b), "open");
    CHECK_STR(vlem(lm, "rained", b), "rain");
    CHECK_STR(vlem(lm, "helped", b), "help");
    CHECK_STR(vlem(lm, "showed", b), "show");
    CHECK_STR(vlem(lm, "fixing", b), "fix");
    /* the tagger's word classes keep WordNet's own morphy, as its models
     * were trained: "departes" is no verb form for coding, but its class
     * is still a verb's */
    CHECK(ent__lemma_classes(lm, "departes", 8) & ENT_WN_VERB);
    CHECK(ent__lemma_classes(lm, "baned", 5) & ENT_WN_VERB);
    CHECK(!(ent__lemma_classes(lm, "qwzx", 4) & ENT_WN_VERB));
    CHECK_STR(nlem(lm, "troops", b), "troop");
    CHECK_STR(nlem(lm, "ministers", b), "minister");
    CHECK_STR(nlem(lm, "countries", b), "country");
    CHECK_STR(nlem(lm, "women", b), "woman");
    ent__lemma_free(NULL, lm);
    CHECK_INT(ent__lemma_load(NULL, "/nonexistent", &lm, err, sizeof err),
              ENT_EIO);
    CHECK(lm == NULL);
    CHECK(strstr(err, "wordnet-base") != NULL);
}

void test_dict_load(void)
{
    char err[512];
    int rc;
    ent_dict *d = load(th_dict_dir, err, sizeof err, &rc);
    ent_dict_stats s;
    const ent_cameo *c;
    CHECK_INT(rc, ENT_OK);
    if (!d) {
        printf("    %s\n", err);
        return;
    }
    ent_dict_get_stats(d, &s);
    CHECK_INT(s.cameo_codes, 9);
    CHECK_INT(s.verb_patterns, 12);
    CHECK(s.actor_entries >= 10);
    c = ent_cameo_lookup(d, "057");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->root, "05");
        CHECK_INT(c->quad, 1);
        CHECK(c->goldstein > 7.9 && c->goldstein < 8.1);
        CHECK_STR(c->plover, "AGREE");
    }
    CHECK(ent_cameo_lookup(d, "999") == NULL);
    ent_dict_free(d);
    ent_dict_free(NULL);
}

/* Write a dictionary directory with one broken file and check the error
 * names the file and line. */
static void broken(const char *file, const char *content, const char *want)
{
    char dir[] = "/tmp/entente-dictXXXXXX", path[256], err[512];
    FILE *f;
    int rc;
    ent_dict *d;
    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "cp %s/cameo.tsv %s/", th_dict_dir, dir);
    CHECK_INT(system(path), 0);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    f = fopen(path, "w");
    fputs(content, f);
    fclose(f);
    err[0] = 0;
    d = load(dir, err, sizeof err, &rc);
    CHECK(d == NULL);
    CHECK(rc != ENT_OK);
    if (!strstr(err, want)) {
        printf("    error '%s' lacks '%s'\n", err, want);
        th_failed++;
    }
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK_INT(system(path), 0);
}

void test_dict_errors(void)
{
    broken("verbs.txt", "040 meet\n999 frobnicate\n",
           "verbs.txt:2: unknown CAMEO code '999'");
    broken("verbs.txt", "040 + meet\n", "verbs.txt:1: a pattern must start");
    broken("verbs.txt", "040 meet [wat]\n", "verbs.txt:1: unknown flag");
    broken("verbs.txt", "040 meet (a|\n", "verbs.txt:1: bad alternatives");
    broken("x.actors", "China = CHN\nRussia\n", "x.actors:2: expected");
    broken("x.actors", "Putin =\n    RUSGOV 2012-13-01.. x\n",
           "x.actors:2: bad date");
    broken("x.actors", "Putin =\n    RUSGOV 2012-01-01..2010-01-01\n",
           "x.actors:2: date range ends before");
    broken("x.actors", "    RUSGOV\n", "x.actors:1: indented code line");
    broken("x.actors", "Putin =\nXi = CHNGOV\n",
           "x.actors:2: previous entry has no code lines");
    broken("x.actors", "China = chn\n", "x.actors:1: bad actor code");
    broken("x.actors", "China = CHN\n\xff = X\n", "x.actors: invalid UTF-8");
    broken("agents.txt", "troops = mil\n", "agents.txt:1: bad sector code");
    broken("context.txt", "maybe might\n", "context.txt:1: unknown context");
}

/* 50,000 actor entries compile in well under the 0.5 s the spec allows. */
void test_dict_speed(void)
{
    char dir[] = "/tmp/entente-bigXXXXXX", path[256], err[512];
    FILE *f;
    int rc, i;
    ent_dict *d;
    struct timespec t0, t1;
    double s;
    if (!mkdtemp(dir))
        return;
    snprintf(path, sizeof path, "cp %s/* %s/", th_dict_dir, dir);
    CHECK_INT(system(path), 0);
    snprintf(path, sizeof path, "%s/big.actors", dir);
    f = fopen(path, "w");
    for (i = 0; i < 50000; i++)
        fprintf(f, "Person%d Name%d; Name%d Person%d = C%05dGOV\n", i, i, i, i,
                i);
    fclose(f);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    d = load(dir, err, sizeof err, &rc);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_INT(rc, ENT_OK);
    s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("    50,000 entries + WordNet loaded in %.3f s\n", s);
    if (d) {
        ent_dict_stats st;
        ent_dict_get_stats(d, &st);
        CHECK(st.actor_entries >= 50000);
    }
    ent_dict_free(d);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK_INT(system(path), 0);
}
