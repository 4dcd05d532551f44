#!/bin/sh
# run.sh -- every test behind one command: unit tests, golden coding cases
# and CLI tests. Ends with one line "N passed, N failed".
#
#   BUILD=build sh tests/run.sh
set -u
B=${BUILD:-build}
P=0; F=0; S=0
count() { # parse "x: N passed, N failed[, N skipped...]" from the log
    line=$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed' "$1" | tail -1)
    if [ -z "$line" ]; then F=$((F+1)); echo "($2 printed no summary: counted as a failure)"; return; fi
    p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    s=$(echo "$line" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
    P=$((P+p)); F=$((F+f)); S=$((S+${s:-0}))
}
L=$(mktemp /tmp/entente-test.XXXXXX)
trap 'rm -f "$L"' EXIT

echo "== unit tests"
"$B/unit" >"$L" 2>&1; cat "$L"; count "$L" unit
echo "== golden coding cases (tests/coding)"
if ls tests/coding/*.test >/dev/null 2>&1; then
    "$B/golden" tests/coding/*.test >"$L" 2>&1; cat "$L"; count "$L" golden
else
    echo "no golden files"; F=$((F+1))
fi
echo "== golden coding cases with the dependency parse (--parse)"
"$B/golden" --parse tests/coding/*.test tests/coding-parse/*.test >"$L" 2>&1; cat "$L"; count "$L" golden
echo "== CLI tests"
sh tests/cli/run.sh "$B" >"$L" 2>&1; cat "$L"; count "$L" cli
echo
if [ "$S" -gt 0 ]; then
    echo "$P passed, $F failed, $S skipped"
else
    echo "$P passed, $F failed"
fi
[ "$F" -eq 0 ]
