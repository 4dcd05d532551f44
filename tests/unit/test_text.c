/*
 * test_text.c -- normalisation, tokens, sentences and dates.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

/* Tokenise s and join the tokens with '|'. */
static void toks(const char *s, char *out, size_t n)
{
    ent__token *t = NULL;
    size_t nt = 0, cap = 0, i, len = 0;
    out[0] = 0;
    CHECK_INT(ent__tokenize(NULL, s, strlen(s), &t, &nt, &cap), ENT_OK);
    for (i = 0; i < nt; i++)
        len += (size_t)snprintf(out + len, n - len, "%s%.*s", i ? "|" : "",
                                (int)(t[i].end - t[i].start), s + t[i].start);
    free(t);
}

/* Split s into sentences joined by " || ". */
static void sents(const char *s, char *out, size_t n)
{
    ent__token *t = NULL;
    uint32_t *st = NULL;
    size_t nt = 0, cap = 0, ns = 0, scap = 0, i, len = 0;
    out[0] = 0;
    CHECK_INT(ent__tokenize(NULL, s, strlen(s), &t, &nt, &cap), ENT_OK);
    CHECK_INT(ent__split_sentences(NULL, s, t, nt, &st, &ns, &scap), ENT_OK);
    for (i = 0; i < ns; i++) {
        size_t a = t[st[i]].start;
        size_t b = t[(i + 1 < ns ? st[i + 1] : nt) - 1].end;
        len += (size_t)snprintf(out + len, n - len, "%s%.*s", i ? " || " : "",
                                (int)(b - a), s + a);
    }
    free(t);
    free(st);
}

void test_utf8_check(void)
{
    size_t off = 99;
    CHECK_INT(ent_utf8_check("abc", 3, &off), ENT_OK);
    CHECK_INT(ent_utf8_check("Erdo\xc4\x9f" "an", 8, &off), ENT_OK);
    CHECK_INT(ent_utf8_check("ab\xff" "c", 4, &off), ENT_EUTF8);
    CHECK_INT(off, 2);
    CHECK_INT(ent_utf8_check("ab\0c", 4, &off), ENT_EUTF8);
    CHECK_INT(off, 2);
    CHECK_INT(ent_utf8_check("\xe2\x80", 2, &off), ENT_EUTF8); /* truncated */
    CHECK_INT(off, 0);
    CHECK_INT(ent_utf8_check("\xc0\xaf", 2, &off), ENT_EUTF8); /* overlong */
}

void test_normalize(void)
{
    ent__buf b = {0};
    size_t bad = 0;
    /* curly quotes, em dash, no-break space; e + combining acute -> NFC */
    const char *in = "Russia\xe2\x80\x99s \xe2\x80\x9cwar\xe2\x80\x9d"
                     "\xe2\x80\x94now\xc2\xa0" "cafe\xcc\x81";
    CHECK_INT(ent__normalize(NULL, in, strlen(in), &b, &bad), ENT_OK);
    CHECK_STR(b.p, "Russia's \"war\"-now caf\xc3\xa9");
    CHECK_INT(ent__normalize(NULL, "plain", 5, &b, &bad), ENT_OK);
    CHECK_STR(b.p, "plain");
    CHECK_INT(ent__normalize(NULL, "x\xfe", 2, &b, &bad), ENT_EUTF8);
    CHECK_INT(bad, 1);
    ent__buf_free(NULL, &b);
}

void test_tokenize(void)
{
    char o[512];
    toks("Russia's troops didn't cross.", o, sizeof o);
    CHECK_STR(o, "Russia|'s|troops|did|n't|cross|.");
    toks("The U.S. and U.K. met Mr. Xi.", o, sizeof o);
    CHECK_STR(o, "The|U.S.|and|U.K.|met|Mr.|Xi|.");
    toks("Sino-Russian ties, 1,200 troops, 3.5% on 2022-02-04.", o, sizeof o);
    CHECK_STR(o, "Sino|-|Russian|ties|,|1,200|troops|,|3.5|%|on|2022-02-04|.");
    toks("O'Brien said: \"No.\" They'll go...", o, sizeof o);
    CHECK_STR(o, "O'Brien|said|:|\"|No|.|\"|They|'ll|go|...");
    toks("No. 10 Downing Street; Gen. Milley; Feb. 4", o, sizeof o);
    CHECK_STR(o, "No.|10|Downing|Street|;|Gen.|Milley|;|Feb.|4");
    toks("the Russians' tanks", o, sizeof o);
    CHECK_STR(o, "the|Russians|'|tanks");
}

