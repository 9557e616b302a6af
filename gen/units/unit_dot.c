/* The chunked dot-product unit `dot` (arith.md section 3): one (w, a) pair
 * per cycle, a result per vector (protocol in rtl_templates/mg_dot.v and
 * docs/rtl_units.md).  Its lane model collects each vector and hands it to
 * the golden model's mg_dot, so the unit is checked against arith.md's dot
 * itself, not against a re-statement of the hardware's schedule. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "unit_defs.h"

#define MAX_CHUNK 65536
#define MAX_COUNT_BITS 20

static const char *const dot_templates[] = { "mg_dot", NULL };

struct mg_model_state {
    mg_dot_spec spec;
};

static int configure_dot(mg_unit *u, mg_kv_list *kv, char *err, size_t errlen)
{
    const char *acc_text = mg_kv_get(kv, "acc", "lba12");
    if (mg_unit_read_format(u, kv, "w", "lba8", err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "a", "lba8", err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "prod", acc_text, err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "acc", acc_text, err, errlen)) return -1;
    if (mg_unit_read_format(u, kv, "acc2", acc_text, err, errlen)) return -1;
    const mg_format *fw = &u->fmt[0], *fa = &u->fmt[1], *fp = &u->fmt[2], *fc = &u->fmt[3], *f2 = &u->fmt[4];
    if (mg_format_width(fc) > 32 || mg_format_width(fp) > 32 || mg_format_width(f2) > 32) {
        snprintf(err, errlen, "prod/acc/acc2: the RTL generator makes results of at most 32 bits");
        return -1;
    }
    long fused, chunk, cbits;
    if (mg_kv_get_int(kv, "fused", 0, 0, 1, &fused, err, errlen)) return -1;
    if (mg_kv_get_int(kv, "chunk", 16, 0, MAX_CHUNK, &chunk, err, errlen)) return -1;
    if (mg_kv_get_int(kv, "cbits", 16, 1, MAX_COUNT_BITS, &cbits, err, errlen)) return -1;
    u->fused = fused != 0;
    u->chunk = chunk;
    u->count_bits = (int)cbits;
    if (mg_unit_read_rounding(u, kv, f2->specials == MG_SPECIALS_IEEE ? "rne" : "rtz", err, errlen)) return -1;
    size_t len = strlen(u->canonical);
    snprintf(u->canonical + len, sizeof u->canonical - len, "%s chunk=%ld cbits=%d", u->fused ? " fused=1" : "",
             chunk, u->count_bits);
    u->exp_width = mg_unit_exp_width(u->fmt, 5, fw->frac_bits + fa->frac_bits + fc->frac_bits + f2->frac_bits);

    mg_unit_add_port(u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, -1);
    mg_unit_add_port(u, "rst", MG_PORT_IN, MG_PORT_RESET_N, 1, -1);
    mg_unit_add_port(u, "valid", MG_PORT_IN, MG_PORT_ENABLE, 1, -1);
    mg_unit_add_port(u, "last", MG_PORT_IN, MG_PORT_LAST, 1, -1);
    mg_unit_add_port(u, "w", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fw), 0);
    mg_unit_add_port(u, "a", MG_PORT_IN, MG_PORT_FLOAT, mg_format_width(fa), 1);
    if (u->rnd.mode == MG_SR) {
        mg_unit_add_port(u, "rand", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, -1);
        mg_unit_add_port(u, "rand2", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, -1);
    } else {
        snprintf(u->tie_low[u->n_tie_low++], sizeof u->tie_low[0], "rand2_i");
    }
    mg_unit_add_port(u, "valid", MG_PORT_OUT, MG_PORT_VALID, 1, -1);
    mg_unit_add_port(u, "res", MG_PORT_OUT, MG_PORT_FLOAT, mg_format_width(f2), 4);
    mg_unit_add_port(u, "flags", MG_PORT_OUT, MG_PORT_FLAGS, 5, -1);
    mg_unit_add_port(u, "counts", MG_PORT_OUT, MG_PORT_COUNTS, 3 * u->count_bits, -1);

    mg_unit_add_format_params(u, fw, "W", "SubW");
    mg_unit_add_format_params(u, fa, "A", "SubA");
    mg_unit_add_format_params(u, fp, "P", "SubP");
    mg_unit_add_format_params(u, fc, "C", "SubC");
    mg_unit_add_format_params(u, f2, "2", "Sub2");
    mg_unit_add_param(u, "Fused", u->fused ? 1 : 0);
    mg_unit_add_rounding_params(u);
    mg_unit_add_param(u, "NormP", mg_unit_needs_norm(fp, fc));
    mg_unit_add_param(u, "NormC", u->fused ? fc->subnormals : mg_unit_needs_norm(fc, fp));
    mg_unit_add_param(u, "NormTotal", mg_unit_needs_norm(f2, fc));
    mg_unit_add_param(u, "NormChunk", mg_unit_needs_norm(fc, f2));
    mg_unit_add_param(u, "Chunk", chunk);
    mg_unit_add_param(u, "CountBits", u->count_bits);
    mg_unit_add_param(u, "ExpWidth", u->exp_width);
    return 0;
}

static mg_model_state *model_new_dot(const mg_unit *u)
{
    mg_model_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->spec.mac.w = u->fmt[0];
    st->spec.mac.a = u->fmt[1];
    st->spec.mac.prod = u->fmt[2];
    st->spec.mac.acc = u->fmt[3];
    st->spec.mac.fused = u->fused;
    st->spec.acc2 = u->fmt[4];
    st->spec.chunk = (size_t)u->chunk;
    return st;
}

static void model_free_dot(mg_model_state *st) { free(st); }

/* The combinational model is unused: dot is clocked only. */
static void model_dot_unused(const mg_unit *u, mg_model_state *st, const uint64_t *in, uint64_t *out)
{
    (void)u;
    (void)st;
    (void)in;
    (void)out;
}

