/*
 * ingest.c -- documents from files: plain text, JSONL, web pages and
 * RSS/Atom feeds.
 *
 * The first stage of the pipeline. A reader turns a file (or standard
 * input) into ent_doc records and reports every bad document with its file
 * and line, then carries on with the next, so one broken line never costs
 * the rest of a corpus. A JSONL line is read by a light scan of the four
 * fields needed (jsonl.c); a line it cannot vouch for, and every line
 * when the other fields are kept as metadata, is parsed by jansson.
 */
#include "internal.h"

#include <errno.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ent_reader {
    ent_allocator alloc;
    FILE *f;
    int own; /* close f at the end */
    int format;
    int keep_meta;
    int done;
    char *path;
    char default_date[11];
    char text_date[11];
    uint64_t line, bytes;
    char *lbuf; /* getline buffer (libc-owned) */
    size_t lcap;
    ent__buf text, id, title, meta;
    char date[11];
    ent_doc doc;
    json_t *json;
    ent__jsonl scan; /* the light scan's fields (jsonl.c) */
    ent_page page; /* ENT_INPUT_HTML: the article */
    xmlDocPtr feed;     /* ENT_INPUT_FEED: the parsed feed */
    ent__buf body;      /* the current item's text */
    xmlNodePtr item;    /* the next item or entry to read, or NULL */
    uint64_t nitem;     /* items read so far */
    uint64_t line0;     /* lines of white space before the markup */
    char err[512];
};

static int rerr(ent_reader *r, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int rerr(ent_reader *r, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__errv(r->err, sizeof r->err, r->path, (unsigned long)r->line, fmt,
              ap);
    va_end(ap);
    return rc;
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

int ent_reader_open(const char *path, const ent_reader_config *cfg,
                    ent_reader **out, char *err, size_t errlen)
{
    ent_reader *r;
    const ent_allocator *a = cfg ? cfg->alloc : NULL;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!path || !cfg)
        return ENT_EINVAL;
    r = ent__calloc(a, sizeof *r);
    if (!r)
        return ENT_ENOMEM;
    if (a)
        r->alloc = *a;
    r->path = ent__strndup(a, strcmp(path, "-") ? path : "<stdin>",
                           strlen(strcmp(path, "-") ? path : "<stdin>"));
    if (!r->path) {
        ent__free(a, r);
        return ENT_ENOMEM;
    }
    if (cfg->default_date) {
        if (ent_date_parse(cfg->default_date, strlen(cfg->default_date),
                           r->default_date)) {
            if (err)
                snprintf(err, errlen, "bad date '%s' (want YYYY-MM-DD)",
                         cfg->default_date);
            ent_reader_free(r);
            return ENT_EINVAL;
        }
    }
    if (cfg->text_date &&
        ent_date_parse(cfg->text_date, strlen(cfg->text_date), r->text_date)) {
        if (err)
            snprintf(err, errlen, "bad date '%s'", cfg->text_date);
        ent_reader_free(r);
        return ENT_EINVAL;
    }
    if (!strcmp(path, "-")) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        r->own = 1;
        if (!r->f) {
            if (err)
                snprintf(err, errlen, "%s: %s", path, strerror(errno));
            ent_reader_free(r);
            return ENT_EIO;
        }
    }
    r->format = cfg->format;
    r->keep_meta = cfg->keep_meta;
    if (r->format == ENT_INPUT_AUTO) {
        if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") ||
            ends_with(path, ".json")) {
            r->format = ENT_INPUT_JSONL;
        } else if (ends_with(path, ".html") || ends_with(path, ".htm")) {
            r->format = ENT_INPUT_HTML;
        } else if (ends_with(path, ".rss") || ends_with(path, ".atom")) {
            r->format = ENT_INPUT_FEED;
        } else {
            /* peek at the first byte that is not white space */
            int ch;
            ent__buf ws = {0};
            while ((ch = getc(r->f)) != EOF &&
                   (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')) {
                char cc = (char)ch;
                if (ent__buf_add(&r->alloc, &ws, &cc, 1)) {
                    ent__buf_free(&r->alloc, &ws);
                    ent_reader_free(r);
                    return ENT_ENOMEM;
                }
            }
            if (ch != EOF)
                ungetc(ch, r->f);
            r->format = ch == '{'   ? ENT_INPUT_JSONL
                        : ch == '<' ? ENT_INPUT_HTML
                                    : ENT_INPUT_TEXT;
            if (r->format == ENT_INPUT_HTML) {
                /* a feed says so in its first kilobyte */
                char head[1025];
                size_t got = fread(head, 1, sizeof head - 1, r->f);
                head[got] = 0;
                if (strstr(head, "<rss") || strstr(head, "<feed") ||
                    strstr(head, "<rdf:RDF"))
                    r->format = ENT_INPUT_FEED;
                if (ent__buf_add(&r->alloc, &r->text, head, got)) {
                    ent__buf_free(&r->alloc, &ws);
                    ent_reader_free(r);
                    return ENT_ENOMEM;
                }
            }
            /* white space we skipped still counts as lines and bytes */
            if (r->format == ENT_INPUT_JSONL) {
                size_t i;
                for (i = 0; i < ws.n; i++)
                    r->line += ws.p[i] == '\n';
                r->bytes += ws.n;
            } else if (r->format != ENT_INPUT_TEXT) {
                size_t i; /* before markup: nothing to keep but lines */
                for (i = 0; i < ws.n; i++)
                    r->line0 += ws.p[i] == '\n';
                r->bytes += ws.n;
            } else if (ws.n && ent__buf_add(&r->alloc, &r->text, ws.p, ws.n)) {
                ent__buf_free(&r->alloc, &ws);
                ent_reader_free(r);
                return ENT_ENOMEM;
            }
            ent__buf_free(&r->alloc, &ws);
        }
    }
    *out = r;
    return ENT_OK;
}

