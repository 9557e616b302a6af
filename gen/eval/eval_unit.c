/* eval for a unit of the unit table: its model adapter (the one verify runs)
 * on hex lines.  A line holds the unit's data input ports in port order,
 * each as wide as the port; the answer appends its first eval_outputs output
 * ports (docs/spec/eval.md). */
#include "eval_unit.h"

#include <string.h>

#include "eval_lines.h"

typedef struct {
    const mg_unit *u;
    mg_model_state *st;
    int n_out;
} unit_eval;

static int compute(const void *ctx, const uint64_t *ops, uint64_t *res, char *why, size_t len)
{
    const unit_eval *ev = ctx;
    uint64_t out[MG_UNIT_MAX_PORTS];
    (void)why;
    (void)len;
    ev->u->def->model(ev->u, ev->st, ops, out);
    mg_unit_pick_outputs(ev->u, out, out);
    memcpy(res, out, (size_t)ev->n_out * sizeof res[0]);
    return 0;
}

int mg_eval_unit(const mg_unit *u, FILE *in, FILE *out, char *err, size_t errlen)
{
    const mg_unit_def *def = u->def;
    if (def->eval) return def->eval(u, in, out, err, errlen);
    int n_in = mg_unit_count_ports(u, MG_PORT_IN);
    unit_eval ev = { u, def->model_new ? def->model_new(u) : NULL, def->eval_outputs };
    if (def->model_new && !ev.st) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    mg_eval_layout layout;
    int rc = mg_eval_layout_init(&layout, (size_t)n_in, (size_t)ev.n_out, err, errlen);
    if (rc == 0) {
        for (int k = 0; k < n_in; k++) layout.op_bits[k] = mg_unit_port(u, MG_PORT_IN, k)->width;
        for (int k = 0; k < ev.n_out; k++) layout.res_bits[k] = mg_unit_port(u, MG_PORT_OUT, k)->width;
        rc = mg_eval_answer_lines(&layout, compute, &ev, in, out, err, errlen);
        mg_eval_layout_free(&layout);
    }
    if (ev.st && def->model_free) def->model_free(ev.st);
    return rc;
}

void mg_eval_unit_line_format(const mg_unit *u, char *buf, size_t len)
{
    if (u->def->eval) {
        snprintf(buf, len, "%s", u->def->eval_line);
        return;
    }
    buf[0] = '\0';
    size_t used = 0;
    int n_in = mg_unit_count_ports(u, MG_PORT_IN);
    for (int k = 0; k < n_in && used < len; k++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", k ? " " : "", mg_unit_port(u, MG_PORT_IN, k)->name);
    if (used < len) used += (size_t)snprintf(buf + used, len - used, " -> operands");
    for (int k = 0; k < u->def->eval_outputs && used < len; k++)
        used += (size_t)snprintf(buf + used, len - used, " %s", mg_unit_port(u, MG_PORT_OUT, k)->name);
}

void mg_eval_unit_command(const mg_unit *u, const uint64_t *in, char *buf, size_t len)
{
    char params[512];
    mg_unit_eval_params(u, params, sizeof params);
    size_t used = (size_t)snprintf(buf, len, "echo '");
    int n_in = mg_unit_count_ports(u, MG_PORT_IN);
    for (int k = 0; k < n_in && used < len; k++) {
        const mg_port *p = mg_unit_port(u, MG_PORT_IN, k);
        used += (size_t)snprintf(buf + used, len - used, "%s%0*llx", k ? " " : "", (p->width + 3) / 4,
                                 (unsigned long long)in[k]);
    }
    if (used < len) snprintf(buf + used, len - used, "' | macgen eval %s", params);
}
