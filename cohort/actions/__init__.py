"""The action's entry point (``python -m cohort.actions.run``): one command, its outputs."""
