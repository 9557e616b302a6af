# The HBFP array's part of the build (issue 6): its Verilator checks join
# `make test` (tests/hbfp_verify.sh prints cmocka-style summaries), and the
# larger arrays run in the opt-in `make verify-full`.
TEST_BIN += tests/hbfp_verify.sh

.PHONY: verify-full-hbfp
verify-full: verify-full-hbfp
verify-full-hbfp: $(BUILD)/macgen
	bash tests/hbfp_verify.sh full
