"""Survey results per deliberation and per group: answers counted per question, shown only
where at least five answered, and per group under the bridging report's rule (groups of five,
and never a remainder under five that totals would reveal)."""

import csv
import io
from collections import Counter

from mgplatform.spreadsheets import text_cell

from ..graph.bridging import MIN_SIZE, shown_cells
from ..models import Deliberation, SurveyAnswer
from ..reports.groups import group_by, require_report_access
from .services import SCALE, all_questions


def _summary(answers: list[int]) -> dict:
    counts = Counter(answers)
    n = len(answers)
    return {
        "respondents": n,
        "mean": sum(answers) / n,
        "agree": sum(counts[k] for k in (4, 5)) / n,  # 4 or 5: MAI's "felt well represented"
        "distribution": {str(k): counts.get(k, 0) for k in SCALE},
    }


def survey_results(
    deliberation: Deliberation, *, viewer, group_attribute: str = "", api: bool = False
) -> dict:
    """Per question: respondents, mean, share agreeing (4–5), distribution; with a group
    attribute, the same per group. Fewer than five: withheld."""
    require_report_access(viewer, deliberation, api=api)
    rows = list(
        SurveyAnswer.objects.filter(deliberation=deliberation).values_list(
            "participant_id", "question", "answer"
        )
    )
    grouping = None
    if group_attribute:
        grouping = group_by(deliberation, {pid for pid, _, _ in rows}, group_attribute)
    questions = []
    for q in all_questions(deliberation):
        answers = [(pid, a) for pid, key, a in rows if key == q["key"]]
        entry = {"key": q["key"], "text": q["text"], "respondents": len(answers)}
        if len(answers) >= MIN_SIZE:
            entry.update(_summary([a for _, a in answers]))
        else:
            entry["withheld"] = True
        if grouping is not None:
            per_group = [
                [a for pid, a in answers if grouping.of.get(pid) == g]
                for g in range(len(grouping.names))
            ]
            shown = shown_cells([len(x) for x in per_group], len(answers), MIN_SIZE)
            if len(answers) < MIN_SIZE:
                shown = [False] * len(per_group)
            entry["groups"] = [
                {"group": name, **(_summary(x) if ok else {"withheld": True})}
                for name, x, ok in zip(grouping.names, per_group, shown, strict=True)
            ]
        questions.append(entry)
    return {
        "deliberation": deliberation.slug,
        "scale": {str(k): v for k, v in SCALE.items()},
        "minGroupSize": MIN_SIZE,
        "groupBy": grouping.attribute if grouping else None,
        "questions": questions,
    }


def survey_csv(results: dict) -> str:
    """One row per question (all respondents), then one per question and group."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "question",
            "text",
            "group",
            "respondents",
            "mean",
            "agree_4_or_5",
            *(f"answer_{k}" for k in results["scale"]),
        ]
    )

    def row(q, group, cell):
        if cell.get("withheld"):
            writer.writerow(
                [q["key"], text_cell(q["text"]), text_cell(group), "withheld", "", "", *[""] * 5]
            )
            return
        writer.writerow(
            [
                q["key"],
                text_cell(q["text"]),
                text_cell(group),
                cell["respondents"],
                f"{cell['mean']:.3f}",
                f"{cell['agree']:.3f}",
                *cell["distribution"].values(),
            ]
        )

    for q in results["questions"]:
        row(q, "(all)", q)
        for cell in q.get("groups", []):
            row(q, cell["group"], cell)
    return out.getvalue()
