/*
 * test_when.c -- event dates: expressions resolved against the
 * publication date (src/when.c, rules in docs/dates.md).
 */
#include "harness.h"
#include "internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One case: a text dated pub; the expected date, end ("" for a day or
 * the publication date), precision and expression text ("" for none). */
typedef struct wcase {
    const char *pub, *text, *date, *end;
    int prec;
    const char *expr;
} wcase;

#define D ENT_DATE_DAY
#define M ENT_DATE_MONTH
#define Y ENT_DATE_YEAR
#define R ENT_DATE_RANGE
#define P ENT_DATE_PUB

/* 2022-02-04 was a Friday; 2022-01-02 a Sunday; 2022-12-30 a Friday. */
static const wcase cases[] = {
    /* weekdays: the latest on or before publication; "next" forward */
    {"2022-02-04", "Xi met Putin on Friday.", "2022-02-04", "", D, "on Friday"},
    {"2022-02-04", "They met on Tuesday in Beijing.", "2022-02-01", "", D,
     "on Tuesday"},
    {"2022-02-04", "Putin said Tuesday that", "2022-02-01", "", D, "Tuesday"},
    {"2022-02-04", "on Saturday", "2022-01-29", "", D, "on Saturday"},
    {"2022-02-04", "last Friday", "2022-01-28", "", D, "last Friday"},
    {"2022-02-04", "talks last Tuesday", "2022-02-01", "", D, "last Tuesday"},
    {"2022-02-04", "talks next Tuesday", "2022-02-08", "", D, "next Tuesday"},
    {"2022-02-04", "next Friday", "2022-02-11", "", D, "next Friday"},
    {"2022-02-04", "They will meet on Monday.", "2022-02-07", "", D,
     "on Monday"},
    {"2022-02-04", "on Monday, he said they will", "2022-01-31", "", D,
     "on Monday"},
    {"2022-02-04", "on Friday, 4 February 2022", "2022-02-04", "", D,
     "on Friday, 4 February 2022"},
    {"2022-01-02", "on Friday", "2021-12-31", "", D, "on Friday"},
    {"2022-01-02", "last Sunday", "2021-12-26", "", D, "last Sunday"},
    {"2022-12-30", "next Monday", "2023-01-02", "", D, "next Monday"},
    /* days relative to publication */
    {"2022-02-04", "Clashes broke out today.", "2022-02-04", "", D, "today"},
    {"2022-02-04", "talks tonight", "2022-02-04", "", D, "tonight"},
    {"2022-02-04", "Troops left yesterday.", "2022-02-03", "", D, "yesterday"},
    {"2022-02-04", "They meet tomorrow.", "2022-02-05", "", D, "tomorrow"},
    {"2022-02-04", "Rockets hit the city last night.", "2022-02-03", "", D,
     "last night"},
    {"2022-02-04", "this morning", "2022-02-04", "", D, "this morning"},
    {"2022-01-01", "Shells fell yesterday.", "2021-12-31", "", D, "yesterday"},
    {"2024-03-01", "yesterday", "2024-02-29", "", D, "yesterday"},
    {"2021-03-01", "yesterday", "2021-02-28", "", D, "yesterday"},
    {"2022-12-31", "tomorrow", "2023-01-01", "", D, "tomorrow"},
    /* day and month */
    {"2022-02-04", "They met on 4 February.", "2022-02-04", "", D,
     "on 4 February"},
    {"2022-02-04", "4 February, the army said", "2022-02-04", "", D,
     "4 February"},
    {"2022-02-04", "February 4, the army said", "2022-02-04", "", D,
     "February 4"},
    {"2022-02-04", "on February 30", "2022-02-04", "", P, ""},
    {"2022-02-04", "the February 4 talks", "2022-02-04", "", P, ""},
    {"2022-02-04", "Since Feb. 4, 2021 the", "2021-02-04", "2022-02-04", R,
     "Since Feb. 4, 2021"},
    {"2022-02-04", "on Feb. 1 they", "2022-02-01", "", D, "on Feb. 1"},
    {"2022-02-04", "4 Feb 2021", "2021-02-04", "", D, "4 Feb 2021"},
    {"2022-02-04", "on February 4, 2021, the", "2021-02-04", "", D,
     "on February 4, 2021"},
    {"2022-02-04", "on the 4th of July", "2021-07-04", "", D,
     "on the 4th of July"},
    {"2022-02-04", "on 10 February", "2022-02-10", "", D, "on 10 February"},
    {"2022-02-04", "on 12 February", "2021-02-12", "", D, "on 12 February"},
    {"2022-02-04", "Sept. 11, 2001", "2001-09-11", "", D, "Sept. 11, 2001"},
    {"2022-02-04", "riots of JAN 6 2021 were", "2021-01-06", "", D,
     "JAN 6 2021"},
    {"2022-02-04", "on 1st March 2020", "2020-03-01", "", D,
     "on 1st March 2020"},
    /* year boundaries */
    {"2022-01-02", "on 30 December", "2021-12-30", "", D, "on 30 December"},
    {"2022-01-02", "in December", "2021-12-01", "2021-12-31", M, "in December"},
    {"2022-12-30", "on 2 January", "2022-01-02", "", D, "on 2 January"},
    {"2022-12-30", "They will meet on 2 January.", "2023-01-02", "", D,
     "on 2 January"},
    {"2022-12-30", "on 5 January", "2022-01-05", "", D, "on 5 January"},
    {"2022-01-02", "from November to January", "2021-11-01", "2022-01-31", R,
     "from November to January"},
    /* leap years and impossible days */
    {"2024-03-10", "on 29 February", "2024-02-29", "", D, "on 29 February"},
    {"2024-03-10", "29 February 2024", "2024-02-29", "", D, "29 February 2024"},
    {"2023-03-10", "on 29 February", "2023-03-10", "", P, ""},
    {"2022-02-04", "29 February 2023", "2022-02-04", "", P, ""},
    {"2022-02-04", "on 31 February", "2022-02-04", "", P, ""},
    {"2022-02-04", "on 31 April 2020", "2022-02-04", "", P, ""},
    {"2022-02-04", "on 2023-02-29", "2022-02-04", "", P, ""},
    /* months and years */
    {"2022-02-04", "in February", "2022-02-01", "2022-02-28", M, "in February"},
    {"2022-02-04", "in January", "2022-01-01", "2022-01-31", M, "in January"},
    {"2022-02-04", "in March", "2021-03-01", "2021-03-31", M, "in March"},
    {"2022-02-04", "they may meet in May", "2021-05-01", "2021-05-31", M,
     "in May"},
    {"2022-02-04", "in DECEMBER", "2021-12-01", "2021-12-31", M, "in DECEMBER"},
    {"2022-02-04", "in November 2021", "2021-11-01", "2021-11-30", M,
     "in November 2021"},
    {"2022-02-04", "in Jan. 2020", "2020-01-01", "2020-01-31", M,
     "in Jan. 2020"},
    {"2022-02-04", "in March of 2014", "2014-03-01", "2014-03-31", M,
     "in March of 2014"},
    {"2022-02-04", "last February", "2021-02-01", "2021-02-28", M,
     "last February"},
    {"2022-02-04", "next March", "2022-03-01", "2022-03-31", M, "next March"},
    {"2022-02-04", "in 2014", "2014-01-01", "2014-12-31", Y, "in 2014"},
    {"2022-02-04", "In 2014 Russia annexed Crimea", "2014-01-01", "2014-12-31",
     Y, "In 2014"},
    {"2022-02-04", "in 2014, the", "2014-01-01", "2014-12-31", Y, "in 2014"},
    {"2022-02-04", "in the 1990s", "1990-01-01", "1999-12-31", R,
     "in the 1990s"},
    {"2022-02-04", "during the early 1990s", "1990-01-01", "1993-12-31", R,
     "during the early 1990s"},
    {"2022-02-04", "since 2003", "2003-01-01", "2022-02-04", R, "since 2003"},
    {"2022-02-04", "since Tuesday", "2022-02-01", "2022-02-04", R,
     "since Tuesday"},
    {"2022-02-04", "between 2014 and 2016", "2014-01-01", "2016-12-31", R,
     "between 2014 and 2016"},
    {"2022-02-04", "from March to May", "2021-03-01", "2021-05-31", R,
     "from March to May"},
    {"2022-02-04", "from 2003 to 2005", "2003-01-01", "2005-12-31", R,
     "from 2003 to 2005"},
    /* weeks, months and years around publication */
    {"2022-02-04", "last week", "2022-01-24", "2022-01-30", R, "last week"},
    {"2022-02-04", "this week", "2022-01-31", "2022-02-06", R, "this week"},
    {"2022-02-04", "next week", "2022-02-07", "2022-02-13", R, "next week"},
    {"2022-01-02", "last week", "2021-12-20", "2021-12-26", R, "last week"},
    {"2022-02-04", "last month", "2022-01-01", "2022-01-31", M, "last month"},
    {"2022-02-04", "this month", "2022-02-01", "2022-02-28", M, "this month"},
    {"2022-12-30", "next month", "2023-01-01", "2023-01-31", M, "next month"},
    {"2022-02-04", "last year", "2021-01-01", "2021-12-31", Y, "last year"},
    {"2022-02-04", "this year", "2022-01-01", "2022-12-31", Y, "this year"},
    {"2022-02-04", "next year", "2023-01-01", "2023-12-31", Y, "next year"},
    {"2022-02-04", "earlier this month", "2022-02-01", "2022-02-04", R,
     "earlier this month"},
    {"2022-02-04", "earlier this year", "2022-01-01", "2022-02-04", R,
     "earlier this year"},
    {"2022-02-04", "later this month", "2022-02-04", "2022-02-28", R,
     "later this month"},
    {"2022-02-04", "in the past week", "2022-01-28", "2022-02-04", R,
     "in the past week"},
    {"2022-02-04", "over the past two years", "2020-02-04", "2022-02-04", R,
     "the past two years"},
    {"2022-02-04", "in the last three days", "2022-02-01", "2022-02-04", R,
     "in the last three days"},
    /* ago */
    {"2022-02-04", "a few weeks ago", "2022-01-07", "2022-01-21", R,
     "a few weeks ago"},
    {"2022-02-04", "two days ago", "2022-02-02", "", D, "two days ago"},
    {"2022-02-04", "10 days ago", "2022-01-25", "", D, "10 days ago"},
    {"2022-02-04", "a week ago", "2022-01-28", "", D, "a week ago"},
    {"2022-02-04", "three years ago", "2019-01-01", "2019-12-31", Y,
     "three years ago"},
    {"2022-02-04", "two months ago", "2021-12-01", "2021-12-31", M,
     "two months ago"},
    {"2022-02-04", "a decade ago", "2012-01-01", "2012-12-31", Y,
     "a decade ago"},
    {"2022-02-04", "a few days ago", "2022-01-31", "2022-02-02", R,
     "a few days ago"},
    {"2022-02-04", "a couple of days ago", "2022-02-02", "", D,
     "a couple of days ago"},
    {"2022-02-04", "several years ago", "2016-01-01", "2019-12-31", R,
     "several years ago"},
    {"2022-01-02", "two days ago", "2021-12-31", "", D, "two days ago"},
    /* early, mid, late */
    {"2022-02-04", "late last year", "2021-09-01", "2021-12-31", R,
     "late last year"},
    {"2022-02-04", "in early 2020", "2020-01-01", "2020-04-30", R,
     "in early 2020"},
    {"2022-02-04", "mid-2019", "2019-05-01", "2019-08-31", R, "mid-2019"},
    {"2022-02-04", "in early February", "2022-02-01", "2022-02-10", R,
     "in early February"},
    {"2022-02-04", "late January", "2022-01-21", "2022-01-31", R,
     "late January"},
    /* "on the Nth" */
    {"2022-02-04", "on the 2nd", "2022-02-02", "", D, "on the 2nd"},
    {"2022-02-04", "on the 10th", "2022-02-10", "", D, "on the 10th"},
    {"2022-02-04", "on the 20th", "2022-01-20", "", D, "on the 20th"},
    {"2022-03-05", "on the 31st", "2022-01-31", "", D, "on the 31st"},
    /* ISO and numeric dates */
    {"2022-02-04", "2022-02-01", "2022-02-01", "", D, "2022-02-01"},
    {"2022-02-04", "on 2021-12-25, they", "2021-12-25", "", D, "on 2021-12-25"},
    {"2022-02-04", "4/2/2022", "2022-02-04", "", P, ""},
    {"2022-02-04", "on 4/2/2022 troops", "2022-02-04", "", P, ""},
    /* weekends (2022-02-04 a Friday, 2022-02-06 a Sunday) */
    {"2022-02-04", "over the weekend", "2022-01-29", "2022-01-30", R,
     "the weekend"},
    {"2022-02-06", "over the weekend", "2022-02-05", "2022-02-06", R,
     "the weekend"},
    {"2022-02-06", "last weekend", "2022-01-29", "2022-01-30", R,
     "last weekend"},
    {"2022-02-04", "They will talk this weekend.", "2022-02-05", "2022-02-06",
     R, "this weekend"},
    {"2022-02-04", "next weekend", "2022-02-05", "2022-02-06", R,
     "next weekend"},
    /* year ranges and more forms */
    {"2022-02-04", "in 2014-2016", "2014-01-01", "2016-12-31", R,
     "in 2014-2016"},
    {"2022-02-04", "during 2019-20, the", "2019-01-01", "2020-12-31", R,
     "during 2019-20"},
    {"2022-02-04", "in 2016-2014", "2022-02-04", "", P, ""},
    {"2022-02-04", "Tuesday's vote", "2022-02-01", "", D, "Tuesday"},
    {"2022-02-04", "talks in Sept. collapsed", "2021-09-01", "2021-09-30", M,
     "in Sept."},
    {"2022-02-04", "since the 1990s", "1990-01-01", "2022-02-04", R,
     "since the 1990s"},
    {"2022-02-04", "between Tuesday and Thursday", "2022-02-01", "2022-02-03",
     R, "between Tuesday and Thursday"},
    {"2022-02-04", "On 4 February, 2014 soldiers died", "2022-02-04", "", D,
     "On 4 February"},
    {"2022-02-04", "on 4 February troops entered", "2022-02-04", "", D,
     "on 4 February"},
    /* not dates */
    {"2022-02-04", "4 February troops", "2022-02-04", "", P, ""},
    {"2022-02-04", "2014 soldiers were killed", "2022-02-04", "", P, ""},
    {"2022-02-04", "a rise in 2014 votes", "2022-02-04", "", P, ""},
    {"2022-02-04", "in 2,014 cases", "2022-02-04", "", P, ""},
    {"2022-02-04", "on the 4th floor", "2022-02-04", "", P, ""},
    {"2022-02-04", "Protesters march on the capital", "2022-02-04", "", P, ""},
    {"2022-02-04", "it may be 4 weeks", "2022-02-04", "", P, ""},
    {"2022-02-04", "3.5 percent in 5km", "2022-02-04", "", P, ""},
    {"2022-02-04", "the dec 4 vote", "2022-02-04", "", P, ""},
    {"2022-02-04", "in 1648 Sweden", "1648-01-01", "1648-12-31", Y, "in 1648"},
    {"2022-02-04", "in 1500 troops", "2022-02-04", "", P, ""},
    {"2022-02-04", "in 2200", "2022-02-04", "", P, ""},
    {"2022-02-04", "", "2022-02-04", "", P, ""},
    /* holidays, and the start, middle and end of a period */
    {"2020-01-02", "Kim spoke on New Year's Day.", "2020-01-01", "", D,
     "on New Year's Day"},
    {"2020-01-02", "They met on New Year\u2019s Eve.", "2019-12-31", "", D,
     "on New Year\u2019s Eve"},
    {"2022-02-04", "Troops left on Christmas Day 2021.", "2021-12-25", "", D,
     "on Christmas Day 2021"},
    {"2022-02-04", "The truce held on Christmas.", "2021-12-25", "", D,
     "on Christmas"},
    {"2022-02-04", "a Christmas truce", "2022-02-04", "", P, ""},
    {"2022-02-04", "He was in New York on Friday.", "2022-02-04", "", D,
     "on Friday"},
    {"2024-01-05", "Fighting grew at the end of last year.", "2023-09-01",
     "2023-12-31", R, "the end of last year"},
    {"2022-02-04", "Talks began at the beginning of January.", "2022-01-01",
     "2022-01-10", R, "the beginning of January"},
    {"2022-02-04", "in the middle of 2019", "2019-05-01", "2019-08-31", R,
     "in the middle of 2019"},
    {"2022-02-04", "They will finish by the end of 2030.", "2022-02-04", "", P,
     ""},
};

