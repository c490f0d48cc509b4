#!/usr/bin/env bash
# The situation picture at N incidents (default 10 million), against its peers on the same rows:
#   1. generate N synthetic incidents (seed 1, 3 years, points inside the real polygons), as NDJSON
#      for Samverkan and as the peers' CSV (../shared/bench/PEERS.md) from the same generator run;
#   2. import the NDJSON with `samverkan import incidents` into SQLite (area assignment included),
#      beside PostgreSQL COPY of the same rows into an indexed table;
#   3. the weekly city picture (52 weeks x districts x categories) in the engine (Google Benchmark),
#      in PostgreSQL 15 and in SQLite (query (b) of PEERS.md), and one district x category x 3 years (c);
#   4. server start-up to its first picture, RSS growth, and wrk -c64 on the picture endpoint.
# Prints medians of RUNS runs.
#   bench/est.sh [N=10000000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000000}; RUNS=${2:-5}
work=${EST_BENCH_DIR:-$(mktemp -d /tmp/samverkan-est.XXXXXX)}
mkdir -p "$work"
pid=; pgdir=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$pgdir" ] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
  [ -z "${EST_BENCH_KEEP:-}" ] && rm -rf "$work" "$pgdir" || true
}
trap cleanup EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
ms() { awk -v k="$1" '$1==k {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
free_port() { local p=$1; while (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; do p=$((p + 1)); done; echo $p; }
db="$work/est.db"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "N = $N incidents, $RUNS runs; work dir $work"

# --- 1. Data --------------------------------------------------------------------------------------
if [ ! -s "$work/inc.ndjson" ]; then
  rm -f "$db"*
  ./build/samverkan migrate --db "sqlite:$db" >/dev/null
  # The demo organisations and users (no demo incidents): the generator attributes to real organisations.
  port=$(free_port 18950)
  ./build/samverkan serve --db "sqlite:$db" --port "$port" --demo --demo-incidents 0 --access-log false >"$work/seed.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  end=$(date -d yesterday +%F)
  t0=$(now)
  ./build/samverkan generate incidents --db "sqlite:$db" --count "$N" --seed 1 --end "$end" > "$work/inc.ndjson"
  ./build/samverkan generate incidents --db "sqlite:$db" --count "$N" --seed 1 --end "$end" --peer-csv > "$work/inc.csv"
  echo "generated $N incidents twice (NDJSON and CSV) in $(echo "$(now) - $t0" | bc) s"
fi

# --- 2. Import --------------------------------------------------------------------------------------
if [ -z "${EST_BENCH_SKIP_IMPORT:-}" ]; then
  t0=$(now)
  ./build/samverkan import incidents --db "sqlite:$db" --format ndjson "$work/inc.ndjson" --json > "$work/import.json" 2>"$work/import.log"
  secs=$(echo "$(now) - $t0" | bc)
  python3 - "$work/import.json" "$secs" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); secs = float(sys.argv[2])
print(f"import into SQLite: {s['accepted']} accepted, {s['duplicates']} duplicates, {s['rejected_count']} rejected in {secs:.1f} s = {s['total']/secs:,.0f} rows/s")
PY
  ls -la "$db" | awk '{printf "SQLite file: %.2f GiB\n", $5/1073741824}'
fi

# --- PostgreSQL 15 peer ----------------------------------------------------------------------------
pgdir=$(mktemp -d /tmp/samverkan-est-pg.XXXXXX); chown postgres "$pgdir"
pgport=$(free_port 55600)
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pgdir/data" -A trust >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=4GB -c effective_cache_size=16GB -c work_mem=64MB -c maintenance_work_mem=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c random_page_cost=1.1 -c max_parallel_workers_per_gather=2 -c timezone=UTC -c jit=off" start >/dev/null
psql_() { psql -h 127.0.0.1 -p "$pgport" -U postgres -qAtX "$@"; }
chmod o+r "$work/inc.csv"; chmod o+x "$work"
psql_ -c "CREATE TABLE incidents(id bigserial, ts timestamptz, district smallint, category smallint, source smallint, lat double precision, lon double precision, text text)"
t0=$(now)
psql_ -c "COPY incidents (id, ts, district, category, source, lat, lon, text) FROM '$work/inc.csv' (FORMAT csv)"
copy_s=$(echo "$(now) - $t0" | bc)
t0=$(now)
psql_ -c "CREATE INDEX ON incidents (district, category, ts)"
psql_ -c "VACUUM ANALYZE incidents"
idx_s=$(echo "$(now) - $t0" | bc)
echo "PostgreSQL COPY: $copy_s s = $(echo "$N / $copy_s" | bc) rows/s (then index + VACUUM ANALYZE $idx_s s)"
week_start=$(python3 -c "import datetime as d; t=d.date.today(); m=t-d.timedelta(days=t.weekday()); print(m-d.timedelta(weeks=51))")
qb="SELECT district, date_bin('7 days', ts, TIMESTAMPTZ '2001-01-01') w, category, count(*) FROM incidents WHERE ts >= TIMESTAMPTZ '$week_start' GROUP BY 1,2,3"
qb2="SELECT district, date_trunc('week', ts) w, category, count(*) FROM incidents WHERE ts >= now() - interval '52 weeks' GROUP BY 1,2,3"
qc="SELECT date_bin('7 days', ts, TIMESTAMPTZ '2001-01-01') w, count(*) FROM incidents WHERE district = 5 AND category = 2 AND ts >= now() - interval '156 weeks' GROUP BY 1"
pg_time() { # median ms of RUNS runs of a query, after one warm-up
  psql_ -c "$1" >/dev/null
  for _ in $(seq 1 "$RUNS"); do
    psql_ -c '\timing on' -c "$1" | awk '/^Time:/ {print $2}'
  done | median
}
pg_b=$(pg_time "$qb"); pg_b2=$(pg_time "$qb2"); pg_c_idx=$(pg_time "$qc")
psql_ -c "DROP INDEX incidents_district_category_ts_idx"
pg_c=$(pg_time "$qc")
echo "PostgreSQL (b) weekly city picture: date_bin ${pg_b} ms, date_trunc ${pg_b2} ms; (c) ${pg_c} ms without index, ${pg_c_idx} ms with (district, category, ts)"

# --- SQLite peer ----------------------------------------------------------------------------------
peer="$work/peer.db"
rm -f "$peer"*
t0=$(now)
python3 - "$work/inc.csv" "$peer" <<'PY'
import csv, sqlite3, sys, datetime
con = sqlite3.connect(sys.argv[2])
con.execute("PRAGMA journal_mode=WAL"); con.execute("PRAGMA synchronous=NORMAL")
con.execute("CREATE TABLE incidents(id INTEGER PRIMARY KEY, ts INTEGER, district INTEGER, category INTEGER, source INTEGER, lat REAL, lon REAL, text TEXT)")
def rows():
    with open(sys.argv[1]) as f:
        for r in csv.reader(f):
            ts = int(datetime.datetime.fromisoformat(r[1].replace('Z', '+00:00')).timestamp())
            yield (int(r[0]), ts, int(r[2]), int(r[3]), int(r[4]), float(r[5]), float(r[6]), r[7])
con.executemany("INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?)", rows())
con.commit()
PY
sq_load=$(echo "$(now) - $t0" | bc)
cut_epoch=$(date -d "$week_start" +%s)
monday2001=$(date -ud 2001-01-01 +%s)
sq_b="SELECT district, (ts - $monday2001) / 604800 AS w, category, count(*) FROM incidents WHERE ts >= $cut_epoch GROUP BY 1, 2, 3;"
sq_c="SELECT (ts - $monday2001) / 604800 AS w, count(*) FROM incidents WHERE district = 5 AND category = 2 AND ts >= $(( $(date +%s) - 156 * 604800 )) GROUP BY 1;"
sq_time() {
  sqlite3 "$peer" "$1" >/dev/null
  for _ in $(seq 1 "$RUNS"); do
    a=$(now); sqlite3 "$peer" "$1" >/dev/null; echo "($(now) - $a) * 1000" | bc
  done | median
}
sqb=$(sq_time "$sq_b"); sqc=$(sq_time "$sq_c")
sqlite3 "$peer" "CREATE INDEX i_dct ON incidents (district, category, ts);"
sqc_idx=$(sq_time "$sq_c")
echo "SQLite peer: load (Python csv + executemany) $sq_load s; (b) ${sqb} ms; (c) ${sqc} ms without index, ${sqc_idx} ms with"

# --- 3. The engine --------------------------------------------------------------------------------
SAMVERKAN_BENCH_DB="$db" ./build/micro_benchmarks --benchmark_filter='Picture|Matrix|Category3Years' \
  --benchmark_repetitions="$RUNS" --benchmark_report_aggregates_only=true --benchmark_format=json > "$work/engine.json"
python3 - "$work/engine.json" "$pg_b" "$sqb" "$pg_c_idx" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); pg_b = float(sys.argv[2]); sq_b = float(sys.argv[3]); pg_c = float(sys.argv[4])
med = {b['run_name']: b for b in d['benchmarks'] if b['aggregate_name'] == 'median'}
for name, b in med.items():
    print(f"engine {name}: median {b['real_time']:.3f} ms")
