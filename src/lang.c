/*
 * lang.c -- is this text English? The language check of the ingest stage.
 *
 * entente's dictionaries and models are English: text in other languages
 * codes nothing but false events. English news is recognised cheaply by
 * its function words ("the", "of", "said"...); only text that does not
 * look English is passed to CLD2 (src/cld2.cc), which costs about half a
 * millisecond a call.
 */
#include "internal.h"

#include <string.h>

/* Whether the word w[0..n) (any case) is one of the English function
 * words that make up a sixth or more of news text. */
static int english_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "a",    "an",   "and",  "are",   "as",    "at",   "be",   "by",
        "for",  "from", "had",  "has",   "have",  "he",   "his",  "in",
        "is",   "it",   "its",  "of",    "on",    "said", "that", "the",
        "their", "to",  "was",  "were",  "which", "who",  "will", "with"};
    char low[8];
    size_t i, lo = 0, hi = sizeof words / sizeof *words;
    if (n == 0 || n >= sizeof low)
        return 0;
    for (i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    low[n] = 0;
    while (lo < hi) { /* the list is sorted */
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(low, words[mid]);
        if (!cmp)
            return 1;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

int ent_lang_detect(const char *text, size_t len, char lang[8],
                    int *english)
{
    size_t i = 0, words = 0, fw = 0;
    int reliable = 0, rc;
    if (!text || !lang || !english)
        return ENT_EINVAL;
    /* function words over the first 2,000 bytes */
    while (i < len && i < 2000) {
        size_t j = i;
        while (j < len && ((text[j] >= 'a' && text[j] <= 'z') ||
                           (text[j] >= 'A' && text[j] <= 'Z')))
            j++;
        if (j > i) {
            words++;
            fw += english_word(text + i, j - i);
            i = j;
        } else {
            i++;
        }
    }
    if (words >= 5 && fw * 8 >= words) {
        strcpy(lang, "en");
        *english = 1;
        return ENT_OK;
    }
    rc = ent__cld2_detect(text, len < 2000 ? len : 2000, lang, &reliable);
    if (rc)
        return rc;
    /* "un" (unknown) or an unreliable guess on a few words: not evidence
     * enough to drop text */
    *english = !strcmp(lang, "en") || !strcmp(lang, "un") || !reliable;
    return ENT_OK;
}
