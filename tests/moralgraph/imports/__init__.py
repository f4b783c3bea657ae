"""The command-line contract: MAI's dumps in, snapshots and exports out."""
