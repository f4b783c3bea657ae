"""Votes: participants' wiser-than judgements on upgrade hypotheses."""
