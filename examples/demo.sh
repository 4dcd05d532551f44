#!/bin/sh
# demo.sh -- the main job: code the example news digest and summarise it.
#
# Prints every event (date, source, target, CAMEO code and name, the
# sentence), one line per directed dyad (events by QuadClass, Goldstein
# sum and mean), then stores the events (entente load), shows the
# China-Russia dyad by year (entente dyad) and writes the dyad report
# (entente report) to build/demo-report/. Run through `make demo`.
set -eu
E=${1:-build/entente}
OUT=${TMPDIR:-/tmp}/entente-demo.$$.tsv
DB=${TMPDIR:-/tmp}/entente-demo.$$.db
REPORT=${DEMO_REPORT:-build/demo-report}
trap 'rm -f "$OUT" "$DB" "$DB-wal" "$DB-shm"' EXIT
"$E" code --format tsv --with-text --stats examples/news.jsonl >"$OUT"
echo "== events coded from examples/news.jsonl"
awk -F'\t' 'NR > 1 { printf "%s  %-10s %-10s %-4s %s\n    \"%s\"\n", $1, $2, $4, $6, $10, $NF }' "$OUT"
echo
echo "== per-dyad summary (country level; organisations by code)"
echo "   quad: 0 neutral, 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict"
awk -F'\t' '
NR > 1 {
    s = ($3 != "") ? $3 : $2; t = ($5 != "") ? $5 : $4
    k = s " -> " t
    n[k]++; q[k, $8]++; g[k] += $9
}
END {
    printf "%-24s %6s %5s %5s %5s %5s %5s %9s %7s\n", "dyad", "events", "q0", "q1", "q2", "q3", "q4", "goldstein", "mean"
    for (k in n)
        printf "%-24s %6d %5d %5d %5d %5d %5d %9.1f %7.2f\n", k, n[k], q[k,0], q[k,1], q[k,2], q[k,3], q[k,4], g[k], g[k] / n[k]
}' "$OUT" | { read -r h; echo "$h"; sort -k4,4nr -k1,1; } | head -31
echo
echo "== the store: entente load, then entente dyad CHN RUS --by year"
"$E" load --db "$DB" examples/news.jsonl
"$E" dyad CHN RUS --db "$DB" --by year
echo
echo "== entente report CHN RUS --by year (natural or by necessity?)"
"$E" report CHN RUS --db "$DB" --by year --out "$REPORT"
