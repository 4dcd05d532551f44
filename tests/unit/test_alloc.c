/*
 * test_alloc.c -- out-of-memory handling and the hash tables.
 *
 * Every allocation of a dictionary load and of coding a document is failed
 * in turn; each run must report ENT_ENOMEM (or succeed) and leak nothing
 * (ASan's leak checker watches in `make check`).
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

void *th_failing_alloc(void *ud, void *p, size_t n)
{
    th_failer *f = ud;
    if (n == 0) {
        free(p);
        return NULL;
    }
    if (++f->n == f->fail_at)
        return NULL;
    return realloc(p, n);
}

void test_alloc_failures(void)
{
    th_failer f = {0, 0};
    ent_allocator a = {th_failing_alloc, &f};
    ent_dict_config cfg;
    long total, i, step;
    int oks = 0, nomem = 0, other = 0;
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = th_dict_dir;
    cfg.alloc = &a;
    /* count the allocations of one full load + code */
    {
        ent_dict *d = NULL;
        ent_coder *c = NULL;
        ent_doc doc;
        const ent_result *r;
        CHECK_INT(ent_dict_load(&cfg, &d, NULL, 0), ENT_OK);
        CHECK_INT(ent_coder_new(d, &c), ENT_OK);
        memset(&doc, 0, sizeof doc);
        doc.date = "2022-02-04";
        doc.text = "Xi met Putin. Russian troops attacked Ukraine.";
        doc.text_len = strlen(doc.text);
        CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
        ent_coder_free(c);
        ent_dict_free(d);
        total = f.n;
    }
    /* fail each of the first 400 and then a sample of the rest */
    step = total > 4000 ? total / 2000 : 1;
    for (i = 1; i <= total; i += (i < 400 ? 1 : step)) {
        ent_dict *d = NULL;
        ent_coder *c = NULL;
        int rc;
        f.n = 0;
        f.fail_at = i;
        rc = ent_dict_load(&cfg, &d, NULL, 0);
        if (rc == ENT_OK) {
            rc = ent_coder_new(d, &c);
            if (rc == ENT_OK) {
                ent_doc doc;
                const ent_result *r;
                memset(&doc, 0, sizeof doc);
                doc.date = "2022-02-04";
                doc.text = "Xi met Putin. Russian troops attacked Ukraine.";
                doc.text_len = strlen(doc.text);
                rc = ent_code(c, &doc, &r);
            }
        } else {
            CHECK(d == NULL);
        }
        if (rc == ENT_OK)
            oks++;
        else if (rc == ENT_ENOMEM)
            nomem++;
        else
            other++;
        ent_coder_free(c);
        ent_dict_free(d);
    }
    printf("    %ld allocations; failing them gave %d ENOMEM, %d ok, %d other\n",
           total, nomem, oks, other);
    CHECK(nomem > 0);
    CHECK_INT(other, 0);
}

void test_hash_tables(void)
{
    ent__strtab t;
    ent__imap m;
    uint32_t id, i;
    char w[32];
    memset(&t, 0, sizeof t);
    memset(&m, 0, sizeof m);
    for (i = 0; i < 20000; i++) {
        snprintf(w, sizeof w, "w%u", i);
        CHECK_INT(ent__strtab_intern(NULL, &t, w, strlen(w), &id), ENT_OK);
        CHECK_INT(id, i + 1);
        CHECK_INT(ent__imap_put(NULL, &m, (uint64_t)i << 32 | 7, i + 1), ENT_OK);
    }
    CHECK_INT(ent__strtab_find(&t, "w123", 4), 124);
    CHECK_INT(ent__strtab_find(&t, "nope", 4), 0);
    CHECK_INT(ent__strtab_intern(NULL, &t, "w5", 2, &id), ENT_OK);
    CHECK_INT(id, 6);
    CHECK_INT(ent__imap_get(&m, (uint64_t)19999 << 32 | 7), 20000);
    CHECK_INT(ent__imap_get(&m, 12345), 0);
    ent__strtab_free(NULL, &t);
    ent__imap_free(NULL, &m);
}
