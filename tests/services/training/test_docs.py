"""Tests for pse_desktop.services.training.docs: certificate data with the skills acquired."""

import pytest

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.training import docs, progress
from tests.fixtures.social import TODAY, social  # noqa: F401
from tests.fixtures.training import take_course, training  # noqa: F401


def test_certificates_only_for_those_who_completed(training, tmp_path):
    worker, course = training["worker"], training["course"]
    with pytest.raises(ValidationError, match="nobody"):
        docs.write_certificates(worker, course.id, tmp_path / "c.pdf")
    first, _ = take_course(training, present_share=(1.0, 0.5))
    progress.complete(worker, course.id, today=TODAY)
    [cert] = docs.certificates(worker, course.id)
    assert (cert.name, cert.certificate_no, cert.trade_km, len(cert.skills)) == (
        "Sok Sophea", "CT-2026-0001", "ការធ្វើម្ហូប", 6)
    assert cert.skills[0] == ("Food hygiene and safety", "អនាម័យ និងសុវត្ថិភាពម្ហូបអាហារ")
    assert docs.write_certificates(worker, course.id, tmp_path / "c.pdf").stat().st_size > 1000


def test_support_receipt_only_for_support_given(training, tmp_path):
    from pse_desktop.services.common.errors import NotFound
    from pse_desktop.services.training import after

    worker = training["worker"]
    first, _ = take_course(training, present_share=(1.0, 0.5))
    progress.complete(worker, training["course"].id, today=TODAY)
    plain = after.record_business(worker, first, "Cakes", TODAY, today=TODAY)
    with pytest.raises(NotFound):
        docs.write_support_receipt(worker, plain.id, tmp_path / "r.pdf")
    given = after.record_business(worker, first, "Cart", TODAY, support="cash",
                                  support_usd="80", today=TODAY)
    assert docs.write_support_receipt(worker, given.id, tmp_path / "r.pdf").stat().st_size > 500
