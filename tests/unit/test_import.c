/*
 * test_import.c -- `entente dict import` and `entente dict lint`: exact
 * output lines for each TABARI and PETRARCH feature (tests/data/import),
 * dropped features counted with file:line, errors, determinism,
 * out-of-memory, the real shared dictionaries and the lint checks.
 */
#include "harness.h"

#include "entente.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA "tests/data/import/"

/* The tests, registered in main.c. */
void test_import_tabari(void);
void test_import_petrarch(void);
void test_import_errors(void);
void test_import_deterministic(void);
void test_import_alloc_failures(void);
void test_import_real(void);
void test_lint(void);
void test_import_ontology(void);

/* Warnings collected by the import's callback, one per line. */
typedef struct warns {
    char text[16384];
    size_t n, count;
} warns;

static void collect(void *ud, const char *line)
{
    warns *w = ud;
    size_t k = strlen(line);
    w->count++;
    if (w->n + k + 2 < sizeof w->text) {
        memcpy(w->text + w->n, line, k);
        w->text[w->n + k] = '\n';
        w->n += k + 1;
        w->text[w->n] = 0;
    }
}

/* The whole of dir/name (malloc'd, NUL-terminated), or NULL. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return th_read_file(path, len);
}

/* Whether text holds line exactly (a whole line). */
static int has_line(const char *text, const char *line)
{
    size_t k = strlen(line);
    const char *p = text;
    while (p && (p = strstr(p, line)) != NULL) {
        if ((p == text || p[-1] == '\n') && (p[k] == '\n' || !p[k]))
            return 1;
        p++;
    }
    return 0;
}

#define CHECK_LINE(text, line)                                               \
    do {                                                                     \
        if (!(text) || !has_line((text), (line))) {                          \
            printf("    %s:%d: missing line \"%s\"\n", __FILE__, __LINE__,   \
                   (line));                                                  \
            th_failed++;                                                     \
        }                                                                    \
    } while (0)

#define CHECK_NO_LINE(text, line)                                            \
    do {                                                                     \
        if ((text) && has_line((text), (line))) {                            \
            printf("    %s:%d: unexpected line \"%s\"\n", __FILE__,          \
                   __LINE__, (line));                                        \
            th_failed++;                                                     \
        }                                                                    \
    } while (0)

static const char *const outputs[] = {"imported.actors", "agents.txt",
                                      "synsets.txt",     "verbs.txt",
                                      "discards.txt",    "cameo.tsv",
                                      "context.txt",     "README.md",
                                      "options.txt"};
#define NOUT (sizeof outputs / sizeof outputs[0])

/* Remove the files of an output directory and the directory. */
static void remove_dir(const char *dir)
{
    size_t i;
    char path[512];
    for (i = 0; i < NOUT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, outputs[i]);
        unlink(path);
    }
    rmdir(dir);
}

/* Import files into a fresh temporary directory (name in dir). */
static int import(int from, const char *const *files, size_t n, char *dir,
                  ent_import_stats *st, warns *w, char *err, size_t errlen)
{
    ent_import_config cfg;
    strcpy(dir, "/tmp/entente-import-XXXXXX");
    if (!mkdtemp(dir))
        return ENT_EIO;
    memset(&cfg, 0, sizeof cfg);
    cfg.from = from;
    cfg.files = files;
    cfg.nfiles = n;
    cfg.out_dir = dir;
    cfg.cameo_path = DATA "lint/cameo.tsv";
    cfg.context_path = "dict/context.txt";
    if (w)
        memset(w, 0, sizeof *w);
    return ent_dict_import(&cfg, st, w ? collect : NULL, w, err, errlen);
}

