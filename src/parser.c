/*
 * parser.c -- labelled dependency parser: greedy arc-hybrid transitions.
 *
 * The second half of the parse stage (issue 3). A configuration is a stack
 * (the root, token 0, at its bottom) and a buffer, which in the arc-hybrid
 * system is always a suffix of the sentence. Three moves: SHIFT the buffer
 * front onto the stack; LEFT makes the buffer front the head of the stack
 * top and pops it; RIGHT makes the second stack element the head of the top
 * and pops it. One averaged perceptron chooses the move from hashed
 * features of the configuration; a second chooses the relation of each arc
 * once the dependent is complete. Training follows Goldberg and Nivre's
 * dynamic oracle with error exploration, on tags from jackknifed taggers.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "ENTPAR03"
#define NMOVE 3
enum { SHIFT = 0, LEFT = 1, RIGHT = 2 };
#define MAXF 136  /* move features per configuration, at most */
#define MAXRF 40  /* relation features per arc, at most */
#define NONE 0x5bd1e995u /* value of an absent position */
#define EXPLORE_PCT 90 /* how often training follows a wrong prediction
                          (0 measured 0.8 UAS worse on dev, 100 the same) */

struct ent_parser {
    ent_allocator alloc;
    ent__pc move; /* SHIFT, LEFT, RIGHT */
    ent__pc rel;  /* UD relations */
    float prune;  /* save: drop feature rows whose weights are all below */
};

/* ---- sentence and configuration -------------------------------------- */

/* The parts of a feature key (ent__pc_key3m) for a value in first,
 * second or third place. */
typedef struct kparts {
    uint64_t a, b, c;
} kparts;

/* What the features see of a word: hashes of its normalised form, XPOS and
 * UPOS, their key parts, and running counts of verbs and commas up to it
 * (for "how many lie between" features). Index 0 is the root; index n + 1
 * stands for an absent position (every hash NONE). */
typedef struct word {
    uint64_t w, x, u;
    kparts mw, mx, mu;
    uint32_t verbs, commas; /* counts over words 1..i */
} word;

/* A parser configuration over words 0..n. Children lists keep the two
 * outermost dependents on each side, which in the arc-hybrid order are the
 * two most recently attached. Relation sets are bitsets of class % 64. */
typedef struct config {
    int n, sp, b;   /* words, stack depth, buffer front (n + 1: empty) */
    int last[2];    /* the last two moves (-1: none yet) */
    int *stack;
    int *head, *rel;
    int *lc1, *lc2, *rc1, *rc2;
    int *nl, *nr;
    uint64_t *lset, *rset;
} config;

#define key3 ent__pc_key3
#define K1(t, a) key3(t, a, 0, 0)
#define K2(t, a, b) key3(t, a, b, 0)

static uint64_t hash_str(const char *s)
{
    return ent__hash(s, strlen(s));
}

/* The three key parts of hash v. */
static kparts parts(uint64_t v)
{
    kparts k;
    k.a = ent__pc_ka(v);
    k.b = ent__pc_kb(v);
    k.c = ent__pc_kc(v);
    return k;
}

/* Fill the word table for n words (1-based; 0 is the root, n + 1 the
 * absent word: W holds n + 2). */
static void setup_words(const char *const *w, const char *const *upos,
                        const char *const *xpos, size_t n, word *W)
{
    size_t i;
    char nb[64];
    W[0].w = W[0].x = W[0].u = hash_str("<root>");
    W[0].verbs = W[0].commas = 0;
    W[n + 1].w = W[n + 1].x = W[n + 1].u = NONE;
    W[n + 1].verbs = W[n + 1].commas = 0;
    for (i = 1; i <= n; i++) {
        const char *u = upos[i - 1];
        ent__pc_norm_word(w[i - 1], nb, sizeof nb);
        W[i].w = hash_str(nb);
        W[i].x = hash_str(xpos[i - 1]);
        W[i].u = hash_str(u);
        W[i].verbs = W[i - 1].verbs + (!strcmp(u, "VERB") || !strcmp(u, "AUX"));
        W[i].commas = W[i - 1].commas + (!strcmp(w[i - 1], ",") ||
                                         !strcmp(w[i - 1], ";") ||
                                         !strcmp(w[i - 1], ":"));
    }
    for (i = 0; i <= n + 1; i++) {
        W[i].mw = parts(W[i].w);
        W[i].mx = parts(W[i].x);
        W[i].mu = parts(W[i].u);
    }
}

/* Allocate a configuration for up to n words (one block). */
static int config_alloc(const ent_allocator *a, config *c, size_t n)
{
    size_t m = n + 2, i;
    int *blk = ent__malloc(a, m * 10 * sizeof(int) + 1);
    uint64_t *sets = ent__malloc(a, m * 2 * sizeof(uint64_t) + 1);
    if (!blk || !sets) {
        ent__free(a, blk);
        ent__free(a, sets);
        return ENT_ENOMEM;
    }
    i = 0;
    c->stack = blk + m * i++;
    c->head = blk + m * i++;
    c->rel = blk + m * i++;
    c->lc1 = blk + m * i++;
    c->lc2 = blk + m * i++;
    c->rc1 = blk + m * i++;
    c->rc2 = blk + m * i++;
    c->nl = blk + m * i++;
    c->nr = blk + m * i++;
    c->lset = sets;
    c->rset = sets + m;
    return ENT_OK;
}

static void config_release(const ent_allocator *a, config *c)
{
    ent__free(a, c->stack);
    ent__free(a, c->lset);
}

static void config_init(config *c, int n)
{
    int i;
    c->n = n;
    c->sp = 1;
    c->stack[0] = 0;
    c->b = 1;
    c->last[0] = c->last[1] = -1;
    for (i = 0; i <= n; i++) {
        c->head[i] = -1;
        c->rel[i] = -1;
        c->lc1[i] = c->lc2[i] = c->rc1[i] = c->rc2[i] = -1;
        c->nl[i] = c->nr[i] = 0;
        c->lset[i] = c->rset[i] = 0;
    }
}

static int terminal(const config *c)
{
    return c->b > c->n && c->sp == 1;
}

/* Which moves are legal: LEFT never takes the root as dependent, and RIGHT
 * attaches to the root only once the buffer is empty, so the tree has
 * exactly one root word. */
static void legal(const config *c, unsigned char *ok)
{
    int s0 = c->sp > 0 ? c->stack[c->sp - 1] : -1;
    int s1 = c->sp > 1 ? c->stack[c->sp - 2] : -1;
    ok[SHIFT] = c->b <= c->n;
    ok[LEFT] = c->b <= c->n && s0 > 0;
    ok[RIGHT] = c->sp >= 2 && (s1 != 0 || c->b > c->n);
}

/* Apply a move; for an arc, (*hd, *dp) receive head and dependent. */
static void apply(config *c, int mv, int *hd, int *dp)
{
    int h, d;
    c->last[1] = c->last[0];
    c->last[0] = mv;
    if (mv == SHIFT) {
        c->stack[c->sp++] = c->b++;
        *hd = *dp = -1;
        return;
    }
    d = c->stack[--c->sp];
    h = mv == LEFT ? c->b : c->stack[c->sp - 1];
    c->head[d] = h;
    if (d < h) {
        c->lc2[h] = c->lc1[h];
        c->lc1[h] = d;
        c->nl[h]++;
    } else {
        c->rc2[h] = c->rc1[h];
        c->rc1[h] = d;
        c->nr[h]++;
    }
    *hd = h;
    *dp = d;
}

