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

/* Web pages: the article without its boilerplate; metadata dates; broken,
 * empty and binary input never crash. */
void test_reader_html(void)
{
    static const char *const page =
        "<!DOCTYPE html><html><head><meta charset=\"windows-1252\">"
        "<title>Site | Talks</title>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2019-12-09T18:00:00+01:00\"}</script></head>"
        "<body><nav><a href=\"/\">Home</a></nav>"
        "<div class=\"social-share\">Share Tweet</div>"
        "<div id=\"main\"><h1>Leaders meet in Paris</h1>"
        "<div class=\"story-body\"><p>The leaders of Russia and Ukraine "
        "met in Paris on Monday, with France and Germany as hosts, for "
        "their first talks.</p>"
        "<aside>Russia and Ukraine met in Paris.</aside>"
        "<p>Both sides agreed to exchange prisoners by the end of the year, "
        "Zelensky\x92s office said.</p>\x93Quoted\x94"
        "<h2>Read more</h2><p>An unrelated story about football.</p></div>"
        "<div class=\"comments\"><p>First comment!</p></div></div>"
        "<footer><p>Copyright</p></footer></body></html>";
    ent_page p;
    CHECK_INT(ent_html_extract(page, strlen(page), NULL, &p), ENT_OK);
    CHECK_STR(p.title, "Leaders meet in Paris");
    CHECK_STR(p.date, "2019-12-09");
    CHECK_STR(p.text,
              "The leaders of Russia and Ukraine met in Paris on Monday, "
              "with France and Germany as hosts, for their first talks.\n\n"
              "Both sides agreed to exchange prisoners by the end of the "
              "year, Zelensky\xe2\x80\x99s office said."); /* cp1252 */
    ent_page_free(NULL, &p);
    /* truncated in the middle of the article: what is there is kept */
    CHECK_INT(ent_html_extract(page, 420, NULL, &p), ENT_OK);
    CHECK(strstr(p.text, "The leaders of Russia") == p.text);
    ent_page_free(NULL, &p);
    /* nothing that is HTML, binary junk, no article */
    CHECK_INT(ent_html_extract("", 0, NULL, &p), ENT_EFORMAT);
    CHECK_INT(ent_html_extract("\x01\x02\xff\xfe\x00\x07", 6, NULL, &p),
              ENT_EFORMAT);
    CHECK_INT(ent_html_extract("<html><body><nav>Home</nav></body></html>",
                               41, NULL, &p),
              ENT_OK);
    CHECK_STR(p.text, "");
    ent_page_free(NULL, &p);
    CHECK_INT(ent_html_extract(NULL, 0, NULL, &p), ENT_EINVAL);
    CHECK_INT(ent_html_extract("<p>x</p>", 8, NULL, NULL), ENT_EINVAL);
    /* every prefix of the page: no crash, a result or a clear refusal */
    {
        size_t n;
        for (n = 0; n <= strlen(page); n += 7) {
            int rc = ent_html_extract(page, n, NULL, &p);
            CHECK(rc == ENT_OK || rc == ENT_EFORMAT);
            if (rc == ENT_OK)
                ent_page_free(NULL, &p);
        }
    }
}
