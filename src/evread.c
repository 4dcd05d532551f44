/*
 * evread.c -- existing event data into the store: entente's own JSONL,
 * ICEWS-style TSV and GDELT CSV/TSV.
 *
 * Users analyse data they already have next to what entente coded, so
 * each format is mapped onto the store's event fields: ICEWS event names
 * to CAMEO codes through the CAMEO table, ICEWS actor names to actor
 * codes through the actor dictionaries, GDELT columns by their header.
 */
#include "internal.h"

#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* An import in progress. */
typedef struct imp {
    ent_store *st;
    const ent_dict *d;
    const ent_allocator *a;
    const char *path;
    FILE *f;
    char *line;
    size_t cap;
    size_t len;
    unsigned long lineno;
    int replay; /* next_line() gives the line read by detect() again */
    ent_events_stats *stats;
    char *err;
    size_t errlen;
    /* ICEWS: normalised CAMEO names -> index + 1, and a cache of the
     * names seen -> CAMEO index + 1 (or ~0u for "none") */
    ent__strtab names, seen;
    uint32_t *seen_code;
    size_t capseen;
    ent__token *tok;
    size_t ntok, captok;
    ent__buf buf;
} imp;

/* Record "path:line: reason" in the caller's buffer; returns rc. */
static int bad(imp *m, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(imp *m, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__errv(m->err, m->errlen, m->path, m->lineno, fmt, ap);
    va_end(ap);
    return rc;
}

/* Read the next line into m->line (without its end of line); returns 1,
 * 0 at the end, or < 0 on a read error. A UTF-8 byte-order mark at the
 * start of the file is dropped. */
static int next_line(imp *m)
{
    ssize_t n;
    if (m->replay) {
        m->replay = 0;
        m->lineno = 1;
        return 1;
    }
    n = getline(&m->line, &m->cap, m->f);
    if (n < 0)
        return ferror(m->f) ? -1 : 0;
    m->lineno++;
    while (n > 0 && (m->line[n - 1] == '\n' || m->line[n - 1] == '\r'))
        m->line[--n] = 0;
    if (m->lineno == 1 && n >= 3 && !memcmp(m->line, "\xEF\xBB\xBF", 3)) {
        memmove(m->line, m->line + 3, (size_t)n - 2);
        n -= 3;
    }
    m->len = (size_t)n;
    return 1;
}

/* Split line s at delimiter delim into at most max fields (in place);
 * GDELT CSV fields may be double-quoted with "" for a quote. Returns the
 * number of fields. */
static size_t split(char *s, char delim, char **f, size_t max)
{
    size_t n = 0;
    while (n < max) {
        char *w = s, *r = s;
        f[n++] = s;
        if (*r == '"') {
            r++;
            while (*r && !(*r == '"' && r[1] != '"'))
                *w++ = (*r == '"') ? (r += 2, '"') : *r++;
            if (*r == '"')
                r++;
        }
        while (*r && *r != delim)
            *w++ = *r++;
        if (!*r) {
            *w = 0;
            return n;
        }
        *w = 0;
        s = r + 1;
    }
    return n;
}

/* ---- CAMEO names (ICEWS event names) -------------------------------- */

/* Normalise a CAMEO event name for matching: lower case, words of
 * letters and digits only ("person(s)" -> "persons"), parenthetical
 * remarks with spaces dropped ("(such as policy support)"), function
 * words dropped ("Make an appeal or request" -> "make appeal request").
 * Writes the words, one space apart, into out (NUL-terminated). */
static void norm_name(const char *s, char *out, size_t outlen)
{
    static const char *const stop[] = {"a",  "an", "the",  "or",  "and",
                                       "of", "to", "with", "for", "by",
                                       "in", "on", NULL};
    size_t o = 0, i = 0, n = strlen(s);
    while (i < n) {
        char w[64];
        size_t k = 0, q;
        if (s[i] == '(') {
            const char *e = strchr(s + i, ')');
            if (e && memchr(s + i, ' ', (size_t)(e - s - (long)i))) {
                i = (size_t)(e - s) + 1;
                continue;
            }
        }
        while (i < n &&
               (s[i] == ' ' || s[i] == ',' || s[i] == '-' || s[i] == '/'))
            i++;
        while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != '-' &&
               s[i] != '/') {
            unsigned char ch = (unsigned char)s[i++];
            if (((ch | 32) >= 'a' && (ch | 32) <= 'z') ||
                (ch >= '0' && ch <= '9') || ch >= 0x80)
                if (k + 1 < sizeof w)
                    w[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch | 32 : ch);
        }
        w[k] = 0;
        if (!k)
            continue;
        for (q = 0; stop[q] && strcmp(stop[q], w); q++)
            ;
        if (stop[q] || o + k + 2 > outlen)
            continue;
        if (o)
            out[o++] = ' ';
        memcpy(out + o, w, k);
        o += k;
    }
    out[o] = 0;
}

/* Whether every word of the normalised name sub is a word of name. */
static int words_within(const char *sub, const char *name)
{
    while (*sub) {
        size_t k = strcspn(sub, " ");
        const char *p = name;
        int found = 0;
        while (*p && !found) {
            size_t l = strcspn(p, " ");
            found = l == k && !memcmp(p, sub, k);
            p += l;
            while (*p == ' ')
                p++;
        }
        if (!found)
            return 0;
        sub += k;
        while (*sub == ' ')
            sub++;
    }
    return 1;
}

/* Index the CAMEO table by normalised name (the first code of a name
 * wins: "05" and "050" share one). */
static int index_names(imp *m)
{
    size_t i;
    for (i = 0; i < m->d->ncameo; i++) {
        char nm[256];
        uint32_t id;
        norm_name(m->d->cameo[i].name, nm, sizeof nm);
        if (ent__strtab_find(&m->names, nm, strlen(nm)))
            continue;
        if (ent__strtab_intern(m->a, &m->names, nm, strlen(nm), &id) ||
            ent__grow(m->a, (void **)&m->seen_code, &m->capseen, id + 1,
                      sizeof *m->seen_code))
            return ENT_ENOMEM;
        m->seen_code[id] = (uint32_t)i;
    }
    return ENT_OK;
}

/* The CAMEO entry of an ICEWS event name, or NULL: the entry whose
 * normalised name equals it, else the one with the most words all found
 * in it ("Arrest, detain, or charge with legal action" -> "Arrest, detain
 * or charge"). Results are cached per name. */
