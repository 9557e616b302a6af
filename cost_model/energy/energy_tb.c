#include "energy_tb.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "energy_netlist.h"
#include "fileio.h"
#include "flow.h"
#include "textfile.h"

int mg_tb_slices(long cycles)
{
    int s = 1;
    while (s < 62 && (1L << s) <= cycles) s++;
    return s;
}

/* A hierarchical reference "dut.<net>": every component a plain name,
 * generate-block indices allowed. */
static bool plain_path(const char *path)
{
    char part[256];
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ".");
        if (n == 0 || n >= sizeof part) return false;
        memcpy(part, p, n);
        part[n] = '\0';
        if (!mg_enet_plain_name(part)) return false;
        p += n;
        if (*p == '.') p++;
    }
    return path[0] != '\0';
}

static void write_ports(FILE *fp, const mg_tb_spec *s)
{
    for (int i = 0; i < s->n_ports; i++) {
        const mg_tb_port *p = &s->ports[i];
        if (p->role == MG_TBP_OUTPUT) fprintf(fp, "  wire [%d:0] out_%s;\n", p->width - 1, p->name);
        if (p->role == MG_TBP_FEEDBACK) fprintf(fp, "  reg [%d:0] fb_%s = {%d{1'b0}};\n", p->width - 1, p->name, p->width);
    }
    fprintf(fp, "  %s dut (\n", s->top);
    for (int i = 0; i < s->n_ports; i++) {
        const mg_tb_port *p = &s->ports[i];
        fprintf(fp, "    .%s(", p->name);
        switch (p->role) {
        case MG_TBP_STIM: fprintf(fp, "stim[%d:%d]", p->stim_lsb + p->width - 1, p->stim_lsb); break;
        case MG_TBP_CLOCK: fprintf(fp, "clk"); break;
        case MG_TBP_FEEDBACK: fprintf(fp, "fb_%s", p->name); break;
        case MG_TBP_OUTPUT: fprintf(fp, "out_%s", p->name); break;
        }
        fprintf(fp, ")%s\n", i + 1 < s->n_ports ? "," : "");
    }
    fprintf(fp, "  );\n");
}

static void write_drive(FILE *fp, const mg_tb_spec *s)
{
    fprintf(fp, "  always @(posedge clk) begin\n"
                "    started <= 1'b1;\n"
                "    if (cycle < Lines) begin\n"
                "      stim <= stim_mem[cycle];\n");
    for (int i = 0; i < s->n_ports; i++) {
        const mg_tb_port *p = &s->ports[i];
        if (p->role != MG_TBP_FEEDBACK) continue;
        if (s->clear_bit >= 0)
            fprintf(fp, "      fb_%s <= stim_mem[cycle][%d] ? {%d{1'b0}} : out_%s;\n", p->name, s->clear_bit, p->width,
                    s->ports[p->feedback_from].name);
        else
            fprintf(fp, "      fb_%s <= out_%s;\n", p->name, s->ports[p->feedback_from].name);
    }
    fprintf(fp, "    end\n  end\n");
}

/* Sampled counting: cur = every net, then a bit-sliced increment by
 * cur ^ prev. */
static void write_sampled(FILE *fp, const mg_tb_spec *s)
{
    const int n = s->n_nets, slices = mg_tb_slices(s->cycles);
    fprintf(fp, "  reg [%d:0] cur, prev, d, t;\n", n - 1);
    for (int k = 0; k < slices; k++) fprintf(fp, "  reg [%d:0] cnt%d = {%d{1'b0}};\n", n - 1, k, n);
    fprintf(fp, "  integer fd;\n"
                "  always @(negedge clk) if (started) begin\n");
    for (int lo = 0; lo < n; lo += 256) {
        int hi = lo + 256 < n ? lo + 255 : n - 1;
        fprintf(fp, "    cur[%d:%d] = {", hi, lo);
        for (int i = hi; i >= lo; i--) fprintf(fp, "dut.%s%s", s->nets[i], i > lo ? ", " : "};\n");
    }
    fprintf(fp, "    if (cycle >= Warm) begin\n"
                "      d = cur ^ prev;\n");
    for (int k = 0; k < slices; k++) fprintf(fp, "      t = cnt%d & d; cnt%d = cnt%d ^ d; d = t;\n", k, k, k);
    fprintf(fp, "    end\n"
                "    prev = cur;\n"
                "    cycle = cycle + 1;\n"
                "    if (cycle == Lines) begin\n"
                "      fd = $fopen(\"" MG_TB_COUNTS "\", \"w\");\n");
    /* Lines of at most MG_TB_CHUNK bits (Verilator's $fwrite takes 8192). */
    for (int k = 0; k < slices; k++)
        for (int lo = 0; lo < n; lo += MG_TB_CHUNK) {
            int hi = lo + MG_TB_CHUNK < n ? lo + MG_TB_CHUNK - 1 : n - 1;
            fprintf(fp, "      $fwrite(fd, \"%%h\\n\", cnt%d[%d:%d]);\n", k, hi, lo);
        }
    fprintf(fp, "      $fclose(fd);\n"
                "      $finish;\n"
                "    end\n"
                "  end\n");
}

