"""Test data of the LM-game tests: a small target document, a fake embedding, a tiny config."""

import hashlib
import re

import numpy as np

DOCUMENT = {
    "format": "mgp-alignment-target/1",
    "contexts": [
        {
            "context": "When a friend is grieving",
            "questions": [
                "What should I say to my friend?",
                "How do I help after the funeral?",
                "Should I give advice?",
                "What if they do not want to talk?",
            ],
            "values": [
                {
                    "externalId": "listen",
                    "title": "Patient listening",
                    "policies": ["space for their feelings without fixing them"],
                    "isWinner": True,
                    "position": 1,
                },
                {
                    "externalId": "fix",
                    "title": "Practical help",
                    "policies": ["concrete tasks I can take off their plate"],
                    "isWinner": False,
                    "position": 2,
                },
            ],
            "rubric": [],
        },
        {
            "context": "When choosing a career",
            "questions": [
                "Which job should I take?",
                "Should I follow the money?",
                "How do I decide between two offers?",
            ],
            "values": [
                {
                    "externalId": "meaning",
                    "title": "Meaningful work",
                    "policies": ["work that feels meaningful to the person"],
                    "isWinner": True,
                    "position": 1,
                },
                {
                    "externalId": "money",
                    "title": "Security",
                    "policies": ["salary and security for the family"],
                    "isWinner": False,
                    "position": 2,
                },
            ],
            "rubric": [],
        },
    ],
}


def fake_embed(texts):
    """Bag of hashed words: texts sharing words are close (a stand-in for a sentence model)."""
    out = np.zeros((len(texts), 64))
    for row, text in enumerate(texts):
        for word in re.findall(r"[a-z]+", text.lower()):
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 64] += 1.0
    return out


def rubrics_of(document):
    return {str(v["externalId"]): v["policies"] for c in document["contexts"] for v in c["values"]}


# The tests' one tiny game: a 1200-step warm-up (the solver then adds nearly every two-number
# sum and no three-number one), shared by the tests through the session's work_dir; small phases.
TINY_TEST = {
    "train_size": 96,
    "validation_size": 32,
    "test_size": 24,
    "warmup_steps": 1200,
    "warmup_pool": 6000,
    "solver_steps": 2,
    "auditor_steps": 2,
    "prompts_per_step": 4,
    "num_generations": 4,
    "samples_per_outcome": 2,
}
