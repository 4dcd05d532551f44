/*
 * test_ingest.c -- the document readers.
 */
#include "harness.h"
#include "internal.h"

#include <ctype.h>
#include <jansson.h>
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
        "Zelensky\x92s office said.</p>"
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

/* Words of s (lower-case ASCII letters and digits, other bytes >= 0x80
 * kept), NUL-separated in a new buffer; *n gets their number. */
static char **page_words(const char *s, size_t *n)
{
    size_t cap = 64, k = 0, i = 0, len = strlen(s);
    char **w = malloc(cap * sizeof *w);
    while (w && i < len) {
        size_t j = i;
        while (j < len && (isalnum((unsigned char)s[j]) ||
                           (unsigned char)s[j] >= 0x80))
            j++;
        if (j > i) {
            char *x = malloc(j - i + 1);
            size_t q;
            if (!x)
                break;
            for (q = 0; q < j - i; q++)
                x[q] = (char)tolower((unsigned char)s[i + q]);
            x[j - i] = 0;
            if (k == cap) {
                char **nw = realloc(w, 2 * cap * sizeof *w);
                if (!nw) {
                    free(x);
                    break;
                }
                w = nw;
                cap *= 2;
            }
            w[k++] = x;
            i = j;
        } else {
            i++;
        }
    }
    *n = k;
    return w;
}

