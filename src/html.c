/*
 * html.c -- the article in a scraped news page: title, publication date
 * and main text, without the page's boilerplate.
 *
 * A page is parsed with libxml2's HTML parser (which honours the declared
 * charset, Windows-1252 included, and recovers from broken markup). Then:
 * elements that are never article text are dropped (scripts, navigation,
 * headers and footers, asides, figures and captions, forms, and elements
 * whose class or id names a share bar, a "related" list, comments, ads,
 * a pull quote...); a heading such as "Check Also", "Related" or "Read
 * more" drops itself and everything after it in its block; the element
 * whose own paragraphs hold the most text is the article, and its
 * paragraphs, in order, are the text. The date comes from the page's
 * metadata (article:published_time, JSON-LD datePublished, <time>), the
 * title from og:title, <h1> or <title>.
 */
#include "internal.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

/* Tags that never hold article text. */
static int dropped_tag(const char *t)
{
    static const char *const tags[] = {
        "aside",  "button", "figcaption", "figure", "footer", "form",
        "header", "iframe", "nav",        "noscript", "object", "script",
        "select", "style",  "svg",        "template", "video"};
    size_t i;
    for (i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcmp(t, tags[i]))
            return 1;
    return 0;
}

/* Whether a class or id value names boilerplate ("share-bar",
 * "related-posts", "comments", "ad-slot", "pullquote"...). */
static int boiler_name(const char *v)
{
    static const char *const parts[] = {
        "advert",   "ad-",       "ads",       "banner",    "breadcrumb",
        "caption",  "check-also", "comment",  "cookie",    "footer",
        "menu",     "more-",     "nav",       "newsletter", "popup",
        "promo",    "pull-quote", "pullquote", "recommend", "related",
        "share",    "sidebar",   "social",    "subscribe", "tags",
        "widget",   "author-bio", "byline",   "read-more", "readmore"};
    char low[128];
    size_t i, n = strlen(v);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)v[i]);
    low[n] = 0;
    if (!strcmp(low, "ad"))
        return 1;
    for (i = 0; i < sizeof parts / sizeof *parts; i++)
        if (strstr(low, parts[i]))
            return 1;
    return 0;
}

/* The attribute a of node n (libxml2-owned string copied to buf), or
 * "" when absent. */
static const char *attr(xmlNodePtr n, const char *a, char *buf, size_t cap)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)a);
    buf[0] = 0;
    if (v) {
        snprintf(buf, cap, "%s", (const char *)v);
        xmlFree(v);
    }
    return buf;
}

static xmlNodePtr find(xmlNodePtr n, const char *name);

/* Whether element n is boilerplate by its tag, class or id. An element
 * that holds the page's <h1> is never boilerplate by its class: in broken
 * markup an unclosed "ad" <div> swallows the article. */
static int boiler(xmlNodePtr n)
{
    char b[256];
    if (dropped_tag((const char *)n->name))
        return 1;
    if ((boiler_name(attr(n, "class", b, sizeof b)) ||
         boiler_name(attr(n, "id", b, sizeof b))) &&
        !find(n->children, "h1"))
        return 1;
    if (!strcmp((const char *)n->name, "blockquote") &&
        strstr(attr(n, "class", b, sizeof b), "quote"))
        return 1;
    return 0;
}

/* The text of node n with white space collapsed, appended to b. */
static int node_text(const ent_allocator *a, xmlNodePtr n, ent__buf *b)
{
    xmlChar *t = xmlNodeGetContent(n);
    const char *p;
    size_t start = b->n;
    int rc = ENT_OK, sp = 0;
    if (!t)
        return ENT_OK;
    for (p = (const char *)t; *p && !rc; p++) {
        if (isspace((unsigned char)*p)) {
            sp = 1;
            continue;
        }
        if (sp && b->n > start)
            rc = ent__buf_add(a, b, " ", 1);
        sp = 0;
        if (!rc)
            rc = ent__buf_add(a, b, p, 1);
    }
    xmlFree(t);
    return rc;
}

