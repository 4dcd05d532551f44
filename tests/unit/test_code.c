/*
 * test_code.c -- the coder on the fixture dictionaries.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>
#include <unistd.h>

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
    /* not "COPGOV"; the police are China's (option domestic_agents) */
    CHECK_STR(o, "CHNCOP CHNGOV 040; CHNGOV CHNCOP 040");
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

/* Code text with the dictionaries of dir; events as in code(), then the
 * status of the first sentence when it is not "coded". */
static void code_ext(ent_coder *c, const char *date, const char *text,
                     char *out, size_t n)
{
    ent_doc doc;
    const ent_result *r;
    memset(&doc, 0, sizeof doc);
    doc.date = date;
    doc.text = text;
    doc.text_len = strlen(text);
    code(c, date, text, out, n);
    if (!ent_code(c, &doc, &r) && r->nsents && r->sents[0].status) {
        size_t len = strlen(out);
        snprintf(out + len, n - len, "%s[%s]", len ? " " : "",
                 r->sents[0].status == ENT_SENT_COMPLEX ? "complex"
                                                        : "discard");
    }
}

/* The syntax `entente dict import` writes: prefix words, the null actor,
 * prefixed agents, synsets (nested), words before the anchor, '$', paired
 * codes, "+++"/"###" codes and discard phrases (tests/data/dict-ext). */
