"""Held-out comparison: the fine-tuned model's scores (ft.py's OUT.tsv) against v3's grouped-CV confidence and the served
v3 signals from `bench/eval.sh ... --dump` (same file, rows in file order), on the same rows. Prints AUROC (label 1 =
hallucinated; v3 enters as 1 - confidence) with a bootstrap 95 % interval over source groups, and two combinations.
Usage: compare.py PRED.tsv V3_DUMP.tsv"""
import csv
import random
import sys


def auroc(scores, labels):
    pairs = sorted(zip(scores, labels))
    ranks, i = [0.0] * len(pairs), 0
    while i < len(pairs):
        j = i
        while j + 1 < len(pairs) and pairs[j + 1][0] == pairs[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(l for _, l in pairs)
    neg = len(pairs) - pos
    return (sum(r for r, (_, l) in zip(ranks, pairs) if l) - pos * (pos + 1) / 2) / (pos * neg)


def rank01(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    for k, i in enumerate(order):
        r[i] = k / max(1, len(xs) - 1)
    return r


pred = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
dump = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
rows = []
for p in pred:
    d = dump[int(p["row"])]
    assert d["group"] == p["group"] and int(d["label"]) == int(p["label"]), (p, d)
    rows.append((int(p["label"]), float(p["p_response"]), float(p["p_token_max"]), 1 - float(d["cv_confidence"]),
                 p["group"]))
y = [r[0] for r in rows]
ft, tk, v3 = [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]
cols = {
    "fine-tuned MiniLM, response head": ft,
    "fine-tuned MiniLM, max token head": tk,
    "v3 (grouped-CV confidence, out of fold)": v3,
    "mean of probabilities (ft, v3)": [(a + b) / 2 for a, b in zip(ft, v3)],
    "mean of ranks (ft, v3)": [(a + b) / 2 for a, b in zip(rank01(ft), rank01(v3))],
}
groups = sorted({r[4] for r in rows})
by_group = {g: [i for i, r in enumerate(rows) if r[4] == g] for g in groups}
rnd = random.Random(5)
boots = []
for _ in range(500):
    idx = [i for g in (rnd.choice(groups) for _ in groups) for i in by_group[g]]
    boots.append(idx)
print(f"held-out rows {len(rows)} ({sum(y)} hallucinated) from {len(groups)} source groups")
for name, s in cols.items():
    bs = sorted(auroc([s[i] for i in b], [y[i] for i in b]) for b in boots)
    print(f"  {name:42s} AUROC {auroc(s, y):.3f} (95% CI {bs[12]:.3f}-{bs[487]:.3f})")