/* Record the relation r of the arc into d. */
static void set_rel(config *c, int h, int d, int r)
{
    c->rel[d] = r;
    if (d < h)
        c->lset[h] |= 1ULL << (r & 63);
    else
        c->rset[h] |= 1ULL << (r & 63);
}

/* ---- features -------------------------------------------------------- */

static int bucket(int d)
{
    if (d < 0)
        d = -d;
    return d <= 4 ? d : d <= 6 ? 5 : d <= 9 ? 6 : d <= 14 ? 7 : 8;
}

static int cap(int v, int m)
{
    return v < m ? v : m;
}

/* Move features of configuration c over words W. Training and parsing
 * call this one function, so they cannot drift. */
static int move_features(const word *W, const config *c, uint64_t *f)
{
    int k = 0, none = c->n + 1;
    int s0 = c->sp > 0 ? c->stack[c->sp - 1] : -1;
    int s1 = c->sp > 1 ? c->stack[c->sp - 2] : -1;
    int s2 = c->sp > 2 ? c->stack[c->sp - 3] : -1;
    int b0 = c->b <= c->n ? c->b : -1;
    int b1 = c->b + 1 <= c->n ? c->b + 1 : -1;
    int b2 = c->b + 2 <= c->n ? c->b + 2 : -1;
    int b3 = c->b + 3 <= c->n ? c->b + 3 : -1;
    int bp = b0 > 1 ? b0 - 1 : -1;                    /* word before b0 */
    int s0n = (s0 > 0 && s0 < c->n) ? s0 + 1 : -1;    /* after s0 */
    int s0p = s0 > 1 ? s0 - 1 : -1;                   /* before s0 */
    int s0l1 = s0 >= 0 ? c->lc1[s0] : -1, s0l2 = s0 >= 0 ? c->lc2[s0] : -1;
    int s0r1 = s0 >= 0 ? c->rc1[s0] : -1, s0r2 = s0 >= 0 ? c->rc2[s0] : -1;
    int b0l1 = b0 >= 0 ? c->lc1[b0] : -1, b0l2 = b0 >= 0 ? c->lc2[b0] : -1;
    int s1r1 = s1 >= 0 ? c->rc1[s1] : -1, s1r2 = s1 >= 0 ? c->rc2[s1] : -1;
    int s1l1 = s1 >= 0 ? c->lc1[s1] : -1;
    uint64_t d01, d10;
/* position i's word (the absent word for -1), a hash of it, and the key
 * part of that hash in place r (a, b or c) */
#define P(i) ((i) >= 0 ? (i) : none)
#define Wd(i) (W[P(i)].w)
#define Xt(i) (W[P(i)].x)
#define MX(i, h, r) (W[P(i)].m##h.r)
#define Lb(i) ((i) >= 0 ? (uint64_t)(c->rel[i] + 2) : 0)
#define KEY ent__pc_key3m
#define VA ent__pc_ka
#define VB ent__pc_kb
#define VC ent__pc_kc
    d01 = (s0 >= 0 && b0 >= 0) ? (uint64_t)bucket(b0 - s0) : 99;
    d10 = (s0 >= 0 && s1 >= 0) ? (uint64_t)bucket(s0 - s1) : 99;

    f[k++] = KEY(0, VA(0), VB(0), VC(0));
    /* single positions */
    f[k++] = KEY(1, MX(s0, w, a), VB(0), VC(0));
    f[k++] = KEY(2, MX(s0, x, a), VB(0), VC(0));
    f[k++] = KEY(3, MX(s0, w, a), MX(s0, x, b), VC(0));
    f[k++] = KEY(4, MX(s0, u, a), VB(0), VC(0));
    f[k++] = KEY(5, MX(s1, w, a), VB(0), VC(0));
    f[k++] = KEY(6, MX(s1, x, a), VB(0), VC(0));
    f[k++] = KEY(7, MX(s1, w, a), MX(s1, x, b), VC(0));
    f[k++] = KEY(8, MX(b0, w, a), VB(0), VC(0));
    f[k++] = KEY(9, MX(b0, x, a), VB(0), VC(0));
    f[k++] = KEY(10, MX(b0, w, a), MX(b0, x, b), VC(0));
    f[k++] = KEY(11, MX(b0, u, a), VB(0), VC(0));
    f[k++] = KEY(12, MX(b1, w, a), VB(0), VC(0));
    f[k++] = KEY(13, MX(b1, x, a), VB(0), VC(0));
    f[k++] = KEY(14, MX(b1, w, a), MX(b1, x, b), VC(0));
    f[k++] = KEY(15, MX(b2, w, a), VB(0), VC(0));
    f[k++] = KEY(16, MX(b2, x, a), VB(0), VC(0));
    f[k++] = KEY(17, MX(s2, x, a), VB(0), VC(0));
    f[k++] = KEY(18, MX(s2, w, a), VB(0), VC(0));
    /* pairs of s0 and b0 */
    f[k++] = KEY(19, VA(Wd(s0) ^ Xt(s0) * 31), MX(b0, w, b), MX(b0, x, c));
    f[k++] = KEY(20, MX(s0, w, a), MX(s0, x, b), MX(b0, w, c));
    f[k++] = KEY(21, MX(s0, w, a), MX(b0, w, b), MX(b0, x, c));
    f[k++] = KEY(22, MX(s0, w, a), MX(s0, x, b), MX(b0, x, c));
    f[k++] = KEY(23, MX(s0, x, a), MX(b0, w, b), MX(b0, x, c));
    f[k++] = KEY(24, MX(s0, w, a), MX(b0, w, b), VC(0));
    f[k++] = KEY(25, MX(s0, x, a), MX(b0, x, b), VC(0));
    /* tag n-grams */
    f[k++] = KEY(26, MX(b0, x, a), MX(b1, x, b), VC(0));
    f[k++] = KEY(27, MX(b0, x, a), MX(b1, x, b), MX(b2, x, c));
    f[k++] = KEY(28, MX(s0, x, a), MX(b0, x, b), MX(b1, x, c));
    f[k++] = KEY(29, MX(s1, x, a), MX(s0, x, b), MX(b0, x, c));
    f[k++] = KEY(30, MX(s2, x, a), MX(s1, x, b), MX(s0, x, c));
    /* s1 and s0 */
    f[k++] = KEY(31, VA(Wd(s1) ^ Xt(s1) * 31), MX(s0, w, b), MX(s0, x, c));
    f[k++] = KEY(32, MX(s1, x, a), MX(s0, x, b), VC(0));
    f[k++] = KEY(33, MX(s1, w, a), MX(s0, w, b), VC(0));
    f[k++] = KEY(34, MX(s1, x, a), MX(s0, w, b), VC(0));
    f[k++] = KEY(35, MX(s1, w, a), MX(s0, x, b), VC(0));
    f[k++] = KEY(36, MX(s1, x, a), MX(s0, x, b), MX(b0, w, c));
    /* children */
    f[k++] = KEY(37, MX(s0, x, a), MX(s0l1, x, b), MX(b0, x, c));
    f[k++] = KEY(38, MX(s0, x, a), MX(s0r1, x, b), MX(b0, x, c));
    f[k++] = KEY(39, MX(s0, x, a), MX(b0, x, b), MX(b0l1, x, c));
    f[k++] = KEY(40, MX(s1, x, a), MX(s0, x, b), MX(s0l1, x, c));
    f[k++] = KEY(41, MX(s1, x, a), MX(s1r1, x, b), MX(s0, x, c));
    f[k++] = KEY(42, MX(s1, x, a), MX(s0, x, b), MX(s0r1, x, c));
    f[k++] = KEY(43, MX(s0, x, a), MX(s0l1, x, b), MX(s0l2, x, c));
    f[k++] = KEY(44, MX(s0, x, a), MX(s0r1, x, b), MX(s0r2, x, c));
    f[k++] = KEY(45, MX(b0, x, a), MX(b0l1, x, b), MX(b0l2, x, c));
    f[k++] = KEY(46, MX(s1, x, a), MX(s1r1, x, b), MX(s1r2, x, c));
    /* distance */
    f[k++] = KEY(47, MX(s0, w, a), VB(d01), VC(0));
    f[k++] = KEY(48, MX(s0, x, a), VB(d01), VC(0));
    f[k++] = KEY(49, MX(b0, w, a), VB(d01), VC(0));
    f[k++] = KEY(50, MX(b0, x, a), VB(d01), VC(0));
    f[k++] = KEY(51, MX(s0, w, a), MX(b0, w, b), VC(d01));
    f[k++] = KEY(52, MX(s0, x, a), MX(b0, x, b), VC(d01));
    f[k++] = KEY(53, MX(s1, x, a), MX(s0, x, b), VC(d10));
    /* valency */
    f[k++] = KEY(54, MX(s0, w, a),
                 VB((uint64_t)cap(c->nr[s0 >= 0 ? s0 : 0], 4)), VC(0));
    f[k++] = KEY(55, MX(s0, x, a),
                 VB((uint64_t)cap(s0 >= 0 ? c->nr[s0] : 0, 4)), VC(0));
    f[k++] = KEY(56, MX(s0, w, a),
                 VB((uint64_t)cap(s0 >= 0 ? c->nl[s0] : 0, 4)), VC(0));
    f[k++] = KEY(57, MX(s0, x, a),
                 VB((uint64_t)cap(s0 >= 0 ? c->nl[s0] : 0, 4)), VC(0));
    f[k++] = KEY(58, MX(b0, w, a),
                 VB((uint64_t)cap(b0 >= 0 ? c->nl[b0] : 0, 4)), VC(0));
    f[k++] = KEY(59, MX(b0, x, a),
                 VB((uint64_t)cap(b0 >= 0 ? c->nl[b0] : 0, 4)), VC(0));
    f[k++] = KEY(60, MX(s1, x, a),
                 VB((uint64_t)cap(s1 >= 0 ? c->nr[s1] : 0, 4)), VC(0));
    /* children words, tags and relations */
    f[k++] = KEY(61, MX(s0l1, w, a), VB(0), VC(0));
    f[k++] = KEY(62, MX(s0l1, x, a), VB(0), VC(0));
    f[k++] = KEY(63, MX(s0, x, a), VB(Lb(s0l1)), VC(0));
    f[k++] = KEY(64, MX(s0r1, w, a), VB(0), VC(0));
    f[k++] = KEY(65, MX(s0r1, x, a), VB(0), VC(0));
    f[k++] = KEY(66, MX(s0, x, a), VB(Lb(s0r1)), VC(0));
    f[k++] = KEY(67, MX(s0, x, a), MX(s0l2, x, b), VC(0));
    f[k++] = KEY(68, MX(s0, x, a), VB(Lb(s0l1)), VC(Lb(s0l2)));
    f[k++] = KEY(69, MX(s0, x, a), MX(s0r2, x, b), VC(0));
    f[k++] = KEY(70, MX(s0, x, a), VB(Lb(s0r1)), VC(Lb(s0r2)));
    f[k++] = KEY(71, MX(b0l1, w, a), VB(0), VC(0));
    f[k++] = KEY(72, MX(b0l1, x, a), VB(0), VC(0));
    f[k++] = KEY(73, MX(b0, x, a), VB(Lb(b0l1)), VC(0));
    f[k++] = KEY(74, MX(b0, x, a), MX(b0l2, x, b), VC(0));
    f[k++] = KEY(75, MX(b0, x, a), VB(Lb(b0l1)), VC(Lb(b0l2)));
    f[k++] = KEY(76, MX(s1r1, w, a), VB(0), VC(0));
    f[k++] = KEY(77, MX(s1r1, x, a), VB(0), VC(0));
    f[k++] = KEY(78, MX(s1, x, a), VB(Lb(s1r1)), VC(0));
    f[k++] = KEY(79, MX(s1, x, a), MX(s1l1, x, b), VC(0));
    f[k++] = KEY(80, MX(s1, x, a), VB(Lb(s1l1)), VC(0));
    /* relation sets */
    f[k++] = KEY(81, MX(s0, w, a), VB(s0 >= 0 ? c->lset[s0] : 0), VC(0));
    f[k++] = KEY(82, MX(s0, x, a), VB(s0 >= 0 ? c->lset[s0] : 0), VC(0));
    f[k++] = KEY(83, MX(s0, w, a), VB(s0 >= 0 ? c->rset[s0] : 0), VC(0));
    f[k++] = KEY(84, MX(s0, x, a), VB(s0 >= 0 ? c->rset[s0] : 0), VC(0));
    f[k++] = KEY(85, MX(b0, w, a), VB(b0 >= 0 ? c->lset[b0] : 0), VC(0));
    f[k++] = KEY(86, MX(b0, x, a), VB(b0 >= 0 ? c->lset[b0] : 0), VC(0));
    f[k++] = KEY(87, MX(s1, x, a), VB(s1 >= 0 ? c->rset[s1] : 0), VC(0));
    /* neighbours in the sentence */
    f[k++] = KEY(88, MX(bp, x, a), MX(b0, x, b), MX(s0, x, c));
    f[k++] = KEY(89, MX(s0, x, a), MX(s0n, x, b), MX(b0, x, c));
    f[k++] = KEY(90, MX(s0p, x, a), MX(s0, x, b), MX(b0, x, c));
    /* what lies between s0 and b0, s1 and s0 */
    if (s0 >= 0 && b0 >= 0) {
        int commas = (int)(W[b0 - 1].commas - W[s0].commas);
        int verbs = (int)(W[b0 - 1].verbs - W[s0].verbs);
        f[k++] = KEY(91, MX(s0, x, a), MX(b0, x, b),
                     VC((uint64_t)cap(commas, 3)));
        f[k++] = KEY(92, MX(s0, x, a), MX(b0, x, b),
                     VC((uint64_t)cap(verbs, 3)));
    }
    if (s0 >= 0 && s1 >= 0) {
        const word *before = &W[s0 - 1 >= 0 ? s0 - 1 : 0];
        int verbs = (int)(before->verbs - W[s1].verbs);
        int commas = (int)(before->commas - W[s1].commas);
        f[k++] = KEY(93, MX(s1, x, a), MX(s0, x, b),
                     VC((uint64_t)cap(verbs, 3)));
        f[k++] = KEY(94, MX(s1, x, a), MX(s0, x, b),
                     VC((uint64_t)cap(commas, 3)));
    }
    f[k++] = KEY(95, MX(b0, x, a), MX(b3, x, b), VC(0));
    f[k++] = KEY(96, MX(s0, u, a), MX(b0, u, b), MX(s1, u, c));
    f[k++] = KEY(97, MX(s0, w, a), MX(b1, w, b), VC(0));
    f[k++] = KEY(98, MX(s0, x, a), MX(b0, w, b), MX(b1, x, c));
    f[k++] = KEY(99, MX(s1, w, a), MX(s0, x, b), MX(b0, x, c));
    f[k++] = KEY(100, VA(c->sp > 3 ? 1 : (uint64_t)c->sp), MX(b0, x, b), VC(0));
    /* the last moves */
    f[k++] = KEY(101, VA((uint64_t)(c->last[0] + 2)),
                 VB((uint64_t)(c->last[1] + 2)), MX(s0, x, c));
    f[k++] = KEY(102, VA((uint64_t)(c->last[0] + 2)),
                 MX(s0, x, b), MX(b0, x, c));
    /* coarse tags: robust where the fine tag is wrong (VBD for VBN) */
    f[k++] = KEY(103, MX(s0, u, a), MX(b0, w, b), VC(0));
    f[k++] = KEY(104, MX(s0, w, a), MX(b0, u, b), VC(0));
    f[k++] = KEY(105, MX(s0, u, a), MX(b0, u, b), MX(b1, u, c));
    f[k++] = KEY(106, MX(s1, u, a), MX(s0, u, b), MX(b0, w, c));
    f[k++] = KEY(107, MX(s0, u, a), MX(s0l1, u, b), MX(s0r1, u, c));
    f[k++] = KEY(108, MX(b0, u, a), MX(b0l1, u, b), MX(s0, u, c));
    f[k++] = KEY(109, MX(s1, w, a), MX(s0, w, b), MX(b0, u, c));
    f[k++] = KEY(110, MX(s0, w, a), MX(b0, w, b), MX(b1, w, c));
    f[k++] = KEY(111, MX(s0, u, a), MX(b0, u, b), VC(d01));
    f[k++] = KEY(112, MX(s1, u, a), MX(s0, u, b), VC(d10));
    f[k++] = KEY(113, MX(s0, u, a), MX(b0, u, b), VC(Lb(s0l1)));
    f[k++] = KEY(114, MX(b0, w, a), MX(b1, u, b), MX(s0, u, c));
    f[k++] = KEY(115, MX(s0, u, a), MX(s0r1, u, b), MX(b0, u, c));
    f[k++] = KEY(116, MX(s2, u, a), MX(s1, u, b), MX(s0, u, c));
    f[k++] = KEY(117, MX(b0, u, a), MX(b1, u, b), MX(b2, u, c));
    f[k++] = KEY(118, MX(b0, w, a), MX(b0, u, b), VC(Lb(b0l1)));
    f[k++] = KEY(119, MX(s0, w, a), MX(b0, w, b), MX(s1, u, c));
    f[k++] = KEY(120, MX(s0, w, a), MX(s0, u, b), VC(Lb(s0r1)));
#undef P
#undef Wd
#undef Xt
#undef MX
#undef Lb
#undef KEY
#undef VA
#undef VB
#undef VC
    return k;
}

