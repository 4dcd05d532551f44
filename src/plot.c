/*
 * plot.c -- charts drawn by entente itself, with cairo, as PNG or SVG.
 *
 * Analysts want to see a relationship move, not read event lines: a chart
 * here is series over categories (periods, lags) with a title, nice round
 * y ticks, x labels thinned so that they never overlap, a legend, a light
 * grid and a reference line. Colours are the Okabe-Ito colour-blind-safe
 * palette; lines also differ by dash and marker so that a greyscale print
 * still tells them apart. The network drawing (network.c) shares the
 * canvas helpers below.
 */
#include "internal.h"

#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_W 900
#define DEFAULT_H 420
#define MAX_SIDE 16384 /* pixels; a larger chart is an error */
#define FONT "sans-serif"

/* The Okabe-Ito palette (RGB 0..255), ordered so that neighbours differ
 * in lightness as well as hue. */
static const unsigned char PALETTE[][3] = {
    {0, 114, 178},   /* blue */
    {213, 94, 0},    /* vermillion */
    {0, 158, 115},   /* bluish green */
    {230, 159, 0},   /* orange */
    {204, 121, 167}, /* reddish purple */
    {86, 180, 233},  /* sky blue */
    {0, 0, 0},       /* black */
    {240, 228, 66},  /* yellow */
};
#define NPALETTE (sizeof PALETTE / sizeof PALETTE[0])

void ent__plot_colour(size_t i, double rgb[3])
{
    const unsigned char *c = PALETTE[i % NPALETTE];
    rgb[0] = c[0] / 255.0;
    rgb[1] = c[1] / 255.0;
    rgb[2] = c[2] / 255.0;
}

/* ---- canvas: a cairo surface that renders into memory ---------------- */

/* The stream callback of cairo: append to the canvas buffer. */
static cairo_status_t canvas_write(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    ent__canvas *cv = closure;
    if (cv->nomem) /* failed or aborted: write nothing more */
        return CAIRO_STATUS_NO_MEMORY;
    if (ent__buf_add(cv->alloc, &cv->buf, (const char *)data, length)) {
        cv->nomem = 1;
        return CAIRO_STATUS_NO_MEMORY;
    }
    return CAIRO_STATUS_SUCCESS;
}

int ent__canvas_begin(ent__canvas *cv, int format, int w, int h,
                      const ent_allocator *a)
{
    memset(cv, 0, sizeof *cv);
    cv->alloc = a;
    cv->format = format;
    cv->w = w;
    cv->h = h;
    if (format == ENT_PLOT_SVG)
        cv->surface = cairo_svg_surface_create_for_stream(canvas_write, cv,
                                                          w, h);
    else
        cv->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(cv->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(cv->surface);
        cv->surface = NULL;
        return ENT_EIO;
    }
    cv->cr = cairo_create(cv->surface);
    if (cairo_status(cv->cr) != CAIRO_STATUS_SUCCESS) {
        ent__canvas_abort(cv);
        return ENT_EIO;
    }
    cairo_set_source_rgb(cv->cr, 1, 1, 1);
    cairo_paint(cv->cr);
    cairo_select_font_face(cv->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    return ENT_OK;
}

void ent__canvas_abort(ent__canvas *cv)
{
    if (cv->cr)
        cairo_destroy(cv->cr);
    if (cv->surface) {
        /* finishing an SVG surface writes it out: not wanted any more */
        cv->nomem = 1;
        cairo_surface_destroy(cv->surface);
    }
    ent__buf_free(cv->alloc, &cv->buf);
    cv->cr = NULL;
    cv->surface = NULL;
}

/* XML-escape s into b. */
static int xml_escape(const ent_allocator *a, ent__buf *b, const char *s)
{
    int rc = ENT_OK;
    for (; *s && !rc; s++) {
        switch (*s) {
        case '<': rc = ent__buf_add(a, b, "&lt;", 4); break;
        case '>': rc = ent__buf_add(a, b, "&gt;", 4); break;
        case '&': rc = ent__buf_add(a, b, "&amp;", 5); break;
        case '"': rc = ent__buf_add(a, b, "&quot;", 6); break;
        default: rc = ent__buf_add(a, b, s, 1); break;
        }
    }
    return rc;
}

/* Cairo draws SVG text as glyph outlines, so the title would be nowhere
 * in the file: put it (and the description) in <title> and <desc> right
 * after the <svg> start tag, where browsers and screen readers look. */
static int svg_title(ent__canvas *cv, const char *title, const char *desc)
{
    const ent_allocator *a = cv->alloc;
    const char *svg = cv->buf.p ? strstr(cv->buf.p, "<svg") : NULL;
    const char *gt = svg ? strchr(svg, '>') : NULL;
    ent__buf out = {0};
    size_t head;
    int rc;
    if (!gt)
        return ENT_EIO;
    head = (size_t)(gt + 1 - cv->buf.p);
    rc = ent__buf_add(a, &out, cv->buf.p, head);
    if (!rc)
        rc = ent__buf_add(a, &out, "\n<title>", 8);
    if (!rc)
        rc = xml_escape(a, &out, title);
    if (!rc)
        rc = ent__buf_add(a, &out, "</title>", 8);
    if (!rc && desc && *desc) {
        rc = ent__buf_add(a, &out, "\n<desc>", 7);
        if (!rc)
            rc = xml_escape(a, &out, desc);
        if (!rc)
            rc = ent__buf_add(a, &out, "</desc>", 7);
    }
    if (!rc)
        rc = ent__buf_add(a, &out, gt + 1, cv->buf.n - head);
    if (rc) {
        ent__buf_free(a, &out);
        return ENT_ENOMEM;
    }
    ent__buf_free(a, &cv->buf);
    cv->buf = out;
    return ENT_OK;
}

int ent__canvas_end(ent__canvas *cv, const char *title, const char *desc,
                    unsigned char **out, size_t *len)
{
    cairo_status_t s;
    int rc = ENT_OK;
    s = cairo_status(cv->cr);
    cairo_destroy(cv->cr);
    cv->cr = NULL;
    if (s == CAIRO_STATUS_SUCCESS && cv->format == ENT_PLOT_PNG)
        s = cairo_surface_write_to_png_stream(cv->surface, canvas_write, cv);
    cairo_surface_finish(cv->surface); /* SVG: writes the document */
    if (s == CAIRO_STATUS_SUCCESS)
        s = cairo_surface_status(cv->surface);
    cairo_surface_destroy(cv->surface);
    cv->surface = NULL;
    if (cv->nomem || s == CAIRO_STATUS_NO_MEMORY)
        rc = ENT_ENOMEM;
    else if (s != CAIRO_STATUS_SUCCESS)
        rc = ENT_EIO;
    if (!rc && cv->format == ENT_PLOT_SVG)
        rc = svg_title(cv, title, desc);
    if (rc) {
        ent__buf_free(cv->alloc, &cv->buf);
        return rc;
    }
    *out = (unsigned char *)cv->buf.p;
    *len = cv->buf.n;
    cv->buf.p = NULL;
    return ENT_OK;
}

/* ---- text ------------------------------------------------------------ */

void ent__canvas_font(ent__canvas *cv, double size, int bold)
{
    cairo_select_font_face(cv->cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD
                                : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cv->cr, size);
}

double ent__canvas_text_width(ent__canvas *cv, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cv->cr, s, &e);
    return e.x_advance;
}

