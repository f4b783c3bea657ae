"""REST API v1 of the alignment half: targets (read:graphs) and jobs (run:jobs)."""
