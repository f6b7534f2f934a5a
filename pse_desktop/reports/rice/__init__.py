"""PDFs of the rice area: the distribution sheet."""