/* Whether a heading's text announces a list of other stories. */
static int teaser_heading(xmlNodePtr n)
{
    static const char *const heads[] = {
        "check also", "related", "read more", "more from", "you may also",
        "recommended", "more stories", "see also", "most read", "popular"};
    xmlChar *t = xmlNodeGetContent(n);
    char low[64];
    size_t i, k = 0;
    int hit = 0;
    if (!t)
        return 0;
    for (i = 0; t[i] && k + 1 < sizeof low; i++)
        if (!isspace(t[i]) || (k && low[k - 1] != ' '))
            low[k++] = isspace(t[i]) ? ' ' : (char)tolower(t[i]);
    low[k] = 0;
    for (i = 0; i < sizeof heads / sizeof *heads && !hit; i++)
        hit = !strncmp(low, heads[i], strlen(heads[i]));
    xmlFree(t);
    return hit;
}

/* Whether n is a heading or a lone bold line. */
static int heading(xmlNodePtr n)
{
    const char *t = (const char *)n->name;
    return (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) ||
           !strcmp(t, "strong") || !strcmp(t, "b");
}

/* Remove boilerplate under n, and after a teaser heading everything that
 * follows it among its siblings. */
static void prune(xmlNodePtr n)
{
    xmlNodePtr c = n->children, next;
    while (c) {
        next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            if (boiler(c)) {
                xmlUnlinkNode(c);
                xmlFreeNode(c);
            } else if (heading(c) && teaser_heading(c)) {
                while (c) {
                    next = c->next;
                    xmlUnlinkNode(c);
                    xmlFreeNode(c);
                    c = next;
                }
            } else {
                prune(c);
            }
        } else if (c->type == XML_COMMENT_NODE) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

/* Whether n is a paragraph-like block of article text. */
static int para(xmlNodePtr n)
{
    return n->type == XML_ELEMENT_NODE &&
           (!strcmp((const char *)n->name, "p") ||
            !strcmp((const char *)n->name, "li"));
}

/* The length of the text of n's paragraph children, and of its own text
 * runs of 40 bytes or more (old layouts: text between <br> tags). */
static size_t own_text(xmlNodePtr n)
{
    xmlNodePtr c;
    size_t len = 0;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t l = strlen((const char *)c->content);
            if (l >= 40)
                len += l;
        } else if (para(c)) {
            xmlChar *t = xmlNodeGetContent(c);
            size_t l = t ? strlen((const char *)t) : 0;
            if (l >= 40 || !strcmp((const char *)c->name, "p"))
                len += l;
            xmlFree(t);
        }
    }
    return len;
}

/* The element whose own paragraphs hold the most text. */
static void best(xmlNodePtr n, xmlNodePtr *b, size_t *bl)
{
    xmlNodePtr c;
    for (c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        {
            size_t l = own_text(c);
            if (l > *bl) {
                *bl = l;
                *b = c;
            }
        }
        best(c->children, b, bl);
    }
}

/* The first element named name under n, or NULL. */
static xmlNodePtr find(xmlNodePtr n, const char *name)
{
    xmlNodePtr c, f;
    for (c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)c->name, name))
            return c;
        if ((f = find(c->children, name)) != NULL)
            return f;
    }
    return NULL;
}

/* Look for the publication date in metadata under n: <meta> properties,
 * <time datetime>, JSON-LD "datePublished". */
static void find_date(xmlNodePtr n, char date[11])
{
    static const char *const metas[] = {
        "article:published_time", "datepublished", "date", "pubdate",
        "publishdate", "dc.date.issued", "dcterms.created", "og:published_time",
        "sailthru.date", "parsely-pub-date"};
    xmlNodePtr c;
    char b[256], v[256];
    for (c = n; c && !date[0]; c = c->next) {
        const char *t;
        size_t i;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        t = (const char *)c->name;
        if (!strcmp(t, "meta")) {
            const char *k = attr(c, "property", b, sizeof b);
            if (!*k)
                k = attr(c, "name", b, sizeof b);
            if (!*k)
                k = attr(c, "itemprop", b, sizeof b);
            for (i = 0; i < sizeof metas / sizeof *metas; i++)
                if (!strcasecmp(k, metas[i])) {
                    attr(c, "content", v, sizeof v);
                    if (ent_date_parse(v, strlen(v), date))
                        date[0] = 0;
                    break;
                }
        } else if (!strcmp(t, "time")) {
            attr(c, "datetime", v, sizeof v);
            if (ent_date_parse(v, strlen(v), date))
                date[0] = 0;
        } else if (!strcmp(t, "script") &&
                   strstr(attr(c, "type", b, sizeof b), "ld+json")) {
            xmlChar *j = xmlNodeGetContent(c);
            const char *p = j ? strstr((const char *)j, "\"datePublished\"")
                              : NULL;
            if (p && (p = strchr(p + 15, '"')) != NULL) {
                const char *e = strchr(p + 1, '"');
                if (e && ent_date_parse(p + 1, (size_t)(e - p - 1), date))
                    date[0] = 0;
            }
            xmlFree(j);
        }
        if (!date[0])
            find_date(c->children, date);
    }
}

