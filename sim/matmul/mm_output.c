/* Y as a .npy file: the encodings widened exactly to float32 / float64, or
 * the encodings themselves; written to a temporary beside the target and
 * renamed (sim/util/fileio.h). */
#include <math.h>
#include <string.h>

#include "acc_input.h"
#include "cli.h"
#include "fileio.h"
#include "matmul.h"
#include "npy_write.h"

bool mg_mm_out_fits(const mg_format *f, mg_mm_out_dtype d)
{
    if (d == MG_MM_OUT_BITS) return true;
    /* Every value is a multiple of 2^(emin - M) below 2^(emax + 1). */
    const int m = d == MG_MM_OUT_FLOAT32 ? 23 : 52, emax = d == MG_MM_OUT_FLOAT32 ? 127 : 1023;
    const int lsb = d == MG_MM_OUT_FLOAT32 ? -149 : -1074;
    return f->frac_bits <= m && mg_emax(f) <= emax && mg_emin(f) - f->frac_bits >= lsb;
}

int mg_mm_out_dtype_parse(const char *s, mg_mm_out_dtype *out)
{
    static const char *const names[] = { "float32", "float64", "bits" };
    for (int i = 0; i < 3; i++)
        if (!strcmp(s, names[i])) {
            *out = (mg_mm_out_dtype)i;
            return 0;
        }
    return -1;
}

const char *mg_mm_out_dtype_name(mg_mm_out_dtype d)
{
    return d == MG_MM_OUT_FLOAT32 ? "float32" : d == MG_MM_OUT_FLOAT64 ? "float64" : "bits";
}

double mg_mm_value(const mg_format *f, mg_bits b) { return mg_acc_value(f, b); }

/* The bit pattern of one output: NaN as the canonical quiet NaN, so that the
 * file does not depend on how the host widens NaNs. */
static uint64_t out_word(const mg_format *f, mg_bits b, mg_mm_out_dtype d)
{
    if (d == MG_MM_OUT_BITS) return b.bits;
    double v = mg_acc_value(f, b);
    if (d == MG_MM_OUT_FLOAT64) {
        uint64_t u = 0x7ff8000000000000ull;
        if (!isnan(v)) memcpy(&u, &v, sizeof u);
        return u;
    }
    float g = (float)v;
    uint32_t u = 0x7fc00000u;
    if (!isnan(v)) memcpy(&u, &g, sizeof u);
    return u;
}

static int bits_bytes(const mg_format *f)
{
    int w = mg_format_width(f);
    return w <= 8 ? 1 : w <= 16 ? 2 : w <= 32 ? 4 : 8;
}

int mg_mm_write_npy(const char *path, const mg_format *f, const mg_bits *y, size_t R, size_t C,
                    mg_mm_out_dtype d, char *err, size_t errlen)
{
    if (!mg_mm_out_fits(f, d)) {
        char spell[96];
        mg_format_spell(f, spell, sizeof spell);
        snprintf(err, errlen, "%s: the result format %s has values %s cannot hold exactly (use float64 or bits)",
                 path, spell, mg_mm_out_dtype_name(d));
        return MG_FAIL_INPUT;
    }
    const int bytes = d == MG_MM_OUT_FLOAT32 ? 4 : d == MG_MM_OUT_FLOAT64 ? 8 : bits_bytes(f);
    static const char *const uints[] = { NULL, "|u1", "<u2", NULL, "<u4", NULL, NULL, NULL, "<u8" };
    const char *descr = d == MG_MM_OUT_FLOAT32 ? "<f4" : d == MG_MM_OUT_FLOAT64 ? "<f8" : uints[bytes];
    mg_atomic_file af;
    if (mg_atomic_open(&af, path, err, errlen)) return MG_FAIL_IO;
    int bad = mg_npy_write_header(af.fp, descr, R, C);
    for (size_t i = 0; !bad && i < R * C; i++) bad = mg_npy_put_le(af.fp, out_word(f, y[i], d), bytes);
    if (bad) {
        mg_atomic_abort(&af);
        snprintf(err, errlen, "%s: write error", path);
        return MG_FAIL_IO;
    }
    return mg_atomic_commit(&af, err, errlen) ? MG_FAIL_IO : 0;
}
