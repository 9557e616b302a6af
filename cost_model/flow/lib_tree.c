#include "lib_tree.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

typedef enum { TOK_END, TOK_WORD, TOK_STRING, TOK_PUNCT } tok_kind;

typedef struct {
    const char *p;
    int line;
    tok_kind kind;
    char punct;
    const char *start;  /* the token's text (WORD, STRING: without the quotes) */
    size_t len;
    int tok_line;
    bool bad;           /* an unterminated string or comment */
} lexer;

static bool is_punct(char c) { return c && strchr("(){}:;,", c) != NULL; }

static void skip_space(lexer *lx)
{
    for (;;) {
        char c = *lx->p;
        if (c == '\n') {
            lx->line++;
            lx->p++;
        } else if (c == '\\' && (lx->p[1] == '\n' || (lx->p[1] == '\r' && lx->p[2] == '\n'))) {
            lx->p += lx->p[1] == '\n' ? 1 : 2;   /* a continued line: the newline counts below */
        } else if (isspace((unsigned char)c)) {
            lx->p++;
        } else if (c == '/' && lx->p[1] == '*') {
            const char *e = strstr(lx->p + 2, "*/");
            if (!e) {
                lx->bad = true;
                lx->p += strlen(lx->p);
                return;
            }
            for (const char *q = lx->p; q < e; q++) lx->line += *q == '\n';
            lx->p = e + 2;
        } else if (c == '/' && lx->p[1] == '/') {
            lx->p += strcspn(lx->p, "\n");
        } else {
            return;
        }
    }
}

static void next(lexer *lx)
{
    skip_space(lx);
    lx->tok_line = lx->line;
    char c = *lx->p;
    lx->start = lx->p;
    lx->len = 0;
    lx->punct = 0;
    if (!c || lx->bad) {
        lx->kind = TOK_END;
    } else if (is_punct(c)) {
        lx->kind = TOK_PUNCT;
        lx->punct = c;
        lx->p++;
    } else if (c == '"') {
        const char *s = lx->p + 1, *q = s;
        while (*q && *q != '"') {
            if (*q == '\\' && q[1]) q++;   /* \" and the escaped newline of a long values line */
            q++;
        }
        if (!*q) {
            lx->bad = true;
            lx->kind = TOK_END;
            return;
        }
        for (const char *r = s; r < q; r++) lx->line += *r == '\n';
        lx->kind = TOK_STRING;
        lx->start = s;
        lx->len = (size_t)(q - s);
        lx->p = q + 1;
    } else {
        const char *q = lx->p;
        while (*q && !isspace((unsigned char)*q) && !is_punct(*q) && *q != '"' &&
               !(*q == '\\' && (q[1] == '\n' || q[1] == '\r')))
            q++;
        lx->kind = TOK_WORD;
        lx->len = (size_t)(q - lx->p);
        lx->p = q;
    }
}

/* The token's text, with continued lines inside a string removed. */
static char *tok_text(const lexer *lx)
{
    char *s = malloc(lx->len + 1);
    if (!s) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < lx->len; i++) {
        char c = lx->start[i];
        if (c == '\\' && i + 1 < lx->len && (lx->start[i + 1] == '\n' || lx->start[i + 1] == '\r')) {
            i++;
            if (lx->start[i] == '\r' && i + 1 < lx->len && lx->start[i + 1] == '\n') i++;
            continue;
        }
        s[j++] = c;
    }
    s[j] = '\0';
    return s;
}

typedef struct {
    lexer lx;
    char *err;
    size_t errlen;
    bool oom;
} parser;

static int fail(parser *ps, const char *what)
{
    if (ps->oom) snprintf(ps->err, ps->errlen, "out of memory");
    else if (ps->lx.bad) snprintf(ps->err, ps->errlen, "line %d: unterminated string or comment", ps->lx.line);
    else snprintf(ps->err, ps->errlen, "line %d: %s", ps->lx.tok_line, what);
    return -1;
}

static void free_strings(char **v, int n)
{
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Values up to the closing ')': WORD or STRING, separated by ','.  On a
 * failure none are kept. */
static int parse_args(parser *ps, char ***vals, int *n)
{
    int cap = 0;
    *vals = NULL;
    *n = 0;
    next(&ps->lx);
    while (!(ps->lx.kind == TOK_PUNCT && ps->lx.punct == ')')) {
        if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == ',') {
            next(&ps->lx);
            continue;
        }
        if (ps->lx.kind != TOK_WORD && ps->lx.kind != TOK_STRING) goto bad;
        if (!mg_grow((void **)vals, *n, &cap, sizeof **vals, 4) || !((*vals)[*n] = tok_text(&ps->lx))) {
            ps->oom = true;
            goto bad;
        }
        (*n)++;
        next(&ps->lx);
    }
    next(&ps->lx);   /* past ')' */
    return 0;
bad:
    free_strings(*vals, *n);
    *vals = NULL;
    *n = 0;
    return fail(ps, "expected a value or ')'");
}

