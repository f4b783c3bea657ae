"""The LM game and its experiment driver: `run_experiment` has the contract of
`game.toy.run_experiment` (the job runner calls either), plus the caller's `work_dir`, an
optional target document and the resolver that judges target answers.

Each outer iteration: a solver phase (GRPO, auditor frozen; the solver is paid through the
auditor's sampled verdict, resolution and the controller's profile), an auditor phase (GRPO,
solver frozen, on the solver's fresh sampled answers), then one round on the validation split
(sampled from a seed of its own, or greedy) for the metrics. After the last iteration the solver is evaluated on the test split; the same
evaluation ran once before training, so the result holds both.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

import alignment_jobs.training  # noqa: F401 (sets the offline switches before any HF import)
from alignment_jobs.game import loop
from alignment_jobs.game.controllers import Controller
from alignment_jobs.game.outcomes import PrincipalValues
from alignment_jobs.game.profiles import Profile, get_profile
from alignment_jobs.training.checking import Checker
from alignment_jobs.training.config import LMConfig
from alignment_jobs.training.evaluation import (
    before_after,
    context_scores,
    lm_metrics,
    play,
    samples_by_outcome,
)
from alignment_jobs.training.formats import auditor_prompt, parse_solver
from alignment_jobs.training.models import (
    adapter_state,
    generate,
    load_adapter_state,
    pick_device,
    seeded,
    tokenizer_provenance,
    use_bf16,
)
from alignment_jobs.training.phases import grpo_args, train_phase
from alignment_jobs.training.players import (
    adapter_warmup,
    is_tiny,
    pretrained_players,
    tiny_base,
    tiny_players,
    warmup_tasks,
)
from alignment_jobs.training.rewards import AuditorReward, Judge, SolverReward
from alignment_jobs.training.sandbox import SandboxLimits
from alignment_jobs.training.state import plain, rng_states, set_rng_states
from alignment_jobs.training.tasks import SPLITS, TARGET, build_suite

FORMAT = "mgp-lm-game/1"


def phase_seed(seed: int, iteration: int, phase: int) -> int:
    return int(np.random.SeedSequence([seed, iteration, phase]).generate_state(1)[0] % 2**31)


class LMGame:
    """Both players, the task splits, resolution, and everything a checkpoint must restore."""

    def __init__(
        self,
        config: LMConfig | Mapping[str, Any] | None,
        seed: int = 0,
        *,
        work_dir: str | Path,
        target_document: Mapping[str, Any] | None = None,
        resolver: Any = None,
        resume: Mapping[str, Any] | None = None,
    ) -> None:
        self.config = config if isinstance(config, LMConfig) else LMConfig.from_dict(config)
        c, self.seed, self.iteration = self.config, int(seed), 0
        self.work_dir = Path(work_dir)
        self.principal = PrincipalValues.from_dict(c.principal_values)
        if c.suite == TARGET and resolver is None:
            raise ValueError("the target suite needs a resolver (resolver=...)")
        self.splits = build_suite(
            c.suite,
            seed=self.seed,
            sizes={"train": c.train_size, "validation": c.validation_size, "test": c.test_size},
            mix=c.suite_mix,
            document=target_document,
            variants=c.target_variants,
            fractions=c.split_fractions,
        )
        sandbox = dict(c.sandbox)
        self.checker = Checker(
            resolver,
            SandboxLimits(
                wall_seconds=float(sandbox.get("wall_seconds", 3.0)),
                cpu_seconds=int(sandbox.get("cpu_seconds", 2)),
                memory_bytes=int(float(sandbox.get("memory_mb", 256)) * 2**20),
            ),
        )
        self.device = pick_device(c.device)
        self.bf16 = use_bf16(self.device, c.precision)
        self.base: dict[str, Any] | None = None
        warmup: dict[str, Any] = {}
        if is_tiny(c):
            self.base = resume["base"] if resume else tiny_base(c, self.splits, seed, self.work_dir)
            self.solver, self.auditor = tiny_players(c, self.base, self.seed, self.device)
            warmup = dict(self.base["warmup"])
        else:
            self.solver, self.auditor = pretrained_players(c, self.seed, self.device, self.bf16)
            if not resume:
                tasks = warmup_tasks(c, self.splits, self.seed)
                warmup = adapter_warmup(c, (self.solver, self.auditor), tasks, self.seed)
        self.provenance = {
            "solver_model": c.solver_model,
            "auditor_model": c.auditor_model,
            "solver_base_sha256": self.solver.base_sha256,
            "auditor_base_sha256": self.auditor.base_sha256,
            # "tiny": the project trained it on this suite's texts (its hash pins which).
            "tokenizer": tokenizer_provenance(self.solver.tokenizer, c.solver_model),
            "device": self.device.type,
            "bf16": self.bf16,
            "warmup": warmup,
        }
        self.train_log: dict[str, float] = {}
        if resume:
            self.load_state_dict(resume)
        else:
            self.before = self.evaluate("test", "default", auditor_enabled=True)[0]

    # ------------------------------------------------------------------ play and evaluation

    def judge(self, *, sample: bool) -> Judge:
        """The auditor as a judge: sampled in training (its behaviour policy)."""
        return Judge(
            self.auditor.model,
            self.auditor.tokenizer,
            max_new_tokens=self.config.auditor_max_tokens,
            sample=sample,
            temperature=self.config.temperature,
        )

    def evaluate(
        self, split: str, profile: Profile | str, auditor_enabled: bool = True
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Play on a split: ({"metrics", "contexts"}, records). Sampled (config eval_sample)
        from a seed of its own (the run's seed, the iteration, the split), in a forked RNG so
        that evaluation never moves the training stream; or greedy."""
        sample = self.config.eval_sample
        with seeded(phase_seed(self.seed, self.iteration, 2 + SPLITS.index(split)), self.device):
            batch, records = play(
                self.solver.model,
                self.solver.tokenizer,
                self.judge(sample=sample) if auditor_enabled else None,
                self.splits[split],
                self.checker,
                get_profile(profile),
                max_tokens=self.config.solver_max_tokens,
                sample=sample,
                temperature=self.config.temperature,
            )
        return {
            "metrics": lm_metrics(batch, self.principal),
            "contexts": context_scores(records),
        }, records

    # ------------------------------------------------------------------ training

    def _args(self, steps: int, lr: float, max_tokens: int, seed: int, out: str) -> Any:
        url = self.config.vllm_server_base_url
        return grpo_args(
            self.config,
            steps=steps,
            lr=lr,
            max_tokens=max_tokens,
            seed=seed,
            output_dir=out,
            device=self.device,
            bf16=self.bf16,
            vllm_url=url,
        )

    def solver_phase(self, profile: Profile, steps: int, auditor_enabled: bool, out: str) -> None:
        tasks = self.splits["train"]
        judge = self.judge(sample=True) if auditor_enabled else None
        reward = SolverReward(tasks, self.checker, profile, judge)
        rows = [{"prompt": t.prompt, "task_index": i} for i, t in enumerate(tasks)]
        seed = phase_seed(self.seed, self.iteration, 0)
        args = self._args(
            steps, self.config.learning_rate, self.config.solver_max_tokens, seed, out
        )
        train_phase(
            self.solver.model, self.solver.tokenizer, rows, reward, self.solver.optimiser, args
        )
        self.train_log.update(reward.log.summary("train_solver"))

    def auditor_rows(self, seed: int) -> list[dict[str, Any]]:
        """The auditor phase's prompts: train tasks with the solver's fresh sampled answers."""
        c, tasks = self.config, self.splits["train"]
        rng = np.random.default_rng(seed)
        chosen = [
            tasks[i] for i in rng.integers(len(tasks), size=c.auditor_steps * c.prompts_per_step)
        ]
        with seeded(seed, self.device):
            responses = generate(
                self.solver.model,
                self.solver.tokenizer,
                [t.prompt for t in chosen],
                max_new_tokens=c.solver_max_tokens,
                sample=True,
                temperature=c.temperature,
            )
        parsed = [parse_solver(r, t.kind) for r, t in zip(responses, chosen, strict=True)]
        correct = self.checker.correct(chosen, parsed)
        return [
            {"prompt": auditor_prompt(t.question, r), "action": int(p.action), "correct": bool(ok)}
            for t, r, p, ok in zip(chosen, responses, parsed, correct, strict=True)
        ]

    def auditor_phase(self, profile: Profile, out: str) -> None:
        seed = phase_seed(self.seed, self.iteration, 1)
        rows = self.auditor_rows(seed)
        reward = AuditorReward(profile)
        args = self._args(
            self.config.auditor_steps,
            self.config.auditor_lr,
            self.config.auditor_max_tokens,
            seed,
            out,
        )
        train_phase(
            self.auditor.model, self.auditor.tokenizer, rows, reward, self.auditor.optimiser, args
        )
        self.train_log.update(reward.log.summary("train_auditor"))

    def run_iteration(self, profile: Profile | str, auditor_enabled: bool = True) -> dict[str, Any]:
        """One outer iteration; without the auditor its steps go to the solver (compute-matched,
        as in the toy game) and nothing is flagged. Returns the validation metrics."""
        profile, c = get_profile(profile), self.config
        self.train_log = {}
        self.work_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="grpo-", dir=self.work_dir) as out:
            steps = c.solver_steps + (0 if auditor_enabled else c.auditor_steps)
            self.solver_phase(profile, steps, auditor_enabled, out)
            if auditor_enabled and c.auditor_steps:
                self.auditor_phase(profile, out)
        self.iteration += 1
        result = self.evaluate("validation", profile, auditor_enabled)[0]["metrics"]
        return {**result, **self.train_log}

    # ------------------------------------------------------------------ checkpoints

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to resume exactly: both adapters and optimisers, the tiny base
        (tokenizer and weights: it is small), the RNG states, provenance and the pre-training
        evaluation. Tensors are CPU clones; the rest is plain data."""
        return plain(
            {
                "format": FORMAT,
                "config": self.config.to_dict(),
                "seed": self.seed,
                "iteration": self.iteration,
                "base": copy.deepcopy(self.base),
                "provenance": copy.deepcopy(self.provenance),
                "solver": {
                    "adapter": adapter_state(self.solver.model),
                    "optimiser": copy.deepcopy(self.solver.optimiser.state_dict()),
                },
                "auditor": {
                    "adapter": adapter_state(self.auditor.model),
                    "optimiser": copy.deepcopy(self.auditor.optimiser.state_dict()),
                },
                "rng": rng_states(),
                "before": copy.deepcopy(self.before),
            }
        )

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        if state.get("format") != FORMAT:
            raise ValueError(f"not an LM-game checkpoint (format {state.get('format')!r})")
        if LMConfig.from_dict(state["config"]) != self.config:
            raise ValueError("the checkpoint was written by an LM game with another config")
        for role in ("solver", "auditor"):
            want = state["provenance"][f"{role}_base_sha256"]
            if want != getattr(self, role).base_sha256:
                raise ValueError(f"the {role}'s base weights differ from the checkpoint's")
        self.seed, self.iteration = int(state["seed"]), int(state["iteration"])
        self.provenance = copy.deepcopy(dict(state["provenance"]))
        self.before = copy.deepcopy(state["before"])
        for role in ("solver", "auditor"):
            player = getattr(self, role)
            load_adapter_state(player.model, state[role]["adapter"])
            player.optimiser.load_state_dict(copy.deepcopy(state[role]["optimiser"]))
        set_rng_states(state["rng"])


def run_experiment(
    config: LMConfig | Mapping[str, Any] | None,
    controller: Controller,
    n_iterations: int,
    seed: int = 0,
    on_iteration: Callable[..., Any] | None = None,
    resume_state: Mapping[str, Any] | None = None,
    *,
    work_dir: str | Path,
    target_document: Mapping[str, Any] | None = None,
    resolver: Any = None,
) -> dict[str, Any]:
    """Run (or resume) `n_iterations` outer iterations of the LM game under `controller`.

    As `game.toy.run_experiment`: after each iteration `on_iteration(iteration=i, state=...,
    metrics=..., estimates=..., profile=...)`; returning False stops the run. `state` (game,
    controller, history) resumes exactly when passed back as `resume_state`. The result adds
    "final" (test-split evaluation before and after training, per-context scores) and
    "samples" (a few test records per outcome), both None when the run stopped early.
    """
    game_state = resume_state["game"] if resume_state is not None else None
    game = LMGame(
        config,
        seed,
        work_dir=work_dir,
        target_document=target_document,
        resolver=resolver,
        resume=game_state,
    )
    played = loop.play(game, controller, n_iterations, on_iteration, resume_state)
    history = played["history"]
    final = samples = None
    if not played["stopped"]:
        last = Profile.from_dict(history[-1]["profile"]) if history else get_profile("default")
        after, records = game.evaluate("test", last, controller.auditor_enabled)
        final = {
            "before": game.before,
            "after": after,
            "contexts": before_after(game.before["contexts"], after["contexts"]),
            "provenance": game.provenance,
        }
        samples = samples_by_outcome(records, game.config.samples_per_outcome)
    del played["stopped"]
    return {**played, "final": final, "samples": samples}
