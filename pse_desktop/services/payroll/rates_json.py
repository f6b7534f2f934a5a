"""Rates as JSON, for storing them as dated data in the database (pure functions)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

from ..common.errors import ValidationError
from .rates import Rates
from ...i18n import _

_FIELDS = {f.name: f for f in dataclasses.fields(Rates)}


def rates_to_json(rates: Rates) -> str:
    """Return the JSON text of every field of ``rates``."""
    out = {}
    for name in _FIELDS:
        value = getattr(rates, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, tuple):
            value = [list(v) if isinstance(v, tuple) else v for v in value]
        out[name] = value
    return json.dumps(out, sort_keys=True)


def rates_from_json(text: str, effective_from: dt.date | None = None) -> Rates:
    """Return the Rates stored as JSON; fields missing from older rows take their defaults."""
    raw = json.loads(text)
    values = {}
    for name, value in raw.items():
        if name not in _FIELDS:
            continue  # a field a newer program added and this one does not know
        if name == "effective_from":
            value = dt.date.fromisoformat(value)
        elif name == "seniority_pay_days":
            value = Decimal(value)
        elif isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        values[name] = value
    if effective_from is not None:
        values["effective_from"] = effective_from
    if "minimum_wage_cents" not in values:
        raise ValidationError("minimum_wage_cents", _("missing from the stored rates"))
    return Rates(**values)
