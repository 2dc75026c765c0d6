"""The cohort file: strict YAML reading, the model, and validation."""