/* Relation features of the arc h -> d (d is complete: in the arc-hybrid
 * system a word is attached only when it leaves the stack). */
static int rel_features(const word *W, const config *c, int h, int d,
                        uint64_t *f)
{
    int k = 0;
    uint64_t dir = d < h ? 1 : 2;
    uint64_t hw = W[h].w, hx = W[h].x, dw = W[d].w, dx = W[d].x;
    int dl1 = c->lc1[d], dr1 = c->rc1[d];
    int sib = d < h ? c->lc1[h] : c->rc1[h]; /* nearer sibling */
    uint64_t dist = (uint64_t)bucket(h - d);
    uint64_t side = d < h ? c->lset[h] : c->rset[h];
    uint64_t other = d < h ? c->rset[h] : c->lset[h];
#define Wd(i) ((i) >= 0 ? W[i].w : NONE)
#define Xt(i) ((i) >= 0 ? W[i].x : NONE)
#define Lb(i) ((i) >= 0 ? (uint64_t)(c->rel[i] + 2) : 0)
    f[k++] = K1(200, dir);
    f[k++] = key3(201, dir, hx, dx);
    f[k++] = key3(202, dir, hw, dx);
    f[k++] = key3(203, dir, hx, dw);
    f[k++] = key3(204, dir ^ hw * 7, dw, 0);
    f[k++] = K2(205, dir, dx);
    f[k++] = K2(206, dir, dw);
    f[k++] = K2(207, dir, hx);
    f[k++] = key3(208, dir, dx, dist);
    f[k++] = key3(209, dir, W[d].u, W[h].u);
    f[k++] = key3(210, dx, Lb(dl1), dir);
    f[k++] = key3(211, dx, Lb(dr1), dir);
    f[k++] = key3(212, dx, Wd(dl1), dir);
    f[k++] = key3(213, dx, side, dir);
    f[k++] = key3(214, hx ^ dx * 3, Lb(sib), dir);
    f[k++] = key3(215, hx, other, dir);
    f[k++] = key3(216, dw, Wd(dl1), hx);
    f[k++] = key3(217, dir, dx, d > 1 ? W[d - 1].x : NONE);
    f[k++] = key3(218, dir, dx, d < c->n ? W[d + 1].x : NONE);
    f[k++] = key3(219, hx ^ dx * 3, other, dir);
    f[k++] = key3(220, dx, (uint64_t)(cap(c->nl[d], 3) * 4 + cap(c->nr[d], 3)),
                  dir);
    f[k++] = key3(221, hw, dx, dir * 16 + dist);
    f[k++] = key3(222, dx, Xt(dl1), Wd(dl1));
    f[k++] = key3(223, hx, Xt(dl1), dir);
    f[k++] = key3(224, dx, Wd(dr1), dir);
    f[k++] = key3(225, hx, Lb(c->lc1[h]), Lb(c->lc2[h]));
    f[k++] = key3(226, dx, h == 0 ? 1 : 0, d == 1 ? 1 : 0);
    f[k++] = key3(227, hw, side, dir);
    f[k++] = key3(228, dx, hx, Wd(c->lc2[d]));
#undef Wd
#undef Xt
#undef Lb
    return k;
}