#undef D
#undef M
#undef Y
#undef R
#undef P

void test_when_cases(void)
{
    size_t i;
    CHECK(ent__when_table_ok());
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const wcase *k = &cases[i];
        ent_when w;
        char expr[128];
        int rc = ent_when_find(k->text, strlen(k->text), k->pub, &w);
        int bad;
        snprintf(expr, sizeof expr, "%.*s", (int)(w.expr.end - w.expr.start),
                 k->text + w.expr.start);
        bad = rc != ENT_OK || strcmp(w.date, k->date) ||
              strcmp(w.end, k->end) || w.precision != k->prec ||
              strcmp(expr, k->expr);
        if (bad) {
            printf("    case %zu \"%s\" (%s): got %d %s %s %s \"%s\", "
                   "want %s %s %s \"%s\"\n",
                   i, k->text, k->pub, rc, w.date, w.end,
                   ent_when_precision_name(w.precision), expr, k->date, k->end,
                   ent_when_precision_name(k->prec), k->expr);
            th_failed++;
        }
    }
    printf("    %zu date-expression cases\n", sizeof cases / sizeof cases[0]);
}

/* The expression of text found nearest offset near within [a, b). */
static void near_expr(const char *text, size_t a, size_t b, size_t near,
                      char *out, size_t n)
{
    ent_when w;
    CHECK_INT(
        ent_when_find_near(text, strlen(text), a, b, near, "2022-02-04", &w),
        ENT_OK);
    snprintf(out, n, "%.*s %s", (int)(w.expr.end - w.expr.start),
             text + w.expr.start, w.date);
}