/* Event counting: every change of every net while counting. */
static void write_events(FILE *fp, const mg_tb_spec *s)
{
    const int n = s->n_nets;
    fprintf(fp, "  integer cnt [0:%d];\n"
                "  integer i, fd;\n"
                "  reg counting = 1'b0;\n"
                "  initial for (i = 0; i < %d; i = i + 1) cnt[i] = 0;\n",
            n - 1, n);
    if (s->sdf) fprintf(fp, "  initial $sdf_annotate(\"%s\", dut);\n", MG_ENET_SDF);
    for (int i = 0; i < n; i++) fprintf(fp, "  always @(dut.%s) if (counting) cnt[%d] = cnt[%d] + 1;\n", s->nets[i], i, i);
    fprintf(fp, "  always @(negedge clk) if (started) begin\n"
                "    if (cycle == Warm - 1) counting = 1'b1;\n"
                "    cycle = cycle + 1;\n"
                "    if (cycle == Lines) begin\n"
                "      fd = $fopen(\"" MG_TB_COUNTS "\", \"w\");\n"
                "      for (i = 0; i < %d; i = i + 1) $fwrite(fd, \"%%0d\\n\", cnt[i]);\n"
                "      $fclose(fd);\n"
                "      $finish;\n"
                "    end\n"
                "  end\n",
            n);
}

int mg_tb_write(const char *path, const mg_tb_spec *s, char *err, size_t errlen)
{
    if (!mg_flow_valid_module(s->top)) {
        snprintf(err, errlen, "'%s' is not a plain Verilog module name", s->top);
        return -1;
    }
    if (s->n_nets < 1 || s->stim_bits < 1 || s->stim_bits > MG_TB_STIM_BITS_MAX || s->warm < 1 || s->cycles < 1) {
        snprintf(err, errlen, "testbench: nothing to count or no stimulus");
        return -1;
    }
    for (int i = 0; i < s->n_nets; i++) {
        if (!plain_path(s->nets[i])) {
            snprintf(err, errlen, "net '%.80s' cannot be referenced from a testbench", s->nets[i]);
            return -1;
        }
    }
    for (int i = 0; i < s->n_ports; i++) {
        if (!mg_enet_plain_name(s->ports[i].name) || strchr(s->ports[i].name, '[') || s->ports[i].width < 1) {
            snprintf(err, errlen, "port '%.60s' cannot be connected by the testbench", s->ports[i].name);
            return -1;
        }
    }
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) return -1;
    FILE *fp = f.fp;
    fprintf(fp, "// Generated by macgen energy: the toggle-counting testbench of docs/energy.md.\n"
                "`timescale 1ns/1ps\n"
                "module mg_energy_core (input wire clk);\n"
                "  localparam integer Warm = %ld;\n"
                "  localparam integer Lines = %ld;\n"
                "  reg [%d:0] stim_mem [0:Lines-1];\n"
                "  reg [%d:0] stim = {%d{1'b0}};\n"
                "  integer cycle = 0;\n"
                "  reg started = 1'b0;\n"
                "  initial $readmemh(\"" MG_TB_STIM "\", stim_mem);\n",
            s->warm, s->warm + s->cycles, s->stim_bits - 1, s->stim_bits - 1, s->stim_bits);
    write_ports(fp, s);
    write_drive(fp, s);
    if (s->mode == MG_TB_SAMPLED) write_sampled(fp, s);
    else write_events(fp, s);
    fprintf(fp, "endmodule\n");
    return mg_atomic_commit(&f, err, errlen);
}

