/* The one rounding routine (docs/spec/rounding.md) and its parameters. */
#ifndef MG_ROUND_H
#define MG_ROUND_H

#include "exact.h"

typedef enum { MG_RTZ, MG_RNE, MG_SR } mg_round_mode;

enum {
    MG_FLAG_INVALID = 0x10,
    MG_FLAG_INFINITE = 0x08, /* division only: never raised here */
    MG_FLAG_OVERFLOW = 0x04,
    MG_FLAG_UNDERFLOW = 0x02,
    MG_FLAG_INEXACT = 0x01
};

#define MG_RBITS_DEFAULT 8
#define MG_RBITS_MAX 32

typedef struct {
    mg_round_mode mode;
    int rbits;       /* R: width of the random word for MG_SR */
    uint64_t random; /* r, an R-bit word; used only by MG_SR */
    bool ovf_sat;    /* `ovf=sat`: saturate on overflow in ieee formats too */
} mg_rounding;

static inline mg_rounding mg_rounding_make(mg_round_mode mode)
{
    mg_rounding r = { mode, MG_RBITS_DEFAULT, 0, false };
    return r;
}

/* Rounds x into format f once; ORs the flags raised into *flags. */
mg_bits mg_round_pack(const mg_format *f, mg_exact x, const mg_rounding *rnd, unsigned *flags);

const char *mg_round_mode_name(mg_round_mode m);
int mg_round_mode_parse(const char *s, mg_round_mode *out);

#endif
