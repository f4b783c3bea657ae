"""REST API v1 of the moral graph: deliberations, values, hypotheses, votes, snapshots."""
