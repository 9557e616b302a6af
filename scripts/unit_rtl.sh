# Sourced by scripts/float_depth.sh and scripts/qor_flow.sh: a generated
# unit's Verilog for a Yosys flow of their own.
# shellcheck shell=bash

unit_rtl() { # name work UNIT key=value...: sets top
  # Writes the unit into WORK/rtl with macgen (MACGEN) and sets `top` to
  # its top module; exits 3, saying so after NAME:, when that fails.
  # TEMPLATES=DIR: take the template modules from DIR instead of the ones
  # built into macgen (for trying a template change without rebuilding).
  local name=$1 work=$2 f b
  shift 2
  "$MACGEN" rtl "$@" -o "$work/rtl" >/dev/null || exit 3
  if [ -n "${TEMPLATES:-}" ]; then
    for f in "$work"/rtl/mg_*.v; do
      b=$(basename "$f")
      [ -f "$TEMPLATES/$b" ] && [ "$b" != "$(basename "$work"/rtl/*_top.v)" ] && cp "$TEMPLATES/$b" "$f"
    done
  fi
  top=$(sed -n 's/^module \([A-Za-z0-9_]*\).*/\1/p' "$work"/rtl/*_top.v | head -n 1)
  [ -n "$top" ] || { echo "$name: no top module generated" >&2; exit 3; }
}

unit_rtl_read() { # work: the Yosys commands that read WORK/rtl under `top`
  local f
  for f in "$1"/rtl/*.v; do echo "read_verilog $f"; done
  echo "hierarchy -check -top $top"
}
