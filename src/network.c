/*
 * network.c -- actors as nodes, net Goldstein as edges: who cooperates
 * with whom over a period, in which blocs.
 *
 * The store gives the pairs of nodes that interacted (store.c); here they
 * become an undirected graph that keeps both directions' totals, filtered
 * to the busiest nodes, split into communities (Louvain on cooperative
 * ties) and laid out (Fruchterman-Reingold). Everything is deterministic
 * so that the same store gives the same picture. Drawing: plot.c.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- building the graph from the store -------------------------------- */

/* The graph while the pairs arrive: node ids interned, edges keyed by
 * their two node ids (smaller first). */
typedef struct builder {
    const ent_allocator *a;
    ent__strtab ids;    /* node id -> 1..n */
    ent__imap keys;     /* (lo << 32 | hi) -> edge index + 1 */
    ent_net_edge *e;    /* a, b: interned ids (lo, hi) */
    size_t n, cap;
} builder;

/* ent__pair_fn: add a's events towards b to the edge between them. */
static int add_pair(void *ud, const char *a, const char *b, uint64_t events,
                    double goldstein)
{
    builder *g = ud;
    uint32_t ia, ib, lo, hi, k;
    uint64_t key;
    int dir;
    if (ent__strtab_intern(g->a, &g->ids, a, strlen(a), &ia) ||
        ent__strtab_intern(g->a, &g->ids, b, strlen(b), &ib))
        return ENT_ENOMEM;
    lo = ia < ib ? ia : ib;
    hi = ia < ib ? ib : ia;
    dir = ia == lo ? 0 : 1;
    key = (uint64_t)lo << 32 | hi;
    k = ent__imap_get(&g->keys, key);
    if (!k) {
        if (ent__grow(g->a, (void **)&g->e, &g->cap, g->n + 1, sizeof *g->e))
            return ENT_ENOMEM;
        memset(&g->e[g->n], 0, sizeof g->e[g->n]);
        g->e[g->n].a = lo;
        g->e[g->n].b = hi;
        if (ent__imap_put(g->a, &g->keys, key, (uint32_t)g->n + 1))
            return ENT_ENOMEM;
        k = (uint32_t)++g->n;
    }
    g->e[k - 1].events[dir] += events;
    g->e[k - 1].goldstein[dir] += goldstein;
    return ENT_OK;
}

/* Node order for the top cut: more events first, then id. */
typedef struct rank {
    const char *id;
    uint64_t events;
    uint32_t iid; /* interned id */
} rank;

