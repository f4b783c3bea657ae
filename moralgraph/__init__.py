"""The moral graph: deliberations, values cards, canonical values, wiser-than votes, snapshots."""