static const ent_cameo *cameo_by_name(imp *m, const char *name, int *rc)
{
    char nm[256];
    uint32_t id = ent__strtab_find(&m->seen, name, strlen(name)), best = 0;
    size_t i, bestw = 0;
    *rc = ENT_OK;
    if (id)
        return m->seen_code[m->names.n + id] == ~0u
                   ? NULL
                   : &m->d->cameo[m->seen_code[m->names.n + id]];
    norm_name(name, nm, sizeof nm);
    id = ent__strtab_find(&m->names, nm, strlen(nm));
    if (id) {
        best = m->seen_code[id] + 1;
    } else {
        for (i = 1; i <= m->names.n; i++) {
            size_t w = 1;
            const char *s = m->names.str[i];
            const char *p;
            for (p = s; *p; p++)
                w += *p == ' ';
            if (w > bestw && w >= 2 && words_within(s, nm)) {
                bestw = w;
                best = m->seen_code[i] + 1;
            }
        }
    }
    if (ent__strtab_intern(m->a, &m->seen, name, strlen(name), &id) ||
        ent__grow(m->a, (void **)&m->seen_code, &m->capseen,
                  m->names.n + id + 1, sizeof *m->seen_code)) {
        *rc = ENT_ENOMEM;
        return NULL;
    }
    m->seen_code[m->names.n + id] = best ? best - 1 : ~0u;
    return best ? &m->d->cameo[best - 1] : NULL;
}

/* ---- actor names (ICEWS) -------------------------------------------- */

/* The code of actor entry idx on day (its dated line, else its undated
 * one, else its first). */
static const char *entry_code(const ent_dict *d, uint32_t idx, int32_t day)
{
    const ent__actor *a = &d->actor[idx];
    const char *fb = NULL;
    uint32_t i;
    for (i = 0; i < a->ncodes; i++) {
        const ent__actor_code *k = &d->codes[a->first + i];
        if (k->from == INT32_MIN && k->to == INT32_MAX) {
            if (!fb)
                fb = k->code;
        } else if (day >= k->from && day <= k->to) {
            return k->code;
        }
    }
    return fb ? fb : d->codes[a->first].code;
}

/* Longest phrase of trie tr starting at token i of the name in m->buf;
 * returns its length in tokens and its payload in *pay. */
static size_t longest(imp *m, const ent__trie *tr, size_t i, uint32_t *pay)
{
    size_t k, best = 0;
    uint32_t node = 1;
    for (k = i; k < m->ntok; k++) {
        const ent__token *t = &m->tok[k];
        char low[64];
        size_t n = t->end - t->start;
        if (n >= sizeof low)
            break;
        ent__lower(low, m->buf.p + t->start, n);
        node = ent__trie_step(tr, node, ent__strtab_find(&m->d->words, low, n),
                              t->flags | ENT_TOK_FORM);
        if (!node)
            break;
        if (tr->term[node]) {
            best = k - i + 1;
            *pay = tr->term[node] - 1;
        }
    }
    return best;
}

/* Whether code names a country's actor (its first three letters are a
 * country code), as the coder decides: not organisations (IGO...). */
static int has_country(const char *code)
{
    return strlen(code) >= 3 && strncmp(code, "IGO", 3) &&
           strncmp(code, "NGO", 3) && strncmp(code, "MNC", 3) &&
           code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
           code[1] <= 'Z' && code[2] >= 'A' && code[2] <= 'Z';
}

/*
 * Resolve an ICEWS actor name on day: a whole-name match in the actor
 * dictionaries gives its code ("China" -> CHN, "Vladimir Putin" on
 * 2014-03-01 -> RUSGOV); else the longest actor phrase inside the name
 * with a country code gives that country plus the sector of an agent
 * word in the name ("Ministry (Afghanistan)" -> AFGGOV). code and
 * country are "" when nothing is found.
 */
static int resolve_actor(imp *m, const char *name, int32_t day,
                         char code[ENT_ACTOR_MAX], char country[4])
{
    size_t i, n = strlen(name), bestn = 0;
    uint32_t pay = 0, bestpay = 0, gpay = 0;
    const char *cc = NULL, *sector = "";
    code[0] = country[0] = 0;
    m->buf.n = 0;
    if (ent__buf_add(m->a, &m->buf, name, n) ||
        ent__tokenize(m->a, m->buf.p, n, &m->tok, &m->ntok, &m->captok))
        return ENT_ENOMEM;
    if (!m->ntok)
        return ENT_OK;
    if (longest(m, &m->d->actors, 0, &pay) == m->ntok) {
        cc = entry_code(m->d, pay, day);
        snprintf(code, ENT_ACTOR_MAX, "%s", cc);
        if (has_country(cc))
            snprintf(country, 4, "%.3s", cc);
        return ENT_OK;
    }
    for (i = 0; i < m->ntok; i++) {
        size_t l = longest(m, &m->d->actors, i, &pay);
        if (l > bestn && has_country(entry_code(m->d, pay, day))) {
            bestn = l;
            bestpay = pay;
        }
        if (!*sector && longest(m, &m->d->agents, i, &gpay))
            sector = m->d->agent[gpay].sector;
    }
    if (!bestn)
        return ENT_OK;
    cc = entry_code(m->d, bestpay, day);
    snprintf(country, 4, "%.3s", cc);
    snprintf(code, ENT_ACTOR_MAX, "%.3s%s", cc, sector);
    return ENT_OK;
}

/* ---- storing -------------------------------------------------------- */

/* Add event e and count the outcome. */
static int put(imp *m, const ent_store_event *e)
{
    int added = 0, rc = ent_store_add_event(m->st, e, &added);
    if (rc)
        return bad(m, rc, "%s", ent_store_errmsg(m->st));
    m->stats->events++;
    if (added == 0)
        m->stats->already++;
    else
        m->stats->stored++;
    if (added == 2)
        m->stats->merged++;
    return ENT_OK;
}

/* Add document d and count it when new. */
static int put_doc(imp *m, const ent_store_doc *d, int64_t *id)
{
    int existed = 0, rc = ent_store_add_doc(m->st, d, id, &existed);
    if (rc)
        return bad(m, rc, "%s", ent_store_errmsg(m->st));
    if (!existed)
        m->stats->documents++;
    return ENT_OK;
}

