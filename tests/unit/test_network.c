/*
 * test_network.c -- the network: communities on hand-made graphs, a
 * deterministic layout, valid drawings, errors and out-of-memory.
 *
 * Set ENTENTE_TEST_PLOTS=DIR to keep the drawing (to look at it).
 */
#include "harness.h"
#include "internal.h"

#include <math.h>
#include <stdlib.h>

/* A network by hand: nodes named n0.., edges (a, b, events a -> b, net
 * Goldstein a -> b); everything malloc'd as ent_network_free() wants. */
static ent_network *hand_net(size_t nnodes, const double (*e)[4],
                             size_t nedges)
{
    ent_network *net = calloc(1, sizeof *net);
    size_t i;
    if (!net)
        return NULL;
    net->nodes = calloc(nnodes, sizeof *net->nodes);
    net->edges = calloc(nedges ? nedges : 1, sizeof *net->edges);
    if (!net->nodes || !net->edges) {
        ent_network_free(net);
        return NULL;
    }
    net->nnodes = nnodes;
    net->nedges = nedges;
    for (i = 0; i < nnodes; i++) {
        snprintf(net->nodes[i].id, sizeof net->nodes[i].id, "N%zu", i);
        net->nodes[i].community = -1;
    }
    for (i = 0; i < nedges; i++) {
        net->edges[i].a = (size_t)e[i][0];
        net->edges[i].b = (size_t)e[i][1];
        net->edges[i].events[0] = (uint64_t)e[i][2];
        net->edges[i].goldstein[0] = e[i][3];
        net->nodes[net->edges[i].a].events += (uint64_t)e[i][2];
        net->nodes[net->edges[i].b].events += (uint64_t)e[i][2];
    }
    return net;
}

/* Two cliques, 0-4 (five nodes) and 5-8 (four), joined by one weak
 * cooperative edge 4-5 and one strong conflictual edge 0-8; node 9 only
 * in conflict with 1. */
static const double CLIQUES[][4] = {
    {0, 1, 5, 6}, {0, 2, 5, 6}, {0, 3, 5, 6}, {0, 4, 5, 6}, {1, 2, 5, 6},
    {1, 3, 5, 6}, {1, 4, 5, 6}, {2, 3, 5, 6}, {2, 4, 5, 6}, {3, 4, 5, 6},
    {5, 6, 4, 5}, {5, 7, 4, 5}, {5, 8, 4, 5}, {6, 7, 4, 5}, {6, 8, 4, 5},
    {7, 8, 4, 5}, {4, 5, 1, 1}, {0, 8, 9, -40}, {1, 9, 3, -10},
};
#define NCLIQUES (sizeof CLIQUES / sizeof CLIQUES[0])

void test_network_communities(void)
{
    ent_network *net = hand_net(10, CLIQUES, NCLIQUES);
    size_t i;
    CHECK(net != NULL);
    if (!net)
        return;
    CHECK_INT(ent_network_communities(net), ENT_OK);
    /* the larger clique is community 0, the other 1, node 9 alone */
    CHECK_INT(net->ncommunities, 3);
    for (i = 0; i < 5; i++)
        CHECK_INT(net->nodes[i].community, 0);
    for (i = 5; i < 9; i++)
        CHECK_INT(net->nodes[i].community, 1);
    CHECK_INT(net->nodes[9].community, 2);
    /* modularity by hand: m = 10 * 6 + 6 * 5 + 1 = 91; the cliques hold
     * 60 and 30 of it with degrees 121 and 61: 60/91 - (121/182)^2 +
     * 30/91 - (61/182)^2 */
    CHECK(fabs(net->modularity - (60.0 / 91 - (121.0 / 182) * (121.0 / 182) +
                                  30.0 / 91 - (61.0 / 182) * (61.0 / 182))) <
          1e-9);
    /* the same again: nothing depends on a previous run */
    CHECK_INT(ent_network_communities(net), ENT_OK);
    CHECK_INT(net->nodes[7].community, 1);
    /* no edges at all: every node its own community */
    net->nedges = 0;
    CHECK_INT(ent_network_communities(net), ENT_OK);
    CHECK_INT(net->ncommunities, 10);
    CHECK(net->modularity == 0);
    /* an edge to a node that does not exist */
    net->nedges = 1;
    net->edges[0].b = 10;
    CHECK_INT(ent_network_communities(net), ENT_EINVAL);
    CHECK_INT(ent_network_layout(net), ENT_EINVAL);
    CHECK_INT(ent_network_communities(NULL), ENT_EINVAL);
    ent_network_free(net);
    ent_network_free(NULL);
}

/* Mean distance between nodes of the same (same != 0) or different
 * community among the first n. */
static double mean_dist(const ent_network *net, size_t n, int same)
{
    double sum = 0;
    size_t i, j, k = 0;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            if ((net->nodes[i].community == net->nodes[j].community) ==
                !!same) {
                double dx = net->nodes[i].x - net->nodes[j].x;
                double dy = net->nodes[i].y - net->nodes[j].y;
                sum += sqrt(dx * dx + dy * dy);
                k++;
            }
    return k ? sum / (double)k : 0;
}

