"""duplicates checks."""