/* ---- parsing ---------------------------------------------------------- */

void ent_parser_free(ent_parser *p)
{
    ent_allocator a;
    if (!p)
        return;
    a = p->alloc;
    ent__pc_free(&a, &p->move);
    ent__pc_free(&a, &p->rel);
    ent__free(&a, p);
}

/* Parse words W[0..n] into c (allocated for n words). When count is not
 * NULL (p itself, after training), the rows looked up are counted in it,
 * for the order of rows in the model file. */
static int parse_config(const ent_parser *p, const word *W, config *c,
                        int n, ent_parser *count)
{
    uint64_t f[MAXF];
    double sc[ENT_PC_MAXCLASS];
    int rc = ENT_OK;
    config_init(c, n);
    while (!terminal(c) && rc == ENT_OK) {
        unsigned char ok[NMOVE];
        int nf = move_features(W, c, f), mv, h, d;
        legal(c, ok);
        mv = ent__pc_best(&p->move, f, nf, ok, sc);
        if (count)
            rc = ent__pc_count(&count->alloc, &count->move, f, nf);
        apply(c, mv, &h, &d);
        if (h >= 0) {
            nf = rel_features(W, c, h, d, f);
            set_rel(c, h, d, ent__pc_best(&p->rel, f, nf, NULL, sc));
            if (count && rc == ENT_OK)
                rc = ent__pc_count(&count->alloc, &count->rel, f, nf);
        }
    }
    return rc;
}

