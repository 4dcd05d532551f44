#!/bin/sh
# gen-events.sh -- synthetic events in entente's JSONL (as `entente code`
# prints them), for the store's load benchmark and crash test.
#
#   sh tools/gen-events.sh N [SEED] > events.jsonl
#
# N events, five to a document (documents "sSEED-K", so that runs with
# different seeds add up), between 20 countries (with GOV, MIL or no
# sector) on days from 2000 to 2024, with CAMEO codes that both dict/ and
# tests/data/dict know. Deterministic for a given awk, N and SEED.
n=${1:?usage: gen-events.sh N [SEED]}
awk -v n="$n" -v seed="${2:-1}" 'BEGIN {
    srand(seed)
    nc = split("CHN RUS USA UKR TUR IRN IND JPN DEU FRA GBR ISR PAK KOR PRK BRA ZAF EGY SAU SYR", cc, " ")
    ns = split(" GOV MIL", sec, ",")
    sec[1] = ""; sec[2] = "GOV"; sec[3] = "MIL"; ns = 3
    nk = split("010 040 042 043 057 062 112 163 190", code, " ")
    split("01 04 04 04 05 06 11 16 19", root, " ")
    split("0 1 1 1 1 2 3 3 4", quad, " ")
    split("0.0 1.0 1.9 2.8 8.0 7.4 -2.0 -8.0 -10.0", gs, " ")
    split("OTHER CONSULT CONSULT CONSULT AGREE COOPERATE ACCUSE SANCTION ASSAULT", pl, " ")
    split("31 28 31 30 31 30 31 31 30 31 30 31", dm, " ")
    for (i = 0; i < n; i++) {
        if (i % 5 == 0) {
            y = 2000 + int(rand() * 25); m = 1 + int(rand() * 12)
            d = 1 + int(rand() * dm[m])
            date = sprintf("%04d-%02d-%02d", y, m, d)
        }
        a = 1 + int(rand() * nc); b = 1 + int(rand() * (nc - 1)); if (b >= a) b++
        sa = sec[1 + int(rand() * ns)]; sb = sec[1 + int(rand() * ns)]
        k = 1 + int(rand() * nk)
        printf "{\"doc\":\"s%d-%d\",\"sent\":%d,\"date\":\"%s\",\"source\":\"%s%s\",\"source_country\":\"%s\",\"target\":\"%s%s\",\"target_country\":\"%s\",\"code\":\"%s\",\"root\":\"%s\",\"quad\":%s,\"goldstein\":%s,\"plover\":\"%s\",\"context\":[],\"source_span\":[0,5],\"target_span\":[10,15],\"verb_span\":[6,9],\"rule\":\"synthetic\",\"pattern\":\"x\"}\n", seed, int(i / 5), i % 5, date, cc[a], sa, cc[a], cc[b], sb, cc[b], code[k], root[k], quad[k], gs[k], pl[k]
    }
}'
