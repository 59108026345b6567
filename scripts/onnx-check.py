#!/usr/bin/python3
"""Run the official ONNX checker (full_check=True) on each file given; one line per file; exit 1 on any failure."""
import sys


def main(paths):
    try:
        import onnx
    except ImportError as e:
        print(f"onnx-check: cannot import onnx ({e}); install python3-onnx", file=sys.stderr)
        return 2
    if not paths:
        print("usage: onnx-check.py FILE.onnx...", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            print(f"ok {path} (ir_version {model.ir_version}, opset {model.opset_import[0].version}, "
                  f"{len(model.graph.node)} nodes)")
        except Exception as e:  # the checker raises several exception types
            failed += 1
            message = " ".join(str(e).split())
            print(f"FAIL {path}: {type(e).__name__}: {message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
