/*
 * test_code.c -- the coder on the fixture dictionaries.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

static ent_dict *fixture(void)
{
    ent_dict_config cfg;
    ent_dict *d = NULL;
    char err[512];
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = th_dict_dir;
    if (ent_dict_load(&cfg, &d, err, sizeof err))
        printf("    fixture: %s\n", err);
    return d;
}

/* Load the fixture and a coder over it; 0 if that failed. */
static int setup(ent_dict **d, ent_coder **c)
{
    *c = NULL;
    *d = fixture();
    if (!*d)
        return 0;
    CHECK_INT(ent_coder_new(*d, c), ENT_OK);
    return *c != NULL;
}

static void teardown(ent_dict *d, ent_coder *c)
{
    ent_coder_free(c);
    ent_dict_free(d);
}

/* Code text on date and render events as "SRC TGT CODE[ ctx]; ...". */
static void code(ent_coder *c, const char *date, const char *text, char *out,
                 size_t n)
{
    ent_doc doc;
    const ent_result *r;
    size_t i, len = 0;
    memset(&doc, 0, sizeof doc);
    doc.date = date;
    doc.text = text;
    doc.text_len = strlen(text);
    out[0] = 0;
    if (ent_code(c, &doc, &r)) {
        snprintf(out, n, "error: %s", ent_coder_errmsg(c));
        return;
    }
    for (i = 0; i < r->nevents; i++) {
        const ent_event *e = &r->events[i];
        len += (size_t)snprintf(out + len, n - len, "%s%s %s %s%s", i ? "; " : "",
                                e->source, e->target, e->cameo->code,
                                e->context & ENT_CTX_HYPOTHETICAL ? " hyp"
                                : e->context & ENT_CTX_FUTURE     ? " fut"
                                                                  : "");
    }
}

void test_code_basic(void)
{
    ent_dict *d;
    ent_coder *c;
    char o[512];
    if (!setup(&d, &c))
        return;
    code(c, "2022-02-04", "Xi Jinping met Vladimir Putin in Beijing.", o, sizeof o);
    CHECK_STR(o, "CHNGOV RUSGOV 040; RUSGOV CHNGOV 040");
    code(c, "2022-02-04", "China and Russia held joint naval exercises.", o, sizeof o);
    CHECK_STR(o, "CHN RUS 062; RUS CHN 062");
    code(c, "2022-02-04", "Ukraine was attacked by Russia.", o, sizeof o);
    CHECK_STR(o, "RUS UKR 190");
    code(c, "2022-02-04", "Russian troops attacked Ukraine.", o, sizeof o);
    CHECK_STR(o, "RUSMIL UKR 190");
    code(c, "2022-02-04", "Russia's army attacked Ukraine.", o, sizeof o);
    CHECK_STR(o, "RUSMIL UKR 190");
    code(c, "2022-02-04", "The army of Russia attacked Ukraine.", o, sizeof o);
    CHECK_STR(o, "RUSMIL UKR 190");
    code(c, "2022-02-04", "Russia did not attack Ukraine.", o, sizeof o);
    CHECK_STR(o, "");
    code(c, "2022-02-04", "Russia might invade Ukraine.", o, sizeof o);
    CHECK_STR(o, "RUS UKR 190 hyp");
    code(c, "2022-02-04", "Russia plans to invade Ukraine.", o, sizeof o);
    CHECK_STR(o, "RUS UKR 190 fut");
    code(c, "2022-02-04", "The US imposed sanctions on Russia and China.", o, sizeof o);
    CHECK_STR(o, "USA RUS 163; USA CHN 163");
    code(c, "2022-02-04", "Turkey and the United States signed a deal.", o, sizeof o);
    CHECK_STR(o, "TUR USA 057; USA TUR 057");
    code(c, "2022-02-04", "I ate turkey with the us team.", o, sizeof o);
    CHECK_STR(o, "");
    code(c, "2022-02-04", "US and Chinese officials held talks.", o, sizeof o);
    CHECK_STR(o, "USAGOV CHNGOV 040; CHNGOV USAGOV 040");
    code(c, "2022-02-04", "Police and Chinese officials held talks.", o, sizeof o);
    CHECK_STR(o, "COP CHNGOV 040; CHNGOV COP 040"); /* not "COPGOV" */
    code(c, "2022-02-04", "The attack on Ukraine was condemned.", o, sizeof o);
    CHECK_STR(o, "");
    code(c, "2022-02-04", "Russia said Ukraine attacked Turkey.", o, sizeof o);
    CHECK_STR(o, "UKR TUR 190");
    code(c, "2022-02-04", "The day was calm. Turkey hosted Putin.", o, sizeof o);
    CHECK_STR(o, "TUR RUSGOV 043");
    code(c, "2022-02-04", "Russia attacked Ukraine and invaded Turkey.", o, sizeof o);
    CHECK_STR(o, "RUS UKR 190; RUS TUR 190");
    teardown(d, c);
}

