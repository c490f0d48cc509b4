#!/usr/bin/env bash
# Action plans at 11 districts × 200 measures × 5 years of monthly follow-ups: the citywide roll-up
# and one district plan's xlsx export, on SQLite and on PostgreSQL 15 (a scratch cluster started
# here), by Google Benchmark. Prints the medians of RUNS repetitions.
#   bench/plans.sh [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
pgdir=$(mktemp -d /tmp/samverkan-plans-pg.XXXXXX); chown postgres "$pgdir"
trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
port=55700; while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pgdir/data" -A trust >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c timezone=UTC -c jit=off" start >/dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -qAtX -c "CREATE DATABASE plans_bench" >/dev/null
export SAMVERKAN_BENCH_PG="postgresql://postgres@127.0.0.1:$port/plans_bench"
echo "seeding 11 × 200 measures × 60 monthly follow-ups into SQLite and PostgreSQL, then $RUNS repetitions..."
./build/micro_benchmarks --benchmark_filter='BM_Plan' --benchmark_repetitions="$RUNS" \
  --benchmark_report_aggregates_only=true --benchmark_format=json --benchmark_out="$pgdir/plans.json" >/dev/null
python3 - "$pgdir/plans.json" <<'PY'
import json, sys
rows = {b["run_name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"}
targets = {"BM_PlanCitywideRollup": 20, "BM_PlanDistrictXlsx": 500}
print(f"{'benchmark':<40} {'median ms':>10} {'target':>8}")
for name, b in sorted(rows.items()):
    base = name.split("/")[0].rsplit("_", 1)[0]
    ms = b["real_time"] if b["time_unit"] == "ms" else b["real_time"] / 1e6
    t = targets.get(base)
    print(f"{name.split('/')[0]:<40} {ms:>10.2f} {('< %d' % t) if t else '':>8}{'  MISSED' if t and ms >= t else ''}")
PY
