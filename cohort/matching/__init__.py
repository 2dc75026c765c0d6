"""Sign-ups to teams: intake, CP-SAT matching with a verifier, and the cohort.yml change."""
