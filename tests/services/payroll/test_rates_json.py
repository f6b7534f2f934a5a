"""Rates stored as JSON: a round trip keeps every field; unknown fields are skipped, missing ones
take their defaults, and a row without a minimum wage is refused."""

import datetime as dt
import json

import pytest

from pse_desktop.services.common.errors import ValidationError
from pse_desktop.services.payroll.rates import default_rates_2025, default_rates_2026
from pse_desktop.services.payroll.rates_json import rates_from_json, rates_to_json


@pytest.mark.parametrize("rates", [default_rates_2025(), default_rates_2026()])
def test_round_trip_keeps_every_field(rates):
    text = rates_to_json(rates)
    assert rates_from_json(text) == rates
    raw = json.loads(text)
    assert raw["effective_from"] == rates.effective_from.isoformat()
    assert raw["tax_brackets"][-1][0] is None


def test_effective_date_given_wins_and_unknown_or_missing_fields_are_handled():
    raw = json.loads(rates_to_json(default_rates_2026()))
    raw["a_field_from_a_newer_program"] = 1
    del raw["transport_cents"]
    rates = rates_from_json(json.dumps(raw), dt.date(2027, 1, 1))
    assert rates.effective_from == dt.date(2027, 1, 1)
    assert rates.transport_cents == default_rates_2026().transport_cents  # the default
    assert rates.minimum_wage_cents == 21000


def test_a_row_without_a_minimum_wage_is_refused():
    raw = json.loads(rates_to_json(default_rates_2026()))
    del raw["minimum_wage_cents"]
    with pytest.raises(ValidationError) as err:
        rates_from_json(json.dumps(raw))
    assert err.value.field == "minimum_wage_cents"
