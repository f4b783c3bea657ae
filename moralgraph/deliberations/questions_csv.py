"""Questions uploaded as CSV: a `question` column (or `prompt`), optionally `situations`
(several separated by semicolons). All rows are checked before any is added; errors name the row."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Deliberation, Question
from .services import question_add

MAX_BYTES, MAX_ROWS = 256 * 1024, 200


def parse_questions_csv(data: bytes) -> list[tuple[str, list[str]]]:
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": f"The file is over {MAX_BYTES // 1024} KB."})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": "Save the file as UTF-8 CSV."}) from exc
    reader = csv.DictReader(io.StringIO(text))
    header = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    column = header.get("question") or header.get("prompt")
    if column is None:
        raise ValidationError({"file": "The first row must name a column “question”."})
    situations = header.get("situations") or header.get("contexts")
    rows, errors = [], []
    for n, row in enumerate(reader, start=2):
        prompt = (row.get(column) or "").strip()
        names = [s.strip() for s in (row.get(situations) or "").split(";") if s.strip()]
        if not prompt:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                errors.append(f"row {n}: the question is empty")
            continue
        if any(len(s) > 200 for s in names):
            errors.append(f"row {n}: a situation is over 200 characters")
        rows.append((prompt, names))
    if errors:
        raise ValidationError({"file": errors})
    if not rows:
        raise ValidationError({"file": "The file holds no questions."})
    if len(rows) > MAX_ROWS:
        raise ValidationError({"file": f"At most {MAX_ROWS} questions at a time."})
    return rows


def questions_import(deliberation: Deliberation, *, by, data: bytes) -> list[Question]:
    rows = parse_questions_csv(data)
    with transaction.atomic():
        return [
            question_add(deliberation, by=by, prompt=prompt, contexts=names)
            for prompt, names in rows
        ]
