#include "liberty.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "number.h"
#include "textfile.h"

/* A token of liberty syntax: a word (identifiers and numbers alike), a
 * quoted string (quotes removed) or one punctuation character. */
typedef struct {
    const char *p;
    char text[128];
    char punct;   /* '(' ')' '{' '}' ':' ';' ',' or 0 for a word/string */
    bool eof;
} lib_lexer;

static void next_token(lib_lexer *lx)
{
    const char *p = lx->p;
    for (;;) {
        while (*p && (isspace((unsigned char)*p) || *p == '\\')) p++;
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
            continue;
        }
        if (p[0] == '/' && p[1] == '/') {
            p += strcspn(p, "\n");
            continue;
        }
        break;
    }
    lx->text[0] = '\0';
    lx->punct = 0;
    lx->eof = *p == '\0';
    if (lx->eof) {
        lx->p = p;
        return;
    }
    if (strchr("(){}:;,", *p)) {
        lx->punct = *p++;
    } else if (*p == '"') {
        const char *e = strchr(p + 1, '"');
        size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
        snprintf(lx->text, sizeof lx->text, "%.*s", (int)(n < sizeof lx->text ? n : sizeof lx->text - 1), p + 1);
        p = e ? e + 1 : p + 1 + n;
    } else {
        size_t n = 0;
        while (p[n] && !isspace((unsigned char)p[n]) && !strchr("(){}:;,\"", p[n])) n++;
        snprintf(lx->text, sizeof lx->text, "%.*s", (int)(n < sizeof lx->text ? n : sizeof lx->text - 1), p);
        p += n;
    }
    lx->p = p;
}

typedef struct {
    char text[128];
    char punct;
} lib_token;

static bool is_word(const lib_token *t, const char *w)
{
    return !t->punct && !strcmp(t->text, w);
}

static mg_lib_cell *add_cell(mg_liberty *lib, size_t *cap)
{
    if (lib->n_cells == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        mg_lib_cell *more = realloc(lib->cells, n * sizeof *more);
        if (!more) return NULL;
        lib->cells = more;
        *cap = n;
    }
    mg_lib_cell *c = &lib->cells[lib->n_cells++];
    memset(c, 0, sizeof *c);
    return c;
}

int mg_liberty_parse(const char *text, mg_liberty *lib, char *err, size_t errlen)
{
    memset(lib, 0, sizeof *lib);
    size_t cap = 0;
    lib_lexer lx = { .p = text };
    int depth = 0;
    int cell_depth = -1;          /* brace depth of the current cell's body */
    mg_lib_cell *cell = NULL;
    lib_token back1 = { "", 0 }, back2 = { "", 0 };   /* the two tokens before */
    for (next_token(&lx); !lx.eof; next_token(&lx)) {
        if (lx.punct == '{') {
            depth++;
        } else if (lx.punct == '}') {
            if (depth == cell_depth) {
                cell = NULL;
                cell_depth = -1;
            }
            depth--;
        } else if (lx.punct == '(' && is_word(&back1, "cell") && !cell) {
            next_token(&lx);   /* "cell ( NAME ) {" */
            if (lx.eof) break;
            cell = add_cell(lib, &cap);
            if (!cell) {
                snprintf(err, errlen, "out of memory");
                mg_liberty_free(lib);
                return -1;
            }
            snprintf(cell->name, sizeof cell->name, "%s", lx.text);
            cell_depth = depth + 1;
        } else if (lx.punct == '(' && cell &&
                   (is_word(&back1, "ff") || is_word(&back1, "latch") ||
                    is_word(&back1, "ff_bank") || is_word(&back1, "latch_bank"))) {
            cell->sequential = true;
        } else if (!lx.punct && cell && depth == cell_depth && back1.punct == ':' &&
                   is_word(&back2, "area")) {
            /* A decimal number (number.h); anything else is no area at
             * all, not the number strtod would read from its start. */
            char why[160];
            double a;
            if (mg_parse_real("area", lx.text, 0, 1e12, &a, why, sizeof why)) {
                snprintf(err, errlen, "cell %s: %s", cell->name, why);
                mg_liberty_free(lib);
                return -1;
            }
            cell->area = a;
            cell->has_area = true;
        }
        back2 = back1;
        snprintf(back1.text, sizeof back1.text, "%s", lx.text);
        back1.punct = lx.punct;
    }
    size_t with_area = 0;
    for (size_t i = 0; i < lib->n_cells; i++) with_area += lib->cells[i].has_area;
    if (with_area == 0) {
        snprintf(err, errlen, "no cell with an area (not a liberty file?)");
        mg_liberty_free(lib);
        return -1;
    }
    return 0;
}

int mg_liberty_read(const char *path, mg_liberty *lib, char *err, size_t errlen)
{
    char *text;
    if (mg_read_file_checked(path, true, &text, NULL, err, errlen) != 0) return -1;
    char why[256];
    int rc = mg_liberty_parse(text, lib, why, sizeof why);
    free(text);
    if (rc != 0) snprintf(err, errlen, "%s: %s", path, why);
    return rc;
}

void mg_liberty_free(mg_liberty *lib)
{
    free(lib->cells);
    lib->cells = NULL;
    lib->n_cells = 0;
}

const mg_lib_cell *mg_liberty_find(const mg_liberty *lib, const char *name)
{
    for (size_t i = 0; i < lib->n_cells; i++)
        if (!strcmp(lib->cells[i].name, name)) return &lib->cells[i];
    return NULL;
}

const mg_lib_cell *mg_liberty_nand2(const mg_liberty *lib)
{
    const mg_lib_cell *best = NULL;
    for (size_t i = 0; i < lib->n_cells; i++) {
        const mg_lib_cell *c = &lib->cells[i];
        if (!c->has_area || c->area <= 0 || strncasecmp(c->name, "NAND2", 5)) continue;
        if (!best || c->area < best->area) best = c;
    }
    return best;
}
