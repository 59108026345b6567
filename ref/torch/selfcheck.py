"""Self-check of the reference and of the committed fixtures (run from the repo root:
/usr/bin/python3 -B ref/torch/selfcheck.py). Exits non-zero if a check fails.

1. Finite differences (float64, central, h=1e-6) against autograd of models.py, every case.
2. functional.py (independent formulation, float64) recomputes each fixture from its JSON:
   loss, logits, user/item vectors, every gradient, running stats after one forward.
3. 20 SGD / 5 Adam steps redone in float64 with hand-written updates vs the float32 fixture losses
   (how far float32 rounding moves the trajectory: the TS side has the same freedom).
4. Smallest |BatchNorm output| seen before a ReLU over all those steps (a value near 0 could flip
   a ReLU gradient between implementations).
5. optimizers.json against the update formulas of docs/parity.md, in float64."""
import copy
import json
import math
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

import data  # noqa: E402
import functional as fn  # noqa: E402
import make_fixtures as mk  # noqa: E402
import models  # noqa: E402

FIX = mk.OUT_DIR
failures = []


def check(label, value, tol):
    ok = value <= tol
    print(f"  {label:<44} {value:.3e}  (tol {tol:g}) {'ok' if ok else 'FAIL'}")
    if not ok:
        failures.append(label)


def rel(a, b):
    return ((a - b).abs().max() / max(b.abs().max().item(), 1e-12)).item()


def finite_differences(stem, model_name, mode, T, extra, full):
    cfg = data.config(model_name, mode, T, extra)
    batch = {k: (v.double() if v.is_floating_point() else v) for k, v in data.case_batch(full, model_name, mode).items()}
    model = models.build(model_name, cfg, mk.MODEL_SEEDS[model_name]).double().train()
    model(batch, mode)["loss"].backward()
    worst, worst_abs, n = 0.0, 0.0, 0
    g = torch.Generator().manual_seed(5)
    for name, (p, _) in models.named_params(model).items():
        flat, grad = p.data.view(-1), p.grad.view(-1)
        picks = set(grad.abs().argsort(descending=True)[:4].tolist())
        picks |= set(torch.randint(0, flat.numel(), (2,), generator=g).tolist())
        for i in picks:
            old = flat[i].item()
            with torch.no_grad():
                flat[i] = old + 1e-6
                lp = model(batch, mode)["loss"].item()
                flat[i] = old - 1e-6
                lm = model(batch, mode)["loss"].item()
                flat[i] = old
            fd = (lp - lm) / 2e-6
            worst = max(worst, abs(fd - grad[i].item()) / max(abs(grad[i].item()), 1e-3))
            worst_abs = max(worst_abs, abs(fd - grad[i].item()))
            n += 1
    check(f"{stem}: finite diff rel ({n} entries, abs {worst_abs:.1e})", worst, 1e-6)


def fixture_params(fx, dtype=torch.float64):
    return {k: fn.load(v, dtype).requires_grad_(True) for k, v in fx["params"].items()}


def recompute(stem, fx):
    P = fixture_params(fx)
    loss, logits, u, v, stats = fn.forward(fx, P)
    loss.backward()
    check(f"{stem}: loss rel", abs(loss.item() - fx["loss"]) / abs(fx["loss"]), 1e-5)
    check(f"{stem}: logits rel", rel(logits.detach(), fn.load(fx["logits"])), 1e-5)
    check(f"{stem}: user_vec/item_vec rel", max(rel(u.detach(), fn.load(fx["user_vec"])),
                                                rel(v.detach(), fn.load(fx["item_vec"]))), 1e-5)
    zero = set(fx["zero_grad_params"])
    worst = max(rel(P[k].grad, fn.load(g)) for k, g in fx["grads"].items() if k not in zero)
    check(f"{stem}: grads rel (to tensor max)", worst, 1e-5)
    top = max(max(abs(x) for x in g["data"]) for g in fx["grads"].values())
    noise = max(max(P[k].grad.abs().max().item(), fn.load(fx["grads"][k]).abs().max().item()) for k in zero)
    check(f"{stem}: zero-grad biases, max |g| / max grad", noise / top, 1e-4)
    run = fn.running_after(fx, stats)
    worst = max(rel(run[k], fn.load(b)) for k, b in fx["buffers_after_step"].items()) if run else 0.0
    check(f"{stem}: running stats after step", worst, 1e-5)


def trajectory(stem, fx, dtype):
    """Hand-written SGD and coupled-weight-decay Adam from the fixture's initial params."""
    for kind, steps in (("sgd", 20), ("adam", 5)):
        hp, P = fx[kind], fixture_params(fx, dtype)
        m = {k: torch.zeros_like(p) for k, p in P.items()}
        s = {k: torch.zeros_like(p) for k, p in P.items()}
        worst = 0.0
        for t in range(1, steps + 1):
            loss = fn.forward(fx, P)[0]
            worst = max(worst, abs(loss.item() - hp["losses"][t - 1]) / abs(hp["losses"][t - 1]))
            grads = torch.autograd.grad(loss, list(P.values()))
            with torch.no_grad():
                for (k, p), gr in zip(P.items(), grads):
                    if kind == "sgd":
                        p -= hp["lr"] * gr
                        continue
                    gr = gr + hp["weight_decay"] * p
                    m[k] = 0.9 * m[k] + 0.1 * gr
                    s[k] = 0.999 * s[k] + 0.001 * gr * gr
                    denom = s[k].sqrt() / math.sqrt(1 - 0.999 ** t) + 1e-8
                    p -= hp["lr"] / (1 - 0.9 ** t) * m[k] / denom
        tag = str(dtype).replace("torch.", "")
        check(f"{stem}: {kind} losses, {tag} functional", worst, 1e-4 if kind == "sgd" else 1e-3)


