"""CPU time of one cross-encoder pass on ONE thread for a 150-word answer + 5 passages (~200 answer tokens + ~5 x 130
passage tokens, truncated to --max-len as ft.py does), and optionally the model exported to ONNX with its size.
Usage: latency.py ONNX [--runs 5] [--export OUT.onnx]. Timing uses process CPU time (the machine is shared)."""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from minilm import load_minilm  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("onnx")
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--lengths", default="512,384,256")
ap.add_argument("--export", default=None)
a = ap.parse_args()
torch.set_num_threads(1)
enc, _ = load_minilm(a.onnx)


class Detector(torch.nn.Module):
    def __init__(self, enc):
        super().__init__()
        self.enc, self.resp, self.tok = enc, torch.nn.Linear(384, 1), torch.nn.Linear(384, 1)

    def forward(self, ids, types):
        h = self.enc(ids, torch.ones_like(ids), types)
        return self.resp(h[:, 0]).squeeze(-1), self.tok(h).squeeze(-1)


model = Detector(enc).eval()
g = torch.Generator().manual_seed(1)
with torch.no_grad():
    for n in map(int, a.lengths.split(",")):
        answer = min(200, n - 3 - 16)
        ids = torch.randint(1000, 29000, (1, n), generator=g)
        types = torch.tensor([[0] * (n - answer - 1) + [1] * (answer + 1)])
        model(ids, types)  # warm-up
        cpu = []
        for _ in range(a.runs):
            c = time.process_time()
            model(ids, types)
            cpu.append((time.process_time() - c) * 1000)
        cpu.sort()
        print(f"{n} tokens ({answer} answer): CPU ms per answer, 1 thread: p50 {cpu[len(cpu) // 2]:.0f}, "
              f"min {cpu[0]:.0f}, max {cpu[-1]:.0f} ({a.runs} runs)", flush=True)
    if a.export:
        n = 512
        ids = torch.randint(1000, 29000, (1, n), generator=g)
        types = torch.zeros_like(ids)
        torch.onnx.export(model, (ids, types), a.export, input_names=["input_ids", "token_type_ids"],
                          output_names=["response_logit", "token_logits"], opset_version=14,
                          dynamic_axes={"input_ids": {1: "n"}, "token_type_ids": {1: "n"}, "token_logits": {1: "n"}})
        print(f"exported {a.export}: {os.path.getsize(a.export) / 1e6:.1f} MB (fp32)", flush=True)