void ent__canvas_text(ent__canvas *cv, double x, double y, double align,
                      const char *s)
{
    double w = ent__canvas_text_width(cv, s);
    cairo_move_to(cv->cr, x - align * w, y);
    cairo_show_text(cv->cr, s);
}

/* ---- the chart ------------------------------------------------------- */

/* Round numbers: 1, 2 or 5 times a power of ten near x (Heckbert's
 * "nice numbers for graph labels"). */
static double nice_num(double x, int round)
{
    double e = floor(log10(x)), f = x / pow(10, e), nf;
    if (round)
        nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else
        nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * pow(10, e);
}

/* The y axis: nice bounds lo..hi in steps of step. */
typedef struct axis {
    double lo, hi, step;
    int decimals;
} axis;

static void axis_nice(axis *ax, double mn, double mx, int nticks)
{
    double range;
    /* one value (or a range lost in the magnitude): a range around it */
    if (!(mx - mn > (fabs(mn) > fabs(mx) ? fabs(mn) : fabs(mx)) * 1e-9)) {
        double d = fabs(mn) > 0 ? fabs(mn) * 0.5 : 1;
        mn -= d;
        mx += d;
        if (mn < 0 && mx - d >= 0 && mx - d - d >= 0)
            mn = 0;
    }
    range = nice_num(mx - mn, 0);
    ax->step = nice_num(range / (nticks > 2 ? nticks - 1 : 2), 1);
    ax->lo = floor(mn / ax->step) * ax->step;
    ax->hi = ceil(mx / ax->step) * ax->step;
    ax->decimals = ax->step >= 1 ? 0 : (int)ceil(-log10(ax->step) - 1e-9);
    if (ax->decimals > 6)
        ax->decimals = 6;
}

/* A tick label: decimals as the axis says, thousands grouped by commas,
 * never "-0". */
static void tick_label(double v, int decimals, char *out, size_t outlen)
{
    char tmp[64];
    const char *s = tmp, *dot;
    size_t n = 0, digits, i;
    if (fabs(v) < 1e-9)
        v = 0;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (*s == '-') { /* a true minus sign (U+2212), not a hyphen */
        memcpy(out, "\xe2\x88\x92", 3);
        n = 3;
        s++;
    }
    dot = strchr(s, '.');
    digits = dot ? (size_t)(dot - s) : strlen(s);
    for (i = 0; i < digits && n + 2 < outlen; i++) {
        if (i && (digits - i) % 3 == 0)
            out[n++] = ',';
        out[n++] = s[i];
    }
    snprintf(out + n, outlen - n, "%s", dot ? dot : "");
}

/* What x labels are: periods ("2014", "2014-Q2", "2014-03",
 * "2014-03-17" for days and weeks) or anything else. */
enum { X_OTHER, X_MONTH, X_QUARTER, X_YEAR, X_DAY };