/* Dates inside a relative or subordinate clause are not those of a verb
 * outside it, also when the range searched starts inside the clause. */
void test_when_shield(void)
{
    static const struct {
        const char *text, *verb, *from, *want;
    } sh[] = {
        {"Russia, which invaded Ukraine on 24 February, accused the West.",
         "accused", "Russia", " 2022-02-04"},
        {"Russia, which invaded Ukraine on 24 February, accused the West.",
         "invaded", "Russia", "on 24 February 2021-02-24"},
        {"Putin, who has led Russia since 2000, met Wang Yi.", "met",
         "Putin", " 2022-02-04"},
        /* the coder's clause of "met" starts at "since" */
        {"Putin, who has led Russia since 2000, met Wang Yi.", "met",
         "since", " 2022-02-04"},
        {"Putin, who has led Russia since 2000, met Wang Yi on Tuesday.",
         "met", "since", "on Tuesday 2022-02-01"},
        {"China protested after U.S. jets shot down its balloon on Saturday.",
         "protested", "China", " 2022-02-04"},
        {"China protested after U.S. jets shot down its balloon on Saturday.",
         "shot", "China", "on Saturday 2022-01-29"},
        {"After talks on Monday, Xi met Putin.", "met", "After", " 2022-02-04"},
        /* a restrictive "which" and "when" do not shield */
        {"The deal which they signed on Monday, Xi said.", "said", "The",
         "on Monday 2022-01-31"},
        {"When Russia invaded in 2014, Kyiv protested.", "protested", "When",
         "in 2014 2014-01-01"},
        {"Kyiv protested on Monday, when Russia invaded.", "protested",
         "Kyiv", "on Monday 2022-01-31"},
    };
    size_t i;
    char o[128];
    for (i = 0; i < sizeof sh / sizeof sh[0]; i++) {
        const char *s = sh[i].text;
        near_expr(s, (size_t)(strstr(s, sh[i].from) - s), strlen(s),
                  (size_t)(strstr(s, sh[i].verb) - s), o, sizeof o);
        CHECK_STR(o, sh[i].want);
    }
}

