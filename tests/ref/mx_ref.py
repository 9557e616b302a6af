#!/usr/bin/env python3
"""An independent reference for `macgen eval mx_quant` and `eval mx_dot`.

Written from the text of the numeric contract alone (the formats, rounding,
flags and eval pages of docs/spec/ and the MX rules of docs/spec/mx.md, first
drafted from the shared contract's arith.md and mx.md), never from macgen's C
code, so that the two can check each other.  Every value is an exact fractions.Fraction; nothing
is computed in host floating point.

Use as a filter, exactly like the macgen command it mirrors:
    python3 tests/ref/mx_ref.py mx_quant elem=fp6_e3m2 block=32 scale=floor round=rne < lines
    python3 tests/ref/mx_ref.py mx_dot elem=fp4_e2m1 block=32 acc=bf16 fused=1 < lines

Readings of the text that another implementation could take differently are
made explicit by the keyword `reading` (see READINGS) so that a checker can
say which reading a disagreement comes from.
"""
import sys
from fractions import Fraction

INVALID, OVERFLOW, UNDERFLOW, INEXACT = 0x10, 0x04, 0x02, 0x01

# Readings of the contract (the default is the literal one):
#   quant_underflow: mx_quant also reports the underflow flag 0x02 (flags.md) of
#     each element rounding (the literal mx.md flag list names only 0x01,
#     0x04 and 0x10).
#   nan_hides_inf_cancel: +Inf and -Inf products in a block raise invalid
#     only when no product is a NaN (as a sequential IEEE sum that meets the
#     NaN first would); the literal text raises invalid for any block with
#     both infinities.
READINGS = ("quant_underflow", "nan_hides_inf_cancel")


def pow2(k):
    return Fraction(1 << k) if k >= 0 else Fraction(1, 1 << -k)


def floor_log2(x):
    """k with 2^k <= x < 2^(k+1), for a Fraction x > 0."""
    n, d = x.numerator, x.denominator
    k = n.bit_length() - d.bit_length()
    if (n << -k if k < 0 else n) < (d if k < 0 else d << k):
        k -= 1
    return k


def ceil_log2(x):
    k = floor_log2(x)
    return k if x == pow2(k) else k + 1


def round_scaled(mag, step, mode, r=0, rbits=8):
    """Rounds the Fraction mag >= 0 to an integer multiple of 2^step.

    Returns (q, inexact) with the rounded value q * 2^step.  Integer
    arithmetic on the numerator and denominator keeps it exact and fast."""
    n, d = mag.numerator, mag.denominator
    if step >= 0:
        d <<= step
    else:
        n <<= -step
    q, rem = divmod(n, d)
    if rem == 0:
        return q, False
    if mode == "rtz":
        return q, True
    if mode == "rne":
        return q + (1 if 2 * rem > d or (2 * rem == d and q & 1) else 0), True
    if mode == "sr":  # floor(q + r/2^R): adds r/2^R of one step, then truncates
        return q + (1 if (rem << rbits) + r * d >= d << rbits else 0), True
    raise ValueError(mode)


def round_integer(q, mode, r=0, rbits=8):
    """Rounds a Fraction q >= 0 to an integer; returns (integer, inexact)."""
    return round_scaled(q, 0, mode, r, rbits)


