"""PDFs of the meetings area (they draw plain data, never query)."""
