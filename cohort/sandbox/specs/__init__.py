"""GitHub's published API descriptions (extracted slices), shipped as package data."""