def relu_margin(stem, model_name, mode, T, extra, full):
    cfg = data.config(model_name, mode, T, extra)
    batch = data.case_batch(full, model_name, mode)
    model = models.build(model_name, cfg, mk.MODEL_SEEDS[model_name]).train()
    seen = []
    for mlp in (model.user_mlp, model.item_mlp):
        for bn in (mlp.norms if mlp is not None else []):
            bn.register_forward_hook(lambda mod, inp, out: seen.append(out.detach().abs().min().item()))
    for opt_kind in ("sgd", "adam"):
        m = copy.deepcopy(model)
        opt = (torch.optim.SGD(m.parameters(), lr=mk.SGD_LR) if opt_kind == "sgd" else
               torch.optim.Adam(m.parameters(), lr=mk.ADAM_LR, weight_decay=mk.ADAM_WD))
        mk.train_losses(m, batch, mode, opt, mk.SGD_STEPS if opt_kind == "sgd" else mk.ADAM_STEPS)
    print(f"  {stem + ': min |BN output| before ReLU':<44} {min(seen):.3e}")


def optimizers(dtype):
    """Update formulas of docs/parity.md; metric: max |ours - torch| / max(1, |torch|), params and state."""
    fx = json.load(open(os.path.join(FIX, "optimizers.json")))
    tag = str(dtype).replace("torch.", "")
    for case in fx["cases"]:
        hp, name = case["hparams"], case["name"]
        P = {k: fn.load(v, dtype) for k, v in fx["params_init"].items()}
        st = {k: {"m": torch.zeros_like(p), "v": torch.zeros_like(p), "buf": None, "sum": torch.zeros_like(p)}
              for k, p in P.items()}
        worst = 0.0

        def diff(a, ref):
            b = fn.load(ref)
            return ((a.double() - b).abs() / b.abs().clamp_min(1.0)).max().item()

        for t, (grads, rec) in enumerate(zip(fx["grads"], case["steps"]), start=1):
            G = {k: fn.load(g, dtype) for k, g in grads.items()}
            if "clip" in case:
                total = torch.stack([g.norm() for g in G.values()]).norm()
                coef = (case["clip"]["max_norm"] / (total + 1e-6)).clamp(max=1.0)
                G = {k: g * coef for k, g in G.items()}
                worst = max(worst, abs(total.item() - rec["total_norm"]) / rec["total_norm"])
            for k in P:
                p, g, s = P[k], G[k], st[k]
                if name in ("adam", "adamw"):
                    if name == "adam":
                        g = g + hp["weight_decay"] * p
                    else:
                        p = p * (1 - hp["lr"] * hp["weight_decay"])
                    s["m"] = s["m"] * 0.9 + g * (1 - 0.9)
                    s["v"] = s["v"] * 0.999 + g * g * (1 - 0.999)
                    denom = s["v"].sqrt() / math.sqrt(1 - 0.999 ** t) + hp["eps"]
                    p = p + (-hp["lr"] / (1 - 0.9 ** t)) * (s["m"] / denom)
                    state = {"exp_avg": s["m"], "exp_avg_sq": s["v"]}
                elif name == "adagrad":
                    s["sum"] = s["sum"] + g * g
                    p = p + (-hp["lr"]) * (g / (s["sum"].sqrt() + hp["eps"]))
                    state = {"sum": s["sum"]}
                else:
                    g = g + hp.get("weight_decay", 0.0) * p
                    if hp.get("momentum", 0.0):
                        s["buf"] = g.clone() if s["buf"] is None else s["buf"] * hp["momentum"] + g
                        g = s["buf"]
                    p = p + (-hp["lr"]) * g
                    state = {"momentum_buffer": s["buf"]} if s["buf"] is not None else {}
                P[k] = p
                worst = max(worst, diff(p, rec["params"][k]))
                for sk, sv in state.items():
                    worst = max(worst, diff(sv, rec["state"][k][sk]))
                    if rec["state"][k].get("step", t) != t:
                        worst = math.inf
        check(f"optimizers/{name} ({tag})", worst, 1e-6)


def main():
    torch.set_num_threads(1)
    full = data.make_batch(mk.BATCH_SEED)
    for stem, model_name, mode, T, extra in data.CASES:
        print(stem)
        fx = json.load(open(os.path.join(FIX, f"{stem}.json")))
        finite_differences(stem, model_name, mode, T, extra, full)
        recompute(stem, fx)
        trajectory(stem, fx, torch.float64)
        trajectory(stem, fx, torch.float32)
        relu_margin(stem, model_name, mode, T, extra, full)
    print("optimizers")
    optimizers(torch.float64)
    optimizers(torch.float32)
    print("FAILED: " + ", ".join(failures) if failures else "all checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