/* Line number (1-based) of byte offset off in s. */
static uint64_t line_of(const char *s, size_t off)
{
    uint64_t l = 1;
    size_t i;
    for (i = 0; i < off; i++)
        l += s[i] == '\n';
    return l;
}

/* Read the rest of the input into r->text (after what auto-detection
 * already read) and count its bytes. */
static int slurp(ent_reader *r)
{
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, r->f)) > 0)
        if (ent__buf_add(&r->alloc, &r->text, tmp, k))
            return rerr(r, ENT_ENOMEM, "out of memory");
    if (ferror(r->f)) {
        r->line = 0;
        return rerr(r, ENT_EIO, "read error: %s", strerror(errno));
    }
    r->bytes += r->text.n;
    return ENT_OK;
}

static int next_text(ent_reader *r, const ent_doc **doc)
{
    size_t bad;
    int rc;
    r->done = 1;
    if ((rc = slurp(r)) != ENT_OK)
        return rc;
    rc = ent_utf8_check(r->text.p ? r->text.p : "", r->text.n, &bad);
    if (rc) {
        size_t ls = bad;
        while (ls > 0 && r->text.p[ls - 1] != '\n')
            ls--;
        r->line = line_of(r->text.p, bad);
        return rerr(r, ENT_EUTF8, "%s at byte %zu",
                    r->text.p[bad] ? "invalid UTF-8" : "NUL byte",
                    bad - ls + 1);
    }
    {
        size_t i;
        for (i = 0; i < r->text.n; i++)
            if (r->text.p[i] != ' ' && r->text.p[i] != '\n' &&
                r->text.p[i] != '\t' && r->text.p[i] != '\r')
                break;
        if (i == r->text.n) {
            r->line = 0;
            return rerr(r, ENT_EFORMAT, "empty input: no text to code");
        }
    }
    if (!r->default_date[0] && !r->text_date[0]) {
        r->line = 0;
        return rerr(r, ENT_EINVAL, "no publication date (use --date)");
    }
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.id = r->path;
    memcpy(r->date, r->default_date[0] ? r->default_date : r->text_date,
           sizeof r->date);
    r->doc.date = r->date;
    r->doc.text = r->text.p;
    r->doc.text_len = r->text.n;
    *doc = &r->doc;
    return ENT_OK;
}

