"""The alignment job page in real Chromium: live progress and plots, then the baseline table."""

import pytest

from alignment_jobs.jobs.runner import job_run
from alignment_jobs.jobs.services import job_launch
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

CONFIG = {
    "iterations": 3,
    "baselines": ["solver_only", "fixed_default"],
    "game": {"batch_size": 256, "solver_steps": 2, "auditor_steps": 2, "eval_samples": 2000},
}


@pytest.fixture(autouse=True)
def artifact_root(settings, tmp_path):
    settings.ARTIFACT_ROOT = tmp_path / "artifacts"


def test_the_job_page_follows_a_job_to_its_end(page, live_server, log_in):
    staff = UserFactory(is_staff=True)
    job = job_launch(config=CONFIG, by=staff, enqueue=False)
    log_in(page, staff)
    page.goto(f"{live_server.url}/alignment/jobs/{job.pk}/")
    assert page.locator("#job-status").inner_text() == "queued"
    assert "appears when the job has finished" in page.locator("#baseline-table").inner_text()
    assert job_run(job.pk, worker="test") == "succeeded"
    # The page polls: the status, the plots and (after its reload) the table arrive by themselves.
    page.locator("#baseline-table table").wait_for(timeout=20_000)
    assert page.locator("#job-status").inner_text() == "succeeded"
    page.locator("path.series-line").first.wait_for()
    for metric in ("principal_value", "hallucination_rate", "abstention_rate", "audit_rate"):
        lines = page.locator(f'figure[data-metric="{metric}"] svg path.series-line')
        assert lines.count() == 3  # one per series
        assert len(lines.first.get_attribute("d")) > 10
    assert page.locator('figure[data-metric="profile"] svg path.series-line').count() == 1
    rows = page.locator("#baseline-table tbody tr")
    assert [rows.nth(i).locator("th").inner_text() for i in range(rows.count())] == [
        "adaptive",
        "solver_only",
        "fixed_default",
    ]
