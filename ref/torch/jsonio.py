"""JSON helpers: float32 values are written with the shortest decimal that round-trips to the same
float32 (so Math.fround(JSON value) in TypeScript recovers the exact float32 bits)."""
import json
import math

import numpy as np
import torch


def f32(x):
    v = np.float32(x)
    if not math.isfinite(float(v)):
        raise ValueError(f"non-finite value {v}")
    return float(str(v))            # str(np.float32) is the shortest round-trip form


def tensor(t, transpose=False, dtype=None):
    t = t.detach()
    if transpose:
        t = t.t()
    t = t.contiguous()
    if t.dtype in (torch.int32, torch.int64):
        out = {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()]}
        if dtype:
            out["dtype"] = "int32"
        return out
    t = t.to(torch.float32)
    out = {"shape": list(t.shape), "data": [f32(v) for v in t.reshape(-1).tolist()]}
    if dtype:
        out["dtype"] = "float32"
    return out


def _emit(obj, indent, level):
    pad = " " * (indent * level)
    inner = " " * (indent * (level + 1))
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{inner}{_scalar(k)}: {_emit(v, indent, level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(not isinstance(v, (dict, list)) for v in obj):
            return "[" + ",".join(_scalar(v) for v in obj) + "]"      # flat lists stay on one line
        items = [f"{inner}{_emit(v, indent, level + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return _scalar(obj)


def _scalar(v):
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError("non-finite number in fixture")
    return json.dumps(v)


def write(path, obj):
    with open(path, "w") as f:
        f.write(_emit(obj, 1, 0) + "\n")
