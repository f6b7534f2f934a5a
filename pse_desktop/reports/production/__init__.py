"""PDFs of the production area (they draw plain data, never query)."""
