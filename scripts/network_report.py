#!/usr/bin/python3
"""Writes docs/network_accuracy.md and docs/network_accuracy.png (make
report-network): both source papers' accuracy-against-cost tables, reproduced
on scikit-learn's bundled handwritten digits with a small MLP, every matrix
product of the network through `macgen matmul`'s arithmetic (python/macgen.py,
bit for bit the generated arrays'), every cost from `macgen cost`.

  A. LBA inference: FP32-trained models; weights and activations in lba8 or
     e4m3fn, every layer's product through the `dot` unit with a lba12
     accumulator (chunk 16, 64, none), fp16, bf16 or fp32; test accuracy,
     LBA events per layer, and the MAC's gates, um^2, fmax, MACs/s/mm^2.
  B. HBFP training: trained from scratch with every forward and backward
     product in FP32, HBFP4, HBFP6, the Accuracy Booster schedule, MXFP6 or
     MXFP4; test accuracy over 3 seeds, the Wasserstein-1 distance of each
     layer's outputs to FP32's, and the array density of docs/hbfp_density.md.

Deterministic: fixed seeds and splits; numpy float32 for the FP32 reference.
--quick (make test): a few training steps, one row of each table, no cost
runs, written under --out-dir; --export-layer DIR also writes a real layer
(the test inputs and the first layer's weights) for tests/matmul_rtl.sh.
"""

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
import macgen  # noqa: E402

HIDDEN = (128, 128)
EPOCHS = 15
BATCH = 32
LR = 0.05
MOMENTUM = 0.9
SEEDS = (0, 1, 2)
HBFP_BLOCK = 64
MX_BLOCK = 32
# Per-tensor power-of-two scale for the 8-bit element formats: the largest
# magnitude (of the training set's activations, of the weights) maps to at
# most this, so that a product stays below 64 and a lba12 sum (largest 510)
# has room; the scale is a shift of the exponent bias, free in hardware.
ELEM_TARGET = 8.0


def log(msg):
    print("network_report: " + msg, file=sys.stderr, flush=True)


# ---- data and model -------------------------------------------------------------

def load_data():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    d = load_digits()
    x = (d.data / 16.0).astype(np.float32)
    xtr, xte, ytr, yte = train_test_split(x, d.target, test_size=360, random_state=0, stratify=d.target)
    return xtr, ytr, xte, yte


