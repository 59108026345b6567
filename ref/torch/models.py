"""Reference PyTorch models for rech parity fixtures (written from shared/spec, rech's *fixed* math).

Four models: DSSM, FaceBookDSSM, YoutubeDNN, YoutubeSBC. Every model exposes
    forward(batch, mode) -> dict(loss, logits, user_vec, item_vec)
where batch maps column names to tensors (ids int64, dense float32).

Fixed math (see docs/parity.md):
  * one embedding table per owning feature; hist_item_id / neg_item_id read item_id's table,
    neg_cate_id reads cate_id's table;
  * mean pooling masks id 0: sum over ids != 0 divided by max(count, 1);
  * MLP layer = Linear -> BatchNorm1d (train mode) -> ReLU (dropout 0);
  * l2n(x) = x / max(||x||, eps), eps 1e-12 (1e-8 for YoutubeSBC's cosine);
  * temperature always applied; stable BCE / softplus / log-softmax losses.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def l2n(x, eps=1e-12):
    return x / x.norm(dim=-1, keepdim=True).clamp_min(eps)


def masked_mean(table, ids):
    """Mean of table rows over the ids != 0 of each row of ids (B,L) -> (B,D)."""
    e = table(ids)
    m = (ids != 0).to(e.dtype).unsqueeze(-1)
    count = m.sum(dim=1).clamp_min(1.0)
    return (e * m).sum(dim=1) / count


class MLP(nn.Module):
    """dims=[h1..hm]: each layer Linear -> BatchNorm1d -> ReLU; output is post-activation."""

    def __init__(self, d_in, dims):
        super().__init__()
        self.linears = nn.ModuleList()
        self.norms = nn.ModuleList()
        for h in dims:
            self.linears.append(nn.Linear(d_in, h))
            self.norms.append(nn.BatchNorm1d(h, eps=1e-5, momentum=0.1))
            d_in = h

    def forward(self, x):
        for lin, bn in zip(self.linears, self.norms):
            x = torch.relu(bn(lin(x)))
        return x


class TwoTower(nn.Module):
    """Shared parts: embedding tables, the user input (user_id, gender, pooled history), MLPs."""

    def __init__(self, cfg, item_mlp=True):
        super().__init__()
        d = cfg["D"]
        self.T = cfg["T"]
        self.tables = nn.ModuleDict()
        for name in self.owned_tables():
            self.tables[name] = nn.Embedding(cfg["vocab"][name], d)
        self.user_mlp = MLP(3 * d, cfg["user_dims"])
        self.item_mlp = MLP(2 * d, cfg["item_dims"]) if item_mlp else None

    def owned_tables(self):
        return ["user_id", "gender", "item_id", "cate_id"]

    def user_input(self, b):
        t = self.tables
        return torch.cat([t["user_id"](b["user_id"]), t["gender"](b["gender"]),
                          masked_mean(t["item_id"], b["hist_item_id"])], dim=1)

    def item_input(self, item_ids, cate_ids):
        return torch.cat([self.tables["item_id"](item_ids), self.tables["cate_id"](cate_ids)], dim=1)


def in_batch_loss(u, v, T, mode):
    """Square in-batch score matrix s = U V^T / T; mode 2: softmax CE (target = diagonal);
    mode 1: BPR over every off-diagonal pair (i, j != i)."""
    s = u @ v.t() / T
    n = s.shape[0]
    if mode == 2:
        return F.cross_entropy(s, torch.arange(n)), s
    if mode == 1:
        diff = s.diagonal().unsqueeze(1) - s             # diff[i,j] = s_ii - s_ij
        off = ~torch.eye(n, dtype=torch.bool)
        return F.softplus(-diff[off]).mean(), s
    raise ValueError(f"in-batch mode {mode} not supported")


class DSSM(TwoTower):
    def user_tower(self, b):
        return l2n(self.user_mlp(self.user_input(b)))

    def item_tower(self, b):
        return l2n(self.item_mlp(self.item_input(b["item_id"], b["cate_id"])))

    def forward(self, b, mode):
        u, v = self.user_tower(b), self.item_tower(b)
        if mode == 0:
            logits = (u * v).sum(dim=1) / self.T
            loss = F.binary_cross_entropy_with_logits(logits, b["label"])
        else:
            loss, logits = in_batch_loss(u, v, self.T, mode)
        return dict(loss=loss, logits=logits, user_vec=u, item_vec=v)


class FaceBookDSSM(TwoTower):
    """Pair-wise: one sampled negative per row, embedded with the positive's tables."""

    def user_tower(self, b):
        return l2n(self.user_mlp(self.user_input(b)))

    def item_vec(self, item_ids, cate_ids):
        return l2n(self.item_mlp(self.item_input(item_ids, cate_ids)))

    def forward(self, b, mode):
        assert mode == 1
        u = self.user_tower(b)
        v_pos = self.item_vec(b["item_id"], b["cate_id"])            # first MLP call (BN stats #1)
        v_neg = self.item_vec(b["neg_item_id"][:, 0], b["neg_cate_id"][:, 0])  # second call (#2)
        s_pos = (u * v_pos).sum(dim=1) / self.T
        s_neg = (u * v_neg).sum(dim=1) / self.T
        loss = F.softplus(-(s_pos - s_neg)).mean()
        logits = torch.stack([s_pos, s_neg], dim=1)
        return dict(loss=loss, logits=logits, user_vec=u, item_vec=v_pos)