void test_network_layout(void)
{
    ent_network *a = hand_net(10, CLIQUES, NCLIQUES);
    ent_network *b = hand_net(10, CLIQUES, NCLIQUES);
    size_t i;
    CHECK(a && b);
    if (!a || !b)
        goto done;
    CHECK_INT(ent_network_communities(a), ENT_OK);
    CHECK_INT(ent_network_layout(a), ENT_OK);
    CHECK_INT(ent_network_communities(b), ENT_OK);
    CHECK_INT(ent_network_layout(b), ENT_OK);
    for (i = 0; i < 10; i++) {
        CHECK(a->nodes[i].x >= 0 && a->nodes[i].x <= 1);
        CHECK(a->nodes[i].y >= 0 && a->nodes[i].y <= 1);
        /* deterministic: the same positions, bit for bit */
        CHECK(a->nodes[i].x == b->nodes[i].x);
        CHECK(a->nodes[i].y == b->nodes[i].y);
    }
    /* the cliques lie together: nodes of one community are nearer each
     * other than to the other's */
    CHECK(mean_dist(a, 9, 1) < 0.6 * mean_dist(a, 9, 0));
done:
    ent_network_free(a);
    ent_network_free(b);
}

void test_network_render(void)
{
    ent_network *net = hand_net(10, CLIQUES, NCLIQUES);
    unsigned char *img = NULL;
    size_t n = 0;
    char err[256] = "";
    CHECK(net != NULL);
    if (!net)
        return;
    CHECK_INT(ent_network_communities(net), ENT_OK);
    CHECK_INT(ent_network_layout(net), ENT_OK);
    CHECK_INT(ent_network_render(net, ENT_PLOT_PNG, "Two blocs", "test", 0,
                                 0, &img, &n, err, sizeof err),
              ENT_OK);
    CHECK(img && n > 24 && !memcmp(img, "\x89PNG\r\n\x1a\n", 8));
    if (img) {
        /* IHDR: 1000 x 760 */
        CHECK_INT(img[16] << 24 | img[17] << 16 | img[18] << 8 | img[19],
                  1000);
        CHECK_INT(img[20] << 24 | img[21] << 16 | img[22] << 8 | img[23],
                  760);
        if (getenv("ENTENTE_TEST_PLOTS")) {
            char path[1024];
            snprintf(path, sizeof path, "%s/network.png",
                     getenv("ENTENTE_TEST_PLOTS"));
            ent__write_bytes(path, img, n, NULL, 0);
        }
    }
    free(img);
    img = NULL;
    CHECK_INT(ent_network_render(net, ENT_PLOT_SVG, "Two <blocs>", NULL, 600,
                                 400, &img, &n, err, sizeof err),
              ENT_OK);
    CHECK(img && strstr((char *)img, "<title>Two &lt;blocs&gt;</title>"));
    free(img);
    img = (unsigned char *)"x";
    CHECK_INT(ent_network_render(net, ENT_PLOT_PNG, NULL, NULL, 0, 0, &img,
                                 &n, err, sizeof err),
              ENT_EINVAL);
    CHECK(img == NULL && n == 0);
    CHECK_STR(err, "network: a chart needs a title");
    CHECK_INT(ent_network_render(net, ENT_PLOT_PNG, "t", NULL, 50, 0, &img,
                                 &n, NULL, 0),
              ENT_EINVAL);
    CHECK_INT(ent_network_render(NULL, ENT_PLOT_PNG, "t", NULL, 0, 0, &img,
                                 &n, NULL, 0),
              ENT_EINVAL);
    net->edges[0].a = 99;
    CHECK_INT(ent_network_render(net, ENT_PLOT_SVG, "t", NULL, 0, 0, &img,
                                 &n, err, sizeof err),
              ENT_EINVAL);
    CHECK_STR(err, "network: an edge to a node that does not exist");
    /* no nodes: a drawing that says so */
    net->nnodes = net->nedges = 0;
    CHECK_INT(ent_network_render(net, ENT_PLOT_PNG, "t", NULL, 0, 0, &img,
                                 &n, NULL, 0),
              ENT_OK);
    free(img);
    ent_network_free(net);
}

/* Run step k (0 communities, 1 layout, 2 drawing) of net with a. */
static int step(ent_network *net, int k, const ent_allocator *a)
{
    unsigned char *img = (unsigned char *)"x";
    size_t n = 3;
    int rc;
    if (k == 0)
        return ent_network_communities(net);
    if (k == 1)
        return ent_network_layout(net);
    rc = ent__network_render(net, ENT_PLOT_PNG, "t", NULL, 400, 300, a, &img,
                             &n, NULL, 0);
    if (rc == ENT_OK)
        ent__free(a, img);
    else
        CHECK(img == NULL && n == 0);
    return rc;
}

void test_network_alloc_failures(void)
{
    th_failer f = {0, 0};
    ent_allocator a = {th_failing_alloc, &f};
    ent_network *net = hand_net(10, CLIQUES, NCLIQUES);
    long i;
    int k;
    CHECK(net != NULL);
    if (!net)
        return;
    net->alloc = a; /* its scratch memory; its arrays are malloc's, and
                       the failing allocator frees with free() too */
    /* each step alone: fail its first, second... allocation until it
     * succeeds; a failed step changes nothing */
    for (k = 0; k < 3; k++) {
        int ok = 0, nomem = 0;
        for (i = 1; i < 500 && !ok; i++) {
            double x0 = net->nodes[0].x;
            int rc;
            f.n = 0;
            f.fail_at = i;
            rc = step(net, k, &a);
            if (rc == ENT_OK) {
                ok = 1;
                continue;
            }
            CHECK_INT(rc, ENT_ENOMEM);
            nomem++;
            CHECK(k != 0 || net->nodes[0].community == -1);
            CHECK(k != 1 || net->nodes[0].x == x0);
        }
        CHECK(ok && nomem > 0);
    }
    ent_network_free(net);
}
