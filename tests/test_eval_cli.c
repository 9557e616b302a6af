/* `macgen eval` (docs/spec/eval.md) driven as an outside tool would: the
 * binary is started with fork/exec (no shell), lines go in on stdin, and the
 * exact output lines, the one-line errors and the exit status are checked.
 * Expected results are the hand-derived ones of the model tests.  The binary
 * is build/macgen (run from the repository root) or $MACGEN. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_helpers.h"

typedef struct {
    int status; /* exit status, or -1 when it did not exit normally */
    char out[8192], err[8192];
} run_result;

static const char *macgen_path(void)
{
    const char *p = getenv("MACGEN");
    return p && *p ? p : "build/macgen";
}

static void slurp(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    lseek(fd, 0, SEEK_SET);
    for (;;) {
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got <= 0) break;
        n += (size_t)got;
    }
    buf[n] = '\0';
}

static int temp_file(void)
{
    char name[] = "/tmp/mg_eval_cli_XXXXXX";
    int fd = mkstemp(name);
    assert_true(fd >= 0);
    unlink(name);
    return fd;
}

/* Runs macgen with args (NULL-terminated, without argv[0]) and input on
 * stdin; stdout and stderr go to temporary files (no pipe can fill up). */
static void run_macgen(const char *const *args, const char *input, run_result *r)
{
    int in = temp_file(), out = temp_file(), err = temp_file();
    size_t len = strlen(input);
    assert_int_equal(write(in, input, len), (ssize_t)len);
    lseek(in, 0, SEEK_SET);
    char *argv[32];
    size_t n = 0;
    argv[n++] = (char *)macgen_path();
    for (; args[n - 1] && n < 31; n++) argv[n] = (char *)args[n - 1];
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    slurp(out, r->out, sizeof r->out);
    slurp(err, r->err, sizeof r->err);
    close(in);
    close(out);
    close(err);
}

static int have_macgen(void **state)
{
    (void)state;
    if (access(macgen_path(), X_OK) != 0) {
        print_message("%s not built: the eval tests are skipped\n", macgen_path());
    }
    return 0;
}

#define SKIP_WITHOUT_MACGEN()                                                                                          \
    do {                                                                                                               \
        if (access(macgen_path(), X_OK) != 0) skip();                                                                 \
    } while (0)

static void expect_answer(const char *const *args, const char *input, const char *want)
{
    run_result r;
    run_macgen(args, input, &r);
    if (r.status != 0 || strcmp(r.out, want) != 0 || r.err[0] != '\0') {
        print_error("macgen eval %s ...: exit %d\n--- input\n%s--- want\n%s--- got\n%s--- stderr\n%s", args[1],
                    r.status, input, want, r.out, r.err);
        fail();
    }
}

/* An error: exit 2, one line on stderr that contains `mention`, and exactly
 * `answered` on stdout (the lines before the bad one). */
static void expect_error(const char *const *args, const char *input, const char *answered, const char *mention)
{
    run_result r;
    run_macgen(args, input, &r);
    size_t len = strlen(r.err);
    bool one_line = len > 0 && r.err[len - 1] == '\n' && strchr(r.err, '\n') == r.err + len - 1;
    if (r.status != 2 || strcmp(r.out, answered) != 0 || !one_line || !strstr(r.err, mention)) {
        print_error("macgen eval %s: want exit 2, a one-line error mentioning '%s' and stdout\n%s"
                    "got exit %d, stderr\n%s--- stdout\n%s",
                    args[1] ? args[1] : "", mention, answered, r.status, r.err, r.out);
        fail();
    }
}

