/*
 * cmd_network.c -- `entente network`: who deals with whom over a period.
 *
 * The library computes the network (ent_store_network: nodes, edges with
 * both directions' totals, communities, layout); this file only writes it
 * out as JSON or GraphML (docs/network.md) or draws it (SVG, PNG).
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_opt opts[] = {
    {"db", 0, "FILE", "the store made by entente load"},
    {"from", 0, "DATE", "first day: YYYY, YYYY-MM or YYYY-MM-DD"},
    {"to", 0, "DATE", "last day (included): YYYY, YYYY-MM or YYYY-MM-DD"},
    {"level", 0, "country|actor",
     "nodes: countries (organisations by their code; default) or full "
     "actor codes"},
    {"min-events", 0, "N",
     "leave out edges with fewer than N events, both directions together "
     "(default 1)"},
    {"top", 0, "N", "keep the N nodes with the most events (default 50; 0: "
                    "all)"},
    {"format", 'f', "json|graphml|svg|png", "output format (default json)"},
    {"out", 'o', "FILE",
     "write to FILE (a drawing goes to standard output only when it is not "
     "a terminal)"},
    {"mentions", 0, NULL,
     "count mentions (every report) instead of merged events"},
    {0, 0, 0, 0},
};

enum { F_JSON, F_GRAPHML, F_SVG, F_PNG };

/* Parse a count option into *v; prints the error and returns EXIT_USAGE
 * when it is not a whole number. */
static int count_opt(const char *name, const char *s, unsigned long long *v)
{
    char *end;
    if (!s)
        return EXIT_OK;
    errno = 0;
    *v = strtoull(s, &end, 10);
    if (!*s || *end || errno || *s == '-') {
        cli_error("network: --%s wants a whole number, not '%s'", name, s);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Write net as JSON (docs/network.md). */
static void write_json(FILE *f, const ent_network *net,
                       const ent_network_query *q)
{
    size_t i;
    fprintf(f, "{\"level\":\"%s\",\"from\":",
            q->level == ENT_NET_ACTOR ? "actor" : "country");
    if (q->from)
        out_json_str(f, q->from, strlen(q->from));
    else
        fputs("null", f);
    fputs(",\"to\":", f);
    if (q->to)
        out_json_str(f, q->to, strlen(q->to));
    else
        fputs("null", f);
    fprintf(f,
            ",\"min_events\":%llu,\"top\":%llu,\"counts\":\"%s\","
            "\"communities\":%d,\"modularity\":%.4f,\n\"nodes\":[",
            (unsigned long long)(q->min_events ? q->min_events : 1),
            (unsigned long long)q->top, q->mentions ? "mentions" : "events",
            net->ncommunities, net->modularity);
    for (i = 0; i < net->nnodes; i++) {
        const ent_net_node *nd = &net->nodes[i];
        fputs(i ? ",\n {\"id\":" : "\n {\"id\":", f);
        out_json_str(f, nd->id, strlen(nd->id));
        fprintf(f, ",\"events\":%llu,\"community\":%d}",
                (unsigned long long)nd->events, nd->community);
    }
    fputs("],\n\"edges\":[", f);
    for (i = 0; i < net->nedges; i++) {
        const ent_net_edge *e = &net->edges[i];
        fputs(i ? ",\n {\"a\":" : "\n {\"a\":", f);
        out_json_str(f, net->nodes[e->a].id, strlen(net->nodes[e->a].id));
        fputs(",\"b\":", f);
        out_json_str(f, net->nodes[e->b].id, strlen(net->nodes[e->b].id));
        fprintf(f,
                ",\"events\":%llu,\"events_ab\":%llu,\"events_ba\":%llu,"
                "\"goldstein\":%.1f,\"goldstein_ab\":%.1f,"
                "\"goldstein_ba\":%.1f}",
                (unsigned long long)(e->events[0] + e->events[1]),
                (unsigned long long)e->events[0],
                (unsigned long long)e->events[1],
                e->goldstein[0] + e->goldstein[1], e->goldstein[0],
                e->goldstein[1]);
    }
    fputs("]}\n", f);
}

/* Write s with XML's five special characters escaped. */
static void xml_str(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(*s, f); break;
        }
}

/* One directed GraphML edge from -> to, when it has events. */
static void graphml_edge(FILE *f, const char *from, const char *to,
                         uint64_t events, double goldstein)
{
    if (!events)
        return;
    fputs("    <edge source=\"", f);
    xml_str(f, from);
    fputs("\" target=\"", f);
    xml_str(f, to);
    fprintf(f,
            "\"><data key=\"e_events\">%llu</data>"
            "<data key=\"e_goldstein\">%.1f</data></edge>\n",
            (unsigned long long)events, goldstein);
}

/* Write net as GraphML: directed edges, one per direction with events
 * (docs/network.md). */
static void write_graphml(FILE *f, const ent_network *net)
{
    size_t i;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
          "  <key id=\"n_events\" for=\"node\" attr.name=\"events\" "
          "attr.type=\"long\"/>\n"
          "  <key id=\"n_community\" for=\"node\" attr.name=\"community\" "
          "attr.type=\"int\"/>\n"
          "  <key id=\"e_events\" for=\"edge\" attr.name=\"events\" "
          "attr.type=\"long\"/>\n"
          "  <key id=\"e_goldstein\" for=\"edge\" attr.name=\"goldstein\" "
          "attr.type=\"double\"/>\n"
          "  <graph id=\"entente\" edgedefault=\"directed\">\n",
          f);
    for (i = 0; i < net->nnodes; i++) {
        fputs("    <node id=\"", f);
        xml_str(f, net->nodes[i].id);
        fprintf(f,
                "\"><data key=\"n_events\">%llu</data>"
                "<data key=\"n_community\">%d</data></node>\n",
                (unsigned long long)net->nodes[i].events,
                net->nodes[i].community);
    }
    for (i = 0; i < net->nedges; i++) {
        const ent_net_edge *e = &net->edges[i];
        const char *a = net->nodes[e->a].id, *b = net->nodes[e->b].id;
        graphml_edge(f, a, b, e->events[0], e->goldstein[0]);
        graphml_edge(f, b, a, e->events[1], e->goldstein[1]);
    }
    fputs("  </graph>\n</graphml>\n", f);
}

