"""The permission walk: every public service function (``actor`` first) of every module in
pse_desktop/services is in the table below, and every role lacking the function's right is
refused, also on another centre's or another shop's record.

A new service function fails ``test_every_service_function_is_in_the_table`` until it is added.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest

import pse_desktop.services as services_pkg
from pse_desktop import areas
from pse_desktop.services.centres import children, families, groups
from pse_desktop.services.common.errors import PermissionDenied
from pse_desktop.services.centres import groups as centre_groups
from pse_desktop.services.core import places
from pse_desktop.services.meetings import followup as meeting_followup, planning
from pse_desktop.services.shop import count as shop_count, events as shop_events
from pse_desktop.services.core.permissions import (
    ACTIONS, GRANTS, ROLE_NAMES, ROLES, can, cli_actor, fresh, register_actions, require,
    role_actions)
from pse_desktop.services.rice import designation as rice_designation, lists as rice_lists
from pse_desktop.services.shop import catalog, locations, sales, stock

CENTRE, SHOP = "centre", "shop"
OPEN = "open"  # any logged-in user: lists filtered by the user's centres or shops, menus
HELPER = "helper"  # the permission machinery itself
INTERNAL = "internal"  # refuses outside a service's transaction (see test_audit)

#: "area.module.function": (right, scope) -- scope: the record's centre or shop is checked too
TABLE: dict[str, tuple[str, str | None]] = {
    "centres.attendance.load_register": ("attendance.view", CENTRE),
    "centres.attendance.record_day": ("attendance.mark", CENTRE),
    "centres.attendance.mark_everyone_present": ("attendance.mark", CENTRE),
    "centres.children.get_child": ("attendance.view", CENTRE),
    "centres.children.list_children": ("attendance.view", CENTRE),
    "centres.children.count_children": ("attendance.view", CENTRE),
    "centres.children.save_child": ("children.edit", CENTRE),
    "centres.children.move_child": ("children.edit", CENTRE),
    "centres.children.group_history": ("attendance.view", CENTRE),
    "centres.demo.add_demo": ("admin.demo", None),
    "centres.export.month_table": ("attendance.view", CENTRE),
    "centres.export.export_month": ("attendance.view", CENTRE),
    "centres.export.range_table": ("attendance.view", CENTRE),
    "centres.history.child_history": ("attendance.view", CENTRE),
    "production.week.week_workers": ("production.output", None),
    "shop.history.movements": ("shop.view", SHOP),
    "shop.history.past_counts": ("shop.view", SHOP),
    "shop.history.past_closings": ("shop.view", SHOP),
    "shop.history.voids_and_returns": ("shop.view", SHOP),
    "centres.export.export_range": ("attendance.view", CENTRE),
    "centres.families.visible_families": (HELPER, None),
    "centres.families.require_family": (HELPER, None),
    "centres.families.get_family": ("attendance.view", CENTRE),
    "centres.families.find_families": ("attendance.view", None),
    "centres.families.save_family": ("families.edit", CENTRE),
    "centres.families.family_by_code": ("attendance.view", CENTRE),
    "centres.followup.absence_streaks": ("attendance.followup", CENTRE),
    "centres.followup.low_attendance": ("attendance.followup", None),
    "centres.followup.unregistered_groups": ("attendance.view", None),
    "centres.followup.home_cards": (OPEN, None),
    "centres.groups.list_groups": ("attendance.view", CENTRE),
    "centres.groups.save_group": ("attendance.groups", CENTRE),
    "centres.groups.add_day_off": ("attendance.holidays", None),
    "centres.groups.remove_day_off": ("attendance.calendar", CENTRE),
    "centres.groups.visible_centres": ("attendance.view", None),
    "centres.groups.staff_choices": ("attendance.view", None),
    "centres.importer.preview": ("children.import", None),
    "centres.importer.commit": ("children.import", None),
    "centres.rules.centre_ids_for": (HELPER, None),
    "centres.paper.keep_copy": ("attendance.view", None),
    "centres.summary.month_register": ("attendance.view", CENTRE),
    "centres.summary.month_registers": ("attendance.view", CENTRE),
    "centres.summary.monthly_rates": ("attendance.view", None),  # rates only, no names
    "centres.summary.yearly_rates": ("attendance.view", None),
    "centres.summary.centre_month_summary": ("attendance.view", CENTRE),
    "centres.summary.child_history": ("attendance.view", CENTRE),
    "common.demo.run": ("admin.demo", None),
    "common.records.save_row": (INTERNAL, None),
    "core.audit.record": (INTERNAL, None),
    "core.audit.list_entries": ("admin.audit", None),
    "core.audit.filter_choices": ("admin.audit", None),
    "core.auth.change_own_password": ("account.password", None),
    "core.backup.make_backup": ("admin.backup", None),
    "core.backup.restore": ("admin.backup", None),
    "core.demo.add_demo": ("admin.demo", None),
    "core.home.cards_for": (OPEN, None),
    "core.home.core_cards": (OPEN, None),
    "core.permissions.fresh": (HELPER, None),
    "core.permissions.can": (HELPER, None),
    "core.permissions.require": (HELPER, None),
    "core.places.save_centre": ("admin.centres", None),
    "core.places.save_shop": ("admin.centres", None),
    "core.settings.set_values": ("admin.settings", None),
    "core.users.list_users": ("admin.users", None),
    "core.users.get_user": ("admin.users", None),
    "core.users.create_user": ("admin.users", None),
    "core.users.update_user": ("admin.users", None),
    "core.users.set_active": ("admin.users", None),
    "core.users.disable_by_name": ("admin.users", None),
    "core.users.reset_password": ("admin.users", None),
    "meetings.attendance.record_attendance": ("meetings.plan", CENTRE),
    "meetings.attendance.families_absent": ("meetings.view", CENTRE),
    "meetings.demo.add_demo": ("admin.demo", None),
    "meetings.drafts.save_draft": ("meetings.plan", None),  # the user's own drafts only
    "meetings.drafts.load_draft": ("meetings.plan", None),
    "meetings.drafts.drop_draft": ("meetings.plan", None),
    "meetings.followup.get_followup": ("meetings.view", CENTRE),
    "meetings.followup.add_followup": ("meetings.followup", CENTRE),
    "meetings.followup.update_followup": ("meetings.followup", CENTRE),
    "meetings.followup.list_followups": ("meetings.view", CENTRE),
    "meetings.followup.overdue": ("meetings.view", CENTRE),
    "meetings.followup.home_cards": (OPEN, None),
    "meetings.followup.family_page": ("meetings.view", CENTRE),
    "meetings.planning.save_theme": ("meetings.themes", None),
    "meetings.planning.save_meeting": ("meetings.plan", CENTRE),
    "meetings.planning.save_notes": ("meetings.plan", CENTRE),
    "meetings.planning.delete_meeting": ("meetings.plan", CENTRE),
    "meetings.planning.get_meeting": ("meetings.view", CENTRE),
    "meetings.planning.list_meetings": ("meetings.view", CENTRE),
    "meetings.planning.families_to_invite": ("meetings.view", CENTRE),
    "meetings.planning.centre_choices": ("meetings.view", None),
    "meetings.planning.family_summaries": ("meetings.view", None),
    "meetings.planning.family_by_code": ("meetings.view", CENTRE),
    "meetings.planning.invite_choices": ("meetings.view", CENTRE),
    "meetings.reports.sign_sheet": ("meetings.view", CENTRE),
    "meetings.reports.minutes": ("meetings.view", CENTRE),
    "meetings.reports.participation": ("meetings.view", CENTRE),
    "meetings.reports.themes_by_quarter": ("meetings.view", None),
    "meetings.reports.export_table": ("meetings.view", None),
    "meetings.reports.export_meetings": ("meetings.view", None),
    "meetings.reports.families_never_came": ("meetings.view", CENTRE),
    "payroll.demo.add_demo": ("admin.demo", None),
    "payroll.docs.register": ("payroll.view", None),
    "payroll.docs.payslip_lines": ("payroll.view", None),
    "payroll.docs.payslip_documents": ("payroll.view", None),
    "payroll.docs.cash_list": ("payroll.view", None),
    "payroll.docs.nssf_list": ("payroll.view", None),
    "payroll.docs.export_rows": ("payroll.view", None),
    "payroll.docs.export_payroll": ("payroll.view", None),
    "payroll.docs.fair_wage_series": ("payroll.view", None),
    "payroll.docs.home_cards": (OPEN, None),
    "payroll.docs.write_pdf": ("payroll.view", None),
    "payroll.extras.give_advance": ("payroll.run", None),
    "payroll.extras.pay_mid_month": ("payroll.run", None),
    "payroll.extras.add_adjustment": ("payroll.run", None),
    "payroll.extras.delete_adjustment": ("payroll.run", None),
    "payroll.extras.list_extras": ("payroll.view", None),
    "payroll.months.list_rates": ("payroll.view", None),
    "payroll.months.save_rates": ("payroll.rates", None),
    "payroll.months.list_holidays": ("payroll.view", None),
    "payroll.months.save_holiday": ("payroll.rates", None),
    "payroll.months.delete_holiday": ("payroll.rates", None),
    "payroll.run.compute_draft": ("payroll.run", None),
    "payroll.run.finalise": ("payroll.finalise", None),
    "payroll.timesheets.get_sheet": ("payroll.view", None),
    "payroll.timesheets.save_sheet": ("payroll.time", None),
    "payroll.timesheets.quick_fill": ("payroll.time", None),
    "payroll.timesheets.filled_counts": ("payroll.view", None),
    "payroll.timesheets.list_pieces": ("payroll.view", None),
    "payroll.timesheets.record_pieces": ("payroll.time", None),
    "payroll.timesheets.delete_pieces": ("payroll.time", None),
    "payroll.workers.list_workers": ("payroll.view", None),
    "payroll.workers.get_worker": ("payroll.view", None),
    "payroll.workers.save_worker": ("payroll.workers", None),
    "payroll.workers.list_contracts": ("payroll.view", None),
    "payroll.workers.add_contract": ("payroll.workers", None),
    "payroll.workers.delete_contract": ("payroll.workers", None),
    "payroll.workers.find_by_code": ("payroll.view", None),
    "production.demo.add_demo": ("admin.demo", None),
    "production.docs.work_order": ("production.view", None),
    "production.docs.delivery_note": ("production.view", None),
    "production.docs.monthly_output": ("production.view", None),
    "production.docs.output_table": ("production.view", None),
    "production.docs.export_output": ("production.view", None),
    "production.docs.home_cards": (OPEN, None),
    "production.materials.save_material": ("production.materials", None),
    "production.materials.post_move": (INTERNAL, None),
    "production.materials.receive": ("production.materials", None),
    "production.materials.adjust": ("production.materials", None),
    "production.materials.return_to_stock": ("production.materials", None),
    "production.materials.set_bom_line": ("production.materials", None),
    "production.materials.remove_bom_line": ("production.materials", None),
    "production.materials.copy_bom": ("production.materials", None),
    "production.materials.set_sewing_rate": ("production.materials", None),
    "production.orders.get_order": ("production.view", None),
    "production.orders.board": ("production.view", None),
    "production.orders.board_columns": ("production.view", None),
    "production.orders.create_order": ("production.orders", None),
    "production.orders.update_order": ("production.orders", None),
    "production.orders.set_lines": ("production.orders", None),
    "production.output.record_output": ("production.output", None),
    "production.output.correct_output": ("production.output", None),
    "production.output.order_output": ("production.view", None),
    "production.output.deliver": ("production.deliver", None),
    "production.output.list_deliveries": ("production.view", None),
    "production.output.material_use": ("production.view", None),
    "production.states.confirm": ("production.orders", None),
    "production.states.reopen": ("production.orders", None),
    "production.states.start": ("production.orders", None),
    "production.states.cancel": ("production.orders", None),
    "production.states.close_short": ("production.orders", None),
    "production.states.advance_state": (INTERNAL, None),
    "production.uniforms.size_matrix": ("production.view", None),
    "production.uniforms.create_uniform_order": ("production.orders", None),
    "production.uniforms.handout": ("production.view", None),
    "shop.catalog.save_product": ("catalog.edit", None),
    "shop.catalog.save_variant": ("catalog.edit", None),
    "shop.catalog.save_item": ("catalog.edit", None),
    "shop.closing.close_day": ("shop.close_day", SHOP),
    "shop.count.start_count": ("stock.count", SHOP),
    "shop.count.enter_counts": ("stock.count", SHOP),
    "shop.count.post_count": ("stock.count", SHOP),
    "shop.count.cancel_count": ("stock.count", SHOP),
    "shop.demo.add_demo": ("admin.demo", None),
    "shop.events.create_event": ("shop.events", SHOP),
    "shop.events.list_events": (OPEN, None),
    "shop.events.send_stock": ("stock.move", SHOP),
    "shop.events.reconcile": ("shop.events", SHOP),
    "shop.home.shop_cards": (OPEN, None),
    "shop.locations.require_at": (HELPER, None),
    "shop.locations.location_ids_for": (HELPER, None),
    "shop.locations.require_view": (HELPER, None),
    "shop.locations.ensure_locations": ("shop.view", None),
    "shop.locations.list_locations": (OPEN, None),
    "shop.locations.set_allow_negative": ("shop.locations", None),
    "shop.locations.create_location": ("shop.locations", None),
    "shop.reports.sales_by": ("shop.reports", SHOP),
    "shop.reports.stock_value": ("shop.reports", SHOP),
    "shop.reports.slow_movers": ("shop.reports", None),
    "shop.reports.export_sales": ("shop.reports", None),
    "shop.reports.export_stock": ("shop.reports", None),
    "shop.returns.return_items": ("shop.sell", SHOP),
    "shop.returns.void_sale": ("shop.sell", SHOP),
    "shop.sales.complete_sale": ("shop.sell", SHOP),
    "shop.sales.list_sales": ("shop.view", SHOP),
    "shop.stock.post_move": (INTERNAL, None),
    "shop.stock.receive": ("stock.receive", SHOP),
    "shop.stock.transfer": ("stock.move", SHOP),
    "shop.stock.write_off": ("stock.move", SHOP),
    "shop.stock.stock_levels": ("shop.view", SHOP),
    "core.migrate_to.migrate_to": ("admin.backup", None),
    "rice.demo.add_demo": ("admin.demo", None),
    "rice.designation.designate": ("rice.designate", None),
    "rice.designation.end": ("rice.designate", None),
    "rice.designation.suggestions": ("rice.designate", None),
    "rice.designation.history": ("rice.designate", None),  # the reasons: social team only
    "rice.designation.designated": ("rice.designate", None),  # the reasons: social team only
    "rice.distribution.record": ("rice.distribute", CENTRE),
    "rice.distribution.sheet": ("rice.view", CENTRE),
    "rice.distribution.write_sheet": ("rice.view", CENTRE),
    "rice.distribution.no_shows": ("rice.view", None),  # through get_month: their centres
    "rice.lists.build": ("rice.designate", None),
    "rice.lists.decide": ("rice.designate", None),
    "rice.lists.finalise": ("rice.designate", None),
    "rice.lists.correct": ("rice.designate", None),
    "rice.lists.get_month": ("rice.view", CENTRE),
    "rice.reports.by_month": ("rice.view", None),  # through get_month: their centres
    "rice.reports.export_month": ("rice.view", None),
    "rice.rules.list_rules": ("rice.view", None),
    "rice.rules.save_rule": ("rice.designate", None),
    "rice.stock.post": (INTERNAL, None),
    "rice.stock.receive": ("rice.stock", None),
    "rice.stock.transfer": ("rice.stock", None),
    "rice.stock.count": ("rice.stock", None),
    "rice.stock.balances": ("rice.view", None),  # quantities per place, no names
    "rice.stock.moves": ("rice.view", None),
    "social.assessments.home_cards": (OPEN, None),
    "social.assessments.list_assessments": ("social.view", None),
    "social.assessments.overdue": ("social.view", None),
    "social.assessments.record_assessment": ("social.survey", None),
    "social.caseload.assign": ("social.assign", None),
    "social.caseload.caseload": ("social.view", None),
    "social.caseload.family_id": ("social.view", None),
    "social.caseload.find": ("social.view", None),
    "social.caseload.follow_status": ("social.status", CENTRE),
    "social.caseload.history": ("social.view", None),
    "social.caseload.may_see_family": (HELPER, None),
    "social.caseload.team": ("social.assign", None),
    "social.caseload.unassigned": ("social.assign", None),
    "social.demo.add_demo": ("admin.demo", None),
    "social.docs.receipt_data": ("social.view", None),
    "social.docs.write_receipt": ("social.view", None),
    "social.docs.write_blank_survey": ("social.view", None),
    "social.docs.write_family_file": ("social.view", None),
    "social.priority.get_priority": ("social.view", None),
    "social.priority.list_rules": ("social.view", None),
    "social.priority.override": ("social.priority", None),
    "social.priority.save_rule": ("social.rule", None),
    "social.reports.changes": ("social.view", None),
    "social.reports.done_against_due": ("social.view", None),
    "social.reports.levels_by_centre": ("social.view", None),
    "social.reports.support_by_month": ("social.view", None),
    "social.reports.family_file": ("social.view", None),
    "social.reports.export_families": ("social.export", None),
    "social.reports.export_assessments": ("social.export", None),
    "social.reports.export_support": ("social.export", None),
    "social.rules.may_read_sensitive": (HELPER, None),
    "social.rules.require_view": (HELPER, None),
    "social.rules.record_access": (HELPER, None),  # the file-access log, after the caller's check
    "social.support.approval_limit_cents": (OPEN, None),  # a setting, by role
    "social.support.budget_status": ("social.view", None),
    "social.support.budgets": ("social.view", None),
    "social.support.cancel": ("social.support.approve", None),
    "social.support.decide": ("social.support.approve", None),
    "social.support.get_request": ("social.view", None),
    "social.support.list_requests": ("social.view", None),
    "social.support.payments": ("social.view", None),
    "social.support.waiting": ("social.view", None),
    "social.support.pay": ("social.support.pay", None),
    "social.support.request_support": ("social.support.request", None),
    "social.support.set_budget": ("social.budget", None),
    "social.survey.get_survey": ("social.view", None),
    "social.survey.save_survey": ("social.survey", None),
    # training: a trainer without these rights views and marks only as the trainer of a course
    "centres.attendance.move_marks": ("children.edit", CENTRE),
    "shop.closing.may_reopen": (HELPER, None),
    "shop.closing.reopen_day": ("shop.reopen_day", None),
    "training.after.add_step": ("training.manage", None),
    "training.after.close_step": ("training.manage", None),
    "training.after.follow_ups": ("training.view", None),
    "training.after.follow_ups_due": ("training.view", None),
    "training.after.outcomes": ("training.view", None),
    "training.after.record_business": ("training.manage", None),
    "training.after.record_follow_up": ("training.manage", None),
    "training.after.record_placement": ("training.manage", None),
    "training.after.steps": ("training.view", None),
    "training.courses.close_course": ("training.manage", None),
    "training.courses.create_course": ("training.manage", None),
    "training.courses.get_course": ("training.view", None),
    "training.courses.list_courses": ("training.view", None),
    "training.courses.sessions": ("training.view", None),
    "training.courses.trades": ("training.view", None),
    "training.courses.update_course": ("training.manage", None),
    "training.demo.add_demo": ("admin.demo", None),
    "training.docs.certificates": ("training.view", None),
    "training.docs.write_certificates": ("training.view", None),
    "training.docs.write_support_receipt": ("training.view", None),
    "training.home.home_cards": (OPEN, None),
    "training.progress.complete": ("training.manage", None),
    "training.progress.mark_skill": ("training.mark", None),
    "training.progress.progress": ("training.view", None),
    "training.progress.register": ("training.mark", None),
    "training.progress.save_register": ("training.mark", None),
    "training.progress.skills_of": ("training.view", None),
    "training.reports.by_course": ("training.view", None),
    "training.reports.by_trade": ("training.view", None),
    "training.reports.course_outcome": ("training.view", None),
    "training.reports.export_trainees": ("training.export", None),
    "training.rules.is_trainer": (HELPER, None),
    "training.rules.may_view": (HELPER, None),
    "training.rules.require_manage": (HELPER, None),
    "training.rules.require_mark": (HELPER, None),
    "training.rules.require_marker": (HELPER, None),
    "training.rules.require_view": (HELPER, None),
    "training.trainees.add_outside": ("training.manage", None),
    "training.trainees.candidates": ("training.view", None),
    "training.trainees.drop_out": ("training.manage", None),
    "training.trainees.fill_from_priority": ("training.manage", None),
    "training.trainees.get_trainee": ("training.view", None),
    "training.trainees.list_trainees": ("training.view", None),
    "training.trainees.of_family": ("training.view", None),
    "training.trainees.propose": ("training.manage", None),
    "training.trainees.select": ("training.manage", None),
    "training.trainees.unselect": ("training.manage", None),
}


def service_functions() -> dict[str, object]:
    """Return every public function of pse_desktop.services whose first parameter is ``actor``."""
    areas.load_services()
    found = {}
    for info in pkgutil.walk_packages(services_pkg.__path__, "pse_desktop.services."):
        module = importlib.import_module(info.name)
        for name, func in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(func):
                continue
            if func.__module__ != module.__name__:
                continue
            params = list(inspect.signature(func).parameters)
            if params and params[0] == "actor":
                found[f"{info.name.removeprefix('pse_desktop.services.')}.{name}"] = func
    return found


def test_every_service_function_is_in_the_table():
    found = service_functions()
    missing = sorted(set(found) - set(TABLE))
    assert not missing, f"add these to the permission table: {missing}"
    assert not sorted(set(TABLE) - set(found)), "the table names functions that are gone"
    for name, func in found.items():
        if TABLE[name][0] == INTERNAL:
            assert getattr(func, "internal", False), f"{name} is not guarded as internal"


TODAY = dt.date.today()


@pytest.fixture
def world(admin, make_user):
    """Two centres and two shops with a record of each kind; staff of the first of each."""
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    cba = places.save_centre(admin, None, "CBA", "Chbar Ampov", "Phnom Penh")
    rec = {}
    for tag, centre in (("a", stm), ("b", cba)):
        fam = families.save_family(admin, None, f"F0000{tag == 'b' and 2 or 1}")
        group = groups.save_group(admin, None, centre.id, "Sun", "daycare")
        child = children.save_child(admin, None, dict(
            code=f"{centre.code}-0001", name_latin=f"Child {tag}", sex="F",
            birth_date=dt.date(TODAY.year - 4, 3, 1), family_id=fam.id, centre_id=centre.id,
            programme="daycare", enrolled_on=dt.date(TODAY.year - 1, 1, 5)), group_id=group.id)
        theme = next(t for t in planning.list_themes())
        meeting = planning.save_meeting(admin, None, {
            "centre_id": centre.id, "held_on": TODAY, "start_time": "14:30",
            "theme_id": theme.id, "title": "Hygiene", "facilitators": "Sok"},
            family_ids=[fam.id])
        follow = meeting_followup.add_followup(admin, fam.id, "visit", meeting_id=meeting.id)
        day_off = centre_groups.add_day_off(admin, TODAY + dt.timedelta(days=30), "Closed",
                                            centre.id)
        rec[tag] = {"centre_id": centre.id, "family_id": fam.id, "group_id": group.id,
                    "child_id": child.id, "meeting_id": meeting.id, "followup_id": follow.id,
                    "day_off_id": day_off.id, "code": fam.code,
                    "values": {"centre_id": centre.id, "family_id": fam.id}}
    for code in ("PP1", "PP2"):
        places.save_shop(admin, None, code, f"Shop {code}", "Phnom Penh")
    locations.ensure_locations(admin)
    locs = {loc.code: loc for loc in locations.list_locations()}
    product = catalog.save_product(admin, None, "BAG", "Tote bag", "Bags", "handicraft")
    variant = catalog.save_variant(admin, None, product.id, "BAG-RED", "12.50")
    for tag, code in (("a", "PP1"), ("b", "PP2")):
        loc = locs[code]
        stock.receive(admin, loc.id, {variant.id: 10})
        sale = sales.complete_sale(admin, loc.id, [(variant.id, 1)], paid_usd="100")
        rec[tag].update({"location_id": loc.id, "from_id": loc.id, "home_location_id": loc.id,
                         "sale_id": sale, "shop_id": loc.shop_id, "variant_id": variant.id,
                         "count_id": shop_count.start_count(admin, loc.id)})
        event = shop_events.create_event(admin, f"Fair {code}", "Paris", TODAY,
                                         TODAY + dt.timedelta(days=2), loc.id)
        rec[tag]["event_id"] = event.id
    rec["a"]["to_id"], rec["b"]["to_id"] = rec["b"]["location_id"], rec["a"]["location_id"]
    for tag in ("a", "b"):  # a final rice list with a line in each centre
        rice_designation.designate(admin, rec[tag]["family_id"], TODAY, "walk")
    rice_lists.build(admin, TODAY)
    for line in rice_lists.get_month(admin, TODAY).lines:
        if line.flagged:
            rice_lists.decide(admin, line.id, "give", "walk")
        tag = "a" if line.family_id == rec["a"]["family_id"] else "b"
        rec[tag]["line_id"] = line.id
    rice_lists.finalise(admin, TODAY)
    staff = {role: make_user(role.replace("_", ""), role,
                             centres=["STM"] if role == "centre_staff" else (),
                             shops=["PP1"] if role == "shop_staff" else ())
             for role in ROLES if role != "admin"}
    rec["b"]["username"] = "admin"
    for tag in "ab":
        rec[tag]["code_or_id"] = rec[tag]["child_id"]  # the attendance history of a child
        rec[tag]["status"] = "collected"  # a valid rice collection: the place decides
    return {"rec": rec, "staff": staff, "variant": variant.id}


def arguments(func, actor, ids: dict, tmp_path) -> tuple[list, dict]:
    """Build a call to ``func`` from parameter names: ids of the other place's records, a date,
    empty lines, a file in tmp_path; parameters with defaults keep them unless they name a
    record."""
    args, kwargs = [actor], {}
    for param in list(inspect.signature(func).parameters.values())[1:]:
        name = param.name
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if name in ids:
            value = ids[name]
        elif param.default is not inspect.Parameter.empty:
            continue
        elif name.endswith("_id") or name in ("id", "material", "o"):
            value = 1
        elif name in ("day", "from_day", "date_from", "date_to", "start", "end", "today",
                      "held_on", "due_on", "month"):
            value = TODAY
        elif name in ("lines", "marks", "counted", "returned", "values", "guardians", "rows",
                      "changes", "quantities", "ids", "family_ids", "child_ids"):
            value = {}
        elif name in ("out", "path", "dest", "folder", "source"):
            value = tmp_path / f"{func.__name__}.csv"
        elif name == "progress":
            value = lambda *a: None  # noqa: E731
        elif name == "target":
            value = None
        elif param.annotation in (int, "int"):
            value = 1
        elif param.annotation in (bool, "bool"):
            value = False
        else:
            value = "x"
        kwargs[name] = value  # by name: a skipped default must not shift the others
    return args, kwargs


def refused(func, actor, ids, tmp_path) -> str | None:
    """Return None when the call is refused with PermissionDenied, else what happened."""
    args, kwargs = arguments(func, actor, ids, tmp_path)
    try:
        func(*args, **kwargs)
    except PermissionDenied:
        return None
    except Exception as exc:  # noqa: BLE001 -- reported as the failure
        return f"{type(exc).__name__}: {exc}"
    return "allowed"


def test_every_role_without_the_right_is_refused(world, tmp_path):
    """For each function and each role lacking its right: refused, before anything is read."""
    found = service_functions()
    problems = []
    for name, func in sorted(found.items()):
        right, _scope = TABLE[name]
        if right in (OPEN, HELPER, INTERNAL):
            continue
        for role, actor in world["staff"].items():
            if right in GRANTS[role]:
                continue
            why = refused(func, actor, world["rec"]["b"], tmp_path)
            if why:
                problems.append(f"{name} as {role}: {why}")
    assert not problems, "\n".join(problems)


def test_staff_are_refused_on_another_centre_or_shop(world, tmp_path):
    """Centre staff of STM on a CBA record, shop staff of PP1 on a PP2 record: refused."""
    found = service_functions()
    problems = []
    for name, func in sorted(found.items()):
        right, scope = TABLE[name]
        role = {CENTRE: "centre_staff", SHOP: "shop_staff"}.get(scope)
        if role is None or right not in GRANTS[role]:
            continue
        why = refused(func, world["staff"][role], world["rec"]["b"], tmp_path)
        if why:
            problems.append(f"{name} as {role}: {why}")
    assert not problems, "\n".join(problems)


def test_the_table_rights_exist():
    from pse_desktop.services.core.permissions import ACTIONS

    areas.load_services()
    unknown = {r for r, _s in TABLE.values() if r not in (OPEN, HELPER, INTERNAL)} - set(ACTIONS)
    assert not unknown


def test_permissions_follow_the_database_not_the_login(world, admin):
    from pse_desktop.services.core import users

    staff = world["staff"]["centre_staff"]
    assert fresh(staff).centre_ids == staff.centre_ids
    users.update_user(admin, staff.id, "x", "social_team")
    assert fresh(staff).role == "social_team"
    users.set_active(admin, staff.id, False)
    assert fresh(staff) is None


# -- the rules themselves: data, default deny, scoped staff ------------------------------------

def test_unknown_action_and_no_actor_are_denied(admin):
    with pytest.raises(PermissionDenied):
        require(admin, "no.such.action")
    assert not can(None, "admin.users")


def test_centre_scope(admin, make_user):
    stm = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    anl = places.save_centre(admin, None, "ANL", "Anlong Kngan", "Phnom Penh")
    staff = make_user("s", "centre_staff", centres=["STM"])
    assert staff.centre_ids == frozenset({stm.id})
    assert can(staff, "account.password")
    register_actions({"test.mark": "test"}, {"centre_staff": ["test.mark"]})
    assert can(staff, "test.mark", centre_id=stm.id)
    assert not can(staff, "test.mark", centre_id=anl.id)
    with pytest.raises(PermissionDenied, match="not for this centre"):
        require(staff, "test.mark", centre_id=anl.id)


def test_shop_staff_only_for_their_shops_and_admins_everywhere(admin, make_user):
    register_actions({"test.sell": "test"}, {"shop_staff": ["test.sell"]})
    pp1 = places.save_shop(admin, None, "PP1", "Shop PP1", "Phnom Penh")
    pp2 = places.save_shop(admin, None, "PP2", "Shop PP2", "Phnom Penh")
    vanna = make_user("v", "shop_staff", shops=["PP1"])
    assert can(vanna, "test.sell", shop_id=pp1.id)
    with pytest.raises(PermissionDenied, match="not for this shop") as info:
        require(vanna, "test.sell", shop_id=pp2.id)
    assert info.value.action == "test.sell"
    assert not can(make_user("d", "social_team"), "test.sell")
    boss = make_user("a", "admin")
    assert boss.is_admin and can(boss, "test.sell", shop_id=pp2.id) and can(boss, "admin.users")


def test_register_actions_refuses_unknown_roles_and_actions():
    with pytest.raises(ValueError, match="unknown role"):
        register_actions({"test.x": "x"}, {"wizard": ["test.x"]})
    with pytest.raises(ValueError, match="unknown actions"):
        register_actions({}, {"centre_staff": ["test.never.declared"]})
    assert "test.never.declared" not in GRANTS["centre_staff"]


def test_every_role_may_change_its_password_and_only_admins_hold_admin_actions():
    for role in ROLES:
        assert "account.password" in GRANTS[role]
        assert not any(a.startswith("admin.") for a in GRANTS[role])
    assert all(ACTIONS[a] for a in ACTIONS)


def test_the_command_line_acts_as_admin_under_its_login_name():
    actor = cli_actor()
    assert actor.id is None and actor.role == "admin"
    assert actor.username.startswith("cli:")


def test_role_actions_list_what_each_role_may_do():
    areas.load_services()
    assert ACTIONS["shop.sell"] in role_actions("shop_staff")
    assert ACTIONS["payroll.finalise"] not in role_actions("shop_staff")
    assert len(role_actions("admin")) == len(ACTIONS)
    assert set(role_actions("social_team")) < set(role_actions("social_lead"))
    assert set(ROLE_NAMES) == set(ROLES)


@pytest.mark.parametrize("code", ["fr", "km"])
def test_roles_and_the_help_of_every_action_are_translated(code):
    """The users screen shows them: each is marked N_ (extracted) and has a translation."""
    from pse_desktop.i18n import gettext_in

    areas.load_services()
    texts = [help for name, help in ACTIONS.items() if not name.startswith("test.")]  # tests add some
    texts += list(ROLE_NAMES.values()) + list(ROLES.values())
    assert [t for t in texts if gettext_in(code, t) == t] == []