void test_import_tabari(void)
{
    static const char *const files[] = {DATA "tiny.actors", DATA "tiny.agents",
                                        DATA "tiny.options", DATA "tiny.verbs",
                                        DATA "latin1.actors"};
    char dir[64], err[512] = "";
    ent_import_stats st;
    warns w;
    char *act, *agt, *syn, *vrb, *dis, *cam, *ctx, *rd;
    int rc = import(ENT_IMPORT_TABARI, files, 5, dir, &st, &w, err,
                    sizeof err);
    CHECK_INT(rc, ENT_OK);
    if (rc) {
        printf("    %s\n", err);
        return;
    }
    act = slurp(dir, "imported.actors", NULL);
    agt = slurp(dir, "agents.txt", NULL);
    syn = slurp(dir, "synsets.txt", NULL);
    vrb = slurp(dir, "verbs.txt", NULL);
    dis = slurp(dir, "discards.txt", NULL);
    cam = slurp(dir, "cameo.tsv", NULL);
    ctx = slurp(dir, "context.txt", NULL);
    rd = slurp(dir, "README.md", NULL);
    {
        char *opt = slurp(dir, "options.txt", NULL);
        CHECK_LINE(opt, "place_targets = yes");
        CHECK_LINE(opt, "compound_reciprocal = no");
        CHECK_LINE(opt, "possessive_verbs = yes");
        CHECK_LINE(opt, "tabari_endings = yes");
        CHECK_LINE(opt, "tabari_pronouns = yes");
        CHECK_LINE(opt, "tabari_agents = yes");
        CHECK_LINE(opt, "convert_agents = no");
        /* the .options file's complexity filter */
        CHECK_LINE(opt, "complex_verbs = 6");
        CHECK_LINE(opt, "complex_noactprior = yes");
        CHECK(!strstr(opt, "complex_conj"));
        free(opt);
    }
    /* stems vs exact words; a space between words is a gap (below) */
    CHECK_LINE(act, "rivendel* = RVD");
    CHECK_LINE(act, "misty mountains = MMT");
    CHECK_LINE(act, "warg rider* = ---");
    /* synonyms and dated codes: range, <, > (both inclusive), fallback */
    CHECK_LINE(act, "tom bombadil; iarwain ben-adar; forn* =");
    CHECK_LINE(act, "    TOMGOV 2001-02-03..2005-12-31");
    CHECK_LINE(act, "    TOM ..1999-12-31");
    CHECK_LINE(act, "    TOMREB 2006-01-01..");
    CHECK_LINE(act, "    TOM");
    /* two-digit years: 32 -> 1932, 29 -> 2029; no fallback: --- */
    CHECK_LINE(act, "dwimorberg* =");
    CHECK_LINE(act, "    DWM 1932-01-01..2029-12-31");
    CHECK_LINE(act, "    ---");
    /* Latin-1 input becomes UTF-8 and lower case */
    CHECK_LINE(act, "carad\xc3\xa9ras* = CRD");
    /* agents: ~GOV appends, NGM~ prefixes */
    CHECK_LINE(agt, "captain = MIL");
    CHECK_LINE(agt, "river guards* = WAT~");
    /* synsets, one referring to another; a space between words is a gap
     * ("LONG BOWS"), an underscore joins them ("BATTLE_AXES") */
    CHECK_LINE(syn, "&weapons = swords*; battle axes*; long* * bows*");
    CHECK_LINE(syn, "&gear = &weapons and shields*");
    CHECK_LINE(syn, "&_1 = crown jewels*; sceptre*");
    /* verb patterns */
    CHECK_LINE(vrb, "345  forsake");
    CHECK_LINE(vrb, "901  forsake * old* * alliance*");
    CHECK_LINE(vrb, "902:903  swore @forsake * oaths");
    CHECK_LINE(vrb, "904  ^ * @forsake * with * +");
    CHECK_LINE(vrb, "905  % * @forsake * together*");
    CHECK_LINE(vrb, "906  forsake * (silver|gold*) * rings*");
    CHECK_LINE(vrb, "907  forsake * &_1");
    CHECK_LINE(vrb, "908  forsake * &weapons to* * $");
    CHECK_LINE(vrb, "+++  forsake * ring of power*");
    /* verb forms: gave and given are found by lemma, gave up is not */
    CHECK_LINE(vrb, "071  give");
    CHECK_LINE(vrb, "072  give * &gear");
    CHECK_LINE(vrb, "071  gave up");
    CHECK_LINE(vrb, "072  gave up * &gear");
    CHECK_NO_LINE(vrb, "071  gave");
    /* a true stem keeps its '*'; a multi-word verb; + before the verb */
    CHECK_LINE(vrb, "073  contribut*");
    /* a subordinate code "023?" is the flag [sub] */
    CHECK_LINE(vrb, "023  mutter  [sub]");
    CHECK_LINE(vrb, "190  went * to war*");
    CHECK_LINE(vrb, "191  + * @went * to war*");
    CHECK_LINE(dis, "longbottom*");
    /* cameo.tsv: entente's row, a LABEL name, the code itself; pairs */
    CHECK_LINE(cam, "code\tname\troot\tquad\tgoldstein\tplover");
    CHECK_LINE(cam, "190\tUse conventional military force\t19\t4\t-10.0\t"
                    "ASSAULT");
    CHECK_LINE(cam, "901\tABANDON TIES\t90\t\t\t");
    CHECK_LINE(cam, "902\t902\t90\t\t\t");
    CHECK_LINE(cam, "903\t903\t90\t\t\t");
    /* a LABEL that names a code as CAMEO does keeps CAMEO's row; one that
     * names it otherwise (WEIS codes) is the suite's event, not CAMEO's */
    CHECK_LINE(cam, "191\tBLOCKADE\t19\t\t\t");
    CHECK(strstr(w.text, "tiny.options:5: code 191 is \"BLOCKADE\" here, "
                         "\"Impose blockade, restrict movement\" in CAMEO"));
    CHECK(!strstr(w.text, "code 190 is"));
    CHECK(ctx && strstr(ctx, "negation"));
    /* dropped and approximated features, each with file:line */
    CHECK(strstr(w.text, "tiny.actors:1: 1 words of a <NOUN> list dropped"));
    /* TABARI skips words where an actor phrase has a space */
    CHECK_LINE(act, "old* * forest* = OFR");
    CHECK(!strstr(w.text, "tiny.actors:6: \"OLD FOREST\""));
    CHECK_LINE(act, "shelob = SPD/ORC"); /* one phrase, two actors */
    CHECK_LINE(act, "barliman! = BRL"); /* WORD=: no endings */
    /* a dated code with the fallback ###: a discard after its dates */
    CHECK_LINE(act, "bree hill =");
    CHECK_LINE(act, "    BRH ..1999-12-31");
    CHECK_LINE(act, "    DISCARD");
    CHECK(strstr(w.text, "tiny.actors:17: bad date in [ZZZ 991301-000101]"));
    CHECK(strstr(w.text, "tiny.agents:3: agent code [GOV] has no ~"));
    CHECK(strstr(w.text, "tiny.options:3: option \"SET: DUP WARNING = "
                         "FALSE\" dropped"));
    CHECK(strstr(w.text, "tiny.options:6: complexity condition LATEVERB "
                         "dropped"));
    CHECK(strstr(w.text, "tiny.verbs:10: time shift \"NEXT_SPRING [+90]\""));
    CHECK_LINE(dis, "once upon a time*"); /* a <TIME> phrase coded ### */
    CHECK(strstr(w.text, "tiny.verbs:16: dominant code [904!]"));
    CHECK(!strstr(w.text, "tiny.verbs:16: ^")); /* written as it is */
    CHECK(!strstr(w.text, "tiny.verbs:17: %"));
    CHECK_INT(w.count, st.dropped + st.approximated);
    CHECK_INT(st.dropped, 8);
    CHECK_INT(st.approximated, 2);
    CHECK_INT(st.actors, 10);
    CHECK_INT(st.actor_phrases, 12);
    CHECK_INT(st.agents, 2);
    CHECK_INT(st.patterns, 17);
    CHECK_INT(st.synsets, 3);
    CHECK_INT(st.discards, 2);
    CHECK_INT(st.verbs, 5);
    CHECK(rd && strstr(rd, "| TABARI <TIME> date shifts (a ### one is a discard) | 1 | dropped |"));
    CHECK(rd && strstr(rd, "| tiny.verbs | verbs | 0 | 0 | 0 | 5 | 17 | 3 |"));
    free(act);
    free(agt);
    free(syn);
    free(vrb);
    free(dis);
    free(cam);
    free(ctx);
    free(rd);
    remove_dir(dir);
}

