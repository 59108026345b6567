"""optimizers.json: torch 1.13 optimizer updates on two fixed parameters with five fixed gradients."""
import torch

import jsonio

SHAPES = {"p0": [5], "p1": [3, 4]}
STEPS = 5
# scale of each step's gradient: global norms straddle 1.0 so the clipping case takes both branches
GRAD_SCALES = [1.0, 0.05, 0.5, 0.02, 2.0]

CASES = [
    ("adam", "Adam", dict(lr=1e-2, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2), None),
    ("adamw", "AdamW", dict(lr=1e-2, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2), None),
    ("sgd_momentum", "SGD", dict(lr=0.1, momentum=0.9, dampening=0.0, nesterov=False, weight_decay=1e-3), None),
    ("sgd", "SGD", dict(lr=0.1), None),
    ("adagrad", "Adagrad", dict(lr=0.1, lr_decay=0.0, eps=1e-10, initial_accumulator_value=0.0,
                                weight_decay=0.0), None),
    ("clip_sgd", "SGD", dict(lr=0.1), 1.0),
]
STATE_KEYS = ["step", "exp_avg", "exp_avg_sq", "momentum_buffer", "sum"]


def fixed_values(seed=77):
    g = torch.Generator().manual_seed(seed)
    init = {n: torch.randn(s, generator=g) for n, s in SHAPES.items()}
    grads = []
    for k in range(STEPS):
        step = {n: torch.randn(s, generator=g) * GRAD_SCALES[k] for n, s in SHAPES.items()}
        grads.append(step)
    grads[2]["p0"][1] = 0.0                                  # an exact zero gradient entry
    grads[3]["p1"][0, 0] = 0.0
    return init, grads


def state_json(state):
    out = {}
    for key in STATE_KEYS:
        v = state.get(key)
        if v is None:
            continue
        out[key] = int(v.item()) if key == "step" else jsonio.tensor(v)
    return out


def run_case(name, opt_name, hp, clip, init, grads):
    params = {n: torch.nn.Parameter(t.clone()) for n, t in init.items()}
    opt = getattr(torch.optim, opt_name)(list(params.values()), **hp)
    steps = []
    for g in grads:
        for n, p in params.items():
            p.grad = g[n].clone()
        rec = {}
        if clip is not None:
            total = torch.nn.utils.clip_grad_norm_(list(params.values()), max_norm=clip)
            rec["total_norm"] = jsonio.f32(total.item())
            rec["clipped_grads"] = {n: jsonio.tensor(p.grad) for n, p in params.items()}
        opt.step()
        rec["params"] = {n: jsonio.tensor(p) for n, p in params.items()}
        rec["state"] = {n: state_json(opt.state[p]) for n, p in params.items()}
        steps.append(rec)
    hparams = {k: (list(v) if isinstance(v, tuple) else v) for k, v in hp.items()}
    case = {"name": name, "optimizer": opt_name, "hparams": hparams, "steps": steps}
    if clip is not None:
        case["clip"] = {"max_norm": clip, "norm_type": 2.0, "eps": 1e-6}
    return case


def build():
    init, grads = fixed_values()
    return {
        "torch_version": torch.__version__,
        "params_init": {n: jsonio.tensor(t) for n, t in init.items()},
        "grads": [{n: jsonio.tensor(t) for n, t in g.items()} for g in grads],
        "cases": [run_case(name, o, hp, clip, init, grads) for name, o, hp, clip in CASES],
    }