int ent_parser_parse(const ent_parser *p, const char *const *words,
                     const char *const *upos, const char *const *xpos,
                     size_t n, int *heads, const char **deprel)
{
    const ent_allocator *a;
    word *W;
    config c;
    size_t i;
    if (!p || (n && (!words || !upos || !xpos || !heads)) || n > 100000)
        return ENT_EINVAL;
    if (n == 0)
        return ENT_OK;
    a = &p->alloc;
    W = ent__malloc(a, (n + 2) * sizeof *W);
    if (!W)
        return ENT_ENOMEM;
    if (config_alloc(a, &c, n)) {
        ent__free(a, W);
        return ENT_ENOMEM;
    }
    setup_words(words, upos, xpos, n, W);
    parse_config(p, W, &c, (int)n, NULL);
    for (i = 1; i <= n; i++) {
        heads[i - 1] = c.head[i];
        if (deprel)
            deprel[i - 1] = c.rel[i] >= 0 ? p->rel.names[c.rel[i]] : "dep";
    }
    config_release(a, &c);
    ent__free(a, W);
    return ENT_OK;
}

/* Parse every sentence of tb with p, on the tags tu and tx of each
 * treebank token, counting the rows looked up: the model file lists the
 * most used first. */
static int count_use(ent_parser *p, const ent__treebank *tb,
                     const char *const *tu, const char *const *tx)
{
    const ent_allocator *a = &p->alloc;
    size_t s, i, maxn = ent__treebank_longest(tb);
    const char **w = ent__malloc(a, (maxn + 1) * sizeof *w);
    word *W = ent__malloc(a, (maxn + 2) * sizeof *W);
    config c;
    int rc = ENT_OK;
    memset(&c, 0, sizeof c);
    if (!w || !W || config_alloc(a, &c, maxn))
        rc = ENT_ENOMEM;
    for (s = 0; s < tb->nsent && rc == ENT_OK; s++) {
        const ent__tbsent *sn = &tb->sent[s];
        for (i = 0; i < sn->n; i++)
            w[i] = tb->tok[sn->first + i].form;
        setup_words(w, tu + sn->first, tx + sn->first, sn->n, W);
        rc = parse_config(p, W, &c, (int)sn->n, p);
    }
    config_release(a, &c);
    ent__free(a, w);
    ent__free(a, W);
    return rc;
}

int ent_parser_order_rows(ent_parser *p, const ent_tagger *t,
                          const char *const *paths, size_t npaths, char *err,
                          size_t errlen)
{
    const ent_allocator *a;
    ent__treebank tb;
    size_t i, s;
    const char **w = NULL, **tu = NULL, **tx = NULL;
    int rc = ENT_OK;
    if (!p || !t || (!paths && npaths))
        return ENT_EINVAL;
    a = &p->alloc;
    memset(&tb, 0, sizeof tb);
    for (i = 0; i < npaths && rc == ENT_OK; i++)
        rc = ent__treebank_read(a, paths[i], &tb, err, errlen);
    if (rc) {
        ent__treebank_free(a, &tb);
        return rc;
    }
    w = ent__malloc(a, (ent__treebank_longest(&tb) + 1) * sizeof *w);
    tu = ent__malloc(a, (tb.ntok + 1) * sizeof *tu);
    tx = ent__malloc(a, (tb.ntok + 1) * sizeof *tx);
    if (!w || !tu || !tx)
        rc = ENT_ENOMEM;
    /* the tags t gives at run time, then the parse, counting */
    for (s = 0; s < tb.nsent && rc == ENT_OK; s++) {
        const ent__tbsent *sn = &tb.sent[s];
        for (i = 0; i < sn->n; i++)
            w[i] = tb.tok[sn->first + i].form;
        rc = ent_tagger_tag(t, w, sn->n, tu + sn->first, tx + sn->first);
    }
    if (rc == ENT_OK && !p->move.key32)
        rc = ent__pc_thaw(a, &p->move);
    if (rc == ENT_OK && !p->rel.key32)
        rc = ent__pc_thaw(a, &p->rel);
    if (rc == ENT_OK)
        rc = count_use(p, &tb, tu, tx);
    if (rc && err)
        snprintf(err, errlen, "ordering the parser's rows: %s",
                 ent_strerror(rc));
    ent__free(a, w);
    ent__free(a, tu);
    ent__free(a, tx);
    ent__treebank_free(a, &tb);
    return rc;
}

/* ---- the oracle --------------------------------------------------------- */

/* Cost of each legal move under the gold heads gh (Goldberg and Nivre's
 * dynamic oracle for the arc-hybrid system): the number of gold arcs that
 * the move makes unreachable. Exact for projective trees. */
static void costs(const config *c, const int *gh, const unsigned char *ok,
                  int *cost)
{
    int s0 = c->sp > 0 ? c->stack[c->sp - 1] : -1;
    int s1 = c->sp > 1 ? c->stack[c->sp - 2] : -1;
    int b0 = c->b, i, deps = 0;
    cost[SHIFT] = cost[LEFT] = cost[RIGHT] = 1 << 20;
    /* gold dependents of s0 still in the buffer */
    if (s0 >= 0)
        for (i = c->b; i <= c->n; i++)
            deps += gh[i] == s0;
    if (ok[SHIFT]) {
        int k = 0;
        for (i = 0; i < c->sp; i++) {
            int s = c->stack[i];
            k += s > 0 && gh[s] == b0;
            k += gh[b0] == s && s != s0;
        }
        cost[SHIFT] = k;
    }
    if (ok[LEFT])
        cost[LEFT] = deps + (gh[s0] != b0 && (gh[s0] == s1 || gh[s0] > b0));
    if (ok[RIGHT])
        cost[RIGHT] = deps + (gh[s0] != s1 && gh[s0] >= c->b);
}

/* Whether the gold tree of n words with heads gh[1..n] is projective. */
static int projective(const int *gh, int n)
{
    int i, j;
    for (i = 1; i <= n; i++) {
        int lo = i < gh[i] ? i : gh[i], hi = i < gh[i] ? gh[i] : i;
        for (j = lo + 1; j < hi; j++) {
            int h = gh[j];
            if (h < lo || h > hi)
                return 0;
        }
    }
    return 1;
}

