"""Prompts, control tokens and output parsing of the LM game: text in, action or verdict out.

The solver sees ``Q: <question>\\nA:`` and answers, or emits the abstain token. The auditor sees
the task and the solver's response, ``Q: <question>\\nA: <response>\\nV:``, and emits the pass
token, the abstain token, or the flag token followed by a short reason. Anything else is
malformed: `SolverAction.INVALID` / `Verdict.INVALID`.

The control tokens are ordinary added tokens (not special ones), because TRL decodes completions
with special tokens skipped and the reward functions must still see them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from alignment_jobs.game.outcomes import SolverAction, Verdict

ABSTAIN = "<abstain>"
FLAG = "<flag>"
PASS = "<pass>"  # noqa: S105 (a verdict token, not a password)
CONTROL_TOKENS: tuple[str, ...] = (ABSTAIN, FLAG, PASS)

# Answer kinds: what a well-formed attempt looks like.
NUMBER, CODE, TEXT = "number", "code", "text"
KINDS = (NUMBER, CODE, TEXT)

# The reasons the warm-up teaches the auditor to give, by the kind of answer it flags.
REASONS = {
    NUMBER: "wrong number",
    CODE: "fails its tests",
    TEXT: "serves another value",
    "invalid": "malformed answer",
}
MAX_REASON_WORDS = 8
MAX_TEXT_WORDS = 40
MAX_CODE_CHARS = 400
_NUMBER = re.compile(r"-?\d{1,12}")
_WORD = re.compile(r"\S+")
_REASON = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'-]*")


def solver_prompt(question: str) -> str:
    return f"Q: {question}\nA:"


def auditor_prompt(question: str, response: str) -> str:
    """What the auditor judges: the task and the solver's response exactly as parsed."""
    shown = " ".join(response.split()) or "(empty)"
    return f"Q: {question}\nA: {shown}\nV:"


@dataclass(frozen=True)
class ParsedAnswer:
    action: SolverAction
    answer: str = ""  # the attempt's normalised text ("" unless ATTEMPT)
    problem: str = ""  # why the output is malformed (INVALID only)


@dataclass(frozen=True)
class ParsedVerdict:
    verdict: Verdict
    reason: str = ""  # the flag's reason (FLAG only)
    problem: str = ""


def _has_control(text: str) -> bool:
    return any(token in text for token in CONTROL_TOKENS)


def parse_solver(text: str, kind: str) -> ParsedAnswer:
    """The solver's action from its completion: exactly the abstain token, or a well-formed
    answer of `kind` (an integer; a function body that compiles; 1..40 words of text)."""
    if kind not in KINDS:
        raise ValueError(f"unknown answer kind {kind!r}; kinds: {', '.join(KINDS)}")
    stripped = (text or "").strip()
    if stripped == ABSTAIN:
        return ParsedAnswer(SolverAction.ABSTAIN)
    if not stripped:
        return ParsedAnswer(SolverAction.INVALID, problem="empty")
    if _has_control(stripped):
        return ParsedAnswer(SolverAction.INVALID, problem="control token inside an answer")
    if kind == NUMBER:
        if not _NUMBER.fullmatch(stripped):
            return ParsedAnswer(SolverAction.INVALID, problem="not an integer")
        return ParsedAnswer(SolverAction.ATTEMPT, str(int(stripped)))
    if kind == CODE:
        problem = code_problem(stripped)
        if problem:
            return ParsedAnswer(SolverAction.INVALID, problem=problem)
        return ParsedAnswer(SolverAction.ATTEMPT, stripped)
    words = _WORD.findall(stripped)
    if len(words) > MAX_TEXT_WORDS:
        return ParsedAnswer(SolverAction.INVALID, problem=f"more than {MAX_TEXT_WORDS} words")
    return ParsedAnswer(SolverAction.ATTEMPT, " ".join(words))


def code_problem(body: str) -> str:
    """Why `body` is not a well-formed one-argument function body ("" when it is)."""
    if len(body) > MAX_CODE_CHARS:
        return f"longer than {MAX_CODE_CHARS} characters"
    try:
        ast.parse(function_source(body))
    except (SyntaxError, ValueError) as exc:
        return f"does not compile: {type(exc).__name__}"
    return ""


def function_source(body: str, name: str = "f", argument: str = "x") -> str:
    """`def f(x):` with the solver's body (statements split by newlines or `;`) indented."""
    lines = [line for line in body.replace(";", "\n").splitlines() if line.strip()]
    return f"def {name}({argument}):\n" + "".join(f"    {line.strip()}\n" for line in lines)


def parse_auditor(text: str) -> ParsedVerdict:
    """The auditor's verdict: exactly the pass or abstain token, or the flag token followed by a
    reason of 1..8 plain words. A flag without a reason, or anything else, is INVALID."""
    stripped = " ".join((text or "").split())
    if stripped == PASS:
        return ParsedVerdict(Verdict.PASS)
    if stripped == ABSTAIN:
        return ParsedVerdict(Verdict.ABSTAIN)
    if stripped.startswith(FLAG):
        reason = stripped[len(FLAG) :].strip()
        if not reason:
            return ParsedVerdict(Verdict.INVALID, problem="a flag needs a reason")
        if _has_control(reason) or not _REASON.fullmatch(reason):
            return ParsedVerdict(Verdict.INVALID, problem="a reason is plain words")
        if len(reason.split()) > MAX_REASON_WORDS:
            return ParsedVerdict(Verdict.INVALID, problem=f"reason over {MAX_REASON_WORDS} words")
        return ParsedVerdict(Verdict.FLAG, reason=reason)
    return ParsedVerdict(Verdict.INVALID, problem="not a verdict")


def verdict_text(parsed: ParsedVerdict) -> str:
    """A verdict as the job page shows it."""
    if parsed.verdict == Verdict.FLAG:
        return f"{FLAG} {parsed.reason}"
    return {Verdict.PASS: PASS, Verdict.ABSTAIN: ABSTAIN}.get(parsed.verdict, "(invalid)")