class Fmt:
    """A float format eEmM (docs/spec/formats.md)."""

    def __init__(self, e, m, bias=None, specials="ieee", sub=True):
        self.e, self.m, self.specials, self.sub = e, m, specials, sub
        self.bias = (1 << (e - 1)) - 1 if bias is None else bias
        self.width = 1 + e + m
        self.xmax = (1 << e) - 1
        self.emin = 1 - self.bias
        self.emax = self.xmax - (1 if specials == "ieee" else 0) - self.bias
        self.max_frac = (1 << m) - (2 if specials == "fn" else 1)
        self.max = ((1 << m) + self.max_frac) * pow2(self.emax - m)

    def pack(self, sign, xf, frac):
        return (sign << (self.e + self.m)) | (xf << self.m) | frac

    def zero(self, sign):
        return self.pack(sign, 0, 0)

    def max_finite(self, sign):
        return self.pack(sign, self.emax + self.bias, self.max_frac)

    def inf(self, sign):
        return self.pack(sign, self.xmax, 0)

    def nan(self):  # the canonical NaN
        frac = (1 << self.m) - 1 if self.specials == "fn" else 1 << (self.m - 1)
        return self.pack(0, self.xmax, frac)

    def decode(self, bits):
        """('nan', sign, signalling) | ('inf', sign, None) | ('num', sign, |value|)."""
        sign = (bits >> (self.e + self.m)) & 1
        xf = (bits >> self.m) & self.xmax
        frac = bits & ((1 << self.m) - 1)
        if xf == self.xmax:
            if self.specials == "ieee":
                if frac == 0:
                    return ("inf", sign, None)
                return ("nan", sign, (frac >> (self.m - 1)) & 1 == 0)
            if self.specials == "fn" and frac == (1 << self.m) - 1:
                return ("nan", sign, False)
        if xf == 0:
            if not self.sub:
                return ("num", sign, Fraction(0))
            return ("num", sign, frac * pow2(self.emin - self.m))
        return ("num", sign, ((1 << self.m) | frac) * pow2(xf - self.bias - self.m))

    def encode(self, sign, v):
        """The encoding of a finite value 0 < v <= max that lies on the grid."""
        k = floor_log2(v)
        if k < self.emin:
            frac = v / pow2(self.emin - self.m)
            assert frac.denominator == 1 and self.sub
            return self.pack(sign, 0, int(frac))
        frac = v / pow2(k - self.m) - (1 << self.m)
        assert frac.denominator == 1
        return self.pack(sign, k + self.bias, int(frac))

    def round(self, val, mode, r=0, rbits=8, sat=False):
        """Q_F (docs/spec/rounding.md): returns (encoding, flags)."""
        kind, sign, mag = val
        if kind == "nan":
            if self.specials == "fin":
                return self.zero(0), INVALID
            return self.nan(), 0
        if kind == "inf":
            if self.specials == "ieee":
                return self.inf(sign), 0
            return self.max_finite(sign), OVERFLOW | INEXACT
        if mag == 0:
            return self.zero(sign), 0
        k = floor_log2(mag)
        step = k - self.m if (k >= self.emin or not self.sub) else self.emin - self.m
        q, inexact = round_scaled(mag, step, mode, r, rbits)
        tiny = False
        if k < self.emin:  # tininess after rounding, exponent unbounded
            qu, _ = round_scaled(mag, k - self.m, mode, r, rbits)
            tiny = qu.bit_length() - 1 + k - self.m < self.emin
        if q == 0 or (not self.sub and q.bit_length() - 1 + step < self.emin):
            return self.zero(sign), INEXACT | UNDERFLOW
        v = q * pow2(step)
        if v > self.max:
            to_inf = self.specials == "ieee" and not sat and mode != "rtz"
            return (self.inf(sign) if to_inf else self.max_finite(sign)), OVERFLOW | INEXACT
        flags = (INEXACT if inexact else 0) | (UNDERFLOW if inexact and tiny else 0)
        return self.encode_scaled(sign, q, step), flags

    def encode_scaled(self, sign, q, step):
        """The encoding of q * 2^step (q > 0, on the grid, at most max)."""
        k = q.bit_length() - 1 + step
        if k < self.emin:
            assert self.sub and step <= self.emin - self.m
            return self.pack(sign, 0, q >> (self.emin - self.m - step) if step < self.emin - self.m
                             else q << (step - self.emin + self.m))
        shift = step - (k - self.m)  # q * 2^shift is the significand with M fraction bits
        sig = q << shift if shift >= 0 else q >> -shift
        assert (sig << -shift if shift < 0 else sig >> shift) == q
        return self.pack(sign, k + self.bias, sig - (1 << self.m))


NAMED = {
    "fp64": "e11m52", "fp32": "e8m23", "fp16": "e5m10", "bf16": "e8m7",
    "e4m3fn": "e4m3,fn", "lba12": "e4m7,fin,ftz", "lba8": "e3m4,fin,ftz",
}


def parse_format(text):
    parts = text.split(",")
    head = NAMED.get(parts[0], parts[0]).split(",")
    parts = head + parts[1:]
    e, m = parts[0][1:].split("m")
    kw = {}
    for a in parts[1:]:
        if a in ("ieee", "fn", "fin"):
            kw["specials"] = a
        elif a in ("sub", "ftz"):
            kw["sub"] = a == "sub"
        elif a.startswith("bias="):
            kw["bias"] = int(a[5:])
        else:
            raise ValueError("unknown attribute " + a)
    return Fmt(int(e), int(m), **kw)


