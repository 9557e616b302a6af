# Independent references (tests/ref/, Python 3 with exact fractions) that
# check `macgen eval` from outside: MX conversion and block dot products
# against mx.md section 5 (skips while macgen has no mx_quant).
TEST_BIN += tests/mx_eval_ref.sh
