"""units checks."""
