"""Sortable headings and the copy menu of the kit's tables."""

import ttkbootstrap as tb

from pse_desktop.views.common.table import equip_tables, sort_key


def test_sort_key_orders_money_dates_and_text():
    assert sorted(["$10.00", "$9.50", "-$1.00"], key=sort_key) == ["-$1.00", "$9.50", "$10.00"]
    assert sort_key("2026-01-02") < sort_key("2026-11-01")
    assert sorted(["b", "A", "c"], key=sort_key) == ["A", "b", "c"]


def test_clicking_a_heading_sorts_and_again_reverses(tk_root, ui):
    holder = tb.Frame(ui)
    holder.pack()
    tree = tb.Treeview(holder, columns=("name", "pay"), show="headings")
    for name, pay in (("Sok", "$9.00"), ("Chan", "$12.50"), ("Kim", "$10.00")):
        tree.insert("", "end", values=(name, pay))
    equip_tables(holder)
    tree.sort_by("pay")
    assert [tree.set(i, "name") for i in tree.get_children()] == ["Sok", "Kim", "Chan"]
    assert tree.heading("pay", "text").endswith("▲")
    tree.sort_by("pay")
    assert [tree.set(i, "name") for i in tree.get_children()] == ["Chan", "Kim", "Sok"]
    tree.selection_set(tree.get_children()[0])
    tree.copy_rows()
    assert tree.clipboard_get() == "Chan\t$12.50"
    holder.destroy()


def test_sort_key_reads_numbers_the_way_the_language_writes_them():
    from pse_desktop import i18n

    i18n.set_language("fr")
    try:
        shown = ["1\u202f200,50\xa0$US", "9,50\xa0$US", "-1,00\xa0$US", "2,6 %", "26 %"]
        assert sorted(shown, key=sort_key) == ["-1,00\xa0$US", "2,6 %", "9,50\xa0$US", "26 %",
                                               "1\u202f200,50\xa0$US"]
    finally:
        i18n.set_language("en")
    assert sorted(["KHR\xa041,000", "KHR\xa09,000"], key=sort_key) == ["KHR\xa09,000", "KHR\xa041,000"]