/* The hash of a document key: its kind and its identifying text. */
static uint64_t key_hash(const char *kind, const char *key)
{
    return ent__hash(kind, strlen(kind)) ^
           (ent__hash(key, strlen(key)) * 0x9E3779B97F4A7C15ULL);
}

/* Hash of the whole file (the identity of an ICEWS file's document). */
static int file_hash(imp *m, uint64_t *h)
{
    char chunk[65536];
    size_t n;
    *h = 0x84222325CBF29CE4ULL;
    if (m->f == stdin)
        return bad(m, ENT_EINVAL,
                   "ICEWS data must be a file, not standard "
                   "input (its content identifies it)");
    rewind(m->f);
    while ((n = fread(chunk, 1, sizeof chunk, m->f)) > 0)
        *h = (*h * 0x100000001B3ULL) ^ ent__hash(chunk, n);
    if (ferror(m->f))
        return bad(m, ENT_EIO, "%s", strerror(errno));
    rewind(m->f);
    m->replay = 0; /* read from the start again */
    m->lineno = 0;
    return ENT_OK;
}

/* ---- entente JSONL -------------------------------------------------- */

/* Event lines are flat objects of strings, numbers and small arrays, read
 * by this scanner in place (jansson's trees cost more than the store's
 * inserts); a line it refuses is handed to jansson for the message. */

/* The fields of an event line. Strings point into the line. */
typedef struct jev {
    const char *doc, *date, *source, *source_country, *target;
    const char *target_country, *code, *rule, *pattern, *text;
    const char *date_end, *date_precision, *date_expr, *pubdate;
    const char *meta; /* the "meta" object as written (not NUL-terminated) */
    size_t meta_len;
    long long sent;
    int has_sent, has_quad, has_gs;
    int quad;
    double goldstein;
    unsigned context;
    ent_span spans[3]; /* source, target, verb */
} jev;

/* p past JSON white space. */
static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    return p;
}

/* scan_str() from r, the first escape or control character of the
 * string that starts at start: the rest unescaped in place. */
static char *scan_str_esc(char **pp, char *start, char *r, size_t *len)
{
    char *w = r;
    while (*r != '"') {
        unsigned long u;
        if (!*r || (unsigned char)*r < 0x20)
            return NULL;
        if (*r != '\\') {
            *w++ = *r++;
            continue;
        }
        r++;
        switch (*r) {
        case '"':
        case '\\':
        case '/':
            *w++ = *r++;
            continue;
        case 'b':
            *w++ = '\b';
            r++;
            continue;
        case 'f':
            *w++ = '\f';
            r++;
            continue;
        case 'n':
            *w++ = '\n';
            r++;
            continue;
        case 'r':
            *w++ = '\r';
            r++;
            continue;
        case 't':
            *w++ = '\t';
            r++;
            continue;
        case 'u':
            break;
        default:
            return NULL;
        }
        {
            char hex[5];
            char *e;
            memcpy(hex, r + 1, 4);
            hex[4] = 0;
            u = strtoul(hex, &e, 16);
            if (e != hex + 4 || strlen(hex) != 4 || u == 0)
                return NULL;
            r += 5;
            if (u >= 0xD800 && u < 0xDC00 && r[0] == '\\' && r[1] == 'u') {
                unsigned long lo;
                memcpy(hex, r + 2, 4);
                lo = strtoul(hex, &e, 16);
                if (e != hex + 4 || lo < 0xDC00 || lo > 0xDFFF)
                    return NULL;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                r += 6;
            } else if (u >= 0xD800 && u < 0xE000) {
                return NULL;
            }
        }
        /* the encoding is never longer than the escape it replaces */
        if (u < 0x80) {
            *w++ = (char)u;
        } else if (u < 0x800) {
            *w++ = (char)(0xC0 | (u >> 6));
            *w++ = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            *w++ = (char)(0xE0 | (u >> 12));
            *w++ = (char)(0x80 | ((u >> 6) & 0x3F));
            *w++ = (char)(0x80 | (u & 0x3F));
        } else {
            *w++ = (char)(0xF0 | (u >> 18));
            *w++ = (char)(0x80 | ((u >> 12) & 0x3F));
            *w++ = (char)(0x80 | ((u >> 6) & 0x3F));
            *w++ = (char)(0x80 | (u & 0x3F));
        }
    }
    *w = 0;
    *pp = r + 1;
    if (len)
        *len = (size_t)(w - start);
    return start;
}

/* Scan the string at *pp (at its opening quote), unescaping it in place
 * and NUL-terminating it; *pp moves past it and *len (may be NULL) gets
 * its length. Returns the string or NULL when malformed (or holding
 * \u0000). Most strings have no escape: nothing moves, and this part is
 * inlined. */
static inline char *scan_str(char **pp, size_t *len)
{
    char *r = *pp + 1, *start = r;
    while (*r != '"' && *r != '\\' && (unsigned char)*r >= 0x20)
        r++;
    if (*r != '"')
        return scan_str_esc(pp, start, r, len);
    *r = 0;
    *pp = r + 1;
    if (len)
        *len = (size_t)(r - start);
    return start;
}

/* Skip any JSON value at *pp (nested arrays and objects included; their
 * strings are unescaped in place, which nothing reads). Returns 0 or -1
 * when malformed. */
static int skip_value(char **pp, int depth)
{
    char *p = (char *)skip_ws(*pp);
    if (depth > 64)
        return -1;
    if (*p == '"') {
        if (!scan_str(&p, NULL))
            return -1;
    } else if (*p == '[' || *p == '{') {
        char close = *p == '[' ? ']' : '}';
        int obj = *p == '{';
        p = (char *)skip_ws(p + 1);
        if (*p == close) {
            *pp = p + 1;
            return 0;
        }
        for (;;) {
            if (obj) {
                if (*p != '"' || !scan_str(&p, NULL))
                    return -1;
                p = (char *)skip_ws(p);
                if (*p++ != ':')
                    return -1;
            }
            if (skip_value(&p, depth + 1))
                return -1;
            p = (char *)skip_ws(p);
            if (*p == close)
                break;
            if (*p++ != ',')
                return -1;
            p = (char *)skip_ws(p);
        }
        p++;
    } else if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4)) {
        p += 4;
    } else if (!strncmp(p, "false", 5)) {
        p += 5;
    } else {
        char *e;
        strtod(p, &e);
        if (e == p)
            return -1;
        p = e;
    }
    *pp = p;
    return 0;
}

