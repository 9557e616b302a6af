# Hardening (issue 10): tests/faults/ reproduces each failure the issue
# lists and checks the exit status, the message and that nothing was
# damaged; it joins `make test` (cmocka-style summary, under a minute).
# `make fuzz-eval` (opt-in, 10 minutes) fuzzes every eval op through a
# sanitizer build of macgen, build/macgen-san.
TEST_BIN += tests/faults/faults.sh tests/faults/faults18.sh
test: $(BUILD)/macgen-san

.PHONY: fuzz-eval
# Second expansion: mk/rtl.mk, read after this file, adds to CLI_SAN_OBJ.
.SECONDEXPANSION:
$(BUILD)/macgen-san: $(BUILD)/san/gen/cli/main.o $$(CLI_SAN_OBJ) $(BUILD)/libmgmodel_san.a
	$(CC) -O1 $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/fuzz/gen_lines: tests/fuzz/gen_lines.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

fuzz-eval: $(BUILD)/macgen-san $(BUILD)/fuzz/gen_lines
	bash tests/fuzz/fuzz_eval.sh

# make fuzz-npy (opt-in, 10 minutes): random and damaged .npy files through
# `accuracy --data` and `matmul`, and a real sweep's job results, mutated, through
# `sweep --merge`, in the sanitizer build (issue 18).
.PHONY: fuzz-npy
$(BUILD)/fuzz/mutate: tests/fuzz/mutate.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

fuzz-npy: $(BUILD)/macgen-san $(BUILD)/fuzz/mutate
	bash tests/fuzz/fuzz_npy.sh