static int is_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The kind of label s. */
static int label_kind(const char *s)
{
    size_t n = strlen(s);
    if (n < 4 || !is_digits(s, 4))
        return X_OTHER;
    if (n == 4)
        return X_YEAR;
    if (n == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4')
        return X_QUARTER;
    if (n == 7 && s[4] == '-' && is_digits(s + 5, 2))
        return X_MONTH;
    if (n == 10 && s[4] == '-' && s[7] == '-' && is_digits(s + 5, 2) &&
        is_digits(s + 8, 2))
        return X_DAY;
    return X_OTHER;
}

/* The kind shared by all labels x[0..n) (X_OTHER when they differ). */
static int labels_kind(const char *const *x, size_t n)
{
    size_t i;
    int kind = n ? label_kind(x[0]) : X_OTHER;
    for (i = 1; i < n && kind != X_OTHER; i++)
        if (label_kind(x[i]) != kind)
            kind = X_OTHER;
    return kind;
}

/* The units labels are counted in: the categories themselves, months or
 * years (a label shows the year alone then, or the month of a day). */
enum { G_INDEX, G_MONTH, G_YEAR };

/* Unit number of label i (s) of kind in units g. */
static long unit_of(const char *s, int kind, int g, size_t i)
{
    long y = kind == X_OTHER ? 0 : atol(s);
    if (g == G_YEAR)
        return y;
    if (g == G_MONTH || kind == X_MONTH)
        return y * 12 + atol(s + 5) - 1;
    if (kind == X_QUARTER)
        return y * 4 + (s[6] - '1');
    return kind == X_YEAR ? y : (long)i;
}

/* Whether the first label (s) starts its unit g (so that it may be
 * labelled as that unit). */
static int starts_unit(const char *s, int kind, int g)
{
    if (g == G_INDEX || kind == X_YEAR)
        return 1;
    if (kind == X_QUARTER)
        return s[6] == '1';
    if (kind == X_MONTH)
        return !strcmp(s + 5, "01");
    return g == G_MONTH ? !strcmp(s + 8, "01") : !strcmp(s + 5, "01-01");
}

/* Mark in show[] the labels that start a unit g numbered a multiple of
 * step, never two closer than gap categories. Returns the smallest
 * distance between two marks (n when fewer than two). */
static size_t mark_labels(const char *const *x, size_t n, int kind, int g,
                          long step, size_t gap, unsigned char *show)
{
    size_t i, last = 0, mind = n;
    long prev = 0;
    int have = 0;
    for (i = 0; i < n; i++) {
        long u = unit_of(x[i], kind, g, i);
        int start = i ? u != prev : starts_unit(x[0], kind, g);
        prev = u;
        show[i] = 0;
        if (!start || u % step != 0 || (have && i - last < gap))
            continue;
        if (have && i - last < mind)
            mind = i - last;
        show[i] = 1;
        last = i;
        have = 1;
    }
    return mind;
}

/* Which x labels to show, and how: the first of the candidate units and
 * steps (every label, every 2nd..., months 1, 2, 3, 6; years 1, 2, 5,
 * 10...) whose labels, as wide as wdisp[unit] pixels, fit in bands of bw
 * pixels, so that labels fall on round dates (January, Q1, years
 * divisible by 5) and never overlap. show[i] is set for the labels to
 * draw; the unit is returned (G_*). */
static int thin_labels(const char *const *x, size_t n, int kind, double bw,
                       const double wdisp[3], unsigned char *show)
{
    static const struct {
        int g;
        long step;
    } cands[] = {{G_INDEX, 1},  {G_INDEX, 2},  {G_INDEX, 3},  {G_INDEX, 4},
                 {G_INDEX, 5},  {G_INDEX, 6},  {G_INDEX, 7},  {G_INDEX, 10},
                 {G_MONTH, 1},  {G_MONTH, 2},
                 {G_MONTH, 3},  {G_MONTH, 6},  {G_YEAR, 1},   {G_YEAR, 2},
                 {G_YEAR, 5},   {G_YEAR, 10},  {G_YEAR, 20},  {G_YEAR, 50},
                 {G_YEAR, 100}, {G_INDEX, 20}, {G_INDEX, 50}, {G_INDEX, 100},
                 {G_INDEX, 200}, {G_INDEX, 500}, {G_INDEX, 1000}};
    size_t k, last = sizeof cands / sizeof cands[0], i;
    int32_t d0, d1;
    /* days: a week of them is a round step; weeks: months are */
    int daily = kind == X_DAY && n > 1 && !ent__date_days(x[0], &d0) &&
                !ent__date_days(x[1], &d1) && d1 - d0 == 1;
    for (k = 0; k < last; k++) {
        int g = cands[k].g;
        long st = cands[k].step;
        size_t gap = (size_t)ceil((wdisp[g] + 12) / (bw > 0 ? bw : 1));
        /* units that this kind of label has; steps that fit them */
        if ((g == G_MONTH && kind != X_DAY) ||
            (g == G_YEAR && (kind == X_OTHER)) ||
            (g == G_INDEX && kind == X_MONTH && (12 % st || st == 4)) ||
            (g == G_INDEX && kind == X_QUARTER && st > 2) ||
            (g == G_INDEX && kind == X_YEAR) ||
            (g == G_INDEX && kind == X_OTHER && st == 4) ||
            (g == G_INDEX && kind != X_DAY && st == 7) ||
            (g == G_INDEX && kind == X_DAY && st != 1 && st != 2 &&
             (!daily || (st != 7 && st != 14))))
            continue;
        if (mark_labels(x, n, kind, g, st, 1, show) >= gap)
            return g;
    }
    /* nothing fits: every gap-th label of the last kind of unit */
    {
        int g = kind == X_OTHER ? G_INDEX : G_YEAR;
        size_t gap = (size_t)ceil((wdisp[g] + 12) / (bw > 0 ? bw : 1));
        mark_labels(x, n, kind, g, 1, gap, show);
        for (i = 0; i < n && !show[i]; i++)
            ;
        if (i == n && n)
            show[0] = 1;
        return g;
    }
}

/* Dash pattern k (solid, dashed, dotted, dash-dot) for line series. */
static void set_dash(cairo_t *cr, size_t k)
{
    static const double dashes[][4] = {
        {0, 0, 0, 0}, {7, 4, 0, 0}, {2, 3, 0, 0}, {8, 3, 2, 3}};
    static const int ndash[] = {0, 2, 2, 4};
    k %= 4;
    cairo_set_dash(cr, dashes[k], ndash[k], 0);
}

/* Marker k (circle, square, triangle, diamond) of radius r at (x, y). */
static void marker(cairo_t *cr, size_t k, double x, double y, double r)
{
    switch (k % 4) {
    case 0:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        break;
    case 1:
        cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
        break;
    case 2:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
        cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
        cairo_close_path(cr);
        break;
    default:
        cairo_move_to(cr, x, y - r * 1.3);
        cairo_line_to(cr, x + r * 1.1, y);
        cairo_line_to(cr, x, y + r * 1.3);
        cairo_line_to(cr, x - r * 1.1, y);
        cairo_close_path(cr);
        break;
    }
    cairo_fill(cr);
}

/* Geometry of a chart being drawn. */
typedef struct frame {
    double left, right, top, bottom; /* plot area */
    double bw;                       /* width of one category band */
    axis ax;
    size_t nbars;                    /* bar series */
    int markers;                     /* lines get markers */
} frame;

static double ypix(const frame *f, double v)
{
    return f->bottom - (v - f->ax.lo) / (f->ax.hi - f->ax.lo) *
                           (f->bottom - f->top);
}

/* The legend, wrapped over rows from (x0, y) in width w. Returns the
 * height used (0 when draw is 0: measure only; the same either way). */
static double legend(ent__canvas *cv, const ent_plot *p, double x0, double y,
                     double w, int draw)
{
    cairo_t *cr = cv->cr;
    double x = x0, rowh = 18, h = rowh;
    size_t i, line = 0, nbars = 0;
    for (i = 0; i < p->nseries; i++)
        nbars += p->series[i].kind == ENT_PLOT_BARS;
    ent__canvas_font(cv, 12, 0);
    for (i = 0; i < p->nseries; i++) {
        const ent_plot_series *s = &p->series[i];
        const char *label = s->label ? s->label : "";
        double tw = ent__canvas_text_width(cv, label), ew = 28 + tw + 18;
        double rgb[3];
        if (x > x0 && x + ew - 18 > x0 + w) {
            x = x0;
            y += rowh;
            h += rowh;
        }
        if (draw) {
            ent__plot_colour(i, rgb);
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
            if (s->kind == ENT_PLOT_BARS) {
                cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2],
                                      nbars < p->nseries ? 0.5 : 1);
                cairo_rectangle(cr, x + 4, y - 9, 16, 11);
                cairo_fill(cr);
            } else {
                cairo_set_line_width(cr, 2);
                set_dash(cr, line);
                cairo_move_to(cr, x, y - 4);
                cairo_line_to(cr, x + 24, y - 4);
                cairo_stroke(cr);
                set_dash(cr, 0);
                marker(cr, line, x + 12, y - 4, 3.5);
            }
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
            ent__canvas_text(cv, x + 28, y, 0, label);
        }
        if (s->kind != ENT_PLOT_BARS)
            line++;
        x += ew;
    }
    return p->nseries ? h : 0;
}

