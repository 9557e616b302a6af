# macgen build.  `make` builds build/macgen; `make test` runs every test;
# `make deps` installs the Debian packages; `make bench` prints measured figures.
#
# Layout of what is built (everything lands in build/):
#   build/libmgmodel.a      the golden model (sim/*.c), integers only
#   build/macgen            the CLI (gen/*.c, cost_model/*.c) linked with the model
#   build/san/...           the same sources built with ASan/UBSan for the tests
#   build/tests/test_*      one cmocka binary per tests/test_*.c

# mk/*.mk fragments define rules too: plain `make` must still build macgen.
.DEFAULT_GOAL := all
# Build with every core unless the caller chose (make -jN, or -j1): `make test`
# from a fresh clone compiles the model, the CLI and their sanitized twins.
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif

CC      ?= cc
OPT     ?= -O2
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Werror
# Every source folder is an include folder: the flow is
#   sim/util (base library) -> sim/model (golden model) -> gen/units, gen/emit,
#   gen/eval -> sim/verify (Verilator harness) and cost_model/* -> gen/cli.
SRC_DIRS = sim/util sim/model sim/accuracy sim/matmul sim/verify gen/units gen/emit gen/eval gen/api gen/cli \
           cost_model/flow cost_model/report cost_model/sweep cost_model/array cost_model/energy
CFLAGS_COMMON = $(CSTD) $(WARN) -g -MMD -MP $(addprefix -I,$(SRC_DIRS))
CFLAGS  ?= $(OPT)
# The model is small, hot code called across files: -O3 with link-time
# optimisation lets the compiler inline the exact-arithmetic helpers into the
# operations (about 2x on the MAC step, measured by make bench).
MODEL_OPT = -O3 -flto=auto
AR      = gcc-ar
SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)

BUILD = build
# V=1 shows the full compiler command lines.
Q = $(if $(V),,@)
# The model parses format text (bias=, eEmM) with the one number parser of
# sim/util (number.h), which is self-contained: it goes into the model
# library too.
MODEL_SRC = $(wildcard sim/model/*.c) sim/util/number.c
CLI_SRC   = $(foreach d,$(filter-out sim/model,$(SRC_DIRS)),$(wildcard $(d)/*.c))
TEST_SRC  = $(wildcard tests/test_*.c)
BENCH_SRC = $(wildcard tests/bench_*.c)

MODEL_OBJ     = $(MODEL_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ       = $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
MODEL_SAN_OBJ = $(MODEL_SRC:%.c=$(BUILD)/san/%.o)
CLI_SAN_OBJ   = $(filter-out $(BUILD)/san/gen/cli/main.o,$(CLI_SRC:%.c=$(BUILD)/san/%.o))
TEST_BIN      = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_BIN     = $(BENCH_SRC:tests/%.c=$(BUILD)/bench/%)

LIBS = $(CJSON_LIBS) -lm -lpthread

# Each part of the project may add its own rules in mk/<part>.mk: extra test
# executables (TEST_BIN += ..., each prints cmocka's summary lines), extra
# benchmark commands (BENCH_CMDS += ...), report targets.
BENCH_CMDS =
-include $(sort $(wildcard mk/*.mk))

.PHONY: all deps test bench demo report clean lint verify-full
# Keep objects that only pattern rules mention (make would delete them as intermediates).
.SECONDARY:
all: $(BUILD)/macgen

deps:
	@bash scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_COMMON) $(CJSON_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/sim/model/%.o: sim/model/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_COMMON) $(MODEL_OPT) -c $< -o $@

# The accuracy engine's inner loops (sim/accuracy) want the model's -O3 too.
$(BUILD)/obj/sim/accuracy/%.o: sim/accuracy/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_COMMON) -O3 -c $< -o $@

$(BUILD)/san/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC san  $<"
	$(Q)$(CC) $(CFLAGS_COMMON) $(CJSON_CFLAGS) -O1 $(SAN) -c $< -o $@

$(BUILD)/libmgmodel.a: $(MODEL_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libmgmodel_san.a: $(MODEL_SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/macgen: $(CLI_OBJ) $(BUILD)/libmgmodel.a
	$(CC) $(MODEL_OPT) -o $@ $(CLI_OBJ) $(BUILD)/libmgmodel.a $(LIBS)

# Tests link the sanitized model and CLI library code (everything but main.c),
# so a test can call the same functions the commands use.
$(BUILD)/tests/%: tests/%.c $(BUILD)/libmgmodel_san.a $(CLI_SAN_OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD test $@"
	$(Q)$(CC) $(CFLAGS_COMMON) $(CJSON_CFLAGS) -O1 $(SAN) -Itests -o $@ $< $(CLI_SAN_OBJ) $(BUILD)/libmgmodel_san.a -lcmocka $(LIBS)

$(BUILD)/bench/%: tests/%.c $(BUILD)/libmgmodel.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_COMMON) $(MODEL_OPT) -Itests -o $@ $< $(BUILD)/libmgmodel.a $(LIBS)

# run_tests.sh runs two tests at a time: the slowest start first, so that the
# short ones fill the other core instead of waiting at the end.
TEST_FIRST = $(BUILD)/tests/test_rtl_verify tests/hbfp_verify.sh tests/array_verify.sh tests/mx_verify.sh \
             tests/hbfp_boost_verify.sh \
             tests/cost_flat_check.sh tests/energy_known.sh $(BUILD)/tests/test_rtl_emit
TEST_ORDER = $(foreach t,$(TEST_FIRST),$(filter $(t),$(TEST_BIN))) $(filter-out $(TEST_FIRST),$(TEST_BIN))
test: $(BUILD)/macgen $(TEST_BIN)
	@bash tests/run_tests.sh $(TEST_ORDER)

bench: $(BUILD)/macgen $(BENCH_BIN)
	@for b in $(BENCH_BIN); do $$b || exit 1; done
	@$(foreach c,$(BENCH_CMDS),$(c) || exit 1;)

demo: $(BUILD)/macgen
	@bash scripts/demo.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
