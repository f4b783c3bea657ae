"""Alignment targets and jobs: the auditor-gated game trained on GPU workers (queue "gpu")."""
