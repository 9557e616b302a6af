# Accuracy analysis (issue 13): the CLI test joins `make test`; `make bench`
# measures the lba12 dot-product analysis rate; `make report` writes
# docs/lba_accuracy.md.
TEST_BIN += tests/accuracy_cli.sh tests/sweep_jobs.sh
BENCH_CMDS += tests/bench_accuracy.sh

.DEFAULT_GOAL := all
.PHONY: report-accuracy
report: report-accuracy
# Section C reads the array costs of the density report: its fresh table when
# `make report` has just written it, else the committed docs/hbfp_density.md,
# so `make report-accuracy` alone does not re-cost the arrays.
ifneq ($(filter report,$(MAKECMDGOALS)),)
report-accuracy: report-density
endif
report-accuracy: $(BUILD)/macgen
	bash scripts/accuracy_report.sh