/* Copy a JSON string value into b; returns 0 if v is not a string. */
static int json_str(ent_reader *r, json_t *v, ent__buf *b, int *rc)
{
    b->n = 0;
    *rc = ENT_OK;
    if (!json_is_string(v))
        return 0;
    if (ent__buf_add(&r->alloc, b, json_string_value(v), json_string_length(v)))
        *rc = ENT_ENOMEM;
    return 1;
}

/* Read the next line that is not blank into r->lbuf; its length goes to
 * *n. Returns ENT_OK, ENT_DONE at the end, or ENT_EIO. */
static int read_line(ent_reader *r, size_t *n)
{
    for (;;) {
        ssize_t k;
        size_t i;
        errno = 0;
        k = getline(&r->lbuf, &r->lcap, r->f);
        if (k < 0) {
            r->done = 1;
            if (ferror(r->f))
                return rerr(r, ENT_EIO, "read error: %s", strerror(errno));
            return ENT_DONE;
        }
        r->line++;
        r->bytes += (uint64_t)k;
        for (i = 0; i < (size_t)k; i++)
            if (r->lbuf[i] != ' ' && r->lbuf[i] != '\t' &&
                r->lbuf[i] != '\r' && r->lbuf[i] != '\n') {
                *n = (size_t)k;
                return ENT_OK;
            }
    }
}

/* The document of the line in r->lbuf (n bytes) by the light scan:
 * ENT_OK and *doc; ENT_EFORMAT when jansson must read the line (an error,
 * or what the scan does not vouch for: next_jsonl() then reads it and
 * words the error); ENT_ENOMEM. Gives what the jansson path gives. */
static int scan_jsonl(ent_reader *r, size_t n, const ent_doc **doc)
{
    ent__jsonl *j = &r->scan;
    int rc = ent__jsonl_scan(&r->alloc, r->lbuf, n, j);
    if (rc)
        return rc == ENT_ENOMEM ? rerr(r, rc, "out of memory") : rc;
    if (j->kind[0] != ENT__JSON_STRING)
        return ENT_EFORMAT;
    memset(&r->doc, 0, sizeof r->doc);
    r->doc.text = j->text.n ? j->text.p : "";
    r->doc.text_len = j->text.n;
    if (j->kind[1] == ENT__JSON_STRING) {
        r->doc.id = j->id.n ? j->id.p : "";
    } else if (j->kind[1] == ENT__JSON_INT || j->kind[1] == ENT__JSON_NONE) {
        r->id.n = 0;
        if (j->kind[1] == ENT__JSON_INT
                ? ent__buf_printf(&r->alloc, &r->id, "%lld", j->id_int)
                : ent__buf_printf(&r->alloc, &r->id, "%s:%llu", r->path,
                                  (unsigned long long)r->line))
            return rerr(r, ENT_ENOMEM, "out of memory");
        r->doc.id = r->id.p;
    } else {
        return ENT_EFORMAT;
    }
    if (j->kind[2] == ENT__JSON_STRING) {
        if (ent_date_parse(j->date.n ? j->date.p : "", j->date.n, r->date))
            return ENT_EFORMAT;
    } else if (j->kind[2] == ENT__JSON_NONE && r->default_date[0]) {
        memcpy(r->date, r->default_date, sizeof r->date);
    } else {
        return ENT_EFORMAT;
    }
    r->doc.date = r->date;
    if (j->kind[3] == ENT__JSON_STRING)
        r->doc.title = j->title.n ? j->title.p : "";
    if (r->json) {
        json_decref(r->json);
        r->json = NULL;
    }
    *doc = &r->doc;
    return ENT_OK;
}

