/*
 * cld2.cc -- the language of a text, from Debian's libcld2 (Compact
 * Language Detector 2).
 *
 * The library's only C++ file: CLD2 has no C interface, so this file
 * gives src/lang.c one C function over it. CLD2's tables are compiled into
 * libcld2 and it keeps no state between calls (safe from several threads).
 */
#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cstring>

#include <cld2/public/compact_lang_det.h>

extern "C" {
#include "entente.h"
int ent__cld2_detect(const char *text, size_t len, char code[8],
                     int *reliable);
}

/* See src/internal.h. */
int ent__cld2_detect(const char *text, size_t len, char code[8],
                     int *reliable)
{
    bool rel = false;
    CLD2::Language l;
    const char *c;
    if (!text || !code || !reliable || len > 0x7fffffff)
        return ENT_EINVAL;
    l = CLD2::DetectLanguage(text, (int)len, true, &rel);
    c = CLD2::LanguageCode(l);
    std::snprintf(code, 8, "%s", c ? c : "un");
    *reliable = rel;
    return ENT_OK;
}
