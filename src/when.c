/*
 * when.c -- event dates: the date expression of a clause, resolved against
 * the publication date.
 *
 * News dates events relative to the day it is published ("on Tuesday",
 * "last week", "in November"), so counting events by day needs those
 * expressions turned into calendar dates. A small tokenizer of its own and
 * a sorted keyword table feed hand-written matchers; the rules are in
 * docs/dates.md. Nothing is allocated: tokens live in a ring of RING slots
 * filled lazily as the matchers look ahead.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- keywords ------------------------------------------------------ */

/* Keyword classes (kw.cls) and their values (kw.val). */
enum { C_NONE, C_MONTH, C_MABBR, C_WDAY, C_NUMW, C_UNIT, C_W, C_CLAUSE };
/* C_CLAUSE values: a word that opens a clause whose dates are not those
 * of a verb outside it (see shield()) */
enum { CL_SUB = 1, CL_REL };
enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR, U_DECADE };
enum {
    W_A = 1,
    W_AGO,
    W_AND,
    W_BETWEEN,
    W_COUPLE,
    W_DURING,
    W_EARLIER,
    W_EARLY,
    W_FEW,
    W_FROM,
    W_IN,
    W_LAST,
    W_LATE,
    W_LATER,
    W_MID,
    W_MORNING,
    W_NEXT,
    W_NIGHT,
    W_OF,
    W_ON,
    W_PAST,
    W_SEVERAL,
    W_SINCE,
    W_THE,
    W_THIS,
    W_TO,
    W_TODAY,
    W_TOMORROW,
    W_TONIGHT,
    W_WEEKEND,
    W_WILL,
    W_YESTERDAY,
    W_BY,
    W_END,
    W_START,
    W_MIDDLE,
    W_NEW,
    W_CHRISTMAS,
    W_EVE
};

/* kw.flags: the word may follow a bare year or day ("in 2014 the army",
 * not "in 2014 votes"; see follow_ok()). */
#define F_FOLLOW 1u

typedef struct kw {
    const char *w; /* lower case */
    unsigned char cls, val, flags;
} kw;

/* Sorted by strcmp() for bsearch (ent__when_table_ok() checks it).
 * Weekdays count from Monday = 0; month abbreviations need a capital
 * initial, "may" too (see lex()). */
static const kw keywords[] = {
    {"a", C_W, W_A, F_FOLLOW},
    {"about", C_NONE, 0, F_FOLLOW},
    {"after", C_CLAUSE, CL_SUB, F_FOLLOW},
    {"afternoon", C_W, W_MORNING, 0},
    {"against", C_NONE, 0, F_FOLLOW},
    {"ago", C_W, W_AGO, 0},
    {"although", C_CLAUSE, CL_SUB, F_FOLLOW},
    {"amid", C_NONE, 0, F_FOLLOW},
    {"an", C_W, W_A, F_FOLLOW},
    {"and", C_W, W_AND, F_FOLLOW},
    {"apr", C_MABBR, 4, 0},
    {"april", C_MONTH, 4, 0},
    {"are", C_NONE, 0, F_FOLLOW},
    {"as", C_NONE, 0, F_FOLLOW},
    {"at", C_NONE, 0, F_FOLLOW},
    {"aug", C_MABBR, 8, 0},
    {"august", C_MONTH, 8, 0},
    {"because", C_CLAUSE, CL_SUB, F_FOLLOW},
    {"before", C_CLAUSE, CL_SUB, F_FOLLOW},
    {"beginning", C_W, W_START, 0},
    {"between", C_W, W_BETWEEN, F_FOLLOW},
    {"but", C_NONE, 0, F_FOLLOW},
    {"by", C_W, W_BY, F_FOLLOW},
    {"christmas", C_W, W_CHRISTMAS, 0},
    {"couple", C_W, W_COUPLE, 0},
    {"day", C_UNIT, U_DAY, 0},
    {"days", C_UNIT, U_DAY, 0},
    {"dec", C_MABBR, 12, 0},
    {"decade", C_UNIT, U_DECADE, 0},
    {"decades", C_UNIT, U_DECADE, 0},
    {"december", C_MONTH, 12, 0},
    {"during", C_W, W_DURING, F_FOLLOW},
    {"earlier", C_W, W_EARLIER, 0},
    {"early", C_W, W_EARLY, 0},
    {"eight", C_NUMW, 8, 0},
    {"eleven", C_NUMW, 11, 0},
    {"end", C_W, W_END, 0},
    {"eve", C_W, W_EVE, 0},
    {"evening", C_W, W_MORNING, 0},
    {"feb", C_MABBR, 2, 0},
    {"february", C_MONTH, 2, 0},
    {"few", C_W, W_FEW, 0},
    {"fifteen", C_NUMW, 15, 0},
    {"five", C_NUMW, 5, 0},
    {"for", C_NONE, 0, F_FOLLOW},
    {"four", C_NUMW, 4, 0},
    {"friday", C_WDAY, 4, 0},
    {"from", C_W, W_FROM, F_FOLLOW},
    {"had", C_NONE, 0, F_FOLLOW},
    {"has", C_NONE, 0, F_FOLLOW},
    {"have", C_NONE, 0, F_FOLLOW},
    {"he", C_NONE, 0, F_FOLLOW},
    {"her", C_NONE, 0, F_FOLLOW},
    {"his", C_NONE, 0, F_FOLLOW},
    {"i", C_NONE, 0, F_FOLLOW},
    {"in", C_W, W_IN, F_FOLLOW},
    {"is", C_NONE, 0, F_FOLLOW},
    {"it", C_NONE, 0, F_FOLLOW},
    {"its", C_NONE, 0, F_FOLLOW},
    {"jan", C_MABBR, 1, 0},
    {"january", C_MONTH, 1, 0},
    {"jul", C_MABBR, 7, 0},
    {"july", C_MONTH, 7, 0},
    {"jun", C_MABBR, 6, 0},
    {"june", C_MONTH, 6, 0},
    {"last", C_W, W_LAST, 0},
    {"late", C_W, W_LATE, 0},
    {"later", C_W, W_LATER, 0},
    {"ll", C_W, W_WILL, 0},
    {"mar", C_MABBR, 3, 0},
    {"march", C_MONTH, 3, 0},
    {"may", C_MONTH, 5, 0},
    {"mid", C_W, W_MID, 0},
    {"middle", C_W, W_MIDDLE, 0},
    {"monday", C_WDAY, 0, 0},
    {"month", C_UNIT, U_MONTH, 0},
    {"months", C_UNIT, U_MONTH, 0},
    {"morning", C_W, W_MORNING, 0},
    {"new", C_W, W_NEW, 0},
    {"next", C_W, W_NEXT, 0},
    {"night", C_W, W_NIGHT, 0},
    {"nine", C_NUMW, 9, 0},
    {"nov", C_MABBR, 11, 0},
    {"november", C_MONTH, 11, 0},
    {"oct", C_MABBR, 10, 0},
    {"october", C_MONTH, 10, 0},
    {"of", C_W, W_OF, F_FOLLOW},
    {"on", C_W, W_ON, F_FOLLOW},
    {"one", C_NUMW, 1, 0},
    {"or", C_NONE, 0, F_FOLLOW},
    {"over", C_NONE, 0, F_FOLLOW},
    {"past", C_W, W_PAST, 0},
    {"saturday", C_WDAY, 5, 0},
    {"sep", C_MABBR, 9, 0},
    {"sept", C_MABBR, 9, 0},
    {"september", C_MONTH, 9, 0},
    {"seven", C_NUMW, 7, 0},
    {"several", C_W, W_SEVERAL, 0},
    {"shall", C_W, W_WILL, 0},
    {"she", C_NONE, 0, F_FOLLOW},
    {"since", C_W, W_SINCE, F_FOLLOW},
    {"six", C_NUMW, 6, 0},
    {"start", C_W, W_START, 0},
    {"sunday", C_WDAY, 6, 0},
    {"ten", C_NUMW, 10, 0},
    {"than", C_NONE, 0, F_FOLLOW},
    {"that", C_NONE, 0, F_FOLLOW},
    {"the", C_W, W_THE, F_FOLLOW},
    {"their", C_NONE, 0, F_FOLLOW},
    {"then", C_NONE, 0, F_FOLLOW},
    {"there", C_NONE, 0, F_FOLLOW},
    {"they", C_NONE, 0, F_FOLLOW},
    {"this", C_W, W_THIS, F_FOLLOW},
    {"though", C_CLAUSE, CL_SUB, F_FOLLOW},
    {"three", C_NUMW, 3, 0},
    {"through", C_W, W_TO, F_FOLLOW},
    {"thursday", C_WDAY, 3, 0},
    {"till", C_W, W_TO, F_FOLLOW},
    {"to", C_W, W_TO, F_FOLLOW},
    {"today", C_W, W_TODAY, 0},
    {"tomorrow", C_W, W_TOMORROW, 0},
    {"tonight", C_W, W_TONIGHT, 0},
    {"tuesday", C_WDAY, 1, 0},
    {"twelve", C_NUMW, 12, 0},
    {"twenty", C_NUMW, 20, 0},
    {"two", C_NUMW, 2, 0},
    {"under", C_NONE, 0, F_FOLLOW},
    {"until", C_W, W_TO, F_FOLLOW},
    {"was", C_NONE, 0, F_FOLLOW},
    {"we", C_NONE, 0, F_FOLLOW},
    {"wednesday", C_WDAY, 2, 0},
    {"week", C_UNIT, U_WEEK, 0},
    {"weekend", C_W, W_WEEKEND, 0},
    {"weeks", C_UNIT, U_WEEK, 0},
    {"were", C_NONE, 0, F_FOLLOW},
    {"when", C_NONE, 0, F_FOLLOW},
    {"where", C_CLAUSE, CL_REL, F_FOLLOW},
    {"whereas", C_CLAUSE, CL_SUB, F_FOLLOW},
    {"which", C_CLAUSE, CL_REL, F_FOLLOW},
    {"while", C_NONE, 0, F_FOLLOW},
    {"who", C_CLAUSE, CL_REL, F_FOLLOW},
    {"whose", C_CLAUSE, CL_REL, F_FOLLOW},
    {"will", C_W, W_WILL, F_FOLLOW},
    {"with", C_NONE, 0, F_FOLLOW},
    {"year", C_UNIT, U_YEAR, 0},
    {"years", C_UNIT, U_YEAR, 0},
    {"yesterday", C_W, W_YESTERDAY, 0},
};

