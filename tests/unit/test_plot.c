/*
 * test_plot.c -- charts: valid PNG and SVG of the asked size, errors for
 * bad charts, out-of-memory handled.
 *
 * Set ENTENTE_TEST_PLOTS=DIR to keep the charts drawn here (to look at
 * them).
 */
#include "harness.h"
#include "internal.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* A chart of 36 months: two line series (one with a gap), two bar
 * series, a zero line. The arrays live in *d. */
typedef struct demo {
    const char *x[36];
    char xs[36][8];
    double y[4][36];
    ent_plot_series s[4];
    ent_plot p;
} demo;

static void demo_chart(demo *d)
{
    size_t i;
    memset(d, 0, sizeof *d);
    for (i = 0; i < 36; i++) {
        snprintf(d->xs[i], sizeof d->xs[i], "%04d-%02d", 2013 + (int)i / 12,
                 (int)i % 12 + 1);
        d->x[i] = d->xs[i];
        d->y[0][i] = 20 * sin((double)i / 4) + 5;
        d->y[1][i] = i >= 10 && i < 14 ? NAN : 12 * cos((double)i / 5) - 3;
        d->y[2][i] = (double)(i % 7) * 3;
        d->y[3][i] = (double)(i % 5) * 4;
    }
    d->s[0] = (ent_plot_series){"CHN -> RUS net cooperation", d->y[0],
                                ENT_PLOT_LINE};
    d->s[1] = (ent_plot_series){"RUS -> CHN net cooperation", d->y[1],
                                ENT_PLOT_LINE};
    d->s[2] = (ent_plot_series){"CHN -> RUS events", d->y[2], ENT_PLOT_BARS};
    d->s[3] = (ent_plot_series){"RUS -> CHN events", d->y[3], ENT_PLOT_BARS};
    d->p.title = "China and Russia, 2013-2015 & after";
    d->p.subtitle = "Net cooperation (cooperative minus conflictual events) "
                    "per month";
    d->p.xlabel = "month";
    d->p.ylabel = "events";
    d->p.x = d->x;
    d->p.n = 36;
    d->p.series = d->s;
    d->p.nseries = 4;
    d->p.has_hline = 1;
}

/* Keep a chart in $ENTENTE_TEST_PLOTS/name when that is set. */
static void keep(const char *name, const unsigned char *b, size_t n)
{
    const char *dir = getenv("ENTENTE_TEST_PLOTS");
    char path[1024];
    if (!dir)
        return;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK_INT(ent__write_bytes(path, b, n, NULL, 0), ENT_OK);
}

/* Width and height from a PNG's IHDR, or 0 when b is no PNG. */
static int png_size(const unsigned char *b, size_t n, uint32_t *w,
                    uint32_t *h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G',
                                         '\r', '\n', 0x1a, '\n'};
    if (n < 33 || memcmp(b, sig, 8) || memcmp(b + 12, "IHDR", 4))
        return 0;
    *w = (uint32_t)b[16] << 24 | (uint32_t)b[17] << 16 |
         (uint32_t)b[18] << 8 | b[19];
    *h = (uint32_t)b[20] << 24 | (uint32_t)b[21] << 16 |
         (uint32_t)b[22] << 8 | b[23];
    return 1;
}

/* A chart of the one series s over the n labels x, with a zero line. */
static void one_series(ent_plot *p, const ent_plot_series *s,
                       const char *title, const char *const *x, size_t n)
{
    memset(p, 0, sizeof *p);
    p->title = title;
    p->x = x;
    p->n = n;
    p->series = s;
    p->nseries = 1;
    p->has_hline = 1;
}

/* Render p as PNG (kept as name): 1 with its size in *w, *h when it is
 * a PNG, else 0. */
static int render_png(const char *name, const ent_plot *p, uint32_t *w,
                      uint32_t *h)
{
    unsigned char *b = NULL;
    size_t n = 0;
    int ok = ent_plot_render(p, ENT_PLOT_PNG, &b, &n, NULL, 0) == ENT_OK &&
             b && png_size(b, n, w, h);
    if (ok)
        keep(name, b, n);
    free(b);
    return ok;
}

void test_plot_png(void)
{
    demo d;
    unsigned char *b = (unsigned char *)"x";
    size_t n = 0;
    uint32_t w = 0, h = 0;
    char err[256] = "";
    demo_chart(&d);
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, err, sizeof err),
              ENT_OK);
    CHECK(b != NULL && png_size(b, n, &w, &h));
    CHECK_INT(w, 900);
    CHECK_INT(h, 420);
    CHECK(n > 5000); /* a drawing, not a blank page */
    if (b)
        keep("demo.png", b, n);
    free(b);
    /* a given size; lags as categories; a gap */
    {
        static const char *const lags[] = {"0", "1", "2", "3", "4", "5"};
        static const double r[] = {0.4, 0.2, -0.1, 0.05, NAN, 0.3};
        ent_plot_series s = {"cross-correlation", r, ENT_PLOT_BARS};
        one_series(&d.p, &s, "Reciprocity", lags, 6);
        d.p.xlabel = "lag (months)";
        d.p.width = 480;
        d.p.height = 300;
        CHECK(render_png("lags.png", &d.p, &w, &h));
        CHECK_INT(w, 480);
        CHECK_INT(h, 300);
    }
    /* odd values: infinities are gaps, a range lost in the magnitude of
     * its values still gets ticks (and does not loop for ever) */
    {
        static const char *const xs[] = {"a", "b", "c", "d", "e"};
        static const double v[] = {1e17, 1e17 + 16, INFINITY, -INFINITY,
                                   NAN};
        ent_plot_series s = {"odd", v, ENT_PLOT_LINE};
        one_series(&d.p, &s, "Odd values", xs, 5);
        CHECK(render_png("odd.png", &d.p, &w, &h));
        CHECK_INT(w, 900);
    }
}

