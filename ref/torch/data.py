"""The fixed fixture batch and per-case configuration (deterministic, seeded)."""
import torch

B, D, L = 8, 8, 5
VOCAB = {"user_id": 20, "gender": 4, "item_id": 30, "cate_id": 6}
# leading zeros (pre-padding) per history row: full rows, partial rows,
# row 2 is all-but-one padded, row 6 is fully padded (pooled vector must be 0, not NaN).
HIST_PADS = [0, 2, 4, 0, 1, 3, 5, 0]
LABELS = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]

# (file stem, model, mode, temperature, extra config)
CASES = [
    ("dssm_mode0", "DSSM", 0, 0.5, {"in_batch_neg": False, "loss": "bce_with_logits"}),
    ("dssm_mode1", "DSSM", 1, 0.5, {"in_batch_neg": True, "loss": "bpr_all_offdiagonal"}),
    ("dssm_mode2", "DSSM", 2, 0.5, {"in_batch_neg": True, "loss": "softmax_ce_diagonal"}),
    ("facebookdssm_mode1", "FaceBookDSSM", 1, 0.5, {"in_batch_neg": False, "N": 1, "loss": "bpr"}),
    ("youtubednn_mode2", "YoutubeDNN", 2, 0.2, {"in_batch_neg": False, "N": 3, "loss": "softmax_ce_target0"}),
    ("youtubesbc_mode2", "YoutubeSBC", 2, 0.2, {"in_batch_neg": True, "loss": "softmax_ce_diagonal_logq"}),
]

INPUTS = {
    "DSSM0": ["user_id", "gender", "hist_item_id", "item_id", "cate_id", "label"],
    "DSSM": ["user_id", "gender", "hist_item_id", "item_id", "cate_id"],
    "FaceBookDSSM": ["user_id", "gender", "hist_item_id", "item_id", "cate_id", "neg_item_id", "neg_cate_id"],
    "YoutubeDNN": ["user_id", "gender", "hist_item_id", "item_id", "neg_item_id"],
    "YoutubeSBC": ["user_id", "gender", "hist_item_id", "item_id", "cate_id", "item_logq"],
}


def config(model, mode, T, extra):
    cfg = {"B": B, "D": D, "L": L, "vocab": dict(VOCAB), "T": T,
           "user_dims": [16, 8], "item_dims": [] if model == "YoutubeDNN" else [16, 8],
           "activation": "relu", "dropout": 0.0, "bn_eps": 1e-5, "bn_momentum": 0.1,
           "emb_std": 0.1, "pooling": "mean_masked", "l2n_eps": 1e-8 if model == "YoutubeSBC" else 1e-12}
    cfg.update(extra)
    return cfg


def make_batch(seed=1234):
    """All id columns drawn from [1, vocab) (0 is padding; 1 = unseen bucket appears by chance).
    Repeated user and item ids are forced so embedding-gradient accumulation is exercised."""
    g = torch.Generator().manual_seed(seed)

    def ids(vocab, *shape):
        return torch.randint(1, vocab, shape, generator=g)

    user_id = ids(VOCAB["user_id"], B)
    user_id[7] = user_id[2]
    gender = ids(VOCAB["gender"], B)
    item_cate = ids(VOCAB["cate_id"], VOCAB["item_id"])      # each item has one category
    item_id = ids(VOCAB["item_id"], B)
    item_id[5] = item_id[1]
    hist = ids(VOCAB["item_id"], B, L)
    hist[0, 2] = item_id[0]                                   # history overlaps the positives
    for r, pads in enumerate(HIST_PADS):
        hist[r, :pads] = 0
    neg3 = ids(VOCAB["item_id"], B, 3)
    clash = neg3 == item_id.unsqueeze(1)                      # a sampled negative is never the positive
    while clash.any():
        neg3 = torch.where(clash, neg3 % (VOCAB["item_id"] - 1) + 1, neg3)
        clash = neg3 == item_id.unsqueeze(1)
    # item_logq: one ln(p) per item id (random negative values), looked up per row
    logq_table = -(1.0 + 4.0 * torch.rand(VOCAB["item_id"], generator=g))
    return {
        "user_id": user_id, "gender": gender, "hist_item_id": hist,
        "item_id": item_id, "cate_id": item_cate[item_id],
        "label": torch.tensor(LABELS, dtype=torch.float32),
        "neg_item_id": neg3, "neg_cate_id": item_cate[neg3],
        "item_logq": logq_table[item_id].to(torch.float32),
    }


def case_batch(full, model, mode):
    names = INPUTS["DSSM0"] if (model == "DSSM" and mode == 0) else INPUTS[model]
    b = {k: full[k] for k in names}
    if model == "FaceBookDSSM":                               # pair-wise: one negative, shape (B,1)
        b["neg_item_id"] = full["neg_item_id"][:, :1].clone()
        b["neg_cate_id"] = full["neg_cate_id"][:, :1].clone()
    return b