void test_sentences(void)
{
    char o[1024];
    sents("Mr. Putin met Gen. Milley. They talked.", o, sizeof o);
    CHECK_STR(o, "Mr. Putin met Gen. Milley. || They talked.");
    sents("The U.S. imposed sanctions. The move angered Moscow.", o, sizeof o);
    CHECK_STR(o, "The U.S. imposed sanctions. || The move angered Moscow.");
    sents("They met in the U.S. The talks ended.", o, sizeof o);
    CHECK_STR(o, "They met in the U.S. || The talks ended.");
    sents("Talks resumed on Feb. 4 in Minsk. No. 10 said nothing.", o, sizeof o);
    CHECK_STR(o, "Talks resumed on Feb. 4 in Minsk. || No. 10 said nothing.");
    sents("\"We will respond,\" he said. \"Soon.\" Then he left.", o, sizeof o);
    CHECK_STR(o, "\"We will respond,\" he said. || \"Soon.\" || Then he left.");
    sents("He paused... Then he spoke. George W. Bush agreed!", o, sizeof o);
    CHECK_STR(o, "He paused... || Then he spoke. || George W. Bush agreed!");
    sents("Headline without stop\n\nBody starts here. 12 died.", o, sizeof o);
    CHECK_STR(o, "Headline without stop || Body starts here. || 12 died.");
    sents("Summary\n- Italy flew back 56 nationals\n- Japan did too\nwrapped line", o,
          sizeof o);
    CHECK_STR(o, "Summary || - Italy flew back 56 nationals || - Japan did too\nwrapped line");
    sents("prices rose 3.5 pct in Jan. compared with Dec. last year.", o,
          sizeof o);
    CHECK_STR(o, "prices rose 3.5 pct in Jan. compared with Dec. last year.");
}

void test_dates(void)
{
    char o[11];
    int32_t a, b;
    CHECK_INT(ent_date_parse("2022-02-04", 10, o), ENT_OK);
    CHECK_STR(o, "2022-02-04");
    CHECK_INT(ent_date_parse("2022-02-04T10:00:00Z", 20, o), ENT_OK);
    CHECK_STR(o, "2022-02-04");
    CHECK_INT(ent_date_parse("26-FEB-1987 15:01:01.79", 23, o), ENT_OK);
    CHECK_STR(o, "1987-02-26");
    CHECK_INT(ent_date_parse("Fri, 04 Feb 2022 10:00:00 GMT", 29, o), ENT_OK);
    CHECK_STR(o, "2022-02-04");
    CHECK_INT(ent_date_parse("February 4, 2022", 16, o), ENT_OK);
    CHECK_STR(o, "2022-02-04");
    CHECK_INT(ent_date_parse("4 February 2022", 15, o), ENT_OK);
    CHECK_STR(o, "2022-02-04");
    CHECK_INT(ent_date_parse("2022-02-30", 10, o), ENT_EINVAL);
    CHECK_INT(ent_date_parse("yesterday", 9, o), ENT_EINVAL);
    CHECK_INT(ent_date_parse("", 0, o), ENT_EINVAL);
    CHECK_INT(ent__date_days("2000-03-01", &a), ENT_OK);
    CHECK_INT(ent__date_days("2000-02-28", &b), ENT_OK);
    CHECK_INT(a - b, 2); /* 2000 was a leap year */
    CHECK_INT(ent__date_days("2000-13-01", &a), ENT_EINVAL);
}
