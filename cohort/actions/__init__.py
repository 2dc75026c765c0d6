"""Helpers for running cohort as a GitHub Actions step: events, outputs, masks, plan comments."""