/* A JSON integer at p: at most 18 digits, an optional minus, not
 * followed by a fraction or an exponent (a number such as 1.0 is not an
 * integer here). Returns the end, or NULL. */
static char *scan_int(char *p, long long *v)
{
    char *d = p + (*p == '-');
    long long x = 0;
    int n = 0;
    while (*d >= '0' && *d <= '9' && n < 19) {
        x = x * 10 + (*d++ - '0');
        n++;
    }
    if (!n || n > 18 || *d == '.' || *d == 'e' || *d == 'E')
        return NULL;
    *v = *p == '-' ? -x : x;
    return d;
}

/* Read [start, end] at *pp into sp. */
static int scan_span(char **pp, ent_span *sp)
{
    char *p = (char *)skip_ws(*pp), *e;
    long v[2];
    int i;
    if (*p++ != '[')
        return -1;
    for (i = 0; i < 2; i++) {
        long long x;
        if (!(e = scan_int((char *)skip_ws(p), &x)) || x < 0 ||
            x > UINT32_MAX)
            return -1;
        v[i] = (long)x;
        p = (char *)skip_ws(e);
        if (*p++ != (i ? ']' : ','))
            return -1;
    }
    sp->start = (uint32_t)v[0];
    sp->end = (uint32_t)v[1];
    *pp = p;
    return 0;
}

/* Read the context array of strings at *pp into bits. */
static int scan_context(char **pp, unsigned *ctx)
{
    char *p = (char *)skip_ws(*pp);
    if (*p++ != '[')
        return -1;
    p = (char *)skip_ws(p);
    while (*p != ']') {
        const char *c;
        if (*p != '"' || !(c = scan_str(&p, NULL)))
            return -1;
        if (!strcmp(c, "hypothetical"))
            *ctx |= ENT_CTX_HYPOTHETICAL;
        else if (!strcmp(c, "future"))
            *ctx |= ENT_CTX_FUTURE;
        p = (char *)skip_ws(p);
        if (*p == ',')
            p = (char *)skip_ws(p + 1);
        else if (*p != ']')
            return -1;
    }
    *pp = p + 1;
    return 0;
}

/* The keys of an event line that the scanner reads: first the string
 * fields, in the order of scan_event()'s dst[], then the others. */
enum {
    K_DOC, K_DATE, K_SOURCE, K_SOURCE_COUNTRY, K_TARGET, K_TARGET_COUNTRY,
    K_CODE, K_RULE, K_PATTERN, K_TEXT, K_DATE_END, K_DATE_PRECISION,
    K_DATE_EXPR, K_PUBDATE, K_NSTR,
    K_SENT = K_NSTR, K_QUAD, K_GOLDSTEIN, K_CONTEXT, K_SOURCE_SPAN,
    K_TARGET_SPAN, K_VERB_SPAN, K_META, K_NKEYS
};

static const char *const KEYS[K_NKEYS] = {
    "doc",  "date",      "source",         "source_country", "target",
    "target_country",    "code",           "rule",           "pattern",
    "text", "date_end",  "date_precision", "date_expr",      "pubdate",
    "sent", "quad",      "goldstein",      "context",        "source_span",
    "target_span",       "verb_span",      "meta"};

/* The lengths of KEYS. */
static const unsigned char KEYLEN[K_NKEYS] = {3, 4, 6,  14, 6,  14, 4, 4,
                                              7, 4, 8,  14, 9,  7,  4, 4,
                                              9, 7, 11, 11, 9,  4};

/* The K_* of key (n bytes), or -1 for a key the scanner skips: compared
 * with the keys of its length and first letter only. */
static int key_of(const char *key, size_t n)
{
    int i;
    for (i = 0; i < K_NKEYS; i++)
        if (KEYLEN[i] == n && KEYS[i][0] == key[0] &&
            !memcmp(KEYS[i], key, n))
            return i;
    return -1;
}

/* A JSON number at p into *v; returns the end, or NULL. Decimals of at
 * most 15 digits (the Goldstein scores) are computed as integer / 10^k,
 * which is the correctly rounded value strtod() gives, in a tenth of its
 * time; others go to strtod(). */
static char *scan_double(char *p, double *v)
{
    static const double pow10[] = {1,   1e1, 1e2,  1e3,  1e4,  1e5,
                                   1e6, 1e7, 1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15};
    char *d = p + (*p == '-'), *e;
    long long m = 0;
    int n = 0, frac = 0;
    while (*d >= '0' && *d <= '9' && n < 16) {
        m = m * 10 + (*d++ - '0');
        n++;
    }
    if (*d == '.' && n) {
        d++;
        while (*d >= '0' && *d <= '9' && n < 16) {
            m = m * 10 + (*d++ - '0');
            n++;
            frac++;
        }
        if (!frac)
            n = 16; /* "1." is not JSON: strtod() decides below */
    }
    if (n && n <= 15 && *d != 'e' && *d != 'E' && !(*d >= '0' && *d <= '9')) {
        *v = (double)m / pow10[frac];
        if (*p == '-')
            *v = -*v;
        return d;
    }
    *v = strtod(p, &e);
    return e == p ? NULL : e;
}

/* Scan one event line in place into v (orig: the line as read, whose
 * "meta" object is copied back over its scanned copy, so that it stays
 * as written). Returns 0, or -1 when it is not an object this scanner
 * reads. */