/* The title: og:title, else the first <h1>, else <title>. */
static int find_title(const ent_allocator *a, xmlNodePtr root, ent__buf *t)
{
    xmlNodePtr m, h;
    char b[256];
    for (m = find(root, "meta"); m; m = m->next)
        if (m->type == XML_ELEMENT_NODE &&
            !strcmp((const char *)m->name, "meta") &&
            !strcmp(attr(m, "property", b, sizeof b), "og:title")) {
            xmlChar *v = xmlGetProp(m, (const xmlChar *)"content");
            int rc = v ? ent__buf_add(a, t, (const char *)v,
                                      strlen((const char *)v))
                       : ENT_OK;
            xmlFree(v);
            if (v)
                return rc;
        }
    h = find(root, "h1");
    if (!h)
        h = find(root, "title");
    return h ? node_text(a, h, t) : ENT_OK;
}

/* Whether n is an inline element whose text belongs to the paragraph
 * around it. */
static int inline_tag(xmlNodePtr n)
{
    static const char *const tags[] = {"a",    "abbr", "b",    "cite", "em",
                                       "font", "i",    "q",    "small",
                                       "span", "strong", "sub", "sup", "u"};
    size_t i;
    for (i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcmp((const char *)n->name, tags[i]))
            return 1;
    return 0;
}

/* Append the paragraph in cur to text (a blank line between paragraphs)
 * unless it is empty or the title; cur is emptied. */
static int flush(const ent_allocator *a, ent__buf *cur, ent__buf *text,
                 const char *title)
{
    int rc = ENT_OK;
    size_t s = 0, e = cur->n;
    while (s < e && cur->p[s] == ' ')
        s++;
    while (e > s && cur->p[e - 1] == ' ')
        e--;
    if (e > s && !(title && strlen(title) == e - s &&
                   !memcmp(title, cur->p + s, e - s))) {
        if (text->n)
            rc = ent__buf_add(a, text, "\n\n", 2);
        if (!rc)
            rc = ent__buf_add(a, text, cur->p + s, e - s);
    }
    cur->n = 0;
    return rc;
}

/* The paragraphs of container n: its <p> and <li> children, and runs of
 * text and inline elements ended by a double <br> or a block, and those
 * of block children that hold paragraphs themselves. */
static int paragraphs(const ent_allocator *a, xmlNodePtr n, ent__buf *cur,
                      ent__buf *text, const char *title)
{
    xmlNodePtr c;
    int rc = ENT_OK, brs = 0;
    for (c = n->children; c && !rc; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            const xmlChar *t = c->content;
            while (t && *t && isspace(*t))
                t++;
            if (t && *t) {
                brs = 0;
                if (cur->n)
                    rc = ent__buf_add(a, cur, " ", 1);
                if (!rc)
                    rc = node_text(a, c, cur);
            }
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!strcmp((const char *)c->name, "br")) {
            if (++brs >= 2)
                rc = flush(a, cur, text, title);
            continue;
        }
        brs = 0;
        if (inline_tag(c)) {
            if (cur->n)
                rc = ent__buf_add(a, cur, " ", 1);
            if (!rc)
                rc = node_text(a, c, cur);
        } else if (para(c)) {
            rc = flush(a, cur, text, title);
            if (!rc)
                rc = node_text(a, c, cur);
            if (!rc)
                rc = flush(a, cur, text, title);
        } else {
            /* a block: its paragraphs when it holds some itself (a
             * wrapper around one or a few paragraphs) */
            rc = flush(a, cur, text, title);
            if (!rc && own_text(c) > 0)
                rc = paragraphs(a, c, cur, text, title);
        }
    }
    return rc ? rc : flush(a, cur, text, title);
}