/* One vector being collected: pairs, their MAC random words, and one random
 * word per chunk-sum addition (known a cycle after the chunk ends). */
typedef struct {
    mg_bits *w, *a;
    uint64_t *mac_rand, *add_rand;
    size_t n, cap, chunks;
} vec;

typedef struct {
    vec cur, done;         /* collecting; finished, its last addition next cycle */
    int due;               /* a chunk ended last cycle: 0 none, 1 of cur, 2 of done */
    uint64_t out[4];       /* valid, res, flags, counts */
} dot_lane;

static int vec_push(vec *v, uint64_t w, uint64_t a, uint64_t r)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 256;
        mg_bits *nw = realloc(v->w, cap * sizeof *nw);
        if (nw) v->w = nw;
        mg_bits *na = realloc(v->a, cap * sizeof *na);
        if (na) v->a = na;
        uint64_t *nr = realloc(v->mac_rand, cap * sizeof *nr);
        if (nr) v->mac_rand = nr;
        uint64_t *nc = realloc(v->add_rand, cap * sizeof *nc);
        if (nc) v->add_rand = nc;
        if (!nw || !na || !nr || !nc) return -1;
        v->cap = cap;
    }
    v->w[v->n] = (mg_bits){ w };
    v->a[v->n] = (mg_bits){ a };
    v->mac_rand[v->n++] = r;
    return 0;
}

static void vec_free(vec *v)
{
    free(v->w);
    free(v->a);
    free(v->mac_rand);
    free(v->add_rand);
}

static void *lane_new_dot(const mg_unit *u)
{
    (void)u;
    return calloc(1, sizeof(dot_lane));
}

static void lane_free_dot(void *lane)
{
    dot_lane *dl = lane;
    if (!dl) return;
    vec_free(&dl->cur);
    vec_free(&dl->done);
    free(dl);
}

static uint64_t saturate_count(unsigned long long n, int bits)
{
    return n > mg_mask64(bits) ? mg_mask64(bits) : n;
}

