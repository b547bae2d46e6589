"""Held-out stacking: does the fine-tuned cross-encoder add to v3? On ft.py's held-out rows (20 % of source groups),
a logistic regression over [logit v3 hallucination probability (its grouped-CV, out-of-fold confidence), logit of the
fine-tuned response head, logit of its max token head] is fitted and scored by grouped 5-fold CV *within* those rows
(folds by ragtruth_source_id), against v3 alone on the same rows. Prints AUROC (bootstrap 95 % CI over groups),
AUROC within answer-length quintiles, balanced accuracy at the best threshold and TPR at FPR 6 %.
Usage: stack.py PRED.tsv V3_DUMP.tsv   (numpy only)"""
import csv
import random
import sys

import numpy as np


def auroc(s, y):
    s, y = np.asarray(s, float), np.asarray(y, int)
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    ss = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and ss[j + 1] == ss[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = y.sum()
    neg = len(y) - pos
    return (ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg)


def tpr_at_fpr(s, y, fpr=0.06):
    s, y = np.asarray(s), np.asarray(y)
    thr = np.quantile(s[y == 0], 1 - fpr)
    return float((s[y == 1] > thr).mean())


def best_ba(s, y):
    s, y = np.asarray(s), np.asarray(y)
    best = 0.0
    for t in np.unique(s):
        p = s >= t
        best = max(best, 0.5 * ((p & (y == 1)).sum() / (y == 1).sum() + (~p & (y == 0)).sum() / (y == 0).sum()))
    return best


def logit(p):
    p = np.clip(np.asarray(p, float), 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


def fit(X, y, l2=1.0, iters=50):
    X = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(X.shape[1])
    for _ in range(iters):  # Newton / IRLS with a small ridge
        p = 1 / (1 + np.exp(-X @ w))
        g = X.T @ (p - y) + l2 * np.r_[w[:-1], 0]
        H = (X * (p * (1 - p))[:, None]).T @ X + l2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(H, g)
    return w


def predict(w, X):
    return 1 / (1 + np.exp(-(np.hstack([X, np.ones((len(X), 1))]) @ w)))


pred = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
dump = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
y, v3, ft, tk, length, group = [], [], [], [], [], []
for p in pred:
    d = dump[int(p["row"])]
    assert d["group"] == p["group"] and int(d["label"]) == int(p["label"]), (p, d)
    y.append(int(p["label"]))
    v3.append(1 - float(d["cv_confidence"]))
    ft.append(float(p["p_response"]))
    tk.append(float(p["p_token_max"]))
    length.append(int(d["length"]))
    group.append(p["group"])
y, length = np.array(y), np.array(length)
groups = sorted(set(group))
random.Random(13).shuffle(groups)
fold_of = {g: k % 5 for k, g in enumerate(groups)}
fold = np.array([fold_of[g] for g in group])


def cv(X):
    out = np.zeros(len(y))
    for f in range(5):
        w = fit(X[fold != f], y[fold != f])
        out[fold == f] = predict(w, X[fold == f])
    return out


variants = {
    "v3 alone (grouped-CV confidence)": np.array(v3),
    "fine-tuned response head alone": np.array(ft),
    "stack: v3 + response head": cv(np.c_[logit(v3), logit(ft)]),
    "stack: v3 + response + token heads": cv(np.c_[logit(v3), logit(ft), logit(tk)]),
}
by_group = {g: np.where(np.array(group) == g)[0] for g in groups}
rnd = random.Random(5)
boots = [np.concatenate([by_group[rnd.choice(groups)] for _ in groups]) for _ in range(500)]
edges = np.quantile(length, [0.2, 0.4, 0.6, 0.8])
quint = np.searchsorted(edges, length, side="right")
print(f"held-out rows {len(y)} ({y.sum()} hallucinated) from {len(groups)} source groups; stacks by grouped 5-fold CV")
for name, s in variants.items():
    bs = sorted(auroc(s[b], y[b]) for b in boots)
    qs = [auroc(s[quint == q], y[quint == q]) for q in range(5)]
    print(f"  {name:38s} AUROC {auroc(s, y):.3f} (95% CI {bs[12]:.3f}-{bs[487]:.3f})  min quintile {min(qs):.3f}  "
          f"best BA {best_ba(s, y) * 100:.1f} %  TPR@FPR6 {tpr_at_fpr(s, y) * 100:.1f} %")