/* Whether some element under n (n included) holds paragraphs itself. */
static int text_below(xmlNodePtr n)
{
    xmlNodePtr c;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (own_text(n) > 0)
        return 1;
    for (c = n->children; c; c = c->next)
        if (text_below(c))
            return 1;
    return 0;
}

/* Whether a and b are elements of the same tag and the same, non-empty,
 * class (the items of a live blog, a story split into one block per
 * paragraph). */
static int same_kind(xmlNodePtr a, xmlNodePtr b)
{
    char ca[256], cb[256];
    return b->type == XML_ELEMENT_NODE && !strcmp((const char *)a->name,
                                                  (const char *)b->name) &&
           *attr(a, "class", ca, sizeof ca) &&
           !strcmp(ca, attr(b, "class", cb, sizeof cb));
}

/* The article's text: the paragraphs of art or, when art or one of the
 * two elements above it has like siblings that hold text too, of all
 * those siblings (live-blog items, one block a paragraph). */
static int article_text(const ent_allocator *a, xmlNodePtr art,
                        const char *title, ent__buf *text)
{
    ent__buf cur = {0};
    xmlNodePtr up = art, c;
    size_t nlike = 0;
    int lv, rc = ENT_OK;
    for (lv = 0; lv < 3 && up->parent; lv++, up = up->parent) {
        nlike = 0;
        for (c = up->parent->children; c; c = c->next)
            nlike += same_kind(up, c) && text_below(c);
        if (nlike >= 2)
            break;
    }
    if (nlike >= 2) {
        for (c = up->parent->children; c && !rc; c = c->next)
            if (same_kind(up, c))
                rc = paragraphs(a, c, &cur, text, title);
    } else {
        rc = paragraphs(a, art, &cur, text, title);
    }
    ent__buf_free(a, &cur);
    return rc;
}

int ent_html_extract(const char *html, size_t len,
                     const ent_allocator *alloc, ent_page *out)
{
    htmlDocPtr doc;
    xmlNodePtr root, body, art = NULL;
    size_t bl = 0;
    ent__buf title = {0}, text = {0};
    int rc = ENT_OK;
    if (!out)
        return ENT_EINVAL;
    memset(out, 0, sizeof *out);
    if (!html || len > 0x7fffffff)
        return ENT_EINVAL;
    /* no markup, or binary bytes (a NUL early on): not a page */
    if (!memchr(html, '<', len) || memchr(html, 0, len < 4096 ? len : 4096))
        return ENT_EFORMAT;
    doc = htmlReadMemory(html, (int)len, NULL, NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return ENT_EFORMAT;
    }
    find_date(root, out->date);
    rc = find_title(alloc, root, &title);
    body = find(root, "body");
    if (!body)
        body = root;
    prune(body);
    best(body, &art, &bl);
    if (!rc && art)
        rc = article_text(alloc, art, title.n ? title.p : NULL, &text);
    xmlFreeDoc(doc);
    /* "" rather than NULL for an empty title or text */
    if (!rc && !title.p)
        rc = ent__buf_add(alloc, &title, "", 0);
    if (!rc && !text.p)
        rc = ent__buf_add(alloc, &text, "", 0);
    if (!rc) {
        out->title = title.p;
        out->text = text.p;
        out->text_len = text.n;
        return ENT_OK;
    }
    ent__buf_free(alloc, &title);
    ent__buf_free(alloc, &text);
    return rc;
}

int ent__html_plain(const char *html, size_t len, const ent_allocator *alloc,
                    ent__buf *out)
{
    htmlDocPtr doc;
    xmlNodePtr root;
    int rc;
    if (len > 0x7fffffff)
        return ENT_EINVAL;
    if (!memchr(html, '<', len)) /* plain text: white space collapsed */
        doc = NULL;
    else
        doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (root) {
        prune(root);
        rc = node_text(alloc, root, out);
    } else {
        xmlNodePtr t = xmlNewTextLen((const xmlChar *)html, (int)len);
        rc = t ? node_text(alloc, t, out) : ENT_ENOMEM;
        xmlFreeNode(t);
    }
    xmlFreeDoc(doc);
    return rc;
}

void ent_page_free(const ent_allocator *alloc, ent_page *p)
{
    if (!p)
        return;
    ent__free(alloc, p->title);
    ent__free(alloc, p->text);
    memset(p, 0, sizeof *p);
}
