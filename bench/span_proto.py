#!/usr/bin/env python3
"""Prototype of a word-level hallucination detector trained on RAGTruth's span labels (issue #13), aggregated to
the response and stacked on the shipped model's grouped-CV confidence. numpy only; offline, nothing here ships.

Inputs (made by the Java tools, see bench/README.md "Span-level detector"):
  PREFIX.tsv / PREFIX.f32   SpanFeatureDump: one line per answer word + 2 x 384 big-endian floats (vector, match)
  V3.tsv                    bench/eval.sh --dump: one line per row with cv_confidence (v3, grouped CV)

  python3 bench/span_proto.py PREFIX V3.tsv [lex,cos,emb,mlp]
  python3 bench/span_proto.py --summedits PREFIX SE_PREFIX SE_V3.tsv [lex,cos]

Every number is grouped 5-fold CV by ragtruth_source_id (the folds of bench/eval.sh): the word model of fold f is
trained on the other folds' words; the response combiner and its isotonic calibration likewise (the calibration on
inner out-of-fold scores of the training folds).
"""
import sys
import numpy as np

D = 384


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f]
    return header, rows


# ---------------------------------------------------------------- metrics (same definitions as Metrics.java)
def auroc(score, pos):
    score = np.asarray(score, float)
    pos = np.asarray(pos, bool)
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(s))
    r[order] = ranks
    n1 = pos.sum()
    n0 = len(pos) - n1
    return (r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def metrics(conf, faithful, length):
    out = {"auroc": auroc(conf, faithful)}
    order = np.argsort(length, kind="mergesort")
    q = []
    for k in range(5):
        idx = order[k * len(order) // 5:(k + 1) * len(order) // 5]
        q.append(auroc(conf[idx], faithful[idx]))
    out["qmin"] = min(q)
    out["q"] = q
    tp = (conf[faithful] >= 0.6).mean()
    tn = (conf[~faithful] < 0.6).mean()
    out["ba"] = 0.5 * (tp + tn)
    fs = np.sort(conf[faithful])
    thr = fs[min(int(np.floor(0.06 * len(fs))), len(fs) - 1)]
    out["tpr6"] = (conf[~faithful] < thr).mean()
    ece = 0
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        m = (conf >= lo) & ((conf < hi) | ((b == 9) & (conf <= hi)))
        if m.sum():
            ece += m.sum() / len(conf) * abs(conf[m].mean() - faithful[m].mean())
    out["ece"] = ece
    hb = conf >= 0.85
    out["high_prec"] = faithful[hb].mean() if hb.sum() else float("nan")
    out["high_reach"] = (hb & faithful).sum() / faithful.sum()
    return out


def fmt(name, m):
    return (f"| {name} | {m['auroc']:.3f} | {m['qmin']:.3f} | {100 * m['ba']:.1f} % | {100 * m['tpr6']:.1f} % | "
            f"{m['ece']:.3f} | {100 * m['high_prec']:.1f} / {100 * m['high_reach']:.1f} % |")


# ---------------------------------------------------------------- models
def standardize(train, *others):
    mu = train.mean(0)
    sd = train.std(0) + 1e-6
    return [(x - mu) / sd for x in (train,) + others]


def fit_lr(x, y, l2=1.0, w=None, iters=30):
    """L2 logistic regression by Newton's method (intercept unpenalised); y in {0,1}."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    beta = np.zeros(d + 1)
    sw = np.ones(n) if w is None else w
    reg = np.full(d + 1, l2)
    reg[-1] = 0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-xb @ beta))
        g = xb.T @ (sw * (p - y)) + reg * beta
        h = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def predict_lr(beta, x):
    return 1 / (1 + np.exp(-(x @ beta[:-1] + beta[-1])))


def fit_mlp(x, y, hidden=32, epochs=8, lr=2e-3, l2=1e-4, seed=0, batch=512):
    """Adam on log loss; hidden == 0 is logistic regression (an identity layer that is not trained)."""
    rng = np.random.default_rng(seed)
    n, d = x.shape
    if hidden == 0:
        return fit_linear(x, y, epochs, lr, l2, rng, batch)
    params = [rng.normal(0, 1 / np.sqrt(d), (d, hidden)), np.zeros(hidden), rng.normal(0, 1 / np.sqrt(hidden),
                                                                                        hidden), np.zeros(1)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = 0
    for _ in range(epochs):
        perm = rng.permutation(n)
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            xb, yb = x[idx], y[idx]
            h = np.maximum(0, xb @ params[0] + params[1])
            p = 1 / (1 + np.exp(-(h @ params[2] + params[3])))
            dz = (p - yb) / len(idx)
            g2 = h.T @ dz
            g3 = np.array([dz.sum()])
            dh = np.outer(dz, params[2]) * (h > 0)
            g0 = xb.T @ dh
            g1 = dh.sum(0)
            grads = [g0 + l2 * params[0], g1, g2 + l2 * params[2], g3]
            t += 1
            for k in range(4):
                m[k] = 0.9 * m[k] + 0.1 * grads[k]
                v[k] = 0.999 * v[k] + 0.001 * grads[k] ** 2
                params[k] -= lr * (m[k] / (1 - 0.9 ** t)) / (np.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8)
    return params


def fit_linear(x, y, epochs, lr, l2, rng, batch):
    n, d = x.shape
    w = np.zeros(d + 1)
    m = np.zeros(d + 1)
    v = np.zeros(d + 1)
    t = 0
    for _ in range(epochs):
        perm = rng.permutation(n)
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            p = 1 / (1 + np.exp(-(x[idx] @ w[:-1] + w[-1])))
            dz = (p - y[idx]) / len(idx)
            g = np.append(x[idx].T @ dz + l2 * w[:-1], dz.sum())
            t += 1
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g ** 2
            w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return ("linear", w)


def predict_mlp(params, x):
    if params[0] == "linear" if isinstance(params, tuple) else False:
        return 1 / (1 + np.exp(-(x @ params[1][:-1] + params[1][-1])))
    h = np.maximum(0, x @ params[0] + params[1])
    return 1 / (1 + np.exp(-(h @ params[2] + params[3])))


def isotonic(x, y):
    """Pool-adjacent-violators fit of y on x; returns (xs, ys) for np.interp."""
    order = np.argsort(x, kind="mergesort")
    xs, ys = x[order], y[order].astype(float)
    blocks = []  # [sum, count, xmax]
    for xv, yv in zip(xs, ys):
        blocks.append([yv, 1.0, xv, xv])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, c, lo, hi = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][3] = hi
    px, py = [], []
    for s, c, lo, hi in blocks:
        px += [lo, hi]
        py += [s / c, s / c]
    return np.array(px), np.array(py)


# ---------------------------------------------------------------- features
def word_features(cols, kind):
    best, idf, inp, inq = cols["best"], cols["idf"], cols["in_passage"], cols["in_question"]
    content, num, cap = cols["content"], cols["number"], cols["capital"]
    pos = cols["word_index"] / np.maximum(1, cols["words"])
    row = cols["row"].astype(int)
    novel = content * (1 - inp) * (1 - inq)
    feats = [content, idf, inp, inq, num, cap, pos, np.log1p(cols["words"]), novel, novel * idf, num * (1 - inp)]
    # neighbourhood (hallucinations come in runs): shares over windows of +-2 and +-5 words within the answer
    starts = np.searchsorted(row, row, side="left")
    ends = np.searchsorted(row, row, side="right")
    idx = np.arange(len(row))

    def window(s, width):
        c = np.concatenate([[0], np.cumsum(s)])
        lo = np.maximum(starts, idx - width)
        hi = np.minimum(ends, idx + width + 1)
        return c[hi] - c[lo]

    for width in (2, 5):
        feats.append(window(novel, width) / np.maximum(1, window(content, width)))
    if kind != "lex":
        low = content * (best < 0.65)
        feats += [best, best * content, low, (1 - best) * idf]
        for width in (2, 5):
            cnt = np.maximum(1, window(content, width))
            feats.append(window(low, width) / cnt)
            feats.append(window(best * content, width) / cnt)
    x = np.stack(feats, 1)
    return x.astype(np.float32)


def aggregate(p, row, nrows, content):
    """Response features from word probabilities: max, mean of top 3, mean, share above 0.5/0.3, longest run, sum,
    the expected number of hallucinated content words and its share of the content words."""
    out = np.zeros((nrows, 9))
    order = np.argsort(row, kind="mergesort")
    bounds = np.searchsorted(row[order], np.arange(nrows + 1))
    for r in range(nrows):
        idx = order[bounds[r]:bounds[r + 1]]
        q = p[idx]
        if len(q) == 0:
            continue
        top = np.sort(q)[::-1]
        run = best_run = 0
        for v in q > 0.5:
            run = run + 1 if v else 0
            best_run = max(best_run, run)
        c = content[idx]
        out[r] = [top[0], top[:3].mean(), q.mean(), (q > 0.5).mean(), (q > 0.3).mean(), np.log1p(best_run),
                  np.log1p(q.sum()), np.log1p((q * c).sum()), (q * c).sum() / max(1, c.sum())]
    return out


def main():
    prefix, v3path = sys.argv[1], sys.argv[2]
    variants = sys.argv[3].split(",") if len(sys.argv) > 3 else ["lex", "cos", "emb", "mlp"]
    header, rows = read_tsv(prefix + ".tsv")
    h = {k: i for i, k in enumerate(header)}
    try:
        num = np.load(prefix + ".num.npy")
    except FileNotFoundError:
        num = np.array([[float(r[h[k]]) for k in header[:-1]] for r in rows])
        np.save(prefix + ".num.npy", num)
    cols = {k: num[:, i] for i, k in enumerate(header[:-1])}
    words = [r[-1] for r in rows]
    row = cols["row"].astype(int)
    fold_w = cols["fold"].astype(int)
    yw = cols["label"]
    vh, vrows = read_tsv(v3path)
    vi = {k: i for i, k in enumerate(vh)}
    nrows = len(vrows)
    label = np.array([int(r[vi["label"]]) for r in vrows])
    faithful = label == 0
    length = np.array([float(r[vi["length"]]) for r in vrows])
    v3 = np.array([float(r[vi["cv_confidence"]]) for r in vrows])
    fold = np.zeros(nrows, int)
    fold[row] = fold_w
    print(f"{len(rows)} words, {int(yw.sum())} in spans; {nrows} rows")
    print("| variant | AUROC | min quintile | BA@0.60 | TPR@FPR6 | ECE | high: faithful / reach |")
    print("|---|---|---|---|---|---|---|")
    print(fmt("v3 as dumped (grouped CV)", metrics(v3, faithful, length)))
    v3logit = np.log(np.clip(v3, 1e-4, 1 - 1e-4) / (1 - np.clip(v3, 1e-4, 1 - 1e-4)))
    restacked = stack(v3logit[:, None], label, fold)
    print(fmt(f"v3 restacked alone (same combiner procedure; before calibration {auroc(RAW, faithful):.3f})",
              metrics(restacked, faithful, length)))
    vec = None
    for variant in variants:
        kind = "lex" if variant == "lex" else "cos"
        x = word_features(cols, kind)
        if variant in ("emb", "mlp"):
            if vec is None:
                raw = np.memmap(prefix + ".f32", dtype=">f4", mode="r").reshape(-1, 2 * D)
                a = np.asarray(raw[:, :D], dtype=np.float32)
                mt = np.asarray(raw[:, D:], dtype=np.float32)
                vec = np.hstack([a, a * mt * 10]).astype(np.float32)
                del a, mt
            x = np.hstack([x, vec])
        p = np.zeros(len(yw))
        for f in range(5):
            tr, te = fold_w != f, fold_w == f
            xtr, xte = standardize(x[tr], x[te])
            if variant == "mlp":
                params = fit_mlp(xtr, yw[tr])
                p[te] = predict_mlp(params, xte)
            elif variant == "emb":
                params = fit_mlp(xtr, yw[tr], hidden=0, epochs=4)
                p[te] = predict_mlp(params, xte)
            else:
                beta = fit_lr(xtr, yw[tr], l2=10.0 if variant == "emb" else 1.0)
                p[te] = predict_lr(beta, xte)
        word_auc = auroc(p, yw == 1)
        agg = aggregate(p, row, nrows, cols["content"])
        alone = auroc(-agg[:, 1], faithful)
        stacked = stack(np.hstack([v3logit[:, None], agg]), label, fold)
        m = metrics(stacked, faithful, length)
        print(fmt(f"v3 + span detector `{variant}` (word AUROC {word_auc:.3f}, top-3 alone {alone:.3f}, "
                  f"before calibration {auroc(RAW, faithful):.3f})", m))
        np.save(f"{prefix}.{variant}.wordp.npy", p)
        if variant == variants[-1]:
            top = np.argsort(-p)[:25]
            print("highest words:", ", ".join(f"{words[i]}({p[i]:.2f},{int(yw[i])})" for i in top))


def stack(x, label, fold):
    """Grouped-CV response combiner (LR) with isotonic calibration on inner out-of-fold scores; P(faithful)."""
    y = (label == 0).astype(float)
    out = np.zeros(len(y))
    global RAW
    RAW = np.zeros(len(y))
    folds = sorted(set(fold.tolist()))
    for f in folds:
        tr = np.where(fold != f)[0]
        te = np.where(fold == f)[0]
        inner = np.zeros(len(tr))
        for g in set(folds) - {f}:
            a = tr[fold[tr] != g]
            b = fold[tr] == g
            xa, xb = standardize(x[a], x[tr[b]])
            inner[b] = predict_lr(fit_lr(xa, y[a], l2=1.0), xb)
        xa, xb = standardize(x[tr], x[te])
        raw = predict_lr(fit_lr(xa, y[tr], l2=1.0), xb)
        ix, iy = isotonic(inner, y[tr])
        out[te] = np.interp(raw, ix, iy)
        RAW[te] = raw
    return out


RAW = {}


def load_words(prefix):
    header, rows = read_tsv(prefix + ".tsv")
    try:
        num = np.load(prefix + ".num.npy")
    except FileNotFoundError:
        num = np.array([[float(v) for v in r[:-1]] for r in rows])
        np.save(prefix + ".num.npy", num)
    return {k: num[:, i] for i, k in enumerate(header[:-1])}


def load_rows(path):
    vh, vrows = read_tsv(path)
    vi = {k: i for i, k in enumerate(vh)}
    label = np.array([int(r[vi["label"]]) for r in vrows])
    length = np.array([float(r[vi["length"]]) for r in vrows])
    v3 = np.clip(np.array([float(r[vi["cv_confidence"]]) for r in vrows]), 1e-4, 1 - 1e-4)
    return label, length, np.log(v3 / (1 - v3))


def summedits():
    """SummEdits leave-one-domain-out: the word model trained on all RAGTruth words, the combiner refitted per
    held-out domain on top of the v3 LODO confidence (as bench/eval.sh does for the signals)."""
    prefix, se_prefix, se_v3 = sys.argv[2], sys.argv[3], sys.argv[4]
    variants = sys.argv[5].split(",") if len(sys.argv) > 5 else ["lex", "cos"]
    train, test = load_words(prefix), load_words(se_prefix)
    label, length, v3logit = load_rows(se_v3)
    fold = np.zeros(len(label), int)
    fold[test["row"].astype(int)] = test["fold"].astype(int)
    faithful = label == 0
    print(f"SummEdits LODO ({len(set(fold.tolist()))} domains): v3 restacked "
          f"{auroc(stack(v3logit[:, None], label, fold), faithful):.3f}, before calibration {auroc(RAW, faithful):.3f}")
    for variant in variants:
        xtr, xte = standardize(word_features(train, variant), word_features(test, variant))
        p = predict_lr(fit_lr(xtr, train["label"], l2=1.0), xte)
        agg = aggregate(p, test["row"].astype(int), len(label), test["content"])
        out = stack(np.hstack([v3logit[:, None], agg]), label, fold)
        print(f"SummEdits LODO v3 + `{variant}`: {auroc(out, faithful):.3f}, before calibration "
              f"{auroc(RAW, faithful):.3f}, top-3 alone {auroc(-agg[:, 1], faithful):.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "--summedits":
        summedits()
    else:
        main()
