"""PDFs of the payroll area (they draw plain data, never query)."""
