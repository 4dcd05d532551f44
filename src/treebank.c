/*
 * treebank.c -- read Universal Dependencies treebanks (CoNLL-U).
 *
 * The first piece of the tagger and parser stage (issue 3): training and
 * evaluation read gold sentences through this reader. Multi-word token
 * ranges ("1-2") and empty nodes ("1.1") are skipped, as a parser over
 * syntactic words needs; every malformed line is reported with its file
 * and line number and stops the read.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct reader {
    const ent_allocator *a;
    ent__treebank *tb;
    const char *path;
    unsigned long line;
    char *err;
    size_t errlen;
    size_t sent_first;  /* first token of the open sentence */
    unsigned long sent_line; /* line of its first token */
    const char *text;   /* "# text = " of the open sentence */
    unsigned newpar;    /* "# newpar" or "# newdoc" seen for it */
} reader;

static int tb_fail(reader *R, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int tb_fail(reader *R, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__errv(R->err, R->errlen, R->path, R->line, fmt, ap);
    va_end(ap);
    return rc;
}

/* Intern a tag (UPOS, XPOS, relation) and return the stored string. */
static const char *tag(reader *R, const char *s, size_t n)
{
    uint32_t id;
    if (ent__strtab_intern(R->a, &R->tb->tags, s, n, &id))
        return NULL;
    return R->tb->tags.str[id];
}

/* Close the open sentence: check its heads and that it has a root. */
static int end_sentence(reader *R)
{
    ent__treebank *tb = R->tb;
    size_t n = tb->ntok - R->sent_first, i, roots = 0;
    ent__tbsent *s;
    if (n == 0)
        return ENT_OK;
    for (i = R->sent_first; i < tb->ntok; i++) {
        if (tb->tok[i].head > (int)n) {
            R->line = R->sent_line + (unsigned long)(i - R->sent_first);
            return tb_fail(R, ENT_EFORMAT,
                           "HEAD %d is outside the sentence (%zu words)",
                           tb->tok[i].head, n);
        }
        roots += tb->tok[i].head == 0;
    }
    if (roots == 0) {
        R->line = R->sent_line;
        return tb_fail(R, ENT_EFORMAT, "sentence has no root (HEAD 0)");
    }
    if (ent__grow(R->a, (void **)&tb->sent, &tb->capsent, tb->nsent + 1,
                  sizeof *tb->sent))
        return tb_fail(R, ENT_ENOMEM, "out of memory");
    s = &tb->sent[tb->nsent++];
    s->first = (uint32_t)R->sent_first;
    s->n = (uint32_t)n;
    s->text = R->text;
    s->newpar = R->newpar;
    s->line = R->sent_line;
    R->sent_first = tb->ntok;
    R->text = NULL;
    R->newpar = 0;
    return ENT_OK;
}

/* Parse one word line ("ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS
 * MISC", tab-separated) into a token. */
static int word_line(reader *R, char *line)
{
    ent__treebank *tb = R->tb;
    char *f[10], *p = line, *end;
    int i;
    long id, head;
    ent__tbtoken *t;
    for (i = 0; i < 10; i++) {
        f[i] = p;
        p = strchr(p, '\t');
        if (!p && i < 9)
            return tb_fail(R, ENT_EFORMAT,
                           "expected 10 tab-separated fields, found %d",
                           i + 1);
        if (p)
            *p++ = 0;
    }
    if (p)
        return tb_fail(R, ENT_EFORMAT, "more than 10 fields");
    if (strchr(f[0], '-') || strchr(f[0], '.'))
        return ENT_OK; /* multi-word token range or empty node */
    id = strtol(f[0], &end, 10);
    if (*end || id < 1)
        return tb_fail(R, ENT_EFORMAT, "bad ID '%s'", f[0]);
    if (tb->ntok == R->sent_first)
        R->sent_line = R->line;
    if ((size_t)id != tb->ntok - R->sent_first + 1)
        return tb_fail(R, ENT_EFORMAT, "ID %ld out of sequence (expected %zu)",
                       id, tb->ntok - R->sent_first + 1);
    head = strtol(f[6], &end, 10);
    if (*end || end == f[6] || head < 0)
        return tb_fail(R, ENT_EFORMAT, "bad HEAD '%s'", f[6]);
    if (head == id)
        return tb_fail(R, ENT_EFORMAT, "word %ld is its own head", id);
    if (!*f[1] || !*f[3] || !*f[7])
        return tb_fail(R, ENT_EFORMAT, "empty FORM, UPOS or DEPREL");
    if (ent__grow(R->a, (void **)&tb->tok, &tb->captok, tb->ntok + 1,
                  sizeof *tb->tok))
        return tb_fail(R, ENT_ENOMEM, "out of memory");
    t = &tb->tok[tb->ntok];
    t->form = ent__arena_strndup(R->a, &tb->arena, f[1], strlen(f[1]));
    t->lemma = ent__arena_strndup(R->a, &tb->arena, f[2], strlen(f[2]));
    t->upos = tag(R, f[3], strlen(f[3]));
    t->xpos = tag(R, f[4], strlen(f[4]));
    t->deprel = tag(R, f[7], strlen(f[7]));
    t->head = (int)head;
    if (!t->form || !t->lemma || !t->upos || !t->xpos || !t->deprel)
        return tb_fail(R, ENT_ENOMEM, "out of memory");
    tb->ntok++;
    return ENT_OK;
}

int ent__treebank_read(const ent_allocator *a, const char *path,
                       ent__treebank *tb, char *err, size_t errlen)
{
    reader R;
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = ENT_OK;
    memset(&R, 0, sizeof R);
    R.a = a;
    R.tb = tb;
    R.path = path;
    R.err = err;
    R.errlen = errlen;
    R.sent_first = tb->ntok;
    f = fopen(path, "rb");
    if (!f)
        return tb_fail(&R, ENT_EIO, "cannot open: %s", strerror(errno));
    while (rc == ENT_OK && (n = getline(&line, &cap, f)) >= 0) {
        size_t bad;
        R.line++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (ent_utf8_check(line, (size_t)n, &bad)) {
            rc = tb_fail(&R, ENT_EUTF8, "%s at byte %zu",
                         line[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
        } else if (n == 0) {
            rc = end_sentence(&R);
        } else if (line[0] == '#') {
            if (!strncmp(line, "# newpar", 8) || !strncmp(line, "# newdoc", 8))
                R.newpar = 1;
            if (!strncmp(line, "# text = ", 9)) {
                R.text = ent__arena_strndup(a, &tb->arena, line + 9,
                                            (size_t)n - 9);
                if (!R.text)
                    rc = tb_fail(&R, ENT_ENOMEM, "out of memory");
            }
        } else {
            rc = word_line(&R, line);
        }
    }
    if (rc == ENT_OK && ferror(f))
        rc = tb_fail(&R, ENT_EIO, "read error");
    if (rc == ENT_OK)
        rc = end_sentence(&R); /* a last sentence without a blank line */
    free(line);
    fclose(f);
    return rc;
}

void ent__treebank_free(const ent_allocator *a, ent__treebank *tb)
{
    ent__free(a, tb->tok);
    ent__free(a, tb->sent);
    ent__strtab_free(a, &tb->tags);
    ent__arena_free(a, &tb->arena);
    memset(tb, 0, sizeof *tb);
}

size_t ent__treebank_longest(const ent__treebank *tb)
{
    size_t s, maxn = 0;
    for (s = 0; s < tb->nsent; s++)
        if (tb->sent[s].n > maxn)
            maxn = tb->sent[s].n;
    return maxn;
}