int ent__parser_oracle(const ent_allocator *a, const int *gold, int n,
                       int *heads)
{
    config c;
    int *gh, i, same = 1;
    if (config_alloc(a, &c, (size_t)n))
        return ENT_ENOMEM;
    gh = ent__malloc(a, ((size_t)n + 1) * sizeof *gh);
    if (!gh) {
        config_release(a, &c);
        return ENT_ENOMEM;
    }
    gh[0] = -1;
    for (i = 1; i <= n; i++)
        gh[i] = gold[i - 1];
    config_init(&c, n);
    while (!terminal(&c)) {
        unsigned char ok[NMOVE];
        int cost[NMOVE], m, best = -1, h, d;
        legal(&c, ok);
        costs(&c, gh, ok, cost);
        for (m = NMOVE - 1; m >= 0; m--) /* RIGHT, LEFT, then SHIFT */
            if (ok[m] && (best < 0 || cost[m] < cost[best]))
                best = m;
        apply(&c, best, &h, &d);
    }
    for (i = 1; i <= n; i++) {
        heads[i - 1] = c.head[i];
        same &= c.head[i] == gh[i];
    }
    ent__free(a, gh);
    config_release(a, &c);
    return same ? ENT_OK : 1;
}

/* ---- training ----------------------------------------------------------- */

/* Make the tree gh[1..n] projective by lifting: while some arc is crossed,
 * attach the dependent of the longer of the two arcs to its grandparent
 * (the root word is never lifted). Training then learns from every
 * sentence. */
static void lift(int *gh, int n)
{
    int changed = !projective(gh, n);
    while (changed) {
        int i, j;
        changed = 0;
        for (i = 1; i <= n && !changed; i++) {
            int lo = i < gh[i] ? i : gh[i], hi = i < gh[i] ? gh[i] : i;
            for (j = lo + 1; j < hi; j++) {
                if (gh[j] < lo || gh[j] > hi) {
                    /* arc (gh[j], j) crosses (gh[i], i): lift the longer
                     * arc's dependent */
                    int lj = gh[j] < j ? j - gh[j] : gh[j] - j;
                    int li = hi - lo;
                    int d = li >= lj ? i : j;
                    /* neither the root word nor its dependents can be
                     * lifted (that would make a second root); two
                     * crossing arcs never both hang there */
                    if (gh[d] == 0 || gh[gh[d]] == 0)
                        d = d == i ? j : i;
                    gh[d] = gh[gh[d]];
                    changed = 1;
                    break;
                }
            }
        }
    }
}

int ent__parser_lift(int *heads, int n)
{
    int i, *gh = ent__malloc(NULL, ((size_t)n + 1) * sizeof *gh);
    if (!gh)
        return ENT_ENOMEM;
    gh[0] = -1;
    for (i = 1; i <= n; i++)
        gh[i] = heads[i - 1];
    lift(gh, n);
    for (i = 1; i <= n; i++)
        heads[i - 1] = gh[i];
    ent__free(NULL, gh);
    return ENT_OK;
}

typedef struct trainer {
    const ent_allocator *a;
    ent_parser *p;
    const ent__treebank *tb;
    const char **tupos, **txpos; /* training tags per treebank token */
    int *gold_rel;               /* relation class per treebank token */
    uint32_t now;
    uint64_t rng;
} trainer;

/* One pass over sentence s: follow the oracle, or the model where
 * exploring; learn from every move whose cost is above the best. Counts
 * moves and correct moves. */
static int train_sentence(trainer *T, const ent__tbsent *sn, int explore,
                          word *W, config *c, int *gh, const char **w,
                          size_t *moves, size_t *right)
{
    ent_parser *p = T->p;
    int n = (int)sn->n, i, rc;
    uint64_t f[MAXF];
    double sc[ENT_PC_MAXCLASS];
    for (i = 0; i < n; i++) {
        w[i] = T->tb->tok[sn->first + i].form;
        gh[i + 1] = T->tb->tok[sn->first + i].head;
    }
    gh[0] = -1;
    lift(gh, n);
    setup_words(w, T->tupos + sn->first, T->txpos + sn->first, (size_t)n, W);
    config_init(c, n);
    while (!terminal(c)) {
        unsigned char ok[NMOVE];
        int cost[NMOVE], nf, pred = -1, best = -1, mv, h, d, m, mincost;
        nf = move_features(W, c, f);
        legal(c, ok);
        costs(c, gh, ok, cost);
        ent__pc_best(&p->move, f, nf, NULL, sc);
        mincost = 1 << 20;
        for (m = 0; m < NMOVE; m++)
            if (ok[m] && cost[m] < mincost)
                mincost = cost[m];
        for (m = 0; m < NMOVE; m++) {
            if (!ok[m])
                continue;
            if (pred < 0 || sc[m] > sc[pred])
                pred = m;
            if (cost[m] == mincost && (best < 0 || sc[m] > sc[best]))
                best = m;
        }
        (*moves)++;
        if (cost[pred] == mincost) {
            (*right)++;
        } else {
            rc = ent__pc_learn(T->a, &p->move, f, nf, best, pred, T->now);
            if (rc)
                return rc;
        }
        T->now++;
        mv = best;
        if (explore && cost[pred] != mincost &&
            (int)(ent__pc_rand(&T->rng) % 100) < EXPLORE_PCT)
            mv = pred;
        apply(c, mv, &h, &d);
        if (h >= 0) {
            int r;
            nf = rel_features(W, c, h, d, f);
            r = ent__pc_best(&p->rel, f, nf, NULL, sc);
            if (gh[d] == h) {
                int g = T->gold_rel[sn->first + d - 1];
                rc = ent__pc_learn(T->a, &p->rel, f, nf, g, r, T->now);
                if (rc)
                    return rc;
                r = g; /* the gold relation, as the oracle's tree has */
            }
            set_rel(c, h, d, r);
        }
    }
    return ENT_OK;
}

