"""Alignment jobs: configs, launching and cancelling, and the runner that plays the game for a row."""