void test_code_imported_syntax(void)
{
    ent_dict_config cfg;
    ent_dict *d = NULL;
    ent_coder *c = NULL;
    char err[512], o[512];
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = "tests/data/dict-ext";
    CHECK_INT(ent_dict_load(&cfg, &d, err, sizeof err), ENT_OK);
    if (!d) {
        printf("    %s\n", err);
        return;
    }
    CHECK_INT(ent_coder_new(d, &c), ENT_OK);
    if (!c) {
        ent_dict_free(d);
        return;
    }
    /* prefix words: "arnor*" matches Arnorian; "bomb*" anchors bombed */
    code_ext(c, "1997-01-01", "Arnor restored full diplomatic ties with Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 064");
    code_ext(c, "1997-01-01", "Arnorian war planes attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 225"); /* synset phrase before the anchor */
    code_ext(c, "1997-01-01", "Arnor helicopters attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 225"); /* synset stem "helicopter*" */
    code_ext(c, "1997-01-01", "Arnor attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 223");
    code_ext(c, "1997-01-01", "Dagolath bombed Gondor.", o, sizeof o);
    CHECK_STR(o, "DAG GON 225");
    /* the null actor codes nothing and is ignored as source and target */
    code_ext(c, "1997-01-01", "Boromir attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "");
    code_ext(c, "1997-01-01", "Arnor and Boromir attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 223");
    /* dated codes: before, range, after */
    code_ext(c, "1994-01-01", "Smeagol attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "HOB GON 223");
    code_ext(c, "1997-01-01", "Gollum attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "HOBGOV GON 223");
    code_ext(c, "2001-01-01", "Gollum attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "HOBREB GON 223");
    /* one phrase, several actors */
    code_ext(c, "1997-01-01", "The Shire attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "FRO GON 223; BIL GON 223; SAM GON 223");
    code_ext(c, "1997-01-01", "Gondor attacked the Shire.", o, sizeof o);
    CHECK_STR(o, "GON FRO 223; GON BIL 223; GON SAM 223");
    /* '%': the compound's members act on each other; '^': an actor to
     * pass over */
    code_ext(c, "1997-01-01", "Arnor and Gondor have postponed their meeting.", o, sizeof o);
    CHECK_STR(o, "ARN GON 031; GON ARN 031");

    /* a '%' compound after the verb with an actor before it: the target
     * (compound_target = yes, PETRARCH), or acting mutually (no, TABARI) */
    code_ext(c, "1997-01-01", "Dagolath exchanged prisoners with Arnor and Gondor.", o, sizeof o);
    CHECK_STR(o, "DAG ARN 191; DAG GON 191");
    CHECK_INT(ent_coder_set_option(c, "compound_target", "no"), ENT_OK);
    code_ext(c, "1997-01-01", "Dagolath exchanged prisoners with Arnor and Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 191; GON ARN 191");
    ent_coder_reset_options(c);
    code_ext(c, "1997-01-01", "Arnor warned at the Gondor of the Dagolath.", o, sizeof o);
    CHECK_STR(o, "ARN DAG 162");
    /* paired code: the target's side in reverse */
    code_ext(c, "1997-01-01", "Arnor visited Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 032; GON ARN 033");
    /* '+' before the anchor, '$' after it */
    code_ext(c, "1997-01-01", "Gondor known to connect with Arnor in Dagolath.", o, sizeof o);
    CHECK_STR(o, "DAG GON 075A");
    /* nested synset: &tiephrase = &tietypes memos */
    code_ext(c, "1997-01-01", "Arnor restored economic memos with Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 064");
    code_ext(c, "1997-01-01", "Arnor restored memos on cultural exchange with Gondor.", o, sizeof o);
    CHECK_STR(o, "ARN GON 064");
    /* agents: appended ("~GOV", a prefix word) and prefixed ("NGM~") */
    code_ext(c, "1997-01-01", "The Arnor foreign ministers attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "ARNGOV GON 223");
    code_ext(c, "1997-01-01", "Arnor human rights activists attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "NGMARN GON 223");
    /* complex and discard codes, discard phrases */
    code_ext(c, "1997-01-01", "Arnor attacked Gondor and blasted Dagolath.", o, sizeof o);
    CHECK_STR(o, "[complex]");
    code_ext(c, "1997-01-01", "Gondor celebrated with Arnor.", o, sizeof o);
    CHECK_STR(o, "[discard]");
    code_ext(c, "1997-01-01", "Arnor attacked Gondor after the World Cup.", o, sizeof o);
    CHECK_STR(o, "[discard]");
    code_ext(c, "1997-01-01", "Arnor attacked Gondor after volleyball matches.", o, sizeof o);
    CHECK_STR(o, "[discard]");
    ent_coder_free(c);
    ent_dict_free(d);
}

/* The files of tests/data/dict-ext. */
static const char *const ext_files[] = {"cameo.tsv",   "fixture.actors",
                                        "agents.txt",  "synsets.txt",
                                        "verbs.txt",   "discards.txt",
                                        "context.txt", "options.txt",
                                        "negations.txt"};
#define NEXT (sizeof ext_files / sizeof *ext_files)

/* Copy tests/data/dict-ext into a new directory dir (a mkdtemp
 * template), with file's content replaced by text (file may be NULL, or
 * a name the fixture lacks, such as options.txt or negations.txt).
 * Returns 0 on failure. */
static int ext_copy(char *dir, const char *file, const char *text)
{
    char path[256];
    size_t i;
    if (!mkdtemp(dir))
        return 0;
    for (i = 0; i < NEXT; i++) {
        FILE *in, *out;
        char buf[4096];
        size_t nr;
        int mine = file && !strcmp(ext_files[i], file);
        snprintf(path, sizeof path, "tests/data/dict-ext/%s", ext_files[i]);
        in = fopen(path, "rb");
        if (!in && !mine)
            continue; /* options.txt, negations.txt: not in the fixture */
        snprintf(path, sizeof path, "%s/%s", dir, ext_files[i]);
        out = fopen(path, "wb");
        if (out && mine)
            fputs(text, out);
        else if (out)
            while ((nr = fread(buf, 1, sizeof buf, in)) > 0)
                fwrite(buf, 1, nr, out);
        if (in)
            fclose(in);
        if (!out)
            return 0;
        fclose(out);
    }
    return 1;
}

/* Remove what ext_copy() made. */
static void ext_remove(const char *dir)
{
    char path[256];
    size_t i;
    for (i = 0; i < NEXT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, ext_files[i]);
        remove(path);
    }
    rmdir(dir);
}

/* Free what ext_open() made: the coder, the dictionary, the copy. */
static void ext_close(char *dir, ent_dict *d, ent_coder *c)
{
    ent_coder_free(c);
    ent_dict_free(d);
    ext_remove(dir);
}

/* Code text (dated 1997-01-01) and compare its events with want,
 * naming the text when they differ. */
static void expect(ent_coder *c, const char *text, const char *want)
{
    char o[512];
    code(c, "1997-01-01", text, o, sizeof o);
    if (strcmp(o, want))
        printf("    \"%s\" coded \"%s\"\n", text, o);
    CHECK_STR(o, want);
}

/* ext_copy(), then load the copy and make a coder over it (*d and *c,
 * freed by the caller with ext_remove(dir)). Returns 0, after a failed
 * CHECK and with nothing left behind, when any step fails. */
static int ext_open(char *dir, const char *file, const char *text,
                    ent_dict **d, ent_coder **c)
{
    char err[512];
    ent_dict_config cfg;
    *d = NULL;
    *c = NULL;
    if (!ext_copy(dir, file, text)) {
        CHECK(0);
        return 0;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = dir;
    CHECK_INT(ent_dict_load(&cfg, d, err, sizeof err), ENT_OK);
    if (!*d || ent_coder_new(*d, c)) {
        CHECK(0);
        ent_dict_free(*d);
        ext_remove(dir);
        return 0;
    }
    return 1;
}

/* Load a one-file change of tests/data/dict-ext and check the error. */
static void ext_broken(const char *file, const char *text, const char *want)
{
    char dir[] = "/tmp/entente-ext-XXXXXX", err[512];
    ent_dict_config cfg;
    ent_dict *d = NULL;
    if (!ext_copy(dir, file, text)) {
        CHECK(0);
        return;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = dir;
    CHECK_INT(ent_dict_load(&cfg, &d, err, sizeof err), ENT_EFORMAT);
    if (!strstr(err, want)) {
        printf("    error '%s' lacks '%s'\n", err, want);
        CHECK(0);
    }
    ent_dict_free(d);
    ext_remove(dir);
}

void test_dict_imported_errors(void)
{
    ext_broken("synsets.txt", "&a = &b x\n&b = &a y\n",
               "synsets.txt:1: synsets refer to each other in a cycle");
    ext_broken("synsets.txt", "&a = x\n&a = y\n",
               "synsets.txt:2: synset &a defined twice");
    ext_broken("synsets.txt", "a = x\n", "synsets.txt:1: expected '&name");
    ext_broken("synsets.txt", "&a = &nope x\n",
               "synsets.txt:1: unknown synset '&nope'");
    ext_broken("verbs.txt", "223 attack * &nope\n",
               "verbs.txt:1: unknown synset '&nope'");
    ext_broken("verbs.txt", "223 @attack @bomb\n",
               "verbs.txt:1: more than one anchor");
    ext_broken("verbs.txt", "223 planes @&aircraft\n",
               "verbs.txt:1: a pattern must start with its verb");
    ext_broken("verbs.txt", "223 attack $ * $\n",
               "verbs.txt:1: more than one '$'");
    ext_broken("verbs.txt", "032:999 visit\n",
               "verbs.txt:1: unknown CAMEO code '999'");
    ext_broken("agents.txt", "troops = ~\n", "agents.txt:1: bad sector code");
    ext_broken("agents.txt", "troops = ---\n", "agents.txt:1: bad sector code");
    ext_broken("fixture.actors", "x = FRO//SAM\n",
               "fixture.actors:1: bad actor code 'FRO//SAM'");
    ext_broken("fixture.actors", "x = FRO/---\n",
               "fixture.actors:1: bad actor code 'FRO/---'");
}

/* options.txt: compound_reciprocal and place_targets change how the
 * fixture codes a compound without a target and a place. */
void test_code_imported_options(void)
{
    static const char *const opts[] = {
        "# none\n",
        "compound_reciprocal = yes\nplace_targets = yes\n"
        "possessive_verbs = yes\n",
        "place_targets = maybe\n"};
    char err[512], o[512];
    ent_dict_config cfg;
    int pass;
    for (pass = 0; pass < 3; pass++) {
        char dir[] = "/tmp/entente-opt-XXXXXX";
        ent_dict *d = NULL;
        ent_coder *c = NULL;
        if (!ext_copy(dir, "options.txt", opts[pass])) {
            CHECK(0);
            return;
        }
        memset(&cfg, 0, sizeof cfg);
        cfg.dict_dir = dir;
        if (pass == 2) {
            CHECK_INT(ent_dict_load(&cfg, &d, err, sizeof err), ENT_EFORMAT);
            CHECK(strstr(err, "options.txt:1: option place_targets: 'maybe'") != NULL);
        } else {
            CHECK_INT(ent_dict_load(&cfg, &d, err, sizeof err), ENT_OK);
            if (d && !ent_coder_new(d, &c)) {
                code(c, "1997-01-01", "Arnor and Gondor attacked.", o, sizeof o);
                CHECK_STR(o, pass ? "ARN GON 223; GON ARN 223" : "");
                code(c, "1997-01-01", "Arnor attacked in Gondor.", o, sizeof o);
                CHECK_STR(o, pass ? "ARN GON 223" : "");
                code(c, "1997-01-01", "Arnor renewed its attack on Gondor.", o,
                     sizeof o);
                CHECK_STR(o, pass ? "ARN GON 223" : "");
            }
        }
        ext_close(dir, d, c);
    }
}

/* ent_coder_set_option(): each option changes what the fixture codes, a
 * bad name or value is refused and leaves the option as it was, and
 * ent_coder_reset_options() restores the dictionary's defaults. */
void test_code_set_option(void)
{
    /* in order: set name=value (unless NULL), then code text (unless
     * NULL) and compare */
    static const struct {
        const char *name, *value, *text, *want;
    } steps[] = {
        /* minimum_words = 5 from options.txt: neither "'s" nor the full
         * stop counts */
        {NULL, NULL, "Arnor attacked Gondor.", ""},
        {NULL, NULL, "Arnor's planes attacked Gondor.", ""},
        {NULL, NULL, "Arnor attacked Gondor on Monday.", "ARN GON 223"},
        {"minimum_words", "0", "Arnor attacked Gondor.", "ARN GON 223"},
        /* default actors and require_dyad */
        {NULL, NULL, "Fxrnost attacked Gondor.", ""},
        {"default_source", "DEFSRC", "Fxrnost attacked Gondor.",
         "DEFSRC GON 223"},
        {NULL, NULL, "Arnor attacked.", ""},
        {"require_dyad", "no", "Arnor attacked.", "ARN --- 223"},
        {"default_target", "DEFTAR", "Arnor attacked.", "ARN DEFTAR 223"},
        /* without PRIOR (TABARI), the first actor after the verb is the
         * source before the default is */
        {"default_prior", "no", "Fxrnost attacked Gondor on Monday.",
         "GON DEFTAR 223"},
        {NULL, NULL, "Fxrnost attacked Gondor and Dagolath on Monday.",
         "GON DAG 223"},
        {"default_prior", "yes", "Fxrnost attacked Gondor on Monday.",
         "DEFSRC GON 223"},
        {NULL, NULL, "Then it rained and the army attacked.",
         "DEFSRC DEFTAR 223"},
        {"default_source", "none", NULL, NULL},
        {"default_target", "none", NULL, NULL},
        {"require_dyad", "yes", "Arnor attacked.", ""},
        /* code_by: every verb, one event a sentence, one a clause */
        {NULL, NULL, "Arnor attacked Gondor and bombed Dagolath.",
         "ARN GON 223; ARN DAG 225"},
        {"code_by", "sentence", "Arnor attacked Gondor and bombed Dagolath.",
         "ARN GON 223"},
        {NULL, NULL, "Arnor attacked Gondor. Gondor bombed Dagolath.",
         "ARN GON 223; GON DAG 225"},
        /* TABARI's clauses: delimited by conjunctions and commas, not
         * by a subordinator */
        {"code_by", "clause",
         "Arnor attacked Gondor after Gondor bombed Dagolath.",
         "ARN GON 223"},
        {NULL, NULL, "Arnor attacked Gondor on Monday but Dagolath bombed "
                     "Arnor.",
         "ARN GON 223; DAG ARN 225"},
        {"code_by", "verb", NULL, NULL},
        /* TABARI's endings "es" and "en" on a verb anchor; English
         * spelling alone does not give them */
        {NULL, NULL, "Arnor attackes Gondor on Monday.", ""},
        {"tabari_endings", "yes", "Arnor attackes Gondor on Monday.",
         "ARN GON 223"},
        {NULL, NULL, "Arnor attacken Gondor on Monday.", "ARN GON 223"},
        {"tabari_endings", "no", "Arnor attackes Gondor on Monday.", ""},
        /* the comma rule: phrases of 2 to 10 words between commas and at
         * the end go; a compound of actors keeps its commas */
        {"comma_min", "2", NULL, NULL},
        {"comma_max", "10", NULL, NULL},
        {"comma_emin", "2", NULL, NULL},
        {"comma_emax", "10",
         "Arnor, a friend of Dagolath for years, attacked Gondor.",
         "ARN GON 223"},
        {NULL, NULL, "Arnor attacked Gondor, Dagolath said.", "ARN GON 223"},
        {NULL, NULL, "Arnor, Dagolath and the Shire attacked Gondor.",
         "ARN GON 223; DAG GON 223; FRO GON 223; BIL GON 223; SAM GON 223"},
        {NULL, NULL,
         "Gondor said, in a statement that Dagolath read aloud on Monday "
         "night, that Arnor attacked.",
         ""},
        /* TABARI's complexity filter: verbs, conjunctions, no actor
         * before the first verb */
        {"complex_verbs", "2", "Arnor attacked Gondor and bombed Dagolath.",
         ""},
        {"complex_verbs", "3", "Arnor attacked Gondor and bombed Dagolath.",
         "ARN GON 223; ARN DAG 225"},
        {"complex_verbs", "0", NULL, NULL},
        {"complex_conj", "1", "Arnor attacked Gondor and bombed Dagolath.",
         ""},
        {"complex_conj", "0", NULL, NULL},
        {"comma_emax", "0", NULL, NULL},
        {NULL, NULL, "Attacking Gondor on Monday, Arnor bombed Dagolath.",
         "ARN DAG 225"},
        {"complex_noactprior", "yes",
         "Attacking Gondor on Monday, Arnor bombed Dagolath.", ""},
        {NULL, NULL, "Arnor attacked Gondor and bombed Dagolath.",
         "ARN GON 223; ARN DAG 225"},
        {"complex_noactprior", "no", NULL, NULL},
        /* TABARI's source: the first actor of the clause before the verb */
        {"code_by", "clause",
         "Arnor was ready on Monday after Dagolath crowds attacked Gondor.",
         "ARN GON 223"},
        {"code_by", "verb",
         "Arnor was ready on Monday after Dagolath crowds attacked Gondor.",
         "DAG GON 223"},
        /* TABARI's clauses: after "or" with no actor, the source stays */
        {"code_by", "clause",
         "Arnor attacked Gondor after the talks in Dagolath or bombed the "
         "Shire.",
         "ARN GON 223; ARN FRO 225; ARN BIL 225; ARN SAM 225"},
        {"code_by", "verb", NULL, NULL},
        /* an agent that joins no actor is one, unless convert_agents is
         * off (TABARI's default) */
        {NULL, NULL, "The foreign minister attacked Gondor on Monday.",
         "GOV GON 223"},
        {"convert_agents", "no",
         "The foreign minister attacked Gondor on Monday.", ""},
        {NULL, NULL, "Arnor's foreign minister attacked Gondor on Monday.",
         "ARNGOV GON 223"},
        {"convert_agents", "yes", NULL, NULL},
    };
    size_t k;
    char dir[] = "/tmp/entente-set-XXXXXX", o[512];
    ent_dict *d = NULL;
    ent_coder *c = NULL;
    if (!ext_open(dir, "options.txt", "minimum_words = 5\n", &d, &c))
        return;
    /* errors */
    CHECK_INT(ent_coder_set_option(c, "nosuch", "1"), ENT_EINVAL);
    CHECK(strstr(ent_coder_errmsg(c), "unknown option 'nosuch'") != NULL);
    CHECK_INT(ent_coder_set_option(c, "minimum_words", "-1"), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(c, "minimum_words", "4x"), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(c, "code_by", "word"), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(c, "default_source", "usa"), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(c, "require_dyad", "true"), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(c, "comma_max", ""), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(c, "comma_nope", "3"), ENT_EINVAL);
    CHECK_INT(ent_coder_set_option(NULL, "code_by", "verb"), ENT_EINVAL);
    for (k = 0; k < sizeof steps / sizeof *steps; k++) {
        if (steps[k].name)
            CHECK_INT(ent_coder_set_option(c, steps[k].name, steps[k].value),
                      ENT_OK);
        if (steps[k].text)
            expect(c, steps[k].text, steps[k].want);
    }
    ent_coder_reset_options(c);
    code(c, "1997-01-01", "Arnor attacked Gondor.", o, sizeof o);
    CHECK_STR(o, "");
    ext_close(dir, d, c);
}

/* A comma-delimited phrase removed by the comma_* options leaves no
 * actor phrase joined across the gap: "Arnor[, its old foe,] human
 * rights activists" is Arnor, then the activists. */
void test_code_comma_cut(void)
{
    char dir[] = "/tmp/entente-cut-XXXXXX";
    ent_dict *d = NULL;
    ent_coder *c = NULL;
    if (!ext_open(dir, "options.txt", "comma_min = 2\ncomma_max = 10\n",
                  &d, &c))
        return;
    expect(c, "Gondor attacked Arnor, its old foe, human rights activists "
              "said.", "GON ARN 223");
    ext_close(dir, d, c);
}

/* negations.txt: a negated event takes its negated code instead of being
 * dropped; codes without a negation are still dropped; a bad file is
 * refused with its line. */
void test_code_negations(void)
{
    char dir[] = "/tmp/entente-neg-XXXXXX";
    ent_dict *d = NULL;
    ent_coder *c = NULL;
    if (ext_open(dir, "negations.txt", "# test\n223 064\n064 223\n", &d,
                 &c)) {
        expect(c, "Arnor did not attack Gondor.", "ARN GON 064");
        expect(c, "Arnor attacked Gondor.", "ARN GON 223");
        expect(c, "Arnor never bombed Gondor.", "");
        ext_close(dir, d, c);
    }
    ext_broken("negations.txt", "223\n", "negations.txt:1: expected 'CODE "
                                          "NEGATED_CODE'");
    ext_broken("negations.txt", "223 999\n",
               "negations.txt:1: unknown CAMEO code '999'");
    ext_broken("negations.txt", "223 064\n223 031\n",
               "negations.txt:2: code 223 negated twice");
    ext_broken("negations.txt", "223 064 031\n",
               "negations.txt:1: expected 'CODE NEGATED_CODE'");
}

/* A gap word "*" in an actor phrase (TABARI's "ITHILEN TELEVISION",
 * imported) skips up to three words of one noun phrase, or none; not a
 * comma, a conjunction or a verb. */
void test_code_actor_gaps(void)
{
    char dir[] = "/tmp/entente-gap-XXXXXX";
    ent_dict *d = NULL;
    ent_coder *c = NULL;
    if (!ext_open(dir, "fixture.actors",
                  "arnor* = ARN\ngondor = GON\ndagolath* = DAG\n"
                  "dagolath* * television* = DAGTV\n"
                  "prince* * dol amroth* = DOL\n"
                  "amnesty international = NGM\n", &d, &c))
        return;
    /* a prefixed agent ("NGM~") before an actor that already has its
     * sector adds nothing: NGM, not NGMNGM */
    expect(c, "Human rights activists Amnesty International attacked "
              "Arnor.", "NGM ARN 223");
    expect(c, "Arnor attacked Dagolath state-run television.",
           "ARN DAGTV 223");
    expect(c, "Arnor attacked Dagolath television.", "ARN DAGTV 223");
    expect(c, "Arnor attacked the Prince of Dol Amroth.", "ARN DOL 223");
    expect(c, "Arnor attacked the Prince of Dol_Amroth.", "ARN DOL 223");
    /* four words are too many; a conjunction or a comma ends the gap */
    expect(c, "Arnor attacked the Prince of the old realm of Dol Amroth.", "");
    expect(c, "Arnor attacked Dagolath and Gondor television.",
           "ARN DAG 223; ARN GON 223");
    expect(c, "Arnor attacked Dagolath, the television said.", "ARN DAG 223");
    /* nor a name */
    expect(c, "Arnor attacked the Prince of Old Dol Amroth.", "");
    /* nor a verb: Dagolath is the target, not "Dagolath ... television" */
    expect(c, "Dagolath attacked Gondor television.", "DAG GON 223");
    ext_close(dir, d, c);
}

/* A pattern that names its source after the verb and no target leaves
 * the verb's subject as the target (UD-PETRARCH's "celebrate * may day *
 * $"); one that names no source keeps the subject as source, and one
 * with words before its anchor takes the subject of its first word. */
void test_code_source_after_verb(void)
{
    char dir[] = "/tmp/entente-src-XXXXXX";
    ent_dict *d = NULL;
    ent_coder *c = NULL;
    if (!ext_open(dir, "verbs.txt",
                  "223  attack\n031  meet * in $\n032  visit\n"
                  "162  suggested * @should * apply * conventions\n"
                  "191  noted * + * @regret\n"
                  "031  % * @postpone\n191  postpone * with\n"
                  "064  restore\n191  never * @restore\n",
                  &d, &c))
        return;
    /* a negation the pattern itself names is no context of its event:
     * "never * @restore" codes 191, "not" still negates "restore" */
    /* a word before a possessive "'s" is a noun, never a verb */
    expect(c, "Arnor attack's Gondor on Monday.", "");
    expect(c, "Arnor attacks Gondor on Monday.", "ARN GON 223");
    expect(c, "Arnor never restored ties with Gondor.", "ARN GON 191");
    expect(c, "Arnor did not restore ties with Gondor.", "");
    /* '%' is a compound, never one actor: "postpone * with" codes */
    expect(c, "Arnor postponed the talks with Gondor on Monday.",
           "ARN GON 191");
    /* the pattern's target is the anchor's subject; the source is the
     * subject of the pattern's first word */
    expect(c, "Arnor noted that Gondor regretted the decision.",
           "ARN GON 191");
    expect(c, "Gondor met on Monday in Arnor.", "ARN GON 031");
    expect(c, "Gondor visited Arnor on Monday.", "GON ARN 032");
    /* a pattern with words before its anchor: the source is the subject
     * of its first word, not of the anchor ("should" has none) */
    expect(c, "Arnor suggested Gondor should apply the conventions in its "
              "dealings with Dagolath.", "ARN DAG 162");
    ext_close(dir, d, c);
}

/* The date of each event (ent_event.when): its clause's date expression
 * nearest the verb, else its sentence's, else the publication date. */
void test_code_event_dates(void)
{
    static const struct {
        const char *pub, *text, *want; /* want: "date end precision expr"
                                          of the first event */
    } cases[] = {
        {"2022-02-10", "Xi Jinping met Vladimir Putin in Beijing on 4 February.",
         "2022-02-04  day on 4 February"},
        {"2022-02-10", "Xi Jinping met Vladimir Putin in Beijing.",
         "2022-02-10  pub "},
        {"2022-01-02", "Russia attacked Ukraine on 30 December.",
         "2021-12-30  day on 30 December"},
        {"2022-02-10", "China said on Tuesday that Russia attacked Ukraine in 2014.",
         "2014-01-01 2014-12-31 year in 2014"},
        {"2022-02-10", "Russia said on Tuesday that Ukraine attacked Russia.",
         "2022-02-08  day on Tuesday"},
        {"2022-02-10", "Since 2003, Russia has attacked Ukraine twice.",
         "2003-01-01 2022-02-10 range Since 2003"},
    };
    ent_dict *d;
    ent_coder *c;
    size_t i;
    if (!setup(&d, &c))
        return;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        ent_doc doc;
        const ent_result *r;
        char o[256] = "";
        memset(&doc, 0, sizeof doc);
        doc.date = cases[i].pub;
        doc.text = cases[i].text;
        doc.text_len = strlen(cases[i].text);
        CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
        if (r && r->nevents) {
            const ent_when *w = &r->events[0].when;
            const char *st = r->text + r->sents[r->events[0].sent].start;
            snprintf(o, sizeof o, "%s %s %s %.*s", w->date, w->end,
                     ent_when_precision_name(w->precision),
                     (int)(w->expr.end - w->expr.start), st + w->expr.start);
        }
        if (strcmp(o, cases[i].want))
            printf("    \"%s\": %s\n", cases[i].text, o);
        CHECK_STR(o, cases[i].want);
    }
    ent_coder_free(c);
    ent_dict_free(d);
}

/* A sentence repeated word for word in one document (a pull quote) is
 * coded once; short sentences and other documents are not affected. */
void test_code_repeats(void)
{
    static const char *const text =
        "\"Russia attacked Ukraine without any warning,\" the minister said. "
        "The war began at dawn. Russia attacked Ukraine without any "
        "warning, the minister said. Russia attacked Ukraine.";
    ent_dict *d;
    ent_coder *c;
    ent_doc doc;
    const ent_result *r;
    int pass;
    if (!setup(&d, &c))
        return;
    memset(&doc, 0, sizeof doc);
    doc.date = "2022-02-24";
    doc.text = text;
    doc.text_len = strlen(text);
    for (pass = 0; pass < 2; pass++) { /* the second document is new */
        CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
        if (!r)
            break;
        CHECK_INT(r->nsents, 4);
        CHECK_INT(r->nevents, 2); /* the first sentence and the last */
        if (r->nsents == 4) {
            CHECK_INT(r->sents[0].status, ENT_SENT_CODED);
            CHECK_INT(r->sents[2].status, ENT_SENT_REPEAT);
            CHECK_INT(r->sents[3].status, ENT_SENT_CODED);
        }
    }
    ent_coder_free(c);
    ent_dict_free(d);
}

/* Language: English news by its function words, other languages by CLD2;
 * in a document, paragraphs not in English are not coded. */
void test_code_language(void)
{
    static const struct {
        const char *text;
        const char *lang;
        int english;
    } cases[] = {
        {"Russian President Vladimir Putin met Chinese President Xi Jinping "
         "in Beijing on Friday, the Kremlin said.", "en", 1},
        {"Le président russe Vladimir Poutine a rencontré le président "
         "chinois Xi Jinping à Pékin vendredi, a indiqué le Kremlin.", "fr",
         0},
        {"Der russische Präsident Wladimir Putin traf am Freitag in Peking "
         "den chinesischen Präsidenten Xi Jinping.", "de", 0},
        {"Президент России Владимир Путин встретился с председателем КНР "
         "Си Цзиньпином в Пекине в пятницу.", "ru", 0},
        {"Russia attacked Ukraine.", "en", 1}, /* few words: not enough */
        {"", "en", 1}, /* CLD2 guesses English, unreliably */
    };
    static const char *const doc_text =
        "Russia attacked Ukraine on Monday, officials said.\n\n"
        "La Russie a attaqué l'Ukraine lundi, selon des responsables "
        "ukrainiens. Poutine a rencontré Xi Jinping à Pékin.\n\n"
        "China attacked Ukraine on Tuesday.";
    size_t i;
    ent_dict *d;
    ent_coder *c;
    ent_doc doc;
    const ent_result *r;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char lang[8] = "";
        int en = -1;
        CHECK_INT(ent_lang_detect(cases[i].text, strlen(cases[i].text), lang,
                                  &en),
                  ENT_OK);
        if (strcmp(lang, cases[i].lang) || en != cases[i].english)
            printf("    \"%.30s\": %s %d\n", cases[i].text, lang, en);
        CHECK_STR(lang, cases[i].lang);
        CHECK_INT(en, cases[i].english);
    }
    CHECK_INT(ent_lang_detect(NULL, 0, (char[8]){0}, &(int){0}), ENT_EINVAL);
    if (!setup(&d, &c))
        return;
    memset(&doc, 0, sizeof doc);
    doc.date = "2022-02-10";
    doc.text = doc_text;
    doc.text_len = strlen(doc_text);
    CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
    if (r) {
        CHECK_STR(r->lang, "en");
        CHECK_INT(r->nsents, 4);
        if (r->nsents == 4) {
            CHECK_INT(r->sents[1].status, ENT_SENT_LANG);
            CHECK_INT(r->sents[2].status, ENT_SENT_LANG);
            CHECK_INT(r->sents[3].status, ENT_SENT_CODED);
        }
        CHECK_INT(r->nevents, 2); /* RUS UKR 190, CHN UKR 190 */
    }
    /* a document all in French: its language, nothing coded */
    doc.text = strchr(doc_text, '\n') + 2;
    doc.text_len = (size_t)(strrchr(doc_text, '\n') - 1 - doc.text);
    CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
    if (r)
        CHECK_STR(r->lang, "fr");
    /* the option off: every sentence is read, no language given */
    CHECK_INT(ent_coder_set_option(c, "detect_language", "no"), ENT_OK);
    doc.text = doc_text;
    doc.text_len = strlen(doc_text);
    CHECK_INT(ent_code(c, &doc, &r), ENT_OK);
    if (r) {
        CHECK_STR(r->lang, "");
        CHECK_INT(r->sents[1].status, ENT_SENT_CODED);
    }
    ent_coder_free(c);
    ent_dict_free(d);
}
