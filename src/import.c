/*
 * import.c -- convert TABARI and PETRARCH dictionaries into entente's
 * dictionary format (`entente dict import`).
 *
 * The peers' dictionaries hold decades of hand-written actors and verb
 * patterns. This stage reads them (TABARI .actors/.verbs/.agents/.options,
 * PETRARCH 1 and 2 and the Phoenix set), maps every feature onto the
 * nearest thing entente can express and warns, with file:line, about each
 * one it drops or approximates. It never prints: warnings go to a callback.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

/* ---- what is dropped or approximated ------------------------------- */

/* Kinds of dropped (approx 0) or approximated (approx 1) features, each
 * counted and listed in the generated README.md. */
enum {
    K_NOUNADJ, K_TIME, K_DOMINANT, K_ISSUES,
    K_TRANSFORM, K_COMPOUND, K_BADCODE, K_BADDATE, K_SPECIAL, K_NOCODE,
    K_SPACE, K_STORY, K_BADPHRASE, K_BADPATTERN, K_OPTIONS, K_EXTRA,
    K_LOWER, K_REVERSE, K_SYNACTOR, K_AGENTCODE, K_NOENDINGS,
    K_DUPSYN, K_REPEAT, K_LABEL, K_ONTOLOGY, K_NKINDS
};

static const struct {
    const char *name;
    int approx;
} kinds[K_NKINDS] = {
    {"TABARI <NOUN>/<ADJECTIVE> words (no codes; parser hints)", 0},
    {"TABARI <TIME> date shifts (a ### one is a discard)", 0},
    {"! dominant codes (written as plain codes)", 1},
    {"issue coding lines", 0},
    {"PETRARCH-2 transformations (~ lines)", 0},
    {"coded compound actors A/B that are not valid codes", 0},
    {"invalid codes", 0},
    {"invalid or reversed dates", 0},
    {"+++ (complex) codes on actors", 0},
    {"entries without a usable code", 0},
    {"words separated by a space in a phrase (TABARI allows words "
     "between them): written adjacent", 1},
    {"story-level discards (+): written as sentence-level", 1},
    {"phrases with characters entente reserves or no words", 0},
    {"malformed verb patterns", 0},
    {"options other than LABEL", 0},
    {"extra codes after the first undated one", 0},
    {"lower-case actor codes: upper-cased", 1},
    {"reverse-only paired codes [:CODE]", 0},
    {"$ or + inside synsets", 0},
    {"agent codes without ~", 0},
    {"TABARI WORD= (no regular endings) in a pattern: written as the whole "
     "word", 1},
    {"synsets defined twice: the later definition dropped", 0},
    {"repeated $ or + in a pattern: the later ones written as gaps", 1},
    {"codes that an .options LABEL names differently from CAMEO: named by "
     "the label, CAMEO's QuadClass, Goldstein and PLOVER left empty", 1},
    {"PETRARCH coding ontology values other than negations", 0},
};

/* Input kinds. */
enum { F_ACTORS = 1, F_AGENTS, F_VERBS, F_OPTIONS, F_DISCARDS, F_ISSUES,
       F_PROJECT, F_ONTOLOGY };

static const char *const kind_names[] = {
    "", "actors", "agents", "verbs", "options", "discards", "issues",
    "project", "ontology"};

/* Counts of one input file, for README.md. */
typedef struct filestat {
    char *name; /* base name */
    int kind;
    ent_import_stats st;
} filestat;

/* A source line in the verb readers' items: the link before an item. */
enum { L_NONE = 0, L_ADJ, L_GAP };
/* Item kinds: text (word, stem, synset, alternatives, $, +, * gap), the
 * verb's place in a pattern, the anchor word of a verb phrase. */
enum { PI_TEXT = 1, PI_VERB, PI_ANCHOR };

typedef struct pitem {
    int kind, link;
    size_t off; /* text at seq pool + off */
} pitem;

/* A parsed pattern or verb phrase. */
typedef struct pseq {
    pitem *v;
    size_t n, cap;
    ent__buf pool;
} pseq;

/* A verb phrase of a block (root, form or PETRARCH synonym) and its code. */
typedef struct vroot {
    pseq q;
    char *code; /* NULL: no pattern of the verb alone */
    unsigned long line;
    int form;   /* a form of the previous root: shares its code */
} vroot;

typedef struct vpat {
    pseq q;
    char *code;
    unsigned long line;
} vpat;

/* One actor code line. */
typedef struct acode {
    char code[32];
    char from[11], to[11]; /* "" when open */
    int dated;
} acode;

typedef struct imp {
    const ent_import_config *cfg;
    const ent_allocator *a;
    ent_trace_fn warn;
    void *ud;
    char *err;
    size_t errlen;
    ent__lemmatizer *lm;
    int petr; /* ENT_IMPORT_PETRARCH */
    int gaps; /* reading actors: a space between words is a gap */

    ent__buf actors, agents, synsets, verbs, discards;
    ent__strtab codes;          /* verb codes used */
    ent__strtab labels;         /* .options LABEL codes */
    ent__buf options;           /* .options settings as options.txt lines */
    ent__imap pico;             /* PETRARCH ontology value -> code id + 1
                                   in picocodes (the first code wins) */
    ent__strtab picocodes;      /* codes of the ontology file */
    uint32_t (*negpair)[2];     /* (code, negated code) ids in picocodes */
    size_t nnegpair, capnegpair;
    struct label {
        char *name;               /* the LABEL text */
        const char *file;         /* the .options file (base name) */
        unsigned long line;
    } *label;                     /* by label id */
    size_t caplabel;
    ent__strtab anon;           /* anonymous synset contents */
    ent__strtab synnames;       /* named synsets written so far */
    ent__buf names;             /* input base names, for headers */
    ent_import_stats st;
    size_t nkind[K_NKINDS];

    filestat *fs;
    size_t nfs, capfs;

    const char *file; /* current input (base name) */
    unsigned long line;
    ent__buf tmp, tmp2; /* scratch */
    ent__buf line_buf;
    int in_xml;       /* inside <!-- --> */
    int nomem;        /* next_line() ran out of memory */
    /* PETRARCH agent macros !NAME! = A, B */
    ent__buf macros; /* "!NAME!\0A\0B\0\0" runs */
} imp;

/* ---- small helpers ------------------------------------------------- */

/* Report feature kind k at the current line: counts it and calls the
 * warning hook with "file:line: message". */
