#!/usr/bin/env bash
# Opt-in: fetches the OSU 0.18um standard-cell liberty (Debian package
# qflow-tech-osu018, GPL) into build/liberty/ for `macgen cost --liberty`.
# The library is never copied into the repository.  Prints the .lib path.
# If the package is installed system-wide, that copy is used instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rel=usr/share/qflow/tech/osu018/osu018_stdcells.lib
if [ -r "/$rel" ]; then echo "/$rel"; exit 0; fi
dest=build/liberty
if [ -r "$dest/$rel" ]; then echo "$dest/$rel"; exit 0; fi
mkdir -p "$dest/download"
( cd "$dest/download" && apt-get download qflow-tech-osu018 >&2 ) || {
  echo "get_liberty: 'apt-get download qflow-tech-osu018' failed (no network or no apt sources?)" >&2
  exit 2
}
dpkg-deb -x "$dest"/download/qflow-tech-osu018_*.deb "$dest"
rm -rf "$dest/download"
[ -r "$dest/$rel" ] || { echo "get_liberty: $rel not found in the package" >&2; exit 2; }
echo "$dest/$rel"
