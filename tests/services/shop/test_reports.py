"""Shop reports and exports."""

import datetime as dt

from tests.fixtures.processes import other_window
from tests.fixtures.shop import shop_setup  # noqa: F401
from pse_desktop.db.shop import Sale
from pse_desktop.services.shop import reports, sales, stock


def test_a_long_export_leaves_the_till_free_to_record_a_sale(shop_setup, admin, target,
                                                             tmp_path, monkeypatch):
    pp1, bag = shop_setup["locs"]["PP1"], shop_setup["v"]["bag"]
    stock.receive(admin, pp1.id, {bag.id: 10})
    sales.complete_sale(admin, pp1.id, [(bag.id, 1)], paid_usd=2000)
    till = other_window(target.path, session=False)
    answers = []
    real_write = reports.write_table

    def slow_write(out, headers, rows, *args, **kw):
        def rows_with_a_sale_in_the_middle():
            for row in rows:
                # The export is reading: the other process records a sale now.
                answers.append(till.send(f"sell {pp1.id} {bag.id}"))
                yield row
        return real_write(out, headers, rows_with_a_sale_in_the_middle(), *args, **kw)

    monkeypatch.setattr(reports, "write_table", slow_write)
    try:
        today = dt.date.today()
        assert reports.export_sales(admin, today, today, tmp_path / "sales.xlsx") == 1
    finally:
        till.close()
    assert len(answers) == 1 and answers[0].startswith("sold ")
    assert Sale.select().count() == 2