static int by_events(const void *x, const void *y)
{
    const rank *a = x, *b = y;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int by_id(const void *x, const void *y)
{
    const rank *a = x, *b = y;
    return strcmp(a->id, b->id);
}

static int by_ends(const void *x, const void *y)
{
    const ent_net_edge *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* Turn the builder into the network: edges of at least min events, node
 * events, the top nodes, ids in byte order. */
static int finish(builder *g, const ent_network_query *q, ent_network *net)
{
    const ent_allocator *a = g->a;
    size_t nid = g->ids.n, i, k, nkeep = 0;
    uint64_t minev = q->min_events ? q->min_events : 1;
    uint64_t *ev = ent__calloc(a, (nid + 1) * sizeof *ev);
    rank *r = ent__calloc(a, (nid + 1) * sizeof *r);
    size_t *idx = ent__calloc(a, (nid + 1) * sizeof *idx); /* id -> node+1 */
    int rc = ENT_ENOMEM;
    if (!ev || !r || !idx)
        goto done;
    for (k = 0; k < g->n; k++) {
        uint64_t t = g->e[k].events[0] + g->e[k].events[1];
        if (t < minev)
            continue;
        ev[g->e[k].a] += t;
        ev[g->e[k].b] += t;
    }
    for (i = 1; i <= nid; i++)
        if (ev[i]) {
            r[nkeep].id = g->ids.str[i];
            r[nkeep].events = ev[i];
            r[nkeep].iid = (uint32_t)i;
            nkeep++;
        }
    qsort(r, nkeep, sizeof *r, by_events);
    if (q->top && nkeep > q->top)
        nkeep = q->top;
    qsort(r, nkeep, sizeof *r, by_id);
    net->nodes = ent__calloc(a, (nkeep ? nkeep : 1) * sizeof *net->nodes);
    net->edges = ent__calloc(a, (g->n ? g->n : 1) * sizeof *net->edges);
    if (!net->nodes || !net->edges)
        goto done;
    for (i = 0; i < nkeep; i++) {
        ent_net_node *nd = &net->nodes[i];
        snprintf(nd->id, sizeof nd->id, "%s", r[i].id);
        nd->events = r[i].events;
        idx[r[i].iid] = i + 1;
    }
    net->nnodes = nkeep;
    for (k = 0; k < g->n; k++) {
        const ent_net_edge *e = &g->e[k];
        ent_net_edge *o;
        size_t na = idx[e->a], nb = idx[e->b];
        if (e->events[0] + e->events[1] < minev || !na || !nb)
            continue;
        o = &net->edges[net->nedges++];
        *o = *e;
        o->a = na - 1;
        o->b = nb - 1;
        if (o->a > o->b) { /* ids in byte order: directions swap */
            size_t t = o->a;
            uint64_t te = o->events[0];
            double tg = o->goldstein[0];
            o->a = o->b;
            o->b = t;
            o->events[0] = o->events[1];
            o->events[1] = te;
            o->goldstein[0] = o->goldstein[1];
            o->goldstein[1] = tg;
        }
    }
    qsort(net->edges, net->nedges, sizeof *net->edges, by_ends);
    rc = ENT_OK;
done:
    ent__free(a, ev);
    ent__free(a, r);
    ent__free(a, idx);
    return rc;
}

int ent_store_network(ent_store *st, const ent_network_query *q,
                      ent_network **out)
{
    const ent_allocator *a;
    builder g;
    ent_network *net = NULL;
    int rc;
    if (out)
        *out = NULL;
    if (!st || !q || !out)
        return ENT_EINVAL;
    if (q->level != ENT_NET_COUNTRY && q->level != ENT_NET_ACTOR)
        return ent__store_fail(st, ENT_EINVAL, "bad network level");
    a = ent__store_alloc(st);
    memset(&g, 0, sizeof g);
    g.a = a;
    rc = ent__store_pairs(st, q->from, q->to, q->level, q->mentions,
                          add_pair, &g);
    if (rc == ENT_OK) {
        net = ent__calloc(a, sizeof *net);
        rc = net ? ENT_OK : ENT_ENOMEM;
    }
    if (rc == ENT_OK) {
        if (a)
            net->alloc = *a;
        rc = finish(&g, q, net);
    }
    if (rc == ENT_OK)
        rc = ent_network_communities(net);
    if (rc == ENT_OK)
        rc = ent_network_layout(net);
    if (rc == ENT_ENOMEM)
        ent__store_fail(st, rc, "network: out of memory");
    ent__strtab_free(a, &g.ids);
    ent__imap_free(a, &g.keys);
    ent__free(a, g.e);
    if (rc) {
        ent_network_free(net);
        return rc;
    }
    *out = net;
    return ENT_OK;
}

void ent_network_free(ent_network *net)
{
    const ent_allocator *a;
    if (!net)
        return;
    a = net->alloc.fn ? &net->alloc : NULL;
    ent__free(a, net->nodes);
    ent__free(a, net->edges);
    ent__free(a, net);
}

const char *ent__network_check(const ent_network *net)
{
    size_t i;
    if (!net)
        return "no network";
    if ((net->nnodes && !net->nodes) || (net->nedges && !net->edges))
        return "a network without its arrays";
    for (i = 0; i < net->nedges; i++)
        if (net->edges[i].a >= net->nnodes || net->edges[i].b >= net->nnodes)
            return "an edge to a node that does not exist";
    return NULL;
}

/* ---- communities: Louvain ---------------------------------------------- */

/* A weighted undirected graph in adjacency-array form, one level of
 * Louvain: node i's neighbours are nbr[off[i] .. off[i+1]) with weights
 * w[]; self[i] is the weight inside node i (an aggregated community);
 * k[i] its degree, self-loop counted twice. */
typedef struct lgraph {
    size_t n;
    size_t *off, *nbr;
    double *w, *self, *k;
} lgraph;

static void lgraph_free(const ent_allocator *a, lgraph *g)
{
    ent__free(a, g->off);
    ent__free(a, g->nbr);
    ent__free(a, g->w);
    ent__free(a, g->self);
    ent__free(a, g->k);
    memset(g, 0, sizeof *g);
}

/* Build g with n nodes from the m undirected edges (ea[i], eb[i], ew[i])
 * (ea == eb: weight inside the node). Returns ENT_OK or ENT_ENOMEM. */
static int lgraph_build(const ent_allocator *a, lgraph *g, size_t n,
                        const size_t *ea, const size_t *eb, const double *ew,
                        size_t m)
{
    size_t i, *fill;
    memset(g, 0, sizeof *g);
    g->n = n;
    g->off = ent__calloc(a, (n + 1) * sizeof *g->off);
    g->nbr = ent__calloc(a, (2 * m + 1) * sizeof *g->nbr);
    g->w = ent__calloc(a, (2 * m + 1) * sizeof *g->w);
    g->self = ent__calloc(a, (n + 1) * sizeof *g->self);
    g->k = ent__calloc(a, (n + 1) * sizeof *g->k);
    fill = ent__calloc(a, (n + 1) * sizeof *fill);
    if (!g->off || !g->nbr || !g->w || !g->self || !g->k || !fill) {
        ent__free(a, fill);
        lgraph_free(a, g);
        return ENT_ENOMEM;
    }
    for (i = 0; i < m; i++)
        if (ea[i] != eb[i]) {
            g->off[ea[i] + 1]++;
            g->off[eb[i] + 1]++;
        }
    for (i = 0; i < n; i++)
        g->off[i + 1] += g->off[i];
    for (i = 0; i < m; i++) {
        if (ea[i] == eb[i]) {
            g->self[ea[i]] += ew[i];
            g->k[ea[i]] += 2 * ew[i];
            continue;
        }
        g->nbr[g->off[ea[i]] + fill[ea[i]]] = eb[i];
        g->w[g->off[ea[i]] + fill[ea[i]]++] = ew[i];
        g->nbr[g->off[eb[i]] + fill[eb[i]]] = ea[i];
        g->w[g->off[eb[i]] + fill[eb[i]]++] = ew[i];
        g->k[ea[i]] += ew[i];
        g->k[eb[i]] += ew[i];
    }
    ent__free(a, fill);
    return ENT_OK;
}

/* Scratch of the local moving phase. */
typedef struct moving {
    double *tot;   /* per community: sum of its nodes' degrees */
    double *kin;   /* per community: weight from the node being moved */
    size_t *seen;  /* communities with kin set, to clear them */
} moving;

/* Louvain's first phase on g: move each node (in index order, pass after
 * pass) to the neighbouring community that gains the most modularity,
 * until a pass moves nothing. comm[i] receives node i's community
 * (renumbered 0.. in order of first node); returns how many there are,
 * 0 when out of memory. */
static size_t local_moving(const ent_allocator *a, const lgraph *g,
                           size_t *comm)
{
    moving mv;
    double m2 = 0;
    size_t i, j, n = g->n, ncomm = 0, pass, *renum;
    int moved = 1;
    mv.tot = ent__calloc(a, (n + 1) * sizeof *mv.tot);
    mv.kin = ent__calloc(a, (n + 1) * sizeof *mv.kin);
    mv.seen = ent__calloc(a, (n + 1) * sizeof *mv.seen);
    renum = ent__calloc(a, (n + 1) * sizeof *renum);
    if (!mv.tot || !mv.kin || !mv.seen || !renum)
        goto done;
    for (i = 0; i < n; i++) {
        comm[i] = i;
        mv.tot[i] = g->k[i];
        m2 += g->k[i];
    }
    for (pass = 0; moved && m2 > 0 && pass < 100; pass++) {
        moved = 0;
        for (i = 0; i < n; i++) {
            size_t ci = comm[i], best = ci, nseen = 0;
            double bestgain;
            mv.tot[ci] -= g->k[i];
            mv.kin[ci] = 0;
            mv.seen[nseen++] = ci;
            for (j = g->off[i]; j < g->off[i + 1]; j++) {
                size_t c = comm[g->nbr[j]];
                if (mv.kin[c] == 0 && c != ci)
                    mv.seen[nseen++] = c;
                mv.kin[c] += g->w[j];
            }
            /* gain of joining c: kin(c) - tot(c) k(i) / 2m; staying is
             * the reference, a move must do strictly better */
            bestgain = mv.kin[ci] - mv.tot[ci] * g->k[i] / m2;
            for (j = 0; j < nseen; j++) {
                size_t c = mv.seen[j];
                double gain = mv.kin[c] - mv.tot[c] * g->k[i] / m2;
                if (gain > bestgain + 1e-12) {
                    bestgain = gain;
                    best = c;
                }
            }
            for (j = 0; j < nseen; j++)
                mv.kin[mv.seen[j]] = 0;
            mv.tot[best] += g->k[i];
            if (best != ci) {
                comm[i] = best;
                moved = 1;
            }
        }
    }
    for (i = 0; i < n; i++)
        renum[i] = 0;
    for (i = 0; i < n; i++) {
        if (!renum[comm[i]])
            renum[comm[i]] = ++ncomm;
        comm[i] = renum[comm[i]] - 1;
    }
done:
    ent__free(a, mv.tot);
    ent__free(a, mv.kin);
    ent__free(a, mv.seen);
    ent__free(a, renum);
    return ncomm;
}

/* Louvain's second phase: the graph of the communities of g (comm, ncomm
 * of them) into *out. */
static int aggregate(const ent_allocator *a, const lgraph *g,
                     const size_t *comm, size_t ncomm, lgraph *out)
{
    size_t i, j, m = 0, cap = g->off[g->n] / 2 + g->n + 1;
    size_t *ea = ent__malloc(a, cap * sizeof *ea);
    size_t *eb = ent__malloc(a, cap * sizeof *eb);
    double *ew = ent__malloc(a, cap * sizeof *ew);
    int rc = ENT_ENOMEM;
    if (!ea || !eb || !ew)
        goto done;
    /* every edge once (i < neighbour) and every self weight; the
     * builder adds up repeated pairs through the degrees, and the
     * local moving phase reads neighbour lists with repeats correctly */
    for (i = 0; i < g->n; i++) {
        if (g->self[i] > 0) {
            ea[m] = eb[m] = comm[i];
            ew[m++] = g->self[i];
        }
        for (j = g->off[i]; j < g->off[i + 1]; j++)
            if (i < g->nbr[j]) {
                ea[m] = comm[i];
                eb[m] = comm[g->nbr[j]];
                ew[m++] = g->w[j];
            }
    }
    rc = lgraph_build(a, out, ncomm, ea, eb, ew, m);
done:
    ent__free(a, ea);
    ent__free(a, eb);
    ent__free(a, ew);
    return rc;
}

/* Community numbering: larger first, ties by first node. */
typedef struct csize {
    size_t id, size, first;
} csize;

static int by_size(const void *x, const void *y)
{
    const csize *a = x, *b = y;
    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Modularity of the partition comm of the graph g. */
static double modularity(const lgraph *g, const size_t *comm, double *in,
                         double *deg, size_t ncomm)
{
    double m2 = 0, q = 0;
    size_t i, j;
    for (i = 0; i < ncomm; i++)
        in[i] = deg[i] = 0;
    for (i = 0; i < g->n; i++) {
        m2 += g->k[i];
        deg[comm[i]] += g->k[i];
        in[comm[i]] += 2 * g->self[i];
        for (j = g->off[i]; j < g->off[i + 1]; j++)
            if (comm[g->nbr[j]] == comm[i])
                in[comm[i]] += g->w[j];
    }
    if (m2 <= 0)
        return 0;
    for (i = 0; i < ncomm; i++)
        q += in[i] / m2 - (deg[i] / m2) * (deg[i] / m2);
    return q;
}

int ent_network_communities(ent_network *net)
{
    const ent_allocator *a;
    lgraph g, h;
    size_t n, m = 0, i, ncomm = 0, *ea = NULL, *eb = NULL, *comm = NULL;
    size_t *lvl = NULL;
    double *ew = NULL, *in = NULL, *deg = NULL;
    csize *cs = NULL;
    int rc = ENT_ENOMEM;
    if (ent__network_check(net))
        return ENT_EINVAL;
    a = net->alloc.fn ? &net->alloc : NULL;
    n = net->nnodes;
    memset(&g, 0, sizeof g);
    memset(&h, 0, sizeof h);
    ea = ent__malloc(a, (net->nedges + 1) * sizeof *ea);
    eb = ent__malloc(a, (net->nedges + 1) * sizeof *eb);
    ew = ent__malloc(a, (net->nedges + 1) * sizeof *ew);
    comm = ent__malloc(a, (n + 1) * sizeof *comm);
    lvl = ent__malloc(a, (n + 1) * sizeof *lvl);
    if (!ea || !eb || !ew || !comm || !lvl)
        goto done;
    for (i = 0; i < net->nedges; i++) {
        const ent_net_edge *e = &net->edges[i];
        double w = e->goldstein[0] + e->goldstein[1];
        if (w > 0 && e->a != e->b) {
            ea[m] = e->a;
            eb[m] = e->b;
            ew[m++] = w;
        }
    }
    if (lgraph_build(a, &g, n, ea, eb, ew, m))
        goto done;
    for (i = 0; i < n; i++)
        comm[i] = i;
    /* levels: move nodes, fold communities into nodes, until nothing
     * merges */
    for (;;) {
        size_t nc = h.n ? h.n : n;
        const lgraph *cur = h.n ? &h : &g;
        lgraph next;
        size_t k = local_moving(a, cur, lvl);
        if (!k && nc)
            goto done;
        for (i = 0; i < n; i++)
            comm[i] = lvl[comm[i]];
        ncomm = k;
        if (k == nc)
            break;
        if (aggregate(a, cur, lvl, k, &next))
            goto done;
        lgraph_free(a, &h);
        h = next;
    }
    /* number the communities by size */
    cs = ent__calloc(a, (ncomm + 1) * sizeof *cs);
    in = ent__calloc(a, (ncomm + 1) * sizeof *in);
    deg = ent__calloc(a, (ncomm + 1) * sizeof *deg);
    if (!cs || !in || !deg)
        goto done;
    for (i = 0; i < ncomm; i++) {
        cs[i].id = i;
        cs[i].first = n;
    }
    for (i = 0; i < n; i++) {
        cs[comm[i]].size++;
        if (cs[comm[i]].first == n)
            cs[comm[i]].first = i;
    }
    qsort(cs, ncomm, sizeof *cs, by_size);
    for (i = 0; i < ncomm; i++)
        lvl[cs[i].id] = i;
    for (i = 0; i < n; i++)
        comm[i] = lvl[comm[i]];
    net->modularity = modularity(&g, comm, in, deg, ncomm);
    for (i = 0; i < n; i++)
        net->nodes[i].community = (int)comm[i];
    net->ncommunities = (int)ncomm;
    rc = ENT_OK;
done:
    lgraph_free(a, &g);
    lgraph_free(a, &h);
    ent__free(a, ea);
    ent__free(a, eb);
    ent__free(a, ew);
    ent__free(a, comm);
    ent__free(a, lvl);
    ent__free(a, cs);
    ent__free(a, in);
    ent__free(a, deg);
    return rc;
}

/* ---- layout: Fruchterman-Reingold -------------------------------------- */

/* Start order: by community, then index. */
typedef struct start {
    int community;
    size_t i;
} start;

static int by_community(const void *x, const void *y)
{
    const start *a = x, *b = y;
    if (a->community != b->community)
        return a->community < b->community ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

int ent_network_layout(ent_network *net)
{
    const ent_allocator *a;
    size_t n, i, j, it, iters;
    double *dx = NULL, *dy = NULL, *w = NULL, k, t, maxw = 0;
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    start *order = NULL;
    int rc = ENT_ENOMEM;
    if (ent__network_check(net))
        return ENT_EINVAL;
    a = net->alloc.fn ? &net->alloc : NULL;
    n = net->nnodes;
    if (n == 0)
        return ENT_OK;
    if (n == 1) {
        net->nodes[0].x = net->nodes[0].y = 0.5;
        return ENT_OK;
    }
    dx = ent__calloc(a, n * sizeof *dx);
    dy = ent__calloc(a, n * sizeof *dy);
    w = ent__calloc(a, (net->nedges + 1) * sizeof *w);
    order = ent__calloc(a, n * sizeof *order);
    if (!dx || !dy || !w || !order)
        goto done;
    /* a circle, communities together, as the start */
    for (i = 0; i < n; i++) {
        order[i].community = net->nodes[i].community;
        order[i].i = i;
    }
    qsort(order, n, sizeof *order, by_community);
    for (i = 0; i < n; i++) {
        double ang = 2 * M_PI * (double)i / (double)n;
        net->nodes[order[i].i].x = 0.5 + 0.45 * cos(ang);
        net->nodes[order[i].i].y = 0.5 + 0.45 * sin(ang);
    }
    /* edge pull: the events, on a log scale, 0.2 .. 1 */
    for (i = 0; i < net->nedges; i++) {
        const ent_net_edge *e = &net->edges[i];
        w[i] = log1p((double)(e->events[0] + e->events[1]));
        maxw = w[i] > maxw ? w[i] : maxw;
    }
    for (i = 0; i < net->nedges; i++)
        w[i] = maxw > 0 ? 0.2 + 0.8 * w[i] / maxw : 1;
    k = 0.8 * sqrt(1.0 / (double)n);
    /* fewer rounds for a large graph: each costs n * n */
    iters = n <= 200 ? 500 : (size_t)(2e7 / ((double)n * (double)n));
    if (iters < 30)
        iters = 30;
    for (it = 0; it < iters; it++) {
        t = 0.08 * (1.0 - (double)it / (double)iters) + 0.002;
        for (i = 0; i < n; i++) {
            /* a pull to the centre keeps loose parts near */
            dx[i] = -(net->nodes[i].x - 0.5) * 0.25 / k;
            dy[i] = -(net->nodes[i].y - 0.5) * 0.25 / k;
        }
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n; j++) {
                double ddx = net->nodes[i].x - net->nodes[j].x;
                double ddy = net->nodes[i].y - net->nodes[j].y;
                double d2 = ddx * ddx + ddy * ddy, f;
                if (d2 < 1e-8) { /* the same spot: part them */
                    ddx = 1e-4 * (double)((i + j) % 3 + 1);
                    ddy = 1e-4 * (double)((i * j) % 3 + 1);
                    d2 = ddx * ddx + ddy * ddy;
                }
                f = k * k / d2; /* k^2 / d, over d to normalise */
                dx[i] += ddx * f;
                dy[i] += ddy * f;
                dx[j] -= ddx * f;
                dy[j] -= ddy * f;
            }
        for (i = 0; i < net->nedges; i++) {
            size_t p = net->edges[i].a, q = net->edges[i].b;
            double ddx = net->nodes[p].x - net->nodes[q].x;
            double ddy = net->nodes[p].y - net->nodes[q].y;
            double d = sqrt(ddx * ddx + ddy * ddy), f = d * w[i] / k;
            dx[p] -= ddx * f;
            dy[p] -= ddy * f;
            dx[q] += ddx * f;
            dy[q] += ddy * f;
        }
        for (i = 0; i < n; i++) {
            double d = sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
            if (d > t) {
                dx[i] *= t / d;
                dy[i] *= t / d;
            }
            net->nodes[i].x += dx[i];
            net->nodes[i].y += dy[i];
        }
    }
    /* into 0..1 */
    for (i = 0; i < n; i++) {
        x0 = net->nodes[i].x < x0 ? net->nodes[i].x : x0;
        x1 = net->nodes[i].x > x1 ? net->nodes[i].x : x1;
        y0 = net->nodes[i].y < y0 ? net->nodes[i].y : y0;
        y1 = net->nodes[i].y > y1 ? net->nodes[i].y : y1;
    }
    for (i = 0; i < n; i++) {
        net->nodes[i].x = x1 > x0 ? (net->nodes[i].x - x0) / (x1 - x0) : 0.5;
        net->nodes[i].y = y1 > y0 ? (net->nodes[i].y - y0) / (y1 - y0) : 0.5;
    }
    rc = ENT_OK;
done:
    ent__free(a, dx);
    ent__free(a, dy);
    ent__free(a, w);
    ent__free(a, order);
    return rc;
}
