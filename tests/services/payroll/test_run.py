"""The issue's worked examples end to end through the database: worker, contract, time sheet,
draft, finalise. The arithmetic of each figure is in tests/services/payroll/test_calc.py; here
each example is set up as a manager would, and the stored payslip must give the same figures."""

import datetime as dt

import peewee
import pytest

from pse_desktop.db.payroll import Payslip, PayRun, TimeEntry
from pse_desktop.services.payroll import (
    months as payroll, docs as payroll_docs, extras as payroll_extras, run as payroll_run,
    timesheets, workers,
)
from pse_desktop.services.common.errors import ConflictError, ValidationError
from tests.fixtures.payroll import hire, lines, manager, slip  # noqa: F401

D = dt.date


def test_minimum_wage_worker_no_tax(manager):
    # $210 + $10 + $7 + $2 (1 year) = $229.00; NSSF 2% of KHR 938,900 = 18,778 -> $4.58; no tax
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210.00")
    assert timesheets.quick_fill(manager, "2026-01") == 27  # Mon-Sat of January 2026
    payroll_run.compute_draft(manager, "2026-01", 4100)
    p = slip(D(2026, 1, 1), "E001")
    assert lines(p) == {"SALARY": 21000, "ATTENDANCE": 1000, "TRANSPORT": 700, "SENIORITY_BONUS": 200,
                        "NSSF_PENSION": 458, "NSSF_PENSION_ER": 458, "NSSF_HEALTH_ER": 595,
                        "NSSF_RISK_ER": 183, "TAX": 0}
    assert (p.gross_cents, p.tax_khr, p.net_cents, p.employer_cost_cents) == (22900, 0, 22442, 24136)
    assert p.days_worked == "27"
    # fair wage: exactly the legal reference (210 + 10 + 7 + 2)
    assert (p.regular_pay_cents, p.reference_cents) == (22900, 22900)


def test_supervisor_10_percent_bracket_two_dependants_nssf_ceiling(manager):
    # KHR 2,835,000 gross; NSSF base capped 1,200,000; taxable 2,511,000 -> tax KHR 76,100 = $18.79
    hire(manager, "E002", D(2020, 3, 1), "monthly", "700", job="supervisor", dependants=2,
         attendance_bonus=False, transport_allowance=False, seniority_bonus=False)
    timesheets.quick_fill(manager, "2026-03")
    payroll_run.compute_draft(manager, "2026-03", 4050)
    p = slip(D(2026, 3, 1), "E002")
    assert (p.gross_khr, p.nssf_base_khr, p.taxable_khr, p.tax_khr, p.tax_cents) == (
        2_835_000, 1_200_000, 2_511_000, 76_100, 1879)
    assert p.net_cents == 67528 and p.employer_cost_cents == 71600


