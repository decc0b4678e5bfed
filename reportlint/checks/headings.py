"""headings checks."""