static int scan_event(char *line, const char *orig, jev *v)
{
    const char **dst[K_NSTR] = {
        &v->doc,      &v->date,           &v->source,    &v->source_country,
        &v->target,   &v->target_country, &v->code,      &v->rule,
        &v->pattern,  &v->text,           &v->date_end,  &v->date_precision,
        &v->date_expr, &v->pubdate};
    char *p = (char *)skip_ws(line);
    memset(v, 0, sizeof *v);
    if (*p++ != '{')
        return -1;
    p = (char *)skip_ws(p);
    while (*p != '}') {
        const char *key;
        long long n;
        size_t len;
        int k;
        if (*p != '"' || !(key = scan_str(&p, &len)))
            return -1;
        p = (char *)skip_ws(p);
        if (*p++ != ':')
            return -1;
        p = (char *)skip_ws(p);
        k = key_of(key, len);
        if (k >= 0 && k < K_NSTR && *p == '"') {
            if (!(*dst[k] = scan_str(&p, NULL)))
                return -1;
        } else if (k == K_SENT || k == K_QUAD) {
            if (!(p = scan_int(p, &n)))
                return -1;
            if (k == K_SENT) {
                v->sent = n;
                v->has_sent = n >= 0 && n <= UINT32_MAX;
            } else {
                v->quad = (int)n;
                v->has_quad = n >= 0 && n <= 4;
            }
        } else if (k == K_GOLDSTEIN) {
            if (!(p = scan_double(p, &v->goldstein)))
                return -1;
            v->has_gs = 1;
        } else if (k == K_CONTEXT && *p == '[') {
            if (scan_context(&p, &v->context))
                return -1;
        } else if (k >= K_SOURCE_SPAN && k <= K_VERB_SPAN && *p == '[') {
            if (scan_span(&p, &v->spans[k - K_SOURCE_SPAN]))
                return -1;
        } else if (k == K_META && *p == '{') {
            char *start = p;
            if (skip_value(&p, 0))
                return -1;
            v->meta = start;
            v->meta_len = (size_t)(p - start);
            /* skipping unescaped its strings in place: as written again */
            memcpy(start, orig + (start - line), v->meta_len);
        } else if (skip_value(&p, 0)) {
            return -1;
        }
        p = (char *)skip_ws(p);
        if (*p == ',')
            p = (char *)skip_ws(p + 1);
        else if (*p != '}')
            return -1;
    }
    return *skip_ws(p + 1) ? -1 : 0;
}

/* The reason line (len bytes, as read) is not an event line this
 * scanner reads, from jansson, into msg (n bytes). */
static void jsonl_reason(const char *line, size_t len, char *msg, size_t n)
{
    json_error_t je;
    json_t *o = json_loadb(line, len, 0, &je);
    int ok = json_is_object(o);
    json_decref(o);
    if (ok)
        snprintf(msg, n, "an event line must be one flat JSON object (no "
                         "NUL characters)");
    else
        snprintf(msg, n, "invalid JSON: %s", je.text);
}

/* The state of a JSONL import between lines: the current document. */
typedef struct jdoc {
    ent__buf prev; /* its "doc" id */
    ent__buf meta; /* scratch: a "meta" object, NUL-terminated */
    int64_t doc, k;
} jdoc;

/* Store the event of scanned line v (its line number in m->lineno):
 * the document when "doc" changes (lines of one document are expected
 * together), k the event's order within it. */
static int jsonl_event(imp *m, jev *v, jdoc *jd)
{
    ent_store_event e;
    const ent_cameo *cm;
    int rc;
    m->stats->lines++;
    if (!v->has_sent || !v->date || !v->code)
        return bad(m, ENT_EFORMAT,
                   "an event needs \"sent\", \"date\" and \"code\"");
    cm = ent_cameo_lookup(m->d, v->code);
    if (!cm) {
        m->stats->unknown_codes++;
        return ENT_OK;
    }
    if (!v->doc)
        v->doc = "";
    if (!jd->prev.n || strcmp(jd->prev.p, v->doc)) {
        ent_store_doc d;
        jd->prev.n = 0;
        if (ent__buf_add(m->a, &jd->prev, v->doc, strlen(v->doc) + 1))
            return bad(m, ENT_ENOMEM, "out of memory");
        memset(&d, 0, sizeof d);
        d.hash = key_hash("doc", v->doc);
        d.id = v->doc;
        /* the publication date when the line has one (entente code
         * prints it), else the event's */
        d.date = v->pubdate && *v->pubdate ? v->pubdate : v->date;
        d.source = m->path;
        if (v->meta) {
            jd->meta.n = 0;
            if (ent__buf_add(m->a, &jd->meta, v->meta, v->meta_len) ||
                ent__buf_add(m->a, &jd->meta, "", 1))
                return bad(m, ENT_ENOMEM, "out of memory");
            d.meta = jd->meta.p;
        }
        if ((rc = put_doc(m, &d, &jd->doc)) != ENT_OK)
            return rc;
        jd->k = 0;
    }
    memset(&e, 0, sizeof e);
    e.doc = jd->doc;
    e.sent = (uint32_t)v->sent;
    e.k = jd->k++;
    e.date = v->date;
    e.source = v->source;
    e.source_country = v->source_country;
    e.target = v->target;
    e.target_country = v->target_country;
    e.code = cm->code;
    e.root = cm->root;
    e.plover = cm->plover;
    e.quad = v->has_quad ? v->quad : cm->quad;
    e.goldstein = v->has_gs ? v->goldstein : cm->goldstein;
    e.context = v->context;
    e.source_span = v->spans[0];
    e.target_span = v->spans[1];
    e.verb_span = v->spans[2];
    e.rule = v->rule;
    e.pattern = v->pattern;
    e.date_end = v->date_end;
    e.date_precision = v->date_precision;
    e.date_expr = v->date_expr;
    if ((rc = put(m, &e)) != ENT_OK)
        return rc;
    if (v->text &&
        ent_store_add_sentence(m->st, jd->doc, e.sent, v->text,
                               strlen(v->text)))
        return bad(m, ENT_EIO, "%s", ent_store_errmsg(m->st));
    return ENT_OK;
}

/* Import JSONL events line by line in this thread. */
static int import_jsonl_inline(imp *m, jdoc *jd)
{
    int rc = ENT_OK, r;
    while ((r = next_line(m)) > 0) {
        char reason[256];
        jev v;
        if (m->len == 0)
            continue;
        /* the scanner writes into the line; jansson may need the
         * original for its message */
        m->buf.n = 0;
        if (ent__buf_add(m->a, &m->buf, m->line, m->len + 1))
            return bad(m, ENT_ENOMEM, "out of memory");
        if (scan_event(m->buf.p, m->line, &v)) {
            jsonl_reason(m->line, m->len, reason, sizeof reason);
            return bad(m, ENT_EFORMAT, "%s", reason);
        }
        if ((rc = jsonl_event(m, &v, jd)) != ENT_OK)
            return rc;
    }
    return r < 0 ? bad(m, ENT_EIO, "%s", strerror(errno)) : ENT_OK;
}

