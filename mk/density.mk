# The HBFP density report (issue 6 item 5): `make report` also writes
# docs/hbfp_density.md and docs/hbfp_density.png (scripts/density_report.sh:
# hierarchical `macgen cost` of every array kind at 16x16 and 64x64).

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

.PHONY: report-density
report: report-density
report-density: $(BUILD)/macgen
	bash scripts/density_report.sh
