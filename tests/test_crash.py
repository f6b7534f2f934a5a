"""Power cuts: a writing process killed with SIGKILL at random moments loses no reported commit
and breaks nothing.

A child process (forked, so it starts in milliseconds) writes through the services without
pause: attendance registers, sales, payroll drafts, production output, stock counts, backups
and restores. It
reports each commit on a pipe right after the commit returns. The parent kills it at a random
moment, then checks the file: SQLite's integrity check, every reported commit present, and the
invariants (monthly totals equal the marks, stock and material balances equal their ledgers,
every sale has its lines and stock moves, payslip totals equal their lines). Each run starts from a copy of a
small prepared database.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from pse_desktop import areas
from pse_desktop.db import close_database, init_database, resolve_target

pytestmark = [pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL"),
              pytest.mark.sqlite_only]  # a SQLite file killed mid-write; the server recovers itself

KILLS = int(os.environ.get("PSE_CRASH_KILLS", "100"))
MONTH = "2026-01"


def last_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A small database: a centre with a group of children, a shop with stock, two workers."""
    from pse_desktop.services.centres import children, families, groups
    from pse_desktop.services.core import auth, backup, places, users
    from pse_desktop.services.payroll import timesheets, workers
    from pse_desktop.services.shop import catalog, locations, stock

    folder = tmp_path_factory.mktemp("crash")
    target = resolve_target(str(folder / "prepared.sqlite3"))
    init_database(target)
    areas.load_services()
    users.create_first_admin("admin", "Admin", "admin-pass")
    admin = auth.authenticate("admin", "admin-pass")
    centre = places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    group = groups.save_group(admin, None, centre.id, "Sun", "daycare")
    fam = families.save_family(admin, None, "F00001")
    today = dt.date.today()
    kids = []
    for i in range(8):
        kids.append(children.save_child(admin, None, dict(
            code=f"STM-{i:04d}", name_latin=f"Child {i}", sex="F",
            birth_date=dt.date(today.year - 4, 1, 1 + i), family_id=fam.id, centre_id=centre.id,
            programme="daycare", enrolled_on=dt.date(today.year - 1, 1, 5)),
            group_id=group.id).id)
    places.save_shop(admin, None, "PP1", "Shop", "Phnom Penh")
    locations.ensure_locations(admin)
    loc = next(l for l in locations.list_locations() if l.code == "PP1")
    product = catalog.save_product(admin, None, "BAG", "Tote bag", "Bags", "handicraft")
    variants = [catalog.save_variant(admin, None, product.id, f"BAG-{c}", "12.50", colour=c).id
                for c in ("RED", "BLU", "GRN")]
    stock.receive(admin, loc.id, {v: 100_000 for v in variants})
    for code in ("E001", "E002"):
        w = workers.save_worker(admin, None, dict(code=code, kind="employee", job="seamstress",
                                                  name_latin=f"Worker {code}",
                                                  hire_date=dt.date(2025, 1, 1)))
        workers.add_contract(admin, w.id, dt.date(2025, 1, 1), "monthly", "210.00")
    timesheets.quick_fill(admin, MONTH)
    from pse_desktop.services.production import materials, orders, states

    krama = materials.save_material(admin, None, "FAB-KRAMA", "Krama check", "fabric", "m",
                                    colour="red", unit_cost="1.00")
    materials.set_bom_line(admin, variants[0], krama.id, "0.5", 0)
    materials.receive(admin, krama.id, "100000")
    order = orders.create_order(admin, kind="handicraft", customer_kind="shop", location_id=loc.id,
                                due=today + dt.timedelta(days=60), lines=[(variants[0], 100_000)])
    states.confirm(admin, order.id)
    worker = w.id
    restore_from = backup.make_backup(admin, target, folder / "restore-from.sqlite3")
    close_database()
    return {"path": target.path, "restore_from": restore_from, "group": group.id, "kids": kids,
            "location": loc.id, "variants": variants, "order": order.id, "worker": worker}


