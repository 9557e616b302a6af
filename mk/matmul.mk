# `macgen matmul` (issue 21): the engine's inner loops (sim/matmul) want the
# model's -O3 too, like sim/accuracy.
.DEFAULT_GOAL := all

$(BUILD)/obj/sim/matmul/%.o: sim/matmul/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_COMMON) -O3 -c $< -o $@

# build/libmacgen.so: the library with the C API of gen/api/macgen_api.h
# (python/macgen.py loads it), every source but main.c compiled again with
# -fPIC.  Second expansion: mk/rtl.mk, read after this file, defines the
# embedded templates' source.
PIC_SRC = $(MODEL_SRC) $(filter-out gen/cli/main.c,$(CLI_SRC))
PIC_OBJ = $(PIC_SRC:%.c=$(BUILD)/pic/%.o) $(BUILD)/pic/$(RTL_EMBED_C:.c=.o)
PIC_FAST = sim/model sim/accuracy sim/matmul

.PHONY: python
python: $(BUILD)/libmacgen.so

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC pic  $<"
	$(Q)$(CC) $(CFLAGS_COMMON) $(CJSON_CFLAGS) $(if $(filter $(PIC_FAST),$(patsubst %/,%,$(dir $<))),-O3,$(OPT)) -fPIC -c $< -o $@

.SECONDEXPANSION:
$(BUILD)/libmacgen.so: $$(PIC_OBJ)
	$(CC) -shared -o $@ $^ $(LIBS)

# Tests: the engine (tests/test_matmul.c, found by the Makefile), the
# command, the Python module and the network report's short run
# (tests/matmul_cli.sh), matmul against the Verilated arrays
# (tests/matmul_rtl.sh; `full` in make verify-full); make bench measures
# the 256x1024 by 1024x256 product (tests/bench_matmul.sh).
TEST_BIN += tests/matmul_cli.sh tests/matmul_rtl.sh
test: $(BUILD)/libmacgen.so
BENCH_CMDS += tests/bench_matmul.sh
bench: $(BUILD)/libmacgen.so

.PHONY: verify-full-matmul report-network
verify-full: verify-full-matmul
verify-full-matmul: $(BUILD)/macgen $(BUILD)/libmacgen.so
	bash tests/matmul_rtl.sh full

# docs/network_accuracy.md and its PNG (scripts/network_report.py): costs
# run once and are kept in build/report/network.  Part of `make report`,
# after the density report whose array densities its training table reads.
report: report-network
ifneq ($(filter report,$(MAKECMDGOALS)),)
report-network: report-density
endif
report-network: $(BUILD)/macgen $(BUILD)/libmacgen.so
	/usr/bin/python3 scripts/network_report.py
