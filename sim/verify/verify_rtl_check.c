/* Module and port checks of a --rtl DIR (see verify_rtl_check.h).  A small
 * Verilog lexer: comments, strings and compiler directives are skipped;
 * `module NAME` starts a definition; the ANSI header of the top gives its
 * ports. */
#include "verify_rtl_check.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "textfile.h"
#include "verify_cache.h"

typedef struct {
    const char *p, *end;
    char tok[128];
} lexer;

static bool ident_char(int c) { return isalnum(c) || c == '_' || c == '$'; }

/* The next token into lx->tok ("" at the end); identifiers and numbers are
 * one token, anything else one character. */
static const char *next(lexer *lx)
{
    for (;;) {
        while (lx->p < lx->end && isspace((unsigned char)*lx->p)) lx->p++;
        if (lx->p + 1 < lx->end && lx->p[0] == '/' && lx->p[1] == '/') {
            while (lx->p < lx->end && *lx->p != '\n') lx->p++;
        } else if (lx->p + 1 < lx->end && lx->p[0] == '/' && lx->p[1] == '*') {
            const char *e = strstr(lx->p + 2, "*/");
            lx->p = e ? e + 2 : lx->end;
        } else if (lx->p < lx->end && *lx->p == '"') {
            for (lx->p++; lx->p < lx->end && *lx->p != '"'; lx->p++)
                if (*lx->p == '\\') lx->p++;
            lx->p++;
        } else if (lx->p < lx->end && *lx->p == '`') { /* a directive's name */
            for (lx->p++; lx->p < lx->end && ident_char((unsigned char)*lx->p); lx->p++) {}
        } else {
            break;
        }
    }
    size_t n = 0;
    bool escaped = lx->p < lx->end && *lx->p == '\\';
    if (lx->p >= lx->end) {
        lx->p = lx->end;
    } else if (escaped || ident_char((unsigned char)*lx->p)) {
        for (; lx->p < lx->end && (escaped ? !isspace((unsigned char)*lx->p) : ident_char((unsigned char)*lx->p)); lx->p++)
            if (n + 1 < sizeof lx->tok) lx->tok[n++] = *lx->p;
    } else {
        lx->tok[n++] = *lx->p++;
    }
    lx->tok[n] = '\0';
    return lx->tok;
}

/* One port of the top's header: width -1 when not spelled as numbers. */
typedef struct {
    char name[128];
    int dir; /* 'i', 'o', 'x' (inout), 0 when the header does not say */
    long width;
} port;

/* A Verilog width bound (decimal; Verilog allows leading zeros): 0..2^20
 * through the one number parser, or -1. */
static long bound(const char *t)
{
    long long v;
    char why[128];
    while (t[0] == '0' && t[1]) t++;
    return mg_parse_int("width", t, 0, 1 << 20, &v, why, sizeof why) ? -1 : (long)v;
}

/* "[a:b]" after the '[': the width, or -1. */
static long parse_range(lexer *lx)
{
    long v[2] = { 0, 0 };
    int n = 0, depth = 1;
    bool plain = true;
    while (depth > 0 && *next(lx)) {
        const char *t = lx->tok;
        if (*t == '[') depth++;
        if (*t == ']') depth--;
        if (depth == 0) break;
        /* Plain: NUMBER ':' NUMBER and nothing else. */
        if (n == 0 && isdigit((unsigned char)*t)) v[0] = bound(t), n = 1;
        else if (n == 1 && *t == ':') n = 2;
        else if (n == 2 && isdigit((unsigned char)*t)) v[1] = bound(t), n = 3;
        else plain = false;
    }
    return plain && n == 3 && v[0] >= 0 && v[1] >= 0 ? labs(v[0] - v[1]) + 1 : -1;
}

/* Reads the header after `module NAME`; the number of ports, -1 when it is
 * not an ANSI header macgen can read. */
static int parse_header(lexer *lx, port *ports, int max)
{
    if (!strcmp(next(lx), "#")) {
        if (strcmp(next(lx), "(")) return -1;
        for (int depth = 1; depth > 0 && *next(lx);) depth += *lx->tok == '(' ? 1 : *lx->tok == ')' ? -1 : 0;
        next(lx);
    }
    if (strcmp(lx->tok, "(")) return strcmp(lx->tok, ";") ? -1 : 0;
    int n = 0, dir = 0;
    long width = 1;
    while (*next(lx) && strcmp(lx->tok, ")")) {
        const char *t = lx->tok;
        if (!strcmp(t, "input") || !strcmp(t, "output") || !strcmp(t, "inout")) {
            dir = t[2] == 'p' ? 'i' : t[2] == 't' ? 'o' : 'x';
            width = 1;
        } else if (*t == '[') {
            width = parse_range(lx);
        } else if ((isalpha((unsigned char)*t) || *t == '_') && strcmp(t, "wire") && strcmp(t, "reg") &&
                   strcmp(t, "logic") && strcmp(t, "signed") && strcmp(t, "var") && n < max) {
            snprintf(ports[n].name, sizeof ports[n].name, "%s", t);
            ports[n].dir = dir;
            ports[n++].width = width;
        }
    }
    return n;
}

/* Where each module is defined; -1 with err on a second definition. */
typedef struct {
    char name[128];
    size_t file;
} def;

