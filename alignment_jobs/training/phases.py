"""One training phase of one player through TRL's GRPOTrainer: its GRPOConfig (CPU or GPU, bf16,
vLLM), the phase's dataset, and an optimiser that this project owns, so its state lives on from
phase to phase and travels in checkpoints. The trainer writes nothing outside `work_dir`."""

from __future__ import annotations

import contextlib
import gc
import logging
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import torch

from alignment_jobs.training.config import LMConfig

logging.getLogger("transformers").setLevel(logging.ERROR)
logging.getLogger("trl").setLevel(logging.ERROR)


def make_optimiser(model: torch.nn.Module, lr: float) -> torch.optim.AdamW:
    """AdamW over the trainable (LoRA) weights; GRPO's trainer steps it, this project keeps it."""
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("the model has no trainable weights (no LoRA adapter?)")
    return torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.999), weight_decay=0.0)


def grpo_args(
    config: LMConfig,
    *,
    steps: int,
    lr: float,
    max_tokens: int,
    seed: int,
    output_dir: str,
    device: torch.device,
    bf16: bool,
    vllm_url: str | None,
) -> Any:
    """The phase's GRPOConfig: `steps` optimiser steps of `prompts_per_step` prompts ×
    `num_generations` completions each; nothing saved or reported; CPU or GPU as given."""
    from trl import GRPOConfig

    generations = int(config.num_generations)
    options: dict[str, Any] = {
        "output_dir": output_dir,
        "max_steps": int(steps),
        "per_device_train_batch_size": int(config.prompts_per_step) * generations,
        "gradient_accumulation_steps": 1,
        "num_generations": generations,
        "max_completion_length": int(max_tokens),
        "learning_rate": float(lr),
        "lr_scheduler_type": "constant",
        "warmup_steps": 0,
        "temperature": float(config.temperature),
        "top_k": 0,
        "top_p": 1.0,
        "scale_rewards": config.scale_rewards,
        "beta": float(config.beta),
        "loss_type": config.loss_type,
        "seed": int(seed),
        "data_seed": int(seed),
        "use_cpu": device.type == "cpu",
        "bf16": bool(bf16),
        "fp16": False,
        "activation_checkpointing": False,  # (TRL turns it on by default; tiny models need none)
        "report_to": "none",
        "save_strategy": "no",
        "eval_strategy": "no",
        "logging_strategy": "no",
        "log_completions": False,
        "disable_tqdm": True,
        "log_level": "error",
        "dataloader_num_workers": 0,
        "remove_unused_columns": False,
        "shuffle_dataset": True,
        "push_to_hub": False,
        "use_vllm": bool(config.use_vllm),
    }
    if config.use_vllm:
        options["vllm_mode"] = config.vllm_mode
        if config.vllm_mode == "server" and vllm_url:
            options["vllm_server_base_url"] = vllm_url
    options.update(config.grpo_overrides)
    return GRPOConfig(**options)


def train_phase(
    model: torch.nn.Module,
    tokenizer: Any,
    rows: Sequence[dict[str, Any]],
    reward: Callable[..., list[float]],
    optimiser: torch.optim.Optimizer,
    args: Any,
) -> dict[str, float]:
    """Run GRPO on `rows` (each has "prompt" and the columns the reward reads) for the steps in
    `args`; the model's adapter and `optimiser` are updated in place. Returns TRL's last logged
    training numbers that are plain floats (loss, reward, …)."""
    from datasets import Dataset
    from transformers import PrinterCallback, ProgressCallback
    from trl import GRPOTrainer

    if args.max_steps <= 0:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        trainer = GRPOTrainer(
            model=model,
            reward_funcs=[reward],
            args=args,
            train_dataset=Dataset.from_list(list(rows)),
            processing_class=tokenizer,
            optimizers=(optimiser, None),
        )
        for callback in (PrinterCallback, ProgressCallback):
            trainer.remove_callback(callback)  # no logs printed: the metrics come back instead
        output = trainer.train()
    numbers = {k: float(v) for k, v in (output.metrics or {}).items() if isinstance(v, int | float)}
    _release(trainer)
    model.eval()
    return numbers


def _release(trainer: Any) -> None:
    """Drop the trainer (and a vLLM client's communicator, when there is one) before the next
    phase builds its own."""
    generation = getattr(trainer, "vllm_generation", None)
    client = getattr(generation, "vllm_client", None)
    if client is not None and hasattr(client, "close_communicator"):
        with contextlib.suppress(Exception):  # a server that is gone has nothing to close
            client.close_communicator()
    trainer.model_wrapped = trainer.model = trainer.optimizer = None
    del trainer
    gc.collect()
