/* The port table of a unit under test, its lanes device, the build of the
 * device, and the packing of its lanes into the wrapper's words (see
 * verify_sim.h and verify_run.h). */
#include "verify_sim.h"

#include <stdio.h>
#include <stdlib.h>

#include "rtl_emit.h"
#include "verify_build.h"
#include "verify_cache.h"

void mg_verify_ports_init(mg_verify_ports *p, const mg_unit *u)
{
    p->n_in = mg_unit_count_ports(u, MG_PORT_IN);
    p->n_out = mg_unit_count_ports(u, MG_PORT_OUT);
    p->in_bits = p->out_bits = 0;
    for (int k = 0; k < p->n_in; k++) {
        p->in_ports[k] = mg_unit_port(u, MG_PORT_IN, k);
        p->in_bits += p->in_ports[k]->width;
        p->n_corner_vals[k] = mg_unit_port_corners(u, p->in_ports[k], p->corner_vals[k], MG_VERIFY_MAX_CORNERS);
    }
    for (int k = 0; k < p->n_out; k++) {
        p->out_ports[k] = mg_unit_port(u, MG_PORT_OUT, k);
        p->out_bits += p->out_ports[k]->width;
    }
}

void mg_verify_lanes_device(const mg_unit *u, int lanes, mg_verify_device *d)
{
    mg_verify_device_init(d, u->top, NULL);
    for (int i = 0; i < u->n_ports; i++) {
        const mg_port *p = &u->ports[i];
        char pin[24];
        mg_port_pin(p, pin, sizeof pin);
        if (mg_port_is_data(p)) mg_verify_device_add(d, pin, p->dir == MG_PORT_OUT, p->width, false);
        else snprintf(d->clock, sizeof d->clock, "%s", pin);
    }
    d->lanes = lanes;
}

static int emit_unit(const void *ctx, const char *dir, char *err, size_t errlen)
{
    const mg_unit *u = ctx;
    char *cmd = mg_strdupf("macgen rtl %s", u->canonical);
    mg_rtl_output ro;
    int rc = cmd ? mg_rtl_emit_unit(u, dir, cmd, &ro, err, errlen) : -1;
    free(cmd);
    return rc;
}

int mg_verify_lanes_build(const mg_unit *u, const char *rtl_dir, int lanes, mg_verify_artifact *out, char *err,
                          size_t errlen)
{
    mg_verify_device d;
    mg_verify_lanes_device(u, lanes, &d);
    const mg_verify_build_spec s = { &d, rtl_dir, emit_unit, u, false, 0, NULL };
    return mg_verify_build(&s, out, err, errlen);
}

void mg_verify_pack_lane(const mg_verify_ports *p, uint32_t *inw, int lane, const uint64_t *in)
{
    long pos = (long)lane * p->in_bits;
    for (int k = 0; k < p->n_in; k++) {
        mg_put_bits(inw, pos, p->in_ports[k]->width, in[k]);
        pos += p->in_ports[k]->width;
    }
}

bool mg_verify_unpack_lane(const mg_verify_ports *p, const uint32_t *outw, int lane, const uint64_t *expect,
                           uint64_t *actual)
{
    long pos = (long)lane * p->out_bits;
    int bad = 0;
    for (int k = 0; k < p->n_out; k++) {
        actual[k] = mg_get_bits(outw, pos, p->out_ports[k]->width);
        pos += p->out_ports[k]->width;
        bad |= actual[k] != expect[k];
    }
    return bad;
}