def child_main(path, setup, write_fd, seed) -> None:
    """Write without pause until killed; report each commit on ``write_fd``."""
    from pse_desktop.db.core import User
    from pse_desktop.services.centres import attendance
    from pse_desktop.services.core import auth, backup
    from pse_desktop.services.production.output import OutputEntry, record_output
    from pse_desktop.services.payroll import run as payroll_run
    from pse_desktop.services.shop import count as shop_count, sales

    rng = random.Random(seed)
    target = resolve_target(str(path))
    init_database(target)
    login = lambda: auth.actor_for(User.get(User.username == "admin"))  # noqa: E731 -- no scrypt
    actor = login()
    say = lambda text: os.write(write_fd, (text + "\n").encode())  # noqa: E731
    say("ready")
    day = last_weekday(dt.date.today())
    while True:
        op = rng.choice(("mark", "mark", "sale", "sale", "draft", "draft", "count", "output",
                         "output", "backup", "restore"))
        if op == "mark":
            marks = {k: rng.choice("PAAL") for k in setup["kids"]}
            text = ",".join(f"{k}:{s}" for k, s in sorted(marks.items()))
            say("try-mark " + text)  # may be on file without its report, if killed just after
            attendance.record_day(actor, setup["group"], day, marks, change_reason="crash test")
            say("mark " + text)
        elif op == "sale":
            sale = sales.complete_sale(actor, setup["location"],
                                       [(rng.choice(setup["variants"]), rng.randint(1, 3))],
                                       paid_usd="100")
            say(f"sale {sale}")
        elif op == "draft":
            run = payroll_run.compute_draft(actor, MONTH, rng.choice((4000, 4100)))
            say(f"draft {getattr(run, 'id', run)}")
        elif op == "count":
            cid = shop_count.start_count(actor, setup["location"])
            shop_count.enter_counts(actor, cid, {v: rng.randint(90_000, 100_000)
                                                 for v in setup["variants"]})
            shop_count.post_count(actor, cid)
            say(f"count {cid}")
        elif op == "output":
            ids = record_output(actor, setup["order"], [OutputEntry(
                day, setup["worker"], setup["variants"][0], rng.randint(1, 5))], today=day)
            say(f"output {ids[0]}")
        elif op == "backup":
            say(f"backup {backup.make_backup(actor, target)}")
        else:
            say("restore-begin")
            backup.restore(actor, target, setup["restore_from"])
            actor = login()
            say("restore-done")


def reported_since_restore(lines: list[str]) -> list[str]:
    """The commits that must be present: those after the last restore that finished."""
    out: list[str] = []
    for line in lines:
        if line in ("restore-begin", "restore-done"):
            out = []  # a restore replaces everything before it
        elif line != "ready":
            out.append(line)
    return out