FP32 = parse_format("fp32")


class Int8Elem:
    """MXINT8's element: 8-bit two's complement q, value q/64."""
    width = 8
    max = Fraction(127, 64)
    emax = 0

    @staticmethod
    def decode(bits):
        q = bits - 256 if bits & 0x80 else bits
        return ("num", 1 if q < 0 else 0, Fraction(abs(q), 64))

    def round(self, val, mode, r=0, rbits=8, sat=True):
        _, sign, mag = val
        q, inexact = round_integer(mag * 64, mode, r, rbits)
        flags = INEXACT if inexact else 0
        if q > 127:
            q, flags = 127, OVERFLOW | INEXACT
        return (-q & 0xFF) if sign else q, flags


ELEMS = {
    "fp8_e4m3": Fmt(4, 3, 7, "fn"),
    "fp8_e5m2": Fmt(5, 2, 15, "ieee"),
    "fp6_e3m2": Fmt(3, 2, 3, "fin"),
    "fp6_e2m3": Fmt(2, 3, 1, "fin"),
    "fp4_e2m1": Fmt(2, 1, 1, "fin"),
    "int8": Int8Elem(),
}
for _f in ELEMS.values():
    if isinstance(_f, Fmt):
        _f.emax_elem = _f.emax
ELEMS["int8"].emax_elem = 0


def mx_quant(xs, elem, scale_rule, mode, rs=None, rbits=8, reading=()):
    """One block of fp32 encodings -> (X, element encodings, flags)."""
    fe = ELEMS[elem]
    vals = [FP32.decode(x) for x in xs]
    if any(v[0] != "num" for v in vals):
        return 255, [0] * len(xs), INVALID
    amax = max(v[2] for v in vals)
    if amax == 0:
        return 0, [0] * len(xs), 0
    if scale_rule == "floor":
        X = floor_log2(amax) - fe.emax_elem + 127
    else:
        X = ceil_log2(amax / fe.max) + 127
    X = min(max(X, 0), 254)
    scale = pow2(X - 127)
    keep = INEXACT | OVERFLOW | (UNDERFLOW if "quant_underflow" in reading else 0)
    out, flags = [], 0
    for i, (_, sign, mag) in enumerate(vals):
        r = rs[i] if rs is not None else 0
        e, fl = fe.round(("num", sign, mag / scale), mode, r, rbits, sat=True)
        out.append(e)
        flags |= fl & keep
    return X, out, flags


_DECODED = {}


def _elem_table(elem):
    """Every code of an element format decoded once: (kind, sign, signalling
    or None, n) with the value n * 2^lsb, lsb the format's smallest step."""
    if elem not in _DECODED:
        fe = ELEMS[elem]
        lsb = Fraction(1, 64) if elem == "int8" else pow2(fe.emin - fe.m)
        table = []
        for code in range(1 << fe.width):
            kind, sign, x = fe.decode(code)
            n = x / lsb if kind == "num" else Fraction(0)
            assert n.denominator == 1
            table.append((kind, sign, x if kind == "nan" else None, int(n)))
        _DECODED[elem] = (table, lsb)
    return _DECODED[elem]


def block_value(xa, a, xb, b, elem, reading=()):
    """V of mx.md section 3 with the flags its specials raise.

    The products are summed exactly as integers in units of lsb^2."""
    table, lsb = _elem_table(elem)
    flags, s, nan, infs = 0, 0, False, set()
    for ea, eb in zip(a, b):
        pa, pb = table[ea], table[eb]
        if pa[0] == "nan" or pb[0] == "nan":  # a signalling NaN raises invalid
            nan = True
            if (pa[0] == "nan" and pa[2]) or (pb[0] == "nan" and pb[2]):
                flags |= INVALID
        elif pa[0] == "inf" or pb[0] == "inf":
            if (pa[0] == "num" and pa[3] == 0) or (pb[0] == "num" and pb[3] == 0):
                nan, flags = True, flags | INVALID  # Inf * 0
            else:
                infs.add(pa[1] ^ pb[1])
        else:
            p = pa[3] * pb[3]
            s += -p if pa[1] ^ pb[1] else p
    if len(infs) == 2 and not (nan and "nan_hides_inf_cancel" in reading):
        nan, flags = True, flags | INVALID  # +Inf and -Inf in one block
    if nan or xa == 255 or xb == 255:
        return ("nan", 0, False), flags
    if infs:
        return ("inf", infs.pop(), None), flags
    if s == 0:
        return ("num", 0, Fraction(0)), flags
    return ("num", 1 if s < 0 else 0, abs(s) * lsb * lsb * pow2(xa + xb - 254)), flags