/* Draw the series: bars side by side in each band, then lines on top. */
static void draw_series(ent__canvas *cv, const ent_plot *p, const frame *f)
{
    cairo_t *cr = cv->cr;
    double group = f->bw * (f->nbars > 1 ? 0.84 : 0.7);
    double barw = f->nbars ? group / (double)f->nbars : 0;
    double base = ypix(f, f->ax.lo <= 0 && f->ax.hi >= 0 ? 0 : f->ax.lo);
    size_t i, j, bar = 0, line = 0;
    double rgb[3];
    cairo_save(cr);
    cairo_rectangle(cr, f->left - 5, f->top - 5, f->right - f->left + 10,
                    f->bottom - f->top + 10); /* markers may cross it */
    cairo_clip(cr);
    for (i = 0; i < p->nseries; i++) {
        const ent_plot_series *s = &p->series[i];
        if (s->kind != ENT_PLOT_BARS)
            continue;
        ent__plot_colour(i, rgb);
        /* under lines, bars are context: paler */
        cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2],
                              f->nbars < p->nseries ? 0.5 : 1);
        for (j = 0; j < p->n; j++) {
            double x, y;
            if (!isfinite(s->y[j]))
                continue;
            x = f->left + (double)j * f->bw + (f->bw - group) / 2 +
                (double)bar * barw;
            y = ypix(f, s->y[j]);
            cairo_rectangle(cr, x, y < base ? y : base,
                            barw > 2 ? barw - (f->nbars > 1 ? 0.5 : 0) : barw,
                            fabs(base - y));
        }
        cairo_fill(cr);
        bar++;
    }
    for (i = 0; i < p->nseries; i++) {
        const ent_plot_series *s = &p->series[i];
        int open = 0;
        if (s->kind == ENT_PLOT_BARS)
            continue;
        ent__plot_colour(i, rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_set_line_width(cr, 2);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        set_dash(cr, line);
        for (j = 0; j < p->n; j++) {
            double x = f->left + ((double)j + 0.5) * f->bw;
            if (!isfinite(s->y[j])) {
                open = 0;
                continue;
            }
            if (open)
                cairo_line_to(cr, x, ypix(f, s->y[j]));
            else
                cairo_move_to(cr, x, ypix(f, s->y[j]));
            open = 1;
        }
        cairo_stroke(cr);
        set_dash(cr, 0);
        for (j = 0; j < p->n; j++) {
            double x = f->left + ((double)j + 0.5) * f->bw;
            int alone = isfinite(s->y[j]) &&
                        (j == 0 || !isfinite(s->y[j - 1])) &&
                        (j + 1 == p->n || !isfinite(s->y[j + 1]));
            /* markers when there is room, and always for a point with
             * no neighbour, which a line alone would not show */
            if (isfinite(s->y[j]) && (f->markers || alone))
                marker(cr, line, x, ypix(f, s->y[j]), 3.2);
        }
        line++;
    }
    cairo_restore(cr);
}

