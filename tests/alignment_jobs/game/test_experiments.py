"""The experiments CLI on a tiny scale: every experiment runs and writes its markdown section."""

import json

import pytest
import torch

from alignment_jobs.game.experiments import main, t_interval, write_section

torch.set_num_threads(1)
TINY = json.dumps({"batch_size": 128, "eval_samples": 500, "solver_steps": 1, "auditor_steps": 1})


def test_t_interval():
    mean, half = t_interval([1.0, 2.0, 3.0])
    assert mean == 2.0
    assert abs(half - 4.302653 / 3**0.5) < 1e-5  # t(0.975, 2) · s / √n with s = 1


def test_write_section_replaces_in_place(tmp_path):
    path = tmp_path / "results.md"
    path.write_text("# Results\n\nintro\n", encoding="utf-8")
    write_section(path, "compare", "first")
    write_section(path, "stability", "other")
    write_section(path, "compare", "second")
    text = path.read_text(encoding="utf-8")
    assert text.count("<!-- BEGIN compare -->") == 1
    assert "second" in text
    assert "first" not in text
    assert text.index("second") < text.index("other")


def test_every_experiment_runs(tmp_path, capsys):
    out, raw = tmp_path / "results.md", tmp_path / "raw.json"
    common = ["--seeds", "2", "--iterations", "3", "--config", TINY, "--out", str(out)]
    assert main(["compare", *common, "--json", str(raw)]) == 0
    assert main(["stability", *common, "--continue-iterations", "2"]) == 0
    assert main(["weighted", *common]) == 0
    assert main(["theory", "--out", str(out), "--omegas", "0.1", "1.5"]) == 0
    sweep = ["--methods", "fixed:default", "fixed:high_abstain", "--section", "sweep"]
    assert main(["compare", *common, *sweep]) == 0
    text = out.read_text(encoding="utf-8")
    for name in ("compare", "stability", "weighted", "theory", "sweep"):
        assert f"<!-- BEGIN {name} -->" in text
    for method in ("| thompson |", "| zeroth_order |", "| solver_only |", "| weighted_average |"):
        assert method in text
    assert "| high_abstain | pure_align" in text
    assert "| fixed:high_abstain |" in text
    results = json.loads(raw.read_text(encoding="utf-8"))
    assert len(results["rows"]["exp3"]) == 2
    assert "principal value" in capsys.readouterr().out


def test_derived_baselines_need_their_source_first():
    with pytest.raises(ValueError, match="needs the source run"):
        main(["compare", "--methods", "most_popular", "thompson", "--seeds", "1"])
