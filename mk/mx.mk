# The MX units' part of the build (issue 12): their Verilator checks join
# `make test` (tests/mx_verify.sh prints cmocka-style summaries), the larger
# arrays run in `make verify-full`, and `make bench` adds the Verilated
# mx_array rate (the model's mx_dot rate is in tests/bench_model.c).
TEST_BIN += tests/mx_verify.sh

.PHONY: verify-full-mx
verify-full: verify-full-mx
verify-full-mx: $(BUILD)/macgen
	bash tests/mx_verify.sh full

# One word per command: the top-level Makefile splits BENCH_CMDS on spaces.
BENCH_CMDS += tests/bench_mx.sh
