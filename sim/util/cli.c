#include "cli.h"

#include "number.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int mg_exit_for(int rc)
{
    if (rc == 0) return MG_EXIT_OK;
    if (rc == MG_FAIL_TOOL) return MG_EXIT_TOOL;
    if (rc == MG_FAIL_IO) return MG_EXIT_IO;
    return MG_EXIT_USAGE;
}

void mg_print_exit_help(FILE *out)
{
    fputs("\nexit status: 0 success, 1 verification mismatch, 2 bad usage or input,\n"
          "3 an external tool missing, failing or timed out (yosys, verilator, gnuplot,\n"
          "sta), 4 an output could not be written (report file, standard output).\n"
          "On an error macgen prints one line on stderr and leaves no partial file.\n",
          out);
}

/* The escaped form of byte c in e (1, 2 or 4 bytes); returns its length. */
static size_t escape_one(unsigned char c, char e[4])
{
    static const char hex[] = "0123456789abcdef";
    if (c == '\n' || c == '\t' || c == '\r') {
        e[0] = '\\';
        e[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
        return 2;
    }
    if (c < 0x20 || c == 0x7f) {
        e[0] = '\\';
        e[1] = 'x';
        e[2] = hex[c >> 4];
        e[3] = hex[c & 15];
        return 4;
    }
    e[0] = (char)c;
    return 1;
}

const char *mg_escape_bytes(const char *in, size_t n, char *out, size_t outlen)
{
    if (outlen == 0) return out;
    char e[4];
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += escape_one((unsigned char)in[i], e);
    /* When it does not fit, stop early enough to add "...". */
    size_t room = total < outlen ? outlen - 1 : (outlen > 4 ? outlen - 4 : 0);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = escape_one((unsigned char)in[i], e);
        if (j + k > room) break;
        memcpy(out + j, e, k);
        j += k;
    }
    if (total >= outlen && outlen > 4) {
        memcpy(out + j, "...", 3);
        j += 3;
    }
    out[j] = '\0';
    return out;
}

const char *mg_escape_text(const char *in, char *out, size_t outlen)
{
    return mg_escape_bytes(in, strlen(in), out, outlen);
}

void mg_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    char *esc = msg ? malloc((size_t)n * 4 + 4) : NULL;
    if (!esc) {
        free(msg);
        fprintf(stderr, "macgen %s: out of memory reporting an error\n", cmd);
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    mg_escape_bytes(msg, (size_t)n, esc, (size_t)n * 4 + 4);
    fprintf(stderr, "macgen %s: %s\n", cmd, esc);
    free(esc);
    free(msg);
}

bool mg_is_kv(const char *arg)
{
    const char *eq = strchr(arg, '=');
    return arg[0] != '-' && eq != NULL && eq != arg;
}

int mg_kv_collect(int argc, char **argv, mg_kv_list *kv, char *err, size_t errlen)
{
    kv->count = 0;
    for (int i = 0; i < argc; i++) {
        if (!mg_is_kv(argv[i])) continue;
        size_t keylen = (size_t)(strchr(argv[i], '=') - argv[i]);
        for (size_t j = 0; j < kv->count; j++) {
            if (strlen(kv->items[j].key) == keylen && !strncmp(kv->items[j].key, argv[i], keylen)) {
                snprintf(err, errlen, "parameter '%.*s' given twice", (int)keylen, argv[i]);
                return -1;
            }
        }
        if (kv->count == sizeof kv->items / sizeof kv->items[0]) {
            snprintf(err, errlen, "too many key=value parameters");
            return -1;
        }
        /* The key is terminated in place: argv strings are writable. */
        argv[i][keylen] = '\0';
        kv->items[kv->count].key = argv[i];
        kv->items[kv->count].value = argv[i] + keylen + 1;
        kv->items[kv->count].used = false;
        kv->count++;
    }
    return 0;
}

const char *mg_kv_get(mg_kv_list *kv, const char *key, const char *def)
{
    for (size_t i = 0; i < kv->count; i++) {
        if (!strcmp(kv->items[i].key, key)) {
            kv->items[i].used = true;
            return kv->items[i].value;
        }
    }
    return def;
}

int mg_kv_get_int(mg_kv_list *kv, const char *key, long def, long lo, long hi, long *out,
                  char *err, size_t errlen)
{
    const char *v = mg_kv_get(kv, key, NULL);
    if (!v) {
        *out = def;
        return 0;
    }
    long long x;
    if (mg_parse_int(key, v, lo, hi, &x, err, errlen) != 0) return -1;
    *out = (long)x;
    return 0;
}

int mg_kv_check_all_used(const mg_kv_list *kv, const char *known, char *err, size_t errlen)
{
    for (size_t i = 0; i < kv->count; i++) {
        if (!kv->items[i].used) {
            snprintf(err, errlen, "unknown parameter '%s' (known: %s)", kv->items[i].key, known);
            return -1;
        }
    }
    return 0;
}

bool mg_wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return true;
    return false;
}

const char *mg_first_positional(int argc, char **argv, const char *const *value_opts)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-') {
            for (const char *const *o = value_opts; *o; o++)
                if (!strcmp(a, *o)) {
                    i++;
                    break;
                }
        } else if (!mg_is_kv(a)) {
            return a;
        }
    }
    return NULL;
}

int mg_parse_option_u64(const char *cmd, const char *opt, const char *s, unsigned long long lo,
                        unsigned long long hi, unsigned flags, unsigned long long *out)
{
    char err[256];
    if (!s) {
        mg_error(cmd, "%s needs a value: an integer in %llu..%llu", opt, lo, hi);
        return -1;
    }
    if (mg_parse_uint(opt, s, lo, hi, flags, out, err, sizeof err) != 0) {
        mg_error(cmd, "%s", err);
        return -1;
    }
    return 0;
}

int mg_take_value_opt(const char *cmd, int argc, char **argv, int *i, const mg_value_opt *opts)
{
    for (const mg_value_opt *o = opts; o->name; o++) {
        if (strcmp(argv[*i], o->name)) continue;
        if (*i + 1 >= argc || !argv[*i + 1][0]) {
            mg_error(cmd, "%s needs a value (see macgen %s --help)", o->name, cmd);
            return -1;
        }
        *o->slot = argv[++*i];
        return 1;
    }
    return 0;
}

int mg_take_unit_arg(const char *cmd, const char *arg, const char **unit, const char *help_cmd)
{
    if (arg[0] == '-') {
        mg_error(cmd, "unknown option %s (see macgen %s --help)", arg, help_cmd);
        return -1;
    }
    if (mg_is_kv(arg)) return 0;
    if (*unit) {
        mg_error(cmd, "unexpected argument '%s' (parameters are key=value)", arg);
        return -1;
    }
    *unit = arg;
    return 0;
}
