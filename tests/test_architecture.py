"""The shape of the code: no import cycles between modules, and modules of a readable size.

import-linter (`make lint`) holds the floors and the pure cores; this adds what it does not:
grimp reads every import statement, also those inside functions, so a cycle hidden in a
function body fails here too.
"""

from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("mgplatform", "moralgraph", "alignment_jobs")
MAX_LINES = 420  # "about 400": a module longer than this is split by responsibility


def import_graph() -> nx.DiGraph:
    imports = grimp.build_graph(*PACKAGES)
    graph = nx.DiGraph()
    for module in imports.modules:
        graph.add_node(module)
        for imported in imports.find_modules_directly_imported_by(module):
            graph.add_edge(module, imported)
    return graph


def test_no_module_is_part_of_an_import_cycle():
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == []


def test_a_cycle_inside_a_function_would_be_found(tmp_path, monkeypatch):
    """The check itself: grimp sees an import written inside a function body."""
    package = tmp_path / "cyclepkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def later():\n    from . import a\n    return a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    imports = grimp.build_graph("cyclepkg", cache_dir=None)
    assert imports.direct_import_exists(importer="cyclepkg.b", imported="cyclepkg.a")


def test_no_module_is_much_longer_than_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("platform", "moralgraph", "alignment_jobs")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
