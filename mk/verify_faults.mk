# The verify faults of issue 10 (tests/faults/verify_cache.sh: cache damage,
# read-only and long cache paths, --rtl DIR checks, signals during a build)
# join `make test`; one small unit is built, so it stays cheap.

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

TEST_BIN += tests/faults/verify_cache.sh
