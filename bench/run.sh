#!/bin/sh
# run.sh -- `make bench`: throughput of entente on real corpora.
#
# Codes Reuters-21578 (JSONL, 21,578 wire stories), reuters2020 and the
# event-sentences corpus (one sentence a line) from ../shared with the
# shallow coder (--fast) and the parse-based coder (the default), then
# tags and parses them (entente parse), and prints documents/s,
# sentences/s, MB/s and peak RSS (--stats), the dictionary and model load
# times and a jq baseline; then imports the Phoenix and TABARI dictionaries
# (dict import), loads and codes with them against ours, and times
# `entente eval` on the peers' suites (medians of BENCH_RUNS runs, default
# 3); and the event store's load rate and dyad queries (bench/store.sh)
# and the cost of near-duplicate clustering (bench/dedup.sh).
# Timings are for BENCHMARKS.md, never pass/fail.
set -u
E=${1:-build/entente}
S=${SHARED:-../shared}/data/corpora
if [ ! -d "$S" ]; then
    echo "bench: $S not found: skipped (benchmarks need ../shared)"
    exit 0
fi
sh bench/store.sh "$E" # the event store (issue 5)
sh bench/dedup.sh "$E" # near-duplicate stories (issue 6)
echo "== dictionary load"
"$E" dict | tail -1
for i in 1 2 3; do
    echo "== reuters21578.jsonl, shallow coder --fast (run $i)"
    "$E" code --fast --stats "$S/reuters21578/reuters21578.jsonl" >/dev/null
done 2>&1 | grep -E '^==|stats'
for i in 1 2 3; do
    echo "== event-sentences, one document a line, --fast (run $i)"
    "$E" code --fast --stats --input lines --date 2000-01-01 \
        "$S/event-sentences/sentences_unique.txt" >/dev/null
done 2>&1 | grep -E '^==|stats'
echo "== reuters2020 (modern wire text), --fast"
"$E" code --fast --stats "$S/reuters2020/reuters_2020-02-25.jsonl" 2>&1 >/dev/null | grep stats
echo "== parse-based coder (the default): tokenise, tag, parse, code"
for i in 1 2 3; do
    echo "== event-sentences, one document a line (run $i)"
    "$E" code --stats --input lines --date 2000-01-01 \
        "$S/event-sentences/sentences_unique.txt" >/dev/null
done 2>&1 | grep -E '^==|stats'
echo "== reuters21578.jsonl, whole corpus"
"$E" code --stats "$S/reuters21578/reuters21578.jsonl" 2>&1 >/dev/null | grep stats
echo "== reuters2020 (modern wire text)"
"$E" code --stats "$S/reuters2020/reuters_2020-02-25.jsonl" 2>&1 >/dev/null | grep stats
echo "== baseline in the same run: jq extracting .text from the same JSONL"
echo "   (parse only, no coding; CPU seconds, best of 3)"
best=""
for i in 1 2 3; do
    t=$( { /usr/bin/time -f "%U %S" jq -r .text "$S/reuters21578/reuters21578.jsonl" >/dev/null; } 2>&1 | awk '{print $1 + $2}')
    best=$(echo "$best $t" | awk '{m = $1; for (i = 2; i <= NF; i++) if ($i < m) m = $i; print m}')
done
mb=$(wc -c <"$S/reuters21578/reuters21578.jsonl" | awk '{print $1 / 1e6}')
echo "jq: $best s CPU, $(echo "$mb $best" | awk '{printf "%.1f", $1 / $2}') MB/s"
echo "== tag + parse (entente parse): event-sentences, one document a line"
for i in 1 2 3; do
    "$E" parse --stats --input lines "$S/event-sentences/sentences_unique.txt" 2>&1 >/dev/null | grep stats
done
echo "== tag + parse: reuters2020 (modern wire text)"
"$E" parse --stats "$S/reuters2020/reuters_2020-02-25.jsonl" 2>&1 >/dev/null | grep stats
echo "== tag + parse: first 2,000 stories of reuters21578"
head -2000 "$S/reuters21578/reuters21578.jsonl" | "$E" parse --stats --input jsonl - 2>&1 >/dev/null | grep stats
echo "== model load (tagger, parser, WordNet): parse of one word"
/usr/bin/time -f "load: %e s wall, peak RSS %M KB" sh -c "echo Hello | '$E' parse - >/dev/null"
echo "== dictionary import and imported sets (issue 4)"
P=${SHARED:-../shared}/data/dictionaries/phoenix
V=${SHARED:-../shared}/data/validation
if [ ! -d "$P" ] || [ ! -d "$V" ]; then
    echo "bench: $P or $V not found: imported sets skipped"
    exit 0