/* Check a chart; ENT_EINVAL with the reason in err. */
static int plot_check(const ent_plot *p, int format, char *err,
                      size_t errlen)
{
    const char *what = NULL;
    size_t i, off;
    if (!p)
        what = "no chart";
    else if (format != ENT_PLOT_PNG && format != ENT_PLOT_SVG)
        what = "unknown format";
    else if (!p->title)
        what = "a chart needs a title";
    else if (p->nseries && !p->n)
        what = "series with no values (n == 0)";
    else if (p->n && !p->x)
        what = "no x labels";
    else if (p->nseries && !p->series)
        what = "no series";
    else if (p->width < 0 || p->height < 0 || p->width > MAX_SIDE ||
             p->height > MAX_SIDE || (p->width && p->width < 120) ||
             (p->height && p->height < 100))
        what = "width and height must be 120..16384 and 100..16384 pixels";
    else if (ent_utf8_check(p->title, strlen(p->title), &off) ||
             (p->subtitle &&
              ent_utf8_check(p->subtitle, strlen(p->subtitle), &off)) ||
             (p->xlabel &&
              ent_utf8_check(p->xlabel, strlen(p->xlabel), &off)) ||
             (p->ylabel &&
              ent_utf8_check(p->ylabel, strlen(p->ylabel), &off)))
        what = "a title or axis label is not valid UTF-8";
    for (i = 0; !what && i < p->n; i++)
        if (!p->x[i] || ent_utf8_check(p->x[i], strlen(p->x[i]), &off))
            what = "an x label is NULL or not valid UTF-8";
    for (i = 0; !what && i < p->nseries; i++) {
        const ent_plot_series *s = &p->series[i];
        if (!s->y)
            what = "a series has no values";
        else if (s->kind != ENT_PLOT_LINE && s->kind != ENT_PLOT_BARS)
            what = "a series has an unknown kind";
        else if (s->label && ent_utf8_check(s->label, strlen(s->label), &off))
            what = "a series label is not valid UTF-8";
    }
    if (!what)
        return ENT_OK;
    if (err && errlen)
        snprintf(err, errlen, "plot: %s", what);
    return ENT_EINVAL;
}

/* The title (bold, shrunk to fit the width w) and the subtitle (may be
 * NULL; smaller, grey, shrunk too) at the top left. Returns the y below
 * them. */
static double titles(ent__canvas *cv, const char *title, const char *sub,
                     int w)
{
    cairo_t *cr = cv->cr;
    double size = 17, y;
    ent__canvas_font(cv, size, 1);
    while (size > 9 && ent__canvas_text_width(cv, title) > w - 24)
        ent__canvas_font(cv, size -= 1, 1);
    y = 12 + size;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    ent__canvas_text(cv, 12, y, 0, title);
    if (sub && *sub) {
        size = 12.5;
        ent__canvas_font(cv, size, 0);
        while (size > 8 && ent__canvas_text_width(cv, sub) > w - 24)
            ent__canvas_font(cv, size -= 0.5, 0);
        y += 20;
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        ent__canvas_text(cv, 12, y, 0, sub);
    }
    return y + 12;
}

