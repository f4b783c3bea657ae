"""The moral graph drawn as a self-contained SVG document for reports: layout, labels, arrows.

Pure (no Django): it draws a view model from `moralgraph.graph.view_model`.
"""

from __future__ import annotations

import math
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from .view_model import subgraph

SVG_NS = "http://www.w3.org/2000/svg"

# Characters XML 1.0 forbids even when escaped; a pasted title could carry one.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def render_svg(
    view_model: Mapping[str, Any], *, title: str, caption: str = "", context: str | None = None
) -> str:
    """A self-contained SVG document of the graph (or of one context) for reports; same input, same bytes.

    Every text goes through ElementTree, which escapes it.
    """
    model = subgraph(view_model, context) if context is not None else view_model
    nodes, edges = model["nodes"], model["edges"]
    index = {node["id"]: i for i, node in enumerate(nodes)}
    winners = {
        node["id"]
        for node in nodes
        if (context in node["winnerIn"] if context else node["winnerIn"])
    }

    points = layout_points(len(nodes), [(index[e["source"]], index[e["target"]]) for e in edges])
    # Labels (up to 18 characters wide) overhang their circle sideways; keep them on the page.
    header, footer, margin, margin_x = 100, 56, 30, 70
    xs, ys = [x for x, _ in points] or [0.0], [y for _, y in points] or [0.0]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    # About 150 px per layout unit (one value's room), smaller for very large graphs.
    unit = min(150.0, 2200.0 / max(span_x, span_y, 1.0))
    width = round(max(760.0, span_x * unit + 2 * margin_x))
    height = round(max(360.0, span_y * unit + header + footer + 2 * margin))
    left = (width - span_x * unit) / 2 - min(xs) * unit
    top = (
        header
        + margin
        + (height - header - footer - 2 * margin - span_y * unit) / 2
        - min(ys) * unit
    )
    position = [(left + x * unit, top + y * unit) for x, y in points]
    # In one context, circles show that context's ranking scores (the platform ranks per context).
    context_scores = {e["id"]: e["score"] for e in model["rankings"].get(context, [])}
    radius = _radii([context_scores.get(node["id"], node["score"]) for node in nodes])

    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": "graph-title graph-desc",
            "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        },
    )
    ET.SubElement(root, "title", {"id": "graph-title"}).text = _xml_text(title)
    description = (
        f"{len(nodes)} values and {len(edges)} arrows. An arrow from A to B means participants "
        "judged that moving from A to B is becoming wiser"
        + (f" in the situation “{context}”." if context else " in at least one situation.")
        + " Thicker, darker arrows: more agreement. A gold ring and star mark a situation's top value."
    )
    ET.SubElement(root, "desc", {"id": "graph-desc"}).text = _xml_text(description)
    defs = ET.SubElement(root, "defs")
    marker = ET.SubElement(
        defs,
        "marker",
        {
            "id": "arrow",
            "viewBox": "0 0 10 10",
            "refX": "9",
            "refY": "5",
            "markerWidth": "9",
            "markerHeight": "9",
            "markerUnits": "userSpaceOnUse",
            "orient": "auto",
        },
    )
    ET.SubElement(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": "#39424c"})
    ET.SubElement(root, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    heading = ET.SubElement(
        root,
        "text",
        {"x": "24", "y": "36", "font-size": "20", "font-weight": "700", "fill": "#1b1f24"},
    )
    heading.text = _xml_text(_shorten(title, (width - 48) // 11))
    legend = [
        "An arrow from A to B: participants judged B wiser than A"
        + (f" in “{context}”." if context else " in a situation."),
        "Thicker, darker arrow: more agreement. Bigger circle: ranked higher. ★ and gold ring: top value.",
    ]
    for line_number, line in enumerate(legend):
        ET.SubElement(
            root,
            "text",
            {"x": "24", "y": str(62 + 18 * line_number), "font-size": "13", "fill": "#4a5561"},
        ).text = _xml_text(_shorten(line, (width - 48) // 7))

    arrows = ET.SubElement(root, "g", {"fill": "none", "stroke": "#39424c"})
    for edge in edges:
        i, j = index[edge["source"]], index[edge["target"]]
        (x1, y1), (x2, y2) = position[i], position[j]
        line = _trimmed(
            x1, y1, x2, y2, radius[i] + 2, radius[j] + (8 if nodes[j]["id"] in winners else 3)
        )
        if line is None:
            continue
        likelihood = _unit(edge["wiserLikelihood"])
        path = ET.SubElement(
            arrows,
            "path",
            {
                "d": "M{:.1f},{:.1f} L{:.1f},{:.1f}".format(*line),
                "stroke-width": f"{1 + 3 * likelihood:.2f}",
                "opacity": f"{0.3 + 0.7 * likelihood:.2f}",
                "marker-end": "url(#arrow)",
            },
        )
        ET.SubElement(path, "title").text = _xml_text(
            f"{nodes[j]['title']} judged wiser than {nodes[i]['title']} "
            f"(wiser likelihood {edge['wiserLikelihood']:.2f})"
        )

    values = ET.SubElement(root, "g")
    # Labels go in a layer above every circle, so no later circle hides an earlier label.
    labels = ET.SubElement(
        root, "g", {"font-size": "12", "text-anchor": "middle", "fill": "#1b1f24"}
    )
    for i, node in enumerate(nodes):
        x, y = position[i]
        group = ET.SubElement(values, "g")
        ET.SubElement(group, "title").text = _xml_text(node["title"])
        if node["id"] in winners:
            ET.SubElement(
                group,
                "circle",
                {
                    "cx": f"{x:.1f}",
                    "cy": f"{y:.1f}",
                    "r": f"{radius[i] + 5:.1f}",
                    "fill": "none",
                    "stroke": "#c28a00",
                    "stroke-width": "3",
                },
            )
            star = ET.SubElement(
                group,
                "text",
                {
                    "x": f"{x + radius[i] + 4:.1f}",
                    "y": f"{y - radius[i]:.1f}",
                    "font-size": "16",
                    "fill": "#8a5a00",
                },
            )
            star.text = "★"
        ET.SubElement(
            group,
            "circle",
            {
                "cx": f"{x:.1f}",
                "cy": f"{y:.1f}",
                "r": f"{radius[i]:.1f}",
                "fill": "#cfe0f3",
                "stroke": "#0b5cad",
                "stroke-width": "1.5",
            },
        )
        label = ET.SubElement(
            labels,
            "text",
            {
                "x": f"{x:.1f}",
                "y": f"{y + radius[i] + 15:.1f}",
                "stroke": "#ffffff",
                "stroke-width": "3",
                "paint-order": "stroke",
            },
        )
        for line_number, text in enumerate(label_lines(node["title"])):
            tspan = ET.SubElement(
                label, "tspan", {"x": f"{x:.1f}", "dy": "0" if line_number == 0 else "14"}
            )
            tspan.text = _xml_text(text)

    if caption:
        ET.SubElement(
            root, "text", {"x": "24", "y": str(height - 14), "font-size": "11", "fill": "#4a5561"}
        ).text = _xml_text(caption)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def layout_points(count: int, links: Sequence[tuple[int, int]]) -> list[tuple[float, float]]:
    """A deterministic layout of `count` nodes in layout units, where an arrow is about one unit long.

    Each connected component gets networkx's Kamada-Kawai layout (even spacing on the sparse,
    tree-like graphs votes make; deterministic, no random start), scaled so its links average
    one unit; the components' boxes are then packed in rows, largest first. Laying components
    out separately keeps small ones from being flung to the edges.
    """
    import networkx as nx  # heavy import, needed only for the export

    graph = nx.Graph()
    graph.add_nodes_from(range(count))
    graph.add_edges_from((a, b) for a, b in links if a != b)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    row_width = max(4.0, 1.6 * math.sqrt(count))
    points: list[tuple[float, float]] = [(0.0, 0.0)] * count
    x = y = row_height = 0.0
    for component in components:
        members = sorted(component)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        else:
            sub = graph.subgraph(members)
            raw = nx.kamada_kawai_layout(sub)
            mean = sum(math.dist(raw[a], raw[b]) for a, b in sub.edges) / sub.number_of_edges()
            local = {m: (float(raw[m][0]) / mean, float(raw[m][1]) / mean) for m in members}
        low_x = min(p[0] for p in local.values())
        low_y = min(p[1] for p in local.values())
        box_w = max(p[0] for p in local.values()) - low_x + 1.0  # half a unit of room each side
        box_h = max(p[1] for p in local.values()) - low_y + 1.0
        if x > 0 and x + box_w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for member, (lx, ly) in local.items():
            points[member] = (x + 0.5 + lx - low_x, y + 0.5 + ly - low_y)
        x, row_height = x + box_w, max(row_height, box_h)
    return points


def label_lines(title: str, width: int = 18, max_lines: int = 3) -> list[str]:
    """A title wrapped for a node label: at most `max_lines` lines, the last ending in "…" if cut."""
    lines = textwrap.wrap(title, width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shorten(" ".join(lines[max_lines - 1 :]), width)]
    return lines


# --- drawing helpers ---------------------------------------------------------------------------


def _radii(
    scores: Sequence[float | None], smallest: float = 9.0, largest: float = 26.0
) -> list[float]:
    """Circle radius by score, area proportional to the score's share of the largest; unscored: smallest."""
    top = max((score for score in scores if score is not None and score > 0), default=None)
    return [
        smallest
        if score is None or top is None or score <= 0
        else smallest + (largest - smallest) * math.sqrt(score / top)
        for score in scores
    ]


def _trimmed(x1, y1, x2, y2, start_gap, end_gap):
    """The segment between two circle centres, shortened to start and end at their rims."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length <= start_gap + end_gap:
        return None
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    return x1 + ux * start_gap, y1 + uy * start_gap, x2 - ux * end_gap, y2 - uy * end_gap


def _unit(likelihood: float) -> float:
    return min(1.0, max(0.0, likelihood))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _xml_text(text: str) -> str:
    return _XML_FORBIDDEN.sub("", text)
