/*
 * test_treebank.c -- the CoNLL-U reader: good input, every malformed case,
 * and the real EWT dev file when ../shared is present.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>

/* Write data to a temporary file and read it; returns the status and
 * leaves the message in err. */
static int read_str(const char *data, ent__treebank *tb, char *err,
                    size_t errlen)
{
    char path[] = "/tmp/entente-tbXXXXXX";
    int fd = mkstemp(path), rc;
    if (fd < 0 || write(fd, data, strlen(data)) != (ssize_t)strlen(data)) {
        if (fd >= 0)
            close(fd);
        return -99;
    }
    close(fd);
    err[0] = 0;
    rc = ent__treebank_read(NULL, path, tb, err, errlen);
    unlink(path);
    return rc;
}

#define W(id, form, upos, head, rel) \
    id "\t" form "\t" form "\t" upos "\tX\t_\t" head "\t" rel "\t_\t_\n"

void test_treebank_read(void)
{
    ent__treebank tb;
    char err[256];
    const char *good = "# sent_id = 1\n# text = Russia attacked Ukraine.\n"
                       W("1", "Russia", "PROPN", "2", "nsubj")
                       "2-3\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n"
                       W("2", "attacked", "VERB", "0", "root")
                       W("3", "Ukraine", "PROPN", "2", "obj")
                       "3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n"
                       W("4", ".", "PUNCT", "2", "punct")
                       "\n"
                       W("1", "Yes", "INTJ", "0", "root");
    memset(&tb, 0, sizeof tb);
    CHECK_INT(read_str(good, &tb, err, sizeof err), ENT_OK);
    CHECK_INT(tb.nsent, 2);
    CHECK_INT(tb.ntok, 5);
    if (tb.nsent == 2) {
        CHECK_STR(tb.sent[0].text, "Russia attacked Ukraine.");
        CHECK_INT(tb.sent[0].n, 4);
        CHECK_STR(tb.tok[2].deprel, "obj");
        CHECK_INT(tb.tok[2].head, 2);
        CHECK(tb.tok[0].upos == tb.tok[2].upos); /* interned */
        CHECK(tb.sent[1].text == NULL);
    }
    ent__treebank_free(NULL, &tb);
}

static void bad(const char *data, const char *want)
{
    ent__treebank tb;
    char err[256];
    memset(&tb, 0, sizeof tb);
    CHECK(read_str(data, &tb, err, sizeof err) != ENT_OK);
    if (!strstr(err, want)) {
        printf("    '%s' lacks '%s'\n", err, want);
        th_failed++;
    }
    ent__treebank_free(NULL, &tb);
}

void test_treebank_errors(void)
{
    bad(W("1", "a", "X", "0", "root") "2\tb\tb\tX\n", ":2: expected 10 tab-separated fields, found 4");
    bad(W("1", "a", "X", "0", "root") W("3", "b", "X", "1", "dep"), ":2: ID 3 out of sequence");
    bad(W("x", "a", "X", "0", "root"), ":1: bad ID 'x'");
    bad(W("1", "a", "X", "zz", "root"), ":1: bad HEAD 'zz'");
    bad(W("1", "a", "X", "1", "root"), ":1: word 1 is its own head");
    bad("# c\n" W("1", "a", "X", "0", "root") W("2", "b", "X", "7", "dep") "\n",
        ":3: HEAD 7 is outside the sentence");
    bad(W("1", "a", "X", "2", "dep") W("2", "b", "X", "1", "dep") "\n",
        ":1: sentence has no root");
    bad(W("1", "a\xff", "X", "0", "root"), ":1: invalid UTF-8 at byte 4");
    bad(W("1", "", "X", "0", "root"), ":1: empty FORM");
    bad("1\ta\ta\tX\tX\t_\t0\troot\t_\t_\textra\n", ":1: more than 10 fields");
    {
        ent__treebank tb;
        char err[256];
        memset(&tb, 0, sizeof tb);
        CHECK_INT(ent__treebank_read(NULL, "/nonexistent.conllu", &tb, err,
                                     sizeof err), ENT_EIO);
        CHECK(strstr(err, "/nonexistent.conllu: cannot open") != NULL);
        ent__treebank_free(NULL, &tb);
    }
}

void test_treebank_ewt(void)
{
    const char *path = "../shared/data/treebank/en-ewt/en_ewt-ud-dev.conllu";
    ent__treebank tb;
    char err[256];
    size_t i, roots = 0;
    if (access(path, R_OK) != 0) {
        th_skip("../shared/data/treebank not found");
        return;
    }
    memset(&tb, 0, sizeof tb);
    CHECK_INT(ent__treebank_read(NULL, path, &tb, err, sizeof err), ENT_OK);
    CHECK_INT(tb.nsent, 2001); /* the published size of EWT dev */
    for (i = 0; i < tb.ntok; i++)
        roots += tb.tok[i].head == 0;
    CHECK_INT(roots, tb.nsent);
    printf("    EWT dev: %zu sentences, %zu words, %zu tags\n", tb.nsent,
           tb.ntok, tb.tags.n);
    ent__treebank_free(NULL, &tb);
}
