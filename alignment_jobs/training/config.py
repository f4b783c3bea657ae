"""The LM game's config (`LMConfig`, validated from a JSON-style dict: unknown keys fail, naming
the key) and the shipped configs: `tiny-lm` (the CPU demo), `tiny-lm-ci` (CI-sized) and `lm`
(a template for a real model on GPUs)."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from alignment_jobs.game.outcomes import PrincipalValues
from alignment_jobs.training.tasks import FAMILIES, SUITES

TINY = "tiny"  # solver_model / auditor_model: built from `tiny_model` with the project's tokenizer
SAME = "same"  # auditor_model: the solver's base
SCALE_REWARDS = ("batch", "none", "group")
JUDGES = ("embedding", "llm")
TINY_KEYS = {"hidden", "layers", "heads", "kv_heads", "intermediate", "max_positions"}
SANDBOX_KEYS = {"wall_seconds", "cpu_seconds", "memory_mb"}
PRESET = "preset"  # from_dict: the shipped config to start from


@dataclass(frozen=True)
class LMConfig:
    """Everything that defines an LM game run (see docs/lm-game.md for each key)."""

    # Task suite and splits
    suite: str = "verifiable"
    suite_mix: dict[str, float] = field(default_factory=lambda: {"arithmetic": 1.0})
    train_size: int = 400
    validation_size: int = 64
    test_size: int = 128
    target_variants: int = 2
    split_fractions: tuple[float, float, float] = (0.6, 0.2, 0.2)
    # Target suite: who judges answers (the caller builds the resolver): the offline embedding
    # judge over each context's rubric, or the configured LLM
    judge: str = "embedding"
    # Models
    solver_model: str = TINY
    auditor_model: str = SAME
    tiny_model: dict[str, int] = field(
        default_factory=lambda: {
            "hidden": 96,
            "layers": 3,
            "heads": 4,
            "kv_heads": 2,
            "intermediate": 256,
            "max_positions": 128,
        }
    )
    vocab_size: int = 300
    device: str = "auto"
    precision: str = "auto"  # auto: bf16 on a GPU that has it, fp32 on the CPU
    # Supervised warm-up (all weights of a tiny model; the LoRA adapter of a pretrained one)
    warmup_steps: int = 2000
    warmup_batch_size: int = 32
    warmup_lr: float = 3e-3
    warmup_weight_decay: float = 0.1
    warmup_pool: int = 20000
    warmup_abstain: float = 0.1
    warmup_auditor_share: float = 0.3
    warmup_difficulty_weights: tuple[float, float, float] = (0.5, 0.5, 0.0)
    # LoRA
    lora_rank: int = 8
    lora_alpha: float = 16.0
    lora_dropout: float = 0.0
    lora_target_modules: list[str] | str = field(
        default_factory=lambda: [
            "q_proj",
            "k_proj",
            "v_proj",
            "o_proj",
            "gate_proj",
            "up_proj",
            "down_proj",
        ]
    )
    # GRPO (TRL), per outer iteration
    solver_steps: int = 16
    auditor_steps: int = 8
    prompts_per_step: int = 4
    num_generations: int = 8
    solver_max_tokens: int = 8
    auditor_max_tokens: int = 8
    learning_rate: float = 1e-3
    auditor_learning_rate: float | None = None  # None: learning_rate
    temperature: float = 1.0
    scale_rewards: str = "batch"
    beta: float = 0.0
    loss_type: str = "dapo"
    grpo_overrides: dict[str, Any] = field(default_factory=dict)  # more GRPOConfig keys
    use_vllm: bool = False
    vllm_mode: str = "server"
    vllm_server_base_url: str | None = None
    # Evaluation: sampled with a fixed seed (the policies the game trains), or greedy
    eval_sample: bool = True
    samples_per_outcome: int = 3
    principal_values: dict[str, float] = field(default_factory=dict)
    sandbox: dict[str, float] = field(
        default_factory=lambda: {"wall_seconds": 3.0, "cpu_seconds": 2, "memory_mb": 256}
    )

    def __post_init__(self) -> None:
        _check(self.suite in SUITES, "suite", f"one of {', '.join(SUITES)}")
        unknown = sorted(set(self.suite_mix) - set(FAMILIES))
        _check(not unknown, "suite_mix", f"families are {', '.join(FAMILIES)}")
        _check(sum(self.suite_mix.values()) > 0, "suite_mix", "needs a positive weight")
        for name in (
            "train_size",
            "validation_size",
            "test_size",
            "target_variants",
            "vocab_size",
            "warmup_batch_size",
            "lora_rank",
            "prompts_per_step",
            "solver_max_tokens",
            "auditor_max_tokens",
            "warmup_pool",
        ):
            _check(_int(getattr(self, name)) and getattr(self, name) >= 1, name, "an integer ≥ 1")
        for name in ("warmup_steps", "solver_steps", "auditor_steps", "samples_per_outcome"):
            _check(_int(getattr(self, name)) and getattr(self, name) >= 0, name, "an integer ≥ 0")
        _check(
            _int(self.num_generations) and self.num_generations >= 2,
            "num_generations",
            "an integer ≥ 2 (GRPO compares generations of one prompt)",
        )
        for name in ("split_fractions", "warmup_difficulty_weights"):
            values = tuple(float(v) for v in getattr(self, name))
            _check(
                len(values) == 3 and min(values) >= 0 and sum(values) > 0,
                name,
                "three non-negative numbers, not all zero",
            )
            object.__setattr__(self, name, values)
        for name in ("warmup_abstain", "warmup_auditor_share"):
            _check(0 <= getattr(self, name) <= 1, name, "a number in [0, 1]")
        _check(self.judge in JUDGES, "judge", f"one of {JUDGES}")
        _check(self.scale_rewards in SCALE_REWARDS, "scale_rewards", f"one of {SCALE_REWARDS}")
        _check(self.vllm_mode in ("server", "colocate"), "vllm_mode", "server or colocate")
        _check(self.precision in ("auto", "bf16", "fp32"), "precision", "auto, bf16 or fp32")
        _check(
            set(self.tiny_model) <= TINY_KEYS
            and {"hidden", "layers", "heads"} <= set(self.tiny_model),
            "tiny_model",
            f"keys among {sorted(TINY_KEYS)}",
        )
        _check(set(self.sandbox) <= SANDBOX_KEYS, "sandbox", f"keys among {sorted(SANDBOX_KEYS)}")
        _check(self.solver_model != SAME, "solver_model", f"{TINY!r}, a local path or a hub id")
        _check(
            self.solver_model != TINY or self.auditor_model in (TINY, SAME),
            "auditor_model",
            f"{SAME!r} (or {TINY!r}) when the solver is the tiny model",
        )
        _check(isinstance(self.eval_sample, bool), "eval_sample", "true or false")
        _check(self.warmup_weight_decay >= 0, "warmup_weight_decay", "a number ≥ 0")
        for name in ("learning_rate", "warmup_lr"):
            _check(float(getattr(self, name)) > 0, name, "a positive number")
        _check(
            self.auditor_learning_rate is None or self.auditor_learning_rate > 0,
            "auditor_learning_rate",
            "a positive number or null",
        )
        self._check_grpo_overrides()
        PrincipalValues.from_dict(self.principal_values)
        tiny = dict(self.tiny_model)
        tiny.setdefault("kv_heads", tiny["heads"])
        tiny.setdefault("intermediate", tiny["hidden"] * 8 // 3)
        tiny.setdefault("max_positions", 128)
        object.__setattr__(self, "tiny_model", tiny)

    def _check_grpo_overrides(self) -> None:
        from trl import GRPOConfig  # only when someone passes overrides

        if not self.grpo_overrides:
            return
        known = {f.name for f in dataclasses.fields(GRPOConfig)}
        for key in sorted(self.grpo_overrides):
            _check(key in known, f"grpo_overrides.{key}", "not a GRPOConfig field")

    @classmethod
    def from_dict(cls, config: Mapping[str, Any] | None) -> LMConfig:
        """`{"preset": "tiny-lm", ...}` starts from a shipped config and overrides its keys (one
        source for the presets: job configs name them instead of copying them)."""
        given = dict(config or {})
        preset = given.pop(PRESET, None)
        if preset is not None:
            if preset not in SHIPPED:
                raise ValueError(f"{PRESET}: expected one of {', '.join(SHIPPED)}")
            given = {**SHIPPED[preset], **given}
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(given) - known)
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown LM-game option; options: {sorted(known)}")
        return cls(**copy.deepcopy(given))

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(asdict(self)))  # tuples become lists: JSON-shaped

    @property
    def auditor_lr(self) -> float:
        return float(self.auditor_learning_rate or self.learning_rate)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check(ok: bool, key: str, expected: str) -> None:
    if not ok:
        raise ValueError(f"{key}: expected {expected}")


# Shipped configs: dicts of overrides of the defaults (see docs/lm-game.md).
SHIPPED: dict[str, dict[str, Any]] = {
    # The CPU demo: about a minute of warm-up, eight outer iterations in under ten minutes.
    "tiny-lm": {},
    # CI-sized: a shorter warm-up and small phases; an end-to-end run in well under 2 minutes.
    "tiny-lm-ci": {
        "train_size": 200,
        "validation_size": 32,
        "test_size": 32,
        "warmup_steps": 1000,
        "warmup_pool": 8000,
        "solver_steps": 4,
        "auditor_steps": 2,
        "samples_per_outcome": 2,
    },
    # A template for a real model on GPUs (not run on the CPU): a pretrained instruct model,
    # bf16, LoRA rank 16, TRL generating through a vLLM server (`trl vllm-serve`).
    "lm": {
        "solver_model": "Qwen/Qwen2.5-0.5B-Instruct",
        "auditor_model": "same",
        "precision": "auto",
        "train_size": 4000,
        "validation_size": 256,
        "test_size": 512,
        "suite_mix": {"arithmetic": 0.5, "word": 0.3, "code": 0.2},
        "warmup_difficulty_weights": [1.0, 1.0, 1.0],
        "warmup_steps": 200,
        "warmup_batch_size": 16,
        "warmup_lr": 1e-4,
        "lora_rank": 16,
        "lora_alpha": 32,
        "solver_steps": 20,
        "auditor_steps": 20,
        "prompts_per_step": 16,
        "num_generations": 8,
        "solver_max_tokens": 64,
        "auditor_max_tokens": 24,
        "learning_rate": 1e-5,
        "use_vllm": True,
        "vllm_mode": "server",
        "vllm_server_base_url": "http://localhost:8000",
        "grpo_overrides": {"gradient_accumulation_steps": 1},
    },
}


def shipped(name: str) -> LMConfig:
    try:
        return LMConfig.from_dict(SHIPPED[name])
    except KeyError:
        raise ValueError(f"no shipped LM config {name!r}; shipped: {', '.join(SHIPPED)}") from None
