"""The demo deliberation: content written for this project, loaded idempotently."""
