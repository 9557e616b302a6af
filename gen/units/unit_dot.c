/* The chunked dot-product unit `dot` (docs/spec/operations.md section 4): one (w, a) pair
 * per cycle, a result per vector (protocol in rtl_templates/mg_dot.v and
 * docs/rtl_units.md).  Its lane model collects each vector and hands it to
 * the golden model's mg_dot, so the unit is checked against docs/spec/operations.md's dot
 * itself, not against a re-statement of the hardware's schedule. */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "eval_lines.h"

#define MAX_CHUNK 65536
#define MAX_COUNT_BITS 20
#define K_MAX 4096

static const char *const dot_templates[] = { "mg_dot", NULL };

struct mg_model_state {
    mg_dot_spec spec;
    int count_bits; /* cbits= */
};

static const mg_param_spec dot_params[] = {
    MG_P_FORMAT("w", "lba8", "weight format"),
    MG_P_FORMAT("a", "lba8", "activation format"),
    MG_P_FORMAT_SAME("prod", "acc", "product format"),
    MG_P_FORMAT("acc", "lba12", "chunk accumulator format"),
    MG_P_FORMAT_SAME("acc2", "acc", "format of the sum of chunk sums (the result)"),
    MG_P_ROUNDING("acc2"),
    MG_P_FLAG("fused", "one rounding per MAC step"),
    MG_P_INT("chunk", 16, 0, MAX_CHUNK, MG_SHOW_ALWAYS, "chunk length C (0: one chunk)"),
    { "cbits", MG_PARAM_INT, MG_DEF_TEXT, "16", 1, MAX_COUNT_BITS, NULL, MG_SHOW_ALWAYS, MG_FOR_RTL,
      "width B of each event counter of counts_o (saturating)" },
    { "k", MG_PARAM_INT, MG_DEF_TEXT, NULL, 1, K_MAX, NULL, MG_SHOW_NEVER, MG_FOR_EVAL,
      "vector length K: an eval line holds K weights, then K activations" },
    MG_P_LEAN_FLAGS,
    MG_P_LEAN_("events", "0: no counts_o port and no event counters"),
    MG_P_ARCH,
    MG_PARAM_END,
};

static int configure_dot(mg_unit *u, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    const mg_format *fw = mg_unit_format(u, "w"), *fa = mg_unit_format(u, "a"), *fp = mg_unit_format(u, "prod");
    const mg_format *fc = mg_unit_format(u, "acc"), *f2 = mg_unit_format(u, "acc2");
    const mg_format *all[] = { fw, fa, fp, fc, f2 };
    bool fused = mg_unit_int(u, "fused") != 0;
    int count_bits = (int)mg_unit_int(u, "cbits");
    mg_unit_add_port(u, "clk", MG_PORT_IN, MG_PORT_CLOCK, 1, NULL);
    mg_unit_add_port(u, "rst", MG_PORT_IN, MG_PORT_RESET_N, 1, NULL);
    mg_unit_add_port(u, "valid", MG_PORT_IN, MG_PORT_ENABLE, 1, NULL);
    mg_unit_add_port(u, "last", MG_PORT_IN, MG_PORT_LAST, 1, NULL);
    mg_unit_add_float_port(u, "w", MG_PORT_IN, "w");
    mg_unit_add_float_port(u, "a", MG_PORT_IN, "a");
    if (u->rnd.mode == MG_SR) {
        mg_unit_add_port(u, "rand", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, NULL);
        mg_unit_add_port(u, "rand2", MG_PORT_IN, MG_PORT_RANDOM, u->rnd.rbits, NULL);
    } else {
        snprintf(u->tie_low[u->n_tie_low++], sizeof u->tie_low[0], "rand2_i");
    }
    mg_unit_add_port(u, "valid", MG_PORT_OUT, MG_PORT_VALID, 1, NULL);
    mg_unit_add_float_port(u, "res", MG_PORT_OUT, "acc2");
    mg_unit_add_optional_out(u, mg_unit_int(u, "flags") != 0, "flags", MG_PORT_FLAGS, 5);
    mg_unit_add_optional_out(u, mg_unit_int(u, "events") != 0, "counts", MG_PORT_COUNTS, 3 * count_bits);

    mg_unit_add_format_params(u, fw, "W", "SubW");
    mg_unit_add_format_params(u, fa, "A", "SubA");
    mg_unit_add_format_params(u, fp, "P", "SubP");
    mg_unit_add_format_params(u, fc, "C", "SubC");
    mg_unit_add_format_params(u, f2, "2", "Sub2");
    mg_unit_add_param(u, "Fused", fused ? 1 : 0);
    mg_unit_add_rounding_params(u);
    mg_unit_add_param(u, "NormP", mg_unit_needs_norm(fp, fc));
    mg_unit_add_param(u, "NormC", fused ? fc->subnormals : mg_unit_needs_norm(fc, fp));
    mg_unit_add_param(u, "NormTotal", mg_unit_needs_norm(f2, fc));
    mg_unit_add_param(u, "NormChunk", mg_unit_needs_norm(fc, f2));
    mg_unit_add_param(u, "Chunk", mg_unit_int(u, "chunk"));
    mg_unit_add_param(u, "CountBits", count_bits);
    mg_unit_add_param(u, "ExpWidth",
                      mg_unit_exp_width_arch(u, all, 5, fw->frac_bits + fa->frac_bits + fc->frac_bits + f2->frac_bits));
    return 0;
}

