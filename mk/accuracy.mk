# Accuracy analysis (issue 13): the CLI test joins `make test`; `make bench`
# measures the lba12 dot-product analysis rate; `make report` writes
# docs/lba_accuracy.md.
TEST_BIN += tests/accuracy_cli.sh tests/sweep_jobs.sh
BENCH_CMDS += tests/bench_accuracy.sh

.DEFAULT_GOAL := all
.PHONY: report-accuracy
report: report-accuracy
# After the density report: section C reads its array costs.
report-accuracy: $(BUILD)/macgen report-density
	bash scripts/accuracy_report.sh
