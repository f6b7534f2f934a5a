"""Groups of a centre and the calendar: public holidays, centres' closing days, school days."""

import datetime as dt

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.centres import groups as attendance_setup
from pse_desktop.services.common.errors import ConflictError, PermissionDenied, ValidationError
from pse_desktop.services.core import settings
from tests.fixtures.centres import centre, other_centre  # noqa: F401


def test_school_days_skip_weekends_and_days_off(admin, centre):
    attendance_setup.add_day_off(admin, dt.date(2026, 4, 14), "Khmer New Year")
    attendance_setup.add_day_off(admin, dt.date(2026, 4, 15), "Staff training", centre.id)
    days = attendance_setup.school_days(centre.id, dt.date(2026, 4, 13), dt.date(2026, 4, 19))
    assert days == [dt.date(2026, 4, 13), dt.date(2026, 4, 16), dt.date(2026, 4, 17)]
    other = attendance_setup.school_days(None, dt.date(2026, 4, 13), dt.date(2026, 4, 19))
    assert dt.date(2026, 4, 15) in other


def test_groups_are_named_once_per_centre_and_stay_in_it(admin, make_user, centre, other_centre):
    sophea = make_user("sophea", "centre_staff", centres=["STM"])
    sun = attendance_setup.save_group(admin, None, centre.id, "Sun", "after_school", "morning",
                                      staff_id=sophea.id)
    assert (sun.label, sun.staff_name, sun.centre_code) == ("Sun (after-school, morning)", "Sophea", "STM")
    attendance_setup.save_group(admin, None, other_centre.id, "Sun", "daycare", "morning")
    assert attendance_setup.get_group(sun.id).session == "morning"
    for args, field in ((("Sun", "daycare"), "name"), (("Moon", "after_school"), "session"),
                        (("Moon", "nursery"), "programme"), (("", "daycare"), "name")):
        with pytest.raises(ValidationError) as err:
            attendance_setup.save_group(admin, None, centre.id, *args)
        assert err.value.field == field
    with pytest.raises(ConflictError):
        attendance_setup.save_group(admin, sun.id, other_centre.id, "Sunny", "daycare")
    attendance_setup.save_group(admin, sun.id, centre.id, "Sun", "after_school", "afternoon",
                                staff_id=sophea.id)
    entry = AuditEntry.select().where(AuditEntry.entity == "group").order_by(AuditEntry.id.desc()).get()
    assert entry.summary == "session: 'morning' -> 'afternoon'"
    assert [g.centre_code for g in attendance_setup.list_groups(sophea)] == ["STM"]
    assert len(attendance_setup.list_groups(admin)) == 2
    assert attendance_setup.staff_choices(admin, centre.id) == [(sophea.id, "Sophea")]


def test_holidays_for_admins_closing_days_for_the_centres_staff(admin, make_user, centre,
                                                                other_centre, lang):
    sophea = make_user("sophea", "centre_staff", centres=["STM"])
    with pytest.raises(PermissionDenied):
        attendance_setup.add_day_off(sophea, dt.date(2026, 4, 14), "Khmer New Year")
    with pytest.raises(PermissionDenied):
        attendance_setup.add_day_off(sophea, dt.date(2026, 4, 20), "Training", other_centre.id)
    closed = attendance_setup.add_day_off(sophea, dt.date(2026, 4, 20), "Training", centre.id)
    holiday = attendance_setup.add_day_off(admin, "2026-04-14", "Khmer New Year")
    assert (holiday.kind, closed.kind) == ("public holiday", "centre closed")
    with pytest.raises(ValidationError) as err:
        attendance_setup.add_day_off(admin, dt.date(2026, 4, 14), "Again")
    assert err.value.field == "day"
    assert [d.name for d in attendance_setup.list_days_off(2026)] == ["Khmer New Year"]
    assert [d.name for d in attendance_setup.list_days_off(2026, centre.id)] == ["Khmer New Year",
                                                                                "Training"]
    assert attendance_setup.why_closed(centre.id, dt.date(2026, 4, 20)) == "Training"
    assert attendance_setup.why_closed(other_centre.id, dt.date(2026, 4, 20)) is None
    assert attendance_setup.why_closed(centre.id, dt.date(2026, 4, 19)) == "Sunday"
    lang("km")  # the weekday in the reader's language
    assert attendance_setup.why_closed(centre.id, dt.date(2026, 4, 19)) == "អាទិត្យ"
    lang("en")
    attendance_setup.remove_day_off(sophea, closed.id)
    assert attendance_setup.why_closed(centre.id, dt.date(2026, 4, 20)) is None
    with pytest.raises(PermissionDenied):
        attendance_setup.remove_day_off(sophea, holiday.id)


def test_six_school_days_a_week_opens_saturdays(admin, centre):
    saturday = dt.date(2026, 4, 18)
    assert not attendance_setup.is_weekday_open(saturday)
    settings.set_values(admin, {"school_days_per_week": 6})
    assert attendance_setup.is_weekday_open(saturday)
    assert attendance_setup.school_days(centre.id, saturday, saturday + dt.timedelta(days=1)) == [saturday]


def test_visible_centres_follow_the_users_centres(admin, make_user, centre, other_centre):
    assert [c[1] for c in attendance_setup.visible_centres(admin)] == ["CBA", "STM"]
    staff = make_user("sophea", "centre_staff", centres=["CBA"])
    assert attendance_setup.visible_centres(staff) == [(other_centre.id, "CBA", "Chbar Ampov")]