void test_when_near(void)
{
    const char *s = "Russia invaded Ukraine on 24 February 2022, the minister "
                    "said on Tuesday, and talks follow next week.";
    size_t verb = (size_t)(strstr(s, "invaded") - s);
    size_t said = (size_t)(strstr(s, "said") - s);
    size_t talks = (size_t)(strstr(s, "talks") - s);
    size_t follow = (size_t)(strstr(s, "follow") - s);
    char o[128];
    near_expr(s, 0, strlen(s), verb, o, sizeof o);
    CHECK_STR(o, "on 24 February 2022 2022-02-24");
    near_expr(s, 0, strlen(s), said, o, sizeof o);
    CHECK_STR(o, "on Tuesday 2022-02-01");
    near_expr(s, 0, strlen(s), talks, o, sizeof o);
    CHECK_STR(o, "on Tuesday 2022-02-01");
    near_expr(s, 0, strlen(s), follow, o, sizeof o);
    CHECK_STR(o, "next week 2022-02-07");
    near_expr(s, 0, strlen(s), strlen(s), o, sizeof o);
    CHECK_STR(o, "next week 2022-02-07");
    /* only within [a, b): the clause of "said" */
    near_expr(s, said, talks, verb, o, sizeof o);
    CHECK_STR(o, "on Tuesday 2022-02-01");
    /* a range that cuts an expression sees only its part: without the
     * year, 24 February is more than 7 days after publication */
    near_expr(s, 0, (size_t)(strstr(s, "2022,") - s), verb, o, sizeof o);
    CHECK_STR(o, "on 24 February 2021-02-24");
    near_expr(s, 0, verb, 0, o, sizeof o);
    CHECK_STR(o, " 2022-02-04");
    /* ent_when_find takes the first; a tie goes to the later one */
    {
        const char *t = "yesterday X tomorrow";
        ent_when w;
        CHECK_INT(ent_when_find(s, strlen(s), "2022-02-04", &w), ENT_OK);
        CHECK_INT(w.expr.start, (long long)(strstr(s, "on 24") - s));
        CHECK_INT(ent_when_find_near(t, strlen(t), 0, strlen(t), 10,
                                     "2022-02-04", &w),
                  ENT_OK);
        CHECK_STR(w.date, "2022-02-05");
    }
    /* "will" before the expression reads it forward, after it does not */
    {
        const char *t = "Officials said on Monday that talks will open on "
                        "Monday.";
        ent_when w;
        size_t second = (size_t)(strstr(t, "on Monday.") - t);
        CHECK_INT(ent_when_find_near(t, strlen(t), 0, strlen(t), second,
                                     "2022-02-04", &w),
                  ENT_OK);
        CHECK_STR(w.date, "2022-02-07");
        CHECK_INT(ent_when_find(t, strlen(t), "2022-02-04", &w), ENT_OK);
        CHECK_STR(w.date, "2022-01-31");
    }
}