def check(path, reported: list[str]) -> list[str]:
    from pse_desktop.db.centres import Mark, MonthTotal
    from pse_desktop.db.payroll import Payslip, PayslipLine
    from pse_desktop.db.production import Output
    from pse_desktop.db.shop import Sale, SaleLine, StockCount, StockMove
    from pse_desktop.services.production import materials
    from pse_desktop.services.shop import stock

    from pse_desktop.db import database

    # open as the program does after a power cut (SQLite rolls back what was unfinished)
    init_database(resolve_target(str(path)))
    try:
        problems = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()
                    if r[0] != "ok"]
        if problems:
            return problems
        marks: dict[tuple, dict] = {}
        for m in Mark.select():
            key = (m.group_id, m.day.year * 100 + m.day.month)
            marks.setdefault(key, {}).setdefault(m.status, 0)
            marks[key][m.status] += 1
        for t in MonthTotal.select():
            got = marks.get((t.group_id, t.month), {})
            want = {"P": t.present, "A": t.absent, "L": t.late, "E": t.excused, "S": t.sick}
            if {k: v for k, v in want.items() if v} != got:
                problems.append(f"month total {t.group_id}/{t.month} {want} != marks {got}")
        problems += [f"stock {m}" for m in stock.ledger_mismatches()]
        problems += [f"material {m}" for m in materials.ledger_mismatches()]
        for s in Sale.select():
            if not SaleLine.select().where(SaleLine.sale == s.id).exists() or \
                    not StockMove.select().where(StockMove.ref == f"sale:{s.id}").exists():
                problems.append(f"sale {s.id} without its lines or stock moves")
        for p in Payslip.select():
            lines = list(PayslipLine.select().where(PayslipLine.payslip == p.id))
            earned = sum(l.amount_cents for l in lines if l.kind == "earning")
            if not lines or earned != p.gross_cents:
                problems.append(f"payslip {p.id}: gross {p.gross_cents} != lines {earned}")
        last_marks, tried = None, None
        for line in reported:
            kind, _, rest = line.partition(" ")
            if kind == "mark":
                last_marks, tried = rest, None
            elif kind == "try-mark":
                tried = rest
            elif kind == "sale" and Sale.get_or_none(Sale.id == int(rest)) is None:
                problems.append(f"reported {line} is missing")
            elif kind == "output" and Output.get_or_none(Output.id == int(rest)) is None:
                problems.append(f"reported {line} is missing")
            elif kind == "count" and StockCount.get_or_none(StockCount.id == int(rest)) is None:
                problems.append(f"reported {line} is missing")
            elif kind == "backup" and not os.path.exists(rest) and not any(
                    p.name > os.path.basename(rest) for p in Path(rest).parent.glob("pse-backup-*")):
                problems.append(f"reported {line} is missing")  # (or kept a newer one that day)
            elif kind == "draft" and not Payslip.select().exists():
                problems.append(f"reported {line}: no payslips")
        if last_marks is not None:  # the last register saved (or the one being saved) is on file
            day = last_weekday(dt.date.today())
            got = ",".join(f"{m.child_id}:{m.status}" for m in
                           Mark.select().where(Mark.day == day).order_by(Mark.child))
            if got not in (last_marks, tried):
                problems.append(f"register {got} is neither the last reported {last_marks} "
                                f"nor the one being saved {tried}")
    finally:
        close_database()
    return problems


def test_sigkill_at_random_moments_loses_nothing_reported(prepared, tmp_path):
    rng = random.Random(int(os.environ.get("PSE_CRASH_SEED", "12")))
    live = tmp_path / "live.sqlite3"
    kinds: dict[str, int] = {}
    started = time.monotonic()
    for kill in range(KILLS):
        for extra in tmp_path.glob("live.sqlite3*"):
            extra.unlink()
        shutil.rmtree(tmp_path / "backups", ignore_errors=True)
        shutil.copyfile(prepared["path"], live)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            code = 0
            try:
                os.close(read_fd)
                child_main(live, prepared, write_fd, rng.random())
            except BaseException:  # noqa: BLE001 -- a refused write ends this child's run
                import traceback

                traceback.print_exc()
                code = 3
            finally:
                os._exit(code)
        os.close(write_fd)
        out = b""
        deadline = time.monotonic() + 20
        while b"ready\n" not in out and time.monotonic() < deadline:
            out += os.read(read_fd, 65536)
        time.sleep(rng.uniform(0.01, 0.4))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):
            out += chunk
        os.close(read_fd)
        assert os.WIFSIGNALED(status), f"kill {kill}: the writer stopped by itself ({status})"
        lines = out.decode().splitlines()
        for line in lines:
            if line.startswith("try-"):
                continue
            kinds[line.split(" ")[0]] = kinds.get(line.split(" ")[0], 0) + 1
        problems = check(live, reported_since_restore(lines))
        assert not problems, f"kill {kill} after {lines[-3:]}: {problems}"
    # the kills fell among every kind of write
    for kind in ("mark", "sale", "draft", "count", "output", "backup", "restore-done"):
        assert kinds.get(kind), f"no {kind} committed in {KILLS} runs: {kinds}"
    print(f"{KILLS} kills in {time.monotonic() - started:.0f} s: {kinds}")