void test_code_dated_leader(void)
{
    ent_dict *d;
    ent_coder *c;
    char o[512];
    if (!setup(&d, &c))
        return;
    code(c, "2010-06-01", "Putin visited China.", o, sizeof o);
    CHECK_STR(o, "RUSGOV CHN 042");
    code(c, "1995-06-01", "Putin visited China.", o, sizeof o);
    CHECK_STR(o, "RUS CHN 042");
    code(c, "2017-06-01", "Zelensky visited Turkey.", o, sizeof o);
    CHECK_STR(o, "UKR TUR 042");
    code(c, "2022-06-01", "Zelensky visited Turkey.", o, sizeof o);
    CHECK_STR(o, "UKRGOV TUR 042");
    teardown(d, c);
}

static void collect(void *ud, const char *line)
{
    ent__buf *b = ud;
    ent__buf_add(NULL, b, line, strlen(line));
    ent__buf_add(NULL, b, "\n", 1);
}

void test_code_trace(void)
{
    ent_dict *d;
    ent_coder *c;
    ent__buf b = {0};
    ent_doc doc;
    const ent_result *r;
    const char *text = "Putin met Xi Jinping.";
    if (!setup(&d, &c))
        return;
    ent_coder_set_trace(c, collect, &b);
    memset(&doc, 0, sizeof doc);
    doc.date = "2022-02-04";
    doc.text = text;
    doc.text_len = strlen(text);
    CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
    CHECK(b.p && strstr(b.p, "met/v:meet"));
    CHECK(b.p && strstr(b.p, "actor  \"Putin\" -> RUSGOV  [test.actors:10 "
                          "\"Vladimir Putin\"; test.actors:14 2012-05-07.. "
                          "President of Russia]"));
    CHECK(b.p && strstr(b.p, "try    \"met\": 040 meet  [verbs.txt:2] matches"));
    CHECK(b.p && strstr(b.p, "event  RUSGOV -> CHNGOV  040"));
    /* spans point into the sentence */
    CHECK_INT(r->nevents, 2);
    if (r->nevents) {
        CHECK_INT(r->events[0].source_span.start, 0);
        CHECK_INT(r->events[0].source_span.end, 5);
        CHECK_INT(r->events[0].verb_span.start, 6);
        CHECK_INT(r->events[0].verb_span.end, 9);
        CHECK_INT(r->events[0].target_span.start, 10);
        CHECK_INT(r->events[0].target_span.end, 20);
        CHECK_STR(r->events[0].rule, "verbs.txt:2");
        CHECK_STR(r->events[0].source_country, "RUS");
    }
    ent__buf_free(NULL, &b);
    teardown(d, c);
}

void test_code_errors(void)
{
    ent_dict *d;
    ent_coder *c;
    ent_doc doc;
    const ent_result *r = (const ent_result *)1;
    if (!setup(&d, &c))
        return;
    memset(&doc, 0, sizeof doc);
    doc.date = "2022-02-31";
    doc.text = "Russia attacked Ukraine.";
    doc.text_len = strlen(doc.text);
    CHECK_INT(ent_code(c, &doc, &r), ENT_EINVAL);
    CHECK(r == NULL);
    CHECK(strstr(ent_coder_errmsg(c), "date") != NULL);
    doc.date = "2022-02-04";
    doc.text = "Russia \xff attacked";
    doc.text_len = strlen(doc.text);
    CHECK_INT(ent_code(c, &doc, &r), ENT_EUTF8);
    CHECK_STR(ent_coder_errmsg(c), "invalid UTF-8 at byte 7");
    doc.text = "Russia\0attacked";
    doc.text_len = 15;
    CHECK_INT(ent_code(c, &doc, &r), ENT_EUTF8);
    CHECK_STR(ent_coder_errmsg(c), "NUL byte at byte 6");
    doc.text = "";
    doc.text_len = 0;
    CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
    CHECK(r && r->nevents == 0 && r->nsents == 0);
    CHECK_INT(ent_code(NULL, &doc, &r), ENT_EINVAL);
    {
        ent_coder *c2 = (ent_coder *)1;
        CHECK_INT(ent_coder_new(NULL, &c2), ENT_EINVAL);
        CHECK(c2 == NULL);
    }
    ent_coder_free(NULL);
    teardown(d, c);
}
