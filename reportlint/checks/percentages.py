"""percentages checks."""
