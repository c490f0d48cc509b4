#!/usr/bin/env bash
# Governance at 12 years of history (5,000 meetings, 50,000 decisions, 500 reports): wrk with 64
# connections against the health view, a quarterly report draft (the preview endpoint runs the same
# drafting without storing) and a report's PDF. Prints medians of RUNS runs.
#   bench/governance.sh [RUNS=5] [DURATION=10s]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; DURATION=${2:-10s}
work=$(mktemp -d /tmp/samverkan-gbench.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ms() { awk -v k="$1" '$1==k {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }

echo "seeding 12 years of governance history..."
./build/governance_seed "sqlite:$work/g.db" data/stockholm
port=18900; while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
./build/samverkan serve --db "sqlite:$work/g.db" --port "$port" --access-log false >"$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS -c "$work/c" -H 'Content-Type: application/json' \
  -d '{"username":"coordinator","password":"Samverkan-demo-2026!"}' "$base/api/v1/session" >/dev/null
cookie="Cookie: samverkan_session=$(awk '$6=="samverkan_session" {print $7}' "$work/c")"
# A group whose 12 years of quarterly reports the seed wrote.
curl -fsS -H "$cookie" "$base/api/v1/reporting" >"$work/reporting.json"
obligation=$(python3 -c 'import json,sys; print([o["id"] for o in json.load(open(sys.argv[1]))["items"] if o["starts_on"]=="2015-01-01"][0])' "$work/reporting.json")
report=$(python3 -c 'import json,sys; print([p["report_id"] for o in json.load(open(sys.argv[1]))["items"] if o["id"]==sys.argv[2] for p in o["periods"] if p["report_id"]][-1])' "$work/reporting.json" "$obligation")
for path in "/api/v1/governance/health" "/api/v1/obligations/$obligation/preview?period_start=2026-04-01" "/api/v1/reports/$report/pdf"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$cookie" "$base$path"); [ "$code" = 200 ] || { echo "$path answered $code"; exit 1; }
done
rows=$(curl -fsS -H "$cookie" "$base/api/v1/obligations/$obligation/preview?period_start=2026-04-01" | python3 -c 'import json,sys; print(sum(len(s["rows"]) for s in json.load(sys.stdin)["sections"]))')
echo "quarter 2026-Q2 of one group: $rows table rows in its report"

declare -A P50 P99 RPS
for i in $(seq 1 "$RUNS"); do
  for name in health draft pdf; do
    case $name in
      health) path="/api/v1/governance/health" ;;
      draft) path="/api/v1/obligations/$obligation/preview?period_start=2026-04-01" ;;
      pdf) path="/api/v1/reports/$report/pdf" ;;
    esac
    out=$(wrk -t2 -c64 -d"$DURATION" --latency -H "$cookie" "$base$path")
    P50[$name]+="$(echo "$out" | ms 50%) "; P99[$name]+="$(echo "$out" | ms 99%) "
    RPS[$name]+="$(echo "$out" | awk '/^Requests\/sec/ {print $2}') "
  done
done
echo
echo "wrk -t2 -c64 -d$DURATION, $RUNS runs, medians (latency under 64 concurrent connections)"
printf '%-8s %10s %10s %10s\n' target req/s p50_ms p99_ms
for k in health draft pdf; do
  printf '%-8s %10.0f %10.2f %10.2f\n' "$k" "$(echo "${RPS[$k]}" | tr ' ' '\n' | grep . | median)" \
    "$(echo "${P50[$k]}" | tr ' ' '\n' | grep . | median)" "$(echo "${P99[$k]}" | tr ' ' '\n' | grep . | median)"
done
# Uncached: each request after a fresh write (health), for a quarter not drafted before (draft), or
# for a report not rendered before (pdf): what the first reader waits.
echo
echo "uncached, one request at a time (median ms of 20):"
csrf=$(curl -fsS -H "$cookie" "$base/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
group=$(python3 -c 'import json,sys; print([o["group_id"] for o in json.load(open(sys.argv[1]))["items"] if o["id"]==sys.argv[2]][0])' "$work/reporting.json" "$obligation")
for _ in $(seq 1 20); do
  curl -fsS -o /dev/null -H "$cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json'     -d '{"held_on":"2026-11-01","parties":"Styrgruppen","topic":"Benchmark","follow_ups":[]}' "$base/api/v1/groups/$group/dialogue"
  curl -s -o /dev/null -w '%{time_total}\n' -H "$cookie" "$base/api/v1/governance/health"
done | awk '{print $1*1000}' | median | xargs printf '%-8s %8.2f\n' health
python3 -c 'import json,sys; print("\n".join(p["period_start"] for o in json.load(open(sys.argv[1]))["items"] if o["id"]==sys.argv[2] for p in o["periods"][-21:-1]))' "$work/reporting.json" "$obligation" |
  while read -r q; do curl -s -o /dev/null -w '%{time_total}\n' -H "$cookie" "$base/api/v1/obligations/$obligation/preview?period_start=$q"; done |
  awk '{print $1*1000}' | median | xargs printf '%-8s %8.2f\n' draft
python3 -c 'import json,sys; print("\n".join(p["report_id"] for o in json.load(open(sys.argv[1]))["items"] if o["id"]==sys.argv[2] for p in o["periods"] if p["report_id"]))' "$work/reporting.json" "$obligation" | head -21 | tail -20 |
  while read -r r; do curl -s -o /dev/null -w '%{time_total}\n' -H "$cookie" "$base/api/v1/reports/$r/pdf"; done |
  awk '{print $1*1000}' | median | xargs printf '%-8s %8.2f\n' pdf
echo
echo "cached, one request at a time (20 requests each, median ms):"
for name in health draft pdf; do
  case $name in
    health) path="/api/v1/governance/health" ;;
    draft) path="/api/v1/obligations/$obligation/preview?period_start=2026-04-01" ;;
    pdf) path="/api/v1/reports/$report/pdf" ;;
  esac
  for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' -H "$cookie" "$base$path"; done | awk '{print $1*1000}' | median | xargs printf '%-8s %8.2f\n' "$name"
done