/* ---- JSONL read ahead by a second thread ---------------------------- */

/* Reading and scanning a JSONL line costs about a fifth of storing its
 * event, so a second thread reads and scans lines ahead, a batch at a
 * time, while this one stores the previous batch. The reader uses its
 * own copy of the import's reading state (file, line buffer, line
 * number) and allocates nothing: the batches are allocated here. */

#define RA_LINES 4096     /* lines of a batch */
#define RA_BYTES 1048576u /* bytes of a batch's lines (more for a line
                             that needs more) */
#define RA_BATCHES 3

/* A scanned line: its fields (pointing into the batch) and number. */
typedef struct rline {
    jev v;
    unsigned long lineno;
} rline;

/* A batch of lines, copied and scanned in place. */
typedef struct rbatch {
    char *buf;
    size_t cap, n;
    rline *ln;
    size_t nl;
    int last;     /* the input ends after this batch (or after bad) */
    int rerr;     /* errno of a read error at the end, else 0 */
    int bad;      /* the line after ln[nl - 1] is not an event line:
                     its number in badline, the reason in msg */
    unsigned long badline;
    size_t need;  /* a line of need bytes did not fit in an empty batch:
                     the main thread grows buf */
    char msg[256];
} rbatch;

/* The reader thread and the batches it shares with the importer. */
typedef struct reader {
    imp r; /* the reader's copy of the import's reading state */
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    rbatch b[RA_BATCHES];
    int full[RA_BATCHES]; /* 1: the importer's to read; 0: the reader's */
    int stop;             /* the importer asks the reader to stop */
} reader;

/* Fill batch b with the next lines of rd->r; the line in rd->r.line is
 * still to be used when *held is set. */
static void ra_fill(reader *rd, rbatch *b, int *held)
{
    imp *m = &rd->r;
    b->n = b->nl = b->need = 0;
    b->last = b->rerr = b->bad = 0;
    for (;;) {
        rline *l;
        char *copy;
        if (!*held) {
            int r = next_line(m);
            if (r <= 0) {
                b->last = 1;
                b->rerr = r < 0 ? errno : 0;
                return;
            }
            if (m->len == 0)
                continue;
            *held = 1;
        }
        if (b->n + m->len + 1 > b->cap) {
            if (!b->nl)
                b->need = m->len + 1;
            return;
        }
        if (b->nl == RA_LINES)
            return;
        copy = b->buf + b->n;
        memcpy(copy, m->line, m->len + 1);
        *held = 0;
        l = &b->ln[b->nl];
        if (scan_event(copy, m->line, &l->v)) {
            b->bad = 1;
            b->badline = m->lineno;
            jsonl_reason(m->line, m->len, b->msg, sizeof b->msg);
            b->last = 1;
            return;
        }
        l->lineno = m->lineno;
        b->n += m->len + 1;
        b->nl++;
    }
}

/* The reader thread: fill the batches in turn until the input ends or
 * the importer stops it. */
static void *ra_main(void *arg)
{
    reader *rd = arg;
    int i = 0, held = 0, last;
    for (;;) {
        pthread_mutex_lock(&rd->mu);
        while (rd->full[i] && !rd->stop)
            pthread_cond_wait(&rd->cv, &rd->mu);
        last = rd->stop;
        pthread_mutex_unlock(&rd->mu);
        if (last)
            return NULL;
        ra_fill(rd, &rd->b[i], &held);
        last = rd->b[i].last;
        pthread_mutex_lock(&rd->mu);
        rd->full[i] = 1;
        pthread_cond_broadcast(&rd->cv);
        pthread_mutex_unlock(&rd->mu);
        if (last)
            return NULL;
        i = (i + 1) % RA_BATCHES;
    }
}

/* Store the lines of batch b; *last is set at the end of the input. */
static int ra_store(imp *m, rbatch *b, jdoc *jd, int *last)
{
    size_t i;
    int rc;
    for (i = 0; i < b->nl; i++) {
        m->lineno = b->ln[i].lineno;
        if ((rc = jsonl_event(m, &b->ln[i].v, jd)) != ENT_OK)
            return rc;
    }
    *last = b->last;
    if (b->bad) {
        m->lineno = b->badline;
        return bad(m, ENT_EFORMAT, "%s", b->msg);
    }
    if (b->rerr)
        return bad(m, ENT_EIO, "%s", strerror(b->rerr));
    return ENT_OK;
}

/* Import JSONL events with a reader thread (see above); when the thread
 * or its batches cannot be had, line by line. */
static int import_jsonl(imp *m)
{
    reader *rd = ent__calloc(m->a, sizeof *rd);
    jdoc jd;
    int rc = ENT_OK, i, last = 0, started = 0;
    memset(&jd, 0, sizeof jd);
    for (i = 0; rd && i < RA_BATCHES; i++) {
        rd->b[i].cap = RA_BYTES;
        if (!(rd->b[i].buf = ent__malloc(m->a, RA_BYTES)) ||
            !(rd->b[i].ln = ent__malloc(m->a, RA_LINES * sizeof(rline))))
            break;
    }
    if (rd && i == RA_BATCHES) {
        rd->r = *m; /* the reader's from here on: file, line, number */
        pthread_mutex_init(&rd->mu, NULL);
        pthread_cond_init(&rd->cv, NULL);
        started = pthread_create(&rd->th, NULL, ra_main, rd) == 0;
        if (!started) {
            pthread_mutex_destroy(&rd->mu);
            pthread_cond_destroy(&rd->cv);
        }
    }
    if (!started) {
        rc = import_jsonl_inline(m, &jd);
        goto done;
    }
    for (i = 0; !rc && !last; i = (i + 1) % RA_BATCHES) {
        rbatch *b = &rd->b[i];
        pthread_mutex_lock(&rd->mu);
        while (!rd->full[i])
            pthread_cond_wait(&rd->cv, &rd->mu);
        pthread_mutex_unlock(&rd->mu);
        if (b->need &&
            ent__grow(m->a, (void **)&b->buf, &b->cap, b->need, 1))
            rc = bad(m, ENT_ENOMEM, "out of memory");
        else if (!b->need)
            rc = ra_store(m, b, &jd, &last);
        pthread_mutex_lock(&rd->mu);
        rd->full[i] = 0;
        if (rc)
            rd->stop = 1;
        pthread_cond_broadcast(&rd->cv);
        pthread_mutex_unlock(&rd->mu);
    }
    pthread_mutex_lock(&rd->mu);
    rd->stop = 1;
    pthread_cond_broadcast(&rd->cv);
    pthread_mutex_unlock(&rd->mu);
    pthread_join(rd->th, NULL);
    pthread_mutex_destroy(&rd->mu);
    pthread_cond_destroy(&rd->cv);
    /* the line buffer the reader may have grown is the import's again */
    m->line = rd->r.line;
    m->cap = rd->r.cap;
    m->lineno = rc ? m->lineno : rd->r.lineno;
done:
    for (i = 0; rd && i < RA_BATCHES; i++) {
        ent__free(m->a, rd->b[i].buf);
        ent__free(m->a, rd->b[i].ln);
    }
    ent__free(m->a, rd);
    ent__buf_free(m->a, &jd.prev);
    ent__buf_free(m->a, &jd.meta);
    return rc;
}

