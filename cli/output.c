/*
 * output.c -- events as JSON Lines or TSV (schema: docs/output.md).
 *
 * JSONL is the default: one self-describing event per line. TSV follows a
 * GDELT-like column order (date, actors, codes, scores, provenance) with a
 * header line, for spreadsheets and `cut`.
 */
#include "cli.h"

#include <string.h>

void out_json_str(FILE *f, const char *s, size_t n)
{
    size_t i;
    putc('"', f);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20)
                fprintf(f, "\\u%04x", c);
            else
                putc(c, f);
        }
    }
    putc('"', f);
}

/* TSV fields must not contain tabs or newlines: replace them by spaces. */
static void tsv_str(FILE *f, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        putc(c == '\t' || c == '\n' || c == '\r' ? ' ' : c, f);
    }
}

static const char *ctx_name(unsigned ctx)
{
    if (ctx & ENT_CTX_HYPOTHETICAL)
        return "hypothetical";
    if (ctx & ENT_CTX_FUTURE)
        return "future";
    return "";
}

static void json_event(FILE *f, const out_opts *o, const ent_doc *doc,
                       const ent_result *res, const ent_event *e)
{
    const ent_sentence *s = &res->sents[e->sent];
    const char *id = doc->id ? doc->id : "";
    fputs("{\"doc\":", f);
    out_json_str(f, id, strlen(id));
    fprintf(f, ",\"sent\":%u,\"date\":\"%s\",\"date_end\":\"%s\","
               "\"date_precision\":\"%s\",\"date_expr\":",
            e->sent, e->when.date, e->when.end,
            ent_when_precision_name(e->when.precision));
    out_json_str(f, s->start + res->text + e->when.expr.start,
                 e->when.expr.end - e->when.expr.start);
    fprintf(f, ",\"pubdate\":\"%s\",\"source\":\"%s\","
               "\"source_country\":\"%s\",\"target\":\"%s\","
               "\"target_country\":\"%s\",\"code\":\"%s\",\"root\":\"%s\","
               "\"quad\":%d,\"goldstein\":%.1f,\"plover\":\"%s\","
               "\"context\":[",
            doc->date, e->source, e->source_country, e->target,
            e->target_country, e->cameo->code, e->cameo->root, e->cameo->quad,
            e->cameo->goldstein, e->cameo->plover);
    if (e->context & ENT_CTX_HYPOTHETICAL)
        fputs("\"hypothetical\"", f);
    if (e->context & ENT_CTX_FUTURE)
        fputs((e->context & ENT_CTX_HYPOTHETICAL) ? ",\"future\"" : "\"future\"",
              f);
    fprintf(f, "],\"source_span\":[%u,%u],\"target_span\":[%u,%u],"
               "\"verb_span\":[%u,%u],\"rule\":\"%s\",\"pattern\":",
            e->source_span.start, e->source_span.end, e->target_span.start,
            e->target_span.end, e->verb_span.start, e->verb_span.end, e->rule);
    out_json_str(f, e->pattern, strlen(e->pattern));
    if (o->with_text) {
        fputs(",\"text\":", f);
        out_json_str(f, res->text + s->start, s->end - s->start);
    }
    if (o->with_meta && doc->meta)
        fprintf(f, ",\"meta\":%s", doc->meta);
    fputs("}\n", f);
}

static void tsv_event(FILE *f, out_opts *o, const ent_doc *doc,
                      const ent_result *res, const ent_event *e)
{
    const ent_sentence *s = &res->sents[e->sent];
    if (!o->header_done) {
        fputs("date\tsource\tsource_country\ttarget\ttarget_country\tcode\t"
              "root\tquad\tgoldstein\tplover\tcontext\tdoc\tsent\t"
              "source_span\ttarget_span\tverb_span\trule\tdate_end\t"
              "date_precision\tdate_expr\tpubdate",
              f);
        fputs(o->with_text ? "\ttext\n" : "\n", f);
        o->header_done = 1;
    }
    fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t", e->when.date,
            e->source, e->source_country, e->target, e->target_country,
            e->cameo->code, e->cameo->root, e->cameo->quad,
            e->cameo->goldstein, e->cameo->plover, ctx_name(e->context));
    tsv_str(f, doc->id ? doc->id : "", doc->id ? strlen(doc->id) : 0);
    fprintf(f, "\t%u\t%u-%u\t%u-%u\t%u-%u\t%s", e->sent, e->source_span.start,
            e->source_span.end, e->target_span.start, e->target_span.end,
            e->verb_span.start, e->verb_span.end, e->rule);
    fprintf(f, "\t%s\t%s\t", e->when.end,
            ent_when_precision_name(e->when.precision));
    tsv_str(f, res->text + s->start + e->when.expr.start,
            e->when.expr.end - e->when.expr.start);
    fprintf(f, "\t%s", doc->date);
    if (o->with_text) {
        putc('\t', f);
        tsv_str(f, res->text + s->start, s->end - s->start);
    }
    putc('\n', f);
}

void out_events(FILE *f, out_opts *o, const ent_doc *doc,
                const ent_result *res, int all)
{
    size_t i;
    for (i = 0; i < res->nevents; i++) {
        const ent_event *e = &res->events[i];
        if (e->context && !all)
            continue;
        if (o->format == OUT_TSV)
            tsv_event(f, o, doc, res, e);
        else
            json_event(f, o, doc, res, e);
    }
}
