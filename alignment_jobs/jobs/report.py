"""A finished job's report: provenance (what it was aimed at and made with), the baseline
comparison, theory's prediction beside what was observed, and every artifact's SHA-256."""

import csv
import io
import json
import platform
from importlib import metadata
from statistics import fmean

import numpy as np

from alignment_jobs.game.controllers import summarise_history
from alignment_jobs.game.equilibrium import predict
from alignment_jobs.game.profiles import DEFAULT, Profile
from mgplatform.spreadsheets import text_cell
from mgplatform.versions import code_version

from ..models import AlignmentJob, JobMetric
from . import artifacts
from .configs import series_of

TABLE_METRICS = (
    "principal_value",
    "hallucination_rate",
    "abstention_rate",
    "audit_rate",
    "pass_rate",
    "silent_failure_rate",
    "false_positive_rate",
)
FINAL_WINDOW = 5  # the table averages each series' last iterations: one iteration is noisy
LIBRARIES = (
    *("django", "celery", "numpy", "scipy", "torch", "networkx"),
    # the language-model game's stack (absent where it is not installed)
    *("transformers", "tokenizers", "trl", "peft", "accelerate", "datasets"),
    "sentence-transformers",
)
CSV_COLUMNS = ("series", "iteration", "profile", *TABLE_METRICS, "alignment_rate", "caught_rate")


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def baseline_table(metrics_by_series: dict[str, list[dict]]) -> list[dict]:
    """Per series, the mean of its last FINAL_WINDOW iterations' held-out metrics."""
    rows = []
    for series, history in metrics_by_series.items():
        tail = history[-FINAL_WINDOW:]
        rows.append(
            {
                "series": series,
                "iterations": len(history),
                **{k: fmean(m[k] for m in tail) for k in TABLE_METRICS},
            }
        )
    return rows


def _adaptive_summary(history: list[dict], omega: float) -> dict:
    chosen = [Profile.from_dict(m["profile"]) for m in history]
    popular, average = summarise_history(chosen)
    counts: dict[str, int] = {}
    for profile in chosen:
        counts[profile.name] = counts.get(profile.name, 0) + 1
    tail = history[-FINAL_WINDOW:]
    return {
        "choices": counts,
        "most_popular": {"name": popular.name, **popular.to_dict()},
        "weighted_average": average.to_dict(),
        "weighted_average_distance_from_default": float(
            np.linalg.norm(average.to_vector() - DEFAULT.to_vector())
        ),
        "theory_vs_observed": {
            "profile": popular.name,
            "predicted": {
                k: predict(popular, omega=omega)[k] for k in ("p_align", "p_audit", "regime")
            },
            "observed": {k: fmean(m[k] for m in tail) for k in ("alignment_rate", "audit_rate")},
        },
    }


def metrics_csv(job: AlignmentJob) -> str:
    """Every series' metrics per iteration; text cells cannot run as spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for metric in JobMetric.objects.filter(job=job).order_by("series", "iteration").iterator():
        values = metric.values
        safe = text_cell(values.get("profile", {}).get("name", ""))
        writer.writerow(
            [metric.series, metric.iteration, safe, *(values.get(k) for k in CSV_COLUMNS[3:])]
        )
    return out.getvalue()


def _language_model_results(job: AlignmentJob) -> dict:
    """For language-model jobs: each series' test-split evaluation before and after training
    (per context for target suites), the adaptive run's samples per outcome, the base models."""
    finals = {name: artifacts.final_load(job, name) for name in series_of(job.config)}
    finals = {name: kept for name, kept in finals.items() if kept}
    if not finals:
        return {}
    adaptive = finals.get("adaptive") or next(iter(finals.values()))
    hashes = {a.name: a.sha256 for a in job.artifacts.all()}
    return {
        "final": {name: kept["final"] for name, kept in finals.items()},
        "samples": adaptive.get("samples"),
        "models": {
            **adaptive["final"].get("provenance", {}),  # bases, tokenizer, device, warm-up
            "adapters": {  # both players' LoRA weights after each series
                name: hashes.get(f"adapters-{name}.pt") for name in finals
            },
        },
    }


def report_write(job: AlignmentJob) -> dict:
    """Write report.json and metrics.csv beside the checkpoints, register them, keep the report."""
    job.refresh_from_db()
    by_series: dict[str, list[dict]] = {name: [] for name in series_of(job.config)}  # in run order
    for metric in JobMetric.objects.filter(job=job).order_by("iteration"):
        by_series[metric.series].append(metric.values)
    by_series = {name: rows for name, rows in by_series.items() if rows}
    folder = artifacts.job_dir(job)
    csv_path = folder / "metrics.csv"
    artifacts.write_atomically(csv_path, metrics_csv(job).encode("utf-8"))
    artifacts.artifact_register(job, "metrics", csv_path)
    target = job.target
    report = {
        "job": {
            "id": job.pk,
            "name": job.name,
            "setting": job.setting,
            "seed": job.seed,
            "attempts": job.attempts,
        },
        "config": job.config,
        "configHash": job.config_hash,
        "target": None
        if target is None
        else {
            "id": target.pk,
            "version": target.version,
            "contentHash": target.content_hash,
            "snapshotId": target.snapshot_id,
            "snapshotHash": target.snapshot_hash,
            "deliberation": target.deliberation.slug,
        },
        "codeVersion": code_version(),
        "libraries": library_versions(),
        "baselineTable": baseline_table(by_series),
        "adaptive": _adaptive_summary(by_series["adaptive"], job.config.get("omega", 0.1))
        if by_series.get("adaptive")
        else None,
        "artifacts": {a.name: a.sha256 for a in job.artifacts.order_by("name")},
        **_language_model_results(job),
    }
    report_path = folder / "report.json"
    artifacts.write_atomically(
        report_path, json.dumps(report, indent=1, sort_keys=True).encode("utf-8")
    )
    artifacts.artifact_register(job, "report", report_path)
    AlignmentJob.objects.filter(pk=job.pk).update(report=report)
    return report
