/* The help text of `macgen sweep`. */
#include <stdio.h>

#include "cli.h"
#include "sweep_cmd.h"

void mg_sweep_usage(FILE *out)
{
    fputs("usage: macgen sweep UNIT key=v1,v2,... [options]\n"
          "       macgen sweep --points FILE [options]\n"
          "\n"
          "Runs 'macgen cost' on every combination of the values (the last key varies\n"
          "fastest), N points at a time, printing a line per finished point on stderr\n"
          "and a summary table on stdout.  A format keeps its attributes: in\n"
          "acc=e4m7,fin,ftz,fp32 the values are 'e4m7,fin,ftz' and 'fp32'.\n"
          "A points file has one point per line, 'UNIT key=value ... [label=TEXT]',\n"
          "for sets that are not a grid (e.g. different units side by side).\n"
          "\n"
          "options:\n"
          "  -j N            worker processes (default: the number of CPUs)\n"
          "  --csv FILE      one row per point: totals, verify result, gates per block\n"
          "  --png FILE      a gnuplot chart of gates per block, stacked, per point\n"
          "  --liberty FILE  pass --liberty to every cost run (adds area and timing columns)\n"
          "  --tech NAME     pass --tech to every cost run (e.g. osu018)\n"
          "  --verify        also run 'macgen verify' (default vectors) on every point;\n"
          "                  exit status 1 if any point mismatches\n"
          "  --title TEXT    the chart's title\n"
          "  --baseline LABEL  add columns with each point's saving against the point\n"
          "                  with that label (e.g. --baseline acc=fp32)\n"
          "  --accuracy TEXT also run 'macgen accuracy' on every point (mac, dot,\n"
          "                  hbfp_array -> hbfp_dot) with TEXT's K= dist= scale= mean=\n"
          "                  (one K); the CSV joins cost with error, --png draws SQNR\n"
          "                  against gates per MAC with the Pareto front marked\n"
          "  --series KEY    one chart series per value of KEY (default: acc, else n)\n"
          "  --emit-jobs FILE  write one self-contained command per point instead of\n"
          "                  running them (for GNU parallel or a Slurm job array); each\n"
          "                  writes its results into --results DIR (default FILE.results)\n"
          "  --merge DIR     gather the results of those commands (same sweep arguments)\n"
          "                  into the table, CSV and PNG a local sweep would write;\n"
          "                  missing or failed points are named, exit 2\n"
          "  --run-point I   (what the emitted commands call) run point I into --results\n"
          "  --tool-timeout SECONDS  limit each Yosys, Verilator and gnuplot run\n"
          "                  (default 3600; 0: never)\n"
          "\n"
          "example: macgen sweep mac w=lba8 a=lba8 acc=lba12,bf16,fp16,fp32 --png acc.png\n"
          "A point that cannot be costed stops the sweep: one line naming it, the exit\n"
          "status of its cost or verify run, no output files.\n",
          out);
    mg_print_exit_help(out);
}
