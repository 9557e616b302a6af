#include "energy_netlist.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "flow.h"
#include "grow.h"
#include "lib_tree.h"
#include "run_tool.h"
#include "sta.h"
#include "textfile.h"

/* The clock ports are found as the timing script finds them (the opening
 * shared with it, sta.h), with a K line per clock port.  Then one line per
 * port (T), net (N: capacitance rise and fall in farads, the number of
 * drivers), instance (I) and instance pin (P: the net, and for an output
 * its rise and fall slew in seconds, the worse corner). */
static const char script_text[] =
    "# macgen energy: net capacitances, slews and connections (OpenSTA); see docs/energy.md\n"
    MG_STA_FIND_CLOCKS
    "foreach c $mg_clocks { puts \"K $c\" }\n"
    MG_STA_CONSTRAIN
    "@LOAD@"
    "set mg_corner [sta::cmd_corner]\n"
    "foreach port [get_ports *] { puts \"T [get_full_name $port] [sta::port_direction $port]\" }\n"
    "foreach net [get_nets *] {\n"
    "  puts \"N [get_full_name $net] [$net capacitance rise $mg_corner max] [$net capacitance fall $mg_corner max] "
    "[llength [sta::net_driver_pins $net]]\"\n"
    "}\n"
    "foreach inst [get_cells *] {\n"
    "  puts \"I [get_full_name $inst] [get_name [$inst cell]]\"\n"
    "  foreach pin [get_pins -of_objects $inst] {\n"
    "    if {[sta::pin_direction $pin] == \"internal\"} { continue }\n"
    "    set net [$pin net]\n"
    "    if {$net == \"NULL\"} { puts \"P [get_property $pin lib_pin_name] -\"; continue }\n"
    "    set s {}\n"
    "    if {[sta::pin_direction $pin] != \"input\"} {\n"
    "      foreach v [$pin vertices] { set s \"[lindex [$v slews rise] end] [lindex [$v slews fall] end]\" }\n"
    "    }\n"
    "    puts \"P [get_property $pin lib_pin_name] [get_full_name $net] $s\"\n"
    "  }\n"
    "}\n"
    "@SDF@"
    "puts \"macgen-end\"\n";

int mg_enetlist_write_script(const char *path, const mg_enet_options *o, char *err, size_t errlen)
{
    if (!mg_flow_valid_module(o->top)) {
        snprintf(err, errlen, "'%s' is not a plain Verilog module name", o->top);
        return -1;
    }
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen) != 0) return -1;
    for (const char *p = script_text; *p;) {
        if (!strncmp(p, "@TOP@", 5)) {
            fputs(o->top, f.fp);
            p += 5;
        } else if (!strncmp(p, "@PERIOD@", 8)) {
            fprintf(f.fp, "%.6f", o->period_ns);
            p += 8;
        } else if (!strncmp(p, "@LOAD@", 6)) {
            if (o->output_load > 0) fprintf(f.fp, "set_load %.9g [all_outputs]\n", o->output_load);
            p += 6;
        } else if (!strncmp(p, "@SDF@", 5)) {
            if (o->write_sdf) fputs("write_sdf -digits 4 " MG_ENET_SDF "\n", f.fp);
            p += 5;
        } else {
            fputc(*p++, f.fp);
        }
    }
    return mg_atomic_commit(&f, err, errlen);
}

bool mg_enet_plain_name(const char *name)
{
    const char *p = name;
    if (!(isalpha((unsigned char)*p) || *p == '_')) return false;
    while (isalnum((unsigned char)*p) || *p == '_' || *p == '$') p++;
    if (!*p) return true;
    if (*p != '[' || !isdigit((unsigned char)p[1])) return false;
    p++;
    while (isdigit((unsigned char)*p)) p++;
    return p[0] == ']' && p[1] == '\0';
}

/* ---- net name index ------------------------------------------------------ */