/* Tags for training: from taggers trained on the other folds, or gold. */
static int training_tags(const ent_allocator *a, const ent__treebank *tb,
                         int folds, int tagit, uint64_t seed,
                         const ent__lemmatizer *lm, const char **tu,
                         const char **tx)
{
    size_t s, i;
    int k, rc = ENT_OK;
    ent__tbsent *part = NULL;
    const char **w = NULL;
    size_t maxn = 0;
    if (folds <= 1) {
        for (i = 0; i < tb->ntok; i++) {
            tu[i] = tb->tok[i].upos;
            tx[i] = tb->tok[i].xpos;
        }
        return ENT_OK;
    }
    part = ent__malloc(a, (tb->nsent + 1) * sizeof *part);
    maxn = ent__treebank_longest(tb);
    w = ent__malloc(a, (maxn + 1) * sizeof *w);
    if (!part || !w) {
        rc = ENT_ENOMEM;
        goto done;
    }
    for (k = 0; k < folds && rc == ENT_OK; k++) {
        ent__treebank view = *tb;
        ent_tagger *t = NULL;
        size_t np = 0;
        for (s = 0; s < tb->nsent; s++)
            if ((int)(s % (size_t)folds) != k)
                part[np++] = tb->sent[s];
        view.sent = part;
        view.nsent = np;
        rc = ent__tagger_train_tb(a, &view, tagit, seed + (uint64_t)k, lm, &t);
        for (s = (size_t)k; rc == ENT_OK && s < tb->nsent; s += (size_t)folds) {
            const ent__tbsent *sn = &tb->sent[s];
            for (i = 0; i < sn->n; i++)
                w[i] = tb->tok[sn->first + i].form;
            rc = ent_tagger_tag(t, w, sn->n, tu + sn->first, tx + sn->first);
        }
        /* tag names are owned by the fold tagger: re-point them at the
         * treebank's interned copies before it goes */
        for (s = (size_t)k; rc == ENT_OK && s < tb->nsent; s += (size_t)folds) {
            const ent__tbsent *sn = &tb->sent[s];
            for (i = sn->first; i < sn->first + sn->n; i++) {
                uint32_t u = ent__strtab_find(&tb->tags, tu[i], strlen(tu[i]));
                uint32_t x = ent__strtab_find(&tb->tags, tx[i], strlen(tx[i]));
                tu[i] = u ? tb->tags.str[u] : "X";
                tx[i] = x ? tb->tags.str[x] : "XX";
            }
        }
        ent_tagger_free(t);
    }
done:
    ent__free(a, part);
    ent__free(a, w);
    return rc;
}

/* Register the parser's classes: the three moves, then the relations in
 * treebank order (so every parser of an ensemble numbers them alike);
 * gold_rel[i] receives token i's relation. */
static int add_classes(const ent_allocator *a, ent_parser *p,
                       const ent__treebank *tb, int *gold_rel)
{
    size_t i;
    if (ent__pc_class(a, &p->move, "SHIFT") < 0 ||
        ent__pc_class(a, &p->move, "LEFT") < 0 ||
        ent__pc_class(a, &p->move, "RIGHT") < 0)
        return ENT_ENOMEM;
    for (i = 0; i < tb->ntok; i++) {
        gold_rel[i] = ent__pc_class(a, &p->rel, tb->tok[i].deprel);
        if (gold_rel[i] < 0)
            return ENT_EFORMAT; /* more relations than the format holds */
    }
    return ENT_OK;
}

/* Train T->p for the given number of passes over order[0..nuse), then
 * average its weights. first numbers the passes for the progress
 * callback. */
static int passes(trainer *T, size_t *order, size_t nuse, int iterations,
                  uint64_t *seed, int first, word *W, config *c, int *gh,
                  const char **w, const ent_parser_train_config *cfg)
{
    int it, rc;
    size_t s;
    for (it = 0; it < iterations; it++) {
        size_t moves = 0, right = 0;
        ent__pc_shuffle(order, nuse, seed);
        for (s = 0; s < nuse; s++) {
            rc = train_sentence(T, &T->tb->sent[order[s]], it > 0, W, c, gh, w,
                                &moves, &right);
            if (rc)
                return rc;
        }
        if (cfg->progress)
            cfg->progress(cfg->progress_ud, first + it + 1,
                          moves ? (double)right / (double)moves : 0);
    }
    ent__pc_average(T->a, &T->p->move, T->now);
    ent__pc_average(T->a, &T->p->rel, T->now);
    return ENT_OK;
}

static int train(const ent_allocator *a, const ent__treebank *tb,
                 const ent_parser_train_config *cfg, ent_parser **out)
{
    ent_parser *p = ent__calloc(a, sizeof *p);
    trainer T;
    size_t *order = NULL, s, maxn = 0, nuse = 0;
    int e, rc = ENT_OK, *gh = NULL;
    int iterations = cfg->iterations > 0 ? cfg->iterations : 15;
    int ensemble = cfg->ensemble > 1 ? cfg->ensemble : 1;
    int folds = cfg->folds > 0 ? cfg->folds : 4;
    int tagit = cfg->tagger_iterations > 0 ? cfg->tagger_iterations : 12;
    uint64_t seed = cfg->seed ? cfg->seed : 1;
    word *W = NULL;
    const char **w = NULL;
    ent__lemmatizer *lm = NULL;
    config c;
    memset(&c, 0, sizeof c);
    memset(&T, 0, sizeof T);
    *out = NULL;
    if (!p)
        return ENT_ENOMEM;
    if (a)
        p->alloc = *a;
    p->prune = (float)cfg->prune;
    T.a = a;
    T.p = p;
    T.tb = tb;
    T.rng = seed * 0x9E3779B97F4A7C15ULL + 1;
    maxn = ent__treebank_longest(tb);
    order = ent__malloc(a, (tb->nsent + 1) * sizeof *order);
    T.tupos = ent__malloc(a, (tb->ntok + 1) * sizeof *T.tupos);
    T.txpos = ent__malloc(a, (tb->ntok + 1) * sizeof *T.txpos);
    T.gold_rel = ent__malloc(a, (tb->ntok + 1) * sizeof *T.gold_rel);
    gh = ent__malloc(a, (maxn + 2) * sizeof *gh);
    W = ent__malloc(a, (maxn + 2) * sizeof *W);
    w = ent__malloc(a, (maxn + 1) * sizeof *w);
    if (!order || !T.tupos || !T.txpos || !T.gold_rel || !gh || !W || !w ||
        config_alloc(a, &c, maxn)) {
        rc = ENT_ENOMEM;
        goto done;
    }
    rc = add_classes(a, p, tb, T.gold_rel);
    if (rc)
        goto done;
    if (folds > 1) {
        rc = ent__lemma_load(a, cfg->wordnet_dir ? cfg->wordnet_dir
                                                 : "/usr/share/wordnet",
                             &lm, NULL, 0);
        if (rc)
            goto done;
    }
    rc = training_tags(a, tb, folds, tagit, seed, lm, T.tupos, T.txpos);
    if (rc)
        goto done;
    /* every sentence: non-projective trees are lifted to projective ones,
     * for which the oracle is exact */
    for (s = 0; s < tb->nsent; s++)
        order[nuse++] = s;
    rc = passes(&T, order, nuse, iterations, &seed, 0, W, &c, gh, w, cfg);
    /* an ensemble: more parsers on the same tags with other seeds, their
     * averaged weights summed into the first and divided by their number */
    for (e = 1; rc == ENT_OK && e < ensemble; e++) {
        ent_parser *q = ent__calloc(a, sizeof *q);
        uint64_t qs = (cfg->seed ? cfg->seed : 1) + 7919u * (uint64_t)e;
        if (!q) {
            rc = ENT_ENOMEM;
            break;
        }
        if (a)
            q->alloc = *a;
        T.p = q;
        T.now = 1;
        T.rng = qs * 0x9E3779B97F4A7C15ULL + 1;
        for (s = 0; s < nuse; s++)
            order[s] = s;
        rc = add_classes(a, q, tb, T.gold_rel);
        if (!rc)
            rc = passes(&T, order, nuse, iterations, &qs, e * iterations, W,
                        &c, gh, w, cfg);
        if (!rc)
            rc = ent__pc_add(a, &p->move, &q->move);
        if (!rc)
            rc = ent__pc_add(a, &p->rel, &q->rel);
        ent_parser_free(q);
        T.p = p;
    }
    if (rc == ENT_OK && ensemble > 1) {
        ent__pc_scale(&p->move, 1.0f / (float)ensemble);
        ent__pc_scale(&p->rel, 1.0f / (float)ensemble);
    }
    /* the finished parser parses its training sentences once */
    if (rc == ENT_OK)
        rc = count_use(p, tb, T.tupos, T.txpos);
done:
    ent__lemma_free(a, lm);
    config_release(a, &c);
    ent__free(a, order);
    ent__free(a, T.tupos);
    ent__free(a, T.txpos);
    ent__free(a, T.gold_rel);
    ent__free(a, gh);
    ent__free(a, W);
    ent__free(a, w);
    if (rc) {
        ent_parser_free(p);
        return rc;
    }
    *out = p;
    return ENT_OK;
}

