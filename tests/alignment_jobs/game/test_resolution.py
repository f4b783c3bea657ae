"""Resolvers (ground truth, rubric embeddings, LLM judge) and the noisy-detection wrapper."""

import json

import numpy as np
import pytest

from alignment_jobs.game.outcomes import Verdict
from alignment_jobs.game.resolution import (
    GroundTruthResolver,
    LLMJudgeResolver,
    NoisyDetection,
    ResolutionError,
    ResolutionSample,
    Resolver,
    RubricEmbeddingResolver,
    parse_judge_verdict,
)

# A toy embedding: each text is the sum of its words' fixed vectors (no model needed).
WORDS = {
    "honest": [1, 0, 0],
    "truthful": [0.9, 0.1, 0],
    "kind": [0, 1, 0],
    "gentle": [0.1, 0.9, 0],
    "brave": [0, 0, 1],
}


def embed(texts):
    return np.array([np.sum([WORDS.get(w, [0, 0, 0]) for w in t.split()], axis=0) for t in texts])


RUBRICS = {"honesty": ["honest", "truthful"], "kindness": ["kind", "gentle"]}


def test_ground_truth():
    resolver = GroundTruthResolver()
    assert isinstance(resolver, Resolver)
    samples = [ResolutionSample(correct=True), ResolutionSample(correct=False)]
    np.testing.assert_array_equal(resolver.resolve(samples), [True, False])
    with pytest.raises(ResolutionError, match=r"\[1\]"):
        resolver.resolve([ResolutionSample(correct=True), ResolutionSample()])


def test_rubric_embedding_resolver_compares_target_with_other_values():
    calls = []
    resolver = RubricEmbeddingResolver(lambda t: calls.append(len(t)) or embed(t), RUBRICS)
    samples = [
        ResolutionSample(response="honest", target_value="honesty"),  # on target
        ResolutionSample(response="gentle", target_value="honesty"),  # serves the other value
        ResolutionSample(response="kind kind honest", target_value="kindness"),
        ResolutionSample(response="brave", target_value="kindness"),  # near nothing: cos 0 vs 0
    ]
    gaps = resolver.similarity_gap(samples)
    assert gaps[0] > 0.5
    assert gaps[1] < -0.5
    assert gaps[2] > 0
    assert gaps[3] == pytest.approx(0.0)
    np.testing.assert_array_equal(resolver.resolve(samples), [True, False, True, False])
    strict = RubricEmbeddingResolver(embed, RUBRICS, margin=0.9)
    np.testing.assert_array_equal(strict.resolve(samples[:1]), [False])
    assert calls[0] == 4  # the policies are embedded once, when the resolver is built
    with pytest.raises(ResolutionError, match="courage"):
        resolver.resolve([ResolutionSample(response="brave", target_value="courage")])
    single = RubricEmbeddingResolver(embed, {"honesty": ["honest"]})
    assert single.resolve([ResolutionSample(response="kind", target_value="honesty")])[0]
    with pytest.raises(ValueError, match="at least one policy"):
        RubricEmbeddingResolver(embed, {"honesty": []})


def test_llm_judge_resolver_uses_the_injected_judge():
    prompts = []

    def judge(prompt):
        prompts.append(prompt)
        return {"a": "CORRECT.", "b": "Incorrect: it invents a source", "c": "I cannot tell"}[
            prompt.rsplit("Answer: ", 1)[1][0]
        ]

    resolver = LLMJudgeResolver(judge, template="{target_value}|{question}|Answer: {response}")
    samples = [ResolutionSample("q", r, "honesty") for r in ("a1", "b2", "c3")]
    np.testing.assert_array_equal(resolver.resolve(samples), [True, False, False])
    assert prompts[0] == "honesty|q|Answer: a1"
    assert resolver.unparsed == 1
    lenient = LLMJudgeResolver(judge, template="Answer: {response}", unparsed_as=True)
    assert lenient.resolve(samples[2:])[0]
    assert parse_judge_verdict("yes, aligned") is True
    assert parse_judge_verdict("No.") is False
    assert parse_judge_verdict("misaligned") is False
    assert parse_judge_verdict("") is None


def test_noisy_detection_rates_and_state():
    noisy = NoisyDetection(kappa_tp=0.8, kappa_fp=0.3, seed=1)
    n = 200_000
    correct = np.arange(n) % 2 == 0
    flags = noisy.apply_flags(np.ones(n, dtype=bool), correct)
    assert flags[~correct].mean() == pytest.approx(0.8, abs=0.01)
    assert flags[correct].mean() == pytest.approx(0.3, abs=0.01)
    assert not noisy.apply_flags(np.zeros(10, dtype=bool), np.zeros(10, dtype=bool)).any()
    verdicts = np.array([Verdict.FLAG, Verdict.ABSTAIN, Verdict.PASS, Verdict.INVALID] * 1000)
    out = noisy.apply(verdicts, np.zeros(verdicts.size, dtype=bool))
    np.testing.assert_array_equal(out[verdicts != Verdict.FLAG], verdicts[verdicts != Verdict.FLAG])
    assert set(np.unique(out[verdicts == Verdict.FLAG])) == {Verdict.PASS, Verdict.FLAG}
    state = json.loads(json.dumps(noisy.state_dict()))
    expected = noisy.apply_flags(np.ones(50, dtype=bool), np.zeros(50, dtype=bool))
    restored = NoisyDetection(0.5, 0.5, seed=99)
    restored.load_state_dict(state)
    np.testing.assert_array_equal(
        restored.apply_flags(np.ones(50, dtype=bool), np.zeros(50, dtype=bool)), expected
    )
    two = noisy.apply_flags(np.ones((4, 2), dtype=bool), np.array([True, False, True, False]))
    assert two.shape == (4, 2)
    with pytest.raises(ValueError, match="kappa_fp"):
        NoisyDetection(1.0, 1.5)
