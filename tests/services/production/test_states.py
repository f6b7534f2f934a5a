"""Order transitions: confirm, start, close short, cancel; who may change an order."""

import datetime as dt

import pytest

from pse_desktop.services.production import (
    orders as production, output as production_output, states as production_states,
)
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.production.output import OutputEntry
from tests.fixtures.production import TODAY, order_of, workshop  # noqa: F401


def test_transitions_follow_the_rules(admin, workshop):
    o, vid = order_of(admin, workshop)
    e1 = workshop["workers"]["E001"].id
    with pytest.raises(ConflictError):
        production_states.start(admin, o.id)
    with pytest.raises(ConflictError):
        production_states.close_short(admin, o.id, "x")
    production_states.confirm(admin, o.id)
    with pytest.raises(ConflictError):
        production_states.confirm(admin, o.id)
    with pytest.raises(ConflictError):
        production.set_lines(admin, o.id, [(vid, 9)])
    production_states.reopen(admin, o.id)
    assert production.set_lines(admin, o.id, [(vid, 4)]).quantity == 4
    production_states.confirm(admin, o.id)
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 2)], today=TODAY)
    assert production.get_order(admin, o.id).state == "in_progress"
    with pytest.raises(ConflictError):
        production_states.cancel(admin, o.id, "changed our mind")
    with pytest.raises(ConflictError):
        production_states.reopen(admin, o.id)
    with pytest.raises(ValidationError):
        production_states.close_short(admin, o.id, "")
    assert production_states.close_short(admin, o.id, "fabric discontinued") == "done"
    line = production.get_order(admin, o.id).lines[0]
    assert production_output.deliver(admin, o.id, {line.id: 2}, today=TODAY).state_after == "delivered"
    with pytest.raises(ConflictError):
        production_output.record_output(admin, o.id, [OutputEntry(TODAY, e1, vid, 1)], today=TODAY)


def test_only_the_workshop_manager_and_admins(admin, workshop, make_user):
    shopper = make_user("srey", "shop_staff", shops=["PP1"])
    manager = make_user("vanna", "workshop_manager")
    with pytest.raises(PermissionDenied):
        order_of(shopper, workshop)
    o, _vid = order_of(manager, workshop)
    assert production.get_order(manager, o.id).no == "PO-00001"