int mg_tb_write_icarus_top(const char *path, double period_ns, char *err, size_t errlen)
{
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) return -1;
    fprintf(f.fp, "// Generated by macgen energy: the clock of the Icarus run.\n"
                  "`timescale 1ns/1ps\n"
                  "module mg_energy_tb;\n"
                  "  reg clk = 1'b0;\n"
                  "  always #%.4f clk = ~clk;\n"
                  "  mg_energy_core core (.clk(clk));\n"
                  "endmodule\n",
            period_ns > 0 ? period_ns / 2 : 5.0);
    return mg_atomic_commit(&f, err, errlen);
}

int mg_tb_write_verilator_main(const char *path, char *err, size_t errlen)
{
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) return -1;
    fputs("// Generated by macgen energy: clocks mg_energy_core until it calls $finish.\n"
          "#include \"Vmg_energy_core.h\"\n"
          "#include \"verilated.h\"\n"
          "int main(int argc, char **argv) {\n"
          "    VerilatedContext ctx;\n"
          "    ctx.commandArgs(argc, argv);\n"
          "    Vmg_energy_core top{&ctx};\n"
          "    top.clk = 0;\n"
          "    top.eval();\n"
          "    while (!ctx.gotFinish()) {\n"
          "        top.clk = !top.clk;\n"
          "        top.eval();\n"
          "    }\n"
          "    top.final();\n"
          "    return 0;\n"
          "}\n",
          f.fp);
    return mg_atomic_commit(&f, err, errlen);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int read_sampled(const char *text, const mg_tb_spec *s, uint64_t *counts, char *err, size_t errlen)
{
    const int n = s->n_nets, slices = mg_tb_slices(s->cycles);
    const char *p = text;
    for (int k = 0; k < slices; k++) {
        for (int lo = 0; lo < n; lo += MG_TB_CHUNK) {
            const int hi = lo + MG_TB_CHUNK < n ? lo + MG_TB_CHUNK - 1 : n - 1;
            const size_t digits = ((size_t)(hi - lo + 1) + 3) / 4, len = strcspn(p, "\n");
            if (len != digits) {
                snprintf(err, errlen, "the simulator's counts are malformed (slice %d, bits %d..%d: %zu hex digits, "
                         "expected %zu)", k, lo, hi, len, digits);
                return -1;
            }
            for (int i = lo; i <= hi; i++) {
                int v = hex_value(p[len - 1 - (size_t)(i - lo) / 4]);
                if (v < 0) {
                    snprintf(err, errlen, "net %.80s was undefined (X or Z) in a counted cycle: the stimulus leaves "
                             "it uninitialised (more warm-up cycles, or a reset)", s->nets[i]);
                    return -1;
                }
                counts[i] |= (uint64_t)((v >> ((i - lo) % 4)) & 1) << k;
            }
            p += len;
            if (*p == '\n') p++;
        }
    }
    return 0;
}

static int read_events(const char *text, const mg_tb_spec *s, uint64_t *counts, char *err, size_t errlen)
{
    const char *p = text;
    for (int i = 0; i < s->n_nets; i++) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(p, &end, 10);
        if (end == p || errno || (*end != '\n' && *end != '\0')) {
            snprintf(err, errlen, "the simulator's counts are malformed (net %d of %d)", i, s->n_nets);
            return -1;
        }
        counts[i] = v;
        p = *end ? end + 1 : end;
    }
    return 0;
}

int mg_tb_read_counts(const char *path, const mg_tb_spec *s, uint64_t *counts, char *err, size_t errlen)
{
    char *text = NULL, why[512];
    if (mg_read_text_file(path, &text, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "the simulation wrote no counts (%s)", why);
        return -1;
    }
    memset(counts, 0, (size_t)s->n_nets * sizeof *counts);
    int rc = s->mode == MG_TB_SAMPLED ? read_sampled(text, s, counts, err, errlen)
                                      : read_events(text, s, counts, err, errlen);
    free(text);
    return rc;
}
