"""Report profiles: title patterns and required sections per report type."""