void test_plot_svg(void)
{
    demo d;
    unsigned char *b = NULL;
    size_t n = 0;
    xmlDocPtr doc;
    xmlNodePtr root, c;
    int titles = 0, descs = 0;
    demo_chart(&d);
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_SVG, &b, &n, NULL, 0), ENT_OK);
    CHECK(b != NULL && n > 1000);
    if (!b)
        return;
    keep("demo.svg", b, n);
    doc = xmlReadMemory((const char *)b, (int)n, "demo.svg", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
    CHECK(doc != NULL);
    root = doc ? xmlDocGetRootElement(doc) : NULL;
    CHECK(root != NULL && !xmlStrcmp(root->name, (const xmlChar *)"svg"));
    for (c = root ? root->children : NULL; c; c = c->next) {
        xmlChar *t;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        t = xmlNodeGetContent(c);
        if (!xmlStrcmp(c->name, (const xmlChar *)"title")) {
            titles++;
            CHECK_STR((const char *)t, d.p.title); /* '&' escaped */
        } else if (!xmlStrcmp(c->name, (const xmlChar *)"desc")) {
            descs++;
            CHECK_STR((const char *)t, d.p.subtitle);
        }
        xmlFree(t);
    }
    CHECK_INT(titles, 1);
    CHECK_INT(descs, 1);
    xmlFreeDoc(doc);
    free(b);
}

void test_plot_errors(void)
{
    demo d;
    unsigned char *b = (unsigned char *)"x";
    size_t n = 7;
    char err[256] = "";
    static const double bad_kind_y[36];
    ent_plot_series bad;
    demo_chart(&d);
    /* no title */
    d.p.title = NULL;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, err, sizeof err),
              ENT_EINVAL);
    CHECK(b == NULL && n == 0);
    CHECK_STR(err, "plot: a chart needs a title");
    d.p.title = "t";
    /* series with no values */
    d.p.n = 0;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_SVG, &b, &n, err, sizeof err),
              ENT_EINVAL);
    CHECK_STR(err, "plot: series with no values (n == 0)");
    d.p.n = 36;
    /* an unknown format, a NULL chart, no output pointer */
    CHECK_INT(ent_plot_render(&d.p, 7, &b, &n, NULL, 0), ENT_EINVAL);
    CHECK_INT(ent_plot_render(NULL, ENT_PLOT_PNG, &b, &n, NULL, 0),
              ENT_EINVAL);
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, NULL, &n, NULL, 0),
              ENT_EINVAL);
    /* a bad series: no values, an unknown kind */
    bad = (ent_plot_series){"b", NULL, ENT_PLOT_LINE};
    d.p.series = &bad;
    d.p.nseries = 1;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0),
              ENT_EINVAL);
    bad.y = bad_kind_y;
    bad.kind = 9;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, err, sizeof err),
              ENT_EINVAL);
    CHECK_STR(err, "plot: a series has an unknown kind");
    bad.kind = ENT_PLOT_LINE;
    /* text not in UTF-8, a NULL x label, sizes out of range */
    d.p.title = "bad \xff title";
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0),
              ENT_EINVAL);
    d.p.title = "t";
    d.x[3] = NULL;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0),
              ENT_EINVAL);
    d.x[3] = "2013-04";
    d.p.width = 100000;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0),
              ENT_EINVAL);
    d.p.width = -1;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0),
              ENT_EINVAL);
    d.p.width = 0;
    CHECK(b == NULL);
    /* all good again; an empty chart (no series) says "no data" */
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0), ENT_OK);
    free(b);
    d.p.n = 0;
    d.p.nseries = 0;
    CHECK_INT(ent_plot_render(&d.p, ENT_PLOT_PNG, &b, &n, NULL, 0), ENT_OK);
    if (b)
        keep("empty.png", b, n);
    free(b);
    /* a file that cannot be written names the file */
    CHECK_INT(ent_plot_write(&d.p, ENT_PLOT_PNG, "/nonexistent/dir/x.png",
                             err, sizeof err),
              ENT_EIO);
    CHECK(!strncmp(err, "/nonexistent/dir/x.png: ", 24));
    CHECK_INT(ent_plot_write(&d.p, ENT_PLOT_PNG, NULL, NULL, 0), ENT_EINVAL);
}

void test_plot_alloc_failures(void)
{
    th_failer f = {0, 0};
    ent_allocator a = {th_failing_alloc, &f};
    demo d;
    int fmt, oks, nomem;
    long i;
    demo_chart(&d);
    for (fmt = ENT_PLOT_PNG; fmt <= ENT_PLOT_SVG; fmt++) {
        oks = nomem = 0;
        for (i = 1; i < 2000 && !oks; i++) {
            unsigned char *b = (unsigned char *)"x";
            size_t n = 5;
            int rc;
            f.n = 0;
            f.fail_at = i;
            rc = ent__plot_render(&d.p, fmt, &a, &b, &n, NULL, 0);
            if (rc == ENT_OK) {
                oks++;
                CHECK(b != NULL && n > 0);
                ent__free(&a, b);
            } else {
                CHECK_INT(rc, ENT_ENOMEM);
                CHECK(b == NULL && n == 0);
                nomem++;
            }
        }
        CHECK_INT(oks, 1);
        CHECK(nomem >= 2); /* the label array and the output buffer */
    }
}