#define NKEYWORDS (sizeof keywords / sizeof keywords[0])

static int kw_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const kw *)elem)->w);
}

int ent__when_table_ok(void)
{
    size_t i;
    for (i = 1; i < NKEYWORDS; i++)
        if (strcmp(keywords[i - 1].w, keywords[i].w) >= 0)
            return 0;
    return 1;
}

/* ---- tokens -------------------------------------------------------- */

enum { T_END, T_WORD, T_NUM, T_PUNCT };

#define TF_SPACE 1u   /* white space before the token */
#define TF_CAP 2u     /* a word with an upper-case first letter */
#define TF_SEP 4u     /* a number with ',' or '.' inside: "1,200", "3.5" */
#define TF_ORD 8u     /* a number with st, nd, rd or th: "4th" */
#define TF_DECADE 16u /* a number with "s": "1990s" */
#define TF_SUFFIX 32u /* a number with other letters: "5km" */
#define TF_FOLLOW 64u /* a word with F_FOLLOW */

/* A token of the text searched: a run of ASCII letters (a word), of
 * digits (a number, with its separators and letter suffix), of non-ASCII
 * bytes (punctuation of no interest), or one ASCII punctuation byte. */
typedef struct tok {
    uint32_t start, end; /* bytes [start, end) of the text */
    unsigned kind;       /* T_* */
    unsigned flags;      /* TF_* */
    int cls, val;        /* words: keyword class and value (C_NONE, 0);
                            numbers: the value, -1 past 9 digits */
    int ndig;            /* numbers: digits before any separator */
    char ch;             /* T_PUNCT: the byte (0 for non-ASCII) */
} tok;

/* Lookahead of the matchers is at most ~12 tokens; the ring holds more. */
#define RING 32

/* The state of one search: text, token ring and the publication date. */
typedef struct wctx {
    const unsigned char *s;
    size_t pos, end; /* next byte to tokenize; end of the range */
    tok ring[RING];  /* token i is ring[i % RING] while i + RING > ntok */
    size_t ntok;     /* tokens made so far */
    size_t fut;      /* index of the first "will"/"shall"/"'ll", or
                        SIZE_MAX: expressions after it read forward */
    int32_t pub;     /* publication day number */
    int py, pm, pd;
} wctx;

