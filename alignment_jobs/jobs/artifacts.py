"""Files a job writes under ARTIFACT_ROOT: written atomically, registered with their SHA-256.

Checkpoints are written after every outer iteration, before the iteration's metrics are
committed, so the checkpoint a resumed job needs always exists; only the last few are kept.
"""

import hashlib
import io
import json
import os
from pathlib import Path

from django.conf import settings

from ..models import AlignmentJob, JobArtifact

KEEP_CHECKPOINTS = 3


def job_dir(job: AlignmentJob) -> Path:
    return Path(settings.ARTIFACT_ROOT) / "jobs" / str(job.pk)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Readers (and a resumed job) see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def artifact_register(job: AlignmentJob, kind: str, path: Path) -> JobArtifact:
    """Record (or update) the artifact at `path` with its current hash and size."""
    relative = path.relative_to(Path(settings.ARTIFACT_ROOT)).as_posix()
    artifact, _ = JobArtifact.objects.update_or_create(
        job=job,
        name=path.name,
        defaults={
            "kind": kind,
            "path": relative,
            "sha256": sha256_of(path),
            "size": path.stat().st_size,
        },
    )
    return artifact


def artifact_path(artifact: JobArtifact) -> Path:
    root = Path(settings.ARTIFACT_ROOT).resolve()
    path = (root / artifact.path).resolve()
    if root not in path.parents:  # a path in the row can never point outside the root
        raise FileNotFoundError(artifact.path)
    return path


def checkpoint_path(job: AlignmentJob, step: int) -> Path:
    return job_dir(job) / "checkpoints" / f"step-{step:06d}.pt"


def checkpoint_save(job: AlignmentJob, step: int, state: dict) -> Path:
    buffer = io.BytesIO()
    import torch  # here, not at import: web processes read artifacts' rows, never tensors

    torch.save(state, buffer)
    path = checkpoint_path(job, step)
    write_atomically(path, buffer.getvalue())
    old = sorted(path.parent.glob("step-*.pt"))[:-KEEP_CHECKPOINTS]
    JobArtifact.objects.filter(
        job=job, kind=JobArtifact.Kind.CHECKPOINT, name__in=[p.name for p in old]
    ).delete()
    for stale in old:
        stale.unlink(missing_ok=True)
    return path


def checkpoint_load(job: AlignmentJob, step: int) -> dict:
    """The state saved after `step` iterations (weights_only: a checkpoint holds data, not code)."""
    with checkpoint_path(job, step).open("rb") as stream:
        import torch

        return torch.load(stream, weights_only=True)


def final_path(job: AlignmentJob, series: str) -> Path:
    return job_dir(job) / f"final-{series}.json"


def final_save(job: AlignmentJob, series: str, final: dict) -> JobArtifact:
    """A series' evaluation on the test split and its samples per outcome (JSON)."""
    path = final_path(job, series)
    write_atomically(path, json.dumps(final, indent=1, sort_keys=True, default=str).encode("utf-8"))
    return artifact_register(job, JobArtifact.Kind.REPORT, path)


def final_load(job: AlignmentJob, series: str) -> dict | None:
    path = final_path(job, series)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def adapters_save(job: AlignmentJob, series: str, adapters: dict) -> JobArtifact:
    """Both LoRA adapters a series trained ({"solver": {name: tensor}, "auditor": …})."""
    buffer = io.BytesIO()
    import torch

    torch.save(adapters, buffer)
    path = job_dir(job) / f"adapters-{series}.pt"
    write_atomically(path, buffer.getvalue())
    return artifact_register(job, JobArtifact.Kind.ADAPTER, path)
