/*
 * golden.c -- run the golden coding cases in tests/coding/ *.test.
 *
 * Each case gives a date, a sentence and the exact set of events it must
 * produce (see tests/coding/README.md). The runner codes the sentence with
 * the default dictionaries, all contexts included, and compares sets:
 * a missing or an extra event fails the case. Cases marked `known:` are
 * documented limitations of the shallow coder: they are run and reported,
 * and counted as skipped, never as passed. The runner also prints
 * event-level precision, recall and F1 over every case.
 *
 *   build/golden [--dict DIR] [-v] [--report] [--parse] FILE...
 *
 * --parse codes with the dependency parse (the committed models).
 * --report measures instead of testing: failures are listed but the exit
 * status is 0 (for held-out sets that the coder was never tuned against).
 */
#include "entente.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXEV 64

typedef struct tcase {
    const char *file;
    int line;
    char date[32];
    char *text;
    char ev[MAXEV][128]; /* "SRC TGT CODE [context]" */
    int nev, none, known;
} tcase;

static int cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Normalise "SRC TGT CODE [ctx]" spacing. */
static void norm_event(char *dst, size_t n, const char *s)
{
    char a[32] = "", b[32] = "", c[16] = "", d[32] = "";
    int k = sscanf(s, "%31s %31s %15s %31s", a, b, c, d);
    if (k < 3)
        snprintf(dst, n, "BAD(%s)", s);
    else
        snprintf(dst, n, "%s %s %s%s%s", a, b, c, k == 4 ? " " : "", d);
}

/* Event-level counts over all cases (known ones included): exact (source,
 * target, code, context) and loose (source country, target country, root),
 * and exact counts per CAMEO root (1..20). */
static long tp, fp, fn, ltp, lfp, lfn;
static long rexp[21], rgot[21], rtp[21];

/* Root number of an event string "SRC TGT CODE [ctx]". */
static int root_of(const char *ev)
{
    char a[32], b[32], c[16];
    if (sscanf(ev, "%31s %31s %15s", a, b, c) != 3 || strlen(c) < 2)
        return 0;
    return (c[0] - '0') * 10 + (c[1] - '0');
}

/* Loose key "SRC3 TGT3 ROOT" of an event string. */
static void loose(char *dst, size_t n, const char *ev)
{
    char a[32], b[32], c[16];
    if (sscanf(ev, "%31s %31s %15s", a, b, c) != 3)
        a[0] = b[0] = c[0] = 0;
    snprintf(dst, n, "%.3s %.3s %.2s", a, b, c);
}

/* Count matches between two sorted lists. */
static void merge(char (*x)[128], int nx, char (*y)[128], int ny, long *t,
                  long *f1, long *f2, int by_root)
{
    int a = 0, b = 0;
    while (a < nx && b < ny) {
        int c = strcmp(x[a], y[b]);
        if (c == 0) {
            (*t)++;
            if (by_root) {
                int r = root_of(x[a]);
                if (r > 0 && r <= 20)
                    rtp[r]++;
            }
            a++;
            b++;
        } else if (c < 0) {
            (*f1)++;
            a++;
        } else {
            (*f2)++;
            b++;
        }
    }
    *f1 += nx - a;
    *f2 += ny - b;
}

static int run_case(ent_coder *coder, tcase *t, int verbose, int *skipped)
{
    ent_doc doc;
    const ent_result *res;
    char got[MAXEV][128];
    int ngot = 0, i, ok;
    size_t k;
    memset(&doc, 0, sizeof doc);
    doc.id = "golden";
    doc.date = t->date;
    doc.text = t->text;
    doc.text_len = strlen(t->text);
    if (ent_code(coder, &doc, &res)) {
        printf("FAIL %s:%d: coder error: %s\n", t->file, t->line,
               ent_coder_errmsg(coder));
        return 0;
    }
    for (k = 0; k < res->nevents && ngot < MAXEV; k++) {
        const ent_event *e = &res->events[k];
        snprintf(got[ngot++], sizeof got[0], "%s %s %s%s", e->source,
                 e->target, e->cameo->code,
                 (e->context & ENT_CTX_HYPOTHETICAL) ? " hypothetical"
                 : (e->context & ENT_CTX_FUTURE)     ? " future"
                                                     : "");
    }
    qsort(got, (size_t)ngot, sizeof got[0], cmp);
    qsort(t->ev, (size_t)t->nev, sizeof t->ev[0], cmp);
    ok = ngot == t->nev;
    for (i = 0; ok && i < ngot; i++)
        ok = !strcmp(got[i], t->ev[i]);
    merge(got, ngot, t->ev, t->nev, &tp, &fp, &fn, 1);
    {
        char lg[MAXEV][128], le[MAXEV][128];
        for (i = 0; i < ngot; i++)
            loose(lg[i], sizeof lg[i], got[i]);
        for (i = 0; i < t->nev; i++)
            loose(le[i], sizeof le[i], t->ev[i]);
        qsort(lg, (size_t)ngot, sizeof lg[0], cmp);
        qsort(le, (size_t)t->nev, sizeof le[0], cmp);
        merge(lg, ngot, le, t->nev, &ltp, &lfp, &lfn, 0);
        for (i = 0; i < ngot; i++) {
            int r = root_of(got[i]);
            if (r > 0 && r <= 20)
                rgot[r]++;
        }
        for (i = 0; i < t->nev; i++) {
            int r = root_of(t->ev[i]);
            if (r > 0 && r <= 20)
                rexp[r]++;
        }
    }
    if (ok && t->known) {
        printf("NOTE %s:%d: marked known but passes: %s\n", t->file, t->line,
               t->text);
    }
    if (!ok || verbose) {
        printf("%s %s:%d: %s\n", ok ? "ok  " : t->known ? "KNOWN" : "FAIL",
               t->file, t->line, t->text);
        for (i = 0; i < t->nev; i++)
            printf("      expected %s\n", t->ev[i]);
        if (!t->nev)
            printf("      expected none\n");
        for (i = 0; i < ngot; i++)
            printf("      got      %s\n", got[i]);
    }
    if (!ok && t->known) {
        (*skipped)++;
        return -1;
    }
    return ok;
}

