"""The production reports screen: the month's output by worker and item, the CSV export."""

from pse_desktop.services.production import orders as production, states as production_states
from pse_desktop.views.production.reports import ReportsScreen
from tests.views.helpers import wait
from tests.views.production.fixtures import TODAY, make_ctx, workshop  # noqa: F401


def test_reports_screen_shows_the_month(tk_root, ui, admin, target, workshop, tmp_path):  # noqa: F811
    from pse_desktop.services.production import output as production_output
    from pse_desktop.services.production.output import OutputEntry

    v, ws = workshop["v"], workshop["workers"]
    o = production.create_order(admin, kind="handicraft", customer_kind="outside", customer="X",
                                due=TODAY, lines=[(v["SKIRT-8"].id, 10)])
    production_states.confirm(admin, o.id)
    production_output.record_output(admin, o.id, [OutputEntry(TODAY, ws["E001"].id, v["SKIRT-8"].id, 4),
                                                  OutputEntry(TODAY, ws["E002"].id, v["SKIRT-8"].id, 3)],
                                    today=TODAY)
    ctx, told = make_ctx(admin, target, choose_file=lambda *a, **k: str(tmp_path / "out.csv"))
    screen = ReportsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.on_show()
    assert screen.total.cget("text").startswith("7 pieces")
    assert screen.data.by_worker[0][:1] == ("E001",)
    wait(tk_root, screen.export())
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "E002" in text and len(text.strip().splitlines()) == 3


def test_an_empty_month_a_bad_month_and_a_bad_period(tk_root, ui, admin, target, workshop,  # noqa: F811
                                                     tmp_path):
    ctx, told = make_ctx(admin, target, choose_file=lambda *a, **k: str(tmp_path / "out.csv"))
    screen = ReportsScreen(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.on_show()
    assert screen.total.cget("text").startswith("0 pieces")
    canvas = screen.worker_chart.canvas
    texts = [canvas.itemcget(i, "text") for i in canvas.find_all() if canvas.type(i) == "text"]
    assert "No output this month." in texts
    screen.form.set_values({"month": "March"})
    screen.show()
    assert screen.form.error_text("month")
    screen.export_form.set_values({"from": "2026-03-31", "to": "2026-03-01"})
    assert screen.export() is not None and not (tmp_path / "out.csv").exists()
    assert "before the start" in screen.export_form.error_text("to")
