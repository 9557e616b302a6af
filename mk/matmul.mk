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
