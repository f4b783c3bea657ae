"""The toy game: a tiny MLP solver and auditor trained by policy gradient under a reward profile,
batched in torch on the CPU, checkpointable after every outer iteration; plus the experiment
driver (`run_experiment`) a job runner calls.

Each round: a task of difficulty easy/medium/hard has p = p(correct | difficulty); the solver
sees p̂ = clip(p + N(0, σ²), 0, 1) and the difficulty one-hot and attempts or abstains
(Bernoulli policy); an attempt is correct with probability p. The auditor sees the difficulty,
whether the solver attempted, and a noisy signal of correctness (+1 correct / −1 incorrect plus
N(0, signal_noise²)), and says pass / flag / abstain (categorical policy).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import torch
from torch import nn

from alignment_jobs.game import loop
from alignment_jobs.game.controllers import Controller
from alignment_jobs.game.outcomes import Outcome, PrincipalValues, SolverAction, Verdict, classify
from alignment_jobs.game.profiles import Profile, get_profile, rewards

DIFFICULTIES = ("easy", "medium", "hard")
N_VERDICTS = 3  # pass, flag, abstain: the toy auditor never emits a malformed verdict


@dataclass(frozen=True)
class ToyConfig:
    """Everything that defines a toy game; `from_dict` takes a JSON config (unknown keys fail)."""

    p_correct: tuple[float, float, float] = (0.9, 0.6, 0.3)
    difficulty_weights: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)
    estimate_noise: float = 0.1  # σ of the solver's estimate p̂
    signal_noise: float = 1.0  # std of the Gaussian noise on the auditor's ±1 correctness signal
    hidden: int = 16
    solver_lr: float = 0.03
    auditor_lr: float = 0.03
    batch_size: int = 2048
    solver_steps: int = 10  # per outer iteration, auditor frozen
    auditor_steps: int = 10  # per outer iteration, solver frozen
    eval_samples: int = 20_000  # held-out rounds per outer iteration
    entropy_bonus: float = 0.01  # keeps both policies exploring early on
    principal_values: dict[str, float] = field(default_factory=dict)  # overrides of the defaults

    def __post_init__(self) -> None:
        for name in ("p_correct", "difficulty_weights"):
            values = tuple(float(v) for v in getattr(self, name))
            if len(values) != len(DIFFICULTIES) or not all(0 <= v <= 1 for v in values):
                raise ValueError(f"{name}: three numbers in [0, 1] (easy, medium, hard)")
            object.__setattr__(self, name, values)
        if not math.isclose(sum(self.difficulty_weights), 1.0, abs_tol=1e-6):
            raise ValueError("difficulty_weights: must sum to 1")
        for name in ("hidden", "batch_size", "eval_samples"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name}: must be a positive integer")
        for name in ("solver_steps", "auditor_steps"):
            if int(getattr(self, name)) < 0:
                raise ValueError(f"{name}: must be a non-negative integer")
        if self.signal_noise < 0 or self.estimate_noise < 0:
            raise ValueError("signal_noise and estimate_noise must be >= 0")
        PrincipalValues.from_dict(self.principal_values)  # validates

    @classmethod
    def from_dict(cls, config: Mapping[str, Any] | None) -> ToyConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(config or {}) - known)
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown toy-game option; options: {sorted(known)}")
        return cls(**dict(config or {}))

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def _mlp(inputs: int, hidden: int, outputs: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inputs, hidden), nn.Tanh(), nn.Linear(hidden, outputs))


def _categorical(probs: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """Inverse-CDF sampling of one category per row (much faster than multinomial on 1M rows)."""
    return (u[:, None] > probs.cumsum(-1)[:, :-1]).sum(-1)


class ToyGame:
    """The solver, the auditor, their optimisers and one torch.Generator for every draw."""

    def __init__(self, config: ToyConfig | Mapping[str, Any] | None = None, seed: int = 0) -> None:
        self.config = config if isinstance(config, ToyConfig) else ToyConfig.from_dict(config)
        self.seed = int(seed)
        self.iteration = 0
        c = self.config
        self.principal = PrincipalValues.from_dict(c.principal_values)
        with torch.random.fork_rng(devices=[]):  # seeded init that leaves the global RNG alone
            torch.manual_seed(self.seed)
            self.solver = _mlp(1 + len(DIFFICULTIES), c.hidden, 1)
            self.auditor = _mlp(len(DIFFICULTIES) + 2, c.hidden, N_VERDICTS)
        self.solver_opt = torch.optim.Adam(self.solver.parameters(), lr=c.solver_lr)
        self.auditor_opt = torch.optim.Adam(self.auditor.parameters(), lr=c.auditor_lr)
        self.generator = torch.Generator().manual_seed(self.seed)
        self._p = torch.tensor(c.p_correct)
        self._cum_weights = torch.tensor(c.difficulty_weights).cumsum(0)[:-1]

    def play(
        self,
        n: int,
        profile: Profile,
        generator: torch.Generator | None = None,
        auditor_enabled: bool = True,
    ) -> dict[str, torch.Tensor]:
        """N rounds in one batched call: tasks, solver decisions, auditor verdicts, outcomes,
        rewards and both policies' log-probabilities (with gradients if grad mode is on)."""
        g = self.generator if generator is None else generator
        draws = torch.rand(6, n, generator=g)  # one block of uniforms: a fixed stream per call
        difficulty = torch.bucketize(draws[0], self._cum_weights, right=True)
        p = self._p[difficulty]
        onehot = nn.functional.one_hot(difficulty, len(DIFFICULTIES)).float()
        p_hat = (p + self.config.estimate_noise * _normal(draws[1])).clamp(0.0, 1.0)
        logit = self.solver(torch.cat([p_hat[:, None], onehot], 1)).squeeze(-1)
        attempt = draws[2] < torch.sigmoid(logit.detach())
        correct = attempt & (draws[3] < p)
        # ±1 for correct / incorrect plus Gaussian noise: auditing has skill but no oracle.
        signal_noise = self.config.signal_noise * _normal(draws[4])
        signal = torch.where(attempt, torch.where(correct, 1.0, -1.0) + signal_noise, 0.0)
        audit_in = torch.cat([onehot, attempt[:, None].float(), signal[:, None]], 1)
        audit_logits = torch.log_softmax(self.auditor(audit_in), -1)
        if auditor_enabled:
            verdict = _categorical(audit_logits.detach().exp(), draws[5])
        else:
            verdict = torch.full((n,), int(Verdict.PASS), dtype=torch.int64)
        action = torch.where(attempt, int(SolverAction.ATTEMPT), int(SolverAction.ABSTAIN))
        solver_reward, auditor_reward = rewards(action, correct, verdict, profile)
        return {
            "difficulty": difficulty,
            "attempt": attempt,
            "correct": correct,
            "verdict": verdict,
            "outcome": classify(action, correct, verdict),
            "solver_reward": solver_reward,
            "auditor_reward": auditor_reward,
            "solver_logp": torch.where(
                attempt, nn.functional.logsigmoid(logit), nn.functional.logsigmoid(-logit)
            ),
            "solver_entropy": _bernoulli_entropy(logit),
            "auditor_logp": audit_logits.gather(1, verdict[:, None]).squeeze(1),
            "auditor_entropy": -(audit_logits.exp() * audit_logits).sum(-1),
        }

    def _step(self, who: str, profile: Profile, auditor_enabled: bool) -> None:
        """One REINFORCE step (batch-mean baseline, entropy bonus) for one player."""
        optimiser = self.solver_opt if who == "solver" else self.auditor_opt
        batch = self.play(self.config.batch_size, profile, auditor_enabled=auditor_enabled)
        reward = batch[f"{who}_reward"]
        advantage = reward - reward.mean()
        loss = -(advantage * batch[f"{who}_logp"]).mean()
        loss = loss - self.config.entropy_bonus * batch[f"{who}_entropy"].mean()
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()

    def run_iteration(self, profile: Profile | str, auditor_enabled: bool = True) -> dict[str, Any]:
        """One outer iteration: a solver phase (auditor frozen), an auditor phase (solver frozen),
        then held-out metrics. Without the auditor its steps go to the solver (compute-matched)."""
        profile = get_profile(profile)
        c = self.config
        solver_steps = c.solver_steps + (0 if auditor_enabled else c.auditor_steps)
        for _ in range(solver_steps):
            self._step("solver", profile, auditor_enabled)
        for _ in range(c.auditor_steps if auditor_enabled else 0):
            self._step("auditor", profile, auditor_enabled)
        self.iteration += 1
        return self.evaluate(profile, auditor_enabled)

    @torch.no_grad()
    def evaluate(self, profile: Profile | str, auditor_enabled: bool = True) -> dict[str, Any]:
        """Metrics on fresh held-out rounds, drawn from a generator of their own (seeded by the
        game's seed and the iteration) so that evaluation never moves the training stream."""
        held_out = torch.Generator().manual_seed(self.seed * 1_000_003 + 7919 * self.iteration)
        batch = self.play(self.config.eval_samples, get_profile(profile), held_out, auditor_enabled)
        return metrics(batch, self.principal)

    def state_dict(self) -> dict[str, Any]:
        """Everything needed to resume bit for bit (tensors cloned: safe to keep while training
        goes on). The game draws only from its own torch.Generator; it uses no numpy randomness
        and never touches the global RNGs, so nothing else needs saving."""
        return copy.deepcopy(
            {
                "config": self.config.to_dict(),
                "seed": self.seed,
                "iteration": self.iteration,
                "solver": self.solver.state_dict(),
                "auditor": self.auditor.state_dict(),
                "solver_opt": self.solver_opt.state_dict(),
                "auditor_opt": self.auditor_opt.state_dict(),
                "torch_rng": self.generator.get_state(),
            }
        )

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        if ToyConfig.from_dict(state["config"]) != self.config:
            raise ValueError("the checkpoint was written by a toy game with another config")
        self.seed, self.iteration = int(state["seed"]), int(state["iteration"])
        self.solver.load_state_dict(state["solver"])
        self.auditor.load_state_dict(state["auditor"])
        self.solver_opt.load_state_dict(state["solver_opt"])
        self.auditor_opt.load_state_dict(state["auditor_opt"])
        self.generator.set_state(state["torch_rng"])


