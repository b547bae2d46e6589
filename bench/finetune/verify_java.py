"""Compares minilm.MiniLM (weights from the ONNX file) with langchain4j's fp32 AllMiniLmL6V2EmbeddingModel:
mean-pooled, L2-normalised last_hidden_state of each sentence. Usage: verify_java.py ONNX TOKENIZER JAVA_OUT sentences...
(JAVA_OUT: the lines Verify.java printed for the same sentences.) Prints the max absolute difference per sentence."""
import sys

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from minilm import WordPiece, load_minilm  # noqa: E402

onnx_path, tok_path, java_out, sentences = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
tok = WordPiece(tok_path)
model, _ = load_minilm(onnx_path)
model.eval()
java = [torch.tensor([float(v) for v in line.split()]) for line in open(java_out)]
with torch.no_grad():
    for s, j in zip(sentences, java):
        x = torch.tensor([[tok.cls] + tok.encode(s) + [tok.sep]])
        h = model(x, torch.ones_like(x), torch.zeros_like(x))[0].mean(0)
        h = h / h.norm()
        print(f"max abs diff {float((h - j).abs().max()):.2e}  cosine {float(h @ j / j.norm()):.7f}  {s!r}")
