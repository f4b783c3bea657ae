"""The supervised warm-up: before the game, the model learns the formats and some skill from
reference answers (solver) and labelled responses (auditor), so GRPO starts from a policy that
sometimes succeeds. Deterministic for the same seed."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from transformers import PreTrainedTokenizerBase

from alignment_jobs.training.formats import (
    ABSTAIN,
    CODE,
    FLAG,
    NUMBER,
    PASS,
    REASONS,
    TEXT,
    auditor_prompt,
)
from alignment_jobs.training.tasks import CODE_TASKS, Task


@dataclass(frozen=True)
class Example:
    prompt: str
    target: str  # what the model should complete (an eos follows)


def reference_answer(task: Task, rng: np.random.Generator, on_target: float = 0.5) -> str:
    """A reference answer: the known one; for target tasks the winner's policy with probability
    `on_target`, else another ranked value's (the game is to tell them apart)."""
    if task.kind != TEXT:
        return task.answer
    winner = [p for v, p in task.references if v == task.target_value]
    others = [p for v, p in task.references if v != task.target_value]
    pool = winner if (not others or rng.random() < on_target) else others
    return pool[rng.integers(len(pool))]


def wrong_answer(task: Task, rng: np.random.Generator) -> str | None:
    """A plausible incorrect answer (None when the task has none to offer)."""
    if task.kind == NUMBER:
        offset = int(rng.choice([-10, -2, -1, 1, 2, 10]))
        return str(int(task.answer) + offset)
    if task.kind == CODE:
        if any(ch.isdigit() for ch in task.answer):
            digits = [i for i, ch in enumerate(task.answer) if ch.isdigit()]
            i = digits[rng.integers(len(digits))]
            changed = str((int(task.answer[i]) + int(rng.integers(1, 9))) % 10)
            return task.answer[:i] + changed + task.answer[i + 1 :]
        bodies = [
            body for level in CODE_TASKS.values() for _, body, kind in level if "{" not in body
        ]
        others = [b for b in bodies if b != task.answer]
        return others[rng.integers(len(others))]
    others = [p for v, p in task.references if v != task.target_value]
    return others[rng.integers(len(others))] if others else None


MALFORMED = ("?", f"1 {PASS}", "= =", f"{FLAG} no", "x x x x")


def solver_example(task: Task, rng: np.random.Generator, abstain: Sequence[float]) -> Example:
    if rng.random() < abstain[task.difficulty]:
        return Example(task.prompt, ABSTAIN)
    return Example(task.prompt, reference_answer(task, rng))


def auditor_example(task: Task, rng: np.random.Generator) -> Example:
    """A response (correct 45%, wrong 35%, abstention 10%, malformed 10%) and its label: pass
    a correct answer or an abstention, flag a wrong or malformed one with a reason; an explicit
    abstain now and then."""
    draw = rng.random()
    wrong = wrong_answer(task, rng) if draw < 0.8 else None
    if 0.45 <= draw < 0.8 and wrong is not None:
        return Example(auditor_prompt(task.question, wrong), f"{FLAG} {REASONS[task.kind]}")
    if draw >= 0.9:
        response = MALFORMED[rng.integers(len(MALFORMED))]
        return Example(auditor_prompt(task.question, response), f"{FLAG} {REASONS['invalid']}")
    if draw >= 0.8:
        return Example(auditor_prompt(task.question, ABSTAIN), PASS)
    correct = reference_answer(task, rng, on_target=1.0)
    label = ABSTAIN if rng.random() < 0.1 else PASS
    return Example(auditor_prompt(task.question, correct), label)


def warmup_examples(
    tasks: Sequence[Task],
    n: int,
    seed: int,
    *,
    abstain: Sequence[float],
    auditor_share: float,
    difficulty_weights: Sequence[float] = (1.0, 1.0, 1.0),
) -> list[Example]:
    """`n` examples drawn from `tasks` by `seed` (a task's chance is its difficulty's weight):
    a share for the auditor, the rest for the solver."""
    rng = np.random.default_rng([seed, 0xA11])
    weights = np.array([float(difficulty_weights[t.difficulty]) for t in tasks])
    if weights.sum() <= 0:
        raise ValueError("warm-up difficulty weights leave no task to learn from")
    chosen = rng.choice(len(tasks), size=int(n), p=weights / weights.sum())
    out = []
    for index in chosen:
        task = tasks[int(index)]
        if rng.random() < auditor_share:
            out.append(auditor_example(task, rng))
        else:
            out.append(solver_example(task, rng, abstain))
    return out


def encode(tokenizer: PreTrainedTokenizerBase, example: Example) -> tuple[list[int], int]:
    """Token ids of prompt + " target" + eos as generation produces them (prompt and completion
    tokenized apart), and the prompt's length (its tokens carry no loss)."""
    prompt = tokenizer(text=example.prompt)["input_ids"]
    target = tokenizer(text=" " + example.target, add_special_tokens=False)["input_ids"]
    return prompt + target + [tokenizer.eos_token_id], len(prompt)


def supervised_warmup(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    examples: Sequence[Example],
    *,
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    weight_decay: float = 0.1,
) -> dict[str, float]:
    """Train every trainable weight of `model` on `examples` (AdamW with β2 = 0.95 and weight
    decay, linear decay of the rate, loss on the completion only); returns the final loss and
    the seconds taken. (With β2 = 0.999 and no decay, a tiny model stays on the plateau before
    it "gets" addition for many more steps, and how many depends on the seed.)"""
    started = time.perf_counter()
    if steps <= 0 or not examples:
        return {"loss": float("nan"), "seconds": 0.0, "steps": 0}
    device = next(model.parameters()).device
    encoded = [encode(tokenizer, e) for e in examples]
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.95), weight_decay=weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: 1.0 - s / max(steps, 1))
    rng = np.random.default_rng([seed, 0xB47])
    model.train()
    loss_value = float("nan")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for _ in range(int(steps)):
            batch = [encoded[i] for i in rng.integers(len(encoded), size=batch_size)]
            width = max(len(ids) for ids, _ in batch)
            ids = torch.full((len(batch), width), tokenizer.pad_token_id, dtype=torch.long)
            labels = torch.full_like(ids, -100)
            mask = torch.zeros_like(ids)
            for row, (tokens, prompt_len) in enumerate(batch):
                ids[row, : len(tokens)] = torch.tensor(tokens)
                labels[row, prompt_len : len(tokens)] = ids[row, prompt_len : len(tokens)]
                mask[row, : len(tokens)] = 1
            out = model(
                input_ids=ids.to(device), attention_mask=mask.to(device), labels=labels.to(device)
            )
            optimiser.zero_grad(set_to_none=True)
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            loss_value = float(out.loss.detach())
    model.eval()
    return {"loss": loss_value, "seconds": time.perf_counter() - started, "steps": int(steps)}
