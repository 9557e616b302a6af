# The float MAC array and the hierarchical array cost (issue 6, items 2, 4-6):
# tests/array_verify.sh joins `make test` (cmocka-style summaries) and, with
# `full`, `make verify-full`; the 128x128 cost benchmark joins `make bench`.
# The density report is mk/density.mk.

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

TEST_BIN += tests/array_verify.sh
# One word per command: the top-level Makefile splits BENCH_CMDS on spaces.
BENCH_CMDS += tests/bench_array_cost.sh

.PHONY: verify-full-array
verify-full: verify-full-array
verify-full-array: $(BUILD)/macgen
	bash tests/array_verify.sh full
