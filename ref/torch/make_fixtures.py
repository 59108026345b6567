"""Generate test/fixtures/parity/*.json (run from the repo root: /usr/bin/python3 -B ref/torch/make_fixtures.py).

Deterministic: fixed seeds, float32 everywhere, single thread. See docs/parity.md for the schema."""
import copy
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

import data  # noqa: E402
import jsonio  # noqa: E402
import models  # noqa: E402
import optim_fixture  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "fixtures", "parity")
BATCH_SEED = 1234
MODEL_SEEDS = {"DSSM": 11, "FaceBookDSSM": 12, "YoutubeDNN": 13, "YoutubeSBC": 14}
SGD_LR, SGD_STEPS = 0.05, 20
ADAM_LR, ADAM_WD, ADAM_STEPS = 0.01, 1e-4, 5


def params_json(model):
    return {n: jsonio.tensor(p, tr) for n, (p, tr) in models.named_params(model).items()}


def grads_json(model):
    return {n: jsonio.tensor(p.grad, tr) for n, (p, tr) in models.named_params(model).items()}


def buffers_json(model):
    return {n: jsonio.tensor(b) for n, b in models.named_buffers(model).items()}


def train_losses(model, batch, mode, opt, steps):
    """Loss recorded before each step; every step is forward (train mode) -> backward -> update."""
    losses = []
    for _ in range(steps):
        out = model(batch, mode)
        losses.append(jsonio.f32(out["loss"].item()))
        opt.zero_grad()
        out["loss"].backward()
        opt.step()
    return losses


def make_case(stem, model_name, mode, T, extra, full_batch):
    cfg = data.config(model_name, mode, T, extra)
    batch = data.case_batch(full_batch, model_name, mode)
    model = models.build(model_name, cfg, MODEL_SEEDS[model_name]).train()
    init = copy.deepcopy(model)

    fixture = {"model": model_name, "mode": mode, "config": dict(cfg, seed=MODEL_SEEDS[model_name],
                                                                  batch_seed=BATCH_SEED),
               "inputs": {k: jsonio.tensor(v, dtype=True) for k, v in batch.items()},
               "params": params_json(model), "buffers": buffers_json(model)}

    out = model(batch, mode)
    out["loss"].backward()
    fixture["loss"] = jsonio.f32(out["loss"].item())
    fixture["grads"] = grads_json(model)
    # Linear biases feeding a train-mode BatchNorm: exact gradient 0 (BN removes the batch mean);
    # the stored values are float32 rounding noise, compare them with an absolute tolerance.
    fixture["zero_grad_params"] = [n for n in fixture["params"] if n.endswith(".b")]
    fixture["buffers_after_step"] = buffers_json(model)
    fixture["logits"] = jsonio.tensor(out["logits"])

    m = copy.deepcopy(init)
    fixture["sgd"] = {"lr": SGD_LR, "losses": train_losses(
        m, batch, mode, torch.optim.SGD(m.parameters(), lr=SGD_LR), SGD_STEPS)}
    m = copy.deepcopy(init)
    fixture["adam"] = {"lr": ADAM_LR, "weight_decay": ADAM_WD, "betas": [0.9, 0.999], "eps": 1e-8,
                       "losses": train_losses(m, batch, mode, torch.optim.Adam(
                           m.parameters(), lr=ADAM_LR, weight_decay=ADAM_WD), ADAM_STEPS)}
    fixture["user_vec"] = jsonio.tensor(out["user_vec"])
    fixture["item_vec"] = jsonio.tensor(out["item_vec"])
    path = os.path.join(OUT_DIR, f"{stem}.json")
    jsonio.write(path, fixture)
    return path, fixture


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float32)
    os.makedirs(OUT_DIR, exist_ok=True)
    full_batch = data.make_batch(BATCH_SEED)
    for stem, model_name, mode, T, extra in data.CASES:
        path, fx = make_case(stem, model_name, mode, T, extra, full_batch)
        print(f"{os.path.relpath(path)}: loss {fx['loss']:.6f}  sgd {fx['sgd']['losses'][0]:.4f}"
              f" -> {fx['sgd']['losses'][-1]:.4f}  adam -> {fx['adam']['losses'][-1]:.4f}"
              f"  ({os.path.getsize(path)} bytes)")
    path = os.path.join(OUT_DIR, "optimizers.json")
    jsonio.write(path, optim_fixture.build())
    print(f"{os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
