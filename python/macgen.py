"""Matrix products with exactly the arithmetic of macgen's generated units.

    import numpy as np, macgen
    x = np.random.default_rng(0).normal(size=(32, 64)).astype(np.float32)
    w = np.random.default_rng(1).normal(size=(64, 10)).astype(np.float32)
    y = macgen.matmul(x, w, "hbfp_array", n=4, block=64)           # HBFP4, fp32 accumulation
    y = macgen.matmul(x, w, "dot", w="lba8", a="lba8", acc="lba12", chunk=16)
    y, st = macgen.matmul(x, w, "mac_array", pe="lba", stats=True)  # + flags and LBA events
    y = macgen.matmul(x, w, "hbfp_array", n=4, boost=6, mode=6)     # Accuracy Booster, 6-bit mode

`matmul(x, w, arith, **params)` is `macgen matmul ARITH key=value...`
(docs/matmul.md): the same units (mac_array, dot, hbfp_array, mx_array), keys,
defaults and results, bit for bit, computed by build/libmacgen.so (`make
python`) through ctypes; numpy is the only dependency and nothing here does
arithmetic of its own.  Four keyword arguments are this module's, not the
unit's: threads= (default: every CPU), stats= (also return a dict of counts),
bits= (return the result encodings as uint64 instead of their values), and
mode= (an Accuracy Booster array's pass mode, 4 or 6: `macgen matmul --mode`;
default 4, only for hbfp_array n=4 boost=6).  The
values come back as float32 when the result format fits it exactly, else as
float64.  The library is found at $MACGEN_LIB, else at ../build/libmacgen.so
beside this file.
"""

import ctypes
import os

import numpy as np

__all__ = ["matmul", "Arith", "MacgenError"]

_STATS = ("macs", "overflow", "underflow", "swamping", "inexact", "underflow_flag", "overflow_flag",
          "invalid", "nan", "inf", "zero", "saturated")


class MacgenError(ValueError):
    """A bad arithmetic or input, with macgen's one-line reason."""


def _load():
    path = os.environ.get("MACGEN_LIB") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build",
                                                          "libmacgen.so")
    if not os.path.exists(path):
        raise OSError("%s not found: run 'make python' in the macgen tree (or set MACGEN_LIB)" % path)
    lib = ctypes.CDLL(path)
    lib.macgen_arith_new_mode.restype = ctypes.c_void_p
    lib.macgen_arith_new_mode.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int,
                                          ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
    lib.macgen_arith_free.argtypes = [ctypes.c_void_p]
    lib.macgen_arith_canonical.restype = ctypes.c_char_p
    lib.macgen_arith_canonical.argtypes = [ctypes.c_void_p]
    lib.macgen_arith_fits_float32.argtypes = [ctypes.c_void_p]
    dp = np.ctypeslib.ndpointer(dtype=np.float64, flags="C_CONTIGUOUS")
    up = np.ctypeslib.ndpointer(dtype=np.uint64, flags="C_CONTIGUOUS")
    lib.macgen_matmul.argtypes = [ctypes.c_void_p, dp, dp, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_size_t,
                                  ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                  ctypes.c_char_p, ctypes.c_size_t]
    del up
    return lib


_lib = None


def _library():
    global _lib
    if _lib is None:
        _lib = _load()
    return _lib


def _text(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


class Arith:
    """One arithmetic, configured once (cheap to reuse: matmul() caches them)."""

    def __init__(self, unit, mode=None, **params):
        lib = _library()
        pairs = ["%s=%s" % (k, _text(v)) for k, v in sorted(params.items())]
        arr = (ctypes.c_char_p * max(1, len(pairs)))(*[p.encode() for p in pairs])
        err = ctypes.create_string_buffer(1024)
        if mode is not None and (isinstance(mode, bool) or not isinstance(mode, int) or mode <= 0):
            raise MacgenError("mode=%r: an Accuracy Booster array's mode is 4 or 6" % (mode,))
        if mode is not None and mode > 2 ** 31 - 1:
            raise MacgenError("mode=%d: an Accuracy Booster array's mode is 4 or 6" % mode)
        self._h = lib.macgen_arith_new_mode(unit.encode(), arr, len(pairs), mode or 0, err, len(err))
        if not self._h:
            raise MacgenError(err.value.decode(errors="replace"))
        self.canonical = lib.macgen_arith_canonical(self._h).decode()
        self.fits_float32 = bool(lib.macgen_arith_fits_float32(self._h))

    def __del__(self):
        if getattr(self, "_h", None) and _lib is not None:
            _lib.macgen_arith_free(self._h)
            self._h = None

    def __call__(self, x, w, threads=None, stats=False, bits=False):
        x = np.ascontiguousarray(x, dtype=np.float64)
        w = np.ascontiguousarray(w, dtype=np.float64)
        if x.ndim != 2 or w.ndim != 2 or x.shape[1] != w.shape[0]:
            raise MacgenError("X is %s but W is %s: expected R x K and K x C" % (x.shape, w.shape))
        r, k = x.shape
        c = w.shape[1]
        y = np.empty((r, c), dtype=np.float64)
        yb = np.empty((r, c), dtype=np.uint64) if bits else None
        st = (ctypes.c_ulonglong * len(_STATS))() if stats else None
        err = ctypes.create_string_buffer(1024)
        rc = _library().macgen_matmul(self._h, x, w, r, k, c, int(threads or os.cpu_count() or 1),
                                      y.ctypes.data, yb.ctypes.data if bits else None,
                                      ctypes.addressof(st) if stats else None, err, len(err))
        if rc:
            raise MacgenError(err.value.decode(errors="replace"))
        out = yb if bits else (y.astype(np.float32) if self.fits_float32 else y)
        return (out, dict(zip(_STATS, list(st)))) if stats else out


_cache = {}


def matmul(x, w, arith, /, threads=None, stats=False, bits=False, mode=None, **params):
    """Y = X @ W with the arithmetic of unit `arith` and its key=value params
    (mode: an Accuracy Booster array's pass mode, 4 or 6)."""
    key = (arith, mode, tuple(sorted((k, _text(v)) for k, v in params.items())))
    a = _cache.get(key)
    if a is None:
        a = _cache[key] = Arith(arith, mode=mode, **params)
    return a(x, w, threads=threads, stats=stats, bits=bits)