/* ---- ICEWS ---------------------------------------------------------- */

/* Import ICEWS lines: the file is one document (identified by its
 * content), k the line number; names mapped as ent_store_import() says. */
static int import_icews(imp *m)
{
    ent_store_doc d;
    int64_t doc = 0;
    uint64_t h;
    const char *base = strrchr(m->path, '/');
    int rc, r;
    if ((rc = file_hash(m, &h)) != ENT_OK)
        return rc;
    memset(&d, 0, sizeof d);
    d.hash = h ^ key_hash("icews", "");
    d.id = base ? base + 1 : m->path;
    d.source = "icews";
    d.url = m->path;
    while ((r = next_line(m)) > 0) {
        char *f[5], sc[ENT_ACTOR_MAX], scc[4], tc[ENT_ACTOR_MAX], tcc[4];
        ent_store_event e;
        const ent_cameo *cm;
        int32_t day;
        if (m->len == 0)
            continue;
        if (split(m->line, '\t', f, 5) != 4)
            return bad(m, ENT_EFORMAT,
                       "expected 4 tab-separated fields "
                       "(source, event, target, date)");
        if (ent__date_days(f[3], &day))
            return bad(m, ENT_EFORMAT, "bad date '%s' (want YYYY-MM-DD)", f[3]);
        m->stats->lines++;
        if (!doc) {
            d.date = f[3];
            if ((rc = put_doc(m, &d, &doc)) != ENT_OK)
                return rc;
        }
        cm = cameo_by_name(m, f[1], &rc);
        if (rc)
            return bad(m, rc, "out of memory");
        if (!cm) {
            m->stats->unknown_codes++;
            continue;
        }
        if (resolve_actor(m, f[0], day, sc, scc) ||
            resolve_actor(m, f[2], day, tc, tcc))
            return bad(m, ENT_ENOMEM, "out of memory");
        m->stats->unresolved += !*sc + !*tc;
        memset(&e, 0, sizeof e);
        e.doc = doc;
        e.k = (int64_t)m->lineno;
        e.date = f[3];
        e.source = sc;
        e.source_country = scc;
        e.source_name = f[0];
        e.target = tc;
        e.target_country = tcc;
        e.target_name = f[2];
        e.code = cm->code;
        e.root = cm->root;
        e.plover = cm->plover;
        e.quad = cm->quad;
        e.goldstein = cm->goldstein;
        e.rule = "icews";
        e.date_precision = "day";
        if ((rc = put(m, &e)) != ENT_OK)
            return rc;
    }
    return r < 0 ? bad(m, ENT_EIO, "%s", strerror(errno)) : ENT_OK;
}

/* ---- GDELT ---------------------------------------------------------- */

/* GDELT columns entente reads, by header name. */
enum {
    G_ID,
    G_SQLDATE,
    G_MONTHYEAR,
    G_A1CODE,
    G_A2CODE,
    G_A1CC,
    G_A2CC,
    G_CODE,
    G_ROOT,
    G_QUAD,
    G_GOLDSTEIN,
    G_URL,
    G_NCOL
};
static const char *const GCOL[G_NCOL] = {
    "GLOBALEVENTID", "SQLDATE",           "MonthYear",         "Actor1Code",
    "Actor2Code",    "Actor1CountryCode", "Actor2CountryCode", "EventCode",
    "EventRootCode", "QuadClass",         "GoldsteinScale",    "SOURCEURL"};

#define GMAXF 128

/* Import GDELT rows: columns found by the header's names, one document
 * per SOURCEURL, k the GLOBALEVENTID. */