static int next_jsonl(ent_reader *r, const ent_doc **doc)
{
    for (;;) {
        size_t n, bad;
        json_error_t je;
        json_t *o, *v;
        const char *key;
        int rc = read_line(r, &n);
        if (rc)
            return rc;
        if (!r->keep_meta && (rc = scan_jsonl(r, n, doc)) != ENT_EFORMAT)
            return rc;
        if (r->json) {
            json_decref(r->json);
            r->json = NULL;
        }
        o = json_loadb(r->lbuf, n, JSON_REJECT_DUPLICATES, &je);
        if (!o) {
            /* jansson validates UTF-8 too; name the byte precisely */
            if (ent_utf8_check(r->lbuf, n, &bad))
                return rerr(r, ENT_EUTF8, "%s at byte %zu",
                            r->lbuf[bad] ? "invalid UTF-8" : "NUL byte",
                            bad + 1);
            return rerr(r, ENT_EFORMAT, "invalid JSON at byte %d: %s",
                        je.position, je.text);
        }
        r->json = o;
        if (!json_is_object(o))
            return rerr(r, ENT_EFORMAT, "expected a JSON object");
        memset(&r->doc, 0, sizeof r->doc);
        v = json_object_get(o, "text");
        if (!v)
            return rerr(r, ENT_EFORMAT, "missing \"text\" field");
        if (!json_is_string(v))
            return rerr(r, ENT_EFORMAT, "\"text\" is not a string");
        /* the text stays in the parsed object until the next call */
        r->doc.text = json_string_value(v);
        r->doc.text_len = json_string_length(v);
        v = json_object_get(o, "id");
        r->id.n = 0;
        if (json_is_integer(v)) {
            if (ent__buf_printf(&r->alloc, &r->id, "%lld",
                                (long long)json_integer_value(v)))
                return rerr(r, ENT_ENOMEM, "out of memory");
        } else if (json_is_string(v)) {
            json_str(r, v, &r->id, &rc);
            if (rc)
                return rerr(r, rc, "out of memory");
        } else if (v) {
            return rerr(r, ENT_EFORMAT, "\"id\" is neither a string nor a number");
        } else if (ent__buf_printf(&r->alloc, &r->id, "%s:%llu", r->path,
                                   (unsigned long long)r->line)) {
            return rerr(r, ENT_ENOMEM, "out of memory");
        }
        v = json_object_get(o, "date");
        if (v) {
            if (!json_is_string(v) ||
                ent_date_parse(json_string_value(v), json_string_length(v),
                               r->date))
                return rerr(r, ENT_EFORMAT, "unreadable \"date\"");
        } else if (r->default_date[0]) {
            memcpy(r->date, r->default_date, sizeof r->date);
        } else {
            return rerr(r, ENT_EFORMAT,
                        "missing \"date\" field (or give --date)");
        }
        v = json_object_get(o, "title");
        r->doc.title = NULL;
        if (v && json_str(r, v, &r->title, &rc))
            r->doc.title = r->title.p;
        /* everything else is metadata */
        r->meta.n = 0;
        if (r->keep_meta) {
            json_t *m = json_object();
            char *dump;
            if (!m)
                return rerr(r, ENT_ENOMEM, "out of memory");
            json_object_foreach(o, key, v) {
                if (strcmp(key, "text") && strcmp(key, "id") &&
                    strcmp(key, "date") && strcmp(key, "title"))
                    json_object_set(m, key, v);
            }
            if (json_object_size(m)) {
                dump = json_dumps(m, JSON_COMPACT | JSON_ENSURE_ASCII);
                if (!dump || ent__buf_add(&r->alloc, &r->meta, dump, strlen(dump))) {
                    free(dump);
                    json_decref(m);
                    return rerr(r, ENT_ENOMEM, "out of memory");
                }
                free(dump);
                r->doc.meta = r->meta.p;
            }
            json_decref(m);
        }
        r->doc.id = r->id.p;
        r->doc.date = r->date;
        *doc = &r->doc;
        return ENT_OK;
    }
}

/* A web page: its article (ent_html_extract) is the one document. The
 * page is read as bytes (its charset is declared inside it). */
static int next_html(ent_reader *r, const ent_doc **doc)
{
    int rc;
    r->done = 1;
    r->line = 0;
    if ((rc = slurp(r)) != ENT_OK)
        return rc;
    rc = ent_html_extract(r->text.p ? r->text.p : "", r->text.n, &r->alloc,
                          &r->page);
    if (rc == ENT_ENOMEM)
        return rerr(r, rc, "out of memory");
    if (rc)
        return rerr(r, rc, "not an HTML page");
    if (!r->page.text_len)
        return rerr(r, ENT_EFORMAT, "no article text found in the page");
    if (!r->page.date[0] && !r->default_date[0] && !r->text_date[0])
        return rerr(r, ENT_EINVAL, "no publication date in the page (use "
                                   "--date)");
    memset(&r->doc, 0, sizeof r->doc);
    memcpy(r->date, r->page.date[0]       ? r->page.date
                    : r->default_date[0] ? r->default_date
                                         : r->text_date,
           sizeof r->date);
    r->doc.id = r->path;
    r->doc.date = r->date;
    r->doc.title = r->page.title;
    r->doc.text = r->page.text;
    r->doc.text_len = r->page.text_len;
    *doc = &r->doc;
    return ENT_OK;
}

