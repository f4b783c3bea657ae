"""`manage.py alignment`: the equilibrium prediction agrees with the numerical solver; run and target."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from alignment_jobs.game.profiles import PROFILES
from alignment_jobs.models import AlignmentJob, AlignmentTarget


def prediction(*args) -> dict:
    out = io.StringIO()
    call_command("alignment", "equilibrium", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize("omega", [0.05, 0.5, 1.5, 3.0])
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_closed_form_agrees_with_the_numerical_solver(name, omega):
    result = prediction("--profile", name, "--omega", str(omega))
    numerical = sorted(
        (round(e["solver"]["align"], 9), round(e["auditor"]["audit"], 9))
        for e in result["numerical"]
    )
    closed = sorted(
        (round(e["p_align"], 9), round(e["p_audit"], 9)) for e in result["closed_form_equilibria"]
    )
    assert closed == numerical
    assert (round(result["p_align"], 9), round(result["p_audit"], 9)) in closed


def test_a_custom_profile_as_json_and_its_mixed_equilibrium():
    # Temptation: an uncaught wrong answer pays as much as a right one, so auditing must deter it;
    # letting pass pays the auditor the same whatever the answer (r_audit), as the minimal game has it.
    custom = {
        "solver_uncaught_reward": 1.0,
        "auditor_explicit_abstain_aligned_reward": 0.2,
        "auditor_explicit_abstain_misaligned_penalty": -0.2,
    }
    result = prediction("--profile", json.dumps(custom), "--omega", "0.4")
    symbols = result["symbols"]
    if result["regime"] == "mixed":
        assert result["p_audit"] == pytest.approx(
            symbols["omega"] / (symbols["r_A"] - symbols["r_M"])
        )
        assert result["p_align"] == pytest.approx(
            (symbols["r_catch"] - symbols["r_audit"]) / (symbols["r_catch"] + symbols["r_fp"])
        )
    else:
        pytest.fail(f"expected a mixed equilibrium, got {result['regime']}: {symbols}")


def test_an_unknown_profile_is_a_clear_error():
    with pytest.raises(CommandError, match="nonsense"):
        call_command("alignment", "equilibrium", "--profile", "nonsense")
    with pytest.raises(CommandError, match=r"unknown|key"):
        call_command("alignment", "equilibrium", "--profile", '{"solver_wishes": 1}')


@pytest.mark.django_db
def test_run_and_target_print_the_ids_last(graph_world, tmp_path, settings):
    settings.ARTIFACT_ROOT = tmp_path
    out = io.StringIO()
    call_command("alignment", "target", "--snapshot", str(graph_world["snapshot"].pk), stdout=out)
    target = AlignmentTarget.objects.get(pk=int(out.getvalue().split()[-1]))
    config = tmp_path / "tiny.json"
    config.write_text(
        json.dumps(
            {"iterations": 1, "baselines": [], "game": {"batch_size": 64, "eval_samples": 500}}
        )
    )
    out = io.StringIO()
    call_command(
        "alignment",
        "run",
        "--config",
        str(config),
        "--target",
        str(target.pk),
        stdout=out,
        stderr=io.StringIO(),
    )
    job = AlignmentJob.objects.get(pk=int(out.getvalue().split()[-1]))
    assert (job.status, job.target, job.iterations_done) == ("succeeded", target, 1)
    config.write_text(json.dumps({"iterations": -1}))
    with pytest.raises(CommandError, match="iterations"):
        call_command("alignment", "run", "--config", str(config), stderr=io.StringIO())
