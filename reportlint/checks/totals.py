"""totals checks."""
