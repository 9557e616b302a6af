#!/usr/bin/env python3
"""Random and edge-case lines for `macgen eval mx_quant|mx_dot`, answered by
macgen and by the independent reference tests/ref/mx_ref.py, then compared.

    mx_check.py MACGEN "OP key=value..." ... [--lines N] [--seed S] [--jobs J] [--diff-dir DIR]

Each quoted argument is one configuration.  Prints one line per configuration,
"PASS|FAIL OP params: N lines, D disagree", and exits 1 when any failed.  With
--diff-dir, each configuration's disagreeing lines go to DIR/<config>.diff with
the reference's answer, macgen's, and, where it explains the difference, the
other reading of the contract (mx_ref.READINGS) that macgen follows.
"""
import os
import multiprocessing
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mx_ref  # noqa: E402
from mx_ref import ELEMS, FP32, Fraction, pow2  # noqa: E402


def fp32_bits(sign, exp_field, frac):
    return (sign << 31) | (exp_field << 23) | frac


def fp32_of(rng, value):
    """An fp32 encoding of a Fraction value >= 0 (truncated onto fp32's grid), random sign."""
    return FP32.round(("num", rng.getrandbits(1), value), "rtz")[0]


def elem_value(rng, fe):
    """A random finite element value (Fraction, >= 0) of an element format."""
    while True:
        v = fe.decode(rng.getrandbits(fe.width))
        if v[0] == "num":
            return v[2]


def quant_block(rng, cfg):
    B, fe = cfg.block, ELEMS[cfg.elem]
    kind = rng.choice(["random", "random", "grid", "tie", "special", "zeros", "sat", "pow2",
                       "huge", "tiny", "bits", "sparse"])
    if kind in ("random", "huge", "tiny", "sparse"):
        c = {"random": rng.randint(1, 254), "huge": rng.randint(230, 254), "tiny": rng.randint(0, 20),
             "sparse": rng.randint(1, 254)}[kind]
        spread = rng.choice([0, 3, 8, 20, 40])
        xs = []
        for _ in range(B):
            e = min(max(c - rng.randint(0, spread), 0), 254)
            x = fp32_bits(rng.getrandbits(1), e, rng.getrandbits(23))
            if kind == "sparse" and rng.random() < 0.7:
                x = rng.choice([0, 0x80000000])
            xs.append(x)
        return xs
    if kind in ("grid", "tie", "sat", "pow2"):
        s = rng.randint(-140, 120)
        xs = []
        for _ in range(B):
            v = elem_value(rng, fe) * pow2(s)
            if kind == "tie":  # half an element step at the smallest exponent
                v += pow2(s - 4)
            xs.append(fp32_of(rng, v))
        j = rng.randrange(B)
        if kind == "sat":  # the block maximum just below a power of two
            xs[j] = fp32_bits(rng.getrandbits(1), min(max(s + 127 + rng.randint(-2, 4), 1), 254),
                              (1 << 23) - 1 - rng.randint(0, 1 << 20))
        if kind == "pow2":
            xs[j] = fp32_bits(rng.getrandbits(1), min(max(s + 127 + rng.randint(0, 4), 1), 254), 0)
        return xs
    if kind == "zeros":
        return [rng.choice([0, 0x80000000]) for _ in range(B)]
    if kind == "bits":
        return [rng.getrandbits(32) for _ in range(B)]
    xs = [fp32_bits(rng.getrandbits(1), rng.randint(100, 150), rng.getrandbits(23)) for _ in range(B)]
    for _ in range(rng.randint(1, 3)):  # NaN, sNaN, +-Inf somewhere
        xs[rng.randrange(B)] = rng.choice([0x7fc00000, 0xffc00001, 0x7f800001, 0x7f800000, 0xff800000])
    return xs


def dot_elems(rng, cfg, profile):
    fe = ELEMS[cfg.elem]
    out = []
    for _ in range(cfg.block):
        code = rng.getrandbits(fe.width)
        if profile == "finite":
            while fe.decode(code)[0] != "num":
                code = rng.getrandbits(fe.width)
        elif profile == "zeros" and rng.random() < 0.8:
            code = rng.choice([0, 1 << (fe.width - 1)]) if fe.width != 8 or cfg.elem != "int8" else 0
        elif profile == "max" and isinstance(fe, mx_ref.Fmt):
            code = fe.max_finite(rng.getrandbits(1))
        elif profile == "max":
            code = rng.choice([0x7f, 0x81, 0x80])
        out.append(code)
    return out


def dot_scale(rng):
    u = rng.random()
    if u < 0.03:
        return 255
    if u < 0.10:
        return rng.choice([0, 1, 253, 254])
    if u < 0.35:
        return rng.randint(0, 254)
    return rng.randint(105, 150)


