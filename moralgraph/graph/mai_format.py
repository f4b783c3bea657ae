"""Conversions between MAI's JSON formats (raw vote dumps, moral-graph summaries) and the arrays of `moralgraph.graph`.

Ordering follows MAI's `summarizeGraph`, which the expected summaries confirm: values keep the
order of the values list given, edges and each edge's contexts the first-seen order of the votes
(see `moralgraph.graph.mai`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from moralgraph.graph.mai import MaiSummary, summarize
from moralgraph.graph.provenance import typed_id
from moralgraph.graph.votes import NOT_WISER, UNSURE, WISER, VoteArrays

CHOICE_BY_RELATIONSHIP = {"upgrade": WISER, "no_upgrade": NOT_WISER, "not_sure": UNSURE}


def parse_timestamp(text: str | datetime) -> datetime:
    """A timezone-aware datetime from MAI's ISO-8601 timestamps such as "2024-03-20T21:00:00.259Z"."""
    moment = text if isinstance(text, datetime) else datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no time zone; MAI timestamps end in 'Z'")
    return moment


def parse_votes(
    raw_votes: Iterable[Mapping[str, Any]], *, as_of: str | datetime | None = None
) -> tuple[VoteArrays, list[str]]:
    """MAI's raw votes as VoteArrays plus the context table: `contexts[code]` is the name of context `code`.

    With `as_of`, only votes created at or before that moment count. Votes keep the dump's
    order; context codes number the distinct context names of the counted votes alphabetically.
    """
    cutoff = None if as_of is None else parse_timestamp(as_of)
    counted = []
    for index, vote in enumerate(raw_votes):
        if cutoff is not None and parse_timestamp(_field(vote, "createdAt")) > cutoff:
            continue
        relationship = _field(vote, "relationship")
        if relationship not in CHOICE_BY_RELATIONSHIP:
            raise ValueError(
                f"vote {index} has relationship {relationship!r}; expected one of {sorted(CHOICE_BY_RELATIONSHIP)}"
            )
        counted.append(vote)
    contexts = sorted({_field(vote, "contextId") for vote in counted})
    context_code = {name: code for code, name in enumerate(contexts)}

    votes = VoteArrays.from_lists(
        voter=[_field(vote, "userId") for vote in counted],
        from_value=[_field(vote, "fromId") for vote in counted],
        to_value=[_field(vote, "toId") for vote in counted],
        context=[context_code[vote["contextId"]] for vote in counted],
        choice=[CHOICE_BY_RELATIONSHIP[vote["relationship"]] for vote in counted],
    )
    return votes, contexts


def render_summary(
    summary: MaiSummary, values: Iterable[Mapping[str, Any]], contexts: Sequence[str]
) -> dict[str, Any]:
    """MAI's summary JSON structure: `{values: [value + pageRank], edges: [...]}`.

    Like MAI, only values referenced by kept edges are listed, in the order given; a kept edge's
    value missing from `values` is silently absent from the list, as in MAI's code.
    """
    page_rank = summary.page_rank_by_value()
    rendered_values = [
        {**value, "pageRank": page_rank[value["id"]]}
        for value in values
        if value["id"] in page_rank
    ]

    edges = list(summary.edge_dicts(contexts))
    return {"values": rendered_values, "edges": edges}


def summarize_dump(
    raw_votes: Iterable[Mapping[str, Any]],
    values: Iterable[Mapping[str, Any]],
    *,
    as_of: str | datetime | None = None,
    **parameters: Any,
) -> dict[str, Any]:
    """MAI's summary JSON for a raw vote dump and values list; `parameters` go to `mai.summarize`."""
    votes, contexts = parse_votes(raw_votes, as_of=as_of)
    return render_summary(summarize(votes, **parameters), values, contexts)


def _field(vote: Mapping[str, Any], name: str) -> Any:
    try:
        return vote[name]
    except KeyError:
        raise ValueError(f"vote {dict(vote)!r} has no {name!r} field") from None


# --- writing MAI's value records ---------------------------------------------------------


def export_id(value: dict):
    """A stored value record's external id (README, "One id policy"): its imported source id,
    else its platform id ("mgp:…"); MAI's numeric ids stay numbers. Records of snapshots taken
    before values had external ids fall back to the source id, else the database id."""
    external = value.get("externalId") or value.get("sourceId") or ""
    return typed_id(external) if external else value["id"]


def mai_value(value: dict, with_page_rank: bool) -> dict:
    data = value.get("sourceData") or {}
    out = {
        "id": export_id(value),
        "title": value["title"],
        "instructionsShort": data.get("instructionsShort", value["description"]),
        "instructionsDetailed": data.get("instructionsDetailed", value["description"]),
        "evaluationCriteria": value["policies"],
        "createdAt": data.get("createdAt", value.get("createdAt")),
        "updatedAt": data.get("updatedAt", value.get("createdAt")),
    }
    if with_page_rank:
        out["pageRank"] = value.get("score")
    return out
