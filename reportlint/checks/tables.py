"""tables checks."""
