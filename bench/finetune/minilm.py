"""MiniLM-L6 (all-MiniLM-L6-v2) as a PyTorch BERT, weights read from the ONNX file in langchain4j's jar, and the
BERT WordPiece tokenizer from its tokenizer.json. Standard library + torch + onnx (protobuf only, no onnxruntime)."""
import json
import math
import unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F


class WordPiece:
    def __init__(self, tokenizer_json):
        t = json.load(open(tokenizer_json))
        self.vocab = t["model"]["vocab"]
        self.unk = self.vocab["[UNK]"]
        self.cls, self.sep, self.pad = self.vocab["[CLS]"], self.vocab["[SEP]"], self.vocab["[PAD]"]

    @staticmethod
    def _punct(ch):
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")

    @staticmethod
    def _chinese(cp):
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
                or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)

    def basic(self, text):
        out = []
        for ch in text:  # BertNormalizer: clean text, chinese chars, lowercase + strip accents
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
                continue
            if ch in "\t\n\r" or unicodedata.category(ch) == "Zs":
                out.append(" ")
            elif self._chinese(cp):
                out.append(f" {ch} ")
            else:
                out.append(ch)
        text = unicodedata.normalize("NFD", "".join(out).lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words = []
        for w in text.split():
            cur = ""
            for ch in w:
                if self._punct(ch):
                    if cur:
                        words.append(cur)
                    words.append(ch)
                    cur = ""
                else:
                    cur += ch
            if cur:
                words.append(cur)
        return words

    def encode(self, text):
        ids = []
        for w in self.basic(text):
            if len(w) > 100:
                ids.append(self.unk)
                continue
            start, pieces = 0, []
            while start < len(w):
                end, found = len(w), None
                while start < end:
                    sub = w[start:end] if start == 0 else "##" + w[start:end]
                    if sub in self.vocab:
                        found = self.vocab[sub]
                        break
                    end -= 1
                if found is None:
                    pieces = [self.unk]
                    break
                pieces.append(found)
                start = end
            ids.extend(pieces)
        return ids


class Layer(nn.Module):
    def __init__(self, h=384, heads=12, inter=1536):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.o = (nn.Linear(h, h) for _ in range(4))
        self.ln1 = nn.LayerNorm(h, eps=1e-12)
        self.i = nn.Linear(h, inter)
        self.out = nn.Linear(inter, h)
        self.ln2 = nn.LayerNorm(h, eps=1e-12)

    def forward(self, x, bias):
        b, n, h = x.shape
        d = h // self.heads
        sh = lambda t: t.view(b, n, self.heads, d).transpose(1, 2)
        q, k, v = sh(self.q(x)), sh(self.k(x)), sh(self.v(x))
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1) @ v
        x = self.ln1(x + self.o(a.transpose(1, 2).reshape(b, n, h)))
        return self.ln2(x + self.out(F.gelu(self.i(x))))


class MiniLM(nn.Module):
    def __init__(self, vocab=30522, h=384, layers=6, max_pos=512):
        super().__init__()
        self.word = nn.Embedding(vocab, h)
        self.pos = nn.Embedding(max_pos, h)
        self.ttype = nn.Embedding(2, h)
        self.ln = nn.LayerNorm(h, eps=1e-12)
        self.layers = nn.ModuleList(Layer(h) for _ in range(layers))

    def forward(self, ids, mask, types):
        n = ids.shape[1]
        x = self.ln(self.word(ids) + self.pos(torch.arange(n).unsqueeze(0)) + self.ttype(types))
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        for layer in self.layers:
            x = layer(x, bias)
        return x  # last_hidden_state


def onnx_tensors(path):
    import onnx
    m = onnx.load(path)
    out = {}
    dt = {1: torch.float32, 7: torch.int64}
    for t in m.graph.initializer:
        shape = list(t.dims)
        if t.raw_data:
            v = torch.frombuffer(bytearray(t.raw_data), dtype=dt[t.data_type]).reshape(shape)
        elif t.data_type == 1:
            v = torch.tensor(list(t.float_data), dtype=torch.float32).reshape(shape)
        else:
            v = torch.tensor(list(t.int64_data), dtype=torch.int64).reshape(shape)
        out[t.name] = v
    return m, out


def load_minilm(path):
    """Maps the ONNX initializers onto MiniLM. Names follow HF's export (embeddings.*, encoder.layer.N.*); MatMul
    weights exported as anonymous onnx::MatMul_* initializers are matched through the graph's MatMul nodes in order."""
    m, t = onnx_tensors(path)
    model = MiniLM()
    sd = {}
    find = lambda suffix: next(v for k, v in t.items() if k.endswith(suffix))
    sd["word.weight"] = find("embeddings.word_embeddings.weight")
    sd["pos.weight"] = find("embeddings.position_embeddings.weight")
    sd["ttype.weight"] = find("embeddings.token_type_embeddings.weight")
    sd["ln.weight"] = find("embeddings.LayerNorm.weight")
    sd["ln.bias"] = find("embeddings.LayerNorm.bias")
    # MatMul weights (often anonymous onnx::MatMul_* initializers) are named through the bias their output is added to
    by_bias = {}
    consumers = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    for n in m.graph.node:
        if n.op_type == "MatMul" and n.input[1] in t and t[n.input[1]].dim() == 2:
            for c in consumers.get(n.output[0], []):
                if c.op_type == "Add":
                    for i in c.input:
                        if i in t and i.endswith(".bias"):
                            by_bias[i] = n.input[1]
    for L in range(6):
        p = f"encoder.layer.{L}."
        names = ["q", "k", "v", "o", "i", "out"]
        biases = ["attention.self.query.bias", "attention.self.key.bias", "attention.self.value.bias",
                  "attention.output.dense.bias", "intermediate.dense.bias", "output.dense.bias"]
        for nm, b in zip(names, biases):
            bname = next(k for k in t if k.endswith(p + b))
            sd[f"layers.{L}.{nm}.weight"] = t[by_bias[bname]].t().contiguous()
            sd[f"layers.{L}.{nm}.bias"] = t[bname]
        sd[f"layers.{L}.ln1.weight"] = find(p + "attention.output.LayerNorm.weight")
        sd[f"layers.{L}.ln1.bias"] = find(p + "attention.output.LayerNorm.bias")
        sd[f"layers.{L}.ln2.weight"] = find(p + "output.LayerNorm.weight")
        sd[f"layers.{L}.ln2.bias"] = find(p + "output.LayerNorm.bias")
    model.load_state_dict({k: v.clone() for k, v in sd.items()})
    return model, m