void test_import_petrarch(void)
{
    static const char *const files[] = {
        DATA "tiny.verbs.txt", DATA "tiny.actors.txt", DATA "tiny.agents.txt",
        DATA "tiny.discards.txt"};
    char dir[64], err[512] = "";
    ent_import_stats st;
    warns w;
    char *act, *agt, *syn, *vrb, *dis;
    int rc = import(ENT_IMPORT_PETRARCH, files, 4, dir, &st, &w, err,
                    sizeof err);
    CHECK_INT(rc, ENT_OK);
    if (rc) {
        printf("    %s\n", err);
        return;
    }
    act = slurp(dir, "imported.actors", NULL);
    agt = slurp(dir, "agents.txt", NULL);
    syn = slurp(dir, "synsets.txt", NULL);
    vrb = slurp(dir, "verbs.txt", NULL);
    dis = slurp(dir, "discards.txt", NULL);
    /* <!-- --> over two lines, # comments, 8-digit dates, synonyms
     * without '+' before the code lines, lower-case codes */
    {
        /* PETRARCH's conventions: places as targets, compounds coded
         * among themselves */
        char *opt = slurp(dir, "options.txt", NULL);
        CHECK_LINE(opt, "place_targets = yes");
        CHECK_LINE(opt, "compound_reciprocal = yes");
        CHECK(!strstr(opt, "tabari_endings"));
        free(opt);
    }
    CHECK_LINE(act, "laketown = LKT");
    CHECK_LINE(act, "esgaroth; lake-town =");
    CHECK_LINE(act, "    LKTGOV 1944-10-01..1944-12-31");
    CHECK_LINE(act, "    LKT");
    /* PETRARCH does not use TABARI's stems: words without '_' are whole
     * words, also inside a phrase (THE_KU must not match "The Kuwait");
     * modifiers may come between its words, as between TABARI's */
    CHECK_LINE(act, "the * master; master * of * laketown =");
    CHECK_NO_LINE(act, "the * master; master * of * laketown* =");
    CHECK_LINE(act, "    LKTGOV ..1944-10-30");
    /* agents: !KIND! substitutions and {plurals} */
    CHECK_LINE(agt, "boatman; boatmen = WAT");
    CHECK_LINE(agt, "raft elves; raft elf = WAT");
    CHECK_LINE(agt, "ferry guard! = WAT"); /* {}: no plural */
    CHECK_LINE(syn, "&beacon = beacon; signal fire");
    /* a block's patterns repeated for every synonym verb; ( ) and { } */
    CHECK_LINE(vrb, "---  kindle");
    CHECK_LINE(vrb, "0251  kindle * on * hilltop");
    /* a noun phrase: modifiers may come between its words, not before
     * its last (its head) */
    CHECK_LINE(vrb, "0252  kindle * great * war beacon");
    CHECK_LINE(vrb, "0253  kindle * &beacon * for * gondor aid");
    CHECK_LINE(vrb, "0254  kindle * (in|on) * tower");
    CHECK_LINE(vrb, "0255:0256  $ * @kindle * with * +");
    CHECK_LINE(vrb, "DISCARD  kindle");
    CHECK_LINE(vrb, "0252  light * great * war beacon");
    CHECK_NO_LINE(vrb, "---  lit");
    /* a multi-word verb with its own code, '+' marking the verb */
    CHECK_LINE(vrb, "181  set alight");
    CHECK_LINE(vrb, "0255:0256  $ * @set alight * with * +");
    CHECK_LINE(dis, "arms race");
    CHECK_LINE(dis, "barrel riding");
    CHECK(strstr(w.text, "tiny.verbs.txt:15: reverse-only code [:173]"));
    CHECK(strstr(w.text, "tiny.verbs.txt:17: transformation"));
    CHECK(strstr(w.text, "tiny.actors.txt:7: lower-case actor code [lkt]"));
    CHECK(strstr(w.text, "tiny.discards.txt:2: story discard"));
    CHECK_INT(st.patterns, 21);
    CHECK_INT(st.verbs, 3);
    CHECK_INT(st.actors, 3);
    CHECK_INT(st.dropped, 2);
    CHECK_INT(st.approximated, 2);
    free(act);
    free(agt);
    free(syn);
    free(vrb);
    free(dis);
    remove_dir(dir);
}

