"""The equilibrium report on the demo snapshot: the command's JSON, its KKT check, refusals."""

import io
import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from moralgraph.graph.equilibrium import Beta, Instance, kkt_residual


def run(*args) -> str:
    out = io.StringIO()
    call_command("moralgraph", "equilibrium", *args, stdout=out)
    return out.getvalue()


def test_command_prints_the_instance_and_a_kkt_checked_solution(demo):
    _, snapshot = demo
    doc = json.loads(
        run("--snapshot", str(snapshot.pk), "--group-by", "politics", "--agents", "3", "--json")
    )
    assert list(doc) == [
        "groups",
        "a",
        "C",
        "beta",
        "agents",
        "weights",
        "excluded",
        "kkt_residual",
    ]
    assert doc["groups"] == ["centre", "left", "right"]
    assert doc["agents"] == 3
    assert len(doc["weights"]) == 3
    # Anyone can check it from the JSON alone.
    beta = Beta(**doc["beta"])
    inst = Instance(np.array(doc["a"]), np.array(doc["C"]), beta, doc["agents"])
    assert kkt_residual(inst, np.array(doc["weights"])) <= 1e-8
    assert doc["kkt_residual"] <= 1e-8
    C = np.array(doc["C"])
    assert np.allclose(np.diag(C), C.sum(axis=1) - np.diag(C))
    # a: each group's share of the voters in shown groups
    assert sum(doc["a"]) == pytest.approx(1)


def test_text_report_names_exclusions_and_active_alignment(demo):
    _, snapshot = demo
    text = run(
        "--snapshot", str(snapshot.pk), "--group-by", "politics", "--agents", "2", "--beta-a", "20"
    )
    assert "KKT residual" in text
    excluded = next(line for line in text.splitlines() if line.startswith("  excluded: "))
    assert excluded != "  excluded: none"  # a strong pull to the largest group leaves some out
    assert "active alignment:" in text
    assert "6 voters are in no group" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group-by", "shoe-size"], "fewer than two groups"),
        (["--group-by", "politics", "--beta-a", "-1"], "beta_a"),
        (["--group-by", "politics", "--psi", "cube"], "psi"),
        (["--group-by", "politics", "--agents", "0"], "agents"),
        (["--group-by", "politics", "--attractiveness", "1,2"], "2 weights for 3 groups"),
        (["--group-by", "politics", "--attractiveness", "1,x,2"], "attractiveness"),
    ],
)
def test_bad_options_are_refused_by_name(demo, args, message):
    _, snapshot = demo
    with pytest.raises(CommandError, match=message):
        run("--snapshot", str(snapshot.pk), *args)


def test_the_organiser_sets_attractiveness_weights(demo):
    _, snapshot = demo
    args = ["--snapshot", str(snapshot.pk), "--group-by", "politics", "--agents", "2", "--json"]
    doc = json.loads(run(*args, "--attractiveness", "0,1,0", "--beta-a", "20"))
    assert doc["a"] == [0.0, 1.0, 0.0]
    assert doc["excluded"] == ["centre", "right"]
    assert doc["kkt_residual"] <= 1e-8