static int parse_body(parser *ps, mg_lib_group *g, int depth);

/* One statement whose name (a WORD) is the current token. */
static int parse_statement(parser *ps, mg_lib_group *g, int depth, int *attr_cap, int *kid_cap)
{
    char *name = tok_text(&ps->lx);
    int line = ps->lx.tok_line;
    if (!name) {
        ps->oom = true;
        return fail(ps, "");
    }
    next(&ps->lx);
    if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == ':') {
        next(&ps->lx);
        if (ps->lx.kind != TOK_WORD && ps->lx.kind != TOK_STRING) {
            free(name);
            return fail(ps, "expected a value after ':'");
        }
        mg_lib_attr a = { name, malloc(sizeof(char *)), 1, false, line };
        if (!a.vals || !(a.vals[0] = tok_text(&ps->lx)) ||
            !mg_grow((void **)&g->attrs, g->n_attrs, attr_cap, sizeof a, 4)) {
            free(a.vals ? a.vals[0] : NULL);
            free(a.vals);
            free(name);
            ps->oom = true;
            return fail(ps, "");
        }
        g->attrs[g->n_attrs++] = a;
        next(&ps->lx);
        if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == ';') next(&ps->lx);
        return 0;
    }
    if (!(ps->lx.kind == TOK_PUNCT && ps->lx.punct == '(')) {
        free(name);
        return fail(ps, "expected ':' or '(' after a name");
    }
    char **vals;
    int n;
    if (parse_args(ps, &vals, &n) != 0) {
        free(name);
        return -1;
    }
    if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == '{') {
        if (depth + 1 > MG_LIB_TREE_MAX_DEPTH) {
            free(name);
            free_strings(vals, n);
            return fail(ps, "groups nested too deep");
        }
        if (!mg_grow((void **)&g->kids, g->n_kids, kid_cap, sizeof *g->kids, 4)) {
            free(name);
            free_strings(vals, n);
            ps->oom = true;
            return fail(ps, "");
        }
        mg_lib_group *k = &g->kids[g->n_kids++];
        memset(k, 0, sizeof *k);
        k->type = name;
        k->args = vals;
        k->n_args = n;
        k->line = line;
        next(&ps->lx);
        return parse_body(ps, k, depth + 1);
    }
    mg_lib_attr a = { name, vals, n, true, line };
    if (!mg_grow((void **)&g->attrs, g->n_attrs, attr_cap, sizeof a, 4)) {
        free(name);
        free_strings(vals, n);
        ps->oom = true;
        return fail(ps, "");
    }
    g->attrs[g->n_attrs++] = a;
    if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == ';') next(&ps->lx);
    return 0;
}

/* Statements up to the group's closing '}' (the current token is the first
 * one after '{'). */
static int parse_body(parser *ps, mg_lib_group *g, int depth)
{
    int attr_cap = 0, kid_cap = 0;
    for (;;) {
        if (ps->lx.kind == TOK_END) return fail(ps, "missing '}' at the end of the file");
        if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == '}') {
            next(&ps->lx);
            return 0;
        }
        if (ps->lx.kind == TOK_PUNCT && ps->lx.punct == ';') {
            next(&ps->lx);
            continue;
        }
        if (ps->lx.kind != TOK_WORD) return fail(ps, "expected an attribute or group name");
        if (parse_statement(ps, g, depth, &attr_cap, &kid_cap) != 0) return -1;
    }
}

/* A failure before any library group began: the text is something else
 * (a netlist, a log), which the message says first. */
static void say_not_a_library(const mg_lib_group *top, char *err, size_t errlen)
{
    if (mg_lib_group_find(top, "library", NULL)) return;
    char why[200];
    snprintf(why, sizeof why, "%s", err);
    snprintf(err, errlen, "not a liberty file (%s)", why);
}

