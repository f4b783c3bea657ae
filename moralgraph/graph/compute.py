"""What a snapshot computes, given its counted votes: parameters checked, the graph ranked.

Pure (no Django): the snapshot services read votes from the database and store what this returns;
the content hash is `moralgraph.graph.provenance`.
"""

import numpy as np

from . import mai, ranking
from .votes import VoteArrays

MAI_PARAMETERS = {
    "min_wiser": mai.MIN_WISER,
    "min_likelihood": mai.MIN_LIKELIHOOD,
    "max_entropy": mai.MAX_ENTROPY,
    "iterations": mai.ITERATIONS,
    "damping": mai.DAMPING,
}
EDGE_COLUMNS = (*mai.EDGE_COUNT_COLUMNS, "context_indptr", "context_indices")  # stored per edge


class SnapshotError(ValueError):
    pass


# Each parameter's type and the range a request may ask for (bounded: a snapshot must not be
# able to tie up a worker for minutes).
PARAMETER_BOUNDS = {
    "min_wiser": (int, 1, 1_000_000),
    "min_likelihood": (float, -1.0, 1.0),
    "max_entropy": (float, 0.0, 10.0),
    "iterations": (int, 1, 1_000),
    "damping": (float, 0.0, 0.999),
    "tol": (float, 1e-15, 1e-3),
    "max_iterations": (int, 1, 10_000),
    "bootstrap_samples": (int, 0, 1_000),
    "seed": (int, 0, 2**32 - 1),
    "tie_tolerance": (float, 0.0, 1e-3),
}


def checked_parameters(mode: str, given: dict, defaults: dict) -> dict:
    if not isinstance(given, dict):
        raise SnapshotError("parameters must be an object")
    unknown = set(given) - set(defaults)
    if unknown:
        raise SnapshotError(f"unknown parameters for mode {mode}: {', '.join(sorted(unknown))}")
    checked = dict(defaults)
    for name, value in given.items():
        kind, low, high = PARAMETER_BOUNDS[name]
        ok_type = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok_type or (kind is int and float(value) != int(value)):
            raise SnapshotError(
                f"parameter {name} must be {'an integer' if kind is int else 'a number'}"
            )
        if not low <= value <= high:
            raise SnapshotError(f"parameter {name} must be between {low} and {high}")
        checked[name] = kind(value)
    return checked


class MaiComputer:
    """MAI's published rules, exactly (moralgraph.graph.mai)."""

    @staticmethod
    def parameters(given: dict) -> dict:
        return checked_parameters("mai", given, MAI_PARAMETERS)

    @staticmethod
    def run(votes: VoteArrays, parameters: dict) -> tuple[dict, dict]:
        result = mai.summarize(votes, **parameters)
        arrays = {name: getattr(result, name) for name in EDGE_COLUMNS}
        arrays.update(value_ids=result.value_ids, scores=result.page_rank)
        return arrays, {"value_ids": result.value_ids.tolist()}


DEFAULT_PARAMETERS = {
    **{k: v for k, v in MAI_PARAMETERS.items() if k != "iterations"},
    "tol": ranking.TOL,
    "max_iterations": ranking.MAX_ITERATIONS,
    "bootstrap_samples": ranking.BOOTSTRAP_SAMPLES,
    "seed": ranking.SEED,
    "tie_tolerance": ranking.TIE_TOLERANCE,
}


class DefaultComputer:
    """The platform's method (moralgraph.graph.ranking; docs/graph-ranking.md): dangling mass kept,
    per-context rankings, explicit ties, bootstrap over participants."""

    @staticmethod
    def parameters(given: dict) -> dict:
        return checked_parameters("default", given, DEFAULT_PARAMETERS)

    @staticmethod
    def run(votes: VoteArrays, parameters: dict) -> tuple[dict, dict]:
        try:
            result = ranking.rank_graph(votes, **parameters)
        except (ValueError, ranking.ConvergenceError) as exc:
            raise SnapshotError(str(exc)) from exc
        overall = result.overall
        arrays = {name: getattr(overall.edges, name) for name in EDGE_COLUMNS}
        arrays.update(
            value_ids=overall.value_ids,
            scores=overall.scores,
            positions=overall.positions,
            tied=overall.tied,
        )
        document = ranking.summary_to_dict(result)
        context_results = []
        for scope in document["contexts"]:
            scope["edgeCount"] = len(scope.pop("edges"))  # the edges themselves: in the exports
            context_results.append(scope)
        ranked_ids = overall.value_ids.tolist()
        return arrays, {
            "value_ids": sorted(set(ranked_ids) | set(document["unrankedValueIds"])),
            "overall": {
                k: document[k] for k in ("winner", "winnerProbabilities", "unrankedValueIds")
            },
            "contextResults": context_results,
            "bootstrap": document["bootstrap"],
        }


COMPUTERS = {"mai": MaiComputer, "default": DefaultComputer}


def latest_per_judgement(voter, from_value, to_value, context) -> np.ndarray:
    """Mask keeping each participant's latest vote per pair and context.

    Only merges create duplicates (votes on A→B and C→B once C is merged into A); the
    database already holds one vote per participant, pair and context.
    """
    keys = np.stack([voter, from_value, to_value, context], axis=1)
    # np.unique returns first occurrences: search the reversed (newest-first) order.
    _, first_in_reversed = np.unique(keys[::-1], axis=0, return_index=True)
    keep = np.zeros(len(voter), dtype=bool)
    keep[len(voter) - 1 - first_in_reversed] = True
    return keep