def dot_acc(rng, cfg, xa, a, xb, b):
    acc = cfg.acc
    u = rng.random()
    if u < 0.10:
        return rng.choice([acc.zero(0), acc.zero(1)])
    if u < 0.15:
        return rng.choice([acc.nan(), acc.nan() | (1 << (acc.width - 1)), acc.inf(0), acc.inf(1),
                           acc.pack(0, acc.xmax, 1), acc.max_finite(rng.getrandbits(1))])
    if u < 0.25:
        return rng.getrandbits(acc.width)
    if u < 0.32:  # subnormal
        return acc.pack(rng.getrandbits(1), 0, rng.getrandbits(acc.m))
    v, _ = mx_ref.block_value(xa, a, xb, b, cfg.elem)
    if v[0] != "num" or v[2] == 0:
        return rng.getrandbits(acc.width)
    q, _ = acc.round(v, "rne")
    if u < 0.45:  # cancels the block value (exactly when it is representable)
        return q ^ (1 << (acc.width - 1))
    target = ("num", rng.getrandbits(1), v[2] * pow2(rng.randint(-30, 30)) * Fraction(rng.randint(1, 255), 128))
    return acc.round(target, "rne")[0]


def dot_line(rng, cfg):
    profile = rng.choice(["finite", "finite", "finite", "bits", "zeros", "max"])
    xa, xb = dot_scale(rng), dot_scale(rng)
    a, b = dot_elems(rng, cfg, profile), dot_elems(rng, cfg, rng.choice([profile, "finite"]))
    return [xa] + a + [xb] + b + [dot_acc(rng, cfg, xa, a, xb, b)]


def make_lines(cfg, n, seed):
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        if cfg.op == "mx_quant":
            ops = quant_block(rng, cfg)
            if cfg.round == "sr":
                ops += [rng.getrandbits(cfg.rbits) for _ in range(cfg.block)]
        else:
            ops = dot_line(rng, cfg)
        lines.append(ops)
    return lines


def check_one(macgen, spec, n, seed, diff_dir):
    """Runs one configuration; returns (ok, summary line)."""
    op, params = spec.split()[0], spec.split()[1:]
    cfg = mx_ref.Config(op, params)
    alts = [(r, mx_ref.Config(op, params, reading=(r,))) for r in mx_ref.READINGS]
    lines = make_lines(cfg, n, seed)
    text = "".join(" ".join(mx_ref.hexw(v, w) for v, w in zip(ops, cfg.operand_widths())) + "\n"
                   for ops in lines)
    run = subprocess.run([macgen, "eval", op] + params, input=text, capture_output=True, text=True)
    got = run.stdout.splitlines()
    if run.returncode != 0 or len(got) != len(lines):
        return False, "%s: macgen exit %d, %d of %d lines answered: %s" % (
            spec, run.returncode, len(got), len(lines), run.stderr.strip()[:200])
    bad = []
    for ops, out in zip(lines, got):
        want = cfg.answer(ops)
        if want != out:
            follows = [r for r, alt in alts if alt.answer(ops) == out]
            note = "macgen follows reading %s" % ",".join(follows) if follows else ""
            bad.append((want, out, note))
    if diff_dir and bad:
        name = spec.replace(" ", "_").replace("=", "-")
        with open(os.path.join(diff_dir, name + ".diff"), "w") as f:
            for want, out, note in bad:
                f.write("expected %s\nmacgen   %s\n%s\n" % (want, out, note))
    first = " (first: expected %s, macgen %s)" % bad[0][:2] if bad else ""
    return not bad, "%s: %d lines, %d disagree%s" % (spec, len(lines), len(bad), first)


def check_hand(macgen):
    """The hand-derived lines of mx_ref.SELFTEST through macgen itself."""
    bad = []
    for spec, line, want in mx_ref.SELFTEST:
        op, params = spec.split()[0], spec.split()[1:]
        run = subprocess.run([macgen, "eval", op] + params, input=line + "\n", capture_output=True, text=True)
        if run.stdout.strip() != want:
            bad.append("%s: expected %s, macgen %s" % (spec, want, (run.stdout + run.stderr).strip()))
    return not bad, "hand-derived lines: %d, %d disagree%s" % (
        len(mx_ref.SELFTEST), len(bad), " (first: %s)" % bad[0] if bad else "")


def main(argv):
    opts = {"--lines": "1000", "--seed": "1", "--diff-dir": "", "--jobs": "2"}
    specs, it = [], iter(argv[2:])
    for a in it:
        if a in opts:
            opts[a] = next(it)
        else:
            specs.append(a)
    macgen = argv[1]
    if opts["--diff-dir"]:
        os.makedirs(opts["--diff-dir"], exist_ok=True)
    jobs = [(macgen, s, int(opts["--lines"]), int(opts["--seed"]) + i, opts["--diff-dir"])
            for i, s in enumerate(specs)]
    with multiprocessing.Pool(int(opts["--jobs"])) as pool:
        results = [check_hand(macgen)] + pool.starmap(check_one, jobs)
    for ok, line in results:
        print(("PASS " if ok else "FAIL ") + line)
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