static void test_each_op(void **state)
{
    (void)state;
    SKIP_WITHOUT_MACGEN();
    const char *mul[] = { "eval", "mul", "a=lba8", "b=lba8", "out=lba12", "round=rtz", NULL };
    expect_answer(mul, "3f 3d\n7f 7f\n0 85\n", "3f 3d 460 01\n7f 7f 7ff 05\n00 85 800 00\n");
    const char *mul_fn[] = { "eval", "mul", "a=e4m3fn", "b=e4m3fn", "out=lba12", "round=rtz", NULL };
    expect_answer(mul_fn, "3f 3f\n7f 38\n", "3f 3f 461 00\n7f 38 000 10\n");
    const char *add[] = { "eval", "add", "a=fp32", "b=fp32", "out=fp32", "round=rne", NULL };
    expect_answer(add, "3f800000 33800000\n3F800000\tB3000000\n0 80000000\n80000000 80000000\n7f800001 0\n",
                  "3f800000 33800000 3f800000 01\n3f800000 b3000000 3f800000 01\n"
                  "00000000 80000000 00000000 00\n80000000 80000000 80000000 00\n"
                  "7f800001 00000000 7fc00000 10\n");
    const char *fma[] = { "eval", "fma", "a=fp16", "b=fp16", "c=fp16", "out=fp16", "round=rne", NULL };
    expect_answer(fma, "3c00 3c00 bc00\n7c00 0 3c00\n", "3c00 3c00 bc00 0000 00\n7c00 0000 3c00 7e00 10\n");
    const char *mac[] = { "eval", "mac", "w=lba8", "a=lba8", "acc=lba12", "round=rtz", NULL };
    expect_answer(mac, "3f 3d 0e0\n7f 7f 0\n30 30 780\n", "3f 3d 0e0 461 01\n7f 7f 000 7ff 05\n30 30 780 780 01\n");
    const char *fused[] = { "eval", "mac", "w=lba8", "a=lba8", "acc=lba12", "round=rtz", "fused=1", NULL };
    expect_answer(fused, "3f 3f 0e0\n", "3f 3f 0e0 472 00\n");
    const char *quant[] = { "eval", "quant", "in=fp64", "out=e4m7,fin,ftz", "round=rtz", NULL };
    expect_answer(quant, "4080000000000000\n3ff1000000000000\nfff0000000000000\n7ff8000000000000\n",
                  "4080000000000000 7ff 05\n3ff1000000000000 388 00\nfff0000000000000 fff 05\n"
                  "7ff8000000000000 000 10\n");
}

static void test_stochastic_rounding_word(void **state)
{
    (void)state;
    SKIP_WITHOUT_MACGEN();
    const char *sr[] = { "eval", "quant", "in=fp64", "out=e4m3", "round=sr", NULL };
    expect_answer(sr, "3ff1000000000000 80\n3ff1000000000000 7f\n", "3ff1000000000000 80 39 01\n3ff1000000000000 7f 38 01\n");
    const char *sr4[] = { "eval", "quant", "in=fp64", "out=e4m3", "round=sr", "rbits=4", NULL };
    expect_answer(sr4, "3ff1000000000000 8\n3ff1000000000000 7\n", "3ff1000000000000 8 39 01\n3ff1000000000000 7 38 01\n");
    const char *mac[] = { "eval", "mac", "w=lba8", "a=lba8", "acc=lba12", "round=sr", NULL };
    expect_answer(mac, "3f 3d 0e0 40\n3f 3d 0e0 3f\n", "3f 3d 0e0 40 463 01\n3f 3d 0e0 3f 461 01\n");
    expect_error(sr, "3ff1000000000000\n", "", "line 1");
}

static void test_malformed_lines(void **state)
{
    (void)state;
    SKIP_WITHOUT_MACGEN();
    const char *mul[] = { "eval", "mul", "a=lba8", "b=lba8", "out=lba12", "round=rtz", NULL };
    expect_error(mul, "3f 3d\nzz 1\n30 30\n", "3f 3d 460 01\n", "line 2");
    expect_error(mul, "3f 3d\n30 30\n3f\n", "3f 3d 460 01\n30 30 380 00\n", "line 3");
    expect_error(mul, "3f 3d 30\n", "", "line 1");
    expect_error(mul, "3f 13d\n", "", "line 1");
    expect_error(mul, "3f 0x3d\n", "", "line 1");
    const char *odd[] = { "eval", "quant", "in=e3m3,fin", "out=fp32", "round=rne", NULL };
    expect_answer(odd, "3f\n7f\n", "3f 41f00000 00\n7f c1f00000 00\n"); /* +-30 */
    expect_error(odd, "3f\n80\n", "3f 41f00000 00\n", "line 2"); /* bit 7 of a 7-bit field */
}

static void test_bad_commands(void **state)
{
    (void)state;
    SKIP_WITHOUT_MACGEN();
    const char *op[] = { "eval", "div", "a=fp32", NULL };
    expect_error(op, "", "", "div");
    const char *fmt[] = { "eval", "mul", "a=fp33", "b=fp32", "out=fp32", NULL };
    expect_error(fmt, "3f800000 3f800000\n", "", "fp33");
    const char *conflict[] = { "eval", "add", "a=e4m3,ieee,fn", NULL };
    expect_error(conflict, "", "", "e4m3,ieee,fn");
    const char *round[] = { "eval", "add", "a=fp32", "round=up", NULL };
    expect_error(round, "", "", "up");
    const char *key[] = { "eval", "add", "a=fp32", "bogus=1", NULL };
    expect_error(key, "", "", "bogus");
    const char *help[] = { "eval", "--help", NULL };
    run_result r;
    run_macgen(help, "", &r);
    assert_int_equal(r.status, 0);
    assert_true(strstr(r.out, "mac") != NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_op),
        cmocka_unit_test(test_stochastic_rounding_word),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_bad_commands),
    };
    return cmocka_run_group_tests_name("eval_cli", tests, have_macgen, NULL);
}
