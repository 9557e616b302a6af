#include "flow.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fileio.h"
#include "verilog_name.h"

/* Totals come from a flat synthesis run first, in a fresh design: ABC's
 * result moves by a few percent with the order in which Yosys hands it the
 * netlist, and that order depends on everything the process did before, so
 * the flat run is exactly what an independent `synth -flatten` of the same
 * files gives (order-stable).  dfflegalize turns every register into a plain
 * D flip-flop (async-reset ones keep their reset), so enables and synchronous
 * resets are paid for in gates; ABC maps all logic to 2-input gates and
 * inverters; the depth is measured on that netlist, flip-flops cut.
 * -noshare skips Yosys's SAT-based resource sharing: the templates
 * instantiate every operator they need and the pass shared nothing in any
 * unit whose log was checked (docs/cost_model.md), but it tried every pair
 * of shifters, which took 50 s of an MX edge unit's 56 s and minutes for a
 * 64-element hbfp_quant. */
#define FLAT_FLOW                                                                   \
    "# macgen cost flow 3 (flat totals, hierarchy-kept blocks); see docs/cost_model.md\n" \
    "@READ@\n"                                                                      \
    "hierarchy -check -top @TOP@\n"                                                 \
    "synth -flatten -noshare -top @TOP@\n"                                         \
    "design -save mg_flat\n"                                                        \
    "dfflegalize -cell $_DFF_P_ 01 -cell $_DFF_PN0_ 01 -cell $_DFF_PN1_ 01\n"        \
    "abc -g " MG_FLOW_GATE_SET "\n"                                                 \
    "opt_clean\n"                                                                   \
    "tee -q -o " MG_FLOW_FLAT_JSON " stat -json\n"                                  \
    "tee -q -o " MG_FLOW_FLAT_CMOS " stat -tech cmos\n"                             \
    "tee -q -o " MG_FLOW_DEPTH " ltp -noff\n"

/* Standard cells, from the flat synthesis: the library's own flip-flops, ABC
 * maps the logic to its cells, areas from stat -liberty (0.23's JSON carries
 * none); the netlist (internal wires purged, which OpenSTA's reader needs)
 * is what OpenSTA times. */
#define LIBERTY_FLOW                                                                \
    "design -load mg_flat\n"                                                        \
    "dfflibmap -liberty " MG_FLOW_LIBERTY_LINK "\n"                                 \
    "abc -liberty " MG_FLOW_LIBERTY_LINK "\n"                                       \
    "opt_clean -purge\n"                                                            \
    "tee -q -o " MG_FLOW_LIBERTY_JSON " stat -json\n"                               \
    "tee -q -o " MG_FLOW_LIBERTY_AREA " stat -liberty " MG_FLOW_LIBERTY_LINK "\n"   \
    "write_verilog -noattr -simple-lhs " MG_FLOW_NETLIST "\n"

/* The blocks' stand-alone costs: the same files again in a fresh design,
 * synth without -flatten so each template module stays a module. */
#define HIER_FLOW                                                                   \
    "design -reset\n"                                                               \
    "@READ@\n"                                                                      \
    "hierarchy -check -top @TOP@\n"                                                 \
    "synth -noshare -top @TOP@\n"                                                   \
    "dfflegalize -cell $_DFF_P_ 01 -cell $_DFF_PN0_ 01 -cell $_DFF_PN1_ 01\n"        \
    "abc -g " MG_FLOW_GATE_SET "\n"                                                 \
    "opt_clean\n"                                                                   \
    "tee -q -o " MG_FLOW_HIER_JSON " stat -json\n"                                  \
    "tee -q -o " MG_FLOW_HIER_CMOS " stat -tech cmos\n"

static const char generic_flow[] = FLAT_FLOW HIER_FLOW;
static const char generic_and_liberty_flow[] = FLAT_FLOW LIBERTY_FLOW HIER_FLOW;
static const char flat_only_flow[] = FLAT_FLOW;

const char *mg_flow_text(bool liberty)
{
    return liberty ? generic_and_liberty_flow : generic_flow;
}

const char *mg_flow_text_flat_only(void)
{
    return flat_only_flow;
}

void mg_flow_hash(bool liberty, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)mg_flow_text(liberty); *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

bool mg_flow_valid_module(const char *name)
{
    if (!name[0] || strlen(name) > 120 || mg_verilog_is_keyword(name)) return false;
    if (!((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_'))
        return false;
    for (const char *p = name; *p; p++) {
        bool ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                  *p == '_' || *p == '$';
        if (!ok) return false;
    }
    return true;
}

bool mg_flow_valid_file(const char *path)
{
    if (!path[0] || path[0] == '/' || strlen(path) > 400) return false;
    const char *p = path;
    while (*p) {
        size_t n = strcspn(p, "/");
        if (n == 0 || (n == 2 && !strncmp(p, "..", 2)) || (n == 1 && p[0] == '.')) return false;
        for (size_t i = 0; i < n; i++) {
            char c = p[i];
            bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.' || c == '+' || c == '-';
            if (!ok) return false;
        }
        p += n;
        if (*p == '/') p++;
    }
    return true;
}

int mg_flow_write(const char *path, const char *top, const char *const *files, size_t n_files,
                  const char *text, char *err, size_t errlen)
{
    if (!mg_flow_valid_module(top)) {
        snprintf(err, errlen, "'%s' is not a plain Verilog module name", top);
        return -1;
    }
    if (n_files == 0) {
        snprintf(err, errlen, "no Verilog file to synthesize");
        return -1;
    }
    for (size_t i = 0; i < n_files; i++) {
        if (!mg_flow_valid_file(files[i])) {
            snprintf(err, errlen, "unsupported Verilog file name '%s' (use letters, digits, _ . + -)",
                     files[i]);
            return -1;
        }
    }
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) return -1;
    for (const char *p = text; *p;) {
        if (!strncmp(p, "@READ@", 6)) {
            for (size_t i = 0; i < n_files; i++)
                fprintf(f.fp, "%sread_verilog %s", i ? "\n" : "", files[i]);
            p += 6;
        } else if (!strncmp(p, "@TOP@", 5)) {
            fputs(top, f.fp);
            p += 5;
        } else {
            fputc(*p++, f.fp);
        }
    }
    return mg_atomic_commit(&f, err, errlen);
}