struct mg_enet_index {
    int *slot;     /* net index + 1, 0: empty */
    size_t size;   /* a power of two */
};

static uint64_t hash_name(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

static int build_index(mg_enetlist *nl)
{
    mg_enet_index *ix = calloc(1, sizeof *ix);
    if (!ix) return -1;
    ix->size = 16;
    while (ix->size < (size_t)nl->n_nets * 2) ix->size *= 2;
    ix->slot = calloc(ix->size, sizeof *ix->slot);
    if (!ix->slot) {
        free(ix);
        return -1;
    }
    for (int i = 0; i < nl->n_nets; i++) {
        size_t h = (size_t)hash_name(nl->nets[i].name) & (ix->size - 1);
        while (ix->slot[h]) h = (h + 1) & (ix->size - 1);
        ix->slot[h] = i + 1;
    }
    nl->index = ix;
    return 0;
}

int mg_enetlist_find(const mg_enetlist *nl, const char *name)
{
    const mg_enet_index *ix = nl->index;
    if (!ix) return -1;
    for (size_t h = (size_t)hash_name(name) & (ix->size - 1); ix->slot[h]; h = (h + 1) & (ix->size - 1))
        if (!strcmp(nl->nets[ix->slot[h] - 1].name, name)) return ix->slot[h] - 1;
    return -1;
}

/* ---- reading ----------------------------------------------------------- */

/* Splits line (modified) into at most max words. */
static int words(char *line, char **w, int max)
{
    int n = 0;
    for (char *save = NULL, *t = strtok_r(line, " \t\r", &save); t && n < max; t = strtok_r(NULL, " \t\r", &save))
        w[n++] = t;
    return n;
}

static int number(const char *s, double *out)
{
    return mg_lib_number(s, out) == 0 && *out >= 0 ? 0 : -1;
}

/* A bit-blasted port "a_i[7]" into the bus a_i (created or widened). */
static int add_port_bit(mg_enetlist *nl, int *cap, const char *name, bool input, char *err, size_t errlen)
{
    char base[64];
    int bit = -1;
    const char *br = strchr(name, '[');
    size_t bl = br ? (size_t)(br - name) : strlen(name);
    if (bl >= sizeof base) {
        snprintf(err, errlen, "port name '%.60s' is too long", name);
        return -1;
    }
    memcpy(base, name, bl);
    base[bl] = '\0';
    if (br) bit = atoi(br + 1);
    for (int i = 0; i < nl->n_ports; i++) {
        mg_eport *p = &nl->ports[i];
        if (strcmp(p->name, base)) continue;
        if (!br || !p->bus || p->input != input) {
            snprintf(err, errlen, "port %.60s is declared twice", base);
            return -1;
        }
        if (bit > p->msb) p->msb = bit;
        if (bit < p->lsb) p->lsb = bit;
        return 0;
    }
    if (!mg_grow((void **)&nl->ports, nl->n_ports, cap, sizeof *nl->ports, 64)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    mg_eport *p = &nl->ports[nl->n_ports++];
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", base);
    p->input = input;
    p->bus = br != NULL;
    p->msb = p->lsb = bit;
    return 0;
}

typedef struct {
    int nets, insts, pins, ports;
} caps;

static int parse_line(mg_enetlist *nl, caps *cp, char *line, bool *end, char *err, size_t errlen)
{
    char *w[8];
    int n = words(line, w, 8);
    if (n == 0) return 0;
    if (!strcmp(w[0], "Error:")) return 1;
    if (!strcmp(w[0], "macgen-end")) {
        *end = true;
        return 0;
    }
    if (!strcmp(w[0], "T") && n == 3) {
        if (!mg_enet_plain_name(w[1])) {
            snprintf(err, errlen, "port '%.60s' has a name macgen cannot reference (escaped identifier?)", w[1]);
            return -1;
        }
        if (strcmp(w[2], "input") && strcmp(w[2], "output")) {
            snprintf(err, errlen, "port %.60s is %.20s: only inputs and outputs are supported", w[1], w[2]);
            return -1;
        }
        return add_port_bit(nl, &cp->ports, w[1], !strcmp(w[2], "input"), err, errlen);
    }
    if (!strcmp(w[0], "N") && n == 5) {
        if (!mg_grow((void **)&nl->nets, nl->n_nets, &cp->nets, sizeof *nl->nets, 64)) return -2;
        mg_enet *e = &nl->nets[nl->n_nets];
        memset(e, 0, sizeof *e);
        double d;
        if (number(w[2], &e->cap_r) || number(w[3], &e->cap_f) || number(w[4], &d) || d > 1e6) return 2;
        e->drivers = (int)d;
        if (e->drivers > 0 && !mg_enet_plain_name(w[1])) {
            snprintf(err, errlen, "net '%.60s' has a name macgen cannot reference in a testbench (escaped "
                     "identifier?): map the design with Yosys' write_verilog -noattr", w[1]);
            return -1;
        }
        if (!(e->name = strdup(w[1]))) return -2;
        nl->n_nets++;
        return 0;
    }
    if (!strcmp(w[0], "I") && n == 3) {
        if (!mg_grow((void **)&nl->insts, nl->n_insts, &cp->insts, sizeof *nl->insts, 64)) return -2;
        mg_einst *in = &nl->insts[nl->n_insts];
        in->name = strdup(w[1]);
        in->cell = strdup(w[2]);
        in->first_pin = nl->n_pins;
        in->n_pins = 0;
        nl->n_insts++;
        return in->name && in->cell ? 0 : -2;
    }
    if (!strcmp(w[0], "P") && (n == 3 || n == 5) && nl->n_insts > 0) {
        if (!mg_grow((void **)&nl->pins, nl->n_pins, &cp->pins, sizeof *nl->pins, 64)) return -2;
        mg_epin *p = &nl->pins[nl->n_pins];
        p->net = -1;
        if (!(p->pin = strdup(w[1]))) return -2;
        nl->n_pins++;
        nl->insts[nl->n_insts - 1].n_pins++;
        if (strcmp(w[2], "-")) {
            if (!nl->index && build_index(nl) != 0) return -2;
            p->net = mg_enetlist_find(nl, w[2]);
            if (p->net < 0) return 2;
        }
        if (n == 5 && p->net >= 0) {
            mg_enet *e = &nl->nets[p->net];
            if (number(w[3], &e->slew_r) || number(w[4], &e->slew_f)) return 2;
        }
        return 0;
    }
    if (!strcmp(w[0], "K") && n == 2) return 0;   /* after the ports: below */
    return 0;   /* warnings and anything else OpenSTA prints */
}

/* The clock lines name port bits: mark the ports and their nets. */
static int mark_clocks(mg_enetlist *nl, const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (n > 2 && n < 200 && p[0] == 'K' && p[1] == ' ') {
            char name[200];
            memcpy(name, p + 2, n - 2);
            name[n - 2] = '\0';
            name[strcspn(name, " \r")] = '\0';
            int net = mg_enetlist_find(nl, name);
            if (net >= 0) nl->nets[net].clock = true;
            for (int i = 0; i < nl->n_ports; i++)
                if (!nl->ports[i].bus && !strcmp(nl->ports[i].name, name)) nl->ports[i].clock = true;
        }
        p += n;
        if (*p) p++;
    }
    return 0;
}

int mg_enetlist_parse(const char *text, mg_enetlist *nl, char *err, size_t errlen)
{
    memset(nl, 0, sizeof *nl);
    caps cp = { 0, 0, 0, 0 };
    bool end = false;
    int lineno = 0;
    for (const char *p = text; *p && !end;) {
        size_t n = strcspn(p, "\n");
        char *line = strndup(p, n);
        if (!line) {
            snprintf(err, errlen, "out of memory");
            mg_enetlist_free(nl);
            return -1;
        }
        lineno++;
        char copy[400];
        snprintf(copy, sizeof copy, "%s", line);
        int rc = parse_line(nl, &cp, line, &end, err, errlen);
        free(line);
        if (rc == 1) {
            char esc[300];
            snprintf(err, errlen, "OpenSTA: %s", mg_escape_text(copy, esc, sizeof esc));
        } else if (rc == 2) {
            char esc[200];
            snprintf(err, errlen, "OpenSTA printed an unreadable line %d: '%s'", lineno,
                     mg_escape_text(copy, esc, sizeof esc));
        } else if (rc == -2) {
            snprintf(err, errlen, "out of memory");
        }
        if (rc != 0) {
            mg_enetlist_free(nl);
            return rc == -1 ? -1 : MG_FAIL_TOOL;
        }
        p += n;
        if (*p) p++;
    }
    if (!end || nl->n_nets == 0) {
        snprintf(err, errlen, "OpenSTA's net report is incomplete (no nets or no end line)");
        mg_enetlist_free(nl);
        return MG_FAIL_TOOL;
    }
    if (!nl->index && build_index(nl) != 0) {
        snprintf(err, errlen, "out of memory");
        mg_enetlist_free(nl);
        return -1;
    }
    for (int i = 0; i < nl->n_ports; i++) {
        mg_eport *p = &nl->ports[i];
        if (p->bus && p->msb - p->lsb + 1 > 65536) {
            snprintf(err, errlen, "port %s is wider than 65536 bits", p->name);
            mg_enetlist_free(nl);
            return -1;
        }
    }
    mark_clocks(nl, text);
    return 0;
}

void mg_enetlist_free(mg_enetlist *nl)
{
    for (int i = 0; i < nl->n_nets; i++) {
        free(nl->nets[i].name);
        free(nl->nets[i].shown);
    }
    for (int i = 0; i < nl->n_insts; i++) {
        free(nl->insts[i].name);
        free(nl->insts[i].cell);
    }
    for (int i = 0; i < nl->n_pins; i++) free(nl->pins[i].pin);
    free(nl->nets);
    free(nl->insts);
    free(nl->pins);
    free(nl->ports);
    if (nl->index) free(nl->index->slot);
    free(nl->index);
    memset(nl, 0, sizeof *nl);
}

int mg_enetlist_run(const char *workdir, const mg_enet_options *o, unsigned timeout_s, mg_enetlist *nl,
                    char *err, size_t errlen)
{
    memset(nl, 0, sizeof *nl);
    char script[4200], log[4200];
    snprintf(script, sizeof script, "%s/%s", workdir, MG_ENET_SCRIPT);
    snprintf(log, sizeof log, "%s/%s", workdir, MG_ENET_LOG);
    if (mg_enetlist_write_script(script, o, err, errlen) != 0) return -1;
    char netlist[4200];
    mg_name_map map;
    snprintf(netlist, sizeof netlist, "%s/%s", workdir, MG_FLOW_NETLIST);
    if (mg_netlist_plain_names(netlist, &map, err, errlen) != 0) return MG_FAIL_IO;
    const char *argv[] = { "sta", "-no_splash", "-exit", MG_ENET_SCRIPT, NULL };
    mg_tool_cmd cmd = { argv, workdir, log, timeout_s };
    mg_tool_result r;
    int ran = mg_tool_run(&cmd, &r, err, errlen);
    char *text = NULL, why[512];
    if (ran != 0 && r.how != MG_TOOL_EXITED) {
        mg_name_map_free(&map);
        return MG_FAIL_TOOL;
    }
    if (mg_read_text_file(log, &text, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "OpenSTA wrote no output (%s)", why);
        mg_name_map_free(&map);
        return MG_FAIL_TOOL;
    }
    int rc = mg_enetlist_parse(text, nl, err, errlen);
    free(text);
    if (rc == 0) mg_enetlist_show_names(nl, &map);
    mg_name_map_free(&map);
    if (rc == 0 && ran != 0) {
        snprintf(err, errlen, "OpenSTA failed (exit status %d)", r.code);
        mg_enetlist_free(nl);
        return MG_FAIL_TOOL;
    }
    return rc;
}

/* ---- escaped names ------------------------------------------------------- */

static int map_add(mg_name_map *m, const char *orig, size_t len)
{
    for (int i = 0; i < m->n; i++)
        if (strlen(m->orig[i]) == len && !strncmp(m->orig[i], orig, len)) return i;
    if ((m->n & (m->n - 1)) == 0) {   /* capacity doubles at powers of two */
        size_t cap = m->n ? (size_t)m->n * 2 : 1;
        char **p = realloc(m->plain, cap * sizeof *p), **o = p ? realloc(m->orig, cap * sizeof *o) : NULL;
        if (p) m->plain = p;
        if (!p || !o) return -1;
        m->orig = o;
    }
    char plain[32];
    snprintf(plain, sizeof plain, "mg_n%d_", m->n);
    m->plain[m->n] = strdup(plain);
    m->orig[m->n] = strndup(orig, len);
    if (!m->plain[m->n] || !m->orig[m->n]) return -1;
    return m->n++;
}

int mg_netlist_plain_names(const char *path, mg_name_map *map, char *err, size_t errlen)
{
    memset(map, 0, sizeof *map);
    char *text = NULL;
    size_t len = 0;
    if (mg_read_text_file(path, &text, &len, err, errlen)) return -1;
    if (!strchr(text, '\\')) {
        free(text);
        return 0;
    }
    mg_atomic_file f;
    if (mg_atomic_open(&f, path, err, errlen)) {
        free(text);
        return -1;
    }
    int rc = 0;
    for (const char *p = text; *p && rc == 0;) {
        if (p[0] == '/' && p[1] == '*') {   /* comments as they are */
            const char *e = strstr(p + 2, "*/");
            size_t n = e ? (size_t)(e + 2 - p) : strlen(p);
            fwrite(p, 1, n, f.fp);
            p += n;
        } else if (*p == '\\') {
            size_t n = strcspn(p + 1, " \t\r\n");
            int k = map_add(map, p + 1, n);
            if (k < 0) {
                snprintf(err, errlen, "out of memory");
                rc = -1;
                break;
            }
            fputs(map->plain[k], f.fp);
            p += 1 + n;
            if (*p == ' ') p++;   /* the space that ends an escaped name */
        } else {
            fputc(*p++, f.fp);
        }
    }
    free(text);
    if (rc) {
        mg_atomic_abort(&f);
        return -1;
    }
    return mg_atomic_commit(&f, err, errlen);
}

void mg_name_map_free(mg_name_map *m)
{
    for (int i = 0; i < m->n; i++) {
        free(m->plain[i]);
        free(m->orig[i]);
    }
    free(m->plain);
    free(m->orig);
    memset(m, 0, sizeof *m);
}

void mg_enetlist_show_names(mg_enetlist *nl, const mg_name_map *m)
{
    if (!m || m->n == 0) return;
    for (int i = 0; i < nl->n_nets; i++) {
        const char *name = nl->nets[i].name;
        if (strncmp(name, "mg_n", 4)) continue;
        size_t base = strcspn(name, "[");
        int k = atoi(name + 4);
        if (k < 0 || k >= m->n || strlen(m->plain[k]) != base || strncmp(m->plain[k], name, base)) continue;
        size_t n = strlen(m->orig[k]) + strlen(name + base) + 1;
        char *shown = malloc(n);
        if (!shown) return;
        snprintf(shown, n, "%s%s", m->orig[k], name + base);
        free(nl->nets[i].shown);
        nl->nets[i].shown = shown;
    }
}