class YoutubeDNN(TwoTower):
    """List-wise with sampled negatives; the item vector is the normalised id embedding."""

    def __init__(self, cfg):
        super().__init__(cfg, item_mlp=False)

    def owned_tables(self):
        return ["user_id", "gender", "item_id"]

    def user_tower(self, b):
        return l2n(self.user_mlp(self.user_input(b)))

    def forward(self, b, mode):
        assert mode == 2
        u = self.user_tower(b)                                        # (B,D)
        v_pos = l2n(self.tables["item_id"](b["item_id"]))             # (B,D)
        v_neg = l2n(self.tables["item_id"](b["neg_item_id"]))         # (B,N,D)
        cand = torch.cat([v_pos.unsqueeze(1), v_neg], dim=1)          # (B,1+N,D)
        logits = (cand * u.unsqueeze(1)).sum(dim=2) / self.T
        target = torch.zeros(logits.shape[0], dtype=torch.long)
        loss = F.cross_entropy(logits, target)
        return dict(loss=loss, logits=logits, user_vec=u, item_vec=v_pos)


class YoutubeSBC(TwoTower):
    """In-batch softmax over the full B x B matrix with logQ correction after the temperature."""

    def user_tower(self, b):
        return self.user_mlp(self.user_input(b))

    def item_tower(self, b):
        return self.item_mlp(self.item_input(b["item_id"], b["cate_id"]))

    def forward(self, b, mode):
        assert mode == 2
        u, v = self.user_tower(b), self.item_tower(b)                 # raw, (B,d)
        cos = l2n(u, 1e-8) @ l2n(v, 1e-8).t()                         # (B,B)
        logits = cos / self.T - b["item_logq"].unsqueeze(0)           # column j corrected by logq_j
        loss = F.cross_entropy(logits, torch.arange(logits.shape[0]))
        return dict(loss=loss, logits=logits, user_vec=u, item_vec=v)


MODELS = {"DSSM": DSSM, "FaceBookDSSM": FaceBookDSSM, "YoutubeDNN": YoutubeDNN, "YoutubeSBC": YoutubeSBC}


def build(model_name, cfg, seed):
    """Deterministic init: torch default Linear init, BN gamma=1 beta=0, embeddings N(0, emb_std)."""
    torch.manual_seed(seed)
    model = MODELS[model_name](cfg)
    with torch.no_grad():
        for name in model.tables:
            model.tables[name].weight.normal_(0.0, cfg["emb_std"])
    return model


def named_params(model):
    """rech names -> (torch tensor, transpose?) ; Linear weights are exported in (in, out) orientation."""
    out = {}
    for name in model.tables:
        out[f"emb.{name}"] = (model.tables[name].weight, False)
    for side, mlp in (("user", model.user_mlp), ("item", model.item_mlp)):
        if mlp is None:
            continue
        for k, (lin, bn) in enumerate(zip(mlp.linears, mlp.norms)):
            p = f"{side}.mlp.{k}"
            out[f"{p}.w"] = (lin.weight, True)
            out[f"{p}.b"] = (lin.bias, False)
            out[f"{p}.bn.gamma"] = (bn.weight, False)
            out[f"{p}.bn.beta"] = (bn.bias, False)
    return out


def named_buffers(model):
    out = {}
    for side, mlp in (("user", model.user_mlp), ("item", model.item_mlp)):
        if mlp is None:
            continue
        for k, bn in enumerate(mlp.norms):
            out[f"{side}.mlp.{k}.bn.mean"] = bn.running_mean
            out[f"{side}.mlp.{k}.bn.var"] = bn.running_var
    return out
