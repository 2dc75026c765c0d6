"""Helpers for running inside a GitHub Actions workflow: its environment and the plan comment.

Used by the CLI and by the action's entry point (``cohort.actions.run``), which imports the CLI;
so these live apart from the entry point and never import the CLI.
"""