def exact_add(x, y):
    """x + y exactly for decoded values (docs/spec/operations.md section 1, `add` before Q)."""
    flags = 0
    for v in (x, y):
        if v[0] == "nan" and v[2]:
            flags |= INVALID
    if x[0] == "nan" or y[0] == "nan":
        return ("nan", 0, False), flags
    if x[0] == "inf" and y[0] == "inf" and x[1] != y[1]:
        return ("nan", 0, False), flags | INVALID
    if x[0] == "inf" or y[0] == "inf":
        return (x if x[0] == "inf" else y), flags
    s = (-x[2] if x[1] else x[2]) + (-y[2] if y[1] else y[2])
    if s == 0:
        both_neg = x[1] and y[1]
        return ("num", 1 if both_neg else 0, Fraction(0)), flags
    return ("num", 1 if s < 0 else 0, abs(s)), flags


def mx_dot(xa, a, xb, b, acc_bits, elem, acc, fused, reading=()):
    """One mx_dot step: (R, flags)."""
    v, flags = block_value(xa, a, xb, b, elem, reading)
    accv = acc.decode(acc_bits)
    if fused:
        s, fl = exact_add(accv, v)
        r, fl2 = acc.round(s, "rne")
        return r, flags | fl | fl2
    q, fl = acc.round(v, "rne")
    s, fl2 = exact_add(accv, acc.decode(q))
    r, fl3 = acc.round(s, "rne")
    return r, flags | fl | fl2 | fl3