int main(int argc, char **argv)
{
    const char *dir = getenv("ENTENTE_DICT");
    int i, verbose = 0, passed = 0, failed = 0, skipped = 0, report = 0;
    ent_dict_config cfg;
    ent_dict *d = NULL;
    ent_coder *coder = NULL;
    ent_nlp *nlp = NULL;
    int parse = 0;
    char err[1024];
    if (!dir)
        dir = ENT_DICT_DIR;
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else if (!strcmp(argv[i], "--report"))
            report = 1;
        else if (!strcmp(argv[i], "--parse"))
            parse = 1;
        else if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            dir = argv[++i];
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.dict_dir = dir;
    if (ent_dict_load(&cfg, &d, err, sizeof err) ||
        ent_coder_new(d, &coder)) {
        printf("golden: cannot load dictionaries: %s\n", err);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    if (parse) {
        ent_nlp_config nc;
        memset(&nc, 0, sizeof nc);
        nc.model_dir = ENT_MODEL_DIR;
        if (ent_nlp_load(&nc, &nlp, err, sizeof err)) {
            printf("golden: cannot load the models: %s\n0 passed, 1 failed\n",
                   err);
            return 1;
        }
        ent_coder_set_nlp(coder, nlp);
    }
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        char line[8192];
        int ln = 0;
        tcase t;
        int have = 0;
        if (!f) {
            printf("FAIL %s: cannot open\n", argv[i]);
            failed++;
            continue;
        }
        memset(&t, 0, sizeof t);
        for (;;) {
            char *s = fgets(line, sizeof line, f);
            size_t n;
            if (s) {
                ln++;
                n = strlen(s);
                while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
                    s[--n] = 0;
            }
            if (!s || s[0] == 0) {
                if (have) {
                    int r;
                    if (!t.text || !t.date[0] || (!t.nev && !t.none)) {
                        printf("FAIL %s:%d: malformed case\n", t.file, t.line);
                        failed++;
                    } else {
                        r = run_case(coder, &t, verbose, &skipped);
                        if (r > 0)
                            passed++;
                        else if (r == 0)
                            failed++;
                    }
                    free(t.text);
                    memset(&t, 0, sizeof t);
                    have = 0;
                }
                if (!s)
                    break;
                continue;
            }
            if (s[0] == '#')
                continue;
            if (!have) {
                t.file = argv[i];
                t.line = ln;
                have = 1;
            }
            if (!strncmp(s, "date:", 5)) {
                snprintf(t.date, sizeof t.date, "%s", s + 5 + strspn(s + 5, " "));
            } else if (!strncmp(s, "text:", 5)) {
                free(t.text);
                t.text = strdup(s + 5 + strspn(s + 5, " "));
            } else if (!strncmp(s, "event:", 6)) {
                if (t.nev < MAXEV)
                    norm_event(t.ev[t.nev++], sizeof t.ev[0], s + 6);
            } else if (!strcmp(s, "none")) {
                t.none = 1;
            } else if (!strncmp(s, "known:", 6)) {
                t.known = 1;
            } else if (!strncmp(s, "note:", 5)) {
                /* commentary for readers */
            } else {
                printf("FAIL %s:%d: unknown line: %s\n", argv[i], ln, s);
                failed++;
            }
        }
        fclose(f);
    }
    if (report) {
        int r;
        printf("root  expected  coded  matched  precision  recall\n");
        for (r = 1; r <= 20; r++)
            printf("%02d    %8ld  %5ld  %7ld  %8.1f%%  %5.1f%%\n", r, rexp[r],
                   rgot[r], rtp[r], rgot[r] ? 100.0 * rtp[r] / rgot[r] : 0.0,
                   rexp[r] ? 100.0 * rtp[r] / rexp[r] : 0.0);
    }
    {
        double p = ltp + lfp ? (double)ltp / (double)(ltp + lfp) : 0;
        double r = ltp + lfn ? (double)ltp / (double)(ltp + lfn) : 0;
        printf("loose (source country, target country, root): precision "
               "%.1f%%, recall %.1f%%, F1 %.1f%%\n",
               100 * p, 100 * r, p + r > 0 ? 200 * p * r / (p + r) : 0.0);
    }
    {
        double p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
        double r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
        printf("events: %ld expected, %ld coded, %ld matched (source, target, "
               "code, context): precision %.1f%%, recall %.1f%%, F1 %.1f%%\n",
               tp + fn, tp + fp, tp, 100 * p, 100 * r,
               p + r > 0 ? 200 * p * r / (p + r) : 0.0);
    }
    printf("golden: %d passed, %d failed, %d skipped (known limitations)\n",
           passed, failed, skipped);
    ent_coder_free(coder);
    ent_nlp_free(nlp);
    ent_dict_free(d);
    return failed && !report ? 1 : 0;
}
