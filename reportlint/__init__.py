"""reportlint: a consistency linter for Chinese public-sector reports."""

__version__ = "0.1.0"
