#!/usr/bin/python3
"""Independent helpers for tests/matmul_cli.sh and tests/matmul_rtl.sh (numpy).

  matmul_tool.py bad DIR            malformed, mutated, huge and non-finite .npy files
  matmul_tool.py rtl DIR SEED       random X (12 x 45) and W (45 x 7) with zeros of
                                    both signs, values beyond the formats' ranges
                                    and below them (x.npy, w.npy)
  matmul_tool.py truths MACGEN DIR  `macgen matmul` against truths computed here:
                                    the host's IEEE float32 and float16 arithmetic
                                    step by step (pe=fp32, pe=bf16, dot fp16),
                                    exact products where every rounding is exact
                                    (lba12, HBFP4, MXFP8 on representable data), a
                                    hand-counted swamping case, and the Python
                                    module equal to the command byte for byte
Exits 1 with one line per failed truth.
"""
import json
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))


def save(d, name, a):
    np.save(os.path.join(d, name), a)


def bad(d):
    good = np.arange(6, dtype=np.float32).reshape(2, 3)
    save(d, "x.npy", np.ones((2, 3), dtype=np.float32))
    save(d, "w.npy", np.ones((3, 2), dtype=np.float64))
    save(d, "w_shape.npy", np.ones((4, 2), dtype=np.float32))
    save(d, "w21.npy", np.ones((2, 1), dtype=np.float32))
    save(d, "int.npy", good.astype(np.int32))
    save(d, "f16.npy", good.astype(np.float16))
    save(d, "threed.npy", good.reshape(1, 2, 3))
    nan = good.copy()
    nan[1, 2] = np.nan
    save(d, "nan.npy", nan)
    inf = np.ones((3, 2))
    inf[2, 0] = -np.inf
    save(d, "inf.npy", inf)
    raw = open(os.path.join(d, "x.npy"), "rb").read()
    with open(os.path.join(d, "truncated.npy"), "wb") as f:
        f.write(raw[:-7])
    with open(os.path.join(d, "magic.npy"), "wb") as f:
        f.write(b"\x93NUMPX" + raw[6:])
    # A header that claims 2^31 elements over a few bytes of data, and one
    # whose Y would hold 10^10 elements.
    for name, shape in (("huge.npy", "(1073741824, 2)"), ("wide.npy", "(100000, 3)"), ("tall.npy", "(3, 100000)")):
        hdr = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % shape
        hdr += " " * (63 - (len(hdr) + 10) % 64) + "\n"
        with open(os.path.join(d, name), "wb") as f:
            f.write(b"\x93NUMPY\x01\x00" + len(hdr).to_bytes(2, "little") + hdr.encode() + b"\0" * 64)
    rng = np.random.default_rng(3)
    for i in range(40):  # mutated copies of a good file: flipped bytes anywhere
        b = bytearray(raw)
        for _ in range(1 + i % 4):
            b[rng.integers(len(b))] = int(rng.integers(256))
        with open(os.path.join(d, "mut%02d.npy" % i), "wb") as f:
            f.write(bytes(b))


def random_matrix(rng, r, c):
    m = rng.normal(size=(r, c)) * np.exp2(rng.integers(-6, 6, size=(r, c)))
    m[rng.random((r, c)) < 0.08] = 0.0
    m[rng.random((r, c)) < 0.05] = -0.0
    m[rng.random((r, c)) < 0.03] = 1e6    # beyond lba8 / e4m3fn: saturates
    m[rng.random((r, c)) < 0.03] = -1e-9  # below every format: underflows
    return m.astype(np.float32)


def rtl(d, seed):
    rng = np.random.default_rng(int(seed))
    x, w = random_matrix(rng, 12, 45), random_matrix(rng, 45, 7)
    save(d, "x.npy", x)
    save(d, "w.npy", w)


# ---- truths -----------------------------------------------------------------------------------