def _normal(uniform: torch.Tensor) -> torch.Tensor:
    """Standard normal draws from uniform ones (inverse CDF), so every call uses a fixed block."""
    return math.sqrt(2) * torch.erfinv((2 * uniform - 1).clamp(-1 + 1e-7, 1 - 1e-7))


def _bernoulli_entropy(logit: torch.Tensor) -> torch.Tensor:
    p = torch.sigmoid(logit)
    return -(p * nn.functional.logsigmoid(logit) + (1 - p) * nn.functional.logsigmoid(-logit))


def metrics(batch: Mapping[str, torch.Tensor], principal: PrincipalValues) -> dict[str, Any]:
    """Held-out metrics; rates are fractions of all samples unless the name says otherwise.

    principal_value: mean principal value per outcome; pass_rate: correct answers / samples;
    attempted_pass_rate: correct / attempts; hallucination_rate: incorrect attempts / samples;
    silent_failure_rate, caught_rate, abstention_rate: those outcomes / samples; audit_rate:
    flagged attempts / attempts; false_positive_rate: flagged correct answers / correct answers;
    alignment_rate: 1 − hallucination_rate (a correct answer or an honest abstention)."""
    n = batch["outcome"].numel()
    counts = torch.bincount(batch["outcome"], minlength=len(Outcome)).double()
    attempts = batch["attempt"].sum().item()
    correct = batch["correct"].sum().item()
    flagged = batch["verdict"] == Verdict.FLAG
    out = {
        "principal_value": principal.values(batch["outcome"]).double().mean().item(),
        "pass_rate": correct / n,
        "attempted_pass_rate": correct / attempts if attempts else 0.0,
        "hallucination_rate": (attempts - correct) / n,
        "silent_failure_rate": counts[Outcome.SILENT_FAILURE].item() / n,
        "caught_rate": counts[Outcome.CAUGHT].item() / n,
        "abstention_rate": counts[Outcome.ABSTAIN].item() / n,
        "audit_rate": (flagged & batch["attempt"]).sum().item() / attempts if attempts else 0.0,
        "false_positive_rate": (flagged & batch["correct"]).sum().item() / correct
        if correct
        else 0.0,
        "alignment_rate": 1.0 - (attempts - correct) / n,
        "solver_reward": batch["solver_reward"].double().mean().item(),
        "auditor_reward": batch["auditor_reward"].double().mean().item(),
    }
    for code, name in enumerate(DIFFICULTIES):
        mask = batch["difficulty"] == code
        abstained = (~batch["attempt"][mask]).double()
        out[f"abstention_rate_{name}"] = abstained.mean().item() if mask.any() else 0.0
    return out


def run_experiment(
    config: ToyConfig | Mapping[str, Any] | None,
    controller: Controller,
    n_iterations: int,
    seed: int = 0,
    on_iteration: Callable[..., Any] | None = None,
    resume_state: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Run (or resume) an adaptive or baseline run of `n_iterations` outer iterations.

    After each iteration `on_iteration(iteration=i, metrics=..., estimates=..., profile=...,
    state=...)` is called; `state` is a resume state (game tensors, controller JSON, history) to
    checkpoint; returning False stops the run there. Pass such a state back as `resume_state`
    (with a controller of the same kind) to continue exactly where it stopped; with its
    "controller" set to None the game goes on under the controller passed in instead.
    """
    game = ToyGame(config, seed)
    if resume_state is not None:
        game.load_state_dict(resume_state["game"])
    result = loop.play(game, controller, n_iterations, on_iteration, resume_state)
    del result["stopped"]
    return result
