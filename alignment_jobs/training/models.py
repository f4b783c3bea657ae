"""The solver's and the auditor's models: tiny Llama-style models built from config, or pretrained
causal LMs by local path or hub id; LoRA adapters; device and dtype; batched generation; and a
stable hash of a model's weights for provenance."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import warnings
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import torch
from peft import LoraConfig, PeftModel, get_peft_model, set_peft_model_state_dict
from peft.utils import get_peft_model_state_dict
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    LlamaConfig,
    LlamaForCausalLM,
    PreTrainedTokenizerBase,
)

from alignment_jobs.training.tokenizer import add_control_tokens

LLAMA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def pick_device(preference: str = "auto") -> torch.device:
    """`auto`: this process's CUDA GPU when there is one (LOCAL_RANK under `accelerate launch`,
    else the first), else the CPU."""
    if preference == "auto":
        if not torch.cuda.is_available():
            return torch.device("cpu")
        return torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
    return torch.device(preference)


@contextlib.contextmanager
def seeded(seed: int, device: torch.device) -> Iterator[None]:
    """Draws from the global torch RNG (CPU, and the GPU's when `device` is one) start at
    `seed` inside, and the RNG is as before afterwards."""
    devices = [device.index or 0] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(int(seed))
        yield


def use_bf16(device: torch.device, preference: str = "auto") -> bool:
    """bf16 on a GPU that supports it (auto), never on the CPU."""
    if device.type != "cuda":
        return False
    if preference == "auto":
        return torch.cuda.is_bf16_supported()
    return preference in ("bf16", "bfloat16")


def tiny_llama(
    tokenizer: PreTrainedTokenizerBase, spec: Mapping[str, int], seed: int
) -> LlamaForCausalLM:
    """A Llama-style model of a few hundred thousand parameters with random weights drawn from
    `seed` (leaving the global RNG alone). `spec`: hidden, layers, heads, kv_heads,
    intermediate, max_positions."""
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=int(spec["hidden"]),
        intermediate_size=int(spec["intermediate"]),
        num_hidden_layers=int(spec["layers"]),
        num_attention_heads=int(spec["heads"]),
        num_key_value_heads=int(spec.get("kv_heads") or spec["heads"]),
        max_position_embeddings=int(spec["max_positions"]),
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None,
        attention_dropout=0.0,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    _generation_defaults(model, tokenizer)
    return model


def load_pretrained(
    name_or_path: str, device: torch.device, bf16: bool
) -> tuple[torch.nn.Module, PreTrainedTokenizerBase, str]:
    """A causal LM and its tokenizer by local path or hub id (hub access follows HF_HUB_OFFLINE,
    which this package sets to 1 unless the environment says otherwise), and the sha256 of its
    weights as loaded. Then the control tokens are added and the embeddings grown to fit them,
    each new row the mean of the old ones (deterministic, unlike transformers' mean_resizing,
    which samples)."""
    tokenizer = AutoTokenizer.from_pretrained(name_or_path)
    model = AutoModelForCausalLM.from_pretrained(
        name_or_path, dtype=torch.bfloat16 if bf16 else torch.float32
    )
    sha = weights_sha256(model)
    add_control_tokens(tokenizer)
    old = model.get_input_embeddings().weight.shape[0]
    if old < len(tokenizer):
        model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
        with torch.no_grad():
            for layer in {
                id(m): m
                for m in (model.get_input_embeddings(), model.get_output_embeddings())
                if m is not None
            }.values():
                layer.weight[old:] = layer.weight[:old].mean(0, keepdim=True)
    _generation_defaults(model, tokenizer)
    return model.to(device), tokenizer, sha


def _generation_defaults(model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase) -> None:
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.bos_token_id = None


def add_lora(
    model: torch.nn.Module,
    *,
    rank: int,
    alpha: float,
    dropout: float = 0.0,
    target_modules: Sequence[str] | str = LLAMA_TARGETS,
    trainable_token_ids: Sequence[int] = (),
    seed: int = 0,
) -> PeftModel:
    """The model wrapped with a fresh LoRA adapter (initialised from `seed`). With
    `trainable_token_ids` the embedding rows of those tokens train too (for control tokens
    added to a pretrained tokenizer)."""
    config = LoraConfig(
        r=int(rank),
        lora_alpha=float(alpha),
        lora_dropout=float(dropout),
        target_modules=list(target_modules)
        if not isinstance(target_modules, str)
        else target_modules,
        task_type="CAUSAL_LM",
        trainable_token_indices=list(trainable_token_ids) or None,
    )
    with torch.random.fork_rng(devices=[]), warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # peft asks a deprecated transformers API
        torch.manual_seed(seed)
        return get_peft_model(model, config)


def adapter_state(model: PeftModel) -> dict[str, torch.Tensor]:
    """The adapter's weights, cloned to the CPU (safe to keep while training goes on)."""
    state = get_peft_model_state_dict(model, save_embedding_layers=False)  # base rows: not ours
    return {k: v.detach().to("cpu", copy=True) for k, v in state.items()}


def load_adapter_state(model: PeftModel, state: Mapping[str, torch.Tensor]) -> None:
    result = set_peft_model_state_dict(model, dict(state))
    unexpected = getattr(result, "unexpected_keys", None) or []
    if unexpected:
        raise ValueError(f"adapter state has keys this model lacks: {sorted(unexpected)[:3]}")


def model_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """A full state dict cloned to the CPU."""
    return {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}


def weights_sha256(model_or_state: torch.nn.Module | Mapping[str, torch.Tensor]) -> str:
    """sha256 over the state dict's tensors in sorted key order (key, dtype, shape, bytes)."""
    state = model_or_state.state_dict() if hasattr(model_or_state, "state_dict") else model_or_state
    digest = hashlib.sha256()
    for key in sorted(state):
        tensor = state[key].detach().to("cpu").contiguous()
        digest.update(key.encode())
        digest.update(f"|{tensor.dtype}|{tuple(tensor.shape)}|".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def tokenizer_provenance(tokenizer: Any, name: str) -> dict[str, Any]:
    """What identifies a tokenizer: where it came from, its size and a hash of its definition
    (the fast tokenizer's JSON, control tokens included)."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    text = (
        backend.to_str()
        if backend is not None
        else json.dumps(tokenizer.get_vocab(), sort_keys=True)
    )
    return {
        "name": name,
        "vocab": len(tokenizer),
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }


def count_parameters(model: torch.nn.Module, trainable_only: bool = False) -> int:
    params = {id(p): p for p in model.parameters() if p.requires_grad or not trainable_only}
    return sum(p.numel() for p in params.values())


def clone_model(model: torch.nn.Module) -> torch.nn.Module:
    """An independent copy (the auditor starts from the solver's warmed-up base)."""
    return copy.deepcopy(model)


@torch.no_grad()
def generate(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    prompts: Sequence[str],
    *,
    max_new_tokens: int,
    sample: bool = False,
    temperature: float = 1.0,
    batch_size: int = 64,
) -> list[str]:
    """Completions of `prompts`, decoded as TRL decodes them (special tokens skipped): greedy,
    or sampled from the global torch RNG (seed it first for a fixed draw). Prompts are tokenized
    as TRL tokenizes them."""
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    out: list[str] = []
    for start in range(0, len(prompts), batch_size):
        chunk = list(prompts[start : start + batch_size])
        batch = tokenizer(text=chunk, return_tensors="pt", padding=True, padding_side="left")
        batch = {k: v.to(device) for k, v in batch.items()}
        options: dict[str, Any] = {"do_sample": bool(sample)}
        if sample:
            options.update(temperature=float(temperature), top_k=0, top_p=1.0)
        ids = model.generate(
            **batch,
            max_new_tokens=int(max_new_tokens),
            pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id,
            **options,
        )
        completions = ids[:, batch["input_ids"].shape[1] :]
        out += tokenizer.batch_decode(_cut_at_eos(completions, tokenizer), skip_special_tokens=True)
    model.train(was_training)
    return out


def _cut_at_eos(ids: torch.Tensor, tokenizer: PreTrainedTokenizerBase) -> list[list[int]]:
    rows = []
    for row in ids.tolist():
        if tokenizer.eos_token_id in row:
            row = row[: row.index(tokenizer.eos_token_id)]
        rows.append(row)
    return rows
