"""PDFs of the centres area (they draw plain data, never query)."""
