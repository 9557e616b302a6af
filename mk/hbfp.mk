# The HBFP array's part of the build (issue 6): its Verilator checks join
# `make test` (tests/hbfp_verify.sh prints cmocka-style summaries), and the
# larger arrays run in the opt-in `make verify-full`.
TEST_BIN += tests/hbfp_verify.sh
# The Accuracy Booster array (issue 20): both modes, digit extremes, a broken
# recombination that must be caught; `full` adds larger arrays and mutants.
TEST_BIN += tests/hbfp_boost_verify.sh

.PHONY: verify-full-hbfp
verify-full: verify-full-hbfp
verify-full-hbfp: $(BUILD)/macgen
	bash tests/hbfp_verify.sh full
	bash tests/hbfp_boost_verify.sh full

# `make bench`: the Verilated matrix-multiply rate of a 16x16 array (MACs/s).
# One word per command: the top-level Makefile splits BENCH_CMDS on spaces.
BENCH_CMDS += tests/bench_hbfp.sh