static int import_gdelt(imp *m)
{
    int col[G_NCOL];
    char *f[GMAXF], delim;
    size_t nh, i, nf;
    int64_t doc = 0;
    char prevurl[2048] = "";
    int rc = ENT_OK, r, q;
    if ((r = next_line(m)) <= 0)
        return r < 0 ? bad(m, ENT_EIO, "%s", strerror(errno)) : ENT_OK;
    delim = strchr(m->line, '\t') ? '\t' : ',';
    nh = split(m->line, delim, f, GMAXF);
    for (q = 0; q < G_NCOL; q++) {
        col[q] = -1;
        for (i = 0; i < nh; i++)
            if (!strcmp(f[i], GCOL[q]))
                col[q] = (int)i;
    }
    if (col[G_ID] < 0)
        return bad(m, ENT_EFORMAT,
                   "no GLOBALEVENTID column: not GDELT "
                   "event rows (an aggregate table?)");
    if (col[G_SQLDATE] < 0 && col[G_MONTHYEAR] < 0)
        return bad(m, ENT_EFORMAT, "no SQLDATE or MonthYear column");
    if (col[G_CODE] < 0 && col[G_QUAD] < 0)
        return bad(m, ENT_EFORMAT, "no EventCode or QuadClass column");
    while ((r = next_line(m)) > 0) {
        const char *v[G_NCOL];
        char date[11], *end;
        const ent_cameo *cm = NULL;
        ent_store_event e;
        long long id;
        int32_t day;
        if (m->len == 0)
            continue;
        nf = split(m->line, delim, f, GMAXF);
        if (nf != nh)
            return bad(m, ENT_EFORMAT, "%zu fields, the header has %zu", nf,
                       nh);
        for (q = 0; q < G_NCOL; q++)
            v[q] = col[q] >= 0 ? f[col[q]] : "";
        m->stats->lines++;
        errno = 0;
        id = strtoll(v[G_ID], &end, 10);
        if (errno || *end || end == v[G_ID] || id < 0)
            return bad(m, ENT_EFORMAT, "bad GLOBALEVENTID '%s'", v[G_ID]);
        if (*v[G_SQLDATE] && strlen(v[G_SQLDATE]) == 8)
            snprintf(date, sizeof date, "%.4s-%.2s-%.2s", v[G_SQLDATE],
                     v[G_SQLDATE] + 4, v[G_SQLDATE] + 6);
        else if (strlen(v[G_MONTHYEAR]) == 6)
            snprintf(date, sizeof date, "%.4s-%.2s-01", v[G_MONTHYEAR],
                     v[G_MONTHYEAR] + 4);
        else
            date[0] = 0;
        if (ent__date_days(date, &day))
            return bad(m, ENT_EFORMAT, "bad date '%s'",
                       *v[G_SQLDATE] ? v[G_SQLDATE] : v[G_MONTHYEAR]);
        memset(&e, 0, sizeof e);
        e.source = *v[G_A1CODE] ? v[G_A1CODE] : v[G_A1CC];
        e.target = *v[G_A2CODE] ? v[G_A2CODE] : v[G_A2CC];
        if (!*e.source && !*e.target) {
            m->stats->skipped_noactor++;
            continue;
        }
        if (*v[G_CODE] && !(cm = ent_cameo_lookup(m->d, v[G_CODE]))) {
            m->stats->unknown_codes++;
            continue;
        }
        if (!doc || strcmp(prevurl, v[G_URL])) {
            ent_store_doc d;
            const char *base = strrchr(m->path, '/');
            memset(&d, 0, sizeof d);
            /* one document per story URL (per file without URLs) */
            d.hash = *v[G_URL] ? key_hash("url", v[G_URL])
                               : key_hash("gdelt", base ? base + 1 : m->path);
            d.id = *v[G_URL] ? v[G_URL] : (base ? base + 1 : m->path);
            d.url = v[G_URL];
            d.date = date;
            d.source = "gdelt";
            if ((rc = put_doc(m, &d, &doc)) != ENT_OK)
                return rc;
            snprintf(prevurl, sizeof prevurl, "%s", v[G_URL]);
        }
        e.doc = doc;
        e.k = id;
        e.date = date;
        e.source_country = v[G_A1CC];
        e.target_country = v[G_A2CC];
        e.code = cm ? cm->code : "";
        e.root = cm ? cm->root : v[G_ROOT];
        e.plover = cm ? cm->plover : "";
        e.quad = *v[G_QUAD] ? atoi(v[G_QUAD]) : cm ? cm->quad : 0;
        e.goldstein = *v[G_GOLDSTEIN] ? strtod(v[G_GOLDSTEIN], NULL)
                      : cm            ? cm->goldstein
                                      : 0.0;
        e.rule = "gdelt";
        e.date_precision = *v[G_SQLDATE] ? "day" : "month";
        if ((rc = put(m, &e)) != ENT_OK)
            return rc;
    }
    return r < 0 ? bad(m, ENT_EIO, "%s", strerror(errno)) : ENT_OK;
}

/* ---- detection and entry point -------------------------------------- */

/* The format of the file from its first line, which the importer then
 * reads again (next_line() replays it: stdin cannot be rewound). Returns
 * ENT_EVENTS_*, -1 when unknown or -2 on a read error. */
static int detect(imp *m)
{
    char *f[5], *copy;
    int r = next_line(m), fmt = -1;
    int32_t day;
    if (r <= 0)
        return r < 0 ? -2 : ENT_EVENTS_JSONL; /* empty: nothing to do */
    if (m->line[0] == '{')
        fmt = ENT_EVENTS_JSONL;
    else if (strstr(m->line, "GLOBALEVENTID") || strstr(m->line, "QuadClass") ||
             strstr(m->line, "CountryCode"))
        fmt = ENT_EVENTS_GDELT;
    else if ((copy = strdup(m->line)) != NULL) {
        if (split(copy, '\t', f, 5) == 4 && !ent__date_days(f[3], &day))
            fmt = ENT_EVENTS_ICEWS;
        free(copy);
    }
    m->replay = 1;
    return fmt;
}

int ent_store_import(ent_store *st, const ent_dict *dict, const char *path,
                     int format, ent_events_stats *stats, char *err,
                     size_t errlen)
{
    ent_events_stats local;
    imp m;
    int rc;
    if (err && errlen)
        err[0] = 0;
    if (!st || !dict || !path || format < ENT_EVENTS_AUTO ||
        format > ENT_EVENTS_GDELT)
        return ENT_EINVAL;
    memset(&m, 0, sizeof m);
    memset(&local, 0, sizeof local);
    m.st = st;
    m.d = dict;
    m.a = dict->alloc.fn ? &dict->alloc : NULL;
    m.path = path;
    m.stats = stats ? stats : &local;
    m.err = err;
    m.errlen = errlen;
    m.f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!m.f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return ENT_EIO;
    }
    if (format == ENT_EVENTS_AUTO)
        format = detect(&m);
    m.stats->format = format;
    switch (format) {
    case ENT_EVENTS_JSONL:
        rc = import_jsonl(&m);
        break;
    case ENT_EVENTS_ICEWS:
        rc = index_names(&m);
        if (rc)
            rc = bad(&m, rc, "out of memory");
        else
            rc = import_icews(&m);
        break;
    case ENT_EVENTS_GDELT:
        rc = import_gdelt(&m);
        break;
    case -2:
        rc = bad(&m, ENT_EIO, "%s", strerror(errno));
        break;
    default:
        m.lineno = 1;
        rc = bad(&m, ENT_EFORMAT,
                 "cannot tell the format (entente JSONL, "
                 "ICEWS TSV or GDELT CSV with a header): "
                 "use --format");
        break;
    }
    if (ent_store_commit(st) && !rc)
        rc = bad(&m, ENT_EIO, "%s", ent_store_errmsg(st));
    if (m.f != stdin)
        fclose(m.f);
    free(m.line);
    ent__strtab_free(m.a, &m.names);
    ent__strtab_free(m.a, &m.seen);
    ent__free(m.a, m.seen_code);
    ent__free(m.a, m.tok);
    ent__buf_free(m.a, &m.buf);
    return rc;
}
