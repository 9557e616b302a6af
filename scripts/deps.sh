#!/usr/bin/env bash
# Installs the Debian packages macgen needs.  As root it runs apt-get;
# otherwise it prints the exact command and exits 2.
set -euo pipefail
PACKAGES=(build-essential pkg-config python3 yosys verilator iverilog libcmocka-dev libcjson-dev gnuplot-nox ccache qflow-tech-osu018 opensta parallel python3-numpy python3-sklearn)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all packages present (${PACKAGES[*]})"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing ${missing[*]}; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