/* Draw the chart p on canvas cv (w x h). */
static void draw_chart(ent__canvas *cv, const ent_plot *p, int w, int h)
{
    cairo_t *cr = cv->cr;
    frame f;
    double mn = INFINITY, mx = -INFINITY, y, ytw = 0, maxw = 0;
    int nticks, k;
    double v;
    char lab[64];
    size_t i, j;
    unsigned char *show = NULL;
    memset(&f, 0, sizeof f);

    y = titles(cv, p->title, p->subtitle, w);

    for (i = 0; i < p->nseries; i++) {
        if (p->series[i].kind == ENT_PLOT_BARS)
            f.nbars++;
        for (j = 0; j < p->n; j++) {
            v = p->series[i].y[j];
            if (!isfinite(v))
                continue;
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
    }
    if (p->has_hline && isfinite(p->hline)) {
        mn = p->hline < mn ? p->hline : mn;
        mx = p->hline > mx ? p->hline : mx;
    }
    if (f.nbars) { /* bars stand on zero */
        mn = mn > 0 ? 0 : mn;
        mx = mx < 0 ? 0 : mx;
    }
    if (mn > mx)
        mn = mx = 0;

    /* legend under the titles, then the plot area */
    y += 4 + 12; /* baseline of the first legend row */
    y += legend(cv, p, 12 + 4, y, w - 32, 1);
    f.top = y + (p->nseries ? 8 : -10);
    f.bottom = h - 12 - 11 - 10 - (p->xlabel && *p->xlabel ? 22 : 0);
    if (f.bottom - f.top < 40)
        f.bottom = f.top + 40;
    axis_nice(&f.ax, mn, mx, (int)((f.bottom - f.top) / 55) + 1);

    /* left margin: the widest tick label and the y label */
    ent__canvas_font(cv, 11, 0);
    nticks = (int)floor((f.ax.hi - f.ax.lo) / f.ax.step + 0.5);
    if (nticks < 1 || nticks > 200) /* never: nice steps give 3..20 */
        nticks = 1;
    for (k = 0; k <= nticks; k++) {
        double tw;
        v = f.ax.lo + k * (f.ax.hi - f.ax.lo) / nticks;
        tick_label(v, f.ax.decimals, lab, sizeof lab);
        tw = ent__canvas_text_width(cv, lab);
        ytw = tw > ytw ? tw : ytw;
    }
    f.left = 12 + (p->ylabel && *p->ylabel ? 22 : 0) + ytw + 8;
    for (i = 0; i < p->n; i++) {
        double tw = ent__canvas_text_width(cv, p->x[i]);
        maxw = tw > maxw ? tw : maxw;
    }
    f.right = w - 14 - (maxw / 2 > 6 ? maxw / 2 - 6 : 0);
    if (f.right - f.left < 40)
        f.right = f.left + 40;
    f.bw = p->n ? (f.right - f.left) / (double)p->n : f.right - f.left;
    f.markers = p->n <= 60 && f.bw >= 9;

    /* grid and y ticks */
    cairo_set_line_width(cr, 1);
    for (k = 0; k <= nticks; k++) {
        double py;
        v = f.ax.lo + k * (f.ax.hi - f.ax.lo) / nticks;
        py = floor(ypix(&f, v)) + 0.5;
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_move_to(cr, f.left, py);
        cairo_line_to(cr, f.right, py);
        cairo_stroke(cr);
        tick_label(v, f.ax.decimals, lab, sizeof lab);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        ent__canvas_text(cv, f.left - 6, py + 4, 1, lab);
    }

    /* x labels, thinned, with a tick and a light vertical grid line */
    show = p->n ? ent__malloc(cv->alloc, p->n) : NULL;
    if (p->n && !show)
        cv->nomem = 1; /* reported by ent__canvas_end() */
    if (show) {
        int kind = labels_kind(p->x, p->n), g;
        double wdisp[3];
        wdisp[G_INDEX] = maxw;
        wdisp[G_MONTH] = ent__canvas_text_width(cv, "0000-00");
        wdisp[G_YEAR] = ent__canvas_text_width(cv, "0000");
        g = thin_labels(p->x, p->n, kind, f.bw, wdisp, show);
        for (i = 0; i < p->n; i++) {
            double px = floor(f.left + ((double)i + 0.5) * f.bw) + 0.5;
            if (!show[i])
                continue;
            cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
            cairo_move_to(cr, px, f.top);
            cairo_line_to(cr, px, f.bottom);
            cairo_stroke(cr);
            cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
            cairo_move_to(cr, px, f.bottom);
            cairo_line_to(cr, px, f.bottom + 4);
            cairo_stroke(cr);
            /* labelled once a month or year: say the month or year */
            snprintf(lab, sizeof lab, "%.*s",
                     g == G_YEAR ? 4 : g == G_MONTH ? 7 : 63, p->x[i]);
            ent__canvas_text(cv, px, f.bottom + 17, 0.5, lab);
        }
        ent__free(cv->alloc, show);
    }

    if (!p->nseries || !p->n) {
        ent__canvas_font(cv, 14, 0);
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
        ent__canvas_text(cv, (f.left + f.right) / 2,
                         f.top + (f.bottom - f.top) / 3, 0.5, "no data");
    }
    draw_series(cv, p, &f);

    /* reference line over the data, then the axes */
    if (p->has_hline && isfinite(p->hline)) {
        double py = floor(ypix(&f, p->hline)) + 0.5;
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        cairo_set_line_width(cr, 1.2);
        cairo_move_to(cr, f.left, py);
        cairo_line_to(cr, f.right, py);
        cairo_stroke(cr);
    }
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, floor(f.left) + 0.5, f.top);
    cairo_line_to(cr, floor(f.left) + 0.5, floor(f.bottom) + 0.5);
    cairo_line_to(cr, f.right, floor(f.bottom) + 0.5);
    cairo_stroke(cr);

    /* axis labels */
    ent__canvas_font(cv, 12, 0);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    if (p->xlabel && *p->xlabel)
        ent__canvas_text(cv, (f.left + f.right) / 2, f.bottom + 38, 0.5,
                         p->xlabel);
    if (p->ylabel && *p->ylabel) {
        cairo_save(cr);
        cairo_translate(cr, 12 + 12, (f.top + f.bottom) / 2);
        cairo_rotate(cr, -M_PI / 2);
        ent__canvas_text(cv, 0, 0, 0.5, p->ylabel);
        cairo_restore(cr);
    }
}

int ent__plot_render(const ent_plot *p, int format, const ent_allocator *a,
                     unsigned char **out, size_t *len, char *err,
                     size_t errlen)
{
    ent__canvas cv;
    int rc, w, h;
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out || !len) {
        if (err && errlen)
            snprintf(err, errlen, "plot: no output buffer");
        return ENT_EINVAL;
    }
    if ((rc = plot_check(p, format, err, errlen)) != ENT_OK)
        return rc;
    w = p->width ? p->width : DEFAULT_W;
    h = p->height ? p->height : DEFAULT_H;
    if ((rc = ent__canvas_begin(&cv, format, w, h, a)) != ENT_OK) {
        if (err && errlen)
            snprintf(err, errlen, "plot: cairo cannot make a %d x %d "
                                  "surface", w, h);
        return rc;
    }
    draw_chart(&cv, p, w, h);
    rc = ent__canvas_end(&cv, p->title, p->subtitle, out, len);
    if (rc && err && errlen)
        snprintf(err, errlen, "plot: %s", rc == ENT_ENOMEM
                                              ? "out of memory"
                                              : "cairo could not draw");
    return rc;
}

int ent_plot_render(const ent_plot *p, int format, unsigned char **out,
                    size_t *len, char *err, size_t errlen)
{
    return ent__plot_render(p, format, NULL, out, len, err, errlen);
}

int ent__write_bytes(const char *path, const unsigned char *b, size_t n,
                     char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    int ok;
    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    ok = fwrite(b, 1, n, f) == n;
    if (fclose(f) != 0)
        ok = 0;
    if (!ok) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot write: %s", path,
                     strerror(errno));
        return ENT_EIO;
    }
    return ENT_OK;
}

int ent_plot_write(const ent_plot *p, int format, const char *path,
                   char *err, size_t errlen)
{
    unsigned char *b = NULL;
    size_t n = 0;
    int rc;
    if (!path) {
        if (err && errlen)
            snprintf(err, errlen, "plot: no file name");
        return ENT_EINVAL;
    }
    rc = ent_plot_render(p, format, &b, &n, err, errlen);
    if (rc)
        return rc;
    rc = ent__write_bytes(path, b, n, err, errlen);
    free(b);
    return rc;
}

/* ---- the network drawing ---------------------------------------------- */

/* Community fills: Paul Tol's "light" scheme, pale enough for dark
 * labels and apart from the green and red of the edges; grey for a
 * community of one node. */
