"""Everything that talks to GitHub: transport, pacing, reads, writes, auth."""
