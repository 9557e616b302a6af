/* The array driver's stimulus script (see verify_array.h). */
#include "verify_array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify_hbfp.h"

mg_array_layout mg_array_layout_of(const mg_array_port_bits *b)
{
    mg_array_layout l;
    long p = 0;
#define NEXT(field, bits) l.field = p * 32; p += mg_hbfp_words(bits);
    NEXT(rst, 1) NEXT(load_w, 1) NEXT(w, b->w) NEXT(load_e, 1) NEXT(eb, b->eb) NEXT(valid, 1) NEXT(a, b->a)
    NEXT(ea, b->ea) NEXT(en, b->en) NEXT(acc, b->acc)
    l.in_words = p;
    p = 0;
    NEXT(acc_o, b->acc) NEXT(flags_o, b->flags_o) NEXT(valid_o, b->cols)
    l.out_words = p;
#undef NEXT
    return l;
}

mg_array_script mg_array_script_new(const mg_array_layout *l, int cols)
{
    return (mg_array_script){ NULL, NULL, 0, 0, l->in_words, cols };
}

void mg_array_script_free(mg_array_script *s)
{
    free(s->in);
    free(s->exp);
    s->in = NULL;
    s->exp = NULL;
}

uint32_t *mg_array_script_step(mg_array_script *s)
{
    if (s->steps == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint32_t *in = realloc(s->in, cap * (size_t)s->in_words * 4);
        if (!in) return NULL;
        s->in = in;
        mg_array_expect *e = realloc(s->exp, cap * (size_t)s->cols * sizeof *e);
        if (!e) return NULL;
        s->exp = e;
        s->cap = cap;
    }
    uint32_t *w = s->in + s->steps * (size_t)s->in_words;
    memset(w, 0, (size_t)s->in_words * 4);
    memset(s->exp + s->steps * (size_t)s->cols, 0, (size_t)s->cols * sizeof *s->exp);
    s->steps++;
    return w;
}

mg_array_expect *mg_array_script_last_expect(mg_array_script *s)
{
    return s->exp + (s->steps - 1) * (size_t)s->cols;
}

int mg_array_script_run(const char *exe, const mg_array_script *s, const mg_array_layout *l, uint32_t **res,
                        char *err, size_t errlen)
{
    /* The driver's file: the step count, then the steps. */
    const size_t body = s->steps * (size_t)l->in_words;
    uint32_t *file = malloc((1 + body) * 4);
    if (!file) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    file[0] = (uint32_t)s->steps;
    memcpy(file + 1, s->in, body * 4);
    size_t n_res = 0;
    int run = mg_hbfp_run_driver(exe, file, 1 + body, res, &n_res, err, errlen);
    free(file);
    if (run) return -1;
    if (n_res != s->steps * (size_t)l->out_words) {
        snprintf(err, errlen, "the Verilated driver returned %zu words, expected %zu", n_res,
                 s->steps * (size_t)l->out_words);
        return -1;
    }
    return 0;
}

void mg_array_report_unexpected(size_t cycle, int col)
{
    printf("mismatch at cycle %zu, column %d: valid_o=1 where no result is due\n", cycle, col);
}

void mg_array_report_fail(const char *canonical, unsigned long long bad, unsigned long long checked,
                          uint64_t seed, unsigned long matrices, const char *rtl_dir)
{
    printf("verify %s: FAIL, %llu mismatching output(s) among %llu\n", canonical, bad, checked);
    printf("reproduce: macgen verify %s --seed %llu --matrices %lu%s%s\n", canonical, (unsigned long long)seed,
           matrices, rtl_dir ? " --rtl " : "", rtl_dir ? rtl_dir : "");
}