void test_when_errors(void)
{
    ent_when w;
    CHECK_INT(ent_when_find(NULL, 0, "2022-02-04", &w), ENT_EINVAL);
    CHECK_STR(w.date, "");
    CHECK_INT(ent_when_find("today", 5, NULL, &w), ENT_EINVAL);
    CHECK_INT(ent_when_find("today", 5, "2022-02-30", &w), ENT_EINVAL);
    CHECK_INT(ent_when_find("today", 5, "20220204", &w), ENT_EINVAL);
    CHECK_INT(ent_when_find("today", 5, "", &w), ENT_EINVAL);
    CHECK_INT(ent_when_find("today", 5, "2022-02-04 ", &w), ENT_EINVAL);
    CHECK_INT(ent_when_find("today", 5, "2022-02-04", NULL), ENT_EINVAL);
    CHECK_INT(ent_when_find_near("today", 5, 3, 2, 0, "2022-02-04", &w),
              ENT_EINVAL);
    CHECK_INT(ent_when_find_near("today", 5, 0, 6, 0, "2022-02-04", &w),
              ENT_EINVAL);
    CHECK_INT(w.precision, ENT_DATE_PUB);
    CHECK_STR(w.date, "");
    /* empty text and an empty range: no expression, the publication date */
    CHECK_INT(ent_when_find("", 0, "2022-02-04", &w), ENT_OK);
    CHECK_STR(w.date, "2022-02-04");
    CHECK_INT(w.precision, ENT_DATE_PUB);
    CHECK_INT(ent_when_find_near("today", 5, 2, 2, 0, "2022-02-04", &w),
              ENT_OK);
    CHECK_INT(w.precision, ENT_DATE_PUB);
    /* not NUL-terminated: only len bytes are read */
    CHECK_INT(ent_when_find("todayX", 5, "2022-02-04", &w), ENT_OK);
    CHECK_INT(w.precision, ENT_DATE_DAY);
    /* the edges of the calendar */
    CHECK_INT(ent_when_find("yesterday", 9, "0001-01-01", &w), ENT_OK);
    CHECK_INT(w.precision, ENT_DATE_PUB);
    CHECK_INT(ent_when_find("next year", 9, "9999-06-01", &w), ENT_OK);
    CHECK_INT(w.precision, ENT_DATE_PUB);
    CHECK_INT(ent_when_find("9999 days ago", 13, "1000-01-01", &w), ENT_OK);
    CHECK_STR(w.date, "0972-08-16");
    CHECK_STR(ent_when_precision_name(ENT_DATE_RANGE), "range");
    CHECK_STR(ent_when_precision_name(ENT_DATE_PUB), "pub");
    CHECK(ent_when_precision_name(5) == NULL);
    CHECK(ent_when_precision_name(-1) == NULL);
}