/* The statements of the file, outside any group, into top. */
static int parse_top(parser *ps, mg_lib_group *top)
{
    int attr_cap = 0, kid_cap = 0;
    next(&ps->lx);
    while (ps->lx.kind != TOK_END) {
        if (ps->lx.kind != TOK_WORD)
            return fail(ps, top->n_kids ? "text after the library group's end (a '{' missing?)"
                                        : "expected 'library (NAME) {'");
        if (parse_statement(ps, top, 0, &attr_cap, &kid_cap) != 0) return -1;
    }
    return ps->lx.bad ? fail(ps, "") : 0;
}

/* The top group's only kid becomes *root; its attributes go. */
static void take_library(mg_lib_group *top, mg_lib_group *root)
{
    *root = top->kids[0];
    free(top->kids);
    for (int i = 0; i < top->n_attrs; i++) {
        free(top->attrs[i].name);
        free_strings(top->attrs[i].vals, top->attrs[i].n_vals);
    }
    free(top->attrs);
}

int mg_lib_tree_parse(const char *text, mg_lib_group *root, char *err, size_t errlen)
{
    memset(root, 0, sizeof *root);
    parser ps = { { .p = text, .line = 1 }, err, errlen, false };
    mg_lib_group top = { 0 };
    if (parse_top(&ps, &top) != 0) {
        if (!ps.oom) say_not_a_library(&top, err, errlen);
        mg_lib_tree_free(&top);
        return -1;
    }
    const mg_lib_group *lib = mg_lib_group_find(&top, "library", NULL);
    if (!lib || top.n_kids != 1) {
        mg_lib_tree_free(&top);
        snprintf(err, errlen, "%s",
                 lib ? "more than one top-level group" : "not a liberty file (no 'library (NAME) { ... }' group)");
        return -1;
    }
    take_library(&top, root);
    return 0;
}

void mg_lib_tree_free(mg_lib_group *g)
{
    if (!g) return;
    free(g->type);
    free_strings(g->args, g->n_args);
    for (int i = 0; i < g->n_attrs; i++) {
        free(g->attrs[i].name);
        free_strings(g->attrs[i].vals, g->attrs[i].n_vals);
    }
    free(g->attrs);
    for (int i = 0; i < g->n_kids; i++) mg_lib_tree_free(&g->kids[i]);
    free(g->kids);
    memset(g, 0, sizeof *g);
}

const mg_lib_attr *mg_lib_attr_find(const mg_lib_group *g, const char *name)
{
    for (int i = 0; i < g->n_attrs; i++)
        if (!strcmp(g->attrs[i].name, name)) return &g->attrs[i];
    return NULL;
}

const char *mg_lib_attr_text(const mg_lib_group *g, const char *name)
{
    const mg_lib_attr *a = mg_lib_attr_find(g, name);
    return a && a->n_vals > 0 ? a->vals[0] : NULL;
}

const mg_lib_group *mg_lib_group_find(const mg_lib_group *g, const char *type, const char *arg)
{
    for (int i = 0; i < g->n_kids; i++) {
        const mg_lib_group *k = &g->kids[i];
        if (strcmp(k->type, type)) continue;
        if (!arg || (k->n_args > 0 && !strcmp(k->args[0], arg))) return k;
    }
    return NULL;
}

int mg_lib_number(const char *s, double *out)
{
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno == ERANGE || !isfinite(v)) return -1;
    while (isspace((unsigned char)*end)) end++;
    if (*end) return -1;
    /* strtod takes hex and "inf"; a liberty number is decimal. */
    for (const char *q = s; q < end; q++)
        if (*q == 'x' || *q == 'X' || *q == 'n' || *q == 'N' || *q == 'i' || *q == 'I') return -1;
    *out = v;
    return 0;
}

int mg_lib_number_list(const char *s, double **out, int *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    int cap = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\n' || *p == '\r') p++;
        if (!*p) return 0;
        size_t k = strcspn(p, " \t,\n\r");
        char buf[64];
        double v;
        if (k >= sizeof buf) {
            snprintf(err, errlen, "a number of %zu characters in a table", k);
            goto bad;
        }
        memcpy(buf, p, k);
        buf[k] = '\0';
        if (mg_lib_number(buf, &v) != 0) {
            snprintf(err, errlen, "'%s' in a table is not a number", buf);
            goto bad;
        }
        if (!mg_grow((void **)out, *n, &cap, sizeof **out, 4)) {
            snprintf(err, errlen, "out of memory");
            goto bad;
        }
        (*out)[(*n)++] = v;
        p += k;
    }
bad:
    free(*out);
    *out = NULL;
    *n = 0;
    return -1;
}
