/* MX units of the generator (docs/spec/mx.md section 7): `mx_array`, the
 * HBFP array's grid, protocol and edge units with MX processing elements and
 * E8M0 scales (an mg_hbfp_array_cfg with its mx part set), and `mx_quant`,
 * the FP32-to-MX block converter (an mg_hbfp_quant_cfg with its mx part set:
 * the ports and protocol of hbfp_quant). */
#ifndef MG_UNIT_MX_H
#define MG_UNIT_MX_H

#include "unit_hbfp.h"

/* Read and check the parameters (every pair of kv must be known); -1 with a
 * one-line reason in err. */
int mg_mx_array_configure(mg_hbfp_array_cfg *c, mg_kv_list *kv, char *err, size_t errlen);
int mg_mx_quant_configure(mg_hbfp_quant_cfg *c, mg_kv_list *kv, char *err, size_t errlen);

int mg_mx_quant_emit(const mg_hbfp_quant_cfg *c, const char *outdir, const char *command_line, mg_rtl_output *out,
                     char *err, size_t errlen);

/* mg_rtl_emit for each unit (same contract as rtl.h). */
int mg_mx_array_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line, mg_rtl_output *out,
                         char *err, size_t errlen);
int mg_mx_quant_rtl_emit(mg_kv_list *kv, const char *outdir, const char *command_line, mg_rtl_output *out,
                         char *err, size_t errlen);

/* `macgen verify mx_array|mx_quant ...`: argv[0] is "verify". */
int mg_mx_array_verify(int argc, char **argv);
int mg_mx_quant_verify(int argc, char **argv);

/* Their records (unit.h). */
extern const struct mg_unit_def mg_unit_mx_array;
extern const struct mg_unit_def mg_unit_mx_quant;

#endif