void test_import_errors(void)
{
    static const char *const bad_project[] = {DATA "bad.project"};
    static const char *const mystery[] = {DATA "mystery.txt"};
    static const char *const missing[] = {DATA "no-such.actors"};
    static const char *const project[] = {DATA "tiny.project"};
    char dir[64], err[512] = "";
    ent_import_config cfg;
    ent_import_stats st;
    int rc = import(ENT_IMPORT_TABARI, bad_project, 1, dir, NULL, NULL, err,
                    sizeof err);
    CHECK_INT(rc, ENT_EIO);
    CHECK(strstr(err, "bad.project:3: <verbsfile> missing.verbs: cannot "
                      "read") != NULL);
    remove_dir(dir);
    rc = import(ENT_IMPORT_TABARI, mystery, 1, dir, NULL, NULL, err,
                sizeof err);
    CHECK_INT(rc, ENT_EFORMAT);
    CHECK(strstr(err, "mystery.txt: cannot tell what kind") != NULL);
    remove_dir(dir);
    rc = import(ENT_IMPORT_TABARI, missing, 1, dir, NULL, NULL, err,
                sizeof err);
    CHECK_INT(rc, ENT_EIO);
    CHECK(strstr(err, "no-such.actors: cannot read") != NULL);
    remove_dir(dir);
    /* a project stands for the files it lists */
    rc = import(ENT_IMPORT_TABARI, project, 1, dir, &st, NULL, err,
                sizeof err);
    CHECK_INT(rc, ENT_OK);
    CHECK_INT(st.patterns, 17);
    CHECK_INT(st.actors, 9);
    remove_dir(dir);
    memset(&cfg, 0, sizeof cfg);
    cfg.from = 7;
    cfg.out_dir = "/tmp";
    CHECK_INT(ent_dict_import(&cfg, NULL, NULL, NULL, err, sizeof err),
              ENT_EINVAL);
    CHECK_INT(ent_dict_import(NULL, NULL, NULL, NULL, err, sizeof err),
              ENT_EINVAL);
    CHECK(ent_import_kind(0, NULL) != NULL);
    CHECK(ent_import_kind(-1, NULL) == NULL);
    CHECK(ent_import_kind(32, NULL) == NULL);
}

