#!/usr/bin/env bash
# Times whole fledger commands next to the sqlite3 shell doing the nearest equivalent.
#
#   bench/run.sh [SIZES...]        default: 10000 100000 1000000
#
# Needs python3, sqlite3 and GNU time (/usr/bin/time). Builds the release binary, generates
# the CSVs once (cached under target/bench/), imports each into a fresh fledger ledger, into
# a plain sqlite3 table, and (bench/normalise.sql) into fledger's schema by sqlite3, then times score, score --group-by forecaster, add (median of
# ADD_RUNS), list --due and export (median of READ_RUNS each). Environment: FLEDGER (binary
# to time), ADD_RUNS, READ_RUNS,
# RESULTS (where the raw tab-separated results go). Wall seconds and peak RSS come from /usr/bin/time.
# Results: a table on stdout and target/bench/results.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000 1000000}")
read -r -a SIZES <<<"${SIZES[*]}"
ADD_RUNS=${ADD_RUNS:-9}
READ_RUNS=${READ_RUNS:-3}
OUT=target/bench
mkdir -p "$OUT"
# FLEDGER=path/to/binary times another build (e.g. an older commit's) instead.
if [ -z "${FLEDGER:-}" ]; then
    cargo build --release --quiet
    FLEDGER=$PWD/target/release/fledger
fi
export FLEDGER_USER=bench
TIME=/usr/bin/time

# run LABEL CMD... : appends "label<TAB>seconds<TAB>peak_kb" to $RESULTS
run() {
    local label=$1; shift
    "$TIME" -f '%e %M' -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || {
        echo "FAILED: $label" >&2; cat "$OUT/stderr.txt" >&2; exit 1; }
    read -r secs kb <"$OUT/time.txt"
    printf '%s\t%s\t%s\n' "$label" "$secs" "$kb" >>"$RESULTS"
}

# run_median LABEL CMD... : as run, the median wall time of READ_RUNS runs and their largest
# peak: a single read can land on a page cache the previous command's writes just evicted.
run_median() {
    local label=$1; shift
    local secs=() peak=0
    for _ in $(seq "$READ_RUNS"); do
        "$TIME" -f '%e %M' -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || {
            echo "FAILED: $label" >&2; cat "$OUT/stderr.txt" >&2; exit 1; }
        read -r s kb <"$OUT/time.txt"
        secs+=("$s"); [ "$kb" -gt "$peak" ] && peak=$kb
    done
    local median
    median=$(printf '%s\n' "${secs[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%s\t%s\t%s\n' "$label" "$median" "$peak" >>"$RESULTS"
}

# median_ms CMD... : median wall time in ms of ADD_RUNS runs (high-resolution clock)
median_ms() {
    local times=()
    for _ in $(seq "$ADD_RUNS"); do
        local t0 t1
        t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

RESULTS=${RESULTS:-$OUT/results.tsv}
: >"$RESULTS"
SCORE_SQL="SELECT count(*), avg((p-o)*(p-o)) FROM (SELECT CAST(probability AS REAL) AS p,
  (outcome = 'yes') AS o FROM preds WHERE outcome IN ('yes','no') AND probability <> ''
  AND made_on <= resolved_on);"
GROUP_SQL="SELECT forecaster, count(*), avg((p-o)*(p-o)) FROM (SELECT forecaster,
  CAST(probability AS REAL) AS p, (outcome = 'yes') AS o FROM preds
  WHERE outcome IN ('yes','no') AND probability <> '' AND made_on <= resolved_on)
  GROUP BY forecaster;"
DUE_SQL="SELECT * FROM preds WHERE outcome = '' AND resolve_by <= date('now');"

for n in "${SIZES[@]}"; do
    csv=$OUT/ledger-$n.csv
    [ -s "$csv" ] || python3 bench/generate.py "$n" -o "$csv"
    db=$OUT/fledger-$n.db
    plain=$OUT/plain-$n.db
    schema_db=$OUT/schema-$n.db
    rm -f "$db" "$db-wal" "$db-shm" "$plain"
    run "$n import fledger" "$FLEDGER" --db "$db" import "$csv"
    run "$n import sqlite3" sqlite3 "$plain" ".import --csv $csv preds"
    # The same fledger import next to sqlite3 writing the same rows into fledger's schema.
    grep "^$n import fledger" "$RESULTS" | sed "s/import fledger/import-schema fledger/" >>"$RESULTS"
    rm -f "$schema_db" "$schema_db-wal" "$schema_db-shm"
    run "$n import-schema sqlite3" sqlite3 "$schema_db" "PRAGMA journal_mode = WAL" \
        ".read schema.sql" ".import --csv $csv raw" ".read bench/normalise.sql"
    # The imports leave gigabytes of dirty pages; the kernel writing them back would slow
    # whichever reads come first.
    sync
    run_median "$n score fledger" "$FLEDGER" --db "$db" score --json
    run_median "$n score sqlite3" sqlite3 "$plain" "$SCORE_SQL"
    run_median "$n score-group fledger" "$FLEDGER" --db "$db" score --json --group-by forecaster
    run_median "$n score-group sqlite3" sqlite3 "$plain" "$GROUP_SQL"
    run_median "$n list-due fledger" "$FLEDGER" --db "$db" list --due --json
    run_median "$n list-due sqlite3" sqlite3 -json "$plain" "$DUE_SQL"
    run_median "$n export fledger" "$FLEDGER" --db "$db" export predictions -o "$OUT/export-$n.csv"
    run_median "$n export sqlite3" sqlite3 -csv -header "$plain" "SELECT * FROM preds;"
    # The exports above leave dirty pages too; every commit's fsync would wait for the kernel
    # to write them back, timing the disk rather than the command.
    sync
    ms=$(median_ms "$FLEDGER" --db "$db" add "Benchmark add $RANDOM" -p 0.3 --by bench)
    printf '%s\t%s\t%s\n' "$n add fledger (median ms)" "$ms" "-" >>"$RESULTS"
    ms=$(median_ms sqlite3 "$plain" "INSERT INTO preds(statement, probability) VALUES ('x', '0.3');")
    printf '%s\t%s\t%s\n' "$n add sqlite3 (median ms)" "$ms" "-" >>"$RESULTS"
done

# Table: each fledger line next to its sqlite3 line, with the ratio.
awk -F'\t' '
  { key=$1; sub(/ (fledger|sqlite3).*/, "", key); unit=($1 ~ /ms\)/) ? "ms" : "s"
    if ($1 ~ /fledger/) { f[key]=$2; fm[key]=$3; order[++k]=key; u[key]=unit } else { s[key]=$2; sm[key]=$3 } }
  END {
    printf "| %-20s | %10s | %10s | %7s | %14s | %14s |\n", "size / command", "fledger", "sqlite3", "ratio", "fledger peak", "sqlite3 peak"
    printf "|%s|%s|%s|%s|%s|%s|\n", "----------------------", "------------", "------------", "---------", "----------------", "----------------"
    for (i=1; i<=k; i++) { key=order[i]
      ratio = (s[key] > 0) ? sprintf("%.2f", f[key]/s[key]) : "n/a"
      fpk = (fm[key] == "-") ? "-" : sprintf("%.0f MB", fm[key]/1024)
      spk = (sm[key] == "-") ? "-" : sprintf("%.0f MB", sm[key]/1024)
      printf "| %-20s | %8s %s | %8s %s | %7s | %14s | %14s |\n", key, f[key], u[key], s[key], u[key], ratio, fpk, spk }
  }' "$RESULTS"
