"""Sentence embeddings with ONNX Runtime, from a model file that ships with the project.

The model is all-MiniLM-L6-v2 (Apache-2.0), converted to an int8 ONNX graph that already does mean
pooling and L2 normalisation (``scripts/convert_minilm_to_onnx.py``; provenance beside the model).
Nothing is downloaded: the graph and ``tokenizer.json`` are read from ``search/models_onnx``.
Any object with ``name``, ``dimensions`` and ``embed(texts) -> float32 array`` can stand in.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent.parent / "models_onnx" / "all-minilm-l6-v2"


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class OnnxEmbedder:
    """all-MiniLM-L6-v2 through ONNX Runtime: unit-length 384-dimensional float32 vectors."""

    dimensions = 384

    def __init__(
        self,
        model_dir: Path = MODEL_DIR,
        model_file: str = "model_int8.onnx",
        max_tokens: int = 256,
        batch_size: int = 32,
        threads: int | None = None,
    ):
        import onnxruntime
        from tokenizers import Tokenizer

        self.name = f"all-minilm-l6-v2/{model_file}"
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # Idle ONNX threads otherwise spin for a while after each query embedding, taking the
        # cores the vector product and SQLite need next (measured: +60% on a 60,000-row product).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(
            str(Path(model_dir) / model_file), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t if t and t.strip() else "." for t in texts]
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # Batch texts of similar length together so padding stays short.
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            with self._lock:  # the tokenizer's padding settings are shared state
                encodings = self.tokenizer.encode_batch([texts[k] for k in batch])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            feeds = {k: v for k, v in feeds.items() if k in self.inputs}
            out[batch] = self.session.run(None, feeds)[0]
        return out


@lru_cache(maxsize=4)
def default_embedder(model_file: str = "model_int8.onnx") -> OnnxEmbedder:
    """One shared model per process (loading takes a fraction of a second, but only once)."""
    return OnnxEmbedder(model_file=model_file)
