"""The OpenAPI declarations of the labs endpoints (snapshots' exports, raw votes, manifests, diff)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from mgplatform.api import ErrorSerializer
from moralgraph.exports.votes import VOTE_FORMATS
from moralgraph.exports.writers import FORMATS

from . import documents, serializers

HEADERS = (
    " Headers: ETag (strong; If-None-Match may name it weakly or strongly), Last-Modified "
    "(If-Modified-Since), Cache-Control (immutable for an id, no-cache for `latest`, which "
    "also names the id-addressed URL in Content-Location), Vary: Accept."
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: If-None-Match or If-Modified-Since.")
CONFLICT = OpenApiResponse(ErrorSerializer, "This snapshot cannot be exported so (see message).")
NOT_ACCEPTABLE = OpenApiResponse(ErrorSerializer, "The Accept header names no format served here.")


def _format(choices, default: str, what: str) -> OpenApiParameter:
    return OpenApiParameter(
        "format",
        str,
        enum=sorted(choices),
        default=default,
        description=f"{what} Without it, the Accept header chooses; else {default}.",
    )


# Response headers of every export and raw-vote download (and their 304s).
RESPONSE_HEADERS = [
    OpenApiParameter(name, str, OpenApiParameter.HEADER, response=[200, 304], description=text)
    for name, text in (
        ("ETag", "Strong; changes with the snapshot, the format and the code that writes it."),
        ("Last-Modified", "When the snapshot was taken (HTTP date)."),
        (
            "Cache-Control",
            "`private, max-age=31536000, immutable` by id; `private, no-cache` for latest.",
        ),
        ("Content-Location", "For `latest` URLs: the id-addressed URL of the same bytes."),
        ("Vary", "Accept."),
        ("Content-Disposition", "attachment; filename=…"),
    )
]
ERRORS = {404: ErrorSerializer, 409: CONFLICT}
JSON_DOCUMENTS = {"json": documents.NativeDocument, "mai": documents.MaiSummary}
# anyOf, not oneOf: a native document also has MAI's `values` and `edges`.
EITHER_DOCUMENT = {
    "anyOf": [
        {"$ref": "#/components/schemas/NativeDocument"},
        {"$ref": "#/components/schemas/MaiSummary"},
    ],
    "description": "format=json: the native document; format=mai: MAI's summary.",
}


def _body(fmt_or_media: str):
    return JSON_DOCUMENTS.get(fmt_or_media, OpenApiTypes.BINARY)


def _streamed(media_types) -> dict:
    # JSON is the native document or MAI's (by `format`); the other formats are files.
    return {
        (200, media): EITHER_DOCUMENT if media == "application/json" else OpenApiTypes.BINARY
        for media in sorted(set(media_types))
    }


def export_as(fmt: str, media: str, what: str) -> dict:
    """One format at its own path: one media type, so a generated client reads it right."""
    return {
        "parameters": RESPONSE_HEADERS,
        "responses": {(200, media): _body(fmt), 304: NOT_MODIFIED, **ERRORS},
        "description": f"The {fmt} {'export' if 'export' in what else 'raw votes'} of the "
        f"snapshot, as {media}." + HEADERS,
    }


EXPORT = {
    "parameters": [
        _format(
            FORMATS,
            "json",
            "json: the native document (every value, rankings per scope, edges, manifest); mai: "
            "MAI's summary (mode=mai snapshots only, else 409); graphml; csv: edges; csv-values; "
            "jsonl.",
        ),
        *RESPONSE_HEADERS,
    ],
    "responses": {
        **_streamed(FORMATS.values()),
        304: NOT_MODIFIED,
        406: NOT_ACCEPTABLE,
        **ERRORS,
    },
    "description": "Stream the snapshot in an exchange format (one path per format too: "
    "export/json/, export/mai/, export/graphml/, export/csv/, export/csv-values/, "
    "export/jsonl/)." + HEADERS,
}

VOTES = {
    "parameters": [
        _format(VOTE_FORMATS, "csv", "csv or jsonl (ends with its manifest record)."),
        *RESPONSE_HEADERS,
    ],
    "responses": {
        **_streamed(VOTE_FORMATS.values()),
        304: NOT_MODIFIED,
        406: NOT_ACCEPTABLE,
        **ERRORS,
    },
    "description": (
        "Every vote the snapshot counted, anonymised: voter (a pseudonymous id, stable within "
        "the deliberation), from_value_id and to_value_id (external ids), context (its name), "
        "choice (wiser, not_wiser, unsure), time (UTC), groups (labels shared by at least five "
        "of the export's voters). 409 for imported summaries and snapshots older than stored "
        "votes." + HEADERS
    ),
}

EXPORT_MANIFEST = {
    "parameters": [_format(FORMATS, "json", "The export whose manifest to give.")],
    "responses": {200: documents.Manifest, **ERRORS},
    "description": (
        "What the export was made from (input hash, parameters, as-of, code version) and "
        "exportHash, the SHA-256 of its bytes (those before its manifest line, for json, "
        "graphml and jsonl, which also carry it as their last line)."
    ),
}

VOTES_MANIFEST = {
    "parameters": [_format(VOTE_FORMATS, "csv", "The raw-vote format whose manifest to give.")],
    "responses": {200: documents.Manifest, **ERRORS},
    "description": "The manifest of the raw votes (CSV carries none inside).",
}

DIFF = {
    "parameters": [OpenApiParameter("other", int, OpenApiParameter.PATH)],
    "responses": {200: documents.Diff, 400: ErrorSerializer, 404: ErrorSerializer},
    "description": (
        "Values added and removed, edges added and removed, edgeChanges (counts, wiserLikelihood "
        "and entropy of edges in both), rankChanges, winnerChanges (default mode); values by "
        "external id. 400 across deliberations."
    ),
}

FILTERED = {
    "request": serializers.FilteredSnapshotSerializer,
    "responses": {
        200: serializers.SnapshotSerializer,
        201: serializers.SnapshotSerializer,
        400: ErrorSerializer,
        403: ErrorSerializer,
        404: ErrorSerializer,
    },
    "description": (
        "A filtered graph on demand, by question (slug), contexts (names), group label (shared "
        "by at least five voters) and/or untrimmed edges, with the mode's default parameters. "
        "The filters are stored as `parameters.filters` and covered by the content hash: the "
        "same filters over the same votes and values return the existing snapshot (200), else "
        "one is taken (201). Location names the snapshot; its exports and raw votes are under "
        "snapshots/ID/. Filtered snapshots never count as the deliberation's `latest`."
    ),
}
