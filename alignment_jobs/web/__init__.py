"""Pages of the alignment half: targets and jobs in the organiser console, the live job page."""
