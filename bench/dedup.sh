#!/bin/sh
# dedup.sh -- the cost of near-duplicate clustering (issue 6 item 4),
# called by bench/run.sh.
#
#   sh bench/dedup.sh [build/entente]
#
# Loads Reuters-21578 (../shared; skipped when absent) with the shallow
# coder (--fast, so that the clustering's share shows) into a fresh store
# with `--near-dup 0.8` (the default) and with `--near-dup off`,
# alternating, BENCH_RUNS times each (default 3), and prints the median
# wall and CPU (user + sys) seconds, documents/s by each, and peak RSS.
set -u
E=${1:-build/entente}
R=${BENCH_RUNS:-3}
C=${SHARED:-../shared}/data/corpora/reuters21578/reuters21578.jsonl
if [ ! -f "$C" ]; then
    echo "bench: $C not found: near-duplicate clustering skipped"
    exit 0
fi
D=$(mktemp -d "${TMPDIR:-/tmp}/entente-dedup.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT
trap 'exit 1' INT TERM
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }
n=$(wc -l <"$C")
i=0
while [ "$i" -lt "$R" ]; do
    for m in 0.8 off; do
        rm -f "$D/s.db" "$D/s.db-wal" "$D/s.db-shm"
        /usr/bin/time -f "%e %U %S %M" -a -o "$D/t-$m" "$E" load --fast \
            --near-dup "$m" --db "$D/s.db" "$C" 2>"$D/err-$m"
    done
    i=$((i + 1))
done
echo "== near-duplicate clustering: entente load --fast reuters21578.jsonl ($n documents), median of $R"
for m in 0.8 off; do
    w=$(grep -E '^[0-9.]+ ' "$D/t-$m" | cut -d' ' -f1 | median)
    c=$(grep -E '^[0-9.]+ ' "$D/t-$m" | awk '{print $2 + $3}' | median)
    k=$(grep -E '^[0-9.]+ ' "$D/t-$m" | cut -d' ' -f4 | median)
    echo "--near-dup $m: $w s wall ($(echo "$n $w" | awk '{printf "%.0f", $1 / $2}') documents/s)," \
        "$c s CPU ($(echo "$n $c" | awk '{printf "%.0f", $1 / $2}') documents/s), peak RSS $((k / 1024)) MB"
    grep 'near-duplicate stories' "$D/err-$m" | sed 's/^/    /'
done