static int rtl_check(const mg_unit *u, char *err, size_t errlen)
{
    static const char *const keys[] = { "w", "a", "prod", "acc", "acc2", NULL };
    static const char *const results[] = { "prod", "acc", "acc2", NULL };
    return mg_unit_check_formats(u, keys, results, err, errlen);
}

static mg_model_state *model_new_dot(const mg_unit *u)
{
    mg_model_state *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->spec.mac.w = *mg_unit_format(u, "w");
    st->spec.mac.a = *mg_unit_format(u, "a");
    st->spec.mac.prod = *mg_unit_format(u, "prod");
    st->spec.mac.acc = *mg_unit_format(u, "acc");
    st->spec.mac.fused = mg_unit_int(u, "fused") != 0;
    st->spec.acc2 = *mg_unit_format(u, "acc2");
    st->spec.chunk = (size_t)mg_unit_int(u, "chunk");
    st->count_bits = (int)mg_unit_int(u, "cbits");
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
            int cb = st->count_bits;
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
            size_t chunk = st->spec.chunk, in_chunk = chunk ? (v->n - 1) % chunk + 1 : v->n;
            if (last) {
                vec t = dl->done;
                dl->done = dl->cur;
                dl->cur = t;
                dl->cur.n = dl->cur.chunks = 0;
                dl->due = 2;
            } else if (chunk && in_chunk == chunk) {
                dl->due = 1;
            }
        }
    }
    memcpy(out, dl->out, sizeof dl->out);
    return true;
}

/* ---- eval dot: one vector pair a line (docs/spec/operations.md section 4).
 *   line:   W_0..W_{K-1} A_0..A_{K-1} [r_0 .. r_{K+ceil(K/C)-1} with round=sr]
 *   answer: the operands, R (acc2), FL, then the LBA event counts over the
 *           whole dot product: overflow, underflow, swamping (4 hex digits each). */

enum { EVAL_COUNT_BITS = 16 };

typedef struct {
    const mg_unit *u;
    mg_model_state *st;
    size_t k;
    mg_bits *w, *a; /* scratch for one line */
} dot_eval;