fi
R=${BENCH_RUNS:-3} # runs of each timing; the median is reported
D=$(mktemp -d) || exit 0
trap 'rm -rf "$D"' EXIT
trap 'exit 1' INT TERM
# The median of the numbers on stdin, one a line.
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }
# timed LABEL CMD...: median wall time and peak RSS of $R runs of CMD
# (its standard output of the last run is left in $D/out).
timed() {
    label=$1
    shift
    : >"$D/t"
    i=0
    while [ "$i" -lt "$R" ]; do
        /usr/bin/time -f "%e %M" -a -o "$D/t" "$@" >"$D/out" 2>/dev/null
        i=$((i + 1))
    done
    grep -E '^[0-9.]+ [0-9]+$' "$D/t" >"$D/t2"
    echo "$label: $(cut -d' ' -f1 "$D/t2" | median) s wall" \
        "(runs: $(cut -d' ' -f1 "$D/t2" | tr '\n' ' ' | sed 's/ $//')), peak RSS" \
        "$(cut -d' ' -f2 "$D/t2" | median | awk '{printf "%.1f", $1 / 1024}') MB"
}
# coded LABEL ARGS...: medians over $R runs of `entente code --stats ARGS`
# (sentences/s, MB/s per core, peak RSS); sets $sps to the sentences/s.
coded() {
    label=$1
    shift
    : >"$D/s"
    i=0
    while [ "$i" -lt "$R" ]; do
        "$E" code --stats "$@" 2>&1 >/dev/null | grep 'sentences/s' >>"$D/s"
        i=$((i + 1))
    done
    awk '{for (f = 2; f <= NF; f++) {
              if ($f == "sentences/s,") s = $(f - 1)
              if ($f == "MB/s") m = $(f - 1)
              if ($f == "RSS") r = $(f + 1)
              if ($f == "events,") e = $(f - 1)
          }
          print s, m, r, e}' "$D/s" >"$D/s2"
    sps=$(cut -d' ' -f1 "$D/s2" | median)
    echo "$label: $sps sentences/s, $(cut -d' ' -f2 "$D/s2" | median) MB/s" \
        "per core, peak RSS $(cut -d' ' -f3 "$D/s2" | median) MB," \
        "$(head -1 "$D/s2" | cut -d' ' -f4) events" \
        "(sentences/s of the runs: $(cut -d' ' -f1 "$D/s2" | tr '\n' ' ' | sed 's/ $//'))"
}
ACT="Phoenix.Countries.actors.txt Phoenix.International.actors.txt
Phoenix.MilNonState.actors.txt Phoenix.agents.txt Phoenix.discards.txt"
echo "== import (median of $R runs; wall time and peak RSS of the whole command)"
for set in phoenix-p2 phoenix-p1 tabari-phoenix; do
    case $set in
    phoenix-p2) from=petrarch; verbs=$P/CAMEO.2.0.txt ;;
    phoenix-p1) from=petrarch; verbs=$P/CAMEO.verbpatterns.150430.txt ;;
    *) from=tabari; verbs=$V/tabari/CAMEO.091003.master.verbs ;;
    esac
    set -- "$verbs"
    for f in $ACT; do
        set -- "$@" "$P/$f"
    done
    timed "import $set ($from, $(basename "$verbs") + Phoenix actors, agents, discards)" \
        "$E" dict import -q --from "$from" -o "$D/$set" "$@"
    grep -E '^(imported|actor phrases|verb patterns|dropped|approximated) ' "$D/out" |
        tr -s ' ' | sed 's/^/    /'
done
echo "== dictionary load: entente dict --dict DIR (median of $R runs)"
for set in ours phoenix-p2 phoenix-p1 tabari-phoenix; do
    dir=$D/$set
    [ "$set" = ours ] && dir=dict
    : >"$D/l"
    i=0
    while [ "$i" -lt "$R" ]; do
        "$E" dict --dict "$dir" | awk '/^load time/ {print $3}' >>"$D/l"
        i=$((i + 1))
    done
    timed "  $set: load time $(median <"$D/l") ms (runs: $(tr '\n' ' ' <"$D/l" | sed 's/ $//')); whole command" \
        "$E" dict --dict "$dir"
done
echo "== coding with the imported sets, against ours in the same run (median of $R runs)"
for mode in fast parse; do
    for corpus in reuters21578 event-sentences; do
        echo "== $corpus, $([ $mode = fast ] && echo "shallow coder --fast" || echo "parse-based coder (the default)")"
        base=""
        for set in ours phoenix-p2 phoenix-p1 tabari-phoenix; do
            dir=$D/$set
            [ "$set" = ours ] && dir=dict
            set -- --dict "$dir"
            [ $mode = fast ] && set -- --fast "$@"
            if [ $corpus = reuters21578 ]; then
                set -- "$@" "$S/reuters21578/reuters21578.jsonl"
            else
                set -- "$@" --input lines --date 2000-01-01 \
                    "$S/event-sentences/sentences_unique.txt"
            fi
            coded "  $set" "$@"
            if [ -z "$base" ]; then
                base=$sps
            else
                echo "    ratio to ours: $(echo "$sps $base" | awk '{if ($2 > 0) printf "%.2f", $1 / $2}')"
            fi
        done
    done
done
echo "== entente eval on the peers' suites (imports their own dictionaries; median of $R runs)"
for f in tabari/Validate.text petrarch/PETR.UnitTest.records.xml \
    udpetrarch/PETR_Validate_records_2_02.xml; do
    timed "eval $f" "$E" eval "$V/$f"
    echo "    $(tail -1 "$D/out")"
done
echo "== event dates (ent_when_find_near) on event-sentences, one sentence a line"
U=$(dirname "$E")/unit
if [ -x "$U" ]; then
    "$U" when_bench | grep -E 'sentences/s'
else
    echo "   $U not built: run make $(dirname "$E")/unit"
fi
echo "== web pages: tests/data/html (30 pages) read 20 times, --fast"
set --
for i in $(seq 20); do set -- "$@" tests/data/html/page*.html; done
"$E" code --fast --stats --set detect_language=no "$@" 2>&1 >/dev/null | grep stats
"$E" code --fast --stats "$@" 2>&1 >/dev/null | grep 'documents,'
echo "== RSS feed of 5,000 Reuters-21578 stories (made in /tmp), --fast"
FEED=${TMPDIR:-/tmp}/entente-bench-feed.$$.rss
{
    echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title>'
    head -5000 "$S/reuters21578/reuters21578.jsonl" | jq -r '"<item><title>\(.title // "" | @html)</title><link>reuters:\(.id)</link><pubDate>\(.date)</pubDate><description>\(.text | @html)</description></item>"'
    echo '</channel></rss>'
} >"$FEED"
"$E" code --fast --stats "$FEED" 2>&1 >/dev/null | grep 'documents,'
rm -f "$FEED"
