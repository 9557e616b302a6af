# Checks of the numeric contract from outside the C code: every worked example
# in docs/spec/*.md must still print what the page says, and an independent
# Python reference (tests/ref/, exact fractions) checks `macgen eval mx_quant`
# and `eval mx_dot` against docs/spec/mx.md (it skips while macgen has no
# mx_quant).
TEST_BIN += tests/spec_examples.sh tests/mx_eval_ref.sh
