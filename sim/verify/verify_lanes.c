/* The port table of a unit under test and the packing of its lanes into
 * the lanes wrapper's words (see verify_sim.h). */
#include "verify_sim.h"

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

void mg_verify_pack_lane(const mg_verify_ports *p, uint32_t *inw, int lane, const uint64_t *in)
{
    int pos = lane * p->in_bits;
    for (int k = 0; k < p->n_in; k++) {
        mg_put_bits(inw, pos, p->in_ports[k]->width, in[k]);
        pos += p->in_ports[k]->width;
    }
}

bool mg_verify_unpack_lane(const mg_verify_ports *p, const uint32_t *outw, int lane, const uint64_t *expect,
                           uint64_t *actual)
{
    int pos = lane * p->out_bits, bad = 0;
    for (int k = 0; k < p->n_out; k++) {
        actual[k] = mg_get_bits(outw, pos, p->out_ports[k]->width);
        pos += p->out_ports[k]->width;
        bad |= actual[k] != expect[k];
    }
    return bad;
}
