#!/usr/bin/env bash
# `make verify-full` part of issue 19: every unit of docs/qor.md (and the
# flags=1 forms of mul and add) verified in both arch settings; macgen verify
# runs every input exhaustively where the space is at most 2^24, seeded
# random vectors and corner cases otherwise; the combinational lba12 MACs
# exhaustively (2^28) in both.  Minutes; prints a summary, exit 1 on a
# failure.
set -u
# shellcheck source=tests/lib_check.sh
. "$(dirname "$0")/lib_check.sh"
for arch in area speed; do
  for op in mul add; do
    for f in e2m1 e3m2 e2m3 e4m3 e5m2 lba8 bf16 fp16 fp32; do
      for flags in 0 1; do
        check "verify $op $f flags=$flags arch=$arch" 0 "$MACGEN" verify $op a=$f b=$f out=$f flags=$flags arch=$arch
      done
    done
  done
  lba="mac w=lba8 a=lba8 acc=lba12 round=rtz"
  for form in "" "fused=1"; do
    # shellcheck disable=SC2086
    check "verify $lba $form arch=$arch --exhaustive" 0 "$MACGEN" verify $lba $form arch=$arch --exhaustive
  done
  for lean in "" "flags=0 events=0"; do
    # shellcheck disable=SC2086
    check "verify $lba fused=1 acc_reg=1 $lean arch=$arch" 0 "$MACGEN" verify $lba fused=1 acc_reg=1 $lean \
      arch=$arch --vectors 2000000
  done
  for f in fp16 fp32; do
    check "verify fma $f arch=$arch" 0 "$MACGEN" verify mac w=$f a=$f acc=$f fused=1 round=rne arch=$arch \
      --vectors 2000000
  done
  check "verify quant fp32 -> e4m3 arch=$arch" 0 "$MACGEN" verify quant in=fp32 out=e4m3 arch=$arch
  check "verify dot arch=$arch" 0 "$MACGEN" verify dot arch=$arch
  check "verify mac_array pe=lba arch=$arch" 0 "$MACGEN" verify mac_array pe=lba rows=4 cols=4 arch=$arch
done
check_summary