city = med['BM_CityWeeklyPicture']
m = med['BM_CityMatrix52Weeks/cube']['real_time']
print(f"engine index: {city.get('incidents', 0):,.0f} incidents, {city.get('index_bytes_per_incident', 0):.1f} bytes/incident, "
      f"RSS growth {city.get('rss_growth_MiB', 0):.0f} MiB, load {city.get('load_s', 0):.2f} s")
print(f"(b) ratio: PostgreSQL {pg_b / m:,.0f}x, SQLite {sq_b / m:,.0f}x slower than the engine's matrix; "
      f"whole picture {pg_b / city['real_time']:,.0f}x faster than PostgreSQL's query alone")
print(f"(c) ratio: PostgreSQL with its best index {pg_c / med['BM_DistrictCategory3Years']['real_time']:,.1f}x slower")
PY

# --- 4. The server ---------------------------------------------------------------------------------
port=$(free_port 18960)
t0=$(now)
./build/samverkan serve --db "sqlite:$db" --port "$port" --access-log false >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
curl -fsS -c "$work/c" -H 'Content-Type: application/json' \
  -d '{"username":"coordinator","password":"Samverkan-demo-2026!"}' "$base/api/v1/session" >/dev/null
cookie="Cookie: samverkan_session=$(awk '$6=="samverkan_session" {print $7}' "$work/c")"
city=$(curl -fsS -H "$cookie" "$base/api/v1/situation-areas" | python3 -c 'import json,sys; print([a["id"] for a in json.load(sys.stdin)["items"] if a["kind"]=="municipality"][0])')
curl -fsS -o /dev/null -H "$cookie" "$base/api/v1/situation-picture?area=$city"
echo "server start-up to first city picture: $(echo "$(now) - $t0" | bc) s ($(grep -o 'incident index: .*' "$work/server.log"))"
echo "server RSS after start-up: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
path="/api/v1/situation-picture?area=$city"
RPS=; P99=; P50=
for _ in $(seq 1 "$RUNS"); do
  out=$(wrk -t2 -c64 -d10s --latency -H "$cookie" "$base$path")
  RPS+="$(echo "$out" | awk '/^Requests\/sec/ {print $2}') "; P50+="$(echo "$out" | ms 50%) "; P99+="$(echo "$out" | ms 99%) "
done
echo "wrk -t2 -c64 -d10s on the weekly city picture ($(curl -fsS -H "$cookie" "$base$path" | wc -c) bytes): median $(echo "$RPS" | tr ' ' '\n' | grep . | median) req/s, p50 $(echo "$P50" | tr ' ' '\n' | grep . | median) ms, p99 $(echo "$P99" | tr ' ' '\n' | grep . | median) ms"
echo "server RSS under load: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