static int scan_file(const char *dir, char *const *names, size_t fi, def **defs, size_t *n_defs, char *err,
                     size_t errlen)
{
    char *path = mg_path_join(dir, names[fi]), why[512] = "out of memory";
    size_t len = 0;
    char *text = NULL;
    /* The reason too: a FIFO named x.v is refused at once (textfile.h). */
    if (!path || mg_read_text_file(path, &text, &len, why, sizeof why)) {
        snprintf(err, errlen, "--rtl %s: %s", dir, why);
        free(path);
        return -1;
    }
    lexer lx = { text, text + len, "" };
    int rc = 0;
    while (rc == 0 && *next(&lx)) {
        if (strcmp(lx.tok, "module") && strcmp(lx.tok, "macromodule")) continue;
        next(&lx);
        for (size_t i = 0; i < *n_defs; i++)
            if (!strcmp((*defs)[i].name, lx.tok)) {
                snprintf(err, errlen, "--rtl %s: module %s is defined twice, in %s and in %s (remove one)", dir,
                         lx.tok, names[(*defs)[i].file], names[fi]);
                rc = -1;
            }
        def *nd = rc ? NULL : realloc(*defs, (*n_defs + 1) * sizeof **defs);
        if (!rc && !nd) rc = -1, snprintf(err, errlen, "out of memory");
        if (rc) break;
        *defs = nd;
        snprintf(nd[*n_defs].name, sizeof nd[*n_defs].name, "%s", lx.tok);
        nd[(*n_defs)++].file = fi;
    }
    free(text);
    free(path);
    return rc;
}

static const char *dir_name(int d) { return d == 'i' ? "input" : d == 'o' ? "output" : "inout"; }

/* The top's ports against the device's pins and clock. */
static int compare_ports(const char *dir, const mg_verify_device *d, const port *ports, int n, char *err,
                         size_t errlen)
{
    int want = d->n_pins + (d->clock[0] != '\0');
    for (int k = 0; k < want; k++) {
        const char *name = k < d->n_pins ? d->pins[k].name : d->clock;
        int wdir = k < d->n_pins && d->pins[k].out ? 'o' : 'i';
        long width = k < d->n_pins ? d->pins[k].width : 1;
        int i = 0;
        while (i < n && strcmp(ports[i].name, name)) i++;
        if (i == n) {
            snprintf(err, errlen, "--rtl %s: module %s has no port %s (the unit expects %s [%ld:0] %s)", dir,
                     d->top, name, dir_name(wdir), width - 1, name);
            return -1;
        }
        if (ports[i].dir && ports[i].dir != wdir) {
            snprintf(err, errlen, "--rtl %s: port %s of %s is an %s, the unit expects an %s", dir, name, d->top,
                     dir_name(ports[i].dir), dir_name(wdir));
            return -1;
        }
        if (ports[i].width >= 0 && ports[i].width != width) {
            snprintf(err, errlen, "--rtl %s: port %s of %s is %ld bits wide, the unit expects %ld", dir, name,
                     d->top, ports[i].width, width);
            return -1;
        }
    }
    if (n > want) {
        for (int i = 0; i < n; i++) {
            bool known = d->clock[0] && !strcmp(ports[i].name, d->clock);
            for (int k = 0; k < d->n_pins && !known; k++) known = !strcmp(ports[i].name, d->pins[k].name);
            if (!known) {
                snprintf(err, errlen, "--rtl %s: module %s has a port %s that the unit does not have", dir, d->top,
                         ports[i].name);
                return -1;
            }
        }
    }
    return 0;
}

/* Reads the top's header from the file that defines it. */
static int check_top(const char *dir, const char *file, const mg_verify_device *d, char *err, size_t errlen)
{
    char *path = mg_path_join(dir, file);
    size_t len = 0;
    char *text = path ? mg_verify_read_file(path, &len) : NULL;
    free(path);
    if (!text) {
        snprintf(err, errlen, "--rtl %s: cannot read %s", dir, file);
        return -1;
    }
    lexer lx = { text, text + len, "" };
    while (*next(&lx))
        if ((!strcmp(lx.tok, "module") || !strcmp(lx.tok, "macromodule")) && !strcmp(next(&lx), d->top)) break;
    port ports[64];
    int n = parse_header(&lx, ports, 64);
    free(text);
    if (n < 0) {
        snprintf(err, errlen, "--rtl %s: cannot read the port list of %s in %s", dir, d->top, file);
        return -1;
    }
    return compare_ports(dir, d, ports, n, err, errlen);
}

int mg_verify_check_rtl(const char *dir, char *const *names, size_t n, const mg_verify_device *d, char *err,
                        size_t errlen)
{
    def *defs = NULL;
    size_t n_defs = 0;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) rc = scan_file(dir, names, i, &defs, &n_defs, err, errlen);
    size_t top = 0;
    while (rc == 0 && top < n_defs && strcmp(defs[top].name, d->top)) top++;
    if (rc == 0 && top == n_defs) {
        snprintf(err, errlen, "--rtl %s: no .v file there defines the top module %s", dir, d->top);
        rc = -1;
    }
    if (rc == 0) rc = check_top(dir, names[defs[top].file], d, err, errlen);
    free(defs);
    return rc;
}