void test_import_deterministic(void)
{
    static const char *const files[] = {DATA "tiny.verbs", DATA "tiny.actors",
                                        DATA "tiny.agents"};
    char d1[64], d2[64], err[256];
    size_t i;
    CHECK_INT(import(ENT_IMPORT_TABARI, files, 3, d1, NULL, NULL, err,
                     sizeof err), ENT_OK);
    CHECK_INT(import(ENT_IMPORT_TABARI, files, 3, d2, NULL, NULL, err,
                     sizeof err), ENT_OK);
    for (i = 0; i < NOUT; i++) {
        size_t n1 = 0, n2 = 0;
        char *a = slurp(d1, outputs[i], &n1), *b = slurp(d2, outputs[i], &n2);
        CHECK(a && b && n1 == n2 && !memcmp(a, b, n1));
        free(a);
        free(b);
    }
    remove_dir(d1);
    remove_dir(d2);
}

/* Fail every allocation of an import in turn (sampling WordNet's): each
 * must give ENT_ENOMEM and leak nothing (make check). */
static void alloc_failures(int from, const char *const *files, size_t n)
{
    th_failer f = {0, 0};
    ent_allocator al = {th_failing_alloc, &f};
    ent_import_config cfg;
    char dir[] = "/tmp/entente-import-XXXXXX", err[256];
    long total, at, step;
    if (!mkdtemp(dir)) {
        th_skip("cannot create a temporary directory");
        return;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.from = from;
    cfg.files = files;
    cfg.nfiles = n;
    cfg.out_dir = dir;
    cfg.alloc = &al;
    CHECK_INT(ent_dict_import(&cfg, NULL, NULL, NULL, err, sizeof err),
              ENT_OK);
    total = f.n;
    step = total / 40 + 1;
    for (at = 1; at <= total; at += at > total - 600 ? 1 : step) {
        int rc;
        f.n = 0;
        f.fail_at = at;
        rc = ent_dict_import(&cfg, NULL, NULL, NULL, err, sizeof err);
        if (rc != ENT_ENOMEM) {
            printf("    allocation %ld of %ld: rc %d\n", at, total, rc);
            th_failed++;
            break;
        }
    }
    remove_dir(dir);
}

void test_import_alloc_failures(void)
{
    static const char *const tabari[] = {DATA "tiny.verbs", DATA "tiny.actors",
                                         DATA "tiny.agents.txt"};
    static const char *const petrarch[] = {DATA "tiny.verbs.txt",
                                           DATA "tiny.actors.txt",
                                           DATA "tiny.discards.txt"};
    alloc_failures(ENT_IMPORT_TABARI, tabari, 3);
    alloc_failures(ENT_IMPORT_PETRARCH, petrarch, 3);
}

/* Import a real file set (skipped when ../shared is absent) and check the
 * counts; the output must load. */
static void real_set(int from, const char *const *files, size_t n,
                     const size_t *want)
{
    char dir[64], err[512] = "";
    ent_import_stats st;
    ent_dict_config dc;
    ent_dict *d = NULL;
    int rc = import(from, files, n, dir, &st, NULL, err, sizeof err);
    CHECK_INT(rc, ENT_OK);
    if (rc) {
        printf("    %s\n", err);
        remove_dir(dir);
        return;
    }
    CHECK_INT(st.actors, want[0]);
    CHECK_INT(st.actor_phrases, want[1]);
    CHECK_INT(st.agents, want[2]);
    CHECK_INT(st.patterns, want[3]);
    CHECK_INT(st.synsets, want[4]);
    CHECK_INT(st.discards, want[5]);
    CHECK_INT(st.dropped, want[6]);
    CHECK_INT(st.approximated, want[7]);
    memset(&dc, 0, sizeof dc);
    dc.dict_dir = dir;
    rc = ent_dict_load(&dc, &d, err, sizeof err);
    CHECK_INT(rc, ENT_OK);
    if (rc)
        printf("    load: %s\n", err);
    ent_dict_free(d);
    remove_dir(dir);
}

void test_import_real(void)
{
    static const char *const tabari[] = {
        "../shared/data/validation/tabari/TABARI.Demo.actors",
        "../shared/data/validation/tabari/CAMEO.091003.master.verbs",
        "../shared/data/validation/tabari/Validate.agents",
        "../shared/data/validation/tabari/CAMEO.09b5.options"};
    static const char *const phoenix[] = {
        "../shared/data/dictionaries/phoenix/CAMEO.2.0.txt",
        "../shared/data/dictionaries/phoenix/Phoenix.Countries.actors.txt",
        "../shared/data/dictionaries/phoenix/Phoenix.International.actors.txt",
        "../shared/data/dictionaries/phoenix/Phoenix.MilNonState.actors.txt",
        "../shared/data/dictionaries/phoenix/Phoenix.agents.txt",
        "../shared/data/dictionaries/phoenix/Phoenix.discards.txt",
        "../shared/data/dictionaries/phoenix/Phoenix.IssueCoding.txt"};
    /* actors, phrases, agents, patterns, synsets, discards, dropped,
     * approximated: checked by hand against the files (see the report of
     * `entente dict import` and each output's README.md) */
    static const size_t want_tabari[] = {117, 122, 86, 16780, 78, 1, 39, 29};
    static const size_t want_phoenix[] = {27210, 35563, 3402, 51802,
                                          44,    506,   3402, 65};
    struct stat sb;
    if (stat(tabari[0], &sb) || stat(phoenix[0], &sb)) {
        th_skip("../shared/data not found: real dictionaries not imported");
        return;
    }
    real_set(ENT_IMPORT_TABARI, tabari, 4, want_tabari);
    real_set(ENT_IMPORT_PETRARCH, phoenix, 7, want_phoenix);
}

/* Lint lines collected. */
static void collect_lint(void *ud, const char *line)
{
    collect(ud, line);
}

void test_lint(void)
{
    warns w;
    size_t n = 0;
    char err[256] = "";
    int rc;
    memset(&w, 0, sizeof w);
    rc = ent_dict_lint(DATA "lint", collect_lint, &w, &n, err, sizeof err);
    CHECK_INT(rc, ENT_OK);
    CHECK_INT(n, 10);
    CHECK_INT(w.count, 10);
    CHECK(strstr(w.text, "test.actors:3: phrase \"Minas Tirith\" defined "
                         "twice (also test.actors:2, the same code GON)"));
    CHECK(strstr(w.text, "test.actors:5: phrase \"Osgiliath\" conflicts with "
                         "test.actors:4 (GON there, MOR here"));
    CHECK(strstr(w.text, "test.actors:7: bad date \"2019-02-30\""));
    CHECK(strstr(w.text, "test.actors:8: GONGOV: the range ends before it "
                         "starts"));
    CHECK(strstr(w.text, "test.actors:10: GONMIL: its range overlaps line 9 "
                         "(GONGOV"));
    CHECK(strstr(w.text, "agents.txt:3: agent \"troops\" conflicts with "
                         "agents.txt:2"));
    CHECK(strstr(w.text, "verbs.txt:4: pattern \"meet * (summit|talks)\" "
                         "defined twice (also verbs.txt:3)"));
    CHECK(strstr(w.text, "verbs.txt:5: pattern \"meet * (summit|talks)\" "
                         "(190) is unreachable: verbs.txt:3 has the same "
                         "pattern with 040"));
    CHECK(strstr(w.text, "verbs.txt:6: unknown code 999"));
    CHECK(strstr(w.text, "verbs.txt:8: unknown synset &nosuch"));
    /* our own test dictionaries are clean; a missing directory is an
     * error */
    n = 99;
    CHECK_INT(ent_dict_lint(th_dict_dir, NULL, NULL, &n, err, sizeof err),
              ENT_OK);
    CHECK_INT(n, 0);
    CHECK_INT(ent_dict_lint("/nonexistent-dir", NULL, NULL, &n, err,
                            sizeof err), ENT_EIO);
    CHECK(strstr(err, "/nonexistent-dir: cannot read") != NULL);
}

/* A PETRARCH coding ontology: its negation pairs become negations.txt
 * (only for codes the verbs use; the first negation of a code wins), the
 * rest is counted as dropped, and the set loads and codes with it. */
void test_import_ontology(void)
{
    static const char *const files[] = {DATA "tiny.verbs.txt",
                                        DATA "tiny.actors.txt",
                                        DATA "tiny.Coding_Ontology.txt"};
    char dir[64], err[512] = "";
    ent_import_stats st;
    warns w;
    char *neg, *cam, *rd;
    int rc = import(ENT_IMPORT_PETRARCH, files, 3, dir, &st, &w, err,
                    sizeof err);
    CHECK_INT(rc, ENT_OK);
    if (rc) {
        printf("    %s\n", err);
        return;
    }
    neg = slurp(dir, "negations.txt", NULL);
    cam = slurp(dir, "cameo.tsv", NULL);
    rd = slurp(dir, "README.md", NULL);
    CHECK_LINE(neg, "0251 0252");
    CHECK_LINE(neg, "0252 0251");
    CHECK_LINE(neg, "0253 0251");
    CHECK_NO_LINE(neg, "0251 0253");
    CHECK_INT(st.negations, 3);
    CHECK(cam && strstr(cam, "\n0253\t") != NULL);
    CHECK(rd && strstr(rd, "- negations.txt: 3 negated codes") != NULL);
    CHECK(strstr(w.text, "tiny.Coding_Ontology.txt:1: 1 lines or values of "
                         "the coding ontology dropped") != NULL);
    {
        ent_dict_config cfg;
        ent_dict *d = NULL;
        memset(&cfg, 0, sizeof cfg);
        cfg.dict_dir = dir;
        CHECK_INT(ent_dict_load(&cfg, &d, err, sizeof err), ENT_OK);
        ent_dict_free(d);
    }
    free(neg);
    free(cam);
    free(rd);
    remove_dir(dir);
    /* without an ontology, no negations.txt (nor one left behind) */
    rc = import(ENT_IMPORT_PETRARCH, files, 2, dir, &st, NULL, err,
                sizeof err);
    CHECK_INT(rc, ENT_OK);
    neg = slurp(dir, "negations.txt", NULL);
    CHECK(neg == NULL);
    CHECK_INT(st.negations, 0);
    free(neg);
    remove_dir(dir);
}
