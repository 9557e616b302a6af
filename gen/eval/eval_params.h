/* Parameters shared by the eval ops. */
#ifndef MG_EVAL_PARAMS_H
#define MG_EVAL_PARAMS_H

#include "cli.h"
#include "model.h"

/* key=FORMAT (or def when absent) into *f; -1 with "key=: reason". */
int mg_eval_get_format(mg_kv_list *kv, const char *key, const char *def, mg_format *f, char *err, size_t errlen);
/* round= (default def_mode), rbits= (1..32, default 8), ovf=inf|sat. */
int mg_eval_get_rounding(mg_kv_list *kv, const char *def_mode, mg_rounding *r, char *err, size_t errlen);

#endif
