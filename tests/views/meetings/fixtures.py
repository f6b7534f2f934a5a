"""The small world the meetings window tests share: one centre, one group, two families with
a mother each (names in Khmer and Latin letters) and a child each, and a centre staff member."""

import datetime as dt

import pytest

from pse_desktop.services.centres import groups as attendance_setup, children, families
from pse_desktop.services.core import places
from pse_desktop.views.common.base import ScreenContext

TODAY = dt.date.today()


@pytest.fixture
def world(admin):
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    sun = attendance_setup.save_group(admin, None, stm.id, "Sun", "daycare")
    for n, (km, latin, kid) in enumerate([("សុខ សុភា", "Sok Sophea", "Sok Dara"),
                                          ("ចាន់ ធីតា", "Chan Thida", "Chan Vanna")], start=1):
        f = families.save_family(admin, None, f"F0000{n}", guardians=[
            {"name_latin": latin, "name_km": km, "relation": "mother"}])
        children.save_child(admin, None, {
            "code": f"STM-000{n}", "name_latin": kid, "sex": "M",
            "birth_date": TODAY.replace(year=TODAY.year - 4), "programme": "daycare",
            "enrolled_on": TODAY - dt.timedelta(days=30), "family_id": f.id, "centre_id": stm.id},
            group_id=sun.id)
    return stm


@pytest.fixture
def staff_ctx(make_user, world, target, tmp_path):
    staff = make_user("sophea", "centre_staff", centres=["STM"])
    told = []
    ctx = ScreenContext(actor=staff, target=target, extra={"today": TODAY},
                        choose_file=lambda parent, mode, **kw: str(tmp_path / kw["initialfile"]),
                        inform=lambda parent, title, msg: told.append(msg), status=told.append)
    ctx.told = told
    return ctx
