#!/bin/sh
# run.sh -- `make bench`: throughput of entente on real corpora.
#
# Codes Reuters-21578 (JSONL, 21,578 wire stories), reuters2020 and the
# event-sentences corpus (one sentence a line) from ../shared with the
# shallow coder (--fast) and the parse-based coder (the default), then
# tags and parses them (entente parse), and prints documents/s,
# sentences/s, MB/s and peak RSS (--stats), the dictionary and model load
# times and a jq baseline. Timings are for BENCHMARKS.md, never pass/fail.
set -u
E=${1:-build/entente}
S=${SHARED:-../shared}/data/corpora
if [ ! -d "$S" ]; then
    echo "bench: $S not found: skipped (benchmarks need ../shared)"
    exit 0
fi
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
