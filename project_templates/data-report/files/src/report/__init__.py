"""The team's data report: analysis.py summarizes the data, page.py renders it."""
