# arch=auto|area|speed (issue 19): tests/arch_check.sh joins `make test`
# (arch=speed is today's Verilog byte for byte; the area variants lint and
# verify; about 2 minutes); `make verify-full` adds every unit of docs/qor.md
# in both arch settings (tests/arch_verify_full.sh, exhaustive where the
# input space is at most 2^24); `make report-qor` regenerates docs/qor.md
# and docs/qor.csv; `make qor-check` re-runs the issue's done-when checks
# (scripts/qor_check.sh).

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

TEST_BIN += tests/arch_check.sh

.PHONY: report-qor qor-check verify-full-arch
report: report-qor
report-qor: $(BUILD)/macgen
	bash scripts/qor_table.sh

qor-check: $(BUILD)/macgen
	bash scripts/qor_check.sh

verify-full: verify-full-arch
verify-full-arch: $(BUILD)/macgen
	bash tests/arch_verify_full.sh
