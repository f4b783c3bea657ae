"""The pure moral-graph core (numpy, no database): votes, MAI, ranking, diff, view model, SVG."""
