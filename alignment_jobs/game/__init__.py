"""The pure core of the auditor-gated incentive game: outcomes, reward profiles, resolution,
controllers, baselines, equilibrium theory and a torch toy game (no Django: numpy, scipy, torch).

Modules: `outcomes`, `profiles`, `resolution`, `controllers`, `baselines` (also `make_controller`),
`equilibrium` (`predict`), `toy` (`ToyGame`, `run_experiment`), `experiments` (the CLI), `rng`.
Nothing is imported here, so `import alignment_jobs.game.equilibrium` does not load torch.
"""