def init_model(seed):
    rng = np.random.default_rng(1000 + seed)
    sizes = (64,) + HIDDEN + (10,)
    ws = [(rng.normal(size=(a, b)) * np.sqrt(2.0 / a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    bs = [np.zeros(b, dtype=np.float32) for b in sizes[1:]]
    return ws, bs


# An arithmetic: None (numpy float32) or (unit, params) for macgen.matmul.
FP32 = None


def hbfp(n):
    return ("hbfp_array", {"n": n, "block": HBFP_BLOCK})


def booster(mode):
    """The Accuracy Booster array (hbfp_array n=4 boost=6) in one of its pass
    modes: HBFP4 (mode 4) or HBFP6 (mode 6) bit for bit (docs/spec/hbfp.md
    section 7)."""
    return ("hbfp_array", {"n": 4, "boost": 6, "block": HBFP_BLOCK, "mode": mode})


def mx(elem):
    return ("mx_array", {"elem": elem, "block": MX_BLOCK})


def mm(a, b, arith):
    if arith is None:
        return a @ b
    unit, params = arith
    return macgen.matmul(a, b, unit, threads=1, **params).astype(np.float32)


def forward(ws, bs, x, arith_of_layer, keep=False):
    """The logits (and each layer's input and pre-activation when keep)."""
    a, acts, zs = x, [], []
    for i, (w, b) in enumerate(zip(ws, bs)):
        z = mm(a, w, arith_of_layer(i)) + b
        acts.append(a)
        zs.append(z)
        a = np.maximum(z, 0) if i + 1 < len(ws) else z
    return (a, acts, zs) if keep else a


def accuracy(logits, y):
    return float(np.mean(np.argmax(logits, axis=1) == y))


def train(seed, schedule, xtr, ytr, epochs, max_steps=None):
    """SGD with momentum; schedule(epoch, layer) gives each product's arithmetic
    (forward, and both products of the backward pass)."""
    ws, bs = init_model(seed)
    vw = [np.zeros_like(w) for w in ws]
    vb = [np.zeros_like(b) for b in bs]
    rng = np.random.default_rng(seed)
    steps = 0
    for ep in range(epochs):
        order = rng.permutation(len(xtr))
        for s in range(0, len(order), BATCH):
            idx = order[s:s + BATCH]
            x, y = xtr[idx], ytr[idx]
            logits, acts, zs = forward(ws, bs, x, lambda i: schedule(ep, i), keep=True)
            p = np.exp(logits - logits.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(y)), y] -= 1.0
            dz = (p / len(y)).astype(np.float32)
            for i in reversed(range(len(ws))):
                ar = schedule(ep, i)
                gw = mm(np.ascontiguousarray(acts[i].T), dz, ar)
                gb = dz.sum(axis=0)
                if i > 0:
                    dz = mm(dz, np.ascontiguousarray(ws[i].T), ar) * (zs[i - 1] > 0)
                vw[i] = MOMENTUM * vw[i] - LR * gw
                vb[i] = MOMENTUM * vb[i] - LR * gb
                ws[i] = (ws[i] + vw[i]).astype(np.float32)
                bs[i] = (bs[i] + vb[i]).astype(np.float32)
            steps += 1
            if max_steps and steps >= max_steps:
                return ws, bs
    return ws, bs


# ---- B: training ---------------------------------------------------------------------

def training_formats(epochs):
    last = len(HIDDEN)  # index of the last layer
    return [
        ("FP32", "FP32", lambda ep, i: FP32),
        ("HBFP4", "HBFP4 B=64", lambda ep, i: hbfp(4)),
        ("HBFP6", "HBFP6 B=64", lambda ep, i: hbfp(6)),
        # Accuracy Booster: the boost array's 4-bit mode, but its 6-bit mode for
        # the first and last layers and in the last epoch.
        ("Accuracy Booster (HBFP4, HBFP6 first/last layer and last epoch)", "HBFP4+6 AB B=64",
         lambda ep, i: booster(6) if i in (0, last) or ep == epochs - 1 else booster(4)),
        ("MXFP6 (e3m2)", "MXFP6 e3m2 B=32", lambda ep, i: mx("fp6_e3m2")),
        ("MXFP4", "MXFP4 B=32", lambda ep, i: mx("fp4_e2m1")),
    ]


def wasserstein(a, b):
    """W1 between the empirical laws of two equally many values."""
    return float(np.mean(np.abs(np.sort(a.ravel().astype(np.float64)) - np.sort(b.ravel().astype(np.float64)))))


def run_training(args, data):
    xtr, ytr, xte, yte = data
    epochs = args.epochs
    rows = []
    ref_models = {}
    for label, density_key, sched in training_formats(epochs):
        if args.quick and label not in ("FP32", "HBFP4"):
            continue
        accs, t0 = [], time.time()
        for seed in args.seeds:
            ws, bs = train(seed, sched, xtr, ytr, epochs, args.max_steps)
            # Test accuracy in the format's own arithmetic (its last epoch's).
            accs.append(accuracy(forward(ws, bs, xte, lambda i: sched(epochs - 1, i)), yte))
            if label == "FP32":
                ref_models[seed] = (ws, bs)
        log("trained %s: %s (%.0f s)" % (label, " ".join("%.4f" % a for a in accs), time.time() - t0))
        rows.append({"label": label, "density_key": density_key, "acc": accs, "sched": sched})
    # Wasserstein-1 of each layer's outputs against FP32's: the FP32 model of
    # the first seed, its test-set forward pass in each format's arithmetic
    # of most epochs (epoch 0: Accuracy Booster's HBFP4 with HBFP6 at the ends).
    ws, bs = ref_models[args.seeds[0]]
    _, _, z_ref = forward(ws, bs, xte, lambda i: FP32, keep=True)
    for r in rows:
        _, _, z = forward(ws, bs, xte, lambda i: r["sched"](0, i), keep=True)
        r["w1"] = [wasserstein(a, b) / float(np.std(b)) for a, b in zip(z, z_ref)]
        del r["sched"]
    return rows, ref_models


# ---- A: LBA inference ------------------------------------------------------------------

LBA_ROWS = [
    ("lba12, chunk 16", {"acc": "lba12", "chunk": 16}),
    ("lba12, chunk 64", {"acc": "lba12", "chunk": 64}),
    ("lba12, no chunking", {"acc": "lba12", "chunk": 0}),
    ("fp16", {"acc": "fp16", "chunk": 0}),
    ("bf16", {"acc": "bf16", "chunk": 0}),
    ("fp32", {"acc": "fp32", "chunk": 0}),
]


def pow2_scale(t):
    m = float(np.max(np.abs(t)))
    return 1.0 if m == 0 else float(2.0 ** np.floor(np.log2(ELEM_TARGET / m)))


def lba_inference(ws, bs, xtr, xte, elem, params):
    """Test logits and per-layer event counts with every product through dot."""
    _, acts, _ = forward(ws, bs, xtr, lambda i: FP32, keep=True)
    sa = [pow2_scale(a) for a in acts]
    sw = [pow2_scale(w) for w in ws]
    a, events = xte, []
    for i, (w, b) in enumerate(zip(ws, bs)):
        y, st = macgen.matmul(a * sa[i], w * sw[i], "dot", threads=2, stats=True, w=elem, a=elem, **params)
        z = (y.astype(np.float64) / (sa[i] * sw[i])).astype(np.float32) + b
        events.append(st)
        a = np.maximum(z, 0) if i + 1 < len(ws) else z
    return a, events


def run_lba(args, data, models):
    xtr, ytr, xte, yte = data
    rows = []
    fp32_acc = [accuracy(forward(*models[s], xte, lambda i: FP32), yte) for s in args.seeds]
    rows.append({"label": "FP32 (numpy float32)", "elem": "fp32", "acc": fp32_acc, "events": None,
                 "cost": ("fp32", "fp32")})
    for elem in ("lba8", "e4m3fn"):
        for label, params in LBA_ROWS:
            if args.quick and (elem != "lba8" or params != LBA_ROWS[0][1]):
                continue
            accs, evs = [], []
            for s in args.seeds:
                logits, ev = lba_inference(*models[s], xtr, xte, elem, params)
                accs.append(accuracy(logits, yte))
                evs.append(ev)
            rates = []
            for layer in range(len(evs[0])):
                macs = sum(e[layer]["macs"] for e in evs)
                rates.append({k: sum(e[layer][k] for e in evs) / macs for k in ("swamping", "underflow", "overflow")})
            rows.append({"label": "%s x %s, %s" % (elem, elem, label), "elem": elem, "acc": accs, "events": rates,
                         "cost": (elem, params["acc"]), "chunk": params["chunk"]})
            log("LBA %s %s: %s" % (elem, label, " ".join("%.4f" % a for a in accs)))
    return rows


# ---- costs ------------------------------------------------------------------------------

def mac_cost(args, w, acc):
    """`macgen cost mac w=W a=W acc=ACC --tech osu018`, cached in the work folder."""
    if args.no_cost:
        return None
    path = os.path.join(args.work, "cost_mac_%s_%s.json" % (w, acc))
    if not os.path.exists(path):
        cmd = [args.macgen, "cost", "mac", "w=" + w, "a=" + w, "acc=" + acc, "--tech", "osu018", "--json", path,
               "--quiet"]
        log("cost: " + " ".join(cmd[1:]))
        subprocess.run(cmd, check=True)
    with open(path) as f:
        j = json.load(f)
    area = float(j["area_um2"])
    fmax = float(j["fmax_mhz"])
    return {"gates": int(j["gates"]), "um2": area, "fmax": fmax, "density": fmax * 1e6 / (area * 1e-6)}


def read_density(path):
    """The rows of docs/hbfp_density.md: {label: {column: text}}, 64x64 rows
    preferred over 16x16 ones."""
    out, size, header = {}, None, None
    if not os.path.exists(path):
        return out
    with open(path) as f:
        for line in f:
            if line.startswith("## "):
                size = line[3:].strip()
            elif line.startswith("| array |"):
                header = [c.strip() for c in line.strip().strip("|").split("|")]
            elif line.startswith("| ") and header and not line.startswith("|---"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) == len(header) and (cells[0] not in out or (size or "").startswith("64x64")):
                    out[cells[0]] = dict(zip(header, cells), size=size)
    return out


def density_row(table, key):
    return table.get(key) if key else None


# The boost array's 6-bit passes run at a quarter of the MACs per cycle
# (4x4 PEs: docs/spec/hbfp.md section 7, docs/hbfp_array.md).
BOOST_SLOWDOWN = 4


def booster_six_bit_fraction(epochs):
    """The fraction of the training MACs that the Accuracy Booster schedule
    runs in HBFP6: the first and last layers in every epoch, every layer in
    the last one (each layer's three products have the same MAC count)."""
    sizes = (64,) + HIDDEN + (10,)
    macs = [a * b for a, b in zip(sizes, sizes[1:])]
    ends = macs[0] + macs[-1]
    return ((epochs - 1) * ends + sum(macs)) / (epochs * sum(macs))


def effective_density(d, f):
    """The boost array's MACs/s/mm^2 with a fraction f of the MACs in 6-bit
    passes, and its ratio to FP32, from its 4-bit-mode row."""
    keep = 1 / ((1 - f) + f * BOOST_SLOWDOWN)
    return float(d["MACs/s/mm^2"]) * keep, float(d["vs FP32 (s)"].rstrip("x")) * keep


# ---- the page ---------------------------------------------------------------------------

def fmt_acc(accs):
    a = np.array(accs) * 100
    return "%.2f%% ± %.2f" % (a.mean(), a.std(ddof=1)) if len(a) > 1 else "%.2f%%" % a.mean()


def fmt_rate(rates, key):
    return " / ".join("%.2g" % r[key] for r in rates)


def write_page(args, lba_rows, train_rows, density, seconds):
    md = []
    p = md.append
    p("# A real network through the exact arithmetic")
    p("")
    p("Generated by `make report-network` (scripts/network_report.py%s); do not edit by hand."
      % (" --quick: a smoke run, not the report" if args.quick else ""))
    p("Task: scikit-learn's bundled handwritten digits (`load_digits`: 1797 8x8 images, no")
    p("download), 1437 for training and 360 for testing (stratified split, seed 0); pixels / 16.")
    p("Network: an MLP 64-%s-10 with ReLU (%d weights), softmax cross-entropy, SGD with"
      % ("-".join(str(h) for h in HIDDEN), sum(a * b for a, b in zip((64,) + HIDDEN, HIDDEN + (10,)))))
    p("momentum %.1f, learning rate %.2g, batch %d, %d epochs, He-normal initialisation; seeds %s."
      % (MOMENTUM, LR, BATCH, args.epochs, ", ".join(str(s) for s in args.seeds)))
    p("In every row that names an arithmetic, each matrix product of the network runs through")
    p("`macgen matmul`'s engine (python/macgen.py, build/libmacgen.so): bit for bit the arithmetic")
    p("of the generated array, which tests/matmul_rtl.sh checks against the Verilated arrays, a")
    p("layer of this network included ([matmul.md](matmul.md)).")
    p("Biases, ReLU, softmax and the weight update are numpy float32.  The FP32 reference is")
    p("numpy float32 throughout.  This run: %.0f s of wall time for training and inference, %.0f s"
      % seconds)
    p("of CPU time in Python's process (the cost runs are cached in build/report/network).")
    p("")
    p("## A. LBA inference (the LBA paper's table)")
    p("")
    p("The FP32-trained models of part B, evaluated with every layer's product through")
    p("`macgen matmul dot w=E a=E acc=ACC chunk=C` (prod = acc; rounding: rtz into the fin")
    p("lba12, rne into the IEEE formats; the unit's defaults).  Weights and activations are")
    p("converted to E (rne, saturating) after a per-tensor power-of-two scale that maps the")
    p("tensor's largest magnitude (weights; activations over the training set) to at most %g:" % ELEM_TARGET)
    p("a shift of the exponent bias, free in hardware, undone exactly after the product.")
    p("Accuracy: mean ± sd over the seeds' models.  Events: per MAC step (chunk-sum")
    p("additions included), summed over the test set and the seeds, for layers 1 / 2 / 3.")
    p("Cost: `macgen cost mac w=E a=E acc=ACC --tech osu018` (the unpipelined MAC with")
    p("flags and events, flat, OSU 0.18 um, OpenSTA); MACs/s/mm^2 = fmax / area.  A chunked")
    p("dot product adds a second adder for the chunk sums, which this MAC figure leaves out.")
    p("")
    p("| arithmetic | test accuracy | swamping per step | underflow per step | overflow per step | gates | um^2 | fmax MHz | MACs/s/mm^2 |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in lba_rows:
        c = mac_cost(args, *r["cost"])
        ev = r["events"]
        cost = ("%d | %.0f | %.1f | %.3g" % (c["gates"], c["um2"], c["fmax"], c["density"])) if c else "n/a | n/a | n/a | n/a"
        r["mac"] = c
        p("| %s | %s | %s | %s | %s | %s |" % (r["label"], fmt_acc(r["acc"]),
                                             fmt_rate(ev, "swamping") if ev else "-",
                                             fmt_rate(ev, "underflow") if ev else "-",
                                             fmt_rate(ev, "overflow") if ev else "-", cost))
    p("")
    p("## B. HBFP training (Accuracy Booster's table)")
    p("")
    p("Trained from scratch with every forward and backward product (X W, dZ W^T, A^T dZ) in")
    p("the arithmetic named: `macgen matmul hbfp_array n=N block=%d` (fp32 accumulation; the"
      % HBFP_BLOCK)
    p("hbfp_quant converter, floor1 exponent, rne) or `mx_array elem=E block=%d` (scale floor," % MX_BLOCK)
    p("rne); FP32 is numpy float32.  The Accuracy Booster row runs HBFP4 except the first and")
    p("last layers and the last epoch, in HBFP6.  Test accuracy: after the last epoch, in the")
    p("format's own arithmetic (its last epoch's), mean ± sd over the seeds.  W1/sd: the")
    p("Wasserstein-1 distance between each layer's outputs (pre-activations on the test set) in")
    p("the format and in FP32, over the FP32 standard deviation of those outputs (Accuracy")
    p("Booster's Figure 3 metric), measured on the FP32 model of seed %d so that only the" % args.seeds[0])
    p("arithmetic differs, in the arithmetic of the format's first epoch (for Accuracy Booster:")
    p("HBFP6 in layers 1 and 3, HBFP4 in layer 2); layers 1 / 2 / 3.  Density: the 64x64 rows")
    p("of [hbfp_density.md](hbfp_density.md) (read, not regenerated here); for Accuracy Booster,")
    p("the `hbfp_array n=4 boost=6` array (block 64) at the share of the training MACs its")
    p("schedule runs in HBFP6 (6-bit passes at a quarter of the MACs per cycle).")
    p("")
    p("| arithmetic | test accuracy | W1/sd of layer outputs | gates/MAC | MACs/s/mm^2 | vs FP32 (MACs/s/mm^2) | bits/elem |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    f6 = booster_six_bit_fraction(args.epochs)
    for r in train_rows:
        d = density_row(density, r["density_key"])
        dens = ("%s | %s | %s | %s" % (d["gates/MAC"], d["MACs/s/mm^2"], d["vs FP32 (s)"], d["bits/elem"])) if d \
            else "n/a (no such row in hbfp_density.md yet) | | |"
        if d and r["label"].startswith("Accuracy Booster"):
            rate, vs = effective_density(d, f6)
            r["effective"], r["f6"] = rate, f6
            dens = ("%s | %.3g effective (%.0f%% of the MACs in HBFP6; 4-bit mode %s) | %.2fx | %s"
                    % (d["gates/MAC"], rate, 100 * f6, d["MACs/s/mm^2"], vs, d["bits/elem"]))
        r["density"] = d
        p("| %s | %s | %s | %s |" % (r["label"], fmt_acc(r["acc"]), " / ".join("%.3g" % v for v in r["w1"]), dens))
    p("")
    p("## What the tables show")
    p("")
    for line in findings(lba_rows, train_rows):
        p(line)
    p("")
    p("![accuracy against MACs/s/mm^2](%s)" % os.path.basename(args.png))
    p("")
    p("Reproduce: `make report-network` (%s).  `/usr/bin/python3 scripts/network_report.py --reuse` redoes only"
      % ("a smoke run of scripts/network_report.py --quick" if args.quick else
         "about 5 minutes on two idle cores with the cost runs cached in build/report/network"))
    p("the cost runs and this page from the last run's accuracies and events.")
    text = "\n".join(md) + "\n"
    tmp = args.md + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, args.md)


def mean(accs):
    return float(np.mean(accs)) * 100


def findings(lba_rows, train_rows):
    out = []
    by = {r["label"]: r for r in lba_rows}
    fp32 = mean(lba_rows[0]["acc"])
    for elem in ("lba8", "e4m3fn"):
        rows = [r for r in lba_rows if r["elem"] == elem]
        if not rows:
            continue
        best = max(rows, key=lambda r: mean(r["acc"]))
        worst = min(rows, key=lambda r: mean(r["acc"]))
        out.append("- **%s inputs**: test accuracy from %.2f%% (%s) to %.2f%% (%s), against %.2f%% in FP32."
                   % (elem, mean(worst["acc"]), worst["label"], mean(best["acc"]), best["label"], fp32))
    l12 = by.get("lba8 x lba8, lba12, chunk 16")
    f32 = by.get("lba8 x lba8, fp32")
    if l12 and f32 and l12.get("mac") and f32.get("mac"):
        saved = 1 - l12["mac"]["gates"] / f32["mac"]["gates"]
        out.append("- The LBA paper's claim, 12-bit accumulation (with chunking) keeps accuracy while saving about"
                   " 63%% of the MAC's gates: here lba12 with chunks of 16 reaches %.2f%% against %.2f%% with an fp32"
                   " accumulator (same lba8 inputs), and its MAC has %.1f%% fewer gates and %.1fx the MACs/s/mm^2."
                   % (mean(l12["acc"]), mean(f32["acc"]), 100 * saved,
                      l12["mac"]["density"] / f32["mac"]["density"]))
    none = by.get("lba8 x lba8, lba12, no chunking")
    if l12 and none and l12["events"] and none["events"]:
        out.append("- Chunking matters through the events: swamping per step in layer 2 is %s without chunks and %s"
                   " with chunks of 16; with K = 64 in layer 1 a chunk of 64 is no chunking at all." % (
                       fmt_rate(none["events"][1:2], "swamping"),
                                           fmt_rate(l12["events"][1:2], "swamping")))
    tr = {r["label"].split(" (")[0]: r for r in train_rows}
    if "FP32" in tr:
        f = mean(tr["FP32"]["acc"])
        parts = ["%s %.2f%%" % (k, mean(r["acc"])) for k, r in tr.items()]
        out.append("- **Training**: %s (mean of %d seeds)." % ("; ".join(parts), len(tr["FP32"]["acc"])))
        h4, h6, ab = tr.get("HBFP4"), tr.get("HBFP6"), tr.get("Accuracy Booster")
        if h4 and h6:
            ratios = ", ".join("%.1fx" % (a / b) if b else "-" for a, b in zip(h4["w1"], h6["w1"]))
            out.append("- Accuracy Booster's claims, HBFP4 alone loses accuracy, HBFP6 rivals FP32 and the 4/6 mix"
                       " recovers FP32 accuracy at 4-bit density: here HBFP4 is %+.2f points from FP32, HBFP6 %+.2f%s."
                       " The layer outputs tell the same story more clearly than the accuracies: HBFP4's"
                       " distances to FP32 are %s HBFP6's (layers 1 / 2 / 3)."
                       % (mean(h4["acc"]) - f, mean(h6["acc"]) - f,
                          ", and Accuracy Booster %+.2f, recovering %.0f%% of HBFP4's loss while running layer 2 in"
                          " HBFP4 in all but the last epoch" % (mean(ab["acc"]) - f,
                                                               100 * (mean(ab["acc"]) - mean(h4["acc"]))
                                                               / (f - mean(h4["acc"])))
                          if ab and f > mean(h4["acc"]) else "", ratios))
        if ab and ab.get("effective") and h6 and h6.get("density"):
            sizes = (64,) + HIDDEN + (10,)
            macs = [a * b for a, b in zip(sizes, sizes[1:])]
            r6 = float(h6["density"]["MACs/s/mm^2"])
            out.append("- The mix's speed depends on the network: here the first and last layers hold %.0f%% of the"
                       " MACs, so the schedule runs %s of the training MACs in HBFP6 and the boost array's effective"
                       " rate (%.3g MACs/s/mm^2) is %s the HBFP6 array's (%.3g). In networks whose first and last"
                       " layers are a few percent of the MACs (the paper's ImageNet models) the share is near the 1%%"
                       " of hbfp_density.md, where the array keeps 97%% of its 4-bit rate."
                       % (100 * (macs[0] + macs[-1]) / sum(macs),
                          "%.0f%%" % (100 * ab["f6"]), ab["effective"],
                          "below" if ab["effective"] < r6 else "above", r6))
        m6, m4 = tr.get("MXFP6"), tr.get("MXFP4")
        if m6 and m4 and h4 and h4.get("density") and m6.get("density"):
            out.append("- Against MX: MXFP6 reaches %.2f%% and MXFP4 %.2f%%; HBFP4's array has %.2fx MXFP6's MACs/s/mm^2"
                       " (the paper: at least 2.3x) and MXFP4 runs at %.2fx HBFP4's."
                       % (mean(m6["acc"]), mean(m4["acc"]),
                          float(h4["density"]["MACs/s/mm^2"]) / float(m6["density"]["MACs/s/mm^2"]),
                          float(m4["density"]["MACs/s/mm^2"]) / float(h4["density"]["MACs/s/mm^2"])))
        worst = min(mean(r["acc"]) for r in tr.values())
        lba = [mean(r["acc"]) for r in lba_rows[1:]]
        sd = max((float(np.std(np.array(r["acc"]) * 100, ddof=1)) for r in train_rows + lba_rows if len(r["acc"]) > 1),
                 default=0.0)
        out.append("- What a small task cannot show: digits is easy (FP32 reaches %.2f%%) and the network small, so"
                   " every trained format ends within %.2f points of FP32 (%.0f of the 360 test images; one image is"
                   " 0.28 points) while the seeds' standard deviations reach %.2f points: differences of a few tenths"
                   " are not resolved here, and the paper's ImageNet-scale gaps need harder tasks and deeper networks."
                   "%s" % (f, f - worst, (f - worst) / (100 / 360), sd,
                           (" Nor can it rank the LBA accumulators: their rows span %.2f points, and only the event"
                            " rates tell them apart." % (max(lba) - min(lba))) if lba else ""))
    return out


def write_png(args, lba_rows, train_rows):
    """Accuracy against MACs/s/mm^2: the LBA rows (the MAC's density; one
    colour per accumulator, circles lba8 inputs, squares e4m3fn) and the
    training rows (the array's density), one panel each; a panel without
    cost figures (--quick) says so."""
    base = os.path.join(args.work, "png")
    series = []  # (accumulator, [(density, accuracy, point type)])
    for r in lba_rows:
        if not r.get("mac"):
            continue
        acc = r["label"].split(", ", 1)[1] if r["events"] else "FP32 (numpy)"
        if not series or series[-1][0] != acc and acc not in [a for a, _ in series]:
            series.append((acc, []))
        pts = [pts for a, pts in series if a == acc][0]
        pts.append((r["mac"]["density"], mean(r["acc"]), 7 if r["elem"] == "lba8" else 5 if r["elem"] == "e4m3fn" else 9))
    tr = [(r["label"].split(" (")[0], mean(r["acc"]), float(np.std(np.array(r["acc"]) * 100, ddof=1)) if len(r["acc"]) > 1
           else 0.0, float(r["density"]["MACs/s/mm^2"])) for r in train_rows if r.get("density")]
    # One file per accumulator and input format; later accumulators drawn
    # smaller, so that points which coincide (the MAC is the same for every
    # chunk length) stay visible.
    plots = []
    for i, (acc, pts) in enumerate(series):
        titled = False
        for pt in (7, 5, 9):
            mine = [q for q in pts if q[2] == pt]
            if not mine:
                continue
            path = "%s_lba_%d_%d.dat" % (base, i, pt)
            with open(path, "w") as f:
                f.writelines("%.6g %.4f\n" % q[:2] for q in mine)
            plots.append("'%s' using 1:2 with points pt %d ps %.2f lc %d %s" % (
                path, pt, 2.4 - 0.25 * i, i + 1, "notitle" if titled else "title '%s'" % acc.replace("'", "")))
            titled = True
    with open(base + "_train.dat", "w") as f:
        f.writelines('"%s" %.4f %.4f %.6g\n' % p for p in tr)

    def panel(title, n, plot):
        if not n:
            return "set title \"%s\"\nunset logscale x\nset label 1 'no cost figures in this run' at graph 0.3,0.5\n" \
                   "plot [0:1] [0:1] NaN notitle\nunset label 1\nset logscale x\n" % title
        return "set title \"%s\"\n%s\n" % (title, plot)

    gp = "set terminal pngcairo size 1200,520 noenhanced font ',9'\nset output '%s.tmp'\nset multiplot layout 1,2\n" \
         "set logscale x\nset xlabel 'MACs/s/mm^2 (OSU 0.18 um, macgen cost)'\nset ylabel 'test accuracy (%%)'\n" \
         "set grid\nset offsets graph 0.15, graph 0.15, graph 0.1, graph 0.1\nset key bottom left\n" % args.png
    gp += panel("A. LBA inference against the MAC's density (circles: lba8 inputs, squares: e4m3fn)", len(series),
                "plot " + ", ".join(plots))
    gp += "set key off\n"
    gp += panel("B. training against the array's density (hbfp_density.md)", len(tr),
                "plot '%s_train.dat' using 4:2:3 with yerrorbars pt 7, '' using 4:2:1 with labels offset 0,1 font ',8'"
                % base)
    gp += "unset multiplot\n"
    r = subprocess.run(["gnuplot"], input=gp.encode(), stderr=subprocess.PIPE)
    if r.returncode == 0 and os.path.exists(args.png + ".tmp"):
        os.replace(args.png + ".tmp", args.png)
    else:
        if os.path.exists(args.png + ".tmp"):
            os.remove(args.png + ".tmp")
        log("no PNG: gnuplot failed: %s" % r.stderr.decode(errors="replace").strip()[-300:])


def export_layer(d, models, data):
    """A real layer for tests/matmul_rtl.sh: test inputs and the first layer's
    weights (FP32 values, and scaled as the LBA rows feed lba8)."""
    os.makedirs(d, exist_ok=True)
    xtr, _, xte, _ = data
    ws, bs = models[min(models)]
    x = np.ascontiguousarray(xte[:96])
    _, acts, _ = forward(ws, bs, xtr, lambda i: FP32, keep=True)
    np.save(os.path.join(d, "layer_x.npy"), x)
    np.save(os.path.join(d, "layer_w.npy"), ws[0])
    np.save(os.path.join(d, "layer_x_lba.npy"), (x * pow2_scale(acts[0])).astype(np.float32))
    np.save(os.path.join(d, "layer_w_lba.npy"), (ws[0] * pow2_scale(ws[0])).astype(np.float32))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="a few steps, one row of each table, no cost runs")
    ap.add_argument("--out-dir", default=os.path.join(ROOT, "docs"), help="where the page and PNG go")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "report", "network"), help="cost cache")
    ap.add_argument("--macgen", default=os.path.join(ROOT, "build", "macgen"))
    ap.add_argument("--export-layer", metavar="DIR", help="also write a real layer's X and W (.npy) to DIR")
    ap.add_argument("--no-cost", action="store_true", help="leave the cost columns empty")
    ap.add_argument("--reuse", action="store_true",
                    help="take the accuracies and events of the last full run (build/report/network/results.json) "
                         "and redo only the costs and the page")
    args = ap.parse_args()
    args.seeds = SEEDS[:1] if args.quick else SEEDS
    args.epochs = 1 if args.quick else EPOCHS
    args.max_steps = 12 if args.quick else None
    args.no_cost = args.no_cost or args.quick
    args.md = os.path.join(args.out_dir, "network_accuracy.md")
    args.png = os.path.join(args.out_dir, "network_accuracy.png")
    args.reproduce = "quick" if args.quick else "full"
    os.makedirs(args.out_dir, exist_ok=True)
    os.makedirs(args.work, exist_ok=True)
    t0, c0 = time.time(), time.process_time()
    data = load_data()
    cache = os.path.join(args.work, "results.json")
    if args.reuse and os.path.exists(cache):
        with open(cache) as f:
            saved = json.load(f)
        train_rows, lba_rows, times = saved["train"], saved["lba"], tuple(saved["times"])
        log("reusing the accuracies and events of %s" % cache)
        # The density keys are the page's, not the cached run's.
        keys = {label: key for label, key, _ in training_formats(args.epochs)}
        for r in train_rows:
            r["density_key"] = keys.get(r["label"], r.get("density_key"))
    else:
        train_rows, models = run_training(args, data)
        if args.export_layer:
            export_layer(args.export_layer, models, data)
        lba_rows = run_lba(args, data, models)
        times = (time.time() - t0, time.process_time() - c0)
        if not args.quick:
            with open(cache + ".tmp", "w") as f:
                json.dump({"train": train_rows, "lba": lba_rows, "times": times}, f)
            os.replace(cache + ".tmp", cache)
    density = read_density(os.path.join(ROOT, "docs", "hbfp_density.md"))
    write_page(args, lba_rows, train_rows, density, times)
    write_png(args, lba_rows, train_rows)
    log("wrote %s (%.0f s)" % (args.md, time.time() - t0))


if __name__ == "__main__":
    main()