static const unsigned char COMMUNITY[][3] = {
    {119, 170, 221}, /* light blue */
    {238, 221, 136}, /* light yellow */
    {255, 170, 187}, /* pink */
    {153, 221, 255}, /* light cyan */
    {187, 204, 51},  /* pear */
    {238, 136, 102}, /* orange */
    {68, 187, 153},  /* mint */
    {170, 170, 0},   /* olive */
};
#define NCOMMUNITY (sizeof COMMUNITY / sizeof COMMUNITY[0])

/* Edge colours (Okabe-Ito bluish green and vermillion). */
static const double COOP_RGB[3] = {0, 158 / 255.0, 115 / 255.0};
static const double CONF_RGB[3] = {213 / 255.0, 94 / 255.0, 0};

/* A placed label's box. */
typedef struct box {
    double x0, y0, x1, y1;
} box;

static int boxes_overlap(const box *a, const box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Geometry of a network drawing: the layout's 0..1 mapped into the area
 * (x0, y0) .. (x1, y1); node radii from events. */
typedef struct netframe {
    double x0, y0, x1, y1;
    double maxev, maxg;
} netframe;

static double node_r(const netframe *f, uint64_t ev)
{
    return 4 + 18 * sqrt((double)ev / (f->maxev > 0 ? f->maxev : 1));
}

static double node_x(const netframe *f, const ent_net_node *nd)
{
    return f->x0 + nd->x * (f->x1 - f->x0);
}

static double node_y(const netframe *f, const ent_net_node *nd)
{
    return f->y0 + nd->y * (f->y1 - f->y0);
}

/* Draw order of edges (weak first) and nodes (small first), labels
 * placed big first. */
typedef struct order {
    double key;
    size_t i;
} order;

static int by_key(const void *x, const void *y)
{
    const order *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Text with a white halo, readable over edges. */
static void halo_text(ent__canvas *cv, double x, double y, const char *s)
{
    cairo_t *cr = cv->cr;
    cairo_move_to(cr, x, y);
    cairo_text_path(cr, s);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_set_line_width(cr, 3);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

/* The legend of a network drawing along the top, from (x, y). */
static void net_legend(ent__canvas *cv, double x, double y)
{
    static const char *const what[2] = {"net cooperation", "net conflict"};
    const double *rgb[2] = {COOP_RGB, CONF_RGB};
    cairo_t *cr = cv->cr;
    int k;
    ent__canvas_font(cv, 12, 0);
    cairo_set_line_width(cr, 4);
    for (k = 0; k < 2; k++) {
        cairo_set_source_rgb(cr, rgb[k][0], rgb[k][1], rgb[k][2]);
        cairo_move_to(cr, x, y - 4);
        cairo_line_to(cr, x + 26, y - 4);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        ent__canvas_text(cv, x + 32, y, 0, what[k]);
        x += 32 + ent__canvas_text_width(cv, what[k]) + 20;
    }
    ent__canvas_text(cv, x, y, 0,
                     "edge width: |net Goldstein|   node area: events   "
                     "fill: community");
}

/* Draw net into cv (w x h) with its title and subtitle. */
static void draw_network(ent__canvas *cv, const ent_network *net,
                         const char *title, const char *subtitle, int w,
                         int h)
{
    cairo_t *cr = cv->cr;
    const ent_allocator *a = cv->alloc;
    netframe f;
    double y, margin;
    size_t i, nb = 0, *csize = NULL;
    order *eo = NULL, *no = NULL;
    box *placed = NULL;
    memset(&f, 0, sizeof f);
    y = titles(cv, title, subtitle, w) + 14;
    net_legend(cv, 16, y);
    if (!net->nnodes) {
        ent__canvas_font(cv, 14, 0);
        cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
        ent__canvas_text(cv, w / 2.0, h / 2.0, 0.5, "no data");
        return;
    }
    for (i = 0; i < net->nnodes; i++)
        f.maxev = (double)net->nodes[i].events > f.maxev
                      ? (double)net->nodes[i].events
                      : f.maxev;
    for (i = 0; i < net->nedges; i++) {
        double g = fabs(net->edges[i].goldstein[0] +
                        net->edges[i].goldstein[1]);
        f.maxg = g > f.maxg ? g : f.maxg;
    }
    margin = 22 + 40; /* the largest node and a label beside it */
    f.x0 = margin;
    f.x1 = w - margin;
    f.y0 = y + 10 + 24;
    f.y1 = h - 30;
    if (f.y1 - f.y0 < 40)
        f.y1 = f.y0 + 40;
    eo = ent__malloc(a, (net->nedges + 1) * sizeof *eo);
    no = ent__malloc(a, net->nnodes * sizeof *no);
    placed = ent__malloc(a, net->nnodes * sizeof *placed);
    csize = ent__calloc(a, (net->nnodes + 1) * sizeof *csize);
    if (!eo || !no || !placed || !csize) {
        cv->nomem = 1;
        goto done;
    }
    for (i = 0; i < net->nnodes; i++)
        if (net->nodes[i].community >= 0 &&
            (size_t)net->nodes[i].community < net->nnodes)
            csize[net->nodes[i].community]++;

    /* edges: weak first, so that strong ones stay on top */
    for (i = 0; i < net->nedges; i++) {
        eo[i].key = fabs(net->edges[i].goldstein[0] +
                         net->edges[i].goldstein[1]);
        eo[i].i = i;
    }
    qsort(eo, net->nedges, sizeof *eo, by_key);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (i = 0; i < net->nedges; i++) {
        const ent_net_edge *e = &net->edges[eo[i].i];
        double g = e->goldstein[0] + e->goldstein[1];
        const double *rgb = g >= 0 ? COOP_RGB : CONF_RGB;
        double lw = 0.5 + 7.5 * sqrt(fabs(g) / (f.maxg > 0 ? f.maxg : 1));
        cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2],
                              0.12 + 0.6 * (lw / 8)); /* weak: faint */
        cairo_set_line_width(cr, lw);
        cairo_move_to(cr, node_x(&f, &net->nodes[e->a]),
                      node_y(&f, &net->nodes[e->a]));
        cairo_line_to(cr, node_x(&f, &net->nodes[e->b]),
                      node_y(&f, &net->nodes[e->b]));
        cairo_stroke(cr);
    }

    /* nodes: big first underneath */
    for (i = 0; i < net->nnodes; i++) {
        no[i].key = -(double)net->nodes[i].events;
        no[i].i = i;
    }
    qsort(no, net->nnodes, sizeof *no, by_key);
    for (i = 0; i < net->nnodes; i++) {
        const ent_net_node *nd = &net->nodes[no[i].i];
        int c = nd->community;
        int alone = c < 0 || (size_t)c >= net->nnodes || csize[c] < 2;
        const unsigned char *rgb = COMMUNITY[alone ? 0 : c % NCOMMUNITY];
        double r = node_r(&f, nd->events);
        cairo_new_sub_path(cr);
        cairo_arc(cr, node_x(&f, nd), node_y(&f, nd), r, 0, 2 * M_PI);
        if (alone)
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        else
            cairo_set_source_rgb(cr, rgb[0] / 255.0, rgb[1] / 255.0,
                                 rgb[2] / 255.0);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
    }

    /* labels, biggest node first: right of the node, else left, above,
     * below; left out when every place is taken */
    ent__canvas_font(cv, 11, 0);
    for (i = 0; i < net->nnodes; i++) {
        const ent_net_node *nd = &net->nodes[no[i].i];
        double r = node_r(&f, nd->events), x = node_x(&f, nd);
        double yy = node_y(&f, nd), tw = ent__canvas_text_width(cv, nd->id);
        double cand[4][2] = {{x + r + 3, yy + 4},
                             {x - r - 3 - tw, yy + 4},
                             {x - tw / 2, yy - r - 4},
                             {x - tw / 2, yy + r + 12}};
        int k, pass, done = 0;
        /* first a place clear of labels and nodes, then one clear of
         * labels only */
        for (pass = 0; pass < 2 && !done; pass++)
            for (k = 0; k < 4 && !done; k++) {
                box bx = {cand[k][0] - 1, cand[k][1] - 10,
                          cand[k][0] + tw + 1, cand[k][1] + 3};
                size_t j;
                int clash = bx.x0 < 2 || bx.x1 > w - 2 || bx.y1 > h - 2;
                for (j = 0; j < nb && !clash; j++)
                    clash = boxes_overlap(&bx, &placed[j]);
                for (j = 0; j < net->nnodes && !clash && !pass; j++) {
                    const ent_net_node *o = &net->nodes[j];
                    double ro = node_r(&f, o->events);
                    box ob = {node_x(&f, o) - ro, node_y(&f, o) - ro,
                              node_x(&f, o) + ro, node_y(&f, o) + ro};
                    clash = o != nd && boxes_overlap(&bx, &ob);
                }
                if (clash)
                    continue;
                placed[nb++] = bx;
                halo_text(cv, cand[k][0], cand[k][1], nd->id);
                done = 1;
            }
    }
done:
    ent__free(a, eo);
    ent__free(a, no);
    ent__free(a, placed);
    ent__free(a, csize);
}

int ent__network_render(const ent_network *net, int format,
                        const char *title, const char *subtitle, int width,
                        int height, const ent_allocator *a,
                        unsigned char **out, size_t *len, char *err,
                        size_t errlen)
{
    ent__canvas cv;
    const char *what = NULL;
    size_t i, off;
    int rc, w = width ? width : 1000, h = height ? height : 760;
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out || !len)
        what = "no output buffer";
    else if ((what = ent__network_check(net)) != NULL)
        ;
    else if (format != ENT_PLOT_PNG && format != ENT_PLOT_SVG)
        what = "unknown format";
    else if (!title)
        what = "a chart needs a title";
    else if (width < 0 || height < 0 || width > MAX_SIDE ||
             height > MAX_SIDE || (width && width < 300) ||
             (height && height < 200))
        what = "width and height must be 300..16384 and 200..16384 pixels";
    else if (ent_utf8_check(title, strlen(title), &off) ||
             (subtitle && ent_utf8_check(subtitle, strlen(subtitle), &off)))
        what = "a title is not valid UTF-8";
    for (i = 0; !what && i < net->nnodes; i++)
        if (!memchr(net->nodes[i].id, 0, sizeof net->nodes[i].id) ||
            ent_utf8_check(net->nodes[i].id, strlen(net->nodes[i].id), &off))
            what = "a node id is not valid UTF-8";
    if (what) {
        if (err && errlen)
            snprintf(err, errlen, "network: %s", what);
        return ENT_EINVAL;
    }
    if ((rc = ent__canvas_begin(&cv, format, w, h, a)) != ENT_OK) {
        if (err && errlen)
            snprintf(err, errlen, "network: cairo cannot make a %d x %d "
                                  "surface", w, h);
        return rc;
    }
    draw_network(&cv, net, title, subtitle, w, h);
    rc = ent__canvas_end(&cv, title, subtitle, out, len);
    if (rc && err && errlen)
        snprintf(err, errlen, "network: %s", rc == ENT_ENOMEM
                                                 ? "out of memory"
                                                 : "cairo could not draw");
    return rc;
}

int ent_network_render(const ent_network *net, int format, const char *title,
                       const char *subtitle, int width, int height,
                       unsigned char **out, size_t *len, char *err,
                       size_t errlen)
{
    return ent__network_render(net, format, title, subtitle, width, height,
                               NULL, out, len, err, errlen);
}
