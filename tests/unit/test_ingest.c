/*
 * test_ingest.c -- the document readers.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>

static char *tmpfile_with(const char *suffix, const char *data, size_t n)
{
    static char path[64];
    int fd;
    snprintf(path, sizeof path, "/tmp/entente-inXXXXXX%s", suffix);
    fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0)
        return NULL;
    if (write(fd, data, n) != (ssize_t)n) {
        close(fd);
        return NULL;
    }
    close(fd);
    return path;
}

void test_reader_jsonl(void)
{
    const char *data =
        "{\"id\": 7, \"date\": \"26-FEB-1987 15:01:01.79\", \"text\": \"a\", "
        "\"topics\": [\"x\"]}\n"
        "\n"
        "{\"id\": \"b\", \"date\": \"2022-02-04\", \"title\": \"T\", \"text\": \"b\"}\n";
    char *p = tmpfile_with(".jsonl", data, strlen(data));
    ent_reader_config cfg;
    ent_reader *r = NULL;
    const ent_doc *doc;
    memset(&cfg, 0, sizeof cfg);
    cfg.keep_meta = 1;
    CHECK(p != NULL);
    CHECK_INT(ent_reader_open(p, &cfg, &r, NULL, 0), ENT_OK);
    CHECK_INT(ent_reader_format(r), ENT_INPUT_JSONL);
    CHECK_INT(ent_reader_next(r, &doc), ENT_OK);
    CHECK_STR(doc->id, "7");
    CHECK_STR(doc->date, "1987-02-26");
    CHECK_STR(doc->meta, "{\"topics\":[\"x\"]}");
    CHECK_INT(ent_reader_next(r, &doc), ENT_OK);
    CHECK_STR(doc->id, "b");
    CHECK_STR(doc->title, "T");
    CHECK(doc->meta == NULL);
    CHECK_INT(ent_reader_next(r, &doc), ENT_DONE);
    CHECK_INT(ent_reader_next(r, &doc), ENT_DONE);
    CHECK_INT(ent_reader_bytes(r), strlen(data));
    ent_reader_free(r);
    unlink(p);
}

void test_reader_text(void)
{
    const char *data = "  Russia attacked Ukraine.\n";
    char *p = tmpfile_with(".txt", data, strlen(data));
    ent_reader_config cfg;
    ent_reader *r = NULL;
    const ent_doc *doc;
    memset(&cfg, 0, sizeof cfg);
    cfg.text_date = "2022-02-24";
    CHECK_INT(ent_reader_open(p, &cfg, &r, NULL, 0), ENT_OK);
    CHECK_INT(ent_reader_format(r), ENT_INPUT_TEXT);
    CHECK_INT(ent_reader_next(r, &doc), ENT_OK);
    CHECK_STR(doc->date, "2022-02-24");
    CHECK_INT(doc->text_len, strlen(data)); /* leading spaces kept */
    CHECK_INT(ent_reader_next(r, &doc), ENT_DONE);
    ent_reader_free(r);
    unlink(p);
}

/* Open data as fmt and expect the first document to fail with msg. */
static void bad(const char *suffix, const char *data, size_t n, int rc,
                const char *msg)
{
    char *p = tmpfile_with(suffix, data, n);
    ent_reader_config cfg;
    ent_reader *r = NULL;
    const ent_doc *doc;
    memset(&cfg, 0, sizeof cfg);
    cfg.text_date = "2022-01-01";
    CHECK_INT(ent_reader_open(p, &cfg, &r, NULL, 0), ENT_OK);
    CHECK_INT(ent_reader_next(r, &doc), rc);
    CHECK(doc == NULL);
    if (!strstr(ent_reader_errmsg(r), msg)) {
        printf("    '%s' lacks '%s'\n", ent_reader_errmsg(r), msg);
        th_failed++;
    }
    ent_reader_free(r);
    unlink(p);
}

void test_reader_errors(void)
{
    ent_reader_config cfg;
    ent_reader *r = (ent_reader *)1;
    char err[256];
    bad(".jsonl", "{\"date\":\"2022-01-01\"}\n", 22, ENT_EFORMAT,
        ":1: missing \"text\" field");
    bad(".jsonl", "\n\n{\"text\": \"x\", \"date\": \"2022-01-01\"\n", 37,
        ENT_EFORMAT, ":3: invalid JSON");
    bad(".jsonl", "{\"text\": \"a\xff\", \"date\": \"2022-01-01\"}\n", 37,
        ENT_EUTF8, ":1: invalid UTF-8 at byte 12");
    bad(".jsonl", "{\"text\": \"a\0\", \"date\": \"2022-01-01\"}\n", 37,
        ENT_EUTF8, ":1: NUL byte at byte 12");
    bad(".jsonl", "{\"text\": \"a\"}\n", 14, ENT_EFORMAT, "missing \"date\"");
    bad(".jsonl", "{\"text\": \"a\", \"date\": \"soon\"}\n", 30, ENT_EFORMAT,
        "unreadable \"date\"");
    bad(".jsonl", "[1, 2]\n", 7, ENT_EFORMAT, "expected a JSON object");
    bad(".jsonl", "{\"text\": 5, \"date\": \"2022-01-01\"}\n", 34, ENT_EFORMAT,
        "\"text\" is not a string");
    bad(".txt", "line one\nline \xc3\x28 two\n", 20, ENT_EUTF8,
        ":2: invalid UTF-8 at byte 6");
    bad(".txt", "", 0, ENT_EFORMAT, "empty input");
    bad(".txt", " \n\n ", 4, ENT_EFORMAT, "empty input");
    memset(&cfg, 0, sizeof cfg);
    CHECK_INT(ent_reader_open("/nonexistent/x.txt", &cfg, &r, err, sizeof err),
              ENT_EIO);
    CHECK(r == NULL);
    CHECK(strstr(err, "/nonexistent/x.txt: No such file") != NULL);
    ent_reader_free(NULL);
}