static int cmp_word(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The words two texts share, counted with repetition. */
static size_t common_words(char **a, size_t na, char **b, size_t nb)
{
    size_t i = 0, j = 0, m = 0;
    qsort(a, na, sizeof *a, cmp_word);
    qsort(b, nb, sizeof *b, cmp_word);
    while (i < na && j < nb) {
        int c = strcmp(a[i], b[j]);
        if (!c) {
            m++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return m;
}

static void free_words(char **w, size_t n)
{
    size_t i;
    for (i = 0; w && i < n; i++)
        free(w[i]);
    free(w);
}

/* The article extractor against tests/data/html: 30 pages written for
 * entente with the text each should yield (tests/data/html/README.md).
 * Prints word precision and recall of the kept text, titles and dates
 * right; fails a little under the figures recorded in ACCURACY.md. */
void test_html_pages(void)
{
    size_t kept = 0, want = 0, shared = 0, titles = 0, dates = 0, pages = 0;
    int i;
    for (i = 1; i <= 99; i++) {
        char path[64], *html, *exp, *meta, *body;
        size_t hl = 0, el = 0, ml = 0, nk, nw;
        char **kw, **ww;
        ent_page p;
        snprintf(path, sizeof path, "tests/data/html/page%02d.html", i);
        html = th_read_file(path, &hl);
        if (!html)
            continue;
        snprintf(path, sizeof path, "tests/data/html/page%02d.txt", i);
        exp = th_read_file(path, &el);
        snprintf(path, sizeof path, "tests/data/html/page%02d.meta", i);
        meta = th_read_file(path, &ml);
        pages++;
        CHECK(exp != NULL);
        if (exp && ent_html_extract(html, hl, NULL, &p) == ENT_OK) {
            char *nl = strchr(exp, '\n');
            body = nl ? nl + 1 : exp + el;
            if (nl)
                *nl = 0;
            titles += !strcmp(p.title, exp);
            if (meta && strstr(meta, "date: ") && p.date[0])
                dates += !strncmp(strstr(meta, "date: ") + 6, p.date, 10);
            kw = page_words(p.text, &nk);
            ww = page_words(body, &nw);
            {
                size_t m = common_words(kw, nk, ww, nw);
                if (m < nk * 9 / 10 || m < nw * 9 / 10)
                    printf("    page%02d: kept %zu words, expected %zu, "
                           "shared %zu\n", i, nk, nw, m);
                shared += m;
            }
            kept += nk;
            want += nw;
            free_words(kw, nk);
            free_words(ww, nw);
            ent_page_free(NULL, &p);
        }
        free(html);
        free(exp);
        free(meta);
    }
    if (!pages) {
        th_skip("tests/data/html has no pages");
        return;
    }
    printf("    %zu pages: word precision %.1f%%, recall %.1f%%; titles "
           "%zu, dates %zu\n", pages, kept ? 100.0 * shared / kept : 0.0,
           want ? 100.0 * shared / want : 0.0, titles, dates);
    /* guards a little under the figures in ACCURACY.md */
    CHECK(shared * 100 >= kept * 95);
    CHECK(shared * 100 >= want * 97);
    CHECK(titles >= 27);
    CHECK(dates >= 28);
}

/* RSS and Atom: each item is a document; the format is found by content;
 * an item without text is an error naming its line, and reading goes on. */
void test_reader_feed(void)
{
    static const char *const atom =
        "\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>World</title>\n"
        "<entry><title>Talks</title><link href=\"https://e.org/1\"/>"
        "<published>2019-12-09T18:00:00Z</published>"
        "<summary type=\"html\">&lt;p&gt;Russia and Ukraine met in "
        "Paris.&lt;/p&gt;</summary></entry>\n"
        "<entry><title>Empty</title><id>tag:e.org,2019:2</id>"
        "<updated>2019-12-10</updated></entry>\n"
        "<entry><id>tag:e.org,2019:3</id><content>France hosted "
        "talks.</content></entry>\n</feed>\n";
    char *p = tmpfile_with(".xml", atom, strlen(atom));
    ent_reader_config cfg;
    ent_reader *r = NULL;
    const ent_doc *doc;
    memset(&cfg, 0, sizeof cfg);
    cfg.default_date = "2019-12-31";
    CHECK_INT(ent_reader_open(p, &cfg, &r, NULL, 0), ENT_OK);
    CHECK_INT(ent_reader_format(r), ENT_INPUT_FEED);
    CHECK_INT(ent_reader_next(r, &doc), ENT_OK);
    if (doc) {
        CHECK_STR(doc->id, "https://e.org/1");
        CHECK_STR(doc->date, "2019-12-09");
        CHECK_STR(doc->title, "Talks");
        CHECK_INT(doc->text_len, strlen("Russia and Ukraine met in Paris."));
    }
    CHECK_INT(ent_reader_next(r, &doc), ENT_EFORMAT);
    CHECK(strstr(ent_reader_errmsg(r), ":5: item 2: no text") != NULL);
    CHECK_INT(ent_reader_next(r, &doc), ENT_OK);
    if (doc) {
        CHECK_STR(doc->id, "tag:e.org,2019:3");
        CHECK_STR(doc->date, "2019-12-31"); /* none in the entry */
        CHECK(doc->title == NULL);
    }
    CHECK_INT(ent_reader_next(r, &doc), ENT_DONE);
    ent_reader_free(r);
    unlink(p);
    /* not a feed at all, and a feed cut short */
    bad(".rss", "<rss><channel><title>x</title></channel></rss>", 46,
        ENT_EFORMAT, "no RSS item or Atom entry");
    bad(".rss", "\x01\x02garbage", 9, ENT_EFORMAT, "no RSS item");
    /* cut short: the item is read as far as it goes */
    p = tmpfile_with(".rss", "<rss><channel><item><title>x</title>"
                             "<description>Russia attacked", 64);
    CHECK_INT(ent_reader_open(p, &cfg, &r, NULL, 0), ENT_OK);
    CHECK_INT(ent_reader_next(r, &doc), ENT_OK);
    if (doc)
        CHECK_STR(doc->text, "Russia attacked");
    ent_reader_free(r);
    unlink(p);
}

/* ---- the light JSONL scan (jsonl.c) against jansson ------------------ */

/* Check the scan's promise on line s[0..n): when it vouches for the line,
 * jansson (rejecting duplicate keys) accepts it and gives the same four
 * fields. Returns whether the scan vouched. */
static int scan_agrees(const char *s, size_t n)
{
    static const char *const keys[] = {"text", "id", "date", "title"};
    ent__jsonl j;
    json_error_t je;
    json_t *o;
    int rc, k, ok = 1;
    memset(&j, 0, sizeof j);
    rc = ent__jsonl_scan(NULL, s, n, &j);
    if (rc == ENT_OK) {
        ent__buf *b[4];
        b[0] = &j.text;
        b[1] = &j.id;
        b[2] = &j.date;
        b[3] = &j.title;
        o = json_loadb(s, n, JSON_REJECT_DUPLICATES, &je);
        ok = o && json_is_object(o);
        for (k = 0; ok && k < 4; k++) {
            json_t *v = json_object_get(o, keys[k]);
            switch (j.kind[k]) {
            case ENT__JSON_NONE:
                ok = v == NULL;
                break;
            case ENT__JSON_STRING:
                ok = json_is_string(v) && json_string_length(v) == b[k]->n &&
                     (!b[k]->n ||
                      !memcmp(json_string_value(v), b[k]->p, b[k]->n));
                break;
            case ENT__JSON_INT:
                ok = json_is_integer(v) &&
                     (k != 1 || json_integer_value(v) == j.id_int);
                break;
            default:
                ok = v && !json_is_string(v) && !json_is_integer(v);
            }
        }
        if (!ok)
            printf("    scan and jansson differ on: %.*s\n", (int)n, s);
        json_decref(o);
    }
    CHECK(ok);
    CHECK(rc == ENT_OK || rc == ENT_EFORMAT);
    for (k = 0; k < 4; k++)
        ent__buf_free(NULL, k == 0 ? &j.text : k == 1 ? &j.id
                                           : k == 2 ? &j.date
                                                    : &j.title);
    return rc == ENT_OK;
}

/* Lines the scan reads, lines it hands to jansson, and random mutations
 * of them: whenever the scan vouches for a line, jansson agrees. */
void test_jsonl_scan(void)
{
    static const char *const yes[] = {
        "{\"id\":\"a\",\"date\":\"2022-02-04\",\"text\":\"Xi met Putin.\"}\n",
        " {\"text\":\"x\\n\\t\\\"q\\\" \\u00e9\\u4e2d\\ud83d\\ude00\\/\","
        "\"id\":12,\"title\":null,\"places\":[\"usa\",[1,-2.5e3,true]],"
        "\"n\":-0,\"f\":false} \r\n",
        "{\"text\":\"\",\"title\":\"\",\"id\":\"\"}",
        "{}",
        "{\"text\":\"caf\xc3\xa9\",\"id\":123456789012345}",
        "{\"text\":\"a\",\"topics\":[],\"x\":1.5,\"y\":0}",
    };
    static const char *const no[] = {
        "{\"text\":\"a\",\"meta\":{\"k\":1}}",    /* nested object */
        "{\"text\":\"a\",\"text\":\"b\"}",        /* duplicate key */
        "{\"te\\u0078t\":\"a\"}",                 /* escaped key */
        "{\"text\":\"a\\u0000b\"}",               /* NUL */
        "{\"text\":\"\\ud800\"}",                 /* lone surrogate */
        "{\"text\":\"\\udc00x\"}",
        "{\"text\":\"a\tb\"}",                    /* raw control byte */
        "{\"text\":\"a\\x\"}",                    /* bad escape */
        "{\"text\":\"a\"",                        /* unclosed */
        "{\"text\":\"a\"} x",                     /* trailing bytes */
        "{\"text\":\"a\",}",                      /* trailing comma */
        "{\"id\":01,\"text\":\"a\"}",             /* leading zero */
        "{\"id\":1234567890123456,\"text\":\"a\"}", /* 16 digits */
        "{\"x\":1e999,\"text\":\"a\"}",           /* 3 exponent digits */
        "{\"x\":1.,\"text\":\"a\"}",
        "{\"x\":tru,\"text\":\"a\"}",
        "[\"text\"]",
        "{\"text\":\"\xff\"}",                    /* invalid UTF-8 */
        "{\"text\":\"a\"}\0",                     /* NUL byte */
    };
    size_t i, k, vouched = 0;
    unsigned seed = 12345;
    for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
        CHECK(scan_agrees(yes[i], strlen(yes[i])));
    for (i = 0; i < sizeof no / sizeof no[0]; i++) {
        size_t n = strlen(no[i]) + (i + 1 == sizeof no / sizeof no[0]);
        CHECK(!scan_agrees(no[i], n));
    }
    /* mutations: a byte replaced by one of the JSON-significant ones */
    for (k = 0; k < 20000; k++) {
        const char *base = yes[k % 2];
        char line[512];
        size_t n = strlen(base), m;
        memcpy(line, base, n);
        for (m = 0; m < 1 + k % 3; m++) {
            static const char sig[] = "\"\\{}[],:0123456789eE.-+ tfnux\x01\xc3";
            seed = seed * 1103515245u + 12345u;
            line[(seed >> 8) % n] = sig[(seed >> 20) % (sizeof sig - 1)];
        }
        vouched += (size_t)scan_agrees(line, n);
    }
    printf("    %zu of 20000 mutated lines read by the scan, as jansson reads "
           "them\n", vouched);
    CHECK(vouched > 1000);
}
