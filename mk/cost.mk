# The cost model's part of the build (issue 5): `make report` writes
# docs/lba_cost.md and docs/lba_cost.png; `make liberty` fetches the OSU
# 0.18um liberty into build/liberty (opt-in, for `macgen cost --liberty` and
# the liberty test, which is skipped without it).  The cost benchmark is
# tests/bench_cost.c (built and run by `make bench` like every bench_*.c).

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

TEST_BIN += tests/cost_flat_check.sh

.PHONY: report-lba liberty
report: report-lba
report-lba: $(BUILD)/macgen
	bash scripts/lba_report.sh

liberty:
	bash scripts/get_liberty.sh
