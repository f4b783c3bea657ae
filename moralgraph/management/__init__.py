"""Management commands of the moral graph: `moralgraph` (import, snapshot, export) and `load_demo`."""