/* Draw net and write the image to path (NULL: standard output). */
static int draw(const ent_network *net, const ent_network_query *q,
                int format, const char *db, const char *path)
{
    const char *unit = q->mentions ? "mentions" : "events";
    char title[256], sub[512], edges[96] = "", err[512];
    unsigned char *img = NULL;
    size_t n = 0;
    int rc = EXIT_OK;
    FILE *f = stdout;
    snprintf(title, sizeof title, "Cooperation and conflict between %s%s%s%s%s",
             q->level == ENT_NET_ACTOR ? "actors" : "countries",
             q->from && q->to ? ", " : q->from ? ", from " : q->to ? ", up to "
                                                                  : "",
             q->from ? q->from : q->to ? q->to : "",
             q->from && q->to ? " to " : "", q->from && q->to ? q->to : "");
    if (q->min_events > 1)
        snprintf(edges, sizeof edges, "; edges of at least %llu %s",
                 (unsigned long long)q->min_events, unit);
    snprintf(sub, sizeof sub,
             "%s%zu %s with the most %s%s; %d communities (modularity "
             "%.2f). %s",
             q->top ? "The " : "All ", net->nnodes,
             q->level == ENT_NET_ACTOR ? "actors" : "countries and "
                                                    "organisations",
             unit, edges, net->ncommunities, net->modularity, db);
    if (ent_network_render(net, format == F_SVG ? ENT_PLOT_SVG : ENT_PLOT_PNG,
                           title, sub, 0, 0, &img, &n, err, sizeof err)) {
        cli_error("network: %s", err);
        return EXIT_FATAL;
    }
    if (path && !(f = fopen(path, "wb"))) {
        cli_error("network: %s: %s", path, strerror(errno));
        rc = EXIT_FATAL;
    } else if (fwrite(img, 1, n, f) != n || fflush(f) != 0) {
        cli_error("network: %s: cannot write", path ? path : "output");
        rc = EXIT_FATAL;
    }
    if (path && f && fclose(f) != 0 && rc == EXIT_OK) {
        cli_error("network: %s: cannot write", path);
        rc = EXIT_FATAL;
    }
    free(img);
    return rc;
}