class Checker:
    def __init__(self, macgen, d):
        self.macgen, self.d, self.failed = macgen, d, []

    def matmul(self, args, x, w, dtype="float64", extra=()):
        np.save(os.path.join(self.d, "tx.npy"), x)
        np.save(os.path.join(self.d, "tw.npy"), w)
        out = os.path.join(self.d, "ty.npy")
        subprocess.run([self.macgen, "matmul", *args, "--x", os.path.join(self.d, "tx.npy"), "--w",
                        os.path.join(self.d, "tw.npy"), "-o", out, "--out-dtype", dtype, *extra], check=True)
        return np.load(out)

    def expect(self, name, ok, detail=""):
        print("%s %s%s" % ("ok  " if ok else "FAIL", name, (": " + detail) if not ok and detail else ""))
        if not ok:
            self.failed.append(name)


def chain(x, w, t, pad=1):
    """Y[r][c] = ((x0 w0 + 0) + x1 w1) + ... in type t, each step rounded by the host."""
    r, k = x.shape
    c = w.shape[1]
    y = np.zeros((r, c), dtype=t)
    with np.errstate(all="ignore"):
        for i in range(r):
            for j in range(c):
                acc = t(0)
                for kk in range(k):
                    acc = t(t(x[i, kk] * w[kk, j]) + acc)
                if k % pad:
                    acc = t(acc + t(0))
                y[i, j] = acc
    return y


def bf16(a):
    """float32 -> bfloat16 (round to nearest even), as float32 values."""
    u = a.astype(np.float32).view(np.uint32).astype(np.uint64)
    u = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16) << 16
    return u.astype(np.uint32).view(np.float32)


def same_bits(a, b):
    return a.shape == b.shape and (np.array_equal(a.view(np.uint32), b.view(np.uint32)) if a.dtype == np.float32
                                   else np.array_equal(a, b))


