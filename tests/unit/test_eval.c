/*
 * test_eval.c -- the gold reader and the scorer: a hand-checked small
 * gold set, malformed records with their line numbers, and out-of-memory
 * at every allocation of the reader and of a scoring run.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>

static const char gold_text[] =
    "{\"id\":\"a\",\"date\":\"2022-02-04\",\"text\":\"Xi Jinping met Vladimir "
    "Putin in Beijing.\",\"events\":[{\"source\":\"CHNGOV\",\"target\":"
    "\"RUSGOV\",\"code\":\"040\"},{\"source\":\"RUSGOV\",\"target\":"
    "\"CHNGOV\",\"code\":\"040\"}],\"tags\":[\"root-04\"]}\n"
    "{\"id\":\"b\",\"date\":\"2022-02-24\",\"text\":\"Russian troops "
    "attacked Ukraine.\",\"events\":[{\"source\":\"RUSMIL\",\"target\":"
    "\"UKR\",\"code\":\"193\"}],\"tags\":[\"root-19\"]}\n"
    "{\"id\":3,\"date\":\"2022-02-24\",\"text\":\"It rained in Paris.\","
    "\"events\":[],\"tags\":[\"no-event\"]}\n";

/* Write text to a temporary file named by path (a mkstemp template). */
static int temp_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    size_t n = strlen(text);
    if (fd < 0)
        return -1;
    if (write(fd, text, n) != (ssize_t)n) {
        close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

static ent_coder *test_coder(ent_dict **d)
{
    ent_dict_config cfg;
    ent_coder *c = NULL;
    char err[256];
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = th_dict_dir;
    *d = NULL;
    if (ent_dict_load(&cfg, d, err, sizeof err)) {
        printf("    %s\n", err);
        return NULL;
    }
    if (ent_coder_new(*d, &c))
        return NULL;
    return c;
}

/* The scores of a small set, checked by hand: the meeting is coded both
 * ways (2 of 2), the attack is coded 190 where gold says 193 (exact miss,
 * loose match), the rain codes nothing. */
void test_eval_scores(void)
{
    char path[] = "/tmp/entente-goldXXXXXX", err[256];
    ent_gold *g = NULL;
    ent_dict *d;
    ent_coder *c = test_coder(&d);
    ent_eval_totals t;
    CHECK(c != NULL);
    CHECK_INT(temp_file(path, gold_text), 0);
    CHECK_INT(ent_gold_load(path, NULL, &g, err, sizeof err), ENT_OK);
    if (c && g) {
        CHECK_INT(ent_gold_count(g), 3);
        CHECK_INT(ent_eval_run(c, g, NULL, NULL, &t), ENT_OK);
        CHECK_INT(t.records, 3);
        CHECK_INT(t.passed, 2);
        CHECK_INT(t.exact.expected, 3);
        CHECK_INT(t.exact.coded, 3);
        CHECK_INT(t.exact.matched, 2);
        CHECK_INT(t.loose.matched, 3);
        CHECK_INT(t.root[4].matched, 2);
        CHECK_INT(t.root[19].expected, 1);
        CHECK_INT(t.root[19].coded, 1);
        CHECK_INT(t.root[19].matched, 0);
        CHECK_INT(t.no_event_records, 1);
        CHECK_INT(t.no_event_passed, 1);
        CHECK_INT(t.ntags, 3);
        CHECK_STR(t.tag_names[1], "root-19");
        CHECK_INT(t.tag[1].passed, 0);
    }
    ent_gold_free(g);
    unlink(path);
    ent_coder_free(c);
    ent_dict_free(d);
    CHECK_INT(ent_eval_run(NULL, NULL, NULL, NULL, &t), ENT_EINVAL);
    ent_gold_free(NULL);
}

/* Malformed gold records are refused with their line. */
void test_eval_errors(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"{\"date\":\"2022-01-01\",\"text\":\"x\",\"events\":[]}\n{\n",
         ":2: invalid JSON"},
        {"{\"date\":\"2022-13-01\",\"text\":\"x\",\"events\":[]}\n",
         ":1: bad date"},
        {"\n\n{\"date\":\"2022-01-01\",\"text\":\"x\",\"events\":{}}\n",
         ":3: \"events\" is not an array"},
        {"{\"date\":\"2022-01-01\",\"text\":\"x\",\"events\":[{\"source\":"
         "\"ru\",\"target\":\"UKR\",\"code\":\"190\"}]}\n",
         ":1: event 1: bad actor code"},
        {"{\"date\":\"2022-01-01\",\"text\":\"x\",\"events\":[],\"tags\":"
         "[1]}\n",
         ":1: tag 1 is not a string"},
        {"# only a comment\n", ":1: no gold records"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[] = "/tmp/entente-goldXXXXXX", err[512] = "";
        ent_gold *g = (ent_gold *)1;
        CHECK_INT(temp_file(path, cases[i].text), 0);
        CHECK_INT(ent_gold_load(path, NULL, &g, err, sizeof err), ENT_EFORMAT);
        CHECK(g == NULL);
        if (!strstr(err, cases[i].want)) {
            printf("    case %zu: \"%s\" lacks \"%s\"\n", i, err, cases[i].want);
            th_failed++;
        }
        unlink(path);
    }
}

/* Every allocation of the reader, then of a scoring run, fails in turn. */
void test_eval_alloc_failures(void)
{
    char path[] = "/tmp/entente-goldXXXXXX", err[256];
    th_failer f = {0, 0};
    ent_allocator a = {th_failing_alloc, &f};
    ent_dict *d;
    ent_coder *c = test_coder(&d);
    long i;
    int nomem = 0, other = 0, done = 0;
    CHECK_INT(temp_file(path, gold_text), 0);
    for (i = 1; i < 100000 && !done; i++) {
        ent_gold *g = (ent_gold *)1;
        int rc;
        f.n = 0;
        f.fail_at = i;
        rc = ent_gold_load(path, &a, &g, err, sizeof err);
        if (rc == ENT_OK) {
            ent_eval_totals t;
            rc = c ? ent_eval_run(c, g, NULL, NULL, &t) : ENT_OK;
            done = rc == ENT_OK;
        } else if (g != NULL) {
            other++;
        }
        nomem += rc == ENT_ENOMEM;
        other += rc != ENT_OK && rc != ENT_ENOMEM;
        ent_gold_free(g);
    }
    printf("    %ld allocations; failing each gave %d ENOMEM, %d other\n",
           i - 2, nomem, other);
    CHECK(done);
    CHECK_INT(other, 0);
    CHECK(nomem > 10);
    unlink(path);
    ent_coder_free(c);
    ent_dict_free(d);
}
