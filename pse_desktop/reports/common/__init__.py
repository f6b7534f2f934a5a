"""What every area's PDFs share: Khmer fonts and shaped paragraphs."""