/* Check what a search must always give: a real date, an end not before
 * it, an expression inside [a, b). */
static void check_sane(const char *s, size_t len, size_t a, size_t b)
{
    ent_when w;
    int32_t d0, d1;
    int rc =
        ent_when_find_near(s, len, a, b, a + (b - a) / 2, "2022-02-04", &w);
    CHECK_INT(rc, ENT_OK);
    CHECK_INT(ent__date_days(w.date, &d0), ENT_OK);
    if (w.precision == ENT_DATE_DAY || w.precision == ENT_DATE_PUB) {
        CHECK_STR(w.end, "");
    } else {
        CHECK_INT(ent__date_days(w.end, &d1), ENT_OK);
        CHECK(d0 <= d1);
    }
    if (w.precision != ENT_DATE_PUB)
        CHECK(w.expr.start >= a && w.expr.start < w.expr.end &&
              w.expr.end <= b);
}

void test_when_fuzz(void)
{
    static const char *const words[] = {
        "on",         "in",   "4",        "31",      "February",  "Feb",
        ".",          ",",    "2022",     "1990s",   "last",      "week",
        "ago",        "a",    "few",      "the",     "since",     "between",
        "and",        "from", "to",       "-",       "/",         "mid",
        "early",      "late", "Tuesday",  "will",    "4th",       "of",
        "past",       "two",  "9999",     "0",       "days",      "month",
        "years",      "this", "next",     "earlier", "couple",    "several",
        "2022-02-04", "May",  "\xc3\xa9", "1,200",   "yesterday", "decade",
        "night",      "12"};
    uint64_t seed = 88172645463325252ULL;
    char buf[256];
    size_t i, j;
    /* every prefix of every case */
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].text);
        for (j = 0; j <= n; j++)
            check_sane(cases[i].text, n, 0, j);
    }
    for (i = 0; i < 20000; i++) {
        size_t n = 0, k, nw;
        int bytes = i % 4 == 0;
        nw = 1 + ent__pc_rand(&seed) % 24;
        for (k = 0; k < nw && n < sizeof buf - 16; k++) {
            if (bytes) {
                buf[n++] = (char)(ent__pc_rand(&seed) % 256);
                continue;
            }
            const char *w =
                words[ent__pc_rand(&seed) % (sizeof words / sizeof words[0])];
            size_t wl = strlen(w);
            memcpy(buf + n, w, wl);
            n += wl;
            if (ent__pc_rand(&seed) % 3)
                buf[n++] = ' ';
        }
        k = ent__pc_rand(&seed) % (n + 1);
        check_sane(buf, n, 0, n);
        check_sane(buf, n, k, n);
        check_sane(buf, n, 0, k);
        if (th_failed) {
            printf("    input: \"%.*s\"\n", (int)n, buf);
            return;
        }
    }
}

