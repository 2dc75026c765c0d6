"""Mentoring: induction, weekly check-ins, evaluations and graduation, as pure functions."""
