"""Reconcile: desired state, actual state, the plan, its safety, and how it is shown."""