def test_worker_hired_mid_month_is_prorated(manager):
    # hired Tue 20 Jan 2026: 20-24 + 26-31 = 11 of 27 working days
    # 21,000 / 27 x 11 = 8,556; transport 700 / 27 x 11 = 285; net 8,841 - 195 = 8,646
    hire(manager, "E003", D(2026, 1, 20), "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    p = slip(D(2026, 1, 1), "E003")
    assert lines(p)["SALARY"] == 8556 and lines(p)["TRANSPORT"] == 285 and lines(p)["ATTENDANCE"] == 0
    assert p.net_cents == 8646 and p.nssf_base_khr == 400_000
    assert p.reference_cents == 0  # a partial month is not compared with the sector minimum


def test_overtime_on_a_public_holiday(manager):
    # $250/month, 3 years; 6 h at 150% + 8 h on Khmer New Year at 200%:
    # 6 x 25,000/208 x 1.5 = 1,082; 8 x 25,000/208 x 2 = 1,923; gross 30,105; net 29,520
    wid = hire(manager, "E004", D(2023, 1, 15), "monthly", "250")
    for day, name in ((D(2026, 4, 14), "Khmer New Year"), (D(2026, 4, 15), "Khmer New Year"),
                      (D(2026, 4, 16), "Khmer New Year")):
        payroll.save_holiday(manager, day, name)
    timesheets.quick_fill(manager, "2026-04")
    sheet = timesheets.get_sheet(manager, wid, "2026-04")
    assert [d.status for d in sheet.days[13:16]] == ["H", "H", "H"]
    days = {d.day: (d.status, "", "", "") for d in sheet.days if d.status}
    days[D(2026, 4, 7)] = ("W", "", "6", "")
    days[D(2026, 4, 14)] = ("H", "", "", "8")
    timesheets.save_sheet(manager, wid, "2026-04", days)
    payroll_run.compute_draft(manager, "2026-04", 4100)
    p = slip(D(2026, 4, 1), "E004")
    assert lines(p)["OT_NORMAL"] == 1082 and lines(p)["OT_PREMIUM"] == 1923
    assert p.gross_cents == 30105 and p.net_cents == 29520
    ot = [l for l in p.lines if l.code == "OT_PREMIUM"][0]
    assert ot.explanation == "8 h × ($250.00 ÷ 208 h) × 200% = $19.23"


def test_june_seniority_pay(manager):
    # 7.5 days x 23,000 / 26 = 6,635; gross 31,635; net 31,050
    hire(manager, "E005", D(2024, 1, 10), "monthly", "230")
    timesheets.quick_fill(manager, "2026-06")
    payroll_run.compute_draft(manager, "2026-06", 4100)
    p = slip(D(2026, 6, 1), "E005")
    assert lines(p)["SENIORITY_PAY"] == 6635 and p.gross_cents == 31635 and p.net_cents == 31050
    assert p.taxable_khr == 1_001_000


def test_advance_repaid_over_two_months(manager):
    # $45.01 in [22.51, 22.50]; $9/day; Feb 2026 net 20,583; March (1 unpaid absence) net 20,486
    wid = hire(manager, "E006", D(2025, 6, 1), "daily", "9.00")
    payroll_extras.give_advance(manager, wid, D(2026, 2, 10), "45.01", months=2)
    timesheets.quick_fill(manager, "2026-02")
    timesheets.quick_fill(manager, "2026-03")
    sheet = timesheets.get_sheet(manager, wid, "2026-03")
    days = {d.day: (d.status,) for d in sheet.days if d.status}
    days[D(2026, 3, 17)] = ("A",)
    timesheets.save_sheet(manager, wid, "2026-03", days)
    payroll_run.compute_draft(manager, "2026-02", 4100)
    payroll_run.finalise(manager, "2026-02")
    payroll_run.compute_draft(manager, "2026-03", 4100)
    feb, mar = slip(D(2026, 2, 1), "E006"), slip(D(2026, 3, 1), "E006")
    assert (feb.gross_cents, feb.advance_cents, feb.net_cents) == (23300, 2251, 20583)
    assert (mar.gross_cents, mar.advance_cents, mar.net_cents) == (23200, 2250, 20486)
    assert mar.days_worked == "25"


def test_student_paid_by_the_hour_on_weekends(manager, admin):
    # 15.5 weekend hours x $1.75 = 27.125 -> $27.13 (half-up); no NSSF, no tax
    from pse_desktop.db.centres import Child, Family
    from pse_desktop.services.core import places
    from pse_desktop.services.common.errors import ValidationError

    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    family = Family.create(code="F-0042")
    Child.create(code="C-0042", name_latin="Sok Dara", sex="M", birth_date=D(2009, 3, 1),
                 family=family, centre=centre.id, programme="after_school", enrolled_on=D(2015, 1, 5))
    with pytest.raises(ValidationError) as info:
        hire(manager, "S002", D(2026, 1, 5), "hourly", "1.75", kind="student", nssf_member=False,
             child_code="C-9999")
    assert info.value.field == "child_code"
    wid = hire(manager, "S001", D(2026, 1, 5), "hourly", "1.75", kind="student", nssf_member=False,
               child_code="c-0042")
    assert workers.get_worker(manager, wid).child_code == "C-0042"
    timesheets.save_sheet(manager, wid, "2026-05", {
        D(2026, 5, 2): ("W", "4"), D(2026, 5, 3): ("W", "4"), D(2026, 5, 9): ("W", "4"),
        D(2026, 5, 10): ("W", "3:30")})
    run = payroll_run.compute_draft(manager, "2026-05", 4100)
    p = slip(D(2026, 5, 1), "S001")
    assert lines(p) == {"WEEKEND": 2713, "TAX": 0}
    assert p.net_cents == 2713 and p.hours_worked == "15.5"
    assert run.warning_list() == []  # a student's blank weekdays are normal


def test_register_totals_equal_the_sum_of_payslips_and_warnings(manager):
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    hire(manager, "E002", D(2025, 1, 1), "monthly", "180")  # below the minimum wage
    hire(manager, "E003", D(2025, 1, 1), "daily", "9")
    workers.save_worker(manager, None, dict(code="E009", job="cutter", name_latin="No Contract",
                                                   hire_date=D(2025, 1, 1)))
    hire(manager, "E010", D(2025, 1, 1), "monthly", "300")
    timesheets.quick_fill(manager, "2026-01")
    TimeEntry.delete().where(TimeEntry.worker == workers.list_workers(manager, search="E010")[0].id).execute()
    run = payroll_run.compute_draft(manager, "2026-01", 4100)
    warnings = dict(run.warning_list())
    assert "below the legal minimum" in warnings["E002"]
    assert "no contract" in warnings["E009"]
    assert "no time sheet" in warnings["E010"]
    reg = payroll_docs.register(manager, "2026-01")
    assert [r.code for r in reg.rows] == ["E001", "E002", "E003"]
    for key in ("gross_cents", "nssf_employee_cents", "tax_khr", "net_cents", "employer_cost_cents"):
        assert reg.totals[key] == sum(getattr(r, key) for r in reg.rows)


def test_finalised_month_cannot_change(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    with pytest.raises(ConflictError):
        payroll_run.compute_draft(manager, "2026-01")
    with pytest.raises(ConflictError):
        timesheets.save_sheet(manager, wid, "2026-01", {D(2026, 1, 5): ("A",)})
    with pytest.raises(ConflictError):
        payroll_extras.add_adjustment(manager, wid, "2026-01", "addition", "bonus", "5")
    with pytest.raises(ConflictError):
        payroll_run.finalise(manager, "2026-01")
    # the database itself refuses, even outside the services
    with pytest.raises(peewee.IntegrityError):
        Payslip.update(net_cents=1).execute()
    with pytest.raises(peewee.IntegrityError):
        PayRun.update(status="draft").execute()
    # a correction is an adjustment line in a later run
    payroll_extras.add_adjustment(manager, wid, "2026-02", "addition", "Overtime missed", "12.50",
                               corrects_month="2026-01")
    timesheets.quick_fill(manager, "2026-02")
    payroll_run.compute_draft(manager, "2026-02", 4100)
    feb = slip(D(2026, 2, 1), "E001")
    assert [(l.label, l.amount_cents) for l in feb.lines if l.code == "ADDITION"] == [
        ("Overtime missed (correction of 01/2026)", 1250)]


def test_finalise_refuses_a_draft_the_data_no_longer_gives(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    timesheets.save_sheet(manager, wid, "2026-01", {d.day: (d.status,) for d in
                                                     timesheets.get_sheet(manager, wid, "2026-01").days
                                                     if d.status} | {D(2026, 1, 5): ("UL",)})
    with pytest.raises(ConflictError):
        payroll_run.finalise(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01")
    assert payroll_run.finalise(manager, "2026-01").status == "final"


def test_raise_starts_on_its_date_and_history_stays(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    workers.add_contract(manager, wid, D(2026, 2, 1), "monthly", "230")
    for month in ("2026-01", "2026-02"):
        timesheets.quick_fill(manager, month)
        payroll_run.compute_draft(manager, month, 4100)
    assert lines(slip(D(2026, 1, 1), "E001"))["SALARY"] == 21000
    assert lines(slip(D(2026, 2, 1), "E001"))["SALARY"] == 23000
    assert len(workers.list_contracts(manager, wid)) == 2


def test_piece_rate_pay_from_pieces_entered_here_and_by_production(manager):
    # 2026-02 (24 working days, all worked): 1,000 shirts x $0.12 + 500 bags x $0.35 (production)
    # = 12,000 + 17,500 = 29,500; + attendance 1,000 + transport 700 = 31,200 (no seniority: 0 years)
    wid = hire(manager, "E007", D(2025, 6, 1), "piece", "")
    timesheets.quick_fill(manager, "2026-02")
    timesheets.record_pieces(manager, [{"worker_id": wid, "day": D(2026, 2, 3), "item_label": "School shirt",
                                        "pieces": 600, "piece_rate": "0.12"},
                                       {"worker_id": wid, "day": D(2026, 2, 4), "item_label": "School shirt",
                                        "pieces": 400, "piece_rate": 12}])
    timesheets.record_pieces(manager, [{"worker_id": wid, "day": D(2026, 2, 5), "item_label": "Tote bag",
                                        "variant_code": "RED", "pieces": 500, "piece_rate": "0.35"}],
                             source="production", source_ref="PO-0001")
    payroll_run.compute_draft(manager, "2026-02", 4100)
    p = slip(D(2026, 2, 1), "E007")
    assert sorted((l.label, l.amount_cents) for l in p.lines if l.code == "PIECE") == [
        ("Piece work: School shirt", 12000), ("Piece work: Tote bag RED", 17500)]
    assert p.gross_cents == 31200


def test_raise_in_the_middle_of_a_month_pays_the_days_before_at_the_old_rate(manager):
    # $300 a month, raised to $330 from Monday 16 March 2026. March 2026 has 26 working days
    # (Mon-Sat); 14 of them are from the 16th on (16-21, 23-28, 30, 31).
    # By hand: 300 x 12/26 + 330 x 14/26 = 138.4615 + 177.6923 = $316.15.
    # As lines: the month at the old rate, $300.00, and (330 - 300) x 14/26 = 16.1538 -> $16.15,
    # an earning, so NSSF and tax count it: gross 300 + 16.15 + 10 + 7 + 2 = $335.15.
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "300")
    workers.add_contract(manager, wid, D(2026, 3, 16), "monthly", "330")
    timesheets.quick_fill(manager, "2026-03")
    draft = payroll_run.compute_draft(manager, "2026-03", 4100)
    p = slip(D(2026, 3, 1), "E001")
    assert lines(p)["SALARY"] == 30000
    after = [l for l in p.lines if l.label.startswith("Rate change: 16/03\u201331/03")]
    assert len(after) == 1 and after[0].amount_cents == 1615
    assert after[0].label.endswith("14/26 \u00d7 ($330.00 \u2212 $300.00)")
    assert p.gross_cents == 33515
    assert "E001" not in dict(draft.warning_list())


def test_a_contract_dated_on_or_before_a_finalised_month_is_refused(manager):
    wid = hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    for month in ("2026-01", "2026-02"):
        timesheets.quick_fill(manager, month)
        payroll_run.compute_draft(manager, month, 4100)
        payroll_run.finalise(manager, month)
    # March 2025 is no finalised month itself, but the raise would change January and February
    for start in (D(2025, 3, 1), D(2026, 1, 20), D(2026, 2, 1)):
        with pytest.raises(ConflictError, match="February 2026 is finalised"):
            workers.add_contract(manager, wid, start, "monthly", "240")
    assert len(workers.list_contracts(manager, wid)) == 1
    workers.add_contract(manager, wid, D(2026, 3, 1), "monthly", "240")
    timesheets.quick_fill(manager, "2026-03")
    payroll_run.compute_draft(manager, "2026-03", 4100)
    assert lines(slip(D(2026, 2, 1), "E001"))["SALARY"] == 21000
    assert lines(slip(D(2026, 3, 1), "E001"))["SALARY"] == 24000


def test_a_month_is_finalised_only_once_it_has_ended(manager):
    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    today = D(2026, 11, 30)
    with pytest.raises(ValidationError, match="has not begun") as err:
        payroll_run.compute_draft(manager, "2026-12", 4100, today=today)
    assert err.value.field == "month"
    timesheets.quick_fill(manager, "2026-11")
    payroll_run.compute_draft(manager, "2026-11", 4100, today=today)  # a preview of the month
    with pytest.raises(ConflictError, match="has not ended yet"):
        payroll_run.finalise(manager, "2026-11", today=today)
    assert PayRun.get().status == "draft"
    assert payroll_run.finalise(manager, "2026-11", today=D(2026, 12, 1)).status == "final"


def test_the_database_refuses_any_change_to_a_finalised_runs_payslips_and_lines(manager):
    from pse_desktop.db.payroll import PayslipLine

    hire(manager, "E001", D(2025, 1, 1), "monthly", "210")
    hire(manager, "E002", D(2025, 1, 1), "monthly", "230")
    timesheets.quick_fill(manager, "2026-01")
    payroll_run.compute_draft(manager, "2026-01", 4100)
    payroll_run.finalise(manager, "2026-01")
    p = slip(D(2026, 1, 1), "E001")
    line = p.lines[0]
    fields = {f.name: getattr(p, f.name) for f in Payslip._meta.sorted_fields if f.name != "id"}
    attempts = [
        lambda: Payslip.insert({**fields, "run": p.run_id, "worker": p.worker_id, "code": "E009"}).execute(),
        lambda: Payslip.update(net_cents=1).where(Payslip.id == p.id).execute(),
        lambda: Payslip.delete().where(Payslip.id == p.id).execute(),
        lambda: PayslipLine.insert(payslip=p.id, seq=99, code="BONUS", label="extra", kind="earning",
                                   amount_cents=5000, explanation="slipped in").execute(),
        lambda: PayslipLine.update(amount_cents=1).where(PayslipLine.id == line.id).execute(),
        lambda: PayslipLine.delete().where(PayslipLine.id == line.id).execute(),
    ]
    before = (Payslip.select().count(), PayslipLine.select().count(), p.net_cents)
    for attempt in attempts:
        with pytest.raises(peewee.IntegrityError, match="finalised payroll run is locked"):
            attempt()
    assert (Payslip.select().count(), PayslipLine.select().count(),
            slip(D(2026, 1, 1), "E001").net_cents) == before
