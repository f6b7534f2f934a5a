"""The command line's PDFs are watched like the report tests' (tests/reports/conftest.py)."""

from tests.reports.conftest import no_khmer_boxes  # noqa: F401 (an autouse fixture)
