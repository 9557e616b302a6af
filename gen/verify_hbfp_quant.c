/* `macgen verify hbfp_quant`: placeholder until the converter lands. */
#include "verify_hbfp.h"

int mg_hbfp_verify_quant(const mg_hbfp_quant_cfg *c, const mg_hbfp_verify_opts *o)
{
    (void)o;
    mg_error("verify", "%s: not implemented yet", c->canonical);
    return MG_EXIT_USAGE;
}