/* The text of the first child of n named name (any namespace), or NULL
 * (libxml2-owned; free with xmlFree). */
static xmlChar *child_text(xmlNodePtr n, const char *name)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            !strcmp((const char *)c->name, name))
            return xmlNodeGetContent(c);
    return NULL;
}

/* Atom's <link href="...">: the href of the first link child. */
static xmlChar *atom_link(xmlNodePtr n)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            !strcmp((const char *)c->name, "link")) {
            xmlChar *h = xmlGetProp(c, (const xmlChar *)"href");
            if (h)
                return h;
        }
    return NULL;
}

/* The first item (RSS) or entry (Atom) at or after n, depth first. */
static xmlNodePtr next_item(xmlNodePtr n)
{
    for (; n; n = n->next) {
        xmlNodePtr f;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)n->name, "item") ||
            !strcmp((const char *)n->name, "entry"))
            return n;
        if ((f = next_item(n->children)) != NULL)
            return f;
    }
    return NULL;
}

/* One item or entry of an RSS or Atom feed. */
static int next_feed(ent_reader *r, const ent_doc **doc)
{
    static const char *const texts[] = {"encoded", "content", "description",
                                        "summary"};
    static const char *const dates[] = {"pubDate", "published", "date",
                                        "updated", "issued"};
    xmlNodePtr it;
    xmlChar *v;
    size_t i;
    int rc;
    if (!r->feed) {
        if ((rc = slurp(r)) != ENT_OK) {
            r->done = 1;
            return rc;
        }
        r->feed = xmlReadMemory(r->text.p ? r->text.p : "", (int)r->text.n,
                                NULL, NULL,
                                XML_PARSE_RECOVER | XML_PARSE_NONET |
                                    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        r->item = r->feed ? next_item(xmlDocGetRootElement(r->feed)) : NULL;
        if (!r->item) {
            r->done = 1;
            return rerr(r, ENT_EFORMAT, "no RSS item or Atom entry in the "
                                        "feed");
        }
    }
    it = r->item;
    if (!it) {
        r->done = 1;
        return ENT_DONE;
    }
    r->item = next_item(it->next);
    r->nitem++;
    r->line = r->line0 + (uint64_t)xmlGetLineNo(it);
    r->id.n = r->title.n = r->body.n = 0;
    memset(&r->doc, 0, sizeof r->doc);
    /* id: the link, the guid, else FILE#N */
    v = child_text(it, "link");
    if (!v || !*v) {
        xmlFree(v);
        v = atom_link(it);
    }
    if (!v || !*v) {
        xmlFree(v);
        v = child_text(it, "guid");
    }
    if (!v || !*v) {
        xmlFree(v);
        v = child_text(it, "id");
    }
    rc = v && *v ? ent__buf_printf(&r->alloc, &r->id, "%s", (char *)v)
                 : ent__buf_printf(&r->alloc, &r->id, "%s#%llu", r->path,
                                   (unsigned long long)r->nitem);
    xmlFree(v);
    /* title */
    if (!rc && (v = child_text(it, "title")) != NULL) {
        rc = ent__html_plain((const char *)v, strlen((const char *)v),
                             &r->alloc, &r->title);
        xmlFree(v);
    }
    /* date */
    r->date[0] = 0;
    for (i = 0; !rc && !r->date[0] && i < sizeof dates / sizeof *dates;
         i++)
        if ((v = child_text(it, dates[i])) != NULL) {
            if (ent_date_parse((const char *)v, strlen((const char *)v),
                               r->date))
                r->date[0] = 0;
            xmlFree(v);
        }
    if (!rc && !r->date[0])
        memcpy(r->date, r->default_date[0] ? r->default_date : r->text_date,
               sizeof r->date);
    /* text: content, else description or summary, markup removed */
    for (i = 0; !rc && !r->body.n && i < sizeof texts / sizeof *texts; i++)
        if ((v = child_text(it, texts[i])) != NULL) {
            rc = ent__html_plain((const char *)v, strlen((const char *)v),
                                 &r->alloc, &r->body);
            xmlFree(v);
        }
    if (rc)
        return rerr(r, rc, "out of memory");
    if (!r->date[0])
        return rerr(r, ENT_EINVAL, "item %llu: no date (use --date)",
                    (unsigned long long)r->nitem);
    if (!r->body.n)
        return rerr(r, ENT_EFORMAT, "item %llu: no text",
                    (unsigned long long)r->nitem);
    r->doc.id = r->id.p;
    r->doc.date = r->date;
    r->doc.title = r->title.n ? r->title.p : NULL;
    r->doc.text = r->body.p;
    r->doc.text_len = r->body.n;
    *doc = &r->doc;
    return ENT_OK;
}

/* One document per non-blank line (sentence-per-line corpora). */
static int next_line(ent_reader *r, const ent_doc **doc)
{
    size_t n, bad;
    int rc = read_line(r, &n);
    if (rc)
        return rc;
    if (ent_utf8_check(r->lbuf, n, &bad))
        return rerr(r, ENT_EUTF8, "%s at byte %zu",
                    r->lbuf[bad] ? "invalid UTF-8" : "NUL byte", bad + 1);
    if (!r->default_date[0] && !r->text_date[0])
        return rerr(r, ENT_EINVAL, "no publication date (use --date)");
    memset(&r->doc, 0, sizeof r->doc);
    r->id.n = 0;
    if (ent__buf_printf(&r->alloc, &r->id, "%s:%llu", r->path,
                        (unsigned long long)r->line))
        return rerr(r, ENT_ENOMEM, "out of memory");
    memcpy(r->date, r->default_date[0] ? r->default_date : r->text_date,
           sizeof r->date);
    r->doc.id = r->id.p;
    r->doc.date = r->date;
    r->doc.text = r->lbuf;
    r->doc.text_len = n;
    *doc = &r->doc;
    return ENT_OK;
}

int ent_reader_next(ent_reader *r, const ent_doc **doc)
{
    if (doc)
        *doc = NULL;
    if (!r || !doc)
        return ENT_EINVAL;
    r->err[0] = 0;
    if (r->done)
        return ENT_DONE;
    switch (r->format) {
    case ENT_INPUT_JSONL: return next_jsonl(r, doc);
    case ENT_INPUT_LINES: return next_line(r, doc);
    case ENT_INPUT_HTML: return next_html(r, doc);
    case ENT_INPUT_FEED: return next_feed(r, doc);
    default: return next_text(r, doc);
    }
}

const char *ent_reader_errmsg(const ent_reader *r)
{
    return r ? r->err : "no reader";
}

int ent_reader_format(const ent_reader *r)
{
    return r ? r->format : ENT_INPUT_AUTO;
}

uint64_t ent_reader_bytes(const ent_reader *r) { return r ? r->bytes : 0; }

void ent_reader_free(ent_reader *r)
{
    ent_allocator a;
    if (!r)
        return;
    a = r->alloc;
    if (r->own && r->f)
        fclose(r->f);
    free(r->lbuf);
    if (r->json)
        json_decref(r->json);
    ent__buf_free(&a, &r->text);
    ent__buf_free(&a, &r->id);
    ent__buf_free(&a, &r->title);
    ent__buf_free(&a, &r->meta);
    ent__buf_free(&a, &r->scan.text);
    ent__buf_free(&a, &r->scan.id);
    ent__buf_free(&a, &r->scan.date);
    ent__buf_free(&a, &r->scan.title);
    ent_page_free(&a, &r->page);
    xmlFreeDoc(r->feed);
    ent__buf_free(&a, &r->body);
    ent__free(&a, r->path);
    ent__free(&a, r);
}
