"""PDFs of the shop area (they draw plain data, never query)."""