static int run(const cli_cmd *cmd, cli_args *a)
{
    static const char *const fmts[] = {"json", "graphml", "svg", "png"};
    const char *db = cli_get(cmd, a, "db");
    const char *level = cli_get(cmd, a, "level");
    const char *fmt = cli_get(cmd, a, "format");
    const char *out = cli_get(cmd, a, "out");
    unsigned long long minev = 1, top = 50;
    ent_network_query q;
    ent_network *net = NULL;
    ent_store *st = NULL;
    FILE *f = stdout;
    int rc, format = F_JSON;

    memset(&q, 0, sizeof q);
    if (a->npos) {
        cli_error("network: no arguments are taken (entente network --db "
                  "FILE)");
        return EXIT_USAGE;
    }
    if (!db) {
        cli_error("network: --db FILE is needed");
        return EXIT_USAGE;
    }
    if (level && strcmp(level, "country") && strcmp(level, "actor")) {
        cli_error("network: unknown level '%s' (country, actor)", level);
        return EXIT_USAGE;
    }
    q.level = level && !strcmp(level, "actor") ? ENT_NET_ACTOR
                                               : ENT_NET_COUNTRY;
    for (format = 0; fmt && format <= F_PNG; format++)
        if (!strcmp(fmt, fmts[format]))
            break;
    if (!fmt)
        format = F_JSON;
    else if (format > F_PNG) {
        cli_error("network: unknown format '%s' (json, graphml, svg, png)",
                  fmt);
        return EXIT_USAGE;
    }
    if ((rc = count_opt("min-events", cli_get(cmd, a, "min-events"),
                        &minev)) ||
        (rc = count_opt("top", cli_get(cmd, a, "top"), &top)))
        return rc;
    if (format >= F_SVG && !out && isatty(STDOUT_FILENO)) {
        cli_error("network: a drawing is not written to a terminal: give "
                  "--out FILE or redirect standard output");
        return EXIT_USAGE;
    }
    q.from = cli_get(cmd, a, "from");
    q.to = cli_get(cmd, a, "to");
    q.min_events = minev;
    q.top = (size_t)top;
    q.mentions = cli_get(cmd, a, "mentions") != NULL;
    if (!(st = cli_store_open(db)))
        return EXIT_FATAL;
    rc = ent_store_network(st, &q, &net);
    if (rc) {
        cli_error("network: %s", ent_store_errmsg(st));
        ent_store_close(st);
        return rc == ENT_EINVAL ? EXIT_USAGE : EXIT_FATAL;
    }
    ent_store_close(st);
    if (!net->nnodes)
        cli_warn("network: no events between two actors in this range");
    if (format >= F_SVG) {
        rc = draw(net, &q, format, db, out);
        ent_network_free(net);
        return rc;
    }
    if (out && !(f = fopen(out, "w"))) {
        cli_error("network: %s: %s", out, strerror(errno));
        ent_network_free(net);
        return EXIT_FATAL;
    }
    if (format == F_JSON)
        write_json(f, net, &q);
    else
        write_graphml(f, net);
    ent_network_free(net);
    rc = fflush(f) != 0 || ferror(f) ? EXIT_FATAL : EXIT_OK;
    if (out && fclose(f) != 0)
        rc = EXIT_FATAL;
    if (rc)
        cli_error("network: error writing %s", out ? out : "output");
    return rc;
}

const cli_cmd cmd_network = {
    "network",
    "--db FILE [options]",
    "Actors as nodes and their events as edges over a period: net Goldstein "
    "sum and events per direction, communities of cooperating actors, as "
    "JSON, GraphML or a drawing (SVG, PNG).",
    opts,
    run,
};
