# The RTL generator's part of the build (issue 4): embeds rtl_templates/*.v
# and the Verilator harness into macgen, and adds the verify targets.

# Rules here come before the Makefile's own `all`: keep `make` building all.
.DEFAULT_GOAL := all

RTL_EMBED_SRC  = $(sort $(wildcard rtl_templates/*.v)) $(sort $(wildcard rtl_templates/area/*.v)) $(sort $(wildcard sim/verify/harness/*.cpp))
RTL_EMBED_C    = $(BUILD)/gen/embedded_files.c
CLI_OBJ       += $(BUILD)/obj/$(RTL_EMBED_C:.c=.o)
CLI_SAN_OBJ   += $(BUILD)/san/$(RTL_EMBED_C:.c=.o)

$(RTL_EMBED_C): $(RTL_EMBED_SRC) scripts/embed_files.sh
	@mkdir -p $(dir $@)
	bash scripts/embed_files.sh $(RTL_EMBED_SRC) > $@.tmp && mv $@.tmp $@

# The exhaustive 2^28-case check of the default LBA MAC (opt-in: ~1 min).
verify-full: $(BUILD)/macgen
	$(BUILD)/macgen verify mac w=lba8 a=lba8 acc=lba12 round=rtz --exhaustive
	$(BUILD)/macgen verify mac w=lba8 a=lba8 acc=lba12 round=rtz fused=1 --exhaustive
	$(BUILD)/macgen verify mac w=e4m3fn a=e4m3fn acc=fp32 round=rne --vectors 10000000

# One word per command: the top-level Makefile splits BENCH_CMDS on spaces.
BENCH_CMDS += tests/bench_rtl.sh