def truths(macgen, d):
    ck = Checker(macgen, d)
    rng = np.random.default_rng(11)
    # IEEE binary32 chains: subnormal products, overflow to Inf, cancellation.
    x = (rng.normal(size=(6, 37)) * np.exp2(rng.integers(-90, 70, size=(6, 37)))).astype(np.float32)
    w = (rng.normal(size=(37, 5)) * np.exp2(rng.integers(-90, 70, size=(37, 5)))).astype(np.float32)
    x[0, :] = 0
    x[1, :5] = -0.0
    w[:2, :] = 4
    x[2, :2] = [3e38, 0]      # a product overflows: Inf
    x[3, :2] = [3e38, -3e38]  # Inf + -Inf: NaN
    y = ck.matmul(["mac_array", "pe=fp32", "rows=4"], x, w, "float32")
    ref = chain(x, w, np.float32, 4)
    ck.expect("the fp32 case reaches Inf and NaN", np.isinf(ref).any() and np.isnan(ref).any())
    ref[np.isnan(ref)] = np.float32(np.nan)  # the canonical quiet NaN
    ck.expect("mac_array pe=fp32 = float32 steps", same_bits(y, ref))
    y = ck.matmul(["mac_array", "pe=fp32", "rows=4"], x, w, "float32", ["--json", os.path.join(d, "st.json")])
    ck.expect("mac_array pe=fp32 --stats (the model's steps) = float32 steps", same_bits(y, ref))
    # bf16 inputs, fp32 accumulation: products exact in float32.
    xb, wb = bf16(x * np.float32(1e-10)), bf16(w)
    y = ck.matmul(["mac_array", "pe=bf16", "rows=37"], xb, wb, "float32")
    ck.expect("mac_array pe=bf16 = bf16 inputs, float32 steps", same_bits(y, chain(xb, wb, np.float32)))
    # binary16 throughout: numpy's float16 operations round once (binary32
    # evaluation is exact enough for + and x of binary16: no double rounding).
    x16 = (rng.normal(size=(5, 50)) * 4).astype(np.float16)
    w16 = (rng.normal(size=(50, 4)) * 30).astype(np.float16)
    x16[0, 0], w16[0, 0] = 60000, 30  # an overflow to Inf
    y = ck.matmul(["dot", "w=fp16", "a=fp16", "acc=fp16", "chunk=0"], x16.astype(np.float64), w16.astype(np.float64))
    ref = chain(x16, w16, np.float16) + np.float16(0)
    ck.expect("the fp16 case reaches Inf", np.isinf(ref).any())
    ck.expect("dot fp16 = float16 steps (overflow to Inf included)",
              np.array_equal(y, ref.astype(np.float64), equal_nan=True), "%s vs %s" % (y[0], ref[0]))
    # Exact cases: small integers in lba8, sums below 2^8 in lba12.
    xi = rng.integers(-2, 3, size=(7, 8)).astype(np.float32)
    wi = rng.integers(-2, 3, size=(8, 6)).astype(np.float32)
    exact = xi.astype(np.float64) @ wi.astype(np.float64)
    for chunk in ("0", "3"):
        y = ck.matmul(["dot", "chunk=" + chunk], xi, wi)
        ck.expect("dot lba12 chunk=%s exact on small integers" % chunk, np.array_equal(y, exact))
    # HBFP4 blocks of q * 2^e with |q| <= 7 and a 7 in every block: exact.
    def blocks(r, c, axis, qmax=7):
        q = rng.integers(-qmax, qmax + 1, size=(r, c)).astype(np.float64)
        if axis == 1:
            q[:, ::16] = qmax
            e = np.exp2(rng.integers(-4, 4, size=(r, (c + 15) // 16))).repeat(16, axis=1)[:, :c]
        else:
            q[::16, :] = -qmax
            e = np.exp2(rng.integers(-4, 4, size=((r + 15) // 16, c))).repeat(16, axis=0)[:r, :]
        return (q * e).astype(np.float32)
    # The Accuracy Booster array: HBFP6 blocks (|q| <= 31, a 31 in each) are
    # exact in its 6-bit mode, and not in its 4-bit mode.
    x6, w6 = blocks(5, 40, 1, 31), blocks(40, 3, 0, 31)
    exact6 = x6.astype(np.float64) @ w6.astype(np.float64)
    boost = ["hbfp_array", "n=4", "boost=6", "block=16"]
    ck.expect("hbfp_array n=4 boost=6 --mode 6 exact on HBFP6 blocks",
              np.array_equal(ck.matmul(boost, x6, w6, extra=["--mode", "6"]), exact6))
    ck.expect("hbfp_array n=4 boost=6 (mode 4) is not exact on them",
              not np.array_equal(ck.matmul(boost, x6, w6), exact6))
    xh, wh = blocks(5, 40, 1), blocks(40, 3, 0)
    for rule in ("floor1", "ceil"):  # 7 * 2^e: both rules give E = e + 3
        y = ck.matmul(["hbfp_array", "n=4", "block=16", "exp=" + rule], xh, wh)
        ck.expect("hbfp_array n=4 exp=%s exact on representable blocks" % rule,
                  np.array_equal(y, xh.astype(np.float64) @ wh.astype(np.float64)))
    # MXFP8 (e4m3) on integers |q| <= 7 times a power of two: exact (the
    # floor scale maps 7 to 448, e4m3's largest; 15 would saturate there).
    xm = rng.integers(-7, 8, size=(4, 64)).astype(np.float32) * np.float32(0.5)
    wm = rng.integers(-7, 8, size=(64, 3)).astype(np.float32) * np.float32(0.25)
    for rule in ("floor", "ceil"):
        y = ck.matmul(["mx_array", "elem=fp8_e4m3", "block=32", "scale=" + rule], xm, wm)
        ck.expect("mx_array fp8_e4m3 scale=%s exact on representable blocks" % rule,
                  np.array_equal(y, xm.astype(np.float64) @ wm.astype(np.float64)))
    # The rules differ: e2m1's largest element is 6, so a block whose largest
    # value is 7 saturates at 6 with the floor (OCP) scale 2^0, while the
    # ceil scale 2^1 makes it 3.5, rounded to 4 (rne: the even one), times 2.
    x7 = np.array([[7.0] + [1.0] * 31], dtype=np.float32)
    w7 = np.eye(32, 1, dtype=np.float32)
    yf = ck.matmul(["mx_array", "elem=fp4_e2m1", "block=32"], x7, w7)
    yc = ck.matmul(["mx_array", "elem=fp4_e2m1", "block=32", "scale=ceil"], x7, w7)
    ck.expect("mx_array fp4: 7 saturates at 6 with the floor scale, is 8 with ceil", yf[0, 0] == 6 and yc[0, 0] == 8,
              "%s %s" % (yf, yc))
    # Swamping, counted by hand: 16 * 16 = 256 in lba12 (step 2 there, rtz)
    # absorbs each of the next 9 products 1 * 1.
    xs = np.array([[16.0] + [1.0] * 9], dtype=np.float32)
    ws = np.ones((10, 1), dtype=np.float32)
    ws[0, 0] = 16
    js = os.path.join(d, "s.json")
    y = ck.matmul(["mac_array", "pe=lba", "rows=10"], xs, ws, "float64", ["--json", js])
    ev = json.load(open(js))["events"]
    ck.expect("lba12 swamping counted by hand (9 events, Y = 256)", ev["swamping"] == 9 and y[0, 0] == 256, str(ev))
    # The Python module: the command's bytes.
    import macgen
    xr, wr = rng.normal(size=(9, 70)).astype(np.float32), rng.normal(size=(70, 5)).astype(np.float32)
    for unit, params in (("mac_array", {"pe": "lba", "rows": 8}), ("dot", {"w": "e4m3fn", "a": "e4m3fn", "chunk": 16}),
                         ("hbfp_array", {"n": 6, "block": 16}), ("mx_array", {"elem": "fp4_e2m1"})):
        cli = ck.matmul([unit] + ["%s=%s" % kv for kv in params.items()], xr, wr, "bits")
        py = macgen.matmul(xr, wr, unit, bits=True, **params)
        ck.expect("python %s = the command's bits" % unit, np.array_equal(py.astype(cli.dtype), cli))
    for mode in (4, 6):
        params = {"n": 4, "boost": 6, "block": 16}
        cli = ck.matmul(["hbfp_array"] + ["%s=%s" % kv for kv in params.items()], xr, wr, "bits", ["--mode", str(mode)])
        py = macgen.matmul(xr, wr, "hbfp_array", bits=True, mode=mode, **params)
        ck.expect("python hbfp_array boost=6 mode=%d = the command's bits" % mode, np.array_equal(py.astype(cli.dtype), cli))
    for mode in (5, "6", True, 0, -4, 2 ** 40):
        try:
            macgen.matmul(xr, wr, "hbfp_array", n=4, boost=6, mode=mode)
            ck.expect("python refuses mode=%r" % (mode,), False)
        except macgen.MacgenError as e:
            ck.expect("python refuses mode=%r" % (mode,), "4 or 6" in str(e), str(e))
    try:
        macgen.matmul(xr, wr, "hbfp_array", n=4, mode=6)
        ck.expect("python refuses mode= on a plain array", False)
    except macgen.MacgenError as e:
        ck.expect("python refuses mode= on a plain array", "Accuracy Booster" in str(e), str(e))
    try:
        macgen.matmul(xr, wr, "dot", chunk="016")
        ck.expect("python refuses chunk=016", False)
    except macgen.MacgenError as e:
        ck.expect("python refuses chunk=016", "leading zero" in str(e), str(e))
    if ck.failed:
        sys.exit(1)


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "bad" and len(sys.argv) == 3:
        bad(sys.argv[2])
    elif cmd == "rtl" and len(sys.argv) == 4:
        rtl(sys.argv[2], sys.argv[3])
    elif cmd == "truths" and len(sys.argv) == 4:
        truths(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
