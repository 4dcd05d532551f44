/*
 * lint.c -- check an entente dictionary directory as text (`entente dict
 * lint`).
 *
 * The loader stops at the first error and quietly keeps the first of two
 * definitions; this stage reads the files the way a reviewer would and
 * reports what a dictionary writer wants to know: phrases and patterns
 * defined twice or never reachable, bad or overlapping dates, codes missing
 * from cameo.tsv and unknown synsets. It does not use the loader.
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Where something was first defined: file index, line, and what it codes
 * (offset of a NUL-terminated string in the lint's pool). */
typedef struct def {
    uint32_t file, line;
    size_t what;
} def;

/* One table of definitions: key (interned) -> def. */
typedef struct deftab {
    ent__strtab keys;
    def *d;
    size_t cap;
} deftab;

typedef struct lint {
    const ent_allocator *a;
    ent_trace_fn report;
    void *ud;
    size_t n;           /* problems */
    char **files;       /* base names, sorted */
    size_t nfiles, capfiles;
    uint32_t cur;       /* current file index */
    unsigned long line;
    ent__buf pool;      /* "what" strings */
    deftab actors, agents, discards, patterns, synsets;
    ent__strtab cameo;  /* codes of cameo.tsv */
    int have_cameo;
    ent__buf key, tmp;
    /* synset references, checked once every file is read: "name\0" with
     * the file and line of the reference */
    ent__buf refs;
    uint32_t *ref_where; /* file, line pairs */
    size_t nref, capref;
} lint;

