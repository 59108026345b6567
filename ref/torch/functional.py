"""A second, module-free formulation of the same math, driven only by a fixture's JSON (rech names,
(in,out) weights). Used by selfcheck.py to cross-check models.py and the JSON round trip, in float64.
Deliberately written differently: explicit BatchNorm formulas, per-row pooling loop, hand-written losses."""
import torch


def load(t, dtype=torch.float64):
    return torch.tensor(t["data"], dtype=dtype).reshape(t["shape"])


def ids(t):
    return torch.tensor(t["data"], dtype=torch.long).reshape(t["shape"])


def unit(x, eps):
    n = torch.sqrt((x * x).sum(-1, keepdim=True))
    return x / torch.maximum(n, torch.full_like(n, eps))


def pool_mean(table, hist):
    rows = []
    for r in range(hist.shape[0]):
        real = [int(i) for i in hist[r] if int(i) != 0]
        acc = torch.zeros(table.shape[1], dtype=table.dtype)
        for i in real:
            acc = acc + table[i]
        rows.append(acc / max(len(real), 1))
    return torch.stack(rows)


def mlp(P, prefix, x, stats, B):
    k = 0
    while f"{prefix}.{k}.w" in P:
        h = x @ P[f"{prefix}.{k}.w"] + P[f"{prefix}.{k}.b"]
        mu = h.sum(0) / B
        var = ((h - mu) ** 2).sum(0) / B                         # biased, used to normalise
        stats.append((f"{prefix}.{k}.bn", mu.detach(), (var * B / (B - 1)).detach()))  # unbiased -> running
        hn = (h - mu) / torch.sqrt(var + 1e-5)
        x = torch.clamp(hn * P[f"{prefix}.{k}.bn.gamma"] + P[f"{prefix}.{k}.bn.beta"], min=0.0)
        k += 1
    return x


def softplus(z):
    return torch.clamp(z, min=0.0) + torch.log1p(torch.exp(-z.abs()))


def ce(logits, target):
    m = logits.max(dim=1, keepdim=True).values
    lse = m.squeeze(1) + torch.log(torch.exp(logits - m).sum(1))
    return (lse - logits[torch.arange(logits.shape[0]), target]).mean()


def forward(fx, P):
    """Returns loss, logits, user_vec, item_vec and the BN batch stats of every MLP call in order."""
    I, cfg, mode = fx["inputs"], fx["config"], fx["mode"]
    B, T = cfg["B"], cfg["T"]
    E = {k[4:]: v for k, v in P.items() if k.startswith("emb.")}
    stats = []
    u_in = torch.cat([E["user_id"][ids(I["user_id"])], E["gender"][ids(I["gender"])],
                      pool_mean(E["item_id"], ids(I["hist_item_id"]))], dim=1)

    def item(item_ids, cate_ids):
        return mlp(P, "item.mlp", torch.cat([E["item_id"][item_ids], E["cate_id"][cate_ids]], 1), stats, B)

    name = fx["model"]
    if name == "YoutubeSBC":
        u = mlp(P, "user.mlp", u_in, stats, B)
        v = item(ids(I["item_id"]), ids(I["cate_id"]))
        logits = unit(u, 1e-8) @ unit(v, 1e-8).t() / T - load(I["item_logq"]).reshape(1, B)
        return ce(logits, torch.arange(B)), logits, u, v, stats
    u = unit(mlp(P, "user.mlp", u_in, stats, B), 1e-12)
    if name == "YoutubeDNN":
        v = unit(E["item_id"][ids(I["item_id"])], 1e-12)
        vn = unit(E["item_id"][ids(I["neg_item_id"])], 1e-12)
        logits = torch.cat([(u * v).sum(1, keepdim=True), torch.einsum("bd,bnd->bn", u, vn)], 1) / T
        return ce(logits, torch.zeros(B, dtype=torch.long)), logits, u, v, stats
    v = unit(item(ids(I["item_id"]), ids(I["cate_id"])), 1e-12)
    if name == "FaceBookDSSM":
        vn = unit(item(ids(I["neg_item_id"]).reshape(B), ids(I["neg_cate_id"]).reshape(B)), 1e-12)
        sp, sn = (u * v).sum(1) / T, (u * vn).sum(1) / T
        return softplus(sn - sp).mean(), torch.stack([sp, sn], 1), u, v, stats
    if mode == 0:
        z, y = (u * v).sum(1) / T, load(I["label"])
        return (softplus(z) - z * y).mean(), z, u, v, stats        # BCE with logits
    S = u @ v.t() / T
    if mode == 2:
        return ce(S, torch.arange(B)), S, u, v, stats
    terms = [softplus(S[i, j] - S[i, i]) for i in range(B) for j in range(B) if j != i]
    return torch.stack(terms).mean(), S, u, v, stats


def running_after(fx, stats, momentum=0.1):
    """Running stats after the forward: calls update in order (FaceBookDSSM's item BN twice)."""
    run = {k: load(v) for k, v in fx["buffers"].items()}
    for prefix, mu, var in stats:
        run[f"{prefix}.mean"] = (1 - momentum) * run[f"{prefix}.mean"] + momentum * mu
        run[f"{prefix}.var"] = (1 - momentum) * run[f"{prefix}.var"] + momentum * var
    return run
