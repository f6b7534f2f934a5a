"""Tests for pse_desktop.services.social.docs: the receipt's data in Khmer and English."""

import pytest

from pse_desktop.services.common.errors import NotFound, PermissionDenied
from pse_desktop.services.social import docs, support
from tests.fixtures.social import social  # noqa: F401


def test_receipt_data_names_the_guardian_in_both_scripts(social):
    import datetime as dt

    fam, worker, lead = social["families"][0], social["worker"], social["lead"]
    support.set_budget(lead, dt.date.today().year, "flood", "100")
    req = support.request_support(worker, fam.id, "flood", "USD", "30", why="flooded")
    support.decide(lead, req.id, True)
    paid = support.pay(worker, req.id, "Sok Sophea")
    data = docs.receipt_data(worker, paid.id)
    assert (data.guardian_km, data.received_by, data.amount_text) == ("សុខ សុភា", "Sok Sophea",
                                                                      "$30.00")
    assert data.kind == "Flood / ទឹកជំនន់" and (data.number, data.payments) == (1, 1)
    with pytest.raises(NotFound):
        docs.receipt_data(worker, 999)
    with pytest.raises(PermissionDenied):
        docs.receipt_data(social["stm_staff"], paid.id)