static int is_alpha(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static int is_space(unsigned char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

static char lower(unsigned char ch)
{
    return (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
}

/* Read the letters at s[q..e) after a number into t's flags (ordinal,
 * decade or another suffix); returns the byte after them. A 'T' followed
 * by a digit is left alone: ISO "2022-02-04T10:00". */
static size_t num_suffix(const unsigned char *s, size_t q, size_t e, tok *t)
{
    char x[3] = {0, 0, 0};
    size_t n = 0;
    if (s[q] == 'T' && q + 1 < e && is_digit(s[q + 1]))
        return q;
    while (q < e && is_alpha(s[q])) {
        if (n < 2)
            x[n] = lower(s[q]);
        n++;
        q++;
    }
    if (n == 1 && x[0] == 's')
        t->flags |= TF_DECADE;
    else if (n == 2 && (!strcmp(x, "st") || !strcmp(x, "nd") ||
                        !strcmp(x, "rd") || !strcmp(x, "th")))
        t->flags |= TF_ORD;
    else
        t->flags |= TF_SUFFIX;
    return q;
}

/* Make the next token of c's range into t. */
static void lex(wctx *c, tok *t)
{
    const unsigned char *s = c->s;
    size_t p = c->pos, e = c->end, q;
    memset(t, 0, sizeof *t);
    while (p < e && is_space(s[p])) {
        p++;
        t->flags |= TF_SPACE;
    }
    q = p;
    if (p >= e) {
        t->kind = T_END;
    } else if (is_alpha(s[p])) {
        char w[16];
        const kw *k;
        size_t n = 0;
        for (; q < e && is_alpha(s[q]); q++, n++)
            if (n < sizeof w - 1)
                w[n] = lower(s[q]);
        t->kind = T_WORD;
        if (s[p] <= 'Z')
            t->flags |= TF_CAP;
        w[n < sizeof w ? n : sizeof w - 1] = 0;
        k = n < sizeof w
                ? bsearch(w, keywords, NKEYWORDS, sizeof *keywords, kw_cmp)
                : NULL;
        if (k) {
            t->cls = k->cls;
            t->val = k->val;
            if (k->flags & F_FOLLOW)
                t->flags |= TF_FOLLOW;
        }
        /* "may" the verb and "mar", "sept"... the words are not months */
        if (!(t->flags & TF_CAP) &&
            (t->cls == C_MABBR || (t->cls == C_MONTH && t->val == 5)))
            t->cls = C_NONE;
    } else if (is_digit(s[p])) {
        long v = 0;
        t->kind = T_NUM;
        for (; q < e && is_digit(s[q]); q++, t->ndig++)
            if (t->ndig < 9)
                v = v * 10 + (s[q] - '0');
        t->val = t->ndig <= 9 ? (int)v : -1;
        while (q + 1 < e && (s[q] == ',' || s[q] == '.') &&
               is_digit(s[q + 1])) {
            t->flags |= TF_SEP;
            for (q++; q < e && is_digit(s[q]); q++)
                ;
        }
        if (q < e && is_alpha(s[q]))
            q = num_suffix(s, q, e, t);
    } else if (s[p] >= 0x80) {
        t->kind = T_PUNCT;
        while (q < e && s[q] >= 0x80)
            q++;
    } else {
        t->kind = T_PUNCT;
        t->ch = (char)s[p];
        q = p + 1;
    }
    t->start = (uint32_t)p;
    t->end = (uint32_t)q;
    c->pos = q;
}

/* Token i of c, tokenizing up to it. i must be within RING of the
 * furthest token asked for so far (the matchers look back no further). */
static const tok *T(wctx *c, size_t i)
{
    while (c->ntok <= i) {
        tok *t = &c->ring[c->ntok % RING];
        lex(c, t);
        if (t->cls == C_W && t->val == W_WILL && c->fut == SIZE_MAX)
            c->fut = c->ntok;
        c->ntok++;
    }
    return &c->ring[i % RING];
}

static int is_w(const tok *t, int w)
{
    return t->cls == C_W && t->val == w;
}

static int is_month(const tok *t)
{
    return t->cls == C_MONTH || t->cls == C_MABBR;
}

/* Punctuation byte ch written against the token before it. */
static int tight(const tok *t, char ch)
{
    return t->kind == T_PUNCT && t->ch == ch && !(t->flags & TF_SPACE);
}

/* A number of digits only: "2014", "04". */
static int plain_num(const tok *t)
{
    return t->kind == T_NUM && t->val >= 0 &&
           !(t->flags & (TF_SEP | TF_ORD | TF_DECADE | TF_SUFFIX));
}

/* A day of the month: "4", "04", "4th". */
static int day_num(const tok *t)
{
    return t->kind == T_NUM && t->ndig <= 2 && t->val >= 1 && t->val <= 31 &&
           !(t->flags & (TF_SEP | TF_DECADE | TF_SUFFIX));
}

/* A year: four digits from 1000 to a century after publication. */
static int year_num(const wctx *c, const tok *t)
{
    return plain_num(t) && t->ndig == 4 && t->val >= 1000 &&
           t->val <= c->py + 100;
}

/* Whether t may follow a year or day written without a month or
 * preposition that makes it one: the end, most punctuation, a capital
 * (a new sentence, a name) or a function word. "2014 people", "in 2014
 * votes" and "on the 4th floor" are counts and ordinals, not dates. */
static int follow_ok(const tok *t)
{
    if (t->kind == T_END)
        return 1;
    if (t->kind == T_PUNCT)
        return !t->ch || strchr(",.;:)!?\"'", t->ch) != NULL;
    return t->kind == T_WORD && (t->flags & (TF_CAP | TF_FOLLOW));
}

/* ---- values -------------------------------------------------------- */

/* A resolved date: days [lo, hi] and an ENT_DATE_* precision. */
typedef struct val {
    int32_t lo, hi;
    int prec;
} val;

static val mkval(int32_t lo, int32_t hi, int prec)
{
    val v;
    v.lo = lo;
    v.hi = hi;
    v.prec = prec;
    return v;
}

static val month_val(int y, int m)
{
    return mkval(ent__days_from_civil(y, m, 1),
                 ent__days_from_civil(y, m, ent__days_in_month(y, m)),
                 ENT_DATE_MONTH);
}

static val year_val(int y)
{
    return mkval(ent__days_from_civil(y, 1, 1), ent__days_from_civil(y, 12, 31),
                 ENT_DATE_YEAR);
}

/* Month m of year y moved by n months (either way). */
static void add_months(int *y, int *m, int n)
{
    long t = (long)*y * 12 + (*m - 1) + n;
    long yy = t >= 0 ? t / 12 : (t - 11) / 12;
    *y = (int)yy;
    *m = (int)(t - yy * 12) + 1;
}

/* Monday = 0 ... Sunday = 6 of a day number (1970-01-01 was a Thursday). */
static int weekday(int32_t days)
{
    int32_t r = (days - ent__days_from_civil(1970, 1, 1) + 3) % 7;
    return (int)(r < 0 ? r + 7 : r);
}

/* The day n units before (n < 0) or after the publication date; months
 * and years keep the day of the month, clamped ("a month before 31 March"
 * is 28 or 29 February). */
static int32_t shift(const wctx *c, int unit, int n)
{
    int y = c->py, m = c->pm, d = c->pd;
    switch (unit) {
    case U_DAY:
        return c->pub + n;
    case U_WEEK:
        return c->pub + 7 * n;
    case U_MONTH:
        add_months(&y, &m, n);
        break;
    case U_YEAR:
        y += n;
        break;
    default: /* U_DECADE */
        y += 10 * n;
        break;
    }
    if (d > ent__days_in_month(y, m))
        d = ent__days_in_month(y, m);
    return ent__days_from_civil(y, m, d);
}

/* The calendar week (Monday to Sunday), month or year of the publication
 * date moved by off of them: "last week" is off -1. */
static int period(const wctx *c, int unit, int off, val *v)
{
    int y = c->py, m = c->pm;
    int32_t mon = c->pub - weekday(c->pub) + 7 * off;
    switch (unit) {
    case U_WEEK:
        *v = mkval(mon, mon + 6, ENT_DATE_RANGE);
        return 1;
    case U_MONTH:
        add_months(&y, &m, off);
        *v = month_val(y, m);
        return 1;
    case U_YEAR:
        *v = year_val(y + off);
        return 1;
    default:
        return 0;
    }
}

/* Narrow a month or year to its early, middle or late part (part 1, 2,
 * 3): days 1-10, 11-20, 21-end; months 1-4, 5-8, 9-12. */
static int apply_part(val *v, int part)
{
    int y, m, d;
    ent__civil_from_days(v->lo, &y, &m, &d);
    if (v->prec == ENT_DATE_MONTH) {
        int d0 = 1 + 10 * (part - 1);
        int d1 = part == 3 ? ent__days_in_month(y, m) : d0 + 9;
        *v = mkval(ent__days_from_civil(y, m, d0),
                   ent__days_from_civil(y, m, d1), ENT_DATE_RANGE);
    } else if (v->prec == ENT_DATE_YEAR) {
        int m0 = 1 + 4 * (part - 1);
        *v = mkval(
            ent__days_from_civil(y, m0, 1),
            ent__days_from_civil(y, m0 + 3, ent__days_in_month(y, m0 + 3)),
            ENT_DATE_RANGE);
    } else {
        return 0;
    }
    return 1;
}

/* ---- expressions --------------------------------------------------- */

/* What an expression says before it is resolved against a day. */
enum { K_NONE, K_ABS, K_DAY, K_MONTH, K_YEAR, K_WDAY, K_MDAY };
enum { R_NONE, R_LAST, R_THIS, R_NEXT };

typedef struct core {
    int kind;    /* K_*; K_NONE: tokens to skip (a slash date) */
    int rel;     /* R_*: "last February", "next Tuesday" */
    int part;    /* 0, or 1 early, 2 mid, 3 late */
    int y, m, d; /* K_DAY, K_MONTH (y 0: not given), K_YEAR, K_MDAY */
    int w;       /* K_WDAY: Monday = 0 */
    val v;       /* K_ABS */
} core;

/* Days allowed after the publication date for a day or month without a
 * year read as past: stories announce what happens in the next days. */
#define SLACK 7

static void set_abs(core *k, val v)
{
    k->kind = K_ABS;
    k->v = v;
}

/* A year after a day and month at token n, with or without a comma
 * ("4 February 2022", "February 4, 2022"); a year after a comma must be
 * followed by what may follow a date ("On 4 February, 2014 soldiers"
 * is a count). Returns the token after what was read. */
static size_t year_after(wctx *c, size_t n, core *k)
{
    size_t q = n + (T(c, n)->kind == T_PUNCT && T(c, n)->ch == ',');
    if (year_num(c, T(c, q)) && (q == n || follow_ok(T(c, q + 1)))) {
        k->y = T(c, q)->val;
        return q + 1;
    }
    return n;
}

/* "4 February", "4th of Feb. 2022" at token j (a day number). prep is
 * the preposition before it (W_ON...) or 0: then a day and month without
 * a year must be followed by what may follow a date. */
static size_t day_first(wctx *c, size_t j, int prep, core *k)
{
    size_t n = j + 1;
    const tok *mt;
    if (is_w(T(c, n), W_OF))
        n++;
    mt = T(c, n);
    if (!is_month(mt))
        return 0;
    k->kind = K_DAY;
    k->d = T(c, j)->val;
    k->m = mt->val;
    n++;
    if (mt->cls == C_MABBR && tight(T(c, n), '.'))
        n++;
    n = year_after(c, n, k);
    if (k->d > ent__days_in_month(2000, k->m))
        k->kind = K_NONE; /* "31 April": no day, and not April either */
    else if (!k->y && !prep && !follow_ok(T(c, n)))
        return 0;
    return n - j;
}

/* "February 4", "Feb. 4, 2022", "November 2021", "March of 2014" or,
 * after a preposition or modifier, "February" at token j (a month). "in
 * February 4 ..." reads as the month: "in" does not take a day. */
static size_t month_first(wctx *c, size_t j, int prep, core *k)
{
    size_t n = j + 1;
    const tok *t;
    if (T(c, j)->cls == C_MABBR && tight(T(c, n), '.'))
        n++;
    k->m = T(c, j)->val;
    t = T(c, n);
    if (is_w(t, W_OF) && year_num(c, T(c, n + 1))) {
        k->kind = K_MONTH;
        k->y = T(c, n + 1)->val;
        return n + 2 - j;
    }
    if (year_num(c, t)) {
        k->kind = K_MONTH;
        k->y = t->val;
        return n + 1 - j;
    }
    if (day_num(t) && prep != W_IN && prep != W_DURING) {
        size_t q = year_after(c, n + 1, k);
        if (t->val > ent__days_in_month(2000, k->m)) {
            k->kind = K_NONE; /* "February 30" */
            return q - j;
        }
        if (k->y || prep || follow_ok(T(c, q))) {
            k->kind = K_DAY;
            k->d = t->val;
            return q - j;
        }
    }
    if (!prep)
        return 0;
    k->kind = K_MONTH;
    return n - j;
}

/* A quantity at token j: "two", "10", "a", "a few" (2-4), "a couple of",
 * "several" (3-6) into [*lo, *hi]; returns tokens read or 0. */
static size_t qty(wctx *c, size_t j, int *lo, int *hi)
{
    const tok *t = T(c, j);
    size_t n = 1;
    if (is_w(t, W_A)) {
        t = T(c, j + 1);
        n = 2;
    }
    if (t->cls == C_NUMW) {
        *lo = *hi = t->val;
    } else if (is_w(t, W_FEW)) {
        *lo = 2;
        *hi = 4;
    } else if (is_w(t, W_COUPLE) && is_w(T(c, j + n), W_OF)) {
        *lo = *hi = 2;
        n++;
    } else if (is_w(t, W_SEVERAL) && n == 1) {
        *lo = 3;
        *hi = 6;
    } else if (n == 2) {
        *lo = *hi = 1; /* "a week ago" */
        n = 1;
    } else if (plain_num(t) && t->val >= 1 && t->val <= 9999) {
        *lo = *hi = t->val;
    } else {
        return 0;
    }
    return n;
}

/* "two days ago", "a few weeks ago", "three years ago" at token j. Days
 * and weeks give a day, months a month, years and decades a year; a vague
 * quantity gives the range it spans. */
static size_t ago(wctx *c, size_t j, core *k)
{
    int lo, hi, unit, y0, m0, y1, m1;
    size_t n = qty(c, j, &lo, &hi);
    if (!n || T(c, j + n)->cls != C_UNIT || !is_w(T(c, j + n + 1), W_AGO))
        return 0;
    unit = T(c, j + n)->val;
    if (unit == U_DAY || unit == U_WEEK) {
        set_abs(k, mkval(shift(c, unit, -hi), shift(c, unit, -lo),
                         lo == hi ? ENT_DATE_DAY : ENT_DATE_RANGE));
    } else if (unit == U_MONTH) {
        y0 = y1 = c->py;
        m0 = m1 = c->pm;
        add_months(&y0, &m0, -hi);
        add_months(&y1, &m1, -lo);
        set_abs(k, mkval(month_val(y0, m0).lo, month_val(y1, m1).hi,
                         lo == hi ? ENT_DATE_MONTH : ENT_DATE_RANGE));
    } else {
        int f = unit == U_DECADE ? 10 : 1;
        set_abs(k,
                mkval(year_val(c->py - f * hi).lo, year_val(c->py - f * lo).hi,
                      lo == hi ? ENT_DATE_YEAR : ENT_DATE_RANGE));
    }
    return n + 2;
}

/* A trailing window at token j, after "past" or "the last": "[two]
 * weeks", "[few] days" -> from that many units before the publication
 * date to it. */
static size_t window(wctx *c, size_t j, core *k)
{
    int lo = 1, hi = 1, unit;
    size_t n = qty(c, j, &lo, &hi);
    if (T(c, j + n)->cls != C_UNIT)
        return 0;
    unit = T(c, j + n)->val;
    set_abs(k, mkval(shift(c, unit, -hi), c->pub, ENT_DATE_RANGE));
    return n + 1;
}

/* "the 1990s" at token j (a decade number): the ten years, or their
 * early (0-3), middle (4-6) or late (7-9) years. */
static size_t decade(wctx *c, size_t j, int part, core *k)
{
    const tok *t = T(c, j);
    static const int from[] = {0, 0, 4, 7}, to[] = {9, 3, 6, 9};
    if (t->kind != T_NUM || !(t->flags & TF_DECADE) || t->ndig != 4 ||
        t->val % 10 || t->val < 1000 || t->val > 9990 || (t->flags & TF_SEP))
        return 0;
    set_abs(k, mkval(year_val(t->val + from[part]).lo,
                     year_val(t->val + to[part]).hi, ENT_DATE_RANGE));
    return 1;
}

static size_t core_at(wctx *c, size_t j, int prep, core *k);

/* A Saturday-Sunday weekend: "the weekend" and "this weekend" (rel
 * R_THIS) the latest one begun by publication, or with fut the next one
 * (the one in progress if any); "last weekend" the one before the weekend
 * in progress; "next weekend" the first to begin after publication. */
static val weekend(const wctx *c, int rel, int fut)
{
    int wd = weekday(c->pub);
    int32_t sat = c->pub - (wd + 2) % 7; /* Saturday on or before */
    if (rel == R_LAST && wd >= 5)
        sat -= 7;
    else if (rel == R_NEXT || (fut && wd < 5))
        sat += 7;
    return mkval(sat, sat + 1, ENT_DATE_RANGE);
}

/* After "last", "this" or "next" (rel) at token j: "week", "month",
 * "year", a month name or a weekday; "last night", "this morning". */
static size_t relative(wctx *c, size_t j, int rel, core *k)
{
    const tok *t = T(c, j);
    val v;
    if (t->cls == C_UNIT && period(c, t->val, rel - R_THIS, &v)) {
        set_abs(k, v);
        return 1;
    }
    if ((rel == R_LAST && is_w(t, W_NIGHT)) ||
        (rel == R_THIS && is_w(t, W_MORNING))) {
        set_abs(k, mkval(c->pub - (rel == R_LAST), c->pub - (rel == R_LAST),
                         ENT_DATE_DAY));
        return 1;
    }
    if (is_w(t, W_WEEKEND)) {
        set_abs(k, weekend(c, rel, c->fut < j));
        return 1;
    }
    k->rel = rel;
    if (is_month(t)) {
        k->kind = K_MONTH;
        k->m = t->val;
        return 1 + (t->cls == C_MABBR && tight(T(c, j + 1), '.'));
    }
    if (t->cls == C_WDAY) {
        k->kind = K_WDAY;
        k->w = t->val;
        return 1;
    }
    return 0;
}

/* After "early", "mid" or "late" (part) at token j: "2020", "February",
 * "last year", "this month" ("mid-2019", "mid-February" too). */
static size_t part_of(wctx *c, size_t j, int part, core *k)
{
    size_t n = tight(T(c, j), '-'), m;
    const tok *t = T(c, j + n);
    k->part = part;
    if (year_num(c, t)) {
        k->kind = K_YEAR;
        k->y = t->val;
        return n + 1;
    }
    if (is_month(t)) {
        m = month_first(c, j + n, W_IN, k);
        return m ? n + m : 0;
    }
    if (is_w(t, W_LAST) || is_w(t, W_THIS) || is_w(t, W_NEXT)) {
        val v;
        const tok *u = T(c, j + n + 1);
        int off = is_w(t, W_LAST) ? -1 : is_w(t, W_NEXT);
        if (u->cls != C_UNIT || u->val == U_WEEK || !period(c, u->val, off, &v))
            return 0;
        set_abs(k, v);
        return n + 2;
    }
    return 0;
}

/* "New Year's Day", "New Year's Eve", "Christmas Day", "Christmas Eve"
 * and, after a preposition (prep), "Christmas" at token j, capitalised,
 * with an optional year ("New Year's Day 2020"): a day whose year, when
 * not given, follows the rule of a day and month without one. */
static size_t holiday(wctx *c, size_t j, int prep, core *k)
{
    const tok *t = T(c, j), *u;
    size_t n = j + 1;
    if (!(t->flags & TF_CAP))
        return 0;
    if (is_w(t, W_NEW)) {
        u = T(c, n);
        if (!(u->cls == C_UNIT && u->val == U_YEAR && (u->flags & TF_CAP)))
            return 0;
        u = T(c, ++n); /* "'s", the apostrophe ASCII or not */
        if (u->kind == T_PUNCT && (u->ch == '\'' || !u->ch) &&
            !(u->flags & TF_SPACE) && T(c, n + 1)->kind == T_WORD &&
            T(c, n + 1)->end - T(c, n + 1)->start == 1 &&
            c->s[T(c, n + 1)->start] == 's')
            n += 2;
        u = T(c, n);
        if (is_w(u, W_EVE)) {
            k->m = 12;
            k->d = 31;
        } else if (u->cls == C_UNIT && u->val == U_DAY) {
            k->m = 1;
            k->d = 1;
        } else {
            return 0;
        }
        n++;
    } else {
        u = T(c, n);
        k->m = 12;
        k->d = is_w(u, W_EVE) ? 24 : 25;
        if (is_w(u, W_EVE) || (u->cls == C_UNIT && u->val == U_DAY))
            n++;
        else if (prep != W_ON)
            return 0;
    }
    k->kind = K_DAY;
    n = year_after(c, n, k);
    return n - j;
}

/* "today", "yesterday", "earlier this month", "last week", "the
 * past few days", "the 4th", "the 1990s", "the end of last year"... at
 * token j, a word. */
static size_t word_core(wctx *c, size_t j, int prep, core *k)
{
    const tok *t = T(c, j), *u = T(c, j + 1);
    size_t n;
    if (t->cls == C_WDAY) {
        /* "Friday, 4 February": the date says more than the weekday */
        size_t q = j + 1 + (u->kind == T_PUNCT && u->ch == ',');
        core d;
        memset(&d, 0, sizeof d);
        n = day_num(T(c, q))    ? day_first(c, q, W_ON, &d)
            : is_month(T(c, q)) ? month_first(c, q, W_ON, &d)
                                : 0;
        if (n && d.kind == K_DAY) {
            *k = d;
            return q + n - j;
        }
        k->kind = K_WDAY;
        k->w = t->val;
        return 1;
    }
    if (is_month(t))
        return month_first(c, j, prep, k);
    if (t->cls != C_W)
        return t->cls == C_NUMW ? ago(c, j, k) : 0;
    switch (t->val) {
    case W_TODAY:
    case W_TONIGHT:
    case W_YESTERDAY:
    case W_TOMORROW: {
        int32_t d = c->pub + (t->val == W_YESTERDAY  ? -1
                              : t->val == W_TOMORROW ? 1
                                                     : 0);
        set_abs(k, mkval(d, d, ENT_DATE_DAY));
        return 1;
    }
    case W_LAST: {
        int lo, hi; /* "last two weeks" is a window, "last week" a week */
        if (qty(c, j + 1, &lo, &hi) && (n = window(c, j + 1, k)) != 0)
            return n + 1;
        n = relative(c, j + 1, R_LAST, k);
        return n ? n + 1 : 0;
    }
    case W_THIS:
    case W_NEXT:
        n = relative(c, j + 1, t->val == W_THIS ? R_THIS : R_NEXT, k);
        return n ? n + 1 : 0;
    case W_PAST:
        n = window(c, j + 1, k);
        return n ? n + 1 : 0;
    case W_EARLIER:
    case W_LATER: {
        val v;
        if (is_w(u, W_TODAY)) {
            set_abs(k, mkval(c->pub, c->pub, ENT_DATE_DAY));
            return 2;
        }
        if (!is_w(u, W_THIS) || T(c, j + 2)->cls != C_UNIT ||
            !period(c, T(c, j + 2)->val, 0, &v))
            return 0;
        if (t->val == W_EARLIER)
            v.hi = c->pub;
        else
            v.lo = c->pub;
        v.prec = ENT_DATE_RANGE;
        set_abs(k, v);
        return 3;
    }
    case W_EARLY:
    case W_MID:
    case W_LATE:
        n = part_of(c, j + 1,
                    t->val == W_EARLY ? 1
                    : t->val == W_MID ? 2
                                      : 3,
                    k);
        return n ? n + 1 : 0;
    case W_NEW:
    case W_CHRISTMAS:
        return holiday(c, j, prep, k);
    case W_THE:
        /* "the end of last year" reads as "late last year"; not after
         * "by" ("by the end of 2030", like "by 2030", is a deadline) */
        if ((is_w(u, W_START) || is_w(u, W_MIDDLE) || is_w(u, W_END)) &&
            is_w(T(c, j + 2), W_OF) && !(j > 0 && is_w(T(c, j - 1), W_BY))) {
            n = part_of(c, j + 3,
                        is_w(u, W_START)    ? 1
                        : is_w(u, W_MIDDLE) ? 2
                                            : 3,
                        k);
            return n ? n + 3 : 0;
        }
        if (is_w(u, W_PAST) || is_w(u, W_LAST)) {
            n = window(c, j + 2, k);
            return n ? n + 2 : 0;
        }
        if (is_w(u, W_EARLY) || is_w(u, W_MID) || is_w(u, W_LATE)) {
            int part = is_w(u, W_EARLY) ? 1 : is_w(u, W_MID) ? 2 : 3;
            n = tight(T(c, j + 2), '-');
            return decade(c, j + 2 + n, part, k) ? n + 3 : 0;
        }
        if (decade(c, j + 1, 0, k))
            return 2;
        if (is_w(u, W_WEEKEND)) {
            set_abs(k, weekend(c, R_THIS, c->fut < j));
            return 2;
        }
        if (day_num(u) && (u->flags & TF_ORD)) {
            n = day_first(c, j + 1, prep, k);
            if (n)
                return n + 1;
            if (prep != W_ON || !follow_ok(T(c, j + 2)))
                return 0;
            k->kind = K_MDAY;
            k->d = u->val;
            return 2;
        }
        return 0;
    case W_A:
    case W_FEW:
    case W_COUPLE:
    case W_SEVERAL:
        return ago(c, j, k);
    default:
        return 0;
    }
}

/* "2022-02-04" (or 2022/02/04) at token j, written without spaces. */
static size_t iso(wctx *c, size_t j, core *k)
{
    const tok *y = T(c, j), *s1 = T(c, j + 1), *m = T(c, j + 2);
    const tok *s2 = T(c, j + 3), *d = T(c, j + 4);
    if (!(plain_num(y) && y->ndig == 4 && s1->kind == T_PUNCT &&
          (s1->ch == '-' || s1->ch == '/') && tight(s1, s1->ch) &&
          plain_num(m) && m->ndig <= 2 && !(m->flags & TF_SPACE) &&
          tight(s2, s1->ch) && plain_num(d) && d->ndig <= 2 &&
          !(d->flags & TF_SPACE)))
        return 0;
    k->kind = K_DAY;
    k->y = y->val;
    k->m = m->val;
    k->d = d->val;
    if (!ent__valid_ymd(k->y, k->m, k->d))
        k->kind = K_NONE;
    return 5;
}

/* Numbers at token j: ISO dates, "4 February", "10 days ago", "the
 * 1990s" without "the", a year or "2014-16" after a preposition. Numeric dates
 * with slashes ("4/2/2022": 4 February or April 2?) are skipped whole. */
static size_t num_core(wctx *c, size_t j, int prep, core *k)
{
    const tok *t = T(c, j);
    size_t n;
    if ((n = iso(c, j, k)) != 0)
        return n;
    if (plain_num(t) && tight(T(c, j + 1), '/') && T(c, j + 2)->kind == T_NUM &&
        !(T(c, j + 2)->flags & TF_SPACE)) {
        for (n = 3; tight(T(c, j + n), '/') && T(c, j + n + 1)->kind == T_NUM &&
                    !(T(c, j + n + 1)->flags & TF_SPACE) && n < RING / 2;
             n += 2)
            ;
        k->kind = K_NONE;
        return n;
    }
    if (decade(c, j, 0, k))
        return 1;
    if (day_num(t) && (n = day_first(c, j, prep, k)) != 0)
        return n;
    if ((n = ago(c, j, k)) != 0)
        return n;
    if (prep && year_num(c, t) && tight(T(c, j + 1), '-') &&
        plain_num(T(c, j + 2)) && !(T(c, j + 2)->flags & TF_SPACE) &&
        follow_ok(T(c, j + 3))) {
        /* "in 2014-2016", "in 2019-20": the years between */
        const tok *u = T(c, j + 2);
        int y2 = u->ndig == 4   ? u->val
                 : u->ndig == 2 ? t->val / 100 * 100 + u->val
                                : 0;
        if (y2 <= t->val || y2 > c->py + 100)
            return 0;
        set_abs(k, mkval(year_val(t->val).lo, year_val(y2).hi, ENT_DATE_RANGE));
        return 3;
    }
    if (prep && year_num(c, t) && follow_ok(T(c, j + 1))) {
        k->kind = K_YEAR;
        k->y = t->val;
        return 1;
    }
    return 0;
}

/* The expression at token j without a leading preposition (prep names
 * the one before it, or 0). Returns the tokens read, 0 for none. */
static size_t core_at(wctx *c, size_t j, int prep, core *k)
{
    const tok *t = T(c, j);
    memset(k, 0, sizeof *k);
    if (t->kind == T_NUM)
        return num_core(c, j, prep, k);
    if (t->kind == T_WORD)
        return word_core(c, j, prep, k);
    return 0;
}

/* Resolve k against the day anchor: a day or month without a year is the
 * latest one that begins no more than slack days after the anchor (the
 * earliest one that ends on or after it when fut); a weekday the latest
 * on or before it (fut: on or after; "last" and "next" exclude the
 * anchor's own day). Returns 0 when it is no real date. */
static int resolve(const core *k, int32_t anchor, int slack, int fut, val *v)
{
    int ay, am, ad, y = k->y;
    int32_t cand;
    ent__civil_from_days(anchor, &ay, &am, &ad);
    switch (k->kind) {
    case K_ABS:
        *v = k->v;
        break;
    case K_YEAR:
        *v = year_val(y);
        break;
    case K_DAY:
        if (!y) {
            y = ay;
            cand = ent__days_from_civil(y, k->m, k->d);
            if (fut)
                y += cand < anchor;
            else
                y -= cand > anchor + slack;
        }
        if (!ent__valid_ymd(y, k->m, k->d))
            return 0;
        cand = ent__days_from_civil(y, k->m, k->d);
        *v = mkval(cand, cand, ENT_DATE_DAY);
        break;
    case K_MONTH:
        if (k->y == 0 && k->rel == R_LAST)
            y = k->m < am ? ay : ay - 1;
        else if (k->y == 0 && k->rel == R_NEXT)
            y = k->m > am ? ay : ay + 1;
        else if (k->y == 0 && k->rel == R_THIS)
            y = ay;
        else if (k->y == 0 && fut)
            y = k->m >= am ? ay : ay + 1;
        else if (k->y == 0)
            y = ent__days_from_civil(ay, k->m, 1) <= anchor + slack ? ay
                                                                    : ay - 1;
        *v = month_val(y, k->m);
        break;
    case K_WDAY: {
        int wa = weekday(anchor);
        int back = (wa - k->w + 7) % 7, fwd = (k->w - wa + 7) % 7;
        if (k->rel == R_LAST)
            cand = anchor - (back ? back : 7);
        else if (k->rel == R_NEXT)
            cand = anchor + (fwd ? fwd : 7);
        else
            cand = fut ? anchor + fwd : anchor - back;
        *v = mkval(cand, cand, ENT_DATE_DAY);
        break;
    }
    case K_MDAY: { /* "on the 4th": this month's, or the one before */
        int m = am;
        y = ay;
        cand = ent__days_from_civil(y, m, k->d);
        if (fut ? cand < anchor : cand > anchor + slack)
            add_months(&y, &m, fut ? 1 : -1);
        if (!ent__valid_ymd(y, m, k->d)) /* "the 31st": a 31-day month */
            add_months(&y, &m, fut ? 1 : -1);
        if (!ent__valid_ymd(y, m, k->d))
            return 0;
        cand = ent__days_from_civil(y, m, k->d);
        *v = mkval(cand, cand, ENT_DATE_DAY);
        break;
    }
    default:
        return 0;
    }
    if (k->part && !apply_part(v, k->part))
        return 0;
    return v->lo >= ent__days_from_civil(1, 1, 1) &&
           v->hi <= ent__days_from_civil(9999, 12, 31) && v->lo <= v->hi;
}

/* "between X and Y", "from X to Y" (conj W_AND or W_TO) at token i: Y is
 * resolved first, X against Y's first day ("from November to February"
 * spans the new year). "from X" alone is X. */
static size_t range(wctx *c, size_t i, int conj, val *v, int *ok)
{
    int prep = T(c, i)->val, fut = c->fut < i;
    core a, b;
    val va, vb;
    size_t na = core_at(c, i + 1, prep, &a), q, nb;
    if (!na || a.kind == K_NONE)
        return 0;
    q = i + 1 + na;
    if (is_w(T(c, q), conj)) {
        nb = core_at(c, q + 1, prep, &b);
        if (nb && b.kind != K_NONE && resolve(&b, c->pub, SLACK, fut, &vb) &&
            resolve(&a, vb.lo, 0, 0, &va) && va.lo <= vb.hi) {
            *v = mkval(va.lo, vb.hi, ENT_DATE_RANGE);
            *ok = 1;
            return q + 1 + nb - i;
        }
    }
    if (prep == W_BETWEEN)
        return 0;
    *ok = resolve(&a, c->pub, SLACK, fut, v);
    return na + 1;
}

/* The expression starting at token i, with its preposition: returns the
 * tokens it covers (0: none starts here) and sets *ok when it resolved
 * into *v (a slash date or "31 February" covers tokens unresolved). */
static size_t match(wctx *c, size_t i, val *v, int *ok)
{
    const tok *t = T(c, i);
    int fut = c->fut < i;
    core k;
    size_t n;
    *ok = 0;
    if (is_w(t, W_BETWEEN))
        return range(c, i, W_AND, v, ok);
    if (is_w(t, W_FROM))
        return range(c, i, W_TO, v, ok);
    if (is_w(t, W_SINCE) || is_w(t, W_ON) || is_w(t, W_IN) ||
        is_w(t, W_DURING)) {
        n = core_at(c, i + 1, t->val, &k);
        if (!n)
            return 0;
        *ok = k.kind != K_NONE && resolve(&k, c->pub, SLACK, fut, v);
        if (*ok && is_w(t, W_SINCE)) {
            *ok = v->lo <= c->pub;
            *v = mkval(v->lo, c->pub, ENT_DATE_RANGE);
        }
        return n + 1;
    }
    n = core_at(c, i, 0, &k);
    if (n && k.kind != K_NONE)
        *ok = resolve(&k, c->pub, SLACK, fut, v);
    return n;
}

/* Write day number days as "YYYY-MM-DD" (a year from 1 to 9999). */
static void format_day(int32_t days, char out[11])
{
    int y, m, d;
    ent__civil_from_days(days, &y, &m, &d);
    ent__format_ymd(y, m, d, out);
}

/* A clause that hides its dates from a verb outside it: one opened by a
 * subordinating conjunction ("after", "before", "because", "although",
 * "though", "whereas": "accused Washington of overreacting after its
 * jets shot down the balloon on Saturday") or a non-restrictive relative
 * clause (", which", ", who", ", whose", ", where": "Russia, which
 * invaded Ukraine on 24 February, accused ..."), up to the next comma
 * or semicolon or the end of the range. "when" and "while" are left
 * out: what they join happens at the same time. If token i opens such a
 * clause and near lies outside it, [*lo, *hi) receives its bytes and 1
 * is returned; else 0. */
static int shield(wctx *c, size_t i, size_t near, size_t *lo, size_t *hi)
{
    const tok *t = T(c, i);
    size_t e;
    if (t->cls != C_CLAUSE)
        return 0;
    if (t->val == CL_REL) {
        /* the comma may lie just before the range (a clause that starts
         * at the relative pronoun): the one byte read outside it */
        size_t b = t->start;
        while (b > 0 && is_space(c->s[b - 1]))
            b--;
        if (b == 0 || c->s[b - 1] != ',')
            return 0;
        *lo = b - 1;
    } else {
        *lo = t->start;
    }
    for (e = t->end; e < c->end && c->s[e] != ',' && c->s[e] != ';'; e++)
        ;
    *hi = e;
    return near < *lo || near >= *hi;
}

/* The clause the range [c->pos, c->end) starts in may have been opened
 * before it (the coder starts a clause at "since", so the range of "met"
 * in "Putin, who has led Russia since 2000, met ..." begins at "since"):
 * read back to the previous comma, semicolon or full stop (or the start
 * of the text) and look there for a word that opens a shielding clause
 * (shield()). If one is found and near lies outside the clause, [*lo,
 * *hi) receives its bytes and 1 is returned; else 0. */
#define BACK 256
static int shield_before(const wctx *c, size_t near, size_t *lo, size_t *hi)
{
    wctx b;
    size_t p = c->pos, i;
    /* at most BACK bytes: an opener further back is too far to count */
    while (p > 0 && c->pos - p < BACK && c->s[p - 1] != ',' &&
           c->s[p - 1] != ';' && c->s[p - 1] != '.' && c->s[p - 1] != '!' &&
           c->s[p - 1] != '?')
        p--;
    if (p == c->pos || (p > 0 && c->pos - p >= BACK))
        return 0;
    memset(&b, 0, sizeof b);
    b.s = c->s;
    b.pos = p > 0 ? p - 1 : 0; /* the comma, for a relative pronoun */
    b.end = c->end;
    b.fut = SIZE_MAX;
    b.pub = c->pub;
    b.py = c->py;
    for (i = 0; T(&b, i)->kind != T_END && T(&b, i)->start < c->pos; i++)
        if (shield(&b, i, near, lo, hi))
            return 1;
    return 0;
}

/* Distance in bytes from offset near to the span [s, e). */
static size_t distance(size_t near, size_t s, size_t e)
{
    return near < s ? s - near : near >= e ? near - e + 1 : 0;
}

int ent_when_find_near(const char *text, size_t len, size_t a, size_t b,
                       size_t near, const char *pubdate, ent_when *out)
{
    wctx c;
    size_t i = 0, n, bestd = 0, shlo = 0, shhi = 0;
    int have = 0, ok;
    val v, best = {0, 0, 0};
    ent_span span = {0, 0};
    if (out)
        memset(out, 0, sizeof *out);
    if (!text || !pubdate || !out || a > b || b > len || len > UINT32_MAX)
        return ENT_EINVAL;
    memset(&c, 0, sizeof c);
    if (ent__date_days(pubdate, &c.pub) != ENT_OK)
        return ENT_EINVAL;
    ent__civil_from_days(c.pub, &c.py, &c.pm, &c.pd);
    c.s = (const unsigned char *)text;
    c.pos = a;
    c.end = b;
    c.fut = SIZE_MAX;
    if (!shield_before(&c, near, &shlo, &shhi))
        shlo = shhi = 0;
    while (T(&c, i)->kind != T_END) {
        uint32_t s0 = T(&c, i)->start;
        if (have && s0 > near && s0 - near > bestd)
            break; /* every later expression is further away */
        if (s0 >= shhi && !shield(&c, i, near, &shlo, &shhi))
            shlo = shhi = 0;
        n = match(&c, i, &v, &ok);
        if (!n) {
            i++;
            continue;
        }
        if (ok && !(s0 >= shlo && s0 < shhi)) {
            uint32_t e0 = T(&c, i + n - 1)->end;
            size_t d = distance(near, s0, e0);
            if (!have || d <= bestd) {
                have = 1;
                bestd = d;
                best = v;
                span.start = s0;
                span.end = e0;
            }
        }
        i += n;
    }
    if (!have) {
        format_day(c.pub, out->date);
        out->precision = ENT_DATE_PUB;
        return ENT_OK;
    }
    format_day(best.lo, out->date);
    if (best.prec != ENT_DATE_DAY)
        format_day(best.hi, out->end);
    out->precision = best.prec;
    out->expr = span;
    return ENT_OK;
}

int ent_when_find(const char *text, size_t len, const char *pubdate,
                  ent_when *out)
{
    return ent_when_find_near(text, len, 0, len, 0, pubdate, out);
}

const char *ent_when_precision_name(int precision)
{
    static const char *const names[] = {"pub", "day", "month", "year", "range"};
    if (precision < 0 || precision > ENT_DATE_RANGE)
        return NULL;
    return names[precision];
}
