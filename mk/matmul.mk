# `macgen matmul` (issue 21): the engine's inner loops (sim/matmul) want the
# model's -O3 too, like sim/accuracy.
.DEFAULT_GOAL := all

$(BUILD)/obj/sim/matmul/%.o: sim/matmul/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_COMMON) -O3 -c $< -o $@
