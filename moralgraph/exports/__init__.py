"""Exports: a snapshot streamed as MAI JSON, GraphML, CSV or JSONL, with no participant data."""
