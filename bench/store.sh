#!/bin/sh
# store.sh -- the event store's speed (issue 5), called by bench/run.sh.
#
#   sh bench/store.sh [build/entente]
#
# Load rate (events/s, wall clock of the whole command) of `entente load
# --events` on the ICEWS files in ../shared (skipped when absent) and on
# synthetic events in entente's JSONL (tools/gen-events.sh, generated in a
# temporary directory, never committed): 1M events from a file, then 10M
# events piped from the generator (STORE_BENCH_10M=0 skips them); then
# the time of `entente dyad` queries on each store (median of 5 runs),
# of `entente report` on the 1M store (median of 3), and of charts and
# networks on the 1M store.
set -u
E=${1:-build/entente}
R=${BENCH_RUNS:-3}
EV=${SHARED:-../shared}/data/events
D=$(mktemp -d "${TMPDIR:-/tmp}/entente-bench.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT
trap 'exit 1' INT TERM
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }
# load LABEL DB ARGS...: median wall time over $R fresh loads, and events/s
load() {
    label=$1 db=$2
    shift 2
    : >"$D/t"
    i=0
    while [ "$i" -lt "$R" ]; do
        rm -f "$db" "$db-wal" "$db-shm"
        /usr/bin/time -f "%e %M" -a -o "$D/t" "$E" load --db "$db" "$@" 2>"$D/err"
        i=$((i + 1))
    done
    n=$(sed -n 's/.* \([0-9]*\) events read.*/\1/p' "$D/err" | head -1)
    t=$(grep -E '^[0-9.]+ [0-9]+$' "$D/t" | cut -d' ' -f1 | median)
    echo "$label: $n events in $t s wall (median of $R; runs: $(grep -E '^[0-9.]+ ' "$D/t" | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')):" \
        "$(echo "$n $t" | awk '{printf "%.0f", $1 / $2}') events/s," \
        "peak RSS $(grep -E '^[0-9.]+ [0-9]+$' "$D/t" | cut -d' ' -f2 | median | awk '{printf "%.0f", $1 / 1024}') MB," \
        "store $(du -m "$db" | cut -f1) MB"
    grep 'load: store' "$D/err" | sed 's/^/    /'
}
# dyad LABEL DB ARGS...: median wall time of 5 runs of entente dyad
dyad() {
    label=$1 db=$2
    shift 2
    : >"$D/q"
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%e" -a -o "$D/q" "$E" dyad "$@" --db "$db" >"$D/out"
    done
    echo "$label: $(median <"$D/q") s wall (runs: $(tr '\n' ' ' <"$D/q" | sed 's/ $//')), $(($(wc -l <"$D/out") - 1)) rows"
}
# chart LABEL DB COMMAND ARGS...: median wall time of 5 runs of a chart
# or network command, and the size of its output
chart() {
    label=$1 db=$2
    shift 2
    : >"$D/q"
    for i in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -a -o "$D/q" "$E" "$@" --db "$db" >"$D/out"
    done
    echo "$label: $(cut -d' ' -f1 "$D/q" | median) s wall (runs: $(cut -d' ' -f1 "$D/q" | tr '\n' ' ' | sed 's/ $//')), peak RSS $(cut -d' ' -f2 "$D/q" | median | awk '{printf "%.0f", $1 / 1024}') MB, $(wc -c <"$D/out") bytes"
}
echo "== store: load (entente load --events), fresh store each run"
if [ -d "$EV/icews" ]; then
    load "ICEWS 05-15 and 14 (test + valid, 4 files)" "$D/icews.db" --events \
        "$EV"/icews/icews05-15/test.txt "$EV"/icews/icews05-15/valid.txt \
        "$EV"/icews/icews14/test.txt "$EV"/icews/icews14/valid.txt
    load "GDELT Russia-Ukraine April 2022 (node_20220614_all.csv)" "$D/gdelt.db" --events \
        "$EV"/gdelt-rus-ukr/node_20220614_all.csv
else
    echo "bench: $EV not found: ICEWS and GDELT skipped"
