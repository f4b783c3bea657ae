"""Management commands of the alignment half: `alignment` (equilibrium, target, run)."""