/* in: rst_n, valid, last, w, a[, rand, rand2]; out: valid, res, flags, counts. */
static bool step_dot(const mg_unit *u, mg_model_state *st, void *lane, const uint64_t *in, uint64_t *out)
{
    dot_lane *dl = lane;
    bool sr = u->rnd.mode == MG_SR;
    uint64_t rand = sr ? in[5] : 0, rand2 = sr ? in[6] : 0;
    if (!in[0]) {
        dl->cur.n = dl->cur.chunks = dl->done.n = dl->done.chunks = 0;
        dl->due = 0;
        memset(dl->out, 0, sizeof dl->out);
    } else {
        /* The add stage: the chunk that ended last cycle takes this cycle's
         * rand2; the end of a vector brings out its result. */
        dl->out[0] = 0;
        if (dl->due) {
            vec *v = dl->due == 1 ? &dl->cur : &dl->done;
            v->add_rand[v->chunks++] = rand2;
        }
        if (dl->due == 2) {
            vec *v = &dl->done;
            uint64_t *words = NULL;
            if (sr) {
                words = malloc((v->n + v->chunks) * sizeof *words);
                if (words) {
                    memcpy(words, v->mac_rand, v->n * sizeof *words);
                    memcpy(words + v->n, v->add_rand, v->chunks * sizeof *words);
                }
            }
            unsigned flags = 0;
            mg_event_counts counts = { 0, 0, 0 };
            mg_rounding r = u->rnd;
            mg_bits res = mg_dot(&st->spec, v->w, v->a, v->n, &r, words, &flags, &counts);
            free(words);
            int cb = u->count_bits;
            dl->out[0] = 1;
            dl->out[1] = res.bits;
            dl->out[2] = flags;
            dl->out[3] = saturate_count(counts.overflow, cb) | saturate_count(counts.underflow, cb) << cb |
                         saturate_count(counts.swamping, cb) << (2 * cb);
            v->n = v->chunks = 0;
        }
        dl->due = 0;
        /* The MAC stage. */
        if (in[1]) {
            vec *v = &dl->cur;
            if (vec_push(v, in[3], in[4], rand)) abort(); /* out of memory in the checker */
            bool last = in[2] != 0;
            size_t in_chunk = u->chunk ? (v->n - 1) % (size_t)u->chunk + 1 : v->n;
            if (last) {
                vec t = dl->done;
                dl->done = dl->cur;
                dl->cur = t;
                dl->cur.n = dl->cur.chunks = 0;
                dl->due = 2;
            } else if (u->chunk && in_chunk == (size_t)u->chunk) {
                dl->due = 1;
            }
        }
    }
    memcpy(out, dl->out, sizeof dl->out);
    return true;
}

const mg_unit_def mg_unit_dot = {
    .name = "dot",
    .summary = "chunked dot product, one (w, a) pair per cycle, result per vector (valid_o)",
    .usage = "w=FMT a=FMT prod=FMT(=acc) acc=FMT acc2=FMT(=acc) chunk=C(=16, 0: none) fused=0|1\n"
             "      round=rtz|rne|sr [rbits=R] [ovf=inf|sat] [cbits=B(=16)] [top=NAME]\n"
             "  ports: clk_i rst_ni valid_i last_i w_i a_i [rand_i rand2_i] -> valid_o res_o flags_o\n"
             "  counts_o = {swamping, underflow, overflow} event counts, B bits each, saturating;\n"
             "  valid_o pulses one cycle after the cycle that took the pair with last_i",
    .known = "w, a, prod, acc, acc2, chunk, cbits, fused, round, rbits, ovf, top",
    .core = "mg_dot",
    .core_has_rand = true,
    .templates = dot_templates,
    .configure = configure_dot,
    .model_new = model_new_dot,
    .model_free = model_free_dot,
    .model = model_dot_unused,
    .lane_new = lane_new_dot,
    .lane_free = lane_free_dot,
    .step = step_dot,
};
