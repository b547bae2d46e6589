"""Fine-tunes MiniLM-L6 (weights from langchain4j's all-minilm-l6-v2 ONNX) as a cross-encoder hallucination classifier
on RAGTruth QA train, with one grouped hold-out split (20 % of ragtruth_source_id groups, seed 13).
Input: [CLS] question + passages (truncated) [SEP] answer [SEP]; heads: response label on [CLS] and, as auxiliary
loss, "inside a hallucinated span" on every answer token. Trains until --stop (UTC HH:MM) or --epochs, then scores the
held-out rows and writes OUT.tsv (row index in the file, group, label, p_response, p_token_max). Nothing is saved
from the data; the fine-tuned weights go only where --save says (default: not saved)."""
import argparse
import datetime as dt
import json
import math
import random
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from minilm import WordPiece, load_minilm  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("data")
ap.add_argument("onnx")
ap.add_argument("tokenizer")
ap.add_argument("out")
ap.add_argument("--max-len", type=int, default=384)
ap.add_argument("--epochs", type=float, default=1.0)
ap.add_argument("--accum", type=int, default=8)
ap.add_argument("--lr", type=float, default=3e-5)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--stop", default=None, help="UTC HH:MM: stop training then, evaluate")
ap.add_argument("--eval-stop", default=None, help="UTC HH:MM: stop scoring held-out rows then (rows in a fixed shuffled order)")
ap.add_argument("--token-weight", type=float, default=0.5)
ap.add_argument("--save", default=None)
ap.add_argument("--order-seed", type=int, default=7, help="shuffle of the training rows (change it for a further epoch)")
ap.add_argument("--init", default=None, help="start from weights saved by an earlier --save (a further epoch)")
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(13)

rows = [json.loads(l) for l in open(a.data)]
groups = sorted({r["ragtruth_source_id"] for r in rows})
random.Random(13).shuffle(groups)
held = set(groups[: len(groups) // 5])
tok = WordPiece(a.tokenizer)


def encode(r):
    """ids, token types, answer-token span labels (answer encoded piecewise at span boundaries)."""
    ans, cuts = r["answer"], {0, len(r["answer"])}
    spans = [(s["start"], s["end"]) for s in r.get("hallucination_spans") or []]
    for s, e in spans:
        cuts |= {s, e}
    cuts = sorted(cuts)
    aids, alab = [], []
    for s, e in zip(cuts, cuts[1:]):
        ids = tok.encode(ans[s:e])
        inside = any(s >= ss and e <= ee for ss, ee in spans)
        aids += ids
        alab += [1.0 if inside else 0.0] * len(ids)
    aids, alab = aids[: a.max_len - 3 - 16], alab[: a.max_len - 3 - 16]
    room = a.max_len - 3 - len(aids)
    ctx = tok.encode((r.get("question") or "") + " " + r["context"])[:room]
    ids = [tok.cls] + ctx + [tok.sep] + aids + [tok.sep]
    types = [0] * (len(ctx) + 2) + [1] * (len(aids) + 1)
    lab = [-1.0] * (len(ctx) + 2) + alab + [-1.0]
    return ids, types, lab


class Detector(nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc = enc
        self.drop = nn.Dropout(0.1)
        self.resp = nn.Linear(384, 1)
        self.tok = nn.Linear(384, 1)

    def forward(self, ids, types):
        h = self.enc(ids, torch.ones_like(ids), types)
        return self.resp(self.drop(h[:, 0])).squeeze(-1), self.tok(self.drop(h)).squeeze(-1)


enc, _ = load_minilm(a.onnx)
model = Detector(enc)
if a.init:
    model.load_state_dict(torch.load(a.init))
train = [i for i, r in enumerate(rows) if r["ragtruth_source_id"] not in held]
test = [i for i, r in enumerate(rows) if r["ragtruth_source_id"] in held]
random.Random(a.order_seed).shuffle(train)
print(f"train rows {len(train)}, held-out rows {len(test)} ({len(held)} groups)", flush=True)

def at(hhmm):
    if not hhmm:
        return None
    h, m = map(int, hhmm.split(":"))
    now = dt.datetime.utcnow()
    return time.time() + (now.replace(hour=h, minute=m, second=0) - now).total_seconds()


stop_at, eval_stop = at(a.stop), at(a.eval_stop)
random.Random(11).shuffle(test)
decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "word" not in n]
other = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "word" not in n)]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": other, "weight_decay": 0.0}], lr=a.lr)
total = int(len(train) * a.epochs)
warm = max(1, int(0.06 * total / a.accum))
steps_planned = max(1, total // a.accum)
t0, tc0 = time.time(), time.process_time()
model.train()
seen, step, losses = 0, 0, []
for n in range(total):
    if stop_at and time.time() > stop_at:
        print(f"stopped by --stop after {seen} examples ({step} optimizer steps)", flush=True)
        break
    r = rows[train[n % len(train)]]
    ids, types, lab = encode(r)
    ids, types, lab = torch.tensor([ids]), torch.tensor([types]), torch.tensor([lab])
    resp, tl = model(ids, types)
    loss = F.binary_cross_entropy_with_logits(resp, torch.tensor([float(r["label"])]))
    m = lab >= 0
    if a.token_weight > 0 and m.any():
        loss = loss + a.token_weight * F.binary_cross_entropy_with_logits(tl[m], lab[m])
    (loss / a.accum).backward()
    losses.append(loss.item())
    seen += 1
    if seen % a.accum == 0:
        step += 1
        if seen == 2 * a.accum and stop_at:  # re-plan the linear decay to end at --stop
            per = (time.time() - t0) / seen
            steps_planned = min(steps_planned, max(step + 1, int((stop_at - t0) / per / a.accum)))
            print(f"{per:.2f} s/example: planning {steps_planned} optimizer steps", flush=True)
        lr = a.lr * min(step / warm, max(0.0, (steps_planned - step) / max(1, steps_planned - warm)))
        for g in opt.param_groups:
            g["lr"] = lr
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad()
        if step % 10 == 0:
            print(f"step {step} ex {seen} loss {sum(losses[-80:]) / len(losses[-80:]):.3f} lr {lr:.2e} "
                  f"{time.time() - t0:.0f}s wall {time.process_time() - tc0:.0f}s cpu", flush=True)
    if step >= steps_planned:
        break
print(f"trained {seen} examples, {step} steps, {time.time() - t0:.0f} s wall, {time.process_time() - tc0:.0f} s CPU",
      flush=True)
if a.save:
    torch.save(model.state_dict(), a.save)

model.eval()
t1 = time.time()
with torch.no_grad(), open(a.out, "w") as f:
    f.write("row\tgroup\tlabel\tp_response\tp_token_max\n")
    for k, i in enumerate(test):
        if eval_stop and time.time() > eval_stop:
            print(f"--eval-stop reached after {k} held-out rows", flush=True)
            break
        ids, types, lab = encode(rows[i])
        resp, tl = model(torch.tensor([ids]), torch.tensor([types]))
        m = torch.tensor(lab) >= 0
        pt = torch.sigmoid(tl[0][m]).max().item() if m.any() else 0.0
        f.write(f"{i}\t{rows[i]['ragtruth_source_id']}\t{rows[i]['label']}\t{torch.sigmoid(resp).item():.6f}\t{pt:.6f}\n")
        if k % 100 == 0:
            print(f"scored {k}/{len(test)} {time.time() - t1:.0f}s", flush=True)
print(f"scored held-out rows in {time.time() - t1:.0f} s", flush=True)
