#!/usr/bin/env python3
"""Independent helpers for tests/accuracy_cli.sh (standard library only).

  acc_tool.py gen DIR N K SEED      w.npy / a.npy (float32, values on the lba8
                                    grid, so rounding to lba8 keeps them) and
                                    lines.txt for `macgen eval dot k=K`
  acc_tool.py bad DIR               malformed .npy files, one per edge case
  acc_tool.py hbfp MACGEN DIR N K B  FP32 data (w.npy, a.npy) and, through
                                    `macgen eval hbfp_quant` / `hbfp_dot` (n=4,
                                    block B, fp32 accumulation in block order),
                                    the mean |R-S|/|S| with S the exact dot
                                    product of the FP32 inputs (fractions)
  acc_tool.py check ACC_FMT K       reads `macgen eval dot` answers on stdin,
                                    prints the mean relative error |R-S|/|S|
                                    (S the exact sum, Python fractions) with
                                    %.6g and the event rates per MAC
"""
import random
import struct
import subprocess
import sys
from fractions import Fraction


def lba8_value(code):
    """lba8 = e3m4, fin, ftz, bias 3."""
    sign = -1 if code & 0x80 else 1
    e, f = (code >> 4) & 7, code & 15
    if e == 0:
        return Fraction(0)
    return sign * Fraction(16 + f, 16) * Fraction(2) ** (e - 3)


def float_value(code, ebits, mbits, bias, fin_ftz):
    sign = -1 if code >> (ebits + mbits) & 1 else 1
    e, f = (code >> mbits) & ((1 << ebits) - 1), code & ((1 << mbits) - 1)
    if e == 0:
        if fin_ftz:
            return Fraction(0)
        return sign * Fraction(f, 1 << mbits) * Fraction(2) ** (1 - bias)
    if not fin_ftz and e == (1 << ebits) - 1:
        raise ValueError("Inf/NaN result")
    return sign * Fraction((1 << mbits) + f, 1 << mbits) * Fraction(2) ** (e - bias)


FORMATS = {  # name: (E, M, bias, fin+ftz)
    "lba12": (4, 7, 7, True),
    "bf16": (8, 7, 127, False),
    "fp16": (5, 10, 15, False),
}


def npy_bytes(header, payload, version=1):
    text = header + " " * (64 - (len(header) + 11) % 64) + "\n"
    if version == 1:
        pre = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text))
    else:
        pre = b"\x93NUMPY\x02\x00" + struct.pack("<I", len(text))
    return pre + text.encode() + payload


def write_npy(path, rows, dtype="<f4", version=1):
    n, k = len(rows), len(rows[0])
    hdr = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }" % (dtype, n, k)
    fmt = "<%d%s" % (n * k, "f" if dtype == "<f4" else "d")
    payload = struct.pack(fmt, *[float(v) for r in rows for v in r])
    with open(path, "wb") as f:
        f.write(npy_bytes(hdr, payload, version))


def gen(d, n, k, seed):
    rng = random.Random(seed)
    codes = [[[rng.randrange(256) for _ in range(k)] for _ in range(n)] for _ in range(2)]
    write_npy(d + "/w.npy", [[lba8_value(c) for c in r] for r in codes[0]])
    write_npy(d + "/a.npy", [[lba8_value(c) for c in r] for r in codes[1]], dtype="<f8", version=2)
    with open(d + "/lines.txt", "w") as f:
        for wr, ar in zip(codes[0], codes[1]):
            f.write(" ".join("%02x" % c for c in wr + ar) + "\n")


def bad(d):
    good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
    payload = struct.pack("<6f", *range(6))
    cases = {
        "magic": b"\x93NUMPX" + npy_bytes(good, payload)[6:],
        "bigendian": npy_bytes(good.replace("<f4", ">f4"), struct.pack(">6f", *range(6))),
        "fortran": npy_bytes(good.replace("False", "True"), payload),
        "threed": npy_bytes(good.replace("(2, 3)", "(1, 2, 3)"), payload),
        "int": npy_bytes(good.replace("<f4", "<i4"), payload),
        "truncated": npy_bytes(good, payload)[:-5],
        "shorthdr": npy_bytes(good, payload)[:30],
        "empty": b"",
    }
    for name, data in cases.items():
        with open("%s/%s.npy" % (d, name), "wb") as f:
            f.write(data)


def check(acc, k):
    ebits, mbits, bias, fin = FORMATS[acc]
    rels, events, rows = [], [0, 0, 0], 0
    for line in sys.stdin:
        tok = line.split()
        if not tok:
            continue
        w = [lba8_value(int(t, 16)) for t in tok[:k]]
        a = [lba8_value(int(t, 16)) for t in tok[k:2 * k]]
        r = float_value(int(tok[2 * k], 16), ebits, mbits, bias, fin)
        for i in range(3):
            events[i] += int(tok[2 * k + 2 + i], 16)
        s = sum(x * y for x, y in zip(w, a))
        rows += 1
        if s != 0:
            rels.append(abs(r - s) / abs(s))
    mean = sum(rels, Fraction(0)) / len(rels)
    macs = rows * k
    print("%.6g %.4g %.4g %.4g" % (float(mean), events[2] / macs, events[1] / macs, events[0] / macs))


def f32_hex(x):
    return "%08x" % struct.unpack("<I", struct.pack("<f", x))[0]


def f32_value(h):
    return Fraction(struct.unpack("<f", struct.pack("<I", int(h, 16)))[0])


def eval_lines(macgen, args, lines):
    out = subprocess.run([macgen, "eval"] + args, input="".join(l + "\n" for l in lines),
                         capture_output=True, text=True, check=True).stdout
    return [l.split() for l in out.splitlines() if l.strip()]


def hbfp(macgen, d, n, k, b):
    rng = random.Random(17)
    rows = [[[struct.unpack("<f", struct.pack("<f", rng.gauss(0, 1)))[0] for _ in range(k)]
             for _ in range(n)] for _ in range(2)]
    write_npy(d + "/hw.npy", rows[0])
    write_npy(d + "/ha.npy", rows[1])
    acc = ["00000000"] * n
    for start in range(0, k, b):
        def blocks(m):
            return [" ".join(f32_hex(m[r][start + i]) if start + i < k else "00000000" for i in range(b))
                    for r in range(n)]
        qw = eval_lines(macgen, ["hbfp_quant", "n=4", "block=%d" % b], blocks(rows[0]))
        qa = eval_lines(macgen, ["hbfp_quant", "n=4", "block=%d" % b], blocks(rows[1]))
        steps = [" ".join(qw[r][b:2 * b + 1] + qa[r][b:2 * b + 1] + [acc[r]]) for r in range(n)]
        out = eval_lines(macgen, ["hbfp_dot", "n=4", "block=%d" % b, "acc=fp32"], steps)
        acc = [o[2 * b + 3] for o in out]
    rels = []
    for r in range(n):
        s = sum(Fraction(x) * Fraction(y) for x, y in zip(rows[0][r], rows[1][r]))
        if s != 0:
            rels.append(abs(f32_value(acc[r]) - s) / abs(s))
    print("%.6g" % float(sum(rels, Fraction(0)) / len(rels)))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "bad":
        bad(sys.argv[2])
    elif cmd == "hbfp":
        hbfp(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif cmd == "check":
        check(sys.argv[2], int(sys.argv[3]))
