"""The modelled-time model for benchmarks: the one ``cohort demo`` uses (cohort.github.modelled)."""

from __future__ import annotations

from cohort.github.modelled import READ_MS, WRITE_MS, Step, modelled_ms, modelled_seconds

READ_LATENCY = READ_MS / 1000  # seconds a read takes, stated with every figure
WRITE_LATENCY = WRITE_MS / 1000

__all__ = ["READ_LATENCY", "WRITE_LATENCY", "Step", "modelled_ms", "modelled_seconds"]
