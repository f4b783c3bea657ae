"""The append-only audit log: who decided what, on which target, when and why."""