static int eval_line(const void *ctx, const uint64_t *ops, uint64_t *res, char *why, size_t len)
{
    const dot_eval *ev = ctx;
    (void)why;
    (void)len;
    for (size_t i = 0; i < ev->k; i++) {
        ev->w[i].bits = ops[i];
        ev->a[i].bits = ops[ev->k + i];
    }
    unsigned flags = 0;
    mg_event_counts counts = { 0, 0, 0 };
    mg_rounding r = ev->u->rnd;
    const uint64_t *random = r.mode == MG_SR ? ops + 2 * ev->k : NULL;
    res[0] = mg_dot(&ev->st->spec, ev->w, ev->a, ev->k, &r, random, &flags, &counts).bits;
    res[1] = flags;
    res[2] = counts.overflow;
    res[3] = counts.underflow;
    res[4] = counts.swamping;
    return 0;
}

static int eval_dot(const mg_unit *u, FILE *in, FILE *out, char *err, size_t errlen)
{
    dot_eval ev = { u, model_new_dot(u), (size_t)mg_unit_int(u, "k"), NULL, NULL };
    size_t k = ev.k, n_random = 0;
    mg_eval_layout layout = { 0, 0, NULL, NULL };
    int rc = -1;
    ev.w = malloc(k * sizeof *ev.w);
    ev.a = malloc(k * sizeof *ev.a);
    if (!ev.st || !ev.w || !ev.a) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    n_random = u->rnd.mode == MG_SR ? mg_dot_random_words(&ev.st->spec, k) : 0;
    if (mg_eval_layout_init(&layout, 2 * k + n_random, 5, err, errlen)) goto done;
    mg_eval_fill(layout.op_bits, 0, k, mg_format_width(&ev.st->spec.mac.w));
    mg_eval_fill(layout.op_bits, k, k, mg_format_width(&ev.st->spec.mac.a));
    mg_eval_fill(layout.op_bits, 2 * k, n_random, u->rnd.rbits);
    layout.res_bits[0] = mg_format_width(&ev.st->spec.acc2);
    layout.res_bits[1] = MG_EVAL_FLAG_BITS;
    mg_eval_fill(layout.res_bits, 2, 3, EVAL_COUNT_BITS);
    rc = mg_eval_answer_lines(&layout, eval_line, &ev, in, out, err, errlen);
    mg_eval_layout_free(&layout);
done:
    free(ev.w);
    free(ev.a);
    model_free_dot(ev.st);
    return rc;
}

/* arch=auto: speed.  The area structures make the default lba12 dot
 * product 7% smaller but 2 levels deeper in its cycle (3478.5 NAND2-eq and
 * 120 levels against 3724.0 and 118; lean: 2071.0 / 83 against 2289.0 /
 * 80; scripts/qor_flow.sh dot [flags=0 events=0] arch=...), the second
 * adder (the chunk sums) adding its levels to the MAC's.  arch=area still
 * builds it. */
static bool auto_area_dot(const mg_unit *u)
{
    (void)u;
    return false;
}

const mg_unit_def mg_unit_dot = {
    .name = "dot",
    .summary = "chunked dot product, one (w, a) pair per cycle, result per vector (valid_o)",
    .params = dot_params,
    .notes = "ports: clk_i rst_ni valid_i last_i w_i a_i [rand_i rand2_i] -> valid_o res_o flags_o counts_o;\n"
             "counts_o = {swamping, underflow, overflow} event counts, B bits each, saturating;\n"
             "valid_o pulses one cycle after the cycle that took the pair with last_i",
    .core = "mg_dot", .core_has_rand = true, .templates = dot_templates,
    .configure = configure_dot, .rtl_check = rtl_check,
    .model_new = model_new_dot, .model_free = model_free_dot, .model = model_dot_unused,
    .lane_new = lane_new_dot, .lane_free = lane_free_dot, .step = step_dot,
    .driver = MG_DRIVER_SEQUENCE,
    .auto_area = auto_area_dot,
    .eval_line = "W_0..W_{K-1} A_0..A_{K-1} [r..] -> operands R FL NOVF NUNF NSWAMP", .eval = eval_dot,
};