/* Dates per second over the event-sentences corpus, a fixed publication
 * date; prints the figure and skips when ../shared is missing. */
void test_when_bench(void)
{
    const char *path =
        "../shared/data/corpora/event-sentences/sentences_unique.txt";
    size_t nsent = 0, dated = 0, bytes = 0, pos, run;
    char *data = th_read_file(path, &bytes);
    struct timespec t0, t1;
    double secs;
    if (!data) {
        th_skip("../shared corpus not found");
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (run = 0; run < 5; run++) {
        for (pos = 0; pos < bytes;) {
            const char *nl = memchr(data + pos, '\n', bytes - pos);
            size_t end = nl ? (size_t)(nl - data) : bytes;
            ent_when w;
            ent_when_find_near(data, bytes, pos, end, pos, "2000-01-01", &w);
            if (run == 0) {
                nsent++;
                dated += w.precision != ENT_DATE_PUB;
            }
            pos = end + 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("    %zu sentences, %zu dated; %.0f sentences/s, %.1f MB/s\n", nsent,
           dated, 5.0 * (double)nsent / secs, 5.0 * (double)bytes / secs / 1e6);
    CHECK_INT(nsent, 8620);
    CHECK(dated > 100);
    free(data);
}

/* Read the expressions of a date gold file (JSONL, tests/gold/README.md)
 * on their own: for every expected event with a "date_expr", the
 * expression's bytes of the text (its first occurrence) resolved against
 * the publication date must give the event's date, end and precision.
 * This measures the reading of expressions apart from the coder (which
 * must also code the event and attach the right clause's expression).
 * *n receives the expressions, *right those read right. */
static void gold_exprs(const char *path, int *n, int *right)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    *n = *right = 0;
    CHECK(f != NULL);
    if (!f)
        return;
    while (getline(&line, &cap, f) > 0) {
        json_error_t je;
        json_t *o = json_loads(line, 0, &je), *ev;
        const char *text, *pub;
        size_t k;
        CHECK(o != NULL);
        if (!o)
            continue;
        text = json_string_value(json_object_get(o, "text"));
        pub = json_string_value(json_object_get(o, "date"));
        json_array_foreach(json_object_get(o, "events"), k, ev) {
            const char *x = json_string_value(json_object_get(ev, "date_expr"));
            const char *d = json_string_value(json_object_get(ev, "date"));
            const char *e = json_string_value(json_object_get(ev, "date_end"));
            const char *p =
                json_string_value(json_object_get(ev, "date_precision"));
            const char *at = x && text ? strstr(text, x) : NULL;
            ent_when w;
            size_t s;
            if (!x)
                continue;
            CHECK(at != NULL && d && p);
            if (!at || !d || !p)
                continue;
            s = (size_t)(at - text);
            (*n)++;
            if (ent_when_find_near(text, strlen(text), s, s + strlen(x), s,
                                   pub, &w) == ENT_OK &&
                !strcmp(w.date, d) && !strcmp(w.end, e ? e : "") &&
                !strcmp(ent_when_precision_name(w.precision), p))
                (*right)++;
            else if (getenv("WHEN_GOLD_VERBOSE"))
                printf("    %s: \"%s\" -> %s %s %s, want %s %s %s\n", path, x,
                       w.date, w.end, ent_when_precision_name(w.precision),
                       d, e ? e : "", p);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
}

/* The expressions of tests/gold/dates.jsonl and tests/heldout/dates.jsonl
 * read on their own (ACCURACY.md); fails under the floors. */
void test_when_gold(void)
{
    int n, right;
    gold_exprs("tests/gold/dates.jsonl", &n, &right);
    printf("    development: %d of %d expressions read right\n", right, n);
    CHECK(n >= 140 && right >= n - 8);
    gold_exprs("tests/heldout/dates.jsonl", &n, &right);
    printf("    held out: %d of %d expressions read right\n", right, n);
    CHECK(n >= 50 && right >= n - 3);
}