def hexw(v, bits):
    return "%0*x" % ((bits + 3) // 4, v)


class Config:
    """Parameters of one eval command line, as in mx.md section 5."""

    def __init__(self, op, params, reading=()):
        kv = dict(p.split("=", 1) for p in params)
        self.op = op
        self.elem = kv.get("elem", "fp8_e4m3")
        self.block = int(kv.get("block", "32"))
        self.scale = kv.get("scale", "floor")
        self.round = kv.get("round", "rne")
        self.rbits = int(kv.get("rbits", "8"))
        self.acc = parse_format(kv.get("acc", "fp32"))
        self.fused = int(kv.get("fused", "0"))
        self.reading = reading
        self.ew = ELEMS[self.elem].width

    def operand_widths(self):
        B = self.block
        if self.op == "mx_quant":
            return [32] * B + ([self.rbits] * B if self.round == "sr" else [])
        return [8] + [self.ew] * B + [8] + [self.ew] * B + [self.acc.width]

    def answer(self, ops):
        """The output line for a list of operand integers."""
        B = self.block
        head = [hexw(v, w) for v, w in zip(ops, self.operand_widths())]
        if self.op == "mx_quant":
            rs = ops[B:] if self.round == "sr" else None
            X, es, fl = mx_quant(ops[:B], self.elem, self.scale, self.round, rs, self.rbits, self.reading)
            tail = [hexw(X, 8)] + [hexw(e, self.ew) for e in es] + [hexw(fl, 8)]
        else:
            xa, a, xb, b, c = ops[0], ops[1:B + 1], ops[B + 1], ops[B + 2:2 * B + 2], ops[2 * B + 2]
            r, fl = mx_dot(xa, a, xb, b, c, self.elem, self.acc, self.fused, self.reading)
            tail = [hexw(r, self.acc.width), hexw(fl, 8)]
        return " ".join(head + tail)


# Hand-derived lines (params, input line, expected answer), worked out on
# paper from the text, that the reference itself must reproduce.
Z7 = " 00000000" * 7
SELFTEST = [
    # fp4_e2m1 (max 6, emax 2), amax 7: floor gives X = 127 and 7 ties between
    # 6 and 8, even is 8, which saturates to 6 (05); ceil gives X = 128 and
    # 3.5 ties between 3 and 4, even is 4 (code 6), inexact.
    ("mx_quant elem=fp4_e2m1 block=8 scale=floor", "40e00000" + Z7,
     "40e00000" + Z7 + " 7f 7 0 0 0 0 0 0 0 05"),
    ("mx_quant elem=fp4_e2m1 block=8 scale=ceil", "40e00000" + Z7,
     "40e00000" + Z7 + " 80 6 0 0 0 0 0 0 0 01"),
    # fp6_e3m2: 1, 2, -3, 0.25, +0, -0, 0.5, 28: amax 28 = 1.75 * 2^4, X = 127.
    ("mx_quant elem=fp6_e3m2 block=8",
     "3f800000 40000000 c0400000 3e800000 00000000 80000000 3f000000 41e00000",
     "3f800000 40000000 c0400000 3e800000 00000000 80000000 3f000000 41e00000"
     " 7f 0c 10 32 04 00 20 08 1f 00"),
    # A NaN anywhere: the NaN scale, zero elements, invalid alone.
    ("mx_quant elem=fp8_e4m3 block=8", "3f800000 7fc00000" + Z7[:-9 * 1],
     "3f800000 7fc00000" + Z7[:-9] + " ff 00 00 00 00 00 00 00 00 10"),
    # int8: 1 and -0.5 with amax 1: X = 127, q = 64 and -32.
    ("mx_quant elem=int8 block=8", "3f800000 bf000000" + Z7[:-9],
     "3f800000 bf000000" + Z7[:-9] + " 7f 40 e0 00 00 00 00 00 00 00"),
    # int8 dot: 1 x -1 at scale 1 each, plus +0: -1.
    ("mx_dot elem=int8 block=8", "7f 40 0 0 0 0 0 0 0 7f c0 0 0 0 0 0 0 0 0",
     "7f 40 00 00 00 00 00 00 00 7f c0 00 00 00 00 00 00 00 00000000 bf800000 00"),
    # fp4 dot: eight products 1 x 1 plus 1 = 9.
    ("mx_dot elem=fp4_e2m1 block=8", "7f 2 2 2 2 2 2 2 2 7f 2 2 2 2 2 2 2 2 3f800000",
     "7f 2 2 2 2 2 2 2 2 7f 2 2 2 2 2 2 2 2 3f800000 41100000 00"),
    # A NaN scale: NaN, no flag.
    ("mx_dot elem=fp4_e2m1 block=8", "ff 2 2 2 2 2 2 2 2 7f 2 2 2 2 2 2 2 2 3f800000",
     "ff 2 2 2 2 2 2 2 2 7f 2 2 2 2 2 2 2 2 3f800000 7fc00000 00"),
    # e5m2: +Inf x 1 and 1 x -Inf in one block: NaN, invalid.
    ("mx_dot elem=fp8_e5m2 block=8 acc=bf16", "7f 7c 3c 0 0 0 0 0 0 7f 3c fc 0 0 0 0 0 0 0",
     "7f 7c 3c 00 00 00 00 00 00 7f 3c fc 00 00 00 00 00 00 0000 7fc0 10"),
    # bf16, unfused: V = 2^-8 is half a step of 1 in bf16 (tie, stays 1);
    # fused gives the same here, 1 + 2^-8 -> 1.
    ("mx_dot elem=int8 block=8 acc=bf16 fused=0", "77 40 0 0 0 0 0 0 0 7f 40 0 0 0 0 0 0 0 3f80",
     "77 40 00 00 00 00 00 00 00 7f 40 00 00 00 00 00 00 00 3f80 3f80 01"),
]


def selftest():
    bad = 0
    for spec, line, want in SELFTEST:
        cfg = Config(spec.split()[0], spec.split()[1:])
        got = cfg.answer([int(f, 16) for f in line.split()])
        if got != want:
            bad += 1
            print("selftest %s\n  line     %s\n  expected %s\n  got      %s" % (spec, line, want, got))
    print("mx_ref selftest: %d hand-derived lines, %d wrong" % (len(SELFTEST), bad))
    return 1 if bad else 0


def main(argv):
    if len(argv) == 2 and argv[1] == "selftest":
        return selftest()
    if len(argv) < 2 or argv[1] not in ("mx_quant", "mx_dot"):
        sys.stderr.write("usage: mx_ref.py mx_quant|mx_dot key=value... < lines | mx_ref.py selftest\n")
        return 2
    cfg = Config(argv[1], argv[2:])
    for line in sys.stdin:
        fields = line.split()
        if fields:
            print(cfg.answer([int(f, 16) for f in fields]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
