"""MAI files checked before anything is written: every problem is a ValidationError that
names the record and the field, never a traceback from the database half-way through."""

from datetime import datetime

from django.core.exceptions import ValidationError

from ..graph.mai_format import CHOICE_BY_RELATIONSHIP, parse_timestamp

VOTE_KEYS = ("userId", "fromId", "toId", "contextId", "relationship", "createdAt")
_ID_TYPES = (str, int)


def _id(record: dict, key: str, what: str) -> str:
    given = record.get(key)
    if isinstance(given, bool) or not isinstance(given, _ID_TYPES) or str(given).strip() == "":
        raise ValidationError(f"{what}: {key} must be a number or text, not {given!r:.60}")
    return str(given)


def _text(record: dict, key: str, what: str, *, required: bool = False) -> None:
    given = record.get(key)
    if given is None and not required:
        return
    if not isinstance(given, str) or (required and not given.strip()):
        raise ValidationError(f"{what}: {key} must be text")


def _timestamp(record: dict, key: str, what: str, *, required: bool = False) -> None:
    given = record.get(key)
    if given is None and not required:
        return
    try:
        if not isinstance(given, str | datetime):
            raise ValueError("not text")
        parse_timestamp(given)
    except ValueError as exc:
        raise ValidationError(
            f"{what}: {key} is not an ISO 8601 time with a zone ({exc})"
        ) from None


def check_values(values) -> list[str]:
    """MAI values: a list of objects with a unique id and a title; evaluationCriteria a list of
    text. Returns their ids, as text."""
    if not isinstance(values, list):
        raise ValidationError("the values must be a JSON list of objects")
    ids = []
    for index, record in enumerate(values):
        if not isinstance(record, dict):
            raise ValidationError(f"value #{index} is not an object")
        source_id = _id(record, "id", f"value #{index}")
        what = f"value {source_id}"
        _text(record, "title", what, required=True)
        for key in ("instructionsShort", "instructionsDetailed"):
            _text(record, key, what)
        for key in ("createdAt", "updatedAt"):
            _timestamp(record, key, what)
        criteria = record.get("evaluationCriteria")
        if criteria is not None and (
            not isinstance(criteria, list) or not all(isinstance(c, str) for c in criteria)
        ):
            raise ValidationError(f"{what}: evaluationCriteria must be a list of text")
        ids.append(source_id)
    seen = set()
    for source_id in ids:
        if source_id in seen:
            raise ValidationError(f"value id {source_id} appears more than once")
        seen.add(source_id)
    return ids


def check_votes(votes, value_ids: set[str]) -> None:
    """MAI votes: objects naming two different known values, a context, a relationship and a time."""
    if not isinstance(votes, list):
        raise ValidationError("the votes must be a JSON list of objects")
    for index, vote in enumerate(votes):
        what = f"vote #{index}"
        if not isinstance(vote, dict):
            raise ValidationError(f"{what} is not an object")
        missing = [k for k in VOTE_KEYS if k not in vote]
        if missing:
            raise ValidationError(f"{what} lacks {', '.join(missing)}")
        _id(vote, "userId", what)
        ends = [_id(vote, key, what) for key in ("fromId", "toId")]
        for key, source_id in zip(("fromId", "toId"), ends, strict=True):
            if source_id not in value_ids:
                raise ValidationError(
                    f"{what}: {key} refers to value {source_id}, which is not in the values file"
                )
        if ends[0] == ends[1]:
            raise ValidationError(f"{what} compares value {ends[0]} with itself")
        _text(vote, "contextId", what, required=True)
        relationship = vote["relationship"]
        if not isinstance(relationship, str) or relationship not in CHOICE_BY_RELATIONSHIP:
            raise ValidationError(f"{what}: unknown relationship {relationship!r:.60}")
        _timestamp(vote, "createdAt", what, required=True)
        for key in ("story", "comment"):
            _text(vote, key, what)


def check_summary(document) -> None:
    """A published MAI summary: values as above, edges naming two different known values."""
    if (
        not isinstance(document, dict)
        or not isinstance(document.get("values"), list)
        or not isinstance(document.get("edges"), list)
    ):
        raise ValidationError("a MAI summary is an object with lists 'values' and 'edges'")
    ids = set(check_values(document["values"]))
    for index, record in enumerate(document["values"]):
        rank = record.get("pageRank")
        if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int | float)):
            raise ValidationError(f"value #{index}: pageRank must be a number")
    for index, edge in enumerate(document["edges"]):
        what = f"edge #{index}"
        if not isinstance(edge, dict):
            raise ValidationError(f"{what} is not an object")
        ends = [_id(edge, key, what) for key in ("sourceValueId", "wiserValueId")]
        for source_id in ends:
            if source_id not in ids:
                raise ValidationError(
                    f"{what} refers to value {source_id}, which is not in 'values'"
                )
        if ends[0] == ends[1]:
            raise ValidationError(f"{what} joins value {ends[0]} to itself")
        contexts, counts, summary = edge.get("contexts"), edge.get("counts"), edge.get("summary")
        if not isinstance(contexts, list) or not all(isinstance(c, str) for c in contexts):
            raise ValidationError(f"{what}: contexts must be a list of text")
        keys = ("markedWiser", "markedNotWiser", "markedLessWise", "markedUnsure", "impressions")
        if not isinstance(counts, dict) or not all(
            isinstance(counts.get(k), int) and not isinstance(counts.get(k), bool) for k in keys
        ):
            raise ValidationError(f"{what}: counts must hold whole numbers {', '.join(keys)}")
        if not isinstance(summary, dict) or not all(
            isinstance(summary.get(k), int | float) for k in ("wiserLikelihood", "entropy")
        ):
            raise ValidationError(f"{what}: summary must hold numbers wiserLikelihood, entropy")
