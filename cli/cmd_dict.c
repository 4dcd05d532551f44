/*
 * cmd_dict.c -- `entente dict`: load, check and describe the dictionaries.
 *
 * Loading compiles every file, so this doubles as the dictionary checker:
 * an error names the file and line and exits 3.
 */
#include "cli.h"

#include <string.h>
#include <time.h>

static const cli_opt opts[] = {
    {"dict", 0, "DIR", "dictionary directory"},
    {0, 0, 0, 0},
};

static int run(const cli_cmd *cmd, cli_args *a)
{
    struct timespec t0;
    ent_dict *d;
    ent_dict_stats s;
    double ms;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    d = cli_load_dict(cli_get(cmd, a, "dict"));
    if (!d)
        return EXIT_DICT;
    ms = 1e3 * cli_seconds_since(&t0);
    ent_dict_get_stats(d, &s);
    printf("actor entries    %zu\n", s.actor_entries);
    printf("actor phrases    %zu\n", s.actor_phrases);
    printf("agent phrases    %zu\n", s.agent_phrases);
    printf("verb patterns    %zu\n", s.verb_patterns);
    printf("verb anchors     %zu\n", s.verb_anchors);
    printf("context phrases  %zu\n", s.context_phrases);
    printf("CAMEO codes      %zu\n", s.cameo_codes);
    printf("distinct words   %zu\n", s.words);
    printf("duplicate phrases %zu (the first definition is kept)\n",
           s.duplicate_phrases);
    printf("load time        %.1f ms (with WordNet)\n", ms);
    ent_dict_free(d);
    return EXIT_OK;
}

const cli_cmd cmd_dict = {
    "dict", "[--dict DIR]",
    "Load and check the dictionaries; print what they hold and how long "
    "loading took.",
    opts, run,
};
