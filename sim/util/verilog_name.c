#include "verilog_name.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* IEEE 1364-2005 Annex B, sorted for bsearch. */
static const char *const keywords[] = {
    "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex",
    "casez", "cell", "cmos", "config", "deassign", "default", "defparam", "design", "disable",
    "edge", "else", "end", "endcase", "endconfig", "endfunction", "endgenerate", "endmodule",
    "endprimitive", "endspecify", "endtable", "endtask", "event", "for", "force", "forever",
    "fork", "function", "generate", "genvar", "highz0", "highz1", "if", "ifnone", "incdir",
    "include", "initial", "inout", "input", "instance", "integer", "join", "large", "liblist",
    "library", "localparam", "macromodule", "medium", "module", "nand", "negedge", "nmos", "nor",
    "noshowcancelled", "not", "notif0", "notif1", "or", "output", "parameter", "pmos", "posedge",
    "primitive", "pull0", "pull1", "pulldown", "pullup", "pulsestyle_ondetect",
    "pulsestyle_onevent", "rcmos", "real", "realtime", "reg", "release", "repeat", "rnmos", "rpmos",
    "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed", "small", "specify",
    "specparam", "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran",
    "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "unsigned", "use",
    "uwire", "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
};

/* IEEE 1800-2017 keywords that 1364-2005 lacks: Verilator reads .v files as
 * SystemVerilog by default, so a top module named "logic" would not parse. */
static const char *const sv_keywords[] = {
    "accept_on", "alias", "always_comb", "always_ff", "always_latch", "assert", "assume", "before",
    "bind", "bins", "binsof", "bit", "break", "byte", "chandle", "checker", "class", "clocking",
    "const", "constraint", "context", "continue", "cover", "covergroup", "coverpoint", "cross",
    "dist", "do", "endchecker", "endclass", "endclocking", "endgroup", "endinterface", "endpackage",
    "endprogram", "endproperty", "endsequence", "enum", "eventually", "expect", "export", "extends",
    "extern", "final", "first_match", "foreach", "forkjoin", "global", "iff", "ignore_bins",
    "illegal_bins", "implements", "implies", "import", "inside", "int", "interconnect", "interface",
    "intersect", "join_any", "join_none", "let", "local", "logic", "longint", "matches", "modport",
    "nettype", "new", "nexttime", "null", "package", "packed", "priority", "program", "property",
    "protected", "pure", "rand", "randc", "randcase", "randsequence", "ref", "reject_on",
    "restrict", "return", "s_always", "s_eventually", "s_nexttime", "s_until", "s_until_with",
    "sequence", "shortint", "shortreal", "soft", "solve", "static", "string", "strong", "struct",
    "super", "sync_accept_on", "sync_reject_on", "tagged", "this", "throughout", "timeprecision",
    "timeunit", "type", "typedef", "union", "unique", "unique0", "until", "until_with", "untyped",
    "var", "virtual", "void", "wait_order", "weak", "wildcard", "with", "within",
};

static int cmp_keyword(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

bool mg_verilog_is_keyword(const char *name)
{
    return bsearch(name, keywords, sizeof keywords / sizeof keywords[0], sizeof keywords[0], cmp_keyword) ||
           bsearch(name, sv_keywords, sizeof sv_keywords / sizeof sv_keywords[0], sizeof sv_keywords[0],
                   cmp_keyword);
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int mg_verilog_check_name(const char *name, char *why, size_t whylen)
{
    char shown[64];
    mg_escape_text(name, shown, sizeof shown);
    size_t n = strlen(name);
    bool ok = n > 0 && is_letter(name[0]);
    for (size_t i = 1; ok && i < n; i++)
        ok = is_letter(name[i]) || (name[i] >= '0' && name[i] <= '9') || name[i] == '$';
    if (!ok) {
        snprintf(why, whylen, "'%s' is not a Verilog identifier (a letter or _, then letters, digits, _ or $)",
                 shown);
        return -1;
    }
    if (n > MG_VERILOG_NAME_MAX) {
        snprintf(why, whylen, "'%s' is longer than %d characters", shown, MG_VERILOG_NAME_MAX);
        return -1;
    }
    if (mg_verilog_is_keyword(name)) {
        snprintf(why, whylen, "'%s' is a Verilog keyword", name);
        return -1;
    }
    return 0;
}
