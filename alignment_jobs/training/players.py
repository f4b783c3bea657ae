"""Building the two players: a tiny base trained here (tokenizer, Llama-style model, supervised
warm-up; cached under the caller's work_dir so the series of one job share it) or pretrained
bases; then a LoRA adapter and an optimiser each."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from alignment_jobs.training.config import SAME, TINY, LMConfig
from alignment_jobs.training.models import (
    add_lora,
    clone_model,
    count_parameters,
    load_pretrained,
    model_state,
    tiny_llama,
    weights_sha256,
)
from alignment_jobs.training.phases import make_optimiser
from alignment_jobs.training.tasks import (
    VERIFIABLE,
    Task,
    suite_texts,
    verifiable_pool,
)
from alignment_jobs.training.tokenizer import tokenizer_from_json, tokenizer_json, train_tokenizer
from alignment_jobs.training.warmup import supervised_warmup, warmup_examples


@dataclass
class Player:
    """A model with its LoRA adapter, its tokenizer and its optimiser."""

    model: Any
    tokenizer: Any
    optimiser: torch.optim.Optimizer
    base_sha256: str


def warmup_tasks(config: LMConfig, splits: dict[str, list[Task]], seed: int) -> list[Task]:
    """What the warm-up may learn from: the train split and, for the verifiable suite, a pool
    of further generated tasks, never a validation or test question."""
    held_out = {t.question for name in ("validation", "test") for t in splits[name]}
    tasks = list(splits["train"])
    if config.suite == VERIFIABLE:
        extra = verifiable_pool(config.warmup_pool, seed + 1, config.suite_mix, strict=False)
        tasks += [t for t in extra if t.question not in held_out]
    return tasks


def _base_key(config: LMConfig, seed: int, splits: dict[str, list[Task]]) -> str:
    recipe = config.to_dict()
    keys = ["suite", "suite_mix", "tiny_model", "vocab_size"]
    keys += sorted(k for k in recipe if k.startswith("warmup_"))
    identity = {k: recipe[k] for k in keys}
    identity["seed"] = seed
    identity["tasks"] = hashlib.sha256(
        "\n".join(t.id + "\t" + t.question for n in sorted(splits) for t in splits[n]).encode()
    ).hexdigest()
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:20]


def tiny_base(
    config: LMConfig, splits: dict[str, list[Task]], seed: int, work_dir: Path
) -> dict[str, Any]:
    """The warmed-up tiny base: {"tokenizer": JSON str, "weights": tensors, "warmup": info};
    loaded from work_dir when an earlier run with the same recipe made it."""
    path = Path(work_dir) / "lm-bases" / f"base-{_base_key(config, seed, splits)}.pt"
    if path.exists():
        return torch.load(path, weights_only=True)
    tasks = warmup_tasks(config, splits, seed)
    tokenizer = train_tokenizer(suite_texts(splits) + [t.prompt for t in tasks], config.vocab_size)
    model = tiny_llama(tokenizer, config.tiny_model, seed)
    info = _warm_up(config, model, tokenizer, tasks, seed, seed, config.warmup_auditor_share)
    info["parameters"] = count_parameters(model)
    info["vocab"] = len(tokenizer)
    base = {"tokenizer": tokenizer_json(tokenizer), "weights": model_state(model), "warmup": info}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    torch.save(base, partial)
    os.replace(partial, path)
    return base


def tiny_players(
    config: LMConfig, base: dict[str, Any], seed: int, device: torch.device
) -> tuple[Player, Player]:
    """Solver and auditor on copies of the one warmed-up tiny base, each with a fresh adapter."""
    tokenizer = tokenizer_from_json(base["tokenizer"])
    model = tiny_llama(tokenizer, config.tiny_model, seed)
    model.load_state_dict(base["weights"])
    sha = weights_sha256(model)
    players = []
    for offset, lr in ((11, config.learning_rate), (12, config.auditor_lr)):
        lora = _lora(config, clone_model(model).to(device), seed * 100 + offset, ())
        players.append(Player(lora, tokenizer, make_optimiser(lora, lr), sha))
    return players[0], players[1]


def pretrained_players(
    config: LMConfig, seed: int, device: torch.device, bf16: bool
) -> tuple[Player, Player]:
    """Solver and auditor from their bases (by path or hub id; `same`: the solver's), each with
    the control tokens added and a fresh adapter."""
    names = (config.solver_model, config.auditor_model)
    players = []
    for offset, name, lr in zip(
        (11, 12), names, (config.learning_rate, config.auditor_lr), strict=True
    ):
        model, tokenizer, sha = load_pretrained(
            config.solver_model if name == SAME else name, device, bf16
        )
        # No trainable_token_indices for the added control tokens: TRL 1.16's fused LM head
        # reads `lm_head.bias`, which peft's TrainableTokensWrapper (on a tied head) lacks.
        # Their rows start at the mean embedding (mean_resizing) and the adapter learns to
        # reach them.
        lora = _lora(config, model, seed * 100 + offset, ())
        players.append(Player(lora, tokenizer, make_optimiser(lora, lr), sha))
    return players[0], players[1]


def _lora(config: LMConfig, model: Any, seed: int, token_ids: Any) -> Any:
    return add_lora(
        model,
        rank=config.lora_rank,
        alpha=config.lora_alpha,
        dropout=config.lora_dropout,
        target_modules=config.lora_target_modules,
        trainable_token_ids=token_ids,
        seed=seed,
    )


def adapter_warmup(
    config: LMConfig, players: tuple[Player, Player], tasks: list[Task], seed: int
) -> dict[str, Any]:
    """For pretrained bases: teach each adapter its role's format (solver answers; auditor
    verdicts) by a short supervised warm-up of the adapter alone."""
    info = {}
    for role, player, share in (("solver", players[0], 0.0), ("auditor", players[1], 1.0)):
        examples_seed = seed + (0 if role == "solver" else 1)
        info[role] = _warm_up(
            config, player.model, player.tokenizer, tasks, examples_seed, seed, share
        )
    return info


def _warm_up(config, model, tokenizer, tasks, examples_seed: int, seed: int, auditor_share):
    """The supervised warm-up the config describes, on examples drawn with `examples_seed`."""
    examples = warmup_examples(
        tasks,
        config.warmup_steps * config.warmup_batch_size,
        examples_seed,
        abstain=(config.warmup_abstain,) * 3,
        auditor_share=auditor_share,
        difficulty_weights=config.warmup_difficulty_weights,
    )
    return supervised_warmup(
        model,
        tokenizer,
        examples,
        steps=config.warmup_steps,
        batch_size=config.warmup_batch_size,
        lr=config.warmup_lr,
        seed=seed,
        weight_decay=config.warmup_weight_decay,
    )


def is_tiny(config: LMConfig) -> bool:
    return config.solver_model == TINY
