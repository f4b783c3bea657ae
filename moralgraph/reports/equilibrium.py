"""The population-equilibrium report of a snapshot: groups, their endorsement profiles and
attractiveness, the Nash equilibrium of M agents (`moralgraph.graph.equilibrium`), who is
excluded, and the smallest change of incentives that includes everyone (active alignment)."""

import math

import numpy as np

from ..graph import equilibrium as eqm
from ..graph.active_alignment import active_alignment
from ..graph.votes import WISER
from ..models import GraphSnapshot
from .groups import (
    ReportRefused,
    ReportUnavailable,
    group_by,
    require_report_access,
    snapshot_votes,
)

MAX_AGENTS = 50
MAX_BETA = 1e6


def parse_options(raw: dict) -> dict:
    """The report's options from a query string or the command line, each checked by name."""

    def number(name, default, low, high):
        value = raw.get(name)
        if value in (None, ""):
            return default
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise ReportRefused(f"{name}: must be a number.", name) from None
        if not (math.isfinite(value) and low <= value <= high):
            raise ReportRefused(f"{name}: must be between {low:g} and {high:g}.", name)
        return value

    agents = number("agents", 3, 1, MAX_AGENTS)
    if agents != int(agents):
        raise ReportRefused("agents: must be a whole number.", "agents")
    psi = raw.get("psi") or "identity"
    if psi not in eqm.PSI:
        raise ReportRefused(f"psi: must be one of {', '.join(eqm.PSI)}.", "psi")
    weights = str(raw.get("attractiveness") or "share")
    if weights not in ("share", "equal"):
        weights = _weights(weights)
    defaults = eqm.Beta()
    return {
        "agents": int(agents),
        "beta": eqm.Beta(
            A=number("beta_a", defaults.A, 0, MAX_BETA),
            I=number("beta_i", defaults.I, 0, MAX_BETA),
            D=number("beta_d", defaults.D, 0, MAX_BETA),
        ),
        "psi": psi,
        "power": number("power", 2.0, 0.1, 10),
        "smoothing": number("smoothing", eqm.SMOOTHING, 0, 1000),
        "threshold": number("threshold", eqm.EXCLUSION_THRESHOLD, 1e-12, 0.5),
        "attractiveness": weights,
    }


def _weights(text: str) -> list[float]:
    """The organiser's attractiveness weights, one per group in the report's group order."""
    message = (
        "attractiveness: share, equal, or one non-negative number per group in the report's "
        "order, comma-separated (e.g. 1,1,2)."
    )
    try:
        weights = [float(x) for x in text.split(",")]
    except ValueError:
        raise ReportRefused(message, "attractiveness") from None
    if (
        not weights
        or len(weights) > 100
        or not all(math.isfinite(w) and 0 <= w <= MAX_BETA for w in weights)
    ):
        raise ReportRefused(message, "attractiveness")
    return weights


def equilibrium_instance(snapshot: GraphSnapshot, group_attribute: str, options: dict):
    """(grouping, instance) for the snapshot's counted votes grouped by the attribute."""
    votes = snapshot_votes(snapshot)
    grouping = group_by(snapshot.deliberation, np.unique(votes.voter).tolist(), group_attribute)
    group = grouping.index(votes.voter)
    wiser = (votes.choice == WISER) & (group >= 0)
    if not wiser.any():
        raise ReportUnavailable("This snapshot holds no wiser votes by the groups to compare.")
    profiles, _ = eqm.endorsement_profiles(
        group[wiser],
        votes.context[wiser],
        votes.to_value[wiser],
        n_groups=len(grouping.names),
        smoothing=options["smoothing"],
    )
    C = eqm.inconsistency_matrix(profiles, options["psi"], options["power"])
    sizes = np.array(grouping.sizes, dtype=float)
    chosen = options["attractiveness"]
    if chosen == "share":
        a = sizes / sizes.sum()
    elif chosen == "equal":
        a = np.full(len(sizes), 1 / len(sizes))
    elif len(chosen) != len(sizes):
        raise ReportRefused(
            f"attractiveness: {len(chosen)} weights for {len(sizes)} groups "
            f"({', '.join(grouping.names)}).",
            "attractiveness",
        )
    else:
        a = np.array(chosen, dtype=float)
    return grouping, eqm.Instance(a=a, C=C, beta=options["beta"], agents=options["agents"])


def equilibrium_report(
    snapshot: GraphSnapshot,
    group_attribute: str,
    options: dict,
    *,
    viewer,
    api: bool = False,
    align: bool = True,
) -> dict:
    """The instance, its equilibrium (KKT-checked), the closed-form check, and active alignment,
    for `viewer` (a user, or groups.OPERATOR), who must be allowed to read it."""
    require_report_access(viewer, snapshot.deliberation, api=api)
    grouping, inst = equilibrium_instance(snapshot, group_attribute, options)
    try:
        eq = eqm.solve(inst, threshold=options["threshold"])
    except eqm.EquilibriumError as exc:
        raise ReportUnavailable(str(exc)) from None
    names = grouping.names
    report = eqm.instance_json(names, inst, eq)
    closed = eqm.symmetric_closed_form(inst)
    report["closed_form"] = (
        None
        if closed is None
        else {
            "weights": closed.tolist(),
            "max_difference": float(np.abs(eq.weights - closed[None, :]).max()),
        }
    )
    report["group_sizes"] = grouping.sizes
    report["withheld_voters"] = grouping.withheld
    report["group_by"] = grouping.attribute
    report["snapshot"] = snapshot.pk
    report["psi"] = options["psi"]
    report["threshold"] = options["threshold"]
    report["kkt_tolerance"] = eqm.KKT_TOL
    if align:
        best, candidates, complete = active_alignment(inst, threshold=options["threshold"])
        report["active_alignment"] = {
            "best": None if best is None else best.as_dict(names),
            "candidates": [c.as_dict(names) for c in candidates],
            "complete": complete,  # false: the search's time budget ran out
        }
    return report