static void warnf(imp *im, int k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void warnf(imp *im, int k, const char *fmt, ...)
{
    char msg[1024];
    int n;
    va_list ap;
    im->nkind[k]++;
    if (kinds[k].approx)
        im->st.approximated++;
    else
        im->st.dropped++;
    if (!im->warn)
        return;
    n = snprintf(msg, sizeof msg, "%s:%lu: ", im->file, im->line);
    if (n < 0 || (size_t)n >= sizeof msg)
        n = 0;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    im->warn(im->ud, msg);
}

/* Set the error message "file:line: ..." and return rc. */
static int fail(imp *im, int rc, const char *file, unsigned long line,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail(imp *im, int rc, const char *file, unsigned long line,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (line)
        ent__errv(im->err, im->errlen, file, line, fmt, ap);
    else if (im->err && im->errlen) {
        int k = snprintf(im->err, im->errlen, "%s: ", file);
        if (k >= 0 && (size_t)k < im->errlen)
            vsnprintf(im->err + k, im->errlen - (size_t)k, fmt, ap);
    }
    va_end(ap);
    return rc;
}

/* The file name part of path. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ASCII white space (locale-independent isspace). */
static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* Trim white space at both ends of s[0..*n) in place; returns the start. */
static char *trim(char *s)
{
    size_t n;
    while (is_space((unsigned char)*s))
        s++;
    n = strlen(s);
    while (n && is_space((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* Whether s holds only A-Z and 0-9. */
static int is_upper_alnum(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

/* Whether s is non-empty and holds only ASCII letters and digits. */
static int is_alnum_str(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
              (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

/* Whether s is valid UTF-8 (no NUL). */
static int valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Windows-1252 code points of bytes 0x80..0x9F (0: undefined, kept as
 * the Latin-1 control). */
static const unsigned short cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Re-encode a Windows-1252 / Latin-1 buffer as UTF-8 (NUL bytes become
 * spaces). */
static int to_utf8(imp *im, ent__buf *b)
{
    ent__buf o = {0};
    size_t i;
    int rc = ENT_OK;
    for (i = 0; i < b->n && !rc; i++) {
        unsigned c = (unsigned char)b->p[i];
        unsigned char enc[4];
        utf8proc_ssize_t k;
        if (c < 0x80) {
            char ch = c ? (char)c : ' ';
            rc = ent__buf_add(im->a, &o, &ch, 1);
            continue;
        }
        if (c < 0xA0 && cp1252[c - 0x80])
            c = cp1252[c - 0x80];
        k = utf8proc_encode_char((utf8proc_int32_t)c, enc);
        rc = ent__buf_add(im->a, &o, (const char *)enc, (size_t)k);
    }
    if (!rc && !o.p)
        rc = ent__buf_add(im->a, &o, "", 0);
    if (rc) {
        ent__buf_free(im->a, &o);
        return rc;
    }
    ent__buf_free(im->a, b);
    *b = o;
    return ENT_OK;
}

/* Append the lower-case form of UTF-8 s[0..n) to b. */
static int add_lower(imp *im, ent__buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        unsigned char enc[4];
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            if (ent__buf_add(im->a, b, s + i, 1))
                return ENT_ENOMEM;
            i++;
            continue;
        }
        i += (size_t)k;
        if (cp < 0x80) {
            char ch = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            if (ent__buf_add(im->a, b, &ch, 1))
                return ENT_ENOMEM;
            continue;
        }
        k = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        if (ent__buf_add(im->a, b, (const char *)enc, (size_t)k))
            return ENT_ENOMEM;
    }
    return ENT_OK;
}

/* Whether the last character of a word is a letter (so that a stem mark
 * makes sense: "argentin*", not "77*" or "u.n.*"). */
static int ends_in_letter(const char *s, size_t n)
{
    unsigned char c;
    if (!n)
        return 0;
    c = (unsigned char)s[n - 1];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Characters that structure entente's dictionary files and may not
 * appear inside a phrase word. */
static int reserved_char(int c)
{
    return c == ';' || c == '#' || c == '=' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '|' || c == '@' || c == '*' ||
           c == '&' || c == '(' || c == ')';
}

/* ---- phrases of actors, agents and discards ------------------------- */

/*
 * Convert a TABARI/PETRARCH phrase ("AL_GORE", "ESTONIA_", "GROUP OF 77")
 * into entente's form in out: words lower-cased and separated by single
 * spaces. In TABARI a word not followed by '_' is a stem and gets a
 * trailing '*' when it ends in a letter; PETRARCH matches whole words
 * (it does not use TABARI's stems), so its words never get one. Returns
 * ENT_OK, ENT_ENOMEM, or 1 when the phrase cannot be written (warned).
 */
static int conv_phrase(imp *im, const char *s, ent__buf *out)
{
    size_t i = 0, nw = 0;
    int spaced = 0, gap = 0;
    out->n = 0;
    if (ent__buf_add(im->a, out, "", 0))
        return ENT_ENOMEM;
    while (s[i]) {
        size_t j;
        int exact;
        if (s[i] == '_' || is_space((unsigned char)s[i])) {
            if (is_space((unsigned char)s[i]) && nw)
                spaced = gap = 1;
            if (s[i] == '_' && nw && im->petr)
                gap = 1; /* PETRARCH: "ITHILEN_TELEVISION" too */
            i++;
            continue;
        }
        for (j = i; s[j] && s[j] != '_' && !is_space((unsigned char)s[j]);
             j++)
            if (s[j] == '=' && j > i &&
                (!s[j + 1] || s[j + 1] == '_' ||
                 is_space((unsigned char)s[j + 1]))) {
                break; /* "MOUSE=": no endings, the exact form "mouse!" */
            } else if (reserved_char((unsigned char)s[j]) && s[j] != '(' &&
                s[j] != ')' && s[j] != '&') {
                warnf(im, K_BADPHRASE,
                      "phrase \"%s\" has '%c', which entente reserves: dropped",
                      s, s[j]);
                return 1;
            }
        exact = s[j] == '_' || s[j] == '=';
        if (nw && ent__buf_add(im->a, out, " ", 1))
            return ENT_ENOMEM;
        /* TABARI's actor phrases skip words where a space separates two
         * of them ("ITHILEN TELEVISION" matches "Ithilen state-run
         * television"), and PETRARCH's unit tests want the same:
         * entente's gap word '*' */
        if (nw && gap && im->gaps &&
            ent__buf_add(im->a, out, "* ", 2))
            return ENT_ENOMEM;
        gap = 0;
        if (add_lower(im, out, s + i, j - i))
            return ENT_ENOMEM;
        if (!exact && !im->petr && ends_in_letter(s + i, j - i) &&
            ent__buf_add(im->a, out, "*", 1))
            return ENT_ENOMEM;
        if (s[j] == '=' && ent__buf_add(im->a, out, "!", 1))
            return ENT_ENOMEM;
        nw++;
        i = s[j] == '=' ? j + 1 : j;
    }
    if (!nw) {
        warnf(im, K_BADPHRASE, "empty phrase: dropped");
        return 1;
    }
    /* a space after the last word ("GOATS  ") is not a gap */
    if (spaced && !im->petr && !im->gaps) {
        size_t k = strlen(s);
        while (k && is_space((unsigned char)s[k - 1]))
            k--;
        for (i = 0; i < k; i++)
            if (is_space((unsigned char)s[i]) && i > 0 &&
                !is_space((unsigned char)s[i - 1])) {
                warnf(im, K_SPACE, "\"%.*s\": words written adjacent",
                      (int)k, s);
                break;
            }
    }
    return ENT_OK;
}

/* ---- actor and agent entries --------------------------------------- */

typedef struct entry {
    ent__buf phr;  /* converted phrases, each NUL-terminated */
    size_t nphr;
    acode *c;
    size_t nc, capc;
    int open;      /* an entry is being read */
    int had_code;  /* some [..] was seen (even if dropped) */
    int discard;   /* an undated ### code: its phrases are discards */
    unsigned long line;
} entry;

/* Add converted phrase p to e unless it is already there. */
static int entry_add_phrase(imp *im, entry *e, const char *p)
{
    size_t off = 0, k;
    while (off < e->phr.n) {
        if (!strcmp(e->phr.p + off, p))
            return ENT_OK;
        off += strlen(e->phr.p + off) + 1;
    }
    k = strlen(p);
    if (ent__buf_add(im->a, &e->phr, p, k + 1))
        return ENT_ENOMEM;
    e->nphr++;
    return ENT_OK;
}

/* Expand PETRARCH agent macros (!PERSON! -> MAN, MEN...) in raw phrase s
 * and add each converted result to e. */
static int add_raw_phrase(imp *im, entry *e, const char *s, int depth)
{
    const char *b = strchr(s, '!');
    int rc;
    if (b && depth < 4) {
        const char *c = strchr(b + 1, '!');
        size_t off = 0;
        while (c && off < im->macros.n) {
            const char *name = im->macros.p + off;
            size_t nl = strlen(name);
            const char *alt = name + nl + 1;
            if (nl == (size_t)(c - b + 1) && !strncmp(name, b, nl)) {
                while (*alt) {
                    ent__buf t = {0};
                    size_t al = strlen(alt);
                    if (ent__buf_add(im->a, &t, s, (size_t)(b - s)) ||
                        ent__buf_add(im->a, &t, alt, al) ||
                        ent__buf_add(im->a, &t, c + 1, strlen(c + 1))) {
                        ent__buf_free(im->a, &t);
                        return ENT_ENOMEM;
                    }
                    rc = add_raw_phrase(im, e, t.p, depth + 1);
                    ent__buf_free(im->a, &t);
                    if (rc)
                        return rc;
                    alt += al + 1;
                }
                return ENT_OK;
            }
            off = (size_t)(alt - im->macros.p);
            while (*(im->macros.p + off))
                off += strlen(im->macros.p + off) + 1;
            off++;
        }
    }
    rc = conv_phrase(im, s, &im->tmp);
    if (rc == 1)
        return ENT_OK;
    if (rc)
        return rc;
    return entry_add_phrase(im, e, im->tmp.p);
}

/* Parse a date "950601", "19950601" into "1995-06-01" (out, 11 bytes).
 * Two-digit years: 30..99 are 19xx, 00..29 are 20xx. Returns 0 or -1. */
static int parse_date(const char *s, size_t n, char *out)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    if (n == 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y >= 30 ? 1900 : 2000;
        s += 2;
    } else if (n == 8) {
        y = atoi((char[5]){s[0], s[1], s[2], s[3], 0});
        s += 4;
    } else
        return -1;
    m = (s[0] - '0') * 10 + (s[1] - '0');
    d = (s[2] - '0') * 10 + (s[3] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    {
        char t[32];
        snprintf(t, sizeof t, "%04d-%02d-%02d", y % 10000, m, d);
        memcpy(out, t, 11);
    }
    return 0;
}

/*
 * Parse the [...] code blocks in s into entry e. Actors: "ARN", "---",
 * "HOBGOV 950601 - 990815", "HOB < 950601", "HOBREB >990816"; "<" and ">"
 * include the date (TABARI manual 6.5.2). Agents: "~GOV" or "NGM~".
 */
static int parse_codes(imp *im, char *s, entry *e, int agent)
{
    char *p = s;
    while ((p = strchr(p, '[')) != NULL) {
        char *q = strchr(p, ']'), *body, *rest, code[64];
        size_t cn = 0;
        acode ac;
        if (!q) {
            warnf(im, K_BADCODE, "'[' without ']': code dropped");
            return ENT_OK;
        }
        *q = 0;
        body = trim(p + 1);
        p = q + 1;
        e->had_code = 1;
        while (body[cn] && !is_space((unsigned char)body[cn]) &&
               body[cn] != '<' && body[cn] != '>' &&
               cn + 1 < sizeof code)
            cn++;
        /* a code that starts with a date: no code at all */
        memcpy(code, body, cn);
        code[cn] = 0;
        rest = body + cn;
        memset(&ac, 0, sizeof ac);
        if (agent) {
            size_t k = strlen(code);
            char sec[64];
            if (*trim(rest)) {
                warnf(im, K_BADCODE, "agent code [%s] has a date: dropped",
                      body);
                continue;
            }
            if (k >= 2 && code[0] == '~')
                snprintf(sec, sizeof sec, "%s", code + 1);
            else if (k >= 2 && code[k - 1] == '~')
                snprintf(sec, sizeof sec, "%s", code);
            else {
                warnf(im, K_AGENTCODE, "agent code [%s] has no ~: dropped",
                      body);
                continue;
            }
            {
                size_t j, sl = strlen(sec);
                int ok = sl >= 3;
                for (j = 0; j < sl && ok; j++)
                    ok = (sec[j] >= 'A' && sec[j] <= 'Z') ||
                         (sec[j] >= '0' && sec[j] <= '9') ||
                         (sec[j] == '~' && j == sl - 1);
                if (!ok) {
                    warnf(im, K_BADCODE, "agent code [%s] is not letters "
                                         "and digits: dropped", body);
                    continue;
                }
            }
            snprintf(ac.code, sizeof ac.code, "%.31s", sec);
        } else {
            char *r;
            size_t i;
            int lower = 0;
            if (!strcmp(code, "- - -"))
                strcpy(code, "---");
            if (!cn) {
                warnf(im, K_BADCODE, "code block [%s] has no code: dropped",
                      body);
                continue;
            }
            if (strchr(code, '/')) {
                /* "[FRO/BIL/SAM]": one phrase for several actors, written
                 * as it is (docs/dictionaries.md) */
                char *part, *save = NULL, tmp[64];
                int good = strlen(code) < ENT_ACTOR_MAX;
                snprintf(tmp, sizeof tmp, "%s", code);
                for (part = strtok_r(tmp, "/", &save); part && good;
                     part = strtok_r(NULL, "/", &save))
                    good = is_upper_alnum(part) && strlen(part) >= 3;
                if (!good || code[0] == '/' || code[strlen(code) - 1] == '/' ||
                    strstr(code, "//")) {
                    warnf(im, K_COMPOUND, "coded compound actor [%s]: "
                                          "dropped", body);
                    continue;
                }
            } else if (strcmp(code, "---") && strcmp(code, "###") &&
                strcmp(code, "+++")) {
                for (i = 0; code[i]; i++)
                    if (code[i] >= 'a' && code[i] <= 'z') {
                        code[i] = (char)(code[i] - 32);
                        lower = 1;
                    }
                if (!is_upper_alnum(code) || strlen(code) < 3 ||
                    strlen(code) >= ENT_ACTOR_MAX) {
                    warnf(im, K_BADCODE, "actor code [%s] is not 3 or more "
                                         "letters and digits: dropped", body);
                    continue;
                }
                if (lower)
                    warnf(im, K_LOWER, "lower-case actor code [%s] written "
                                       "as %s", body, code);
            }
            snprintf(ac.code, sizeof ac.code, "%.31s", code);
            /* the date restriction: "", "<D", ">D" or "D-D" */
            r = rest;
            {
                char d[64];
                size_t dn = 0;
                for (; *r && dn + 1 < sizeof d; r++)
                    if (!is_space((unsigned char)*r))
                        d[dn++] = *r;
                d[dn] = 0;
                if (dn) {
                    char *dash = strchr(d, '-');
                    ac.dated = 1;
                    if (d[0] == '<') {
                        if (parse_date(d + 1, dn - 1, ac.to))
                            goto baddate;
                    } else if (d[0] == '>') {
                        if (parse_date(d + 1, dn - 1, ac.from))
                            goto baddate;
                    } else if (dash) {
                        if (parse_date(d, (size_t)(dash - d), ac.from) ||
                            parse_date(dash + 1, strlen(dash + 1), ac.to))
                            goto baddate;
                        if (strcmp(ac.from, ac.to) > 0) {
                            warnf(im, K_BADDATE,
                                  "[%s]: the range ends before it starts: "
                                  "dropped", body);
                            continue;
                        }
                    } else
                        goto baddate;
                }
            }
            if (!strcmp(code, "###") && ac.dated) {
                /* a discard on those dates: the code DISCARD */
                snprintf(ac.code, sizeof ac.code, "DISCARD");
            } else if (!strcmp(code, "###") || !strcmp(code, "+++")) {
                if (!strcmp(code, "###")) {
                    e->discard = 1;
                    continue;
                }
                warnf(im, K_SPECIAL, "actor code [%s]: dropped (entente "
                                     "has no complex actors)", body);
                continue;
            }
        }
        if (ent__grow(im->a, (void **)&e->c, &e->capc, e->nc + 1,
                      sizeof *e->c))
            return ENT_ENOMEM;
        e->c[e->nc++] = ac;
        continue;
    baddate:
        warnf(im, K_BADDATE, "bad date in [%s]: code dropped", body);
    }
    return ENT_OK;
}

/* Write the finished entry e to imported.actors (or agents.txt, or
 * discards.txt for ### entries) and reset it. */
static int entry_flush(imp *im, entry *e, int agent)
{
    ent__buf *o = agent ? &im->agents : &im->actors;
    size_t i, off;
    int rc = ENT_OK, fallback = -1, ndated = 0;
    unsigned long keep = im->line;
    if (!e->open)
        return ENT_OK;
    im->line = e->line;
    if (e->discard && !agent && e->nc) {
        /* "ONODOHER [ONO <911226] [###]": after its dates, a discard */
        acode fb;
        memset(&fb, 0, sizeof fb);
        snprintf(fb.code, sizeof fb.code, "DISCARD");
        if (ent__grow(im->a, (void **)&e->c, &e->capc, e->nc + 1,
                      sizeof *e->c))
            return ENT_ENOMEM;
        e->c[e->nc++] = fb;
        e->discard = 0;
    }
    if (e->discard && !agent) {
        for (off = 0; off < e->phr.n && !rc; off += strlen(e->phr.p + off) + 1) {
            rc = ent__buf_printf(im->a, &im->discards, "%s\n", e->phr.p + off);
            im->st.discards++;
        }
        goto done;
    }
    if (!e->nphr)
        goto done;
    if (!e->nc) {
        warnf(im, K_NOCODE, "\"%s\"%s has no usable code: entry dropped",
              e->phr.p, e->nphr > 1 ? " (and synonyms)" : "");
        goto done;
    }
    for (off = 0, i = 0; off < e->phr.n && !rc; i++) {
        rc = ent__buf_printf(im->a, o, "%s%s", i ? "; " : "", e->phr.p + off);
        off += strlen(e->phr.p + off) + 1;
    }
    if (rc)
        goto done;
    if (agent) {
        if (e->nc > 1)
            warnf(im, K_EXTRA, "agent has %zu codes: the first, %s, is kept",
                  e->nc, e->c[0].code);
        rc = ent__buf_printf(im->a, o, " = %s\n", e->c[0].code);
        im->st.agents += e->nphr;
        goto done;
    }
    for (i = 0; i < e->nc; i++) {
        if (e->c[i].dated)
            ndated++;
        else if (fallback < 0)
            fallback = (int)i;
        else
            warnf(im, K_EXTRA, "second undated code %s: dropped (the first "
                               "undated code, %s, is the fallback)",
                  e->c[i].code, e->c[fallback].code);
    }
    if (!ndated) {
        rc = ent__buf_printf(im->a, o, " = %s\n", e->c[fallback].code);
    } else {
        rc = ent__buf_add(im->a, o, " =\n", 3);
        for (i = 0; i < e->nc && !rc; i++)
            if (e->c[i].dated)
                rc = ent__buf_printf(im->a, o, "    %s %s..%s\n",
                                     e->c[i].code, e->c[i].from, e->c[i].to);
        /* TABARI 6.5.2: when no restriction holds and there is no default,
         * the null code is assigned */
        if (!rc)
            rc = ent__buf_printf(im->a, o, "    %s\n",
                                 fallback >= 0 ? e->c[fallback].code : "---");
    }
    im->st.actors++;
    im->st.actor_phrases += e->nphr;
done:
    im->line = keep;
    e->phr.n = 0;
    e->nphr = 0;
    e->nc = 0;
    e->open = e->had_code = e->discard = 0;
    return rc;
}

/* ---- reading lines ------------------------------------------------- */

/*
 * Strip comments from line s in place: TABARI lines starting with '#' or
 * '/' are comments, ';' and " #" start one; PETRARCH also has '#'
 * anywhere and <!-- --> blocks over several lines (state in im->in_xml).
 */
static void strip_comment(imp *im, char *s)
{
    char *p = s, *q;
    while (*p && is_space((unsigned char)*p))
        p++;
    if (im->in_xml) {
        q = strstr(s, "-->");
        if (!q) {
            *s = 0;
            return;
        }
        memmove(s, q + 3, strlen(q + 3) + 1);
        im->in_xml = 0;
    }
    while ((q = strstr(s, "<!--")) != NULL) {
        char *r = strstr(q + 4, "-->");
        if (!r) {
            *q = 0;
            im->in_xml = 1;
            break;
        }
        memmove(q, r + 3, strlen(r + 3) + 1);
    }
    p = s;
    while (*p && is_space((unsigned char)*p))
        p++;
    if (*p == '#' || *p == '/') {
        *s = 0;
        return;
    }
    if ((q = strchr(s, ';')) != NULL)
        *q = 0;
    {
        /* '#' outside [ ] ("[###]" is a code); in TABARI files only after
         * white space, as the Phoenix files written in TABARI's format
         * have it ("VLADIMIR_PUTIN_  # CountryInfo.txt") */
        int depth = 0;
        for (q = s; *q; q++) {
            if (*q == '[')
                depth++;
            else if (*q == ']' && depth)
                depth--;
            else if (*q == '#' && !depth &&
                     (im->petr || (q > s && is_space((unsigned char)q[-1])))) {
                *q = 0;
                break;
            }
        }
    }
}

/* Iterate the lines of b: returns the next line (NUL-terminated in
 * im->line_buf, comments not yet stripped) or NULL at the end. *pos is
 * the read offset. "~FINISH" ends TABARI files. */
static char *next_line(imp *im, const ent__buf *b, size_t *pos)
{
    size_t i = *pos, j;
    if (i >= b->n)
        return NULL;
    for (j = i; j < b->n && b->p[j] != '\n'; j++)
        ;
    *pos = j < b->n ? j + 1 : j;
    im->line++;
    im->line_buf.n = 0;
    if (ent__buf_add(im->a, &im->line_buf, b->p + i, j - i)) {
        im->nomem = 1;
        return NULL;
    }
    if (im->line_buf.n && im->line_buf.p[im->line_buf.n - 1] == '\r')
        im->line_buf.p[--im->line_buf.n] = 0;
    if (im->line_buf.p[0] == '~' && strstr(im->line_buf.p, "FINISH"))
        return NULL;
    return im->line_buf.p;
}

/* The next line of b that holds something once its comments are gone,
 * trimmed, or NULL at the end; *indented (may be NULL) says whether the
 * line began with white space (a TABARI code line). */
static char *next_text(imp *im, const ent__buf *b, size_t *pos,
                       int *indented)
{
    char *raw, *s;
    while ((raw = next_line(im, b, pos)) != NULL) {
        int ind = is_space((unsigned char)raw[0]);
        strip_comment(im, raw);
        s = trim(raw);
        if (!*s)
            continue;
        if (indented)
            *indented = ind;
        return s;
    }
    return NULL;
}

/* ---- actors and agents files --------------------------------------- */

/* Read an actors (agent == 0) or agents file already in b. */
static int read_actors(imp *im, const ent__buf *b, int agent)
{
    entry e;
    size_t pos = 0;
    char *s;
    int indented = 0;
    int rc = ENT_OK, section = 0;
    unsigned long sec_line = 0, sec_n = 0;
    memset(&e, 0, sizeof e);
    while (!rc && (s = next_text(im, b, &pos, &indented)) != NULL) {
        char *br, *cb;
        int noplural;
        if (section) {
            if (!strncmp(s, "</", 2)) {
                unsigned long l = im->line;
                im->line = sec_line;
                im->nkind[K_NOUNADJ] += sec_n ? sec_n - 1 : 0;
                im->st.dropped += sec_n ? sec_n - 1 : 0;
                if (sec_n)
                    warnf(im, K_NOUNADJ, "%lu words of a %s list dropped "
                                         "(no codes)", sec_n,
                          section == 1 ? "<NOUN>" : "<ADJECTIVE>");
                im->line = l;
                section = 0;
            } else
                sec_n++;
            continue;
        }
        if (!strncmp(s, "<NOUN>", 6) || !strncmp(s, "<ADJECTIVE>", 11)) {
            rc = entry_flush(im, &e, agent);
            section = s[1] == 'N' ? 1 : 2;
            sec_line = im->line;
            sec_n = 0;
            continue;
        }
        if (agent && s[0] == '!' && (br = strchr(s + 1, '!')) != NULL &&
            strchr(br, '=')) {
            /* PETRARCH substitution: !PERSON! = MAN, MEN, WOMAN */
            char *alt = strchr(br, '=') + 1, *tok;
            rc = ent__buf_add(im->a, &im->macros, s, (size_t)(br - s + 1));
            if (!rc)
                rc = ent__buf_add(im->a, &im->macros, "", 1);
            for (tok = strtok(alt, ","); tok && !rc; tok = strtok(NULL, ",")) {
                tok = trim(tok);
                if (*tok)
                    rc = ent__buf_add(im->a, &im->macros, tok,
                                      strlen(tok) + 1);
            }
            if (!rc)
                rc = ent__buf_add(im->a, &im->macros, "", 1);
            continue;
        }
        if (indented && s[0] == '[') {
            if (!e.open) {
                warnf(im, K_NOCODE, "code line outside an entry: dropped");
                continue;
            }
            rc = parse_codes(im, s, &e, agent);
            continue;
        }
        if (s[0] == '<') {
            warnf(im, K_BADPHRASE, "unknown section %s: line dropped", s);
            continue;
        }
        if (s[0] == '+') {
            if (!e.open) {
                warnf(im, K_NOCODE, "synonym %s outside an entry: dropped", s);
                continue;
            }
            s++;
        } else if (!(e.open && !agent && !e.had_code)) {
            /* a phrase line while the entry has no code yet is one more
             * synonym (Phoenix lists them without '+' before the code
             * lines) */
            rc = entry_flush(im, &e, agent);
            if (rc)
                break;
            e.open = 1;
            e.line = im->line;
        }
        /* phrase [codes] {plurals} in any order after the phrase */
        br = strchr(s, '[');
        cb = strchr(s, '{');
        noplural = 0;
        if (br)
            rc = parse_codes(im, br, &e, agent);
        if (!rc && cb) {
            char *ce = strchr(cb, '}'), *tok;
            if (ce)
                *ce = 0;
            /* PETRARCH's empty braces: the agent has no plural
             * ("POLICE {}" is not "polices") */
            noplural = im->petr && agent &&
                       strspn(cb + 1, " \t,") == strlen(cb + 1);
            for (tok = strtok(cb + 1, " \t,"); tok && !rc;
                 tok = strtok(NULL, " \t,"))
                rc = add_raw_phrase(im, &e, tok, 0);
        }
        if (rc)
            break;
        if (br)
            *br = 0;
        if (cb)
            *cb = 0;
        s = trim(s);
        if (*s && noplural) {
            /* "police=" -> the exact form "police!" */
            ent__buf t = {0};
            rc = ent__buf_printf(im->a, &t, "%s=", s);
            if (!rc)
                rc = add_raw_phrase(im, &e, t.p, 0);
            ent__buf_free(im->a, &t);
        } else if (*s)
            rc = add_raw_phrase(im, &e, s, 0);
    }
    if (!rc)
        rc = entry_flush(im, &e, agent);
    ent__buf_free(im->a, &e.phr);
    ent__free(im->a, e.c);
    return rc;
}

static int add_discard(imp *im, const char *s);

/* Read a PETRARCH discards file: "PHRASE" (sentence) or "+PHRASE"
 * (story). */
static int read_discards(imp *im, const ent__buf *b)
{
    size_t pos = 0;
    char *s;
    int rc = ENT_OK;
    while (!rc && (s = next_text(im, b, &pos, NULL)) != NULL) {
        if (*s == '+') {
            s = trim(s + 1);
            warnf(im, K_STORY, "story discard \"%s\" written as a sentence "
                               "discard", s);
        }
        rc = add_discard(im, s);
    }
    return rc;
}

/* Write the peer's phrase s to discards.txt; one that cannot be written
 * is skipped (conv_phrase warned). */
static int add_discard(imp *im, const char *s)
{
    int rc = conv_phrase(im, s, &im->tmp);
    if (rc == 1)
        return ENT_OK;
    if (!rc)
        rc = ent__buf_printf(im->a, &im->discards, "%s\n", im->tmp.p);
    im->st.discards++;
    return rc;
}

/* Copy the bracketed code after key ("SOURCE[USA]") in the squeezed
 * command s to dst; 0 when absent or too long. */
static int bracket_code(const char *s, const char *key, char *dst, size_t cap)
{
    const char *p = strstr(s, key), *e;
    if (!p || p[strlen(key)] != '[')
        return 0;
    p += strlen(key) + 1;
    e = strchr(p, ']');
    if (!e || e == p || (size_t)(e - p) >= cap)
        return 0;
    memcpy(dst, p, (size_t)(e - p));
    dst[e - p] = 0;
    return 1;
}

size_t ent__tabari_option(const char *cmd, ent__optpair out[6])
{
    static const char *const ck[6] = {"MIN=", "MAX=", "BMIN=",
                                      "BMAX=", "EMIN=", "EMAX="};
    static const char *const cn[6] = {"comma_min",  "comma_max",
                                      "comma_bmin", "comma_bmax",
                                      "comma_emin", "comma_emax"};
    char s[256];
    size_t n = 0, k = 0;
    /* squeeze: upper case, no white space, up to a closing '}' or '*' */
    for (; cmd[k] && cmd[k] != '}' && cmd[k] != '*' && n + 1 < sizeof s; k++)
        if (!isspace((unsigned char)cmd[k]))
            s[n++] = (char)toupper((unsigned char)cmd[k]);
    s[n] = 0;
    n = 0;
    if (!strncmp(s, "SET:MINIMUMWORDS=", 17) && s[17] &&
        strspn(s + 17, "0123456789") == strlen(s + 17) &&
        strlen(s + 17) < 5) {
        out[0].name = "minimum_words";
        memcpy(out[0].value, s + 17, strlen(s + 17) + 1); /* < 5 digits */
        return 1;
    }
    if (!strncmp(s, "SET:CONVERTAGENT", 16)) {
        /* "SET: CONVERT AGENT(S) = TRUE|FALSE" */
        const char *v = s + 16 + (s[16] == 'S');
        if (strcmp(v, "=TRUE") && strcmp(v, "=FALSE"))
            return 0;
        out[0].name = "convert_agents";
        strcpy(out[0].value, v[1] == 'T' ? "yes" : "no");
        return 1;
    }
    if (!strcmp(s, "SET:CODEBYSENTENCE") || !strcmp(s, "SET:CODEBYCLAUSE") ||
        !strcmp(s, "SET:CODEALL")) {
        out[0].name = "code_by";
        snprintf(out[0].value, sizeof out[0].value, "%s",
                 !strcmp(s, "SET:CODEALL")          ? "all"
                 : !strcmp(s, "SET:CODEBYSENTENCE") ? "sentence"
                                                    : "clause");
        return 1;
    }
    if (!strcmp(s, "COMMA:OFF")) {
        for (n = 0; n < 6; n++) {
            out[n].name = cn[n];
            strcpy(out[n].value, "0");
        }
        return 6;
    }
    if (!strncmp(s, "COMMA:", 6)) {
        /* "MIN=4MAX=6EMIN=3EMAX=6BMIN=3BMAX=8": each key once, found
         * where no letter precedes it ("MIN=" is not the end of "EMIN=") */
        for (k = 0; k < 6; k++) {
            const char *p = s + 6;
            size_t l = strlen(ck[k]), d;
            while ((p = strstr(p, ck[k])) != NULL && isalpha((unsigned char)p[-1]))
                p += l;
            if (!p)
                continue;
            p += l;
            d = strspn(p, "0123456789");
            if (d == 0 || d > 4)
                continue;
            out[n].name = cn[k];
            memcpy(out[n].value, p, d);
            out[n].value[d] = 0;
            n++;
        }
        return n;
    }
    if (!strncmp(s, "COMPLEX:", 8)) {
        /* TABARI's complexity filter, "VERBS[5]CONJ[4]NOACTPRIOREXPLAIN":
         * the conditions entente applies (docs/dictionaries.md) */
        static const char *const kk[2] = {"VERBS[", "CONJ["};
        static const char *const kn[2] = {"complex_verbs", "complex_conj"};
        for (k = 0; k < 2; k++) {
            const char *p = strstr(s + 8, kk[k]);
            size_t d;
            if (!p)
                continue;
            p += strlen(kk[k]);
            d = strspn(p, "0123456789");
            if (d == 0 || d > 4 || p[d] != ']')
                continue;
            out[n].name = kn[k];
            memcpy(out[n].value, p, d);
            out[n].value[d] = 0;
            n++;
        }
        if (strstr(s + 8, "NOACTPRIOR")) {
            out[n].name = "complex_noactprior";
            strcpy(out[n].value, "yes");
            n++;
        }
        return n;
    }
    if (!strcmp(s, "DEFAULT:OFF")) {
        out[0].name = "default_source";
        out[1].name = "default_target";
        strcpy(out[0].value, "none");
        strcpy(out[1].value, "none");
        return 2;
    }
    if (!strncmp(s, "DEFAULT:", 8)) {
        /* "SOURCE: [USA]" squeezes to "SOURCE:[USA]" */
        if (bracket_code(s, "SOURCE", out[n].value, sizeof out[n].value) ||
            bracket_code(s, "SOURCE:", out[n].value, sizeof out[n].value)) {
            out[n++].name = "default_source";
            /* without PRIOR the default source waits for TABARI's own
             * search, which takes an actor after the verb */
            out[n].name = "default_prior";
            strcpy(out[n++].value, strstr(s, "PRIOR") ? "yes" : "no");
        }
        if (bracket_code(s, "TARGET", out[n].value, sizeof out[n].value) ||
            bracket_code(s, "TARGET:", out[n].value, sizeof out[n].value))
            out[n++].name = "default_target";
    }
    return n;
}

/* Read a TABARI .options file: LABEL: 064=GRANT PRIVILEGE names codes;
 * other settings are dropped (warned). */
static int read_options(imp *im, const ent__buf *b)
{
    size_t pos = 0;
    char *s;
    int rc = ENT_OK;
    while (!rc && (s = next_text(im, b, &pos, NULL)) != NULL) {
        char *eq;
        uint32_t id;
        ent__optpair op[6];
        size_t i, nop = ent__tabari_option(s, op);
        for (i = 0; i < nop && !rc; i++)
            rc = ent__buf_printf(im->a, &im->options, "%s = %s\n",
                                 op[i].name, op[i].value);
        if (!strncmp(s, "COMPLEX:", 8)) {
            /* the conditions entente has no counterpart for */
            static const char *const other[] = {
                "ACTORS", "PRONOUNS", "COMMA", "LATEVERB", "NOACTAFTER",
                "NOVERB", "NOSOURCE", "NOTARGET", "NOEVENT"};
            for (i = 0; i < sizeof other / sizeof *other; i++)
                if (strstr(s, other[i]))
                    warnf(im, K_OPTIONS, "complexity condition %s dropped",
                          other[i]);
            continue;
        }
        if (nop)
            continue;
        if (strncmp(s, "LABEL:", 6) || !(eq = strchr(s, '='))) {
            warnf(im, K_OPTIONS, "option \"%s\" dropped", s);
            continue;
        }
        *eq = 0;
        s = trim(s + 6);
        eq = trim(eq + 1);
        if (!is_alnum_str(s) || !*eq)
            continue;
        if (ent__strtab_find(&im->labels, s, strlen(s)))
            continue; /* the first label of a code wins */
        if (ent__strtab_intern(im->a, &im->labels, s, strlen(s), &id) ||
            ent__grow(im->a, (void **)&im->label, &im->caplabel, id + 1,
                      sizeof *im->label))
            return ENT_ENOMEM;
        im->label[id].name = ent__strndup(im->a, eq, strlen(eq));
        im->label[id].file = im->file;
        im->label[id].line = im->line;
        if (!im->label[id].name)
            return ENT_ENOMEM;
    }
    return rc;
}

/* Parse a PETRARCH ontology value "0x1000-0xFFFF", "-0xFFFF+0x2040+0x300"
 * (hex terms added or subtracted): *neg is set when one term is 0xFFFF,
 * the mark of a negation, and *val to the sum of the others. Returns 0
 * when s is no such expression (a name, a comment). */
static int pico_value(const char *s, long *val, int *neg)
{
    long sum = 0;
    int any = 0;
    *neg = 0;
    while (*s == ' ')
        s++;
    while (*s) {
        int sign = 1;
        char *end;
        long v;
        if (*s == '+' || *s == '-')
            sign = *s++ == '-' ? -1 : 1;
        if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
            return 0;
        v = strtol(s + 2, &end, 16);
        if (end == s + 2)
            return 0;
        s = end;
        while (*s == ' ')
            s++;
        if (v == 0xFFFF)
            *neg = 1;
        else
            sum += sign * v;
        any = 1;
    }
    *val = sum;
    return any;
}

/* Read a PETRARCH coding ontology (PICO): "CODE:VALUE#VALUE#...#Name"
 * lines. A value with a 0xFFFF term names the code as the negation of
 * the code whose first value is the rest ("110:...#0xFFFF+0x0080" makes
 * 110 the negation of 050, and 050 of 110): these pairs become
 * negations.txt. The rest of the ontology (PETRARCH-2's arithmetic on
 * verb and noun codes) has no counterpart and is counted as dropped. */
static int read_ontology(imp *im, const ent__buf *b)
{
    size_t pos = 0, other = 0;
    im->line = 0;
    while (pos < b->n) {
        /* '#' separates values here: lines are read whole, not through
         * next_text(), which takes it for a comment */
        const char *l = b->p + pos, *e = memchr(l, '\n', b->n - pos);
        size_t n = e ? (size_t)(e - l) : b->n - pos;
        char s[512], *colon, *f, *save = NULL;
        uint32_t id;
        int first = 1;
        pos += n + 1;
        im->line++;
        if (n == 0 || l[0] == '#')
            continue;
        if (n >= sizeof s) {
            other++;
            continue;
        }
        memcpy(s, l, n);
        s[n] = 0;
        colon = strchr(s, ':');
        if (!colon || colon == s || colon - s > 7 ||
            strspn(s, "0123456789") != (size_t)(colon - s)) {
            other++;
            continue;
        }
        if (ent__strtab_intern(im->a, &im->picocodes, s, (size_t)(colon - s),
                               &id))
            return ENT_ENOMEM;
        for (f = strtok_r(colon + 1, "#", &save); f;
             f = strtok_r(NULL, "#", &save)) {
            long v;
            int neg;
            uint32_t base;
            if (!pico_value(f, &v, &neg))
                break; /* a name or a comment */
            if (!neg) {
                if (first && v >= 0 && !ent__imap_get(&im->pico, (uint64_t)v) &&
                    ent__imap_put(im->a, &im->pico, (uint64_t)v, id))
                    return ENT_ENOMEM;
                first = 0;
                continue;
            }
            base = v >= 0 ? ent__imap_get(&im->pico, (uint64_t)v) : 0;
            if (!base) {
                other++;
                continue; /* "120:-0xFFFF": the negation of no code */
            }
            if (ent__grow(im->a, (void **)&im->negpair, &im->capnegpair,
                          im->nnegpair + 2, sizeof *im->negpair))
                return ENT_ENOMEM;
            im->negpair[im->nnegpair][0] = base;
            im->negpair[im->nnegpair++][1] = id;
            im->negpair[im->nnegpair][0] = id;
            im->negpair[im->nnegpair++][1] = base;
        }
    }
    if (other) {
        im->line = 1;
        warnf(im, K_ONTOLOGY, "%zu lines or values of the coding ontology "
                              "dropped (entente keeps only its negations)",
              other);
        im->nkind[K_ONTOLOGY] += other - 1;
        im->st.dropped += other - 1;
    }
    return ENT_OK;
}

/* negations.txt from the ontology's pairs: a code the verbs use, then its
 * negation (added to the codes cameo.tsv writes); the first pair of a
 * code wins. Returns the file's body in out. */
static int negations(imp *im, ent__buf *out)
{
    ent__strtab done = {0};
    size_t i;
    int rc = ENT_OK;
    for (i = 0; !rc && i < im->nnegpair; i++) {
        const char *a = im->picocodes.str[im->negpair[i][0]];
        const char *b = im->picocodes.str[im->negpair[i][1]];
        uint32_t id;
        if (!ent__strtab_find(&im->codes, a, strlen(a)) ||
            ent__strtab_find(&done, a, strlen(a)))
            continue;
        rc = ent__strtab_intern(im->a, &done, a, strlen(a), &id);
        if (!rc)
            rc = ent__strtab_intern(im->a, &im->codes, b, strlen(b), &id);
        if (!rc)
            rc = ent__buf_printf(im->a, out, "%s %s\n", a, b);
    }
    ent__strtab_free(im->a, &done);
    return rc;
}

/* Issue coding has no counterpart in entente: count its lines, one
 * warning for the file. */
static int read_issues(imp *im, const ent__buf *b)
{
    size_t pos = 0, n = 0;
    while (next_text(im, b, &pos, NULL) != NULL)
        n++;
    if (n) {
        im->line = 1;
        warnf(im, K_ISSUES, "%zu lines of issue coding dropped (entente "
                            "codes no issues)", n);
        im->nkind[K_ISSUES] += n - 1;
        im->st.dropped += n - 1;
    }
    return ENT_OK;
}

/* ---- verb patterns ------------------------------------------------- */

/* Empty q, keeping its memory. */
static void seq_reset(pseq *q)
{
    q->n = 0;
    q->pool.n = 0;
}

/* Release q's memory. */
static void seq_free(imp *im, pseq *q)
{
    ent__free(im->a, q->v);
    ent__buf_free(im->a, &q->pool);
    memset(q, 0, sizeof *q);
}

/* The text of item i of q. */
static const char *item_text(const pseq *q, size_t i)
{
    return q->pool.p + q->v[i].off;
}

/* Append an item of kind with text t[0..n) and the given link. */
static int seq_push(imp *im, pseq *q, int kind, int link, const char *t,
                    size_t n)
{
    if (ent__grow(im->a, (void **)&q->v, &q->cap, q->n + 1, sizeof *q->v))
        return ENT_ENOMEM;
    q->v[q->n].kind = kind;
    q->v[q->n].link = q->n ? link : L_NONE;
    q->v[q->n].off = q->pool.n;
    if (ent__buf_add(im->a, &q->pool, t, n) ||
        ent__buf_add(im->a, &q->pool, "", 1))
        return ENT_ENOMEM;
    q->n++;
    return ENT_OK;
}

/* Whether converted word t is one token for entente's tokenizer: letters
 * and digits, with an optional trailing '*' ("don't" and "re-activate"
 * are several). */
static int one_token(const char *t)
{
    size_t n = strlen(t);
    if (n && t[n - 1] == '*')
        n--;
    if (!n)
        return 0;
    while (n--) {
        unsigned char c = (unsigned char)t[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c >= 0x80))
            return 0;
    }
    return 1;
}

/* Write alternatives all ("a; b*; c d") into out: "(a|b*)" when simple
 * (each one token), else the name of an anonymous synset "&_N" holding
 * them (one synset per distinct list, written to synsets.txt once). */
static int alternatives(imp *im, const char *all, int simple, ent__buf *out)
{
    size_t k, n = strlen(all);
    out->n = 0;
    if (simple) {
        if (ent__buf_add(im->a, out, "(", 1))
            return ENT_ENOMEM;
        for (k = 0; k < n; k++)
            if (all[k] != ' ' &&
                ent__buf_add(im->a, out, all[k] == ';' ? "|" : all + k, 1))
                return ENT_ENOMEM;
        return ent__buf_add(im->a, out, ")", 1);
    }
    {
        uint32_t id;
        size_t before = im->anon.n;
        if (ent__strtab_intern(im->a, &im->anon, all, n, &id))
            return ENT_ENOMEM;
        if (im->anon.n != before) {
            if (ent__buf_printf(im->a, &im->synsets, "&_%u = %s\n", id, all))
                return ENT_ENOMEM;
            im->st.synsets++;
        }
        return ent__buf_printf(im->a, out, "&_%u", id);
    }
}

/* Convert one pattern word into entente's form in out: lower case; in
 * TABARI a stem (no '_' after it) gets '*'; in PETRARCH-2 "TO/FOR" is
 * "(to|for)". Returns ENT_OK, ENT_ENOMEM or 1 (a reserved character). */
static int conv_word(imp *im, const char *w, size_t n, int stem,
                     ent__buf *out)
{
    size_t i;
    out->n = 0;
    if (ent__buf_add(im->a, out, "", 0))
        return ENT_ENOMEM;
    for (i = 0; i < n; i++)
        if (reserved_char((unsigned char)w[i]) || w[i] == '$' ||
            w[i] == '+' || w[i] == '%' || w[i] == '^')
            return 1;
    if (im->petr && memchr(w, '/', n) && n > 2 && w[0] != '/' &&
        w[n - 1] != '/') {
        /* PETRARCH-2 "TO/FOR": one word, any of them */
        ent__buf all = {0};
        const char *p = w, *end = w + n;
        int rc = ENT_OK, simple = 1;
        while (p < end && !rc) {
            const char *q = memchr(p, '/', (size_t)(end - p));
            size_t from = all.n;
            if (!q)
                q = end;
            if (p != w)
                rc = ent__buf_add(im->a, &all, "; ", 2);
            from = all.n;
            if (!rc)
                rc = add_lower(im, &all, p, (size_t)(q - p));
            if (!rc && !one_token(all.p + from))
                simple = 0;
            p = q + 1;
        }
        if (!rc)
            rc = alternatives(im, all.p, simple, out);
        ent__buf_free(im->a, &all);
        return rc;
    }
    if (add_lower(im, out, w, n))
        return ENT_ENOMEM;
    if (stem && ends_in_letter(w, n) && ent__buf_add(im->a, out, "*", 1))
        return ENT_ENOMEM;
    return ENT_OK;
}

/* Synset name "&TIETYPES_" -> "&tietypes" into out. */
static int conv_synset(imp *im, const char *w, size_t n, ent__buf *out)
{
    out->n = 0;
    while (n && w[n - 1] == '_')
        n--;
    if (ent__buf_add(im->a, out, "", 0) || add_lower(im, out, w, n))
        return ENT_ENOMEM;
    return ENT_OK;
}

static int render_phrase(imp *im, const pseq *q, ent__buf *out, int *gap);

/* Whether the word at s is the last of a PETRARCH-2 noun phrase "{...}":
 * only blanks between its end and the '}'. */
static int last_in_np(const char *s)
{
    while (*s && *s != '}' && !is_space((unsigned char)*s))
        s++;
    while (is_space((unsigned char)*s))
        s++;
    return *s == '}';
}

/*
 * Parse pattern text s (TABARI or PETRARCH syntax, see the file comment)
 * into q. allow_verb: '*' marks the verb's place. Returns ENT_OK,
 * ENT_ENOMEM, or 1 for a malformed pattern (warned with why).
 */
static int parse_pat(imp *im, const char *s, int allow_verb, pseq *q)
{
    size_t i = 0;
    int sp = 0, np = 0, np_first = 0, rc;
    seq_reset(q);
    while (s[i]) {
        char c = s[i];
        size_t j;
        int link, stem;
        if (is_space((unsigned char)c) ||
            (im->petr && (c == '(' || c == ')'))) {
            sp = 1;
            i++;
            continue;
        }
        if (c == '_') {
            i++;
            continue;
        }
        /* inside a PETRARCH-2 noun phrase "{NEW &TIETYPES RELATIONS}"
         * modifiers may come between its words ("new global economic
         * relations"), but the last word, its head, follows the one
         * before it ("economic trade relations" is another phrase) */
        link = q->n == 0 ? L_NONE
               : np > 0 && !np_first && !last_in_np(s + i) ? L_GAP
               : (np > 0 && !np_first) || !sp ? L_ADJ
                                              : L_GAP;
        if (c == '}' && np > 0) {
            np--;
            i++;
            continue;
        }
        if (c == '{') {
            const char *e = strchr(s + i, '}');
            if (!e) {
                warnf(im, K_BADPATTERN, "'{' without '}': pattern dropped");
                return 1;
            }
            if (im->petr && !memchr(s + i, '|', (size_t)(e - s - i))) {
                np++; /* a PETRARCH-2 noun phrase (see link above) */
                np_first = 1;
                i++;
                continue;
            }
            {
                /* alternatives { A | B_C }: one word each -> (a|b); else an
                 * anonymous synset */
                pseq alt = {0};
                ent__buf all = {0}, txt = {0};
                const char *p = s + i + 1;
                int simple = 1, nalt = 0, gap = 0;
                rc = ENT_OK;
                while (p <= e && !rc) {
                    const char *bar = memchr(p, '|', (size_t)(e - p));
                    char *part;
                    if (!bar)
                        bar = e;
                    part = ent__strndup(im->a, p, (size_t)(bar - p));
                    if (!part) {
                        rc = ENT_ENOMEM;
                        break;
                    }
                    rc = parse_pat(im, part, 0, &alt);
                    ent__free(im->a, part);
                    if (!rc && alt.n == 0) {
                        warnf(im, K_BADPATTERN, "empty alternative: pattern "
                                                "dropped");
                        rc = 1;
                    }
                    if (!rc) {
                        if (alt.n != 1 || !one_token(item_text(&alt, 0)))
                            simple = 0;
                        rc = render_phrase(im, &alt, &txt, &gap);
                        if (!rc)
                            rc = ent__buf_printf(im->a, &all, "%s%s",
                                                 nalt ? "; " : "", txt.p);
                        nalt++;
                    }
                    p = bar + 1;
                }
                seq_free(im, &alt);
                if (!rc)
                    rc = alternatives(im, all.p, simple, &txt);
                if (!rc)
                    rc = seq_push(im, q, PI_TEXT, link, txt.p, txt.n);
                ent__buf_free(im->a, &all);
                ent__buf_free(im->a, &txt);
                if (rc)
                    return rc;
                i = (size_t)(e - s) + 1;
                sp = 0;
                continue;
            }
        }
        if (c == '}' || c == '|') {
            warnf(im, K_BADPATTERN, "stray '%c': pattern dropped", c);
            return 1;
        }
        for (j = i; s[j] && !is_space((unsigned char)s[j]) && s[j] != '_' &&
                    s[j] != '{' && s[j] != '}' && s[j] != '|' &&
                    !(im->petr && (s[j] == '(' || s[j] == ')'));
             j++)
            ;
        stem = !im->petr && s[j] != '_';
        sp = 0;
        np_first = 0;
        {
            const char *w = s + i;
            size_t n = j - i;
            i = j;
            if (n > 1 && w[n - 1] == '=') {
                warnf(im, K_NOENDINGS, "%.*s written as a whole word",
                      (int)n, w);
                n--;
                stem = 0;
            }
            if (n > 1 && w[n - 1] == '~') {
                /* TABARI "XXXX~_YYYY": a stem followed at once by YYYY */
                n--;
                stem = !im->petr;
            }
            if (n == 1 && w[0] == '*') {
                if (!allow_verb) {
                    warnf(im, K_BADPATTERN, "'*' outside a pattern: dropped");
                    return 1;
                }
                rc = seq_push(im, q, PI_VERB, link, "*", 1);
            } else if (n == 1 && (w[0] == '$' || w[0] == '+')) {
                size_t k;
                for (k = 0; k < q->n; k++)
                    if (item_text(q, k)[0] == w[0] && !item_text(q, k)[1])
                        break;
                if (k < q->n) {
                    warnf(im, K_REPEAT, "a second %c: written as a gap", w[0]);
                    rc = seq_push(im, q, PI_TEXT, L_GAP, "*", 1);
                    sp = 1;
                } else
                    rc = seq_push(im, q, PI_TEXT, link, w, 1);
            } else if (n == 1 && (w[0] == '%' || w[0] == '^')) {
                /* entente's own elements: the compound whose members act
                 * on each other, and an actor to skip */
                rc = seq_push(im, q, PI_TEXT, link, w, 1);
            } else if (w[0] == '&' && n > 1) {
                rc = conv_synset(im, w, n, &im->tmp2);
                if (!rc && !ent__strtab_find(&im->synnames, im->tmp2.p,
                                             im->tmp2.n)) {
                    warnf(im, K_BADPATTERN, "unknown synset %s: %s dropped",
                          im->tmp2.p, allow_verb ? "pattern" : "phrase");
                    return 1;
                }
                if (!rc)
                    rc = seq_push(im, q, PI_TEXT, link, im->tmp2.p,
                                  im->tmp2.n);
            } else {
                rc = conv_word(im, w, n, stem, &im->tmp2);
                if (rc == 1) {
                    warnf(im, K_BADPATTERN, "\"%.*s\" has a character "
                                            "entente reserves: pattern "
                                            "dropped", (int)n, w);
                    return 1;
                }
                if (!rc)
                    rc = seq_push(im, q, PI_TEXT, link, im->tmp2.p,
                                  im->tmp2.n);
            }
            if (rc)
                return rc;
        }
    }
    return ENT_OK;
}

/* Render a synset member or alternative (no verb, no actors) as an
 * entente phrase into out; *gap is set when words had a gap between them
 * (written adjacent). Returns ENT_OK, ENT_ENOMEM or 1 (not a phrase). */
static int render_phrase(imp *im, const pseq *q, ent__buf *out, int *gap)
{
    size_t i;
    out->n = 0;
    if (ent__buf_add(im->a, out, "", 0))
        return ENT_ENOMEM;
    int pend = 0; /* a gap before the next word */
    *gap = 0;
    for (i = 0; i < q->n; i++) {
        const char *t = item_text(q, i);
        if (!strcmp(t, "*")) {
            *gap = pend = 1;
            continue;
        }
        if (t[0] == '$' || t[0] == '+') {
            warnf(im, K_SYNACTOR, "actor marker %s inside a synset or "
                                  "alternative: dropped", t);
            return 1;
        }
        if (q->v[i].link == L_GAP)
            *gap = pend = 1;
        if (out->n && ent__buf_add(im->a, out, " ", 1))
            return ENT_ENOMEM;
        /* TABARI skips words between a phrase's words where a space
         * separates them ("LOUDLY INCLUDED" matches "loudly boldly
         * included"): the gap word of actor phrases */
        if (out->n && pend && !im->petr &&
            ent__buf_add(im->a, out, "* ", 2))
            return ENT_ENOMEM;
        pend = 0;
        if (ent__buf_add(im->a, out, t, strlen(t)))
            return ENT_ENOMEM;
    }
    return out->n ? ENT_OK : 1;
}

/* Make the first word of verb phrase q its anchor. A TABARI stem that
 * WordNet knows as a verb or noun ("ABANDON", "ATTACKED") is written as
 * the word, which entente matches by lemma; a true stem ("CONTRIBUT")
 * keeps its '*'. Returns ENT_OK, ENT_ENOMEM or 1 (no word to anchor). */
static int set_anchor(imp *im, pseq *q, size_t k)
{
    char *t;
    size_t n, len;
    if (k >= q->n || q->v[k].kind != PI_TEXT)
        return 1;
    t = q->pool.p + q->v[k].off;
    n = strlen(t);
    if (!one_token(t))
        return 1; /* "&syn", "(a|b)", "$", "japan's", "won't" */
    if (n > 1 && t[n - 1] == '*' && im->lm &&
        (ent__lemma_verb(im->lm, t, n - 1, &len) ||
         ent__lemma_noun(im->lm, t, n - 1, &len)))
        t[n - 1] = 0;
    q->v[k].kind = PI_ANCHOR;
    return ENT_OK;
}

/* Index of the anchor of verb phrase q. */
static size_t anchor_of(const pseq *q)
{
    size_t i;
    for (i = 0; i < q->n; i++)
        if (q->v[i].kind == PI_ANCHOR)
            return i;
    return 0;
}

/* Record verb code c (and the halves of a pair) for cameo.tsv. */
static int use_code(imp *im, const char *c)
{
    const char *colon = strchr(c, ':');
    uint32_t id;
    if (colon) {
        if (use_code(im, colon + 1))
            return ENT_ENOMEM;
        return ent__strtab_intern(im->a, &im->codes, c, (size_t)(colon - c),
                                  &id);
    }
    if (!strcmp(c, "---") || !strcmp(c, "+++") || !strcmp(c, "DISCARD"))
        return ENT_OK;
    /* "023?", a subordinate code: the code is 023 */
    return ent__strtab_intern(im->a, &im->codes, c,
                              strlen(c) - (c[0] && c[strlen(c) - 1] == '?'),
                              &id);
}

/*
 * Write one verbs.txt line: code, then pattern pat with the verb phrase
 * root in place of its '*' (pat NULL: the verb phrase alone). Gaps become
 * '*' (never two in a row, none at the ends); the anchor is marked '@'
 * when something precedes it.
 */
static int emit(imp *im, const char *code, const pseq *pat, const pseq *root)
{
    const char *tok[512];
    size_t nt = 0, i, anchor = (size_t)-1, k, first, last;
    const pseq *P = pat ? pat : root;
    ent__buf *o = &im->verbs;
    int rc;
    for (i = 0; i < P->n; i++) {
        const pseq *src = P;
        size_t from = i, to = i + 1, j;
        int link0 = P->v[i].link;
        if (pat && P->v[i].kind == PI_VERB) {
            src = root;
            from = 0;
            to = root->n;
        }
        for (j = from; j < to; j++) {
            int link = j == from ? link0 : src->v[j].link;
            const char *t = item_text(src, j);
            if (nt + 2 >= sizeof tok / sizeof tok[0]) {
                warnf(im, K_BADPATTERN, "pattern too long: dropped");
                return ENT_OK;
            }
            if (nt && link == L_GAP && strcmp(tok[nt - 1], "*"))
                tok[nt++] = "*";
            if (!strcmp(t, "*") && nt && !strcmp(tok[nt - 1], "*"))
                continue;
            if (src->v[j].kind == PI_ANCHOR)
                anchor = nt;
            tok[nt++] = t;
        }
    }
    first = 0;
    last = nt;
    while (first < last && !strcmp(tok[first], "*") && first != anchor)
        first++;
    while (last > first && !strcmp(tok[last - 1], "*") && last - 1 != anchor)
        last--;
    if (anchor == (size_t)-1)
        return ENT_OK;
    {
        /* "023?": TABARI's subordinate code, the flag [sub] */
        size_t cl = strlen(code);
        int sub = cl > 1 && code[cl - 1] == '?';
        rc = ent__buf_printf(im->a, o, "%.*s ", (int)(cl - (size_t)sub), code);
        for (k = first; k < last && !rc; k++)
            rc = ent__buf_printf(im->a, o, " %s%s", k == anchor && k > first ?
                                 "@" : "", tok[k]);
        if (!rc && sub)
            rc = ent__buf_add(im->a, o, "  [sub]", 7);
        if (!rc)
            rc = ent__buf_add(im->a, o, "\n", 1);
        if (!rc)
            rc = use_code(im, code);
    }
    im->st.patterns++;
    return rc;
}

/* Copy code c (shorter than 64 bytes) to out (64 bytes), with a '?'
 * after it when sub is set (room for it: c lost its own '?'). */
static void put_code(char *out, const char *c, int sub)
{
    size_t l = strlen(c), max = sub ? 62 : 63;
    if (l > max)
        l = max;
    memcpy(out, c, l);
    if (sub)
        out[l++] = '?';
    out[l] = 0;
}

/*
 * Normalise a verb code into out (64 bytes): "064", "032:033", "---",
 * "+++", "DISCARD" for TABARI's "###"; a subordinate code keeps its "?"
 * ("023?", written as the flag [sub]); "!" is dropped with a warning.
 * Returns 0, or 1 when the code cannot be written (warned).
 */
static int verb_code(imp *im, const char *in, char *out)
{
    char c[64];
    size_t n;
    char *colon;
    int sub = 0;
    snprintf(c, sizeof c, "%s", in);
    {
        char *t = trim(c);
        memmove(c, t, strlen(t) + 1);
    }
    if (!strcmp(c, "- - -"))
        strcpy(c, "---");
    n = strlen(c);
    while (n && (c[n - 1] == '!' || c[n - 1] == '?')) {
        if (c[n - 1] == '!')
            warnf(im, K_DOMINANT, "dominant code [%s]: written as %.*s", in,
                  (int)(n - 1), c);
        else
            sub = 1; /* written with the flag [sub] (emit) */
        c[--n] = 0;
    }
    if (!strcmp(c, "---") || !strcmp(c, "+++")) {
        strcpy(out, c);
        return 0;
    }
    if (!strcmp(c, "###")) {
        strcpy(out, "DISCARD"); /* '#' starts a comment in entente */
        return 0;
    }
    colon = strchr(c, ':');
    if (colon) {
        *colon = 0;
        if (!*c && is_alnum_str(colon + 1)) {
            warnf(im, K_REVERSE, "reverse-only code [%s] (no event forward): "
                                 "pattern dropped", in);
            return 1;
        }
        if (!is_alnum_str(c) || !is_alnum_str(colon + 1) ||
            strchr(colon + 1, ':')) {
            warnf(im, K_BADCODE, "verb code [%s] is not CODE or CODE:CODE: "
                                 "pattern dropped", in);
            return 1;
        }
        *colon = ':';
        put_code(out, c, sub);
        return 0;
    }
    if (!is_alnum_str(c)) {
        warnf(im, K_BADCODE, "verb code [%s] is not letters and digits: "
                             "pattern dropped", in);
        return 1;
    }
    put_code(out, c, sub);
    return 0;
}

/* The last [CODE] of line s: the code (copied to code, 64 bytes) and s cut
 * before it. Returns 0, or -1 when there is none. */
static int cut_code(char *s, char *code)
{
    char *b = strrchr(s, '['), *e;
    if (!b || !(e = strchr(b, ']')))
        return -1;
    *e = 0;
    snprintf(code, 64, "%s", b + 1);
    *b = 0;
    return 0;
}

/* A block of verb phrases and the patterns they share. */
typedef struct vblock {
    vroot *r;
    size_t nr, capr;
    vpat *p;
    size_t np, capp;
} vblock;

/* Release every verb phrase and pattern slot of b. */
static void block_free(imp *im, vblock *b)
{
    size_t i;
    for (i = 0; i < b->capr; i++) {
        seq_free(im, &b->r[i].q);
        ent__free(im->a, b->r[i].code);
    }
    for (i = 0; i < b->capp; i++) {
        seq_free(im, &b->p[i].q);
        ent__free(im->a, b->p[i].code);
    }
    ent__free(im->a, b->r);
    ent__free(im->a, b->p);
    memset(b, 0, sizeof *b);
}

/* Write every pattern of block b for each of its verb phrases, then empty
 * it (keeping the memory). */
static int block_flush(imp *im, vblock *b)
{
    size_t i, j;
    int rc = ENT_OK;
    unsigned long keep = im->line;
    for (i = 0; i < b->nr && !rc; i++) {
        vroot *r = &b->r[i];
        if (r->code)
            rc = emit(im, r->code, NULL, &r->q);
        for (j = 0; j < b->np && !rc; j++)
            rc = emit(im, b->p[j].code, &b->p[j].q, &r->q);
    }
    for (i = 0; i < b->nr; i++) {
        ent__free(im->a, b->r[i].code);
        b->r[i].code = NULL;
    }
    for (j = 0; j < b->np; j++) {
        ent__free(im->a, b->p[j].code);
        b->p[j].code = NULL;
    }
    b->nr = b->np = 0;
    im->line = keep;
    return rc;
}

/* A new verb phrase slot in b (its seq reset). */
static vroot *block_root(imp *im, vblock *b)
{
    vroot *r;
    size_t old = b->capr;
    if (ent__grow(im->a, (void **)&b->r, &b->capr, b->nr + 1, sizeof *b->r))
        return NULL;
    if (b->capr > old)
        memset(b->r + old, 0, (b->capr - old) * sizeof *b->r);
    r = &b->r[b->nr];
    seq_reset(&r->q);
    r->code = NULL;
    r->line = im->line;
    r->form = 0;
    return r;
}

/* Whether verb phrase f is only an inflection of phrase r that entente
 * finds by lemma (same words, the anchor's verb lemma equal). */
static int same_by_lemma(imp *im, const pseq *f, const pseq *r)
{
    size_t i, af = anchor_of(f), ar = anchor_of(r), len;
    const char *lem;
    if (!im->lm || f->n != r->n || af != ar)
        return 0;
    for (i = 0; i < f->n; i++)
        if (i != af && strcmp(item_text(f, i), item_text(r, i)))
            return 0;
    lem = ent__lemma_verb(im->lm, item_text(f, af), strlen(item_text(f, af)),
                          &len);
    return lem && len == strlen(item_text(r, ar)) &&
           !strncmp(lem, item_text(r, ar), len);
}

/* Add pattern text s with code (already normalised) to b. */
static int block_pattern(imp *im, vblock *b, const char *s, const char *code)
{
    vpat *p;
    size_t old = b->capp, i, nverb = 0;
    int rc;
    if (ent__grow(im->a, (void **)&b->p, &b->capp, b->np + 1, sizeof *b->p))
        return ENT_ENOMEM;
    if (b->capp > old)
        memset(b->p + old, 0, (b->capp - old) * sizeof *b->p);
    p = &b->p[b->np];
    rc = parse_pat(im, s, 1, &p->q);
    if (rc == 1)
        return ENT_OK;
    if (rc)
        return rc;
    for (i = 0; i < p->q.n; i++)
        nverb += p->q.v[i].kind == PI_VERB;
    if (nverb != 1) {
        warnf(im, K_BADPATTERN, "pattern \"%s\" has %s verb marker '*': "
                                "dropped", s, nverb ? "more than one" : "no");
        return ENT_OK;
    }
    p->code = ent__strndup(im->a, code, strlen(code));
    if (!p->code)
        return ENT_ENOMEM;
    p->line = im->line;
    b->np++;
    return ENT_OK;
}

/* Parse verb phrase s (TABARI "BURN DOWN", "CALLED_ON"; PETRARCH
 * "+ASK_FOR", "KLM_NOP_+RST", where '+' marks the verb) into a new root of
 * b with code (or NULL). A form (form != 0) that entente finds by lemma
 * from root b->r[base] is skipped. Returns ENT_OK, ENT_ENOMEM or 1. */
static int block_verb(imp *im, vblock *b, const char *s, const char *code,
                      int form, size_t base)
{
    vroot *r = block_root(im, b);
    char *t;
    size_t i, k = 0, words = 0;
    int rc = ENT_OK, inword = 0;
    if (!r)
        return ENT_ENOMEM;
    t = ent__strndup(im->a, s, strlen(s));
    if (!t)
        return ENT_ENOMEM;
    for (i = 0; t[i]; i++) {
        if (t[i] == '_' || is_space((unsigned char)t[i])) {
            inword = 0;
            continue;
        }
        if (!inword) {
            inword = 1;
            if (t[i] == '+') {
                k = words;
                memmove(t + i, t + i + 1, strlen(t + i + 1) + 1);
                i--;
                inword = 0;
                continue;
            }
            words++;
        }
    }
    {
        /* entente's tokenizer splits "re-activate" into re - activate:
         * write the pieces adjacent and anchor on the last one */
        ent__buf h = {0};
        size_t w = 0, items = 0, anchor = 0;
        i = 0;
        while (t[i] && !rc) {
            size_t j = i;
            if (t[i] == '_' || is_space((unsigned char)t[i])) {
                rc = ent__buf_add(im->a, &h, t + i, 1);
                i++;
                continue;
            }
            while (t[j] && t[j] != '_' && !is_space((unsigned char)t[j]))
                j++;
            items++;
            for (; i < j && !rc; i++) {
                if (t[i] == '-' && i > 0 && i + 1 < j &&
                    t[i - 1] != '-' && t[i + 1] != '-') {
                    rc = ent__buf_add(im->a, &h, "_-_", 3);
                    items += 2;
                } else
                    rc = ent__buf_add(im->a, &h, t + i, 1);
            }
            if (w == k)
                anchor = items - 1;
            w++;
        }
        k = anchor;
        if (!rc)
            rc = parse_pat(im, h.p ? h.p : "", 0, &r->q);
        ent__buf_free(im->a, &h);
    }
    ent__free(im->a, t);
    if (rc)
        return rc;
    if (set_anchor(im, &r->q, k)) {
        warnf(im, K_BADPATTERN, "verb \"%s\" does not start with a "
                                "single word to anchor it: dropped", s);
        return 1;
    }
    if (form && base < b->nr && same_by_lemma(im, &r->q, &b->r[base].q))
        return ENT_OK; /* entente finds this form by lemma */
    if (code) {
        r->code = ent__strndup(im->a, code, strlen(code));
        if (!r->code)
            return ENT_ENOMEM;
    }
    r->form = form;
    if (!form)
        im->st.verbs++;
    b->nr++;
    return ENT_OK;
}

/* Synset being read: its name and members so far. */
typedef struct synacc {
    char name[128];
    ent__buf members;
    size_t n;
    int open;
} synacc;

/* Write the synset being read (if it has members) and close it. */
static int syn_flush(imp *im, synacc *sa)
{
    int rc = ENT_OK;
    if (sa->open && sa->n &&
        ent__strtab_find(&im->synnames, sa->name, strlen(sa->name))) {
        warnf(im, K_DUPSYN, "synset %s defined again: this definition is "
                            "dropped", sa->name);
    } else if (sa->open && sa->n) {
        uint32_t id;
        rc = ent__buf_printf(im->a, &im->synsets, "%s = %s\n", sa->name,
                             sa->members.p);
        if (!rc)
            rc = ent__strtab_intern(im->a, &im->synnames, sa->name,
                                    strlen(sa->name), &id);
        im->st.synsets++;
    } else if (sa->open)
        warnf(im, K_BADPATTERN, "synset %s has no members: dropped",
              sa->name);
    sa->open = 0;
    sa->n = 0;
    sa->members.n = 0;
    return rc;
}

/* Start synset "&NAME" (the rest of the line ignored). */
static int syn_start(imp *im, synacc *sa, const char *s)
{
    size_t n = 0;
    int rc = syn_flush(im, sa);
    if (rc)
        return rc;
    while (s[n] && !is_space((unsigned char)s[n]))
        n++;
    rc = conv_synset(im, s, n, &im->tmp2);
    if (rc)
        return rc;
    snprintf(sa->name, sizeof sa->name, "%s", im->tmp2.p);
    sa->open = 1;
    return ENT_OK;
}

/* Add member s (after '+') to the open synset. */
static int syn_member(imp *im, synacc *sa, const char *s)
{
    pseq q = {0};
    int rc, gap = 0;
    if (!sa->open) {
        warnf(im, K_BADPATTERN, "synonym \"+%s\" outside a synset: dropped",
              s);
        return ENT_OK;
    }
    rc = parse_pat(im, s, 0, &q);
    if (!rc)
        rc = render_phrase(im, &q, &im->tmp, &gap);
    seq_free(im, &q);
    if (rc == 1)
        return ENT_OK;
    if (rc)
        return rc;
    rc = ent__buf_printf(im->a, &sa->members, "%s%s", sa->n ? "; " : "",
                         im->tmp.p);
    sa->n++;
    return rc;
}

/* Read a TABARI .verbs file: <SYNSETS>, <TIME> (its date shifts are
 * dropped, a phrase coded ### is a discard), verb roots with their forms
 * { } and patterns "- ... [CODE]". */
static int read_tabari_verbs(imp *im, const ent__buf *buf)
{
    vblock b;
    synacc sa;
    size_t pos = 0, base = 0;
    char *s;
    int rc = ENT_OK, section = 0;
    memset(&b, 0, sizeof b);
    memset(&sa, 0, sizeof sa);
    while (!rc && (s = next_text(im, buf, &pos, NULL)) != NULL) {
        char code[64], norm[64];
        if (*s == '<') {
            rc = syn_flush(im, &sa);
            if (!rc)
                rc = block_flush(im, &b);
            if (s[1] == '/')
                section = 0;
            else if (!strncmp(s, "<SYNSETS>", 9))
                section = 1;
            else if (!strncmp(s, "<TIME>", 6))
                section = 2;
            else {
                warnf(im, K_BADPATTERN, "unknown section %s: dropped", s);
                section = 3;
            }
            continue;
        }
        if (section == 2) {
            /* "KAN_WA_MA_KAN [###]": a discard, whatever the shift */
            char *br = strchr(s, '[');
            if (br && strstr(br, "###")) {
                *br = 0;
                rc = add_discard(im, trim(s));
                continue;
            }
            warnf(im, K_TIME, "time shift \"%s\" dropped", s);
            continue;
        }
        if (section == 3)
            continue;
        if (*s == '&') {
            rc = syn_start(im, &sa, s);
            continue;
        }
        if (*s == '+') {
            rc = syn_member(im, &sa, s + 1);
            continue;
        }
        if (sa.open)
            rc = syn_flush(im, &sa);
        if (rc)
            break;
        if (*s == '-') {
            if (cut_code(s, code)) {
                warnf(im, K_BADPATTERN, "pattern without [CODE]: dropped");
                continue;
            }
            if (!b.nr) {
                warnf(im, K_BADPATTERN, "pattern before any verb: dropped");
                continue;
            }
            if (verb_code(im, code, norm))
                continue;
            rc = block_pattern(im, &b, s + 1, norm);
            continue;
        }
        if (*s == '{') {
            char *e = strchr(s, '}'), *tok;
            const char *rcode;
            if (!b.nr) {
                warnf(im, K_BADPATTERN, "verb forms before any verb: dropped");
                continue;
            }
            if (e)
                *e = 0;
            rcode = b.r[base].code;
            for (tok = strtok(s + 1, " \t"); tok && !rc;
                 tok = strtok(NULL, " \t")) {
                char *c2 = rcode ? ent__strndup(im->a, rcode, strlen(rcode))
                                 : NULL;
                if (rcode && !c2) {
                    rc = ENT_ENOMEM;
                    break;
                }
                rc = block_verb(im, &b, tok, c2, 1, base);
                ent__free(im->a, c2);
                if (rc == 1)
                    rc = ENT_OK;
            }
            continue;
        }
        /* a verb root: flush the previous block */
        rc = block_flush(im, &b);
        if (rc)
            break;
        if (cut_code(s, code)) {
            warnf(im, K_NOCODE, "verb \"%s\" has no code: only its patterns "
                                "are written", s);
            rc = block_verb(im, &b, trim(s), NULL, 0, 0);
        } else if (verb_code(im, code, norm)) {
            rc = block_verb(im, &b, trim(s), NULL, 0, 0);
        } else
            rc = block_verb(im, &b, trim(s), norm, 0, 0);
        if (rc == 1)
            rc = ENT_OK;
        base = 0;
    }
    if (!rc)
        rc = syn_flush(im, &sa);
    if (!rc)
        rc = block_flush(im, &b);
    block_free(im, &b);
    ent__buf_free(im->a, &sa.members);
    return rc;
}

/*
 * Read a PETRARCH verbs file (PETRARCH-1 TABARI-like patterns and
 * PETRARCH-2 ( ) { } patterns): synsets "&NAME" / "+MEMBER", blocks
 * "--- NAME [CODE] ---" of synonym verbs "VERB [CODE] {FORMS}" (a '+'
 * marks the verb of a multi-word verb) and patterns "- ... [CODE]", and
 * transformations "~ ..." (dropped).
 */
static int read_petrarch_verbs(imp *im, const ent__buf *buf)
{
    vblock b;
    synacc sa;
    size_t pos = 0;
    char *s, bcode[64];
    int rc = ENT_OK, mode = 0, have_bcode = 0;
    memset(&b, 0, sizeof b);
    memset(&sa, 0, sizeof sa);
    while (!rc && (s = next_text(im, buf, &pos, NULL)) != NULL) {
        char code[64], norm[64];
        if (!strncmp(s, "---", 3) && strchr(s, '[')) {
            char *e;
            rc = syn_flush(im, &sa);
            if (!rc)
                rc = block_flush(im, &b);
            mode = 2;
            e = strchr(s, ']');
            if (e) {
                if (strchr(e, '['))
                    warnf(im, K_EXTRA, "block \"%s\": the codes after the "
                                       "first are dropped", s);
                *e = 0;
            }
            have_bcode = !verb_code(im, strchr(s, '[') + 1, bcode);
            continue;
        }
        if (*s == '~') {
            warnf(im, K_TRANSFORM, "transformation \"%s\" dropped", s);
            continue;
        }
        if (*s == '&') {
            rc = syn_start(im, &sa, s);
            mode = 1;
            continue;
        }
        if (*s == '+' && mode == 1) {
            rc = syn_member(im, &sa, s + 1);
            continue;
        }
        if (mode != 2) {
            warnf(im, K_BADPATTERN, "\"%s\" outside a verb block: dropped", s);
            continue;
        }
        if (*s == '-') {
            if (cut_code(s, code)) {
                warnf(im, K_BADPATTERN, "pattern without [CODE]: dropped");
                continue;
            }
            if (verb_code(im, code, norm))
                continue;
            if (!b.nr) {
                warnf(im, K_BADPATTERN, "pattern before any verb: dropped");
                continue;
            }
            rc = block_pattern(im, &b, s + 1, norm);
            continue;
        }
        {
            /* VERB [CODE] {FORMS} */
            char *br = strchr(s, '['), *cb = strchr(s, '{'), *forms = NULL;
            const char *vc = have_bcode ? bcode : NULL;
            size_t base = b.nr;
            int ok = 1;
            if (br) {
                char *e = strchr(br, ']');
                if (e)
                    *e = 0;
                ok = !verb_code(im, br + 1, norm);
                if (ok)
                    vc = norm;
                *br = 0;
            }
            if (cb) {
                char *e = strchr(cb, '}');
                if (e)
                    *e = 0;
                forms = cb + 1;
                *cb = 0;
            }
            if (!ok)
                continue;
            s = trim(s);
            rc = block_verb(im, &b, s, vc, 0, 0);
            if (rc == 1) {
                rc = ENT_OK;
                continue;
            }
            if (forms && !rc) {
                char *tok;
                for (tok = strtok(forms, " \t,"); tok && !rc;
                     tok = strtok(NULL, " \t,")) {
                    rc = block_verb(im, &b, tok, vc, 1, base);
                    if (rc == 1)
                        rc = ENT_OK;
                }
            }
        }
    }
    if (!rc)
        rc = syn_flush(im, &sa);
    if (!rc)
        rc = block_flush(im, &b);
    block_free(im, &b);
    ent__buf_free(im->a, &sa.members);
    return rc;
}

/* ---- input files ---------------------------------------------------- */

/* The kind of a file from its name (0 when the name does not tell). */
static int kind_by_name(const char *path)
{
    const char *b = base_name(path);
    char low[256];
    size_t i, n = strlen(b);
    if (n >= sizeof low)
        n = sizeof low - 1;
    for (i = 0; i < n; i++)
        low[i] = (char)(b[i] >= 'A' && b[i] <= 'Z' ? b[i] + 32 : b[i]);
    low[n] = 0;
    if (n > 8 && !strcmp(low + n - 8, ".project"))
        return F_PROJECT;
    if (strstr(low, "actors"))
        return F_ACTORS;
    if (strstr(low, "verbs"))
        return F_VERBS;
    if (strstr(low, "agents"))
        return F_AGENTS;
    if (strstr(low, "options"))
        return F_OPTIONS;
    if (strstr(low, "discards"))
        return F_DISCARDS;
    if (strstr(low, "issue"))
        return F_ISSUES;
    if (strstr(low, "ontology") || strstr(low, "pico"))
        return F_ONTOLOGY;
    return 0;
}

/* The kind of a file from its first lines (0 when they do not tell). */
static int kind_by_content(const ent__buf *b)
{
    size_t i = 0, lines = 0;
    while (i < b->n && lines < 2000) {
        const char *s = b->p + i, *e = memchr(s, '\n', b->n - i);
        size_t n = e ? (size_t)(e - s) : b->n - i;
        const char *br = memchr(s, '[', n);
        i += n + 1;
        lines++;
        if (!n || s[0] == '#' || s[0] == '/')
            continue;
        if (n > 3 && !strncmp(s, "---", 3) && br)
            return F_VERBS;
        if (s[0] == '-' && br && memchr(s, '*', n))
            return F_VERBS;
        if (n > 6 && !strncmp(s, "LABEL:", 6))
            return F_OPTIONS;
        if (n > 6 && !strncmp(s, "<ISSUE", 6))
            return F_ISSUES;
        if (br && (size_t)(br - s) + 1 < n &&
            (br[1] == '~' || memchr(br, '~', n - (size_t)(br - s))))
            return F_AGENTS;
        if (br && br > s && (size_t)(br - s) + 4 < n &&
            ((br[1] >= 'A' && br[1] <= 'Z') || br[1] == '-'))
            return F_ACTORS;
    }
    return 0;
}

/* A file to read and its kind. */
typedef struct infile {
    char *path;
    int kind;
} infile;

/* Add path (copied) with kind to the list. */
static int add_infile(imp *im, infile **v, size_t *n, size_t *cap,
                      const char *path, size_t len, int kind)
{
    if (ent__grow(im->a, (void **)v, cap, *n + 1, sizeof **v))
        return ENT_ENOMEM;
    (*v)[*n].path = ent__strndup(im->a, path, len);
    if (!(*v)[*n].path)
        return ENT_ENOMEM;
    (*v)[*n].kind = kind;
    (*n)++;
    return ENT_OK;
}

/* Expand a TABARI .project file into the dictionary files it lists
 * (<actorsfile>, <verbsfile>, <agentsfile>, <optionsfile>), resolved
 * against the project's directory. */
static int read_project(imp *im, const char *path, infile **v, size_t *n,
                        size_t *cap)
{
    static const struct {
        const char *tag;
        int kind;
    } tags[] = {{"<actorsfile>", F_ACTORS}, {"<verbsfile>", F_VERBS},
                {"<agentsfile>", F_AGENTS}, {"<optionsfile>", F_OPTIONS}};
    ent__buf b = {0}, full = {0};
    size_t pos = 0;
    const char *slash = strrchr(path, '/');
    char *raw;
    int rc;
    rc = ent__read_file(im->a, path, &b);
    if (rc) {
        ent__buf_free(im->a, &b);
        return rc == ENT_EIO ? fail(im, rc, path, 0, "cannot read: %s",
                                    strerror(errno))
                             : rc;
    }
    im->file = path;
    im->line = 0;
    while (!rc && (raw = next_line(im, &b, &pos)) != NULL) {
        size_t t;
        if (im->nomem)
            break;
        for (t = 0; t < sizeof tags / sizeof tags[0]; t++) {
            size_t tl = strlen(tags[t].tag);
            char *s = trim(raw);
            struct stat sb;
            if (strncmp(s, tags[t].tag, tl))
                continue;
            s = trim(s + tl);
            full.n = 0;
            if (*s != '/' && slash)
                rc = ent__buf_add(im->a, &full, path,
                                  (size_t)(slash - path + 1));
            if (!rc)
                rc = ent__buf_add(im->a, &full, s, strlen(s));
            if (rc)
                break;
            if (stat(full.p, &sb)) {
                rc = fail(im, ENT_EIO, path, im->line, "%s %s: cannot read: "
                          "%s", tags[t].tag, s, strerror(errno));
                break;
            }
            rc = add_infile(im, v, n, cap, full.p, full.n, tags[t].kind);
        }
    }
    ent__buf_free(im->a, &b);
    ent__buf_free(im->a, &full);
    return !rc && im->nomem ? ENT_ENOMEM : rc;
}

/* Read one input file of the given kind (0: tell from its content). */
static int read_input(imp *im, const char *path, int kind)
{
    ent__buf b = {0};
    ent_import_stats before = im->st;
    int rc = ent__read_file(im->a, path, &b);
    filestat *f;
    if (rc) {
        ent__buf_free(im->a, &b);
        return rc == ENT_EIO ? fail(im, rc, path, 0, "cannot read: %s",
                                    strerror(errno))
                             : rc;
    }
    if (!valid_utf8(b.p, b.n))
        rc = to_utf8(im, &b);
    if (!rc && !kind)
        kind = kind_by_content(&b);
    if (!rc && !kind)
        rc = fail(im, ENT_EFORMAT, path, 0,
                  "cannot tell what kind of dictionary this is (name it "
                  "*.actors, *.verbs, *.agents, *.options, *discards*, "
                  "*issues* or *.project)");
    im->file = base_name(path);
    im->line = 0;
    im->in_xml = 0;
    if (!rc) {
        switch (kind) {
        case F_ACTORS:
            im->gaps = 1;
            rc = read_actors(im, &b, 0);
            im->gaps = 0;
            break;
        case F_AGENTS: rc = read_actors(im, &b, 1); break;
        case F_VERBS:
            rc = im->petr ? read_petrarch_verbs(im, &b)
                          : read_tabari_verbs(im, &b);
            break;
        case F_OPTIONS: rc = read_options(im, &b); break;
        case F_DISCARDS: rc = read_discards(im, &b); break;
        case F_ONTOLOGY: rc = read_ontology(im, &b); break;
        default: rc = read_issues(im, &b); break;
        }
        if (!rc && im->nomem)
            rc = ENT_ENOMEM;
    }
    ent__buf_free(im->a, &b);
    if (rc)
        return rc;
    if (ent__grow(im->a, (void **)&im->fs, &im->capfs, im->nfs + 1,
                  sizeof *im->fs))
        return ENT_ENOMEM;
    f = &im->fs[im->nfs];
    f->name = ent__strndup(im->a, im->file, strlen(im->file));
    if (!f->name)
        return ENT_ENOMEM;
    im->nfs++;
    f->kind = kind;
    f->st.actors = im->st.actors - before.actors;
    f->st.actor_phrases = im->st.actor_phrases - before.actor_phrases;
    f->st.agents = im->st.agents - before.agents;
    f->st.verbs = im->st.verbs - before.verbs;
    f->st.patterns = im->st.patterns - before.patterns;
    f->st.synsets = im->st.synsets - before.synsets;
    f->st.discards = im->st.discards - before.discards;
    f->st.dropped = im->st.dropped - before.dropped;
    f->st.approximated = im->st.approximated - before.approximated;
    return ENT_OK;
}

/* ---- writing -------------------------------------------------------- */

/* Create directory path and its parents (like mkdir -p). */
static int make_dirs(imp *im, const char *path)
{
    char *p = ent__strndup(im->a, path, strlen(path)), *s;
    int rc = ENT_OK;
    if (!p)
        return ENT_ENOMEM;
    for (s = p + 1;; s++) {
        if (*s == '/' || !*s) {
            char c = *s;
            *s = 0;
            if (mkdir(p, 0777) && errno != EEXIST) {
                rc = fail(im, ENT_EIO, p, 0, "cannot create directory: %s",
                          strerror(errno));
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    ent__free(im->a, p);
    return rc;
}

/* Write header then body to out_dir/name. */
static int write_out(imp *im, const char *name, const char *header,
                     const ent__buf *body)
{
    ent__buf path = {0};
    FILE *f;
    int rc = ent__buf_printf(im->a, &path, "%s/%s", im->cfg->out_dir, name);
    if (rc)
        return rc;
    f = fopen(path.p, "wb");
    if (!f) {
        rc = fail(im, ENT_EIO, path.p, 0, "cannot write: %s",
                  strerror(errno));
        ent__buf_free(im->a, &path);
        return rc;
    }
    fputs(header, f);
    if (body && body->n)
        fwrite(body->p, 1, body->n, f);
    if (ferror(f) | fclose(f))
        rc = fail(im, ENT_EIO, path.p, 0, "cannot write: %s",
                  strerror(errno));
    ent__buf_free(im->a, &path);
    return rc;
}

/* qsort order of C strings. */
static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Whether .options label lab names the same event as the cameo.tsv row
 * "code\tname\t...": the names equal ignoring ASCII case and white space
 * at the ends. */
static int same_name(const char *lab, const char *row)
{
    const char *name = strchr(row, '\t'), *end;
    size_t n, k;
    if (!name)
        return 0;
    name++;
    end = strchr(name, '\t');
    n = end ? (size_t)(end - name) : strlen(name);
    while (is_space((unsigned char)*lab))
        lab++;
    k = strlen(lab);
    while (k && is_space((unsigned char)lab[k - 1]))
        k--;
    while (n && is_space((unsigned char)*name)) {
        name++;
        n--;
    }
    while (n && is_space((unsigned char)name[n - 1]))
        n--;
    if (k != n)
        return 0;
    while (n--) {
        int a = (unsigned char)lab[n], b = (unsigned char)name[n];
        if (a >= 'A' && a <= 'Z')
            a += 32;
        if (b >= 'A' && b <= 'Z')
            b += 32;
        if (a != b)
            return 0;
    }
    return 1;
}

/* Write cameo.tsv: for every code the verbs use, entente's row when
 * cameo_path has one and no .options LABEL names the code differently
 * (the suite's codes are then not CAMEO's: TABARI's validation suite uses
 * WEIS, where 012 is RETREAT, not "Make pessimistic comment"); else a row
 * named by the LABEL (or the code itself) with the root only. */
static int write_cameo(imp *im)
{
    ent__buf in = {0}, out = {0};
    ent__strtab rows = {0};
    size_t *row_off = NULL, caprow = 0, i, pos = 0;
    const char **codes = NULL;
    int rc = ENT_OK;
    const char *header = "code\tname\troot\tquad\tgoldstein\tplover\n";
    if (im->cfg->cameo_path) {
        rc = ent__read_file(im->a, im->cfg->cameo_path, &in);
        if (rc == ENT_EIO)
            rc = fail(im, rc, im->cfg->cameo_path, 0, "cannot read: %s",
                      strerror(errno));
        for (i = 0; !rc && pos < in.n; i++) {
            char *s = in.p + pos, *e = memchr(s, '\n', in.n - pos);
            char *tab;
            uint32_t id;
            size_t n = e ? (size_t)(e - s) : in.n - pos;
            pos += n + 1;
            s[n] = 0;
            if (i == 0 || !(tab = strchr(s, '\t')) || s[0] == '#')
                continue;
            rc = ent__strtab_intern(im->a, &rows, s, (size_t)(tab - s), &id);
            if (!rc)
                rc = ent__grow(im->a, (void **)&row_off, &caprow, id + 1,
                               sizeof *row_off);
            if (!rc)
                row_off[id] = (size_t)(s - in.p);
        }
    }
    if (!rc && im->codes.n) {
        codes = ent__malloc(im->a, im->codes.n * sizeof *codes);
        if (!codes)
            rc = ENT_ENOMEM;
    }
    for (i = 0; !rc && i < im->codes.n; i++)
        codes[i] = im->codes.str[i + 1];
    if (!rc && im->codes.n)
        qsort(codes, im->codes.n, sizeof *codes, cmp_str);
    for (i = 0; !rc && i < im->codes.n; i++) {
        uint32_t r = ent__strtab_find(&rows, codes[i], strlen(codes[i]));
        uint32_t l = ent__strtab_find(&im->labels, codes[i], strlen(codes[i]));
        if (r && l && !same_name(im->label[l].name, in.p + row_off[r])) {
            const char *name = strchr(in.p + row_off[r], '\t') + 1;
            const char *end = strchr(name, '\t');
            im->file = im->label[l].file;
            im->line = im->label[l].line;
            warnf(im, K_LABEL, "code %s is \"%s\" here, \"%.*s\" in CAMEO: "
                               "named by the label, without CAMEO's "
                               "QuadClass and Goldstein", codes[i],
                  im->label[l].name,
                  (int)(end ? (size_t)(end - name) : strlen(name)), name);
            r = 0;
        }
        if (r)
            rc = ent__buf_printf(im->a, &out, "%s\n", in.p + row_off[r]);
        else
            rc = ent__buf_printf(im->a, &out, "%s\t%s\t%.2s\t\t\t\n",
                                 codes[i], l ? im->label[l].name : codes[i],
                                 codes[i]);
    }
    im->st.codes = im->codes.n;
    if (!rc)
        rc = write_out(im, "cameo.tsv", header, &out);
    ent__free(im->a, codes);
    ent__free(im->a, row_off);
    ent__strtab_free(im->a, &rows);
    ent__buf_free(im->a, &in);
    ent__buf_free(im->a, &out);
    return rc;
}

/* Write README.md: the inputs with their counts, the outputs, and every
 * kind of dropped or approximated feature with its count. */
static int write_readme(imp *im)
{
    ent__buf o = {0};
    size_t i;
    int rc, any = 0;
    const char *from = im->petr ? "petrarch" : "tabari";
    rc = ent__buf_printf(
        im->a, &o,
        "# Imported %s dictionaries\n\n"
        "Written by `entente dict import --from %s`: re-import rather than "
        "edit.\nFormats: docs/dictionaries.md; the mapping: src/import.c.\n\n"
        "## Inputs\n\n"
        "| file | kind | actor entries | actor phrases | agent phrases | "
        "verbs | patterns | synsets | discards | dropped | approximated |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        im->petr ? "PETRARCH" : "TABARI", from);
    for (i = 0; !rc && i < im->nfs; i++) {
        const filestat *f = &im->fs[i];
        rc = ent__buf_printf(im->a, &o,
                             "| %s | %s | %zu | %zu | %zu | %zu | %zu | %zu | "
                             "%zu | %zu | %zu |\n",
                             f->name, kind_names[f->kind], f->st.actors,
                             f->st.actor_phrases, f->st.agents, f->st.verbs,
                             f->st.patterns, f->st.synsets, f->st.discards,
                             f->st.dropped, f->st.approximated);
    }
    if (!rc)
        rc = ent__buf_printf(
            im->a, &o,
            "\n## Outputs\n\n"
            "- imported.actors: %zu entries, %zu phrases\n"
            "- agents.txt: %zu phrases\n"
            "- verbs.txt: %zu patterns of %zu verbs\n"
            "- synsets.txt: %zu synsets (named and anonymous `&_N`)\n"
            "- discards.txt: %zu phrases\n"
            "- cameo.tsv: %zu codes\n"
            "- negations.txt: %zu negated codes\n"
            "- context.txt: %s\n"
            "- options.txt: place_targets = yes, domestic_agents = no, "
            "reported_nouns = no, "
            "compound_reciprocal = %s, "
            "possessive_verbs = %s, compound_target = %s%s\n\n"
            "## Dropped and approximated\n\n",
            im->st.actors, im->st.actor_phrases, im->st.agents,
            im->st.patterns, im->st.verbs, im->st.synsets, im->st.discards,
            im->st.codes, im->st.negations,
            im->cfg->context_path
                ? (im->cfg->negation_only ? "entente's own negation markers"
                                          : "entente's own context markers")
                                  : "not written",
            im->petr ? "yes" : "no", im->petr ? "no" : "yes",
            im->petr ? "yes" : "no",
            im->petr ? ""
                     : "; TABARI's defaults code_by = clause, "
                       "tabari_endings = yes, minimum_words "
                       "= 8 and its comma rule (comma_min = 2, comma_max = "
                       "10, comma_emin = 2, comma_emax = 10), then the "
                       ".options file's SET: MINIMUM WORDS, SET: CODE BY, "
                       "COMMA and DEFAULT commands");
    for (i = 0; !rc && i < K_NKINDS; i++) {
        if (!im->nkind[i])
            continue;
        if (!any)
            rc = ent__buf_printf(im->a, &o,
                                 "| feature | count | |\n|---|---:|---|\n");
        any = 1;
        if (!rc)
            rc = ent__buf_printf(im->a, &o, "| %s | %zu | %s |\n",
                                 kinds[i].name, im->nkind[i],
                                 kinds[i].approx ? "approximated"
                                                 : "dropped");
    }
    if (!rc && !any)
        rc = ent__buf_printf(im->a, &o, "Nothing.\n");
    if (!rc)
        rc = ent__buf_printf(
            im->a, &o,
            "\n## Mapping\n\n"
            "- Words are lower-cased; `_` joins words. %s\n"
            "- Dated codes: `<D` and `>D` include the date (TABARI manual "
            "6.5.2); an entry with dated codes and no undated one falls "
            "back to `---`. Two-digit years 30..99 are 19xx, 00..29 20xx.\n"
            "- Verb patterns: a space between pattern words is a gap `*`, "
            "`_` makes them adjacent; the verb's place is the anchor "
            "(`@verb` when words precede it).%s\n"
            "- Verb forms and synonym verbs repeat the block's patterns; a "
            "form that is only an inflection of its verb (WordNet) is left "
            "to entente's lemma matching.\n",
            im->petr ? "Actor, agent and discard words are whole words, "
                       "with or without a trailing `_`: PETRARCH does not "
                       "use TABARI's stems (its validation records: "
                       "\"TABARI stemming, which PETR doesn't use\"; "
                       "`THE_KU` must not match \"The Kuwait\"). An "
                       "agent with empty braces `{}` has no plural: its "
                       "last word is the exact form (`police!`)."
                     : "A word without a trailing `_` in an actor, agent "
                       "or discard phrase is a stem (`argentin*`), as in "
                       "TABARI; `WORD=` (no regular endings) is the exact "
                       "form `word!`; a subordinate code `[023?]` is the "
                       "flag `[sub]`.",
            im->petr ? " PETRARCH pattern words are whole words (PETRARCH "
                       "matches lemmas, not stems); `( )` prepositional "
                       "phrases and `{ }` noun phrases keep their words in "
                       "order, a noun phrase's words adjacent; `A/B` is "
                       "`(a|b)`."
                     : " TABARI pattern words without `_` are stems "
                       "(`word*`), except the anchor when WordNet knows it "
                       "as a word; `{ A | B }` is `(a|b)` or an anonymous "
                       "synset.");
    if (!rc)
        rc = write_out(im, "README.md", "", &o);
    ent__buf_free(im->a, &o);
    return rc;
}

/* Remove output file name, left by an earlier import into the same
 * directory, that this import does not write. */
static int remove_out(imp *im, const char *name)
{
    ent__buf path = {0};
    int rc = ent__buf_printf(im->a, &path, "%s/%s", im->cfg->out_dir, name);
    if (!rc)
        remove(path.p);
    ent__buf_free(im->a, &path);
    return rc;
}

/* The number of lines in b. */
static size_t count_lines(const ent__buf *b)
{
    size_t i, n = 0;
    for (i = 0; i < b->n; i++)
        n += b->p[i] == '\n';
    return n;
}

/* Write every output file. */
static int write_all(imp *im)
{
    ent__buf h = {0};
    static const char *const names[] = {"imported.actors", "agents.txt",
                                        "synsets.txt", "verbs.txt",
                                        "discards.txt"};
    static const char *const what[] = {
        "actors: phrases = CODE, or dated code lines",
        "agents: phrases = SECTOR (append) or SECTOR~ (prefix)",
        "synsets: &name = phrase; phrase",
        "verb patterns: CODE  PATTERN  [flags]",
        "discards: a sentence containing one of these phrases codes nothing"};
    ent__buf *bodies[] = {&im->actors, &im->agents, &im->synsets, &im->verbs,
                          &im->discards};
    size_t i;
    int rc = make_dirs(im, im->cfg->out_dir);
    for (i = 0; !rc && i < sizeof names / sizeof names[0]; i++) {
        h.n = 0;
        rc = ent__buf_printf(im->a, &h,
                             "# %s -- %s.\n# Imported by `entente dict import "
                             "--from %s` from %s (see README.md).\n\n",
                             names[i], what[i],
                             im->petr ? "petrarch" : "tabari", im->names.p);
        if (!rc)
            rc = write_out(im, names[i], h.p, bodies[i]);
    }
    if (!rc) {
        /* negations first: they add codes to cameo.tsv */
        ent__buf neg = {0};
        rc = negations(im, &neg);
        if (!rc && neg.n)
            rc = write_out(im, "negations.txt",
                           "# negations.txt -- CODE NEGATED: a negated "
                           "event of CODE is coded as NEGATED (the PETRARCH "
                           "coding ontology's negations).\n\n",
                           &neg);
        else if (!rc)
            rc = remove_out(im, "negations.txt");
        im->st.negations = neg.n ? count_lines(&neg) : 0;
        ent__buf_free(im->a, &neg);
    }
    if (!rc)
        rc = write_cameo(im);
    if (!rc) {
        /* the conventions of the coder the dictionaries were written for
         * (docs/dictionaries.md, "Options"): both peers code a place as a
         * target ("arrived in Gondor"); PETRARCH also codes the members
         * of a compound source without a target with each other */
        ent__buf opt = {0};
        rc = ent__buf_printf(im->a, &opt, "place_targets = yes\n"
                             "domestic_agents = no\n"
                             "reported_nouns = no\n"
                             "compound_reciprocal = %s\n"
                             "possessive_verbs = %s\n"
                             "compound_target = %s\n"
                             "nested_events = %s\n",
                             im->petr ? "yes" : "no", im->petr ? "no" : "yes",
                             im->petr ? "yes" : "no", im->petr ? "yes" : "no");
        /* TABARI's own defaults (its manual, 8.2): one event a clause,
         * no sentence under 8 words; then the .options file's settings */
        if (!rc && !im->petr)
            rc = ent__buf_printf(im->a, &opt, "code_by = clause\n"
                                 "tabari_endings = yes\n"
                                 "tabari_pronouns = yes\n"
                                 "tabari_agents = yes\n"
                                 "convert_agents = no\n"
                                 "minimum_words = 8\n"
                                 "comma_min = 2\ncomma_max = 10\n"
                                 "comma_emin = 2\ncomma_emax = 10\n%s",
                                 im->options.n ? im->options.p : "");
        if (!rc)
            rc = write_out(im, "options.txt",
                           "# options.txt -- conventions of the source "
                           "coder (docs/dictionaries.md).\n\n",
                           &opt);
        ent__buf_free(im->a, &opt);
    }
    if (!rc && !im->cfg->context_path)
        /* no markers asked for: a context.txt left by an earlier import
         * into this directory must not stay in force */
        rc = remove_out(im, "context.txt");
    if (!rc && im->cfg->context_path) {
        ent__buf ctx = {0};
        rc = ent__read_file(im->a, im->cfg->context_path, &ctx);
        if (rc == ENT_EIO)
            rc = fail(im, rc, im->cfg->context_path, 0, "cannot read: %s",
                      strerror(errno));
        if (!rc && im->cfg->negation_only) {
            /* only the negation lines (and comments) */
            size_t r = 0, w = 0;
            while (r < ctx.n) {
                const char *l = ctx.p + r, *e = memchr(l, '\n', ctx.n - r);
                size_t n = e ? (size_t)(e - l) + 1 : ctx.n - r;
                if (!strncmp(l, "negation", 8) || l[0] == '#') {
                    memmove(ctx.p + w, l, n);
                    w += n;
                }
                r += n;
            }
            ctx.n = w;
        }
        if (!rc)
            rc = write_out(im, "context.txt",
                           im->cfg->negation_only
                               ? "# The negation markers of entente's own "
                                 "dict/context.txt, written by `entente "
                                 "dict import`\n# so that negated events "
                                 "take their negations.txt codes.\n\n"
                               : "# A copy of entente's own dict/context.txt, "
                                 "written by `entente dict import`\n# so "
                                 "that negation, hedges and future markers "
                                 "keep working with\n# the imported "
                                 "dictionaries.\n\n",
                           &ctx);
        ent__buf_free(im->a, &ctx);
    }
    if (!rc)
        rc = write_readme(im);
    ent__buf_free(im->a, &h);
    return rc;
}

/* ---- entry point ---------------------------------------------------- */

/* See entente.h. */
const char *ent_import_kind(int k, int *approx)
{
    if (k < 0 || k >= K_NKINDS)
        return NULL;
    if (approx)
        *approx = kinds[k].approx;
    return kinds[k].name;
}

/* See entente.h: expand the file list (projects), read every file in
 * order, then write the directory. Everything is released on return. */
int ent_dict_import(const ent_import_config *cfg, ent_import_stats *st,
                    ent_trace_fn warn, void *ud, char *err, size_t errlen)
{
    static const ent_allocator std = {NULL, NULL};
    imp im;
    infile *in = NULL;
    size_t nin = 0, capin = 0, i;
    int rc = ENT_OK;
    if (err && errlen)
        err[0] = 0;
    if (st)
        memset(st, 0, sizeof *st);
    if (!cfg || !cfg->out_dir || (!cfg->files && cfg->nfiles) ||
        (cfg->from != ENT_IMPORT_TABARI && cfg->from != ENT_IMPORT_PETRARCH)) {
        if (err && errlen)
            snprintf(err, errlen, "import: bad configuration (need from, "
                                  "files and out_dir)");
        return ENT_EINVAL;
    }
    memset(&im, 0, sizeof im);
    im.cfg = cfg;
    im.a = cfg->alloc && cfg->alloc->fn ? cfg->alloc : &std;
    im.warn = warn;
    im.ud = ud;
    im.err = err;
    im.errlen = errlen;
    im.petr = cfg->from == ENT_IMPORT_PETRARCH;
    im.file = "";
    rc = ent__lemma_load(im.a, cfg->wordnet_dir ? cfg->wordnet_dir
                                                : "/usr/share/wordnet",
                         &im.lm, err, errlen);
    for (i = 0; !rc && i < cfg->nfiles; i++) {
        int kind = kind_by_name(cfg->files[i]);
        if (kind == F_PROJECT)
            rc = read_project(&im, cfg->files[i], &in, &nin, &capin);
        else
            rc = add_infile(&im, &in, &nin, &capin, cfg->files[i],
                            strlen(cfg->files[i]), kind);
    }
    for (i = 0; !rc && i < nin; i++)
        rc = ent__buf_printf(im.a, &im.names, "%s%s", i ? ", " : "",
                             base_name(in[i].path));
    if (!rc && !nin)
        rc = ent__buf_add(im.a, &im.names, "no files", 8);
    for (i = 0; !rc && i < nin; i++)
        rc = read_input(&im, in[i].path, in[i].kind);
    if (!rc)
        rc = write_all(&im);
    if (rc == ENT_ENOMEM && err && errlen && !err[0])
        snprintf(err, errlen, "out of memory");
    if (st && !rc) {
        *st = im.st;
        for (i = 0; i < K_NKINDS; i++)
            st->kind[i] = im.nkind[i];
    }
    for (i = 0; i < nin; i++)
        ent__free(im.a, in[i].path);
    ent__free(im.a, in);
    for (i = 0; i < im.nfs; i++)
        ent__free(im.a, im.fs[i].name);
    ent__free(im.a, im.fs);
    for (i = 1; i < im.caplabel && im.label; i++)
        if (i <= im.labels.n)
            ent__free(im.a, im.label[i].name);
    ent__free(im.a, im.label);
    ent__strtab_free(im.a, &im.labels);
    ent__buf_free(im.a, &im.options);
    ent__imap_free(im.a, &im.pico);
    ent__strtab_free(im.a, &im.picocodes);
    ent__free(im.a, im.negpair);
    ent__strtab_free(im.a, &im.codes);
    ent__strtab_free(im.a, &im.anon);
    ent__strtab_free(im.a, &im.synnames);
    ent__buf_free(im.a, &im.actors);
    ent__buf_free(im.a, &im.agents);
    ent__buf_free(im.a, &im.synsets);
    ent__buf_free(im.a, &im.verbs);
    ent__buf_free(im.a, &im.discards);
    ent__buf_free(im.a, &im.names);
    ent__buf_free(im.a, &im.tmp);
    ent__buf_free(im.a, &im.tmp2);
    ent__buf_free(im.a, &im.line_buf);
    ent__buf_free(im.a, &im.macros);
    ent__lemma_free(im.a, im.lm);
    return rc;
}
