"""PDFs of the social team: blank survey, support receipts, family file."""
