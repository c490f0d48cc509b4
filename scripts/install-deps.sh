#!/usr/bin/env bash
# Installs the Debian packages Samverkan needs to build, test and benchmark.
# Idempotent: does nothing when every package is already present.
set -euo pipefail
PKGS=(cmake ninja-build ccache g++ pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
      libsqlite3-dev sqlite3 libpq-dev libsodium-dev zlib1g-dev libspdlog-dev libfmt-dev libgtest-dev libbenchmark-dev
      libhowardhinnant-date-dev tzdata libcairo2-dev libpango1.0-dev libical-dev libxlsxwriter-dev fonts-dejavu-core poppler-utils postgresql wrk bc nginx-light chromium curl ca-certificates)
# Node.js comes from the machine image (Node 20); fall back to Debian's when it is absent.
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
