"""Benchmark: GRPO + LoRA steps per second and generated tokens per second of the LM game's solver
phase (TRL's GRPOTrainer, the game's reward on verifiable tasks), for a ~0.5B-parameter model
built from config with random weights (Qwen2.5-0.5B's geometry: 24 layers, hidden 896, vocab
151,936). Uses the GPU when there is one (bf16); on the CPU pass --tiny (the 316k-parameter
model of the `tiny-lm` config) unless you have a lot of time.

    .venv/bin/python bench/lm_throughput.py [--tiny] [--steps 10] [--prompts 8] [--generations 8]
        [--max-tokens 64] [--lora-rank 16] [--threads 1]

Prints the environment, the model's size, seconds per GRPO step (TRL's own train runtime,
trainer construction excluded, after one untimed warm-up phase), generated completion tokens per
second during those steps, and plain `generate` throughput for comparison. No target: figures
are for sizing (docs/lm-game.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

import torch
from common import print_environment
from transformers import LlamaConfig, LlamaForCausalLM

import alignment_jobs.training  # noqa: F401 (offline switches)
from alignment_jobs.game.baselines import SOLVER_ONLY
from alignment_jobs.training.checking import Checker
from alignment_jobs.training.config import LMConfig
from alignment_jobs.training.models import (
    add_lora,
    count_parameters,
    generate,
    pick_device,
    tiny_llama,
    use_bf16,
)
from alignment_jobs.training.phases import grpo_args, make_optimiser, train_phase
from alignment_jobs.training.rewards import SolverReward
from alignment_jobs.training.tasks import build_suite, suite_texts
from alignment_jobs.training.tokenizer import train_tokenizer

HALF_BILLION = {  # Qwen2.5-0.5B's geometry (its real vocabulary size: most of its parameters)
    "vocab_size": 151_936,
    "hidden_size": 896,
    "intermediate_size": 4864,
    "num_hidden_layers": 24,
    "num_attention_heads": 14,
    "num_key_value_heads": 2,
    "max_position_embeddings": 2048,
    "tie_word_embeddings": True,
}


class CountingReward(SolverReward):
    """The game's solver reward (no auditor: the solver-only profile), counting the tokens it
    was handed."""

    tokens = 0

    def __call__(self, prompts, completions, task_index, **kwargs):
        CountingReward.tokens += sum(len(ids) for ids in kwargs.get("completion_ids") or [])
        return super().__call__(prompts, completions, task_index, **kwargs)


def build(tiny: bool, tokenizer, device: torch.device, bf16: bool) -> torch.nn.Module:
    if tiny:
        return tiny_llama(tokenizer, LMConfig().tiny_model, seed=0).to(device)
    config = LlamaConfig(
        **HALF_BILLION,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None,
    )
    with torch.device(device):
        model = LlamaForCausalLM(config).to(torch.bfloat16 if bf16 else torch.float32)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    return model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tiny", action="store_true", help="the tiny-lm model (for the CPU)")
    parser.add_argument("--steps", type=int, default=10, help="timed GRPO steps")
    parser.add_argument("--prompts", type=int, default=8, help="prompts per step")
    parser.add_argument("--generations", type=int, default=8, help="completions per prompt")
    parser.add_argument("--max-tokens", type=int, default=64, help="max completion tokens")
    parser.add_argument("--lora-rank", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = pick_device("auto")
    if device.type == "cpu" and not args.tiny:
        print("no GPU here: pass --tiny (a 0.5B model on the CPU takes far too long)")
        return 2
    bf16 = use_bf16(device)
    splits = build_suite("verifiable", seed=0, sizes={"train": 256, "validation": 1, "test": 1})
    tokenizer = train_tokenizer(suite_texts(splits), 300)
    model = add_lora(
        build(args.tiny, tokenizer, device, bf16),
        rank=args.lora_rank,
        alpha=2 * args.lora_rank,
        seed=0,
    )
    config = LMConfig.from_dict(
        {
            "prompts_per_step": args.prompts,
            "num_generations": args.generations,
            "solver_max_tokens": args.max_tokens,
        }
    )
    tasks = splits["train"]
    rows = [{"prompt": t.prompt, "task_index": i} for i, t in enumerate(tasks)]
    optimiser = make_optimiser(model, 1e-5)
    reward = CountingReward(tasks, Checker(), SOLVER_ONLY, None)
    with tempfile.TemporaryDirectory(prefix="lm-bench-") as out:

        def phase(steps: int) -> dict[str, float]:
            args_ = grpo_args(
                config,
                steps=steps,
                lr=1e-5,
                max_tokens=args.max_tokens,
                seed=0,
                output_dir=out,
                device=device,
                bf16=bf16,
                vllm_url=None,
            )
            return train_phase(model, tokenizer, rows, reward, optimiser, args_)

        phase(1)  # untimed: allocations, kernel selection
        CountingReward.tokens = 0
        numbers = phase(args.steps)
    runtime = numbers.get("train_runtime") or float("nan")
    prompts = [t.prompt for t in tasks[: args.prompts * args.generations]]
    started = time.perf_counter()
    texts = generate(model, tokenizer, prompts, max_new_tokens=args.max_tokens, sample=True)
    gen_seconds = time.perf_counter() - started
    gen_tokens = sum(len(tokenizer(text=t, add_special_tokens=False)["input_ids"]) for t in texts)
    print_environment(
        {
            "torch": f"{torch.__version__}, {torch.get_num_threads()} thread(s)",
            "device": f"{device} ({'bf16' if bf16 else 'fp32'})",
        }
    )
    print(
        f"model: {count_parameters(model):,} parameters "
        f"({count_parameters(model, trainable_only=True):,} LoRA, rank {args.lora_rank})"
    )
    print(
        f"batch: {args.prompts} prompts x {args.generations} completions, "
        f"up to {args.max_tokens} tokens each"
    )
    print(
        f"GRPO+LoRA: {args.steps} steps in {runtime:.2f} s: {runtime / args.steps:.3f} s/step, "
        f"{args.steps / runtime:.2f} steps/s"
    )
    print(
        f"generated: {CountingReward.tokens} completion tokens in those steps: "
        f"{CountingReward.tokens / runtime:.0f} tokens/s (generation + scoring + update)"
    )
    print(
        f"generate alone: {gen_tokens} tokens in {gen_seconds:.2f} s: "
        f"{gen_tokens / gen_seconds:.0f} tokens/s (batch of {len(prompts)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
