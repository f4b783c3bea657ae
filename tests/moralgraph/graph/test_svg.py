"""The report SVG: well-formed, participants' text escaped, one context, a stable layout (pure)."""

import xml.etree.ElementTree as ET

from moralgraph.graph.svg import label_lines, layout_points, render_svg
from moralgraph.graph.view_model import graph_view_model

from .conftest import DISTRESS

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_well_formed_and_escapes_participant_text(mai_summary):
    mai_summary["values"][0]["title"] = "<script>alert(1)</script> & co\x07"
    model = graph_view_model(mai_summary, mode="mai")
    svg = render_svg(model, title="Moral graph: <b>Homework</b>", caption="Snapshot 1")
    root = ET.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg"
    assert not root.findall(f".//{SVG}script")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    lines = [t.text for t in root.iter(f"{SVG}tspan")]
    assert lines[:2] == ["<script>alert(1)</", "script> & co"]  # the wrapped label, as text
    assert root.find(f"{SVG}title").text == "Moral graph: <b>Homework</b>"
    assert "\x07" not in svg  # forbidden in XML even when escaped


def test_svg_draws_every_value_and_arrow_and_marks_winners(mai_summary):
    model = graph_view_model(mai_summary, mode="mai")
    root = ET.fromstring(render_svg(model, title="t").encode())
    arrows = [p for p in root.iter(f"{SVG}path") if p.get("marker-end")]
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("fill") != "none"]
    rings = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == "none"]
    assert len(arrows) == 3
    assert len(dots) == 4
    assert len(rings) == 1  # value 2 wins both contexts


def test_svg_of_one_context_and_determinism(mai_summary):
    model = graph_view_model(mai_summary, mode="mai")
    one = render_svg(model, title="t", context=DISTRESS)
    assert one == render_svg(model, title="t", context=DISTRESS)
    root = ET.fromstring(one.encode())
    assert len([p for p in root.iter(f"{SVG}path") if p.get("marker-end")]) == 2
    assert DISTRESS in "".join(root.itertext())


def test_layout_packs_components_apart():
    points = layout_points(5, [(0, 1), (1, 2), (3, 4)])
    assert len(points) == 5
    distinct = {(round(x, 3), round(y, 3)) for x, y in points}
    assert len(distinct) == 5
    assert points == layout_points(5, [(0, 1), (1, 2), (3, 4)])


def test_label_lines_wrap_and_shorten():
    assert label_lines("Curiosity-Led Learning") == ["Curiosity-Led", "Learning"]
    lines = label_lines("Steady presence without rushing to fix anything at all tonight")
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(len(line) <= 18 for line in lines)
    assert label_lines("") == [""]
