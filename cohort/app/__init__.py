"""The GitHub App: verify deliveries, decide label and review changes, apply them."""