/* Report a problem at the current file and line. */
static void problem(lint *L, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void problem(lint *L, const char *fmt, ...)
{
    char msg[1024];
    int k;
    va_list ap;
    L->n++;
    if (!L->report)
        return;
    k = snprintf(msg, sizeof msg, "%s:%lu: ", L->files[L->cur], L->line);
    if (k < 0 || (size_t)k >= sizeof msg)
        k = 0;
    va_start(ap, fmt);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    va_end(ap);
    L->report(L->ud, msg);
}

/* ASCII white space. */
static int is_ws(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trim white space in place. */
static char *trim(char *s)
{
    size_t n;
    while (is_ws((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n && is_ws((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* Normalise phrase s into L->key: words separated by one space. */
static int norm_phrase(lint *L, const char *s)
{
    int sp = 0;
    L->key.n = 0;
    if (ent__buf_add(L->a, &L->key, "", 0))
        return ENT_ENOMEM;
    for (; *s; s++) {
        if (is_ws((unsigned char)*s)) {
            sp = L->key.n > 0;
            continue;
        }
        if (sp && ent__buf_add(L->a, &L->key, " ", 1))
            return ENT_ENOMEM;
        sp = 0;
        if (ent__buf_add(L->a, &L->key, s, 1))
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/*
 * Define L->key in table t with meaning what at the current place. When it
 * was defined before, *prev receives that definition (and 1 is returned);
 * else 0; or ENT_ENOMEM (negative).
 */
static int define(lint *L, deftab *t, const char *what, def *prev)
{
    uint32_t before = (uint32_t)t->keys.n, id;
    if (ent__strtab_intern(L->a, &t->keys, L->key.p, L->key.n, &id))
        return ENT_ENOMEM;
    if (id <= before) {
        *prev = t->d[id];
        return 1;
    }
    if (ent__grow(L->a, (void **)&t->d, &t->cap, id + 1, sizeof *t->d))
        return ENT_ENOMEM;
    t->d[id].file = L->cur;
    t->d[id].line = (uint32_t)L->line;
    t->d[id].what = L->pool.n;
    return ent__buf_add(L->a, &L->pool, what, strlen(what) + 1);
}

/* Define every ';'-separated phrase of list with code what, reporting
 * phrases defined before (kind: "phrase", "agent", "discard"). */
static int define_phrases(lint *L, deftab *t, char *list, const char *what,
                          const char *kind)
{
    char *p = list, *semi;
    do {
        def prev;
        int rc;
        semi = strchr(p, ';');
        if (semi)
            *semi = 0;
        if (norm_phrase(L, p))
            return ENT_ENOMEM;
        if (L->key.n) {
            rc = define(L, t, what, &prev);
            if (rc < 0)
                return rc;
            if (rc == 1) {
                const char *pw = L->pool.p + prev.what;
                if (!strcmp(pw, what))
                    problem(L, "%s \"%s\" defined twice (also %s:%u, the "
                               "same code %s)", kind, L->key.p,
                            L->files[prev.file], prev.line, what);
                else
                    problem(L, "%s \"%s\" conflicts with %s:%u (%s there, "
                               "%s here; the first is kept)", kind, L->key.p,
                            L->files[prev.file], prev.line, pw, what);
            }
        }
        p = semi + 1;
    } while (semi);
    return ENT_OK;
}

/* Days of a "YYYY-MM-DD" date, or -1 when it is not a real day. */
static long date_days(const char *s, size_t n)
{
    static const int md[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    size_t i;
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = atoi(s);
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > md[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    if (m < 3) {
        y--;
        m += 12;
    }
    return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 +
           d;
}

/* A dated line of the entry being read, for the overlap check. */
typedef struct range {
    long from, to;
    unsigned long line;
    char code[32];
} range;

/* Read one *.actors or agents.txt file (agent != 0). */
static int lint_actors(lint *L, char *text, int agent)
{
    char *line = text, *next;
    char *pending = NULL; /* phrases of an entry whose codes follow */
    unsigned long pending_line = 0;
    range *rg = NULL;
    size_t nrg = 0, caprg = 0;
    ent__buf codes = {0};
    int rc = ENT_OK;
    L->line = 0;
    for (; line && !rc; line = next) {
        char *s, *eq, *hash;
        int indented;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        L->line++;
        indented = line[0] == ' ' || line[0] == '\t';
        if ((hash = strchr(line, '#')) != NULL)
            *hash = 0;
        s = trim(line);
        if (indented && pending && *s) {
            /* CODE [FROM..TO] [role] */
            char *code = s, *dates = s;
            while (*dates && !is_ws((unsigned char)*dates))
                dates++;
            if (*dates)
                *dates++ = 0;
            dates = trim(dates);
            rc = ent__buf_printf(L->a, &codes, "%s%s", codes.n ? "," : "",
                                 code);
            if (!rc && strstr(dates, "..") && dates[0] != '(') {
                char *dd = strstr(dates, ".."), *end = dd + 2;
                long from = -1, to = -1;
                size_t k;
                range r;
                while (*end && !is_ws((unsigned char)*end))
                    end++;
                if (dd > dates && (from = date_days(dates,
                                                    (size_t)(dd - dates))) < 0)
                    problem(L, "bad date \"%.*s\"", (int)(dd - dates), dates);
                else if (end > dd + 2 &&
                         (to = date_days(dd + 2, (size_t)(end - dd - 2))) < 0)
                    problem(L, "bad date \"%.*s\"", (int)(end - dd - 2),
                            dd + 2);
                else {
                    r.from = dd > dates ? from : -1;
                    r.to = end > dd + 2 ? to : 0x7fffffffL;
                    r.line = L->line;
                    snprintf(r.code, sizeof r.code, "%s", code);
                    if (r.from >= 0 && r.from > r.to)
                        problem(L, "%s: the range ends before it starts",
                                code);
                    /* overlaps that change the code: the same code twice,
                     * or a shared hand-over day, change nothing much */
                    for (k = 0; k < nrg; k++) {
                        long lo = rg[k].from > r.from ? rg[k].from : r.from;
                        long hi = rg[k].to < r.to ? rg[k].to : r.to;
                        if (lo < hi && strcmp(rg[k].code, r.code))
                            problem(L, "%s: its range overlaps line %lu (%s; "
                                       "the first line wins)", code,
                                    rg[k].line, rg[k].code);
                    }
                    if (ent__grow(L->a, (void **)&rg, &caprg, nrg + 1,
                                  sizeof *rg))
                        rc = ENT_ENOMEM;
                    else
                        rg[nrg++] = r;
                }
            }
            continue;
        }
        if (pending) {
            /* the dated entry ended: define its phrases */
            unsigned long keep = L->line;
            L->line = pending_line;
            rc = define_phrases(L, agent ? &L->agents : &L->actors, pending,
                                codes.p ? codes.p : "", "phrase");
            L->line = keep;
            ent__free(L->a, pending);
            pending = NULL;
            if (rc)
                break;
        }
        if (!*s || !(eq = strrchr(s, '=')))
            continue;
        *eq = 0;
        {
            char *code = trim(eq + 1);
            if (!*code) {
                pending = ent__strndup(L->a, s, strlen(s));
                if (!pending)
                    rc = ENT_ENOMEM;
                pending_line = L->line;
                codes.n = 0;
                nrg = 0;
                continue;
            }
            rc = define_phrases(L, agent ? &L->agents : &L->actors, s, code,
                                agent ? "agent" : "phrase");
        }
    }
    if (!rc && pending) {
        L->line = pending_line;
        rc = define_phrases(L, agent ? &L->agents : &L->actors, pending,
                            codes.p ? codes.p : "", "phrase");
    }
    ent__free(L->a, pending);
    ent__free(L->a, rg);
    ent__buf_free(L->a, &codes);
    return rc;
}

/* Remember a synset reference name[0..n) at the current place. */
static int add_ref(lint *L, const char *name, size_t n)
{
    if (ent__buf_add(L->a, &L->refs, name, n) ||
        ent__buf_add(L->a, &L->refs, "", 1) ||
        ent__grow(L->a, (void **)&L->ref_where, &L->capref,
                  2 * (L->nref + 1), sizeof *L->ref_where))
        return ENT_ENOMEM;
    L->ref_where[2 * L->nref] = L->cur;
    L->ref_where[2 * L->nref + 1] = (uint32_t)L->line;
    L->nref++;
    return ENT_OK;
}

/* Record the &name references in s. */
static int scan_refs(lint *L, const char *s)
{
    for (; *s; s++)
        if (*s == '&' && s[1] && !is_ws((unsigned char)s[1])) {
            size_t n = 1;
            while (s[n] && !is_ws((unsigned char)s[n]) && s[n] != ';' &&
                   s[n] != ')' && s[n] != '|')
                n++;
            if (add_ref(L, s, n))
                return ENT_ENOMEM;
            s += n - 1;
        }
    return ENT_OK;
}

/* Whether verb code c (one half) is in cameo.tsv or special. */
static int known_code(lint *L, const char *c, size_t n)
{
    static const char *const special[] = {"---", "+++", "###", "COMPLEX",
                                          "DISCARD"};
    size_t i;
    for (i = 0; i < sizeof special / sizeof special[0]; i++)
        if (strlen(special[i]) == n && !strncmp(special[i], c, n))
            return 1;
    return !L->have_cameo || ent__strtab_find(&L->cameo, c, n) != 0;
}

/* qsort order of C strings (alternatives "(b|a)" are sorted so that their
 * order does not matter). */
static int cmp_cstr(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Append token t to L->key normalised: alternatives sorted. */
static int add_token(lint *L, char *t)
{
    size_t n = strlen(t);
    if (L->key.n && ent__buf_add(L->a, &L->key, " ", 1))
        return ENT_ENOMEM;
    if (n > 2 && t[0] == '(' && t[n - 1] == ')') {
        char *alt[256], *p = t + 1;
        size_t na = 0, i;
        t[n - 1] = 0;
        while (p && na < 256) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = 0;
            alt[na++] = p;
            p = bar ? bar + 1 : NULL;
        }
        qsort(alt, na, sizeof *alt, cmp_cstr);
        if (ent__buf_add(L->a, &L->key, "(", 1))
            return ENT_ENOMEM;
        for (i = 0; i < na; i++)
            if ((i && ent__buf_add(L->a, &L->key, "|", 1)) ||
                ent__buf_add(L->a, &L->key, alt[i], strlen(alt[i])))
                return ENT_ENOMEM;
        return ent__buf_add(L->a, &L->key, ")", 1);
    }
    return ent__buf_add(L->a, &L->key, t, n);
}

/* Read one verbs file: CODE  PATTERN  [flags]. */
static int lint_verbs(lint *L, char *text)
{
    char *line = text, *next;
    int rc = ENT_OK;
    L->line = 0;
    for (; line && !rc; line = next) {
        char *s, *hash, *code, *br, *tok, *save = NULL;
        const char *colon;
        def prev;
        int lastgap = 0;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        L->line++;
        if ((hash = strchr(line, '#')) != NULL && (hash == line ||
                                                   is_ws((unsigned char)hash[-1])))
            *hash = 0;
        s = trim(line);
        if (!*s)
            continue;
        code = s;
        while (*s && !is_ws((unsigned char)*s))
            s++;
        if (*s)
            *s++ = 0;
        if ((br = strrchr(s, '[')) != NULL && strchr(br, ']'))
            *br = 0;
        s = trim(s);
        colon = strchr(code, ':');
        if (colon) {
            if (!known_code(L, code, (size_t)(colon - code)))
                problem(L, "unknown code %.*s (not in cameo.tsv)",
                        (int)(colon - code), code);
            if (!known_code(L, colon + 1, strlen(colon + 1)))
                problem(L, "unknown code %s (not in cameo.tsv)", colon + 1);
        } else if (!known_code(L, code, strlen(code)))
            problem(L, "unknown code %s (not in cameo.tsv)", code);
        if (scan_refs(L, s))
            return ENT_ENOMEM;
        /* normalised pattern: one space, one '*' in a row, alternatives
         * sorted; the key starts with the anchor */
        L->key.n = 0;
        L->tmp.n = 0;
        if (ent__buf_add(L->a, &L->key, "", 0))
            return ENT_ENOMEM;
        for (tok = strtok_r(s, " \t", &save); tok;
             tok = strtok_r(NULL, " \t", &save)) {
            int gap = !strcmp(tok, "*");
            if (gap && lastgap)
                continue;
            lastgap = gap;
            if (add_token(L, tok))
                return ENT_ENOMEM;
        }
        if (!L->key.n)
            continue;
        rc = define(L, &L->patterns, code, &prev);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            const char *pw = L->pool.p + prev.what;
            if (!strcmp(pw, code))
                problem(L, "pattern \"%s\" defined twice (also %s:%u)",
                        L->key.p, L->files[prev.file], prev.line);
            else
                problem(L, "pattern \"%s\" (%s) is unreachable: %s:%u has "
                           "the same pattern with %s", L->key.p, code,
                        L->files[prev.file], prev.line, pw);
        }
        rc = ENT_OK;
    }
    return rc;
}

/* Read synsets.txt: &name = phrase; phrase. */
static int lint_synsets(lint *L, char *text)
{
    char *line = text, *next;
    int rc = ENT_OK;
    L->line = 0;
    for (; line && !rc; line = next) {
        char *s, *eq, *hash;
        def prev;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        L->line++;
        if ((hash = strchr(line, '#')) != NULL)
            *hash = 0;
        s = trim(line);
        if (!*s || !(eq = strchr(s, '=')))
            continue;
        *eq = 0;
        s = trim(s);
        if (norm_phrase(L, s))
            return ENT_ENOMEM;
        rc = define(L, &L->synsets, "", &prev);
        if (rc < 0)
            return rc;
        if (rc == 1)
            problem(L, "synset %s defined twice (also %s:%u)", s,
                    L->files[prev.file], prev.line);
        rc = scan_refs(L, eq + 1);
    }
    return rc;
}

/* Read discards.txt: one phrase a line (or ';'-separated). */
static int lint_discards(lint *L, char *text)
{
    char *line = text, *next;
    int rc = ENT_OK;
    L->line = 0;
    for (; line && !rc; line = next) {
        char *hash, *s;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        L->line++;
        if ((hash = strchr(line, '#')) != NULL)
            *hash = 0;
        s = trim(line);
        if (*s)
            rc = define_phrases(L, &L->discards, s, "discard", "discard");
    }
    return rc;
}

/* Read the codes of cameo.tsv (the first column after the header). */
static int lint_cameo(lint *L, char *text)
{
    char *line = text, *next;
    int first = 1;
    L->have_cameo = 1;
    for (; line; line = next) {
        char *tab;
        uint32_t id;
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        if (first || line[0] == '#') {
            first = 0;
            continue;
        }
        tab = strchr(line, '\t');
        if (tab && ent__strtab_intern(L->a, &L->cameo, line,
                                      (size_t)(tab - line), &id))
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/* Whether s ends with suf. */
static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && !strcmp(s + n - k, suf);
}

/* Which checker reads file name: 1 actors, 2 agents, 3 verbs, 4 synsets,
 * 5 discards, 6 cameo; 0 none. */
static int file_kind(const char *name)
{
    if (name[0] == '.')
        return 0;
    if (ends_with(name, ".actors"))
        return 1;
    if (!strcmp(name, "agents.txt"))
        return 2;
    if (!strcmp(name, "verbs.txt") ||
        (!strncmp(name, "verbs-", 6) && ends_with(name, ".txt")))
        return 3;
    if (!strcmp(name, "synsets.txt"))
        return 4;
    if (!strcmp(name, "discards.txt"))
        return 5;
    if (!strcmp(name, "cameo.tsv"))
        return 6;
    return 0;
}

/* Reading order of the files: cameo.tsv, synsets.txt, then by name. */
static int cmp_name(const void *x, const void *y)
{
    const char *a = *(char *const *)x, *b = *(char *const *)y;
    int ka = file_kind(a), kb = file_kind(b);
    /* cameo.tsv and synsets.txt first: the other checks use them */
    int ra = ka == 6 ? 0 : ka == 4 ? 1 : 2, rb = kb == 6 ? 0 : kb == 4 ? 1 : 2;
    return ra != rb ? ra - rb : strcmp(a, b);
}

/* Release a definition table. */
static void deftab_free(lint *L, deftab *t)
{
    ent__strtab_free(L->a, &t->keys);
    ent__free(L->a, t->d);
}

/* See entente.h: list the directory's dictionary files, check each, then
 * the synset references. Uses malloc (the directory is small). */
int ent_dict_lint(const char *dict_dir, ent_trace_fn report, void *ud,
                  size_t *nproblems, char *err, size_t errlen)
{
    static const ent_allocator std = {NULL, NULL};
    lint L;
    DIR *d;
    struct dirent *e;
    ent__buf path = {0}, text = {0};
    size_t i, off;
    int rc = ENT_OK;
    if (err && errlen)
        err[0] = 0;
    if (nproblems)
        *nproblems = 0;
    if (!dict_dir) {
        if (err && errlen)
            snprintf(err, errlen, "lint: no directory");
        return ENT_EINVAL;
    }
    memset(&L, 0, sizeof L);
    L.a = &std;
    L.report = report;
    L.ud = ud;
    d = opendir(dict_dir);
    if (!d) {
        if (err && errlen)
            snprintf(err, errlen, "%s: cannot read: %s", dict_dir,
                     strerror(errno));
        return ENT_EIO;
    }
    while (!rc && (e = readdir(d)) != NULL) {
        if (!file_kind(e->d_name))
            continue;
        if (ent__grow(L.a, (void **)&L.files, &L.capfiles, L.nfiles + 1,
                      sizeof *L.files) ||
            !(L.files[L.nfiles] = ent__strndup(L.a, e->d_name,
                                               strlen(e->d_name))))
            rc = ENT_ENOMEM;
        else
            L.nfiles++;
    }
    closedir(d);
    if (!rc && L.nfiles)
        qsort(L.files, L.nfiles, sizeof *L.files, cmp_name);
    for (i = 0; !rc && i < L.nfiles; i++) {
        int kind = file_kind(L.files[i]);
        path.n = 0;
        rc = ent__buf_printf(L.a, &path, "%s/%s", dict_dir, L.files[i]);
        if (!rc)
            rc = ent__read_file(L.a, path.p, &text);
        if (rc == ENT_EIO && err && errlen)
            snprintf(err, errlen, "%s: cannot read: %s", path.p,
                     strerror(errno));
        if (rc)
            break;
        L.cur = (uint32_t)i;
        switch (kind) {
        case 1: rc = lint_actors(&L, text.p, 0); break;
        case 2: rc = lint_actors(&L, text.p, 1); break;
        case 3: rc = lint_verbs(&L, text.p); break;
        case 4: rc = lint_synsets(&L, text.p); break;
        case 5: rc = lint_discards(&L, text.p); break;
        default: rc = lint_cameo(&L, text.p); break;
        }
    }
    /* synset references: every one must be defined in synsets.txt */
    for (i = 0, off = 0; !rc && i < L.nref; i++) {
        const char *name = L.refs.p + off;
        off += strlen(name) + 1;
        if (ent__strtab_find(&L.synsets.keys, name, strlen(name)))
            continue;
        L.cur = L.ref_where[2 * i];
        L.line = L.ref_where[2 * i + 1];
        problem(&L, "unknown synset %s", name);
    }
    if (rc == ENT_ENOMEM && err && errlen)
        snprintf(err, errlen, "out of memory");
    if (nproblems)
        *nproblems = L.n;
    for (i = 0; i < L.nfiles; i++)
        ent__free(L.a, L.files[i]);
    ent__free(L.a, L.files);
    ent__buf_free(L.a, &L.pool);
    ent__buf_free(L.a, &L.key);
    ent__buf_free(L.a, &L.tmp);
    ent__buf_free(L.a, &L.refs);
    ent__free(L.a, L.ref_where);
    ent__buf_free(L.a, &path);
    ent__buf_free(L.a, &text);
    deftab_free(&L, &L.actors);
    deftab_free(&L, &L.agents);
    deftab_free(&L, &L.discards);
    deftab_free(&L, &L.patterns);
    deftab_free(&L, &L.synsets);
    ent__strtab_free(L.a, &L.cameo);
    return rc;
}