int ent_parser_train(const char *const *paths, size_t npaths,
                     const ent_parser_train_config *cfg, ent_parser **out,
                     char *err, size_t errlen)
{
    ent__treebank tb;
    ent_parser_train_config def;
    size_t i;
    int rc = ENT_OK;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    if (!paths && npaths)
        return ENT_EINVAL;
    for (i = 0; i < npaths; i++)
        if (!paths[i])
            return ENT_EINVAL;
    if (!cfg) {
        memset(&def, 0, sizeof def);
        cfg = &def;
    }
    memset(&tb, 0, sizeof tb);
    for (i = 0; i < npaths && rc == ENT_OK; i++)
        rc = ent__treebank_read(cfg->alloc, paths[i], &tb, err, errlen);
    if (rc == ENT_OK && tb.nsent == 0) {
        if (err)
            snprintf(err, errlen, "no sentences to train on");
        rc = ENT_EINVAL;
    }
    if (rc == ENT_OK) {
        rc = train(cfg->alloc, &tb, cfg, out);
        if (rc && err)
            snprintf(err, errlen, "training failed: %s", ent_strerror(rc));
    }
    ent__treebank_free(cfg->alloc, &tb);
    return rc;
}

/* ---- evaluation --------------------------------------------------------- */

/* Whether two relations agree before any ':' subtype (the universal
 * relation the CoNLL 2018 LAS compares). */
int ent__same_univ_rel(const char *a, const char *b)
{
    size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
    return la == lb && !memcmp(a, b, la);
}

int ent_parser_eval(const ent_parser *p, const ent_tagger *t,
                    const char *path, ent_parse_scores *sc, char *err,
                    size_t errlen)
{
    ent__treebank tb;
    const ent_allocator *a;
    size_t s, i, cap = 0;
    const char **w = NULL, **u = NULL, **x = NULL, **rel = NULL;
    int *heads = NULL, rc;
    if (!p || !path || !sc)
        return ENT_EINVAL;
    a = &p->alloc;
    memset(sc, 0, sizeof *sc);
    memset(&tb, 0, sizeof tb);
    rc = ent__treebank_read(a, path, &tb, err, errlen);
    if (rc == ENT_OK && tb.nsent == 0) {
        if (err)
            snprintf(err, errlen, "%s: no sentences", path);
        rc = ENT_EFORMAT;
    }
    for (s = 0; s < tb.nsent; s++)
        if (tb.sent[s].n > cap)
            cap = tb.sent[s].n;
    if (rc == ENT_OK) {
        w = ent__malloc(a, (cap + 1) * sizeof *w);
        u = ent__malloc(a, (cap + 1) * sizeof *u);
        x = ent__malloc(a, (cap + 1) * sizeof *x);
        rel = ent__malloc(a, (cap + 1) * sizeof *rel);
        heads = ent__malloc(a, (cap + 1) * sizeof *heads);
        if (!w || !u || !x || !rel || !heads)
            rc = ENT_ENOMEM;
    }
    for (s = 0; rc == ENT_OK && s < tb.nsent; s++) {
        const ent__tbsent *sn = &tb.sent[s];
        for (i = 0; i < sn->n; i++) {
            const ent__tbtoken *g = &tb.tok[sn->first + i];
            w[i] = g->form;
            u[i] = g->upos;
            x[i] = g->xpos;
        }
        if (t)
            rc = ent_tagger_tag(t, w, sn->n, u, x);
        if (rc == ENT_OK)
            rc = ent_parser_parse(p, w, u, x, sn->n, heads, rel);
        for (i = 0; rc == ENT_OK && i < sn->n; i++) {
            const ent__tbtoken *g = &tb.tok[sn->first + i];
            int hok = heads[i] == g->head;
            sc->words++;
            sc->upos_ok += !strcmp(u[i], g->upos);
            sc->xpos_ok += !strcmp(x[i], g->xpos);
            sc->uas_ok += hok;
            sc->las_ok += hok && !strcmp(rel[i], g->deprel);
            sc->las_univ_ok += hok && ent__same_univ_rel(rel[i], g->deprel);
        }
        sc->sentences++;
    }
    if (rc && rc != ENT_EFORMAT && rc != ENT_EIO && rc != ENT_EUTF8 && err)
        snprintf(err, errlen, "%s: %s", path, ent_strerror(rc));
    ent__free(a, w);
    ent__free(a, u);
    ent__free(a, x);
    ent__free(a, rel);
    ent__free(a, heads);
    ent__treebank_free(a, &tb);
    return rc;
}

/* ---- model file ----------------------------------------------------------
 *
 * "ENTPAR03", then the move and the relation classifier, each in the
 * layout of ent__pc_write() (perceptron.c): 32-bit keys, 16-bit weights,
 * rows whose weights are all below the prune threshold dropped. Nothing
 * may follow. A loaded parser parses; only a trained one can be saved.
 */

int ent_parser_save(const ent_parser *p, const char *path, char *err,
                    size_t errlen)
{
    ent__pc *ms[2];
    if (!p)
        return ENT_EINVAL;
    ms[0] = (ent__pc *)&p->move;
    ms[1] = (ent__pc *)&p->rel;
    return ent__model_save(path, MAGIC, ms, 2, p->prune, err, errlen);
}

int ent_parser_load(const char *path, const ent_allocator *a,
                    ent_parser **out, char *err, size_t errlen)
{
    ent_parser *p;
    ent__pc *ms[2];
    int rc;
    if (!out)
        return ENT_EINVAL;
    *out = NULL;
    p = ent__calloc(a, sizeof *p);
    if (!p)
        return ENT_ENOMEM;
    if (a)
        p->alloc = *a;
    ms[0] = &p->move;
    ms[1] = &p->rel;
    rc = ent__model_load(path, MAGIC, "parser", &p->alloc, ms, 2, err,
                         errlen);
    if (rc == ENT_OK && p->move.nclass != NMOVE) {
        rc = ENT_EFORMAT;
        if (err)
            snprintf(err, errlen, "%s: not an entente parser model (it has "
                     "%d moves)", path, p->move.nclass);
    }
    if (rc) {
        ent_parser_free(p);
        return rc;
    }
    *out = p;
    return ENT_OK;
}
