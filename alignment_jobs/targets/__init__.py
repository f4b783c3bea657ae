"""Alignment targets: a snapshot turned into what a training run aims at, per context."""