fi
sh tools/gen-events.sh 1000000 1 >"$D/1m.jsonl"
load "synthetic 1M events ($(du -m "$D/1m.jsonl" | cut -f1) MB of JSONL)" "$D/1m.db" --events "$D/1m.jsonl"
rm -f "$D/1m.jsonl"
echo "== store: dyad queries (median of 5 runs)"
dyad "1M events: dyad CHN RUS --by month" "$D/1m.db" CHN RUS --by month
dyad "1M events: dyad CHNGOV 'RUS*' --by year --mentions" "$D/1m.db" CHNGOV 'RUS*' --by year --mentions
dyad "1M events: dyad 'CHN*MIL' USA --by week --from 2010 --to 2015" "$D/1m.db" 'CHN*MIL' USA --by week --from 2010 --to 2015
dyad "1M events: dyad '*' RUS --by year (the target's country only)" "$D/1m.db" '*' RUS --by year
echo "== report: entente report on the 1M store (median of 3 runs)"
report() {
    label=$1
    shift
    : >"$D/r"
    for i in 1 2 3; do
        rm -rf "$D/rep"
        /usr/bin/time -f "%e %M" -a -o "$D/r" "$E" report "$@" --db "$D/1m.db" --out "$D/rep" >/dev/null 2>&1
    done
    echo "$label: $(cut -d' ' -f1 "$D/r" | median) s wall (runs: $(cut -d' ' -f1 "$D/r" | tr '\n' ' ' | sed 's/ $//')), peak RSS $(cut -d' ' -f2 "$D/r" | median | awk '{printf "%.0f", $1 / 1024}') MB"
}
report "1M events: report CHN RUS (month, html + md, 4 charts)" CHN RUS
report "1M events: report CHN RUS --by week --format json" CHN RUS --by week --format json
report "1M events: report 'CHN*MIL' USA --by quarter" 'CHN*MIL' USA --by quarter
echo "== charts and networks on 1M events (median of 5 runs)"
chart "1M events: dyad CHN RUS --by month --format png" "$D/1m.db" dyad CHN RUS --by month --format png
chart "1M events: dyad CHN RUS --by week --format svg" "$D/1m.db" dyad CHN RUS --by week --format svg
chart "1M events: network --format json" "$D/1m.db" network --format json
chart "1M events: network --format png" "$D/1m.db" network --format png
chart "1M events: network --level actor --top 0 --format png" "$D/1m.db" network --level actor --top 0 --format png
chart "1M events: network --from 2010 --to 2012 --format svg" "$D/1m.db" network --from 2010 --to 2012 --format svg
rm -f "$D/1m.db"*
if [ "${STORE_BENCH_10M:-1}" != 0 ]; then
    echo "== store: 10M events piped from the generator (one run)"
    rm -f "$D/10m.db"*
    /usr/bin/time -f "%e %M" -o "$D/t" sh -c "for s in 1 2 3 4 5 6 7 8 9 10; do sh tools/gen-events.sh 1000000 \$s; done | '$E' load --db '$D/10m.db' --events -" 2>"$D/err"
    t=$(grep -E '^[0-9.]+ [0-9]+$' "$D/t" | cut -d' ' -f1)
    echo "synthetic 10M events: $t s wall: $(echo "$t" | awk '{printf "%.0f", 1e7 / $1}') events/s," \
        "peak RSS $(grep -E '^[0-9.]+ [0-9]+$' "$D/t" | cut -d' ' -f2 | awk '{printf "%.0f", $1 / 1024}') MB, store $(du -m "$D/10m.db" | cut -f1) MB"
    grep 'load: store' "$D/err" | sed 's/^/    /'
    dyad "10M events: dyad CHN RUS --by month" "$D/10m.db" CHN RUS --by month
    dyad "10M events: dyad CHNGOV 'RUS*' --by year --mentions" "$D/10m.db" CHNGOV 'RUS*' --by year --mentions
    dyad "10M events: dyad 'CHN*MIL' USA --by week --from 2010 --to 2015" "$D/10m.db" 'CHN*MIL' USA --by week --from 2010 --to 2015
fi
