"""dates checks."""
