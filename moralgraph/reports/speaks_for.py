"""Who a ranking speaks for: per context, the share of each group (of at least five) endorsing
its leading values, for every attribute that forms such groups. Used by alignment targets."""

import numpy as np

from ..graph.bridging import MIN_SIZE, speaks_for
from ..graph.mai_format import export_id
from ..models import GraphSnapshot
from ..snapshots.selectors import snapshot_values
from .groups import group_attributes, group_by, require_report_access, snapshot_votes


def snapshot_speaks_for(
    snapshot: GraphSnapshot, leading: dict[str, list], *, viewer, api: bool = False
) -> dict:
    """`leading`: context name → the leading values' external ids (as a target names them).
    Returns {"minGroupSize", "attributes": [{"groupBy", "groups", "contexts": {name: [cell]}}]}
    with each cell {"group", "voters", "endorsing", "share"} or {"group", "withheld": true}."""
    require_report_access(viewer, snapshot.deliberation, api=api)
    votes = snapshot_votes(snapshot)
    by_external = {str(export_id(v)): v["id"] for v in snapshot_values(snapshot)}
    codes = {name: int(code) for code, name in snapshot.summary.get("contextNames", {}).items()}
    wanted = {
        codes[name]: [by_external[str(x)] for x in ids if str(x) in by_external]
        for name, ids in leading.items()
        if name in codes
    }
    names = {code: name for name, code in codes.items()}
    voters = np.unique(votes.voter).tolist()
    attributes = []
    for attribute in group_attributes(snapshot.deliberation, voters):
        grouping = group_by(snapshot.deliberation, voters, attribute)
        cells = speaks_for(
            voter=votes.voter,
            to_value=votes.to_value,
            context=votes.context,
            choice=votes.choice,
            group=grouping.index(votes.voter),
            n_groups=len(grouping.names),
            leading=wanted,
            min_size=MIN_SIZE,
        )
        attributes.append(
            {
                "groupBy": attribute,
                "groups": grouping.names,
                "contexts": {
                    names[code]: [
                        {"group": g, **(c or {"withheld": True})}
                        for g, c in zip(grouping.names, row, strict=True)
                    ]
                    for code, row in sorted(cells.items(), key=lambda kv: names[kv[0]])
                },
            }
        )
    return {"minGroupSize": MIN_SIZE, "attributes": attributes}
