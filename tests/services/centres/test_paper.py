"""This computer's copy for the blank paper registers: made from the database, printed without it."""

import datetime as dt
import json
import os

import pytest

from pse_desktop.db import close_database
from pse_desktop.services.centres import groups as attendance_setup, paper
from pse_desktop.services.common.errors import NotFound
from pse_desktop.services.core import places
from tests.fixtures.centres import centre, family, group, kids, other_centre, TODAY  # noqa: F401


def test_the_copy_prints_blank_registers_with_no_database_open(admin, kids, group, centre, tmp_path):
    day = dt.date(TODAY.year, TODAY.month, 1) + dt.timedelta(days=40)
    day = day.replace(day=3)
    attendance_setup.add_day_off(admin, day, "Water festival", centre.id)
    path = paper.keep_copy(admin, today=TODAY)
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert "marks" not in json.dumps(stored)
    close_database()  # the server is gone: only the copy is left
    registers = paper.blank_registers_from_copy(day.strftime("%Y-%m"))
    assert [(r.centre_code, r.group_name) for r in registers] == [("STM", "Sun")]
    reg = registers[0]
    assert reg.blank and [line.name_latin for line in reg.lines] == ["Sok Bopha", "Sok Dara",
                                                                      "Sok Vanna"]
    assert reg.lines[0].name_km == "សុខ បុប្ផា" and reg.closed[day] == "Water festival"
    assert len(reg.days) >= 28
    out = paper.print_blank_from_copy(day.strftime("%Y-%m"), tmp_path / "blank.pdf")
    assert out.read_bytes().startswith(b"%PDF")
    assert "STM" in paper.copy_summary() and "3" in paper.copy_summary()


def test_a_centre_user_refreshes_only_their_centre_and_keeps_the_others(admin, make_user, kids,
                                                                       other_centre):
    attendance_setup.save_group(admin, None, other_centre.id, "Moon", "daycare")
    paper.keep_copy(admin, today=TODAY)
    staff = make_user("dara", "centre_staff", centres=["CBA"])
    attendance_setup.save_group(admin, None, other_centre.id, "Star", "daycare")
    paper.keep_copy(staff, today=TODAY)
    copy = paper.read_copy()
    assert [c["code"] for c in copy["centres"]] == ["CBA", "STM"]
    cba = copy["centres"][0]
    assert sorted(g["name"] for g in cba["groups"]) == ["Moon", "Star"]
    assert len(paper.blank_registers_from_copy(TODAY.strftime("%Y-%m"), "STM")) == 1


def test_without_a_copy_printing_says_how_one_is_made(tmp_path):
    with pytest.raises(NotFound, match="daily register screen"):
        paper.blank_registers_from_copy("2026-03")
    assert paper.copy_summary() is None
    paper.copy_path().write_text("{not json", encoding="utf-8")
    assert paper.read_copy() is None


def test_who_may_not_see_attendance_gets_no_copy(admin, make_user, kids):
    from pse_desktop.services.common.errors import PermissionDenied

    places.save_shop(admin, None, "PP1", "Shop PP1", "Phnom Penh")
    seller = make_user("vanna", "shop_staff", shops=["PP1"])
    with pytest.raises(PermissionDenied):
        paper.keep_copy(seller, today=TODAY)
    assert paper.read_copy() is None
