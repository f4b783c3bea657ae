"""The bridging report of a snapshot for one group attribute (`moralgraph.graph.bridging`):
per edge each group's share voting "wiser", the edges every group endorses, pairs of values
different groups favour that point to the same wiser value, and whether each context's winner
is endorsed across groups; as a document and as CSV."""

import csv
import io

import numpy as np

from mgplatform.spreadsheets import text_cell

from ..graph.bridging import MIN_SIZE, bridging_report
from ..models import GraphSnapshot
from ..snapshots.selectors import snapshot_values
from .groups import group_by, require_report_access, snapshot_votes


def _winners(snapshot: GraphSnapshot) -> dict[int, list[int]]:
    return {
        int(scope["contextId"]): list(scope.get("winner", {}).get("ids", []))
        for scope in snapshot.summary.get("contextResults", [])
        if scope.get("winner", {}).get("ids") and "contextId" in scope
    }


def bridging(snapshot: GraphSnapshot, group_attribute: str, *, viewer, api: bool = False) -> dict:
    """The report for `viewer` (a user, or groups.OPERATOR), who must be allowed to read it."""
    require_report_access(viewer, snapshot.deliberation, api=api)
    votes = snapshot_votes(snapshot)
    grouping = group_by(snapshot.deliberation, np.unique(votes.voter).tolist(), group_attribute)
    report = bridging_report(
        voter=votes.voter,
        from_value=votes.from_value,
        to_value=votes.to_value,
        context=votes.context,
        choice=votes.choice,
        group=grouping.index(votes.voter),
        n_groups=len(grouping.names),
        winners=_winners(snapshot),
        min_size=MIN_SIZE,
    )
    titles = {v["id"]: v.get("title", str(v["id"])) for v in snapshot_values(snapshot)}
    contexts = snapshot.summary.get("contextNames", {})
    names = grouping.names

    def named(cells):
        return [
            {"group": n, **(c or {"withheld": True})} for n, c in zip(names, cells, strict=True)
        ]

    for edge in report["edges"]:
        edge["fromTitle"], edge["toTitle"] = titles.get(edge["from"]), titles.get(edge["to"])
        edge["groups"] = named(edge["groups"])
    for bridge in report["bridges"]:
        bridge.update(
            wiserTitle=titles.get(bridge["wiser"]),
            aTitle=titles.get(bridge["a"]),
            bTitle=titles.get(bridge["b"]),
            favourA=[names[g] for g in bridge["favourA"]],
            favourB=[names[g] for g in bridge["favourB"]],
        )
    for scope in report["contexts"]:
        scope["contextName"] = contexts.get(str(scope["context"]), str(scope["context"]))
        scope["winnerTitles"] = [titles.get(i) for i in scope["winners"]]
        scope["groups"] = named(scope["groups"])
    return {
        "snapshot": snapshot.pk,
        "groupBy": grouping.attribute,
        "groups": [{"group": n, "voters": k} for n, k in zip(names, grouping.sizes, strict=True)],
        "withheldVoters": grouping.withheld,
        "minGroupSize": MIN_SIZE,
        **report,
    }


CSV_HEADER = [
    "section",
    "from_value",
    "to_value",
    "context",
    "group",
    "voters",
    "votes",
    "wiser",
    "share_wiser",
    "endorsed_across_groups",
]


def bridging_csv(report: dict) -> str:
    """One row per group per edge and per context winner, then one per bridge."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)

    def rows(section, frm, to, context, scope):
        for cell in scope["groups"]:
            shown = not cell.get("withheld")
            writer.writerow(
                [
                    section,
                    text_cell(frm or ""),
                    text_cell(to or ""),
                    text_cell(context or ""),
                    text_cell(cell["group"]),
                    cell["voters"] if shown else "",
                    cell["votes"] if shown else "",
                    cell["wiser"] if shown else "",
                    f"{cell['share']:.4f}" if shown else "withheld",
                    "yes" if scope["endorsedAcrossGroups"] else "no",
                ]
            )

    for edge in report["edges"]:
        rows("edge", edge["fromTitle"], edge["toTitle"], "", edge)
    for scope in report["contexts"]:
        rows(
            "context_winner",
            "",
            " | ".join(t or "" for t in scope["winnerTitles"]),
            scope["contextName"],
            scope,
        )
    for bridge in report["bridges"]:
        writer.writerow(
            [
                "bridge",
                text_cell(f"{bridge['aTitle']} (favoured by {', '.join(bridge['favourA'])})"),
                text_cell(bridge["wiserTitle"] or ""),
                "",
                text_cell(f"{bridge['bTitle']} (favoured by {', '.join(bridge['favourB'])})"),
                "",
                "",
                "",
                "",
                "yes",
            ]
        )
    return out.getvalue()
