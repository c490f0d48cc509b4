#!/usr/bin/env bash
# HTTP benchmark: Samverkan's authenticated /api/v1/me and /healthz against nginx serving a static
# file of the same size, all on loopback in the same run. Prints medians of RUNS runs.
#   bench/run.sh [RUNS=5] [DURATION=10s] [CONNECTIONS=64]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; DURATION=${2:-10s}; CONNS=${3:-64}; THREADS=2
work=$(mktemp -d /tmp/samverkan-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { local p=$1; while (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# wrk's "99%  1.23ms" -> milliseconds
p99_ms() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
rps() { awk '/^Requests\/sec/ {print $2}'; }

# --- Samverkan
sport=$(free_port 18500)
./build/samverkan serve --db "sqlite:$work/bench.db" --port "$sport" --demo --access-log false \
  --data data/stockholm --static web/dist >"$work/server.log" 2>&1 &
spid=$!; pids+=("$spid")
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$sport/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Samverkan-demo-2026!"}' "http://127.0.0.1:$sport/api/v1/session" >/dev/null
cookie=$(awk '$6=="samverkan_session" {print $7}' "$work/cookies")
me=$(curl -fsS -H "Cookie: samverkan_session=$cookie" "http://127.0.0.1:$sport/api/v1/me")
size=${#me}
sleep 1
rss_rest=$(rss_kb "$spid")

# --- nginx with a static file of the same size
nport=$(free_port 18600)
mkdir -p "$work/nginx/html" "$work/nginx/tmp"
printf '%s' "$me" >"$work/nginx/html/me.json"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$nport; root $work/nginx/html; location / { default_type application/json; } }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 0.5

declare -A R P
rss_load_max=0
run() {  # name url [wrk args]; samples the server's RSS while wrk runs
  local name=$1 url=$2 r
  shift 2
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url" >"$work/wrk.out" &
  local wp=$!
  while kill -0 "$wp" 2>/dev/null; do
    r=$(rss_kb "$spid"); [ "$r" -gt "$rss_load_max" ] && rss_load_max=$r
    sleep 1
  done
  wait "$wp"
  R[$name]+="$(rps <"$work/wrk.out") "
  P[$name]+="$(p99_ms <"$work/wrk.out") "
}
wrk -t2 -c"$CONNS" -d2s -H "Cookie: samverkan_session=$cookie" "http://127.0.0.1:$sport/api/v1/me" >/dev/null  # warm-up
for i in $(seq 1 "$RUNS"); do
  run me "http://127.0.0.1:$sport/api/v1/me" -H "Cookie: samverkan_session=$cookie"
  run healthz "http://127.0.0.1:$sport/healthz"
  run nginx "http://127.0.0.1:$nport/me.json"
done
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: samverkan_session=$cookie" "http://127.0.0.1:$sport/api/v1/me")

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "wrk -t$THREADS -c$CONNS -d$DURATION, $RUNS runs each, medians; body of /api/v1/me and nginx file: $size bytes"
printf '%-28s %12s %10s\n' target req/s p99_ms
for k in me healthz nginx; do
  printf '%-28s %12.0f %10.2f\n' "$k" "$(echo "${R[$k]}" | tr ' ' '\n' | grep . | median)" "$(echo "${P[$k]}" | tr ' ' '\n' | grep . | median)"
done
me_med=$(echo "${R[me]}" | tr ' ' '\n' | grep . | median); ng_med=$(echo "${R[nginx]}" | tr ' ' '\n' | grep . | median)
awk -v a="$me_med" -v b="$ng_med" 'BEGIN {printf "authenticated /api/v1/me vs nginx: %.0f%%\n", 100*a/b}'
echo "all runs /api/v1/me req/s: ${R[me]}"
echo "all runs nginx req/s:      ${R[nginx]}"
echo "server RSS: at rest $((rss_rest / 1024)) MiB, max under load $((rss_load_max / 1024)) MiB; last /api/v1/me status $status"
if [ -x build/micro_benchmarks ]; then
  echo; echo "micro-benchmarks (Google Benchmark):"
  SAMVERKAN_DATA=data/stockholm build/micro_benchmarks --benchmark_repetitions=5 --benchmark_report_aggregates_only=true 2>/dev/null | grep -E "median|Benchmark"
fi
