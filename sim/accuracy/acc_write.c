#include "acc_write.h"

#include <math.h>

static void source_text(const mg_acc_report *r, char *buf, size_t len)
{
    if (r->data_w) snprintf(buf, len, "data %s %s", r->data_w, r->data_a);
    else snprintf(buf, len, "dist=%s scale=%g mean=%g", mg_dist_name(r->params->dist.kind), r->params->dist.scale,
                  r->params->dist.mean);
}

void mg_acc_write_table(FILE *out, const mg_acc_report *r)
{
    char src[4200];
    source_text(r, src, sizeof src);
    fprintf(out, "accuracy %s, %s, seed %llu\n", r->params->canonical, src, r->seed);
    fprintf(out, "%8s %8s %11s %11s %11s %8s %8s %11s %8s %8s %10s %10s %10s\n", "K", "rows", "mean_rel", "rms_rel",
            "max_rel", "frac_cr", "sqnr_dB", "w1", "var_rat", "vrr_pred", "swamp/MAC", "uflow/MAC", "oflow/MAC");
    for (int i = 0; i < r->n; i++) {
        const mg_acc_stats *s = &r->points[i].res.stats;
        fprintf(out, "%8zu %8zu %11.6g %11.6g %11.6g %8.4f %8.2f %11.5g %8.4f %8.4f %10.4g %10.4g %10.4g\n",
                r->points[i].k, s->rows, s->mean_rel_err, s->rms_rel_err, s->max_rel_err, s->frac_correctly_rounded,
                s->sqnr_db, s->w1, s->var_ratio, r->points[i].vrr_predicted, s->rate_swamping, s->rate_underflow,
                s->rate_overflow);
    }
}

static void json_num(FILE *out, const char *key, double v, const char *sep)
{
    if (isfinite(v)) fprintf(out, "\"%s\": %.17g%s", key, v, sep);
    else fprintf(out, "\"%s\": null%s", key, sep);
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fprintf(out, "\\%c", *s);
        else if ((unsigned char)*s < 0x20) fprintf(out, "\\u%04x", *s);
        else fputc(*s, out);
    }
    fputc('"', out);
}

static void json_point(FILE *out, const mg_acc_point *p)
{
    const mg_acc_stats *s = &p->res.stats;
    fprintf(out, "    {\"K\": %zu, \"rows\": %zu, \"rows_nonzero\": %zu, \"rows_nonfinite\": %zu, ", p->k, s->rows,
            s->rows_nonzero, s->rows_nonfinite);
    json_num(out, "mean_rel_err", s->mean_rel_err, ", ");
    json_num(out, "rms_rel_err", s->rms_rel_err, ", ");
    json_num(out, "max_rel_err", s->max_rel_err, ", ");
    json_num(out, "frac_correctly_rounded", s->frac_correctly_rounded, ", ");
    json_num(out, "sqnr_db", s->sqnr_db, ", ");
    json_num(out, "w1", s->w1, ", ");
    json_num(out, "w1_rel", s->w1_rel, ", ");
    json_num(out, "var_ratio", s->var_ratio, ", ");
    json_num(out, "cov_ratio", s->cov_ratio, ", ");
    json_num(out, "vrr_predicted", p->vrr_predicted, ", ");
    fprintf(out, "\"event_rates\": {");
    json_num(out, "swamping", s->rate_swamping, ", ");
    json_num(out, "underflow", s->rate_underflow, ", ");
    json_num(out, "overflow", s->rate_overflow, "}, ");
    fprintf(out, "\"fast_path\": %s, \"seconds\": %.3f, \"cpu_seconds\": %.3f, \"mac_steps_per_s\": %.4g}",
            p->res.fast ? "true" : "false", p->res.seconds, p->res.cpu_seconds, p->res.macs_per_s);
}

void mg_acc_write_json(FILE *out, const mg_acc_report *r)
{
    fprintf(out, "{\n  \"unit\": ");
    json_string(out, r->params->unit);
    fprintf(out, ",\n  \"params\": ");
    json_string(out, r->params->canonical);
    if (r->data_w) {
        fprintf(out, ",\n  \"data\": [");
        json_string(out, r->data_w);
        fprintf(out, ", ");
        json_string(out, r->data_a);
        fprintf(out, "]");
    } else {
        fprintf(out, ",\n  \"dist\": \"%s\", \"scale\": %.17g, \"mean\": %.17g, \"trials\": %llu",
                mg_dist_name(r->params->dist.kind), r->params->dist.scale, r->params->dist.mean, r->trials);
    }
    fprintf(out, ",\n  \"seed\": %llu,\n  \"points\": [\n", r->seed);
    for (int i = 0; i < r->n; i++) {
        json_point(out, &r->points[i]);
        fprintf(out, i + 1 < r->n ? ",\n" : "\n");
    }
    fprintf(out, "  ]\n}\n");
}

const char *mg_acc_csv_header(void)
{
    return "K,rows,mean_rel_err,rms_rel_err,max_rel_err,frac_correctly_rounded,sqnr_db,w1,w1_rel,"
           "var_ratio,vrr_predicted,rate_swamping,rate_underflow,rate_overflow,rows_nonfinite,cov_ratio";
}

void mg_acc_csv_fields(FILE *out, const mg_acc_point *p)
{
    const mg_acc_stats *s = &p->res.stats;
    fprintf(out, "%zu,%zu,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%zu,%.10g", p->k,
            s->rows, s->mean_rel_err, s->rms_rel_err, s->max_rel_err, s->frac_correctly_rounded, s->sqnr_db, s->w1,
            s->w1_rel, s->var_ratio, p->vrr_predicted, s->rate_swamping, s->rate_underflow, s->rate_overflow,
            s->rows_nonfinite, s->cov_ratio);
}

void mg_acc_write_csv(FILE *out, const mg_acc_report *r)
{
    fprintf(out, "unit,params,%s\n", mg_acc_csv_header());
    for (int i = 0; i < r->n; i++) {
        fprintf(out, "%s,\"%s\",", r->params->unit, r->params->canonical);
        mg_acc_csv_fields(out, &r->points[i]);
        fputc('\n', out);
    }
}
