#include "energy_sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "energy_tb.h"
#include "flow.h"
#include "run_tool.h"
#include "textfile.h"

#define SIM_LOG "sim.log"
#define MAX_ARGS 80

/* The tool's last line that says what went wrong (its "error" line), else
 * run_tool's reason. */
static int tool_failed(const char *workdir, const char *what, const char *reason, char *err, size_t errlen)
{
    char path[4200], *text = NULL, why[256];
    snprintf(path, sizeof path, "%s/%s", workdir, SIM_LOG);
    const char *found = NULL;
    if (mg_read_text_file(path, &text, NULL, why, sizeof why) == 0) {
        for (const char *p = text; *p;) {
            size_t n = strcspn(p, "\n");
            if ((strstr(p, "error") || strstr(p, "Error") || strstr(p, "%Error")) &&
                (size_t)((strstr(p, "rror") - p)) < n)
                found = p;
            p += n;
            if (*p) p++;
        }
    }
    char line[400] = "", esc[420];
    if (found) snprintf(line, sizeof line, "%.*s", (int)strcspn(found, "\n"), found);
    snprintf(err, errlen, "%s: %s", what, found ? mg_escape_text(line, esc, sizeof esc) : reason);
    free(text);
    return MG_FAIL_TOOL;
}

static int run(const mg_sim_job *j, const char *const *argv, const char *what, char *err, size_t errlen)
{
    char log[4200];
    snprintf(log, sizeof log, "%s/%s", j->workdir, SIM_LOG);
    mg_tool_cmd cmd = { argv, j->workdir, log, j->timeout_s };
    mg_tool_result r;
    char why[700];
    if (mg_tool_run(&cmd, &r, why, sizeof why) == 0) return 0;
    if (r.how != MG_TOOL_EXITED) {
        snprintf(err, errlen, "%s", why);
        return MG_FAIL_TOOL;
    }
    return tool_failed(j->workdir, what, why, err, errlen);
}

/* Yosys writes simulation models of the liberty's cells (their function
 * and ff / latch groups) into the work directory. */
static int yosys_models(const mg_sim_job *j, char *err, size_t errlen)
{
    const char *argv[] = { "yosys", "-q", "-p",
                           "read_liberty " MG_FLOW_LIBERTY_LINK "; write_verilog -noattr " MG_SIM_YOSYS_MODELS, NULL };
    return run(j, argv, "yosys (cell models from the liberty)", err, errlen);
}

/* vvp skips an SDF file it cannot open or parse with only a message: a
 * timed run without its delays must not pass for one. */
static int check_sdf(const mg_sim_job *j, char *err, size_t errlen)
{
    char path[4200], *text = NULL, why[256];
    snprintf(path, sizeof path, "%s/%s", j->workdir, SIM_LOG);
    if (mg_read_text_file(path, &text, NULL, why, sizeof why) != 0) return 0;
    int rc = 0;
    for (const char *p = text; *p && rc == 0;) {
        size_t n = strcspn(p, "\n");
        char line[300];
        snprintf(line, sizeof line, "%.*s", (int)(n < 290 ? n : 290), p);
        if (strstr(line, "SDF") && (strstr(line, "ERROR") || strstr(line, "WARNING") || strstr(line, "Unable"))) {
            char esc[320];
            snprintf(err, errlen, "vvp did not annotate the SDF delays: %s", mg_escape_text(line, esc, sizeof esc));
            rc = MG_FAIL_TOOL;
        }
        p += n;
        if (*p) p++;
    }
    free(text);
    return rc;
}

static int run_icarus(const mg_sim_job *j, char *err, size_t errlen)
{
    const char *argv[MAX_ARGS];
    int n = 0;
    argv[n++] = "iverilog";
    argv[n++] = "-g2005";
    if (j->specify) {
        argv[n++] = "-gspecify";
        argv[n++] = "-Tmax";
    }
    argv[n++] = "-s";
    argv[n++] = "mg_energy_tb";
    argv[n++] = "-o";
    argv[n++] = "sim.vvp";
    argv[n++] = MG_TB_TOP_FILE;
    argv[n++] = MG_TB_FILE;
    for (int i = 0; i < j->n_files && n < MAX_ARGS - 3; i++) argv[n++] = j->files[i];
    argv[n++] = j->cell_models ? j->cell_models : MG_SIM_YOSYS_MODELS;
    argv[n] = NULL;
    if (!j->cell_models && yosys_models(j, err, errlen) != 0) return MG_FAIL_TOOL;
    if (run(j, argv, "iverilog", err, errlen) != 0) return MG_FAIL_TOOL;
    const char *vvp[] = { "vvp", "-n", "sim.vvp", NULL };
    if (run(j, vvp, "vvp", err, errlen) != 0) return MG_FAIL_TOOL;
    return j->specify ? check_sdf(j, err, errlen) : 0;
}

static int run_verilator(const mg_sim_job *j, char *err, size_t errlen)
{
    if (yosys_models(j, err, errlen) != 0) return MG_FAIL_TOOL;
    const char *argv[MAX_ARGS];
    int n = 0;
    const char *fixed[] = { "verilator", "--cc", "--exe", "--build", "-O2", "-Wno-fatal", "-Wno-lint", "-Wno-style",
                            "--top-module", "mg_energy_core", "--Mdir", "vobj", "-o", "vsim", MG_TB_FILE };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) argv[n++] = fixed[i];
    for (int i = 0; i < j->n_files && n < MAX_ARGS - 3; i++) argv[n++] = j->files[i];
    argv[n++] = MG_SIM_YOSYS_MODELS;
    argv[n++] = MG_TB_MAIN;
    argv[n] = NULL;
    char main_path[4200];
    snprintf(main_path, sizeof main_path, "%s/%s", j->workdir, MG_TB_MAIN);
    if (mg_tb_write_verilator_main(main_path, err, errlen) != 0) return -1;
    if (run(j, argv, "verilator", err, errlen) != 0) return MG_FAIL_TOOL;
    char exe[4200];   /* absolute: run_tool checks a path from macgen's directory */
    snprintf(exe, sizeof exe, "%s/vobj/vsim", j->workdir);
    const char *sim[] = { exe, NULL };
    return run(j, sim, "the Verilated testbench", err, errlen);
}

int mg_sim_run(const mg_sim_job *j, char *err, size_t errlen)
{
    return j->sim == MG_SIM_ICARUS ? run_icarus(j, err, errlen) : run_verilator(j, err, errlen);
}

void mg_sim_describe(mg_sim_kind sim, const char *cell_models, char *out, size_t len)
{
    if (sim == MG_SIM_VERILATOR) {
        snprintf(out, len, "Verilator, cell models written by Yosys from the liberty");
        return;
    }
    const char *base = cell_models ? strrchr(cell_models, '/') : NULL;
    snprintf(out, len, "Icarus Verilog, %s", cell_models ? (base ? base + 1 : cell_models)
                                                          : "cell models written by Yosys from the liberty");
}
