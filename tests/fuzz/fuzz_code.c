/*
 * fuzz_code.c -- libFuzzer target: arbitrary bytes as a document.
 *
 * The coder must never crash on any input: invalid UTF-8 and NUL bytes are
 * reported, anything else is coded. Build and run with `make fuzz`
 * (clang's libFuzzer, ASan and UBSan); not part of `make test`.
 */
#include "entente.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ent_dict *dict;
static ent_coder *coder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ent_doc doc;
    const ent_result *r;
    if (!dict) {
        ent_dict_config cfg;
        const char *dir = getenv("ENTENTE_DICT");
        memset(&cfg, 0, sizeof cfg);
        cfg.dict_dir = dir ? dir : ENT_DICT_DIR;
        if (ent_dict_load(&cfg, &dict, NULL, 0) ||
            ent_coder_new(dict, &coder))
            abort();
    }
    memset(&doc, 0, sizeof doc);
    doc.date = "2022-02-04";
    doc.text = (const char *)data;
    doc.text_len = size;
    if (ent_code(coder, &doc, &r) == ENT_OK) {
        size_t i;
        for (i = 0; i < r->nevents; i++) {
            const ent_event *e = &r->events[i];
            const ent_sentence *s = &r->sents[e->sent];
            if (e->sent >= r->nsents || s->end > r->text_len ||
                e->source_span.end > s->end - s->start ||
                e->target_span.end > s->end - s->start ||
                e->verb_span.end > s->end - s->start)
                abort(); /* spans must stay inside their sentence */
        }
    }
    return 0;
}
