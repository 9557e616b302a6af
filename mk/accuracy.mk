# Accuracy analysis (issue 13): the CLI test joins `make test`; `make bench`
# measures the lba12 dot-product analysis rate; `make report` writes
# docs/lba_accuracy.md.
TEST_BIN += tests/accuracy_cli.sh
BENCH_CMDS += tests/bench_accuracy.sh
