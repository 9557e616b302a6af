# Energy per operation (issue 22, docs/energy.md): the known-answer tests
# with the real tools join `make test` (tests/test_energy.c is built like
# every tests/test_*.c); `make bench` times macgen energy on the lba12 MAC
# (10,000 cycles) and on a 64x64 array.

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

TEST_BIN += tests/energy_known.sh
# One word per command: the top-level Makefile splits BENCH_CMDS on spaces.
BENCH_CMDS += tests/bench_energy.sh
