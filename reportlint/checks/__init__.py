"""One module per rule family; each check is a pure function (document, context) → findings."""
