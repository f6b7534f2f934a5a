"""The screen kit: forms that show errors by field, calling a service, paged tables, work in
the background, and the screen base."""

import ttkbootstrap as tb

from pse_desktop.services.common.errors import ConflictError, ValidationError
from pse_desktop.views.common.base import (
    FAILED, BackgroundTask, Form, PagedTable, Screen, ScreenContext, call_service,
)
from tests.views.helpers import descendants, is_disabled, pump, rows, wait


def test_form_puts_an_error_beside_its_field_and_others_in_the_banner(tk_root, ui):
    form = Form(ui)
    form.pack()
    form.add("name", "Name")
    form.add("due_date", "Due date")
    form.add("active", "Active", tb.Checkbutton, var=tb.BooleanVar(value=True))
    form.set_values({"name": "Sok", "due_date": None, "unknown": "ignored"})
    assert form.values() == {"name": "Sok", "due_date": "", "active": True}
    form.show_error(ValidationError("due date", "must look like 2026-01-31"))  # by its label
    pump(tk_root)
    assert form.error_text("due_date") == "must look like 2026-01-31"
    assert form.focus_get() is form.widgets["due_date"]
    form.show_error(ValidationError("title", "is required"), field_map={"title": "name"})
    assert form.error_text("name") == "is required" and form.error_text("due_date") == ""
    form.show_error(ConflictError("Someone else saved it first."))
    assert form.banner.cget("text") == "Someone else saved it first."
    assert form.error_text("name") == ""
    form.clear_errors()
    assert form.banner.cget("text") == ""


def test_call_service_returns_the_result_or_failed(tk_root, ui):
    form = Form(ui)
    form.add("quantity", "Quantity")

    def refuse(n):
        raise ValidationError("quantity", f"only {n} left")

    assert call_service(form, refuse, 3) is FAILED
    assert form.error_text("quantity") == "only 3 left"
    assert call_service(form, lambda a, b=0: a + b, 2, b=5) == 7
    assert form.error_text("quantity") == ""
    assert call_service(None, refuse, 1) is FAILED  # no form: nothing to show it on


def test_paged_table_pages_with_its_buttons(tk_root, ui):
    data = [(i, (f"row {i}", i * 10)) for i in range(5)]

    def fetch(page, size):
        return data[page * size:(page + 1) * size], len(data)

    table = PagedTable(ui, [("name", "Name", 100), ("n", "N", 50)], page_size=2)
    table.pack()
    table.set_source(fetch)
    assert rows(table.tree) == [("row 0", "0"), ("row 1", "10")]
    assert table.count_label.cget("text") == "1-2 of 5"
    assert is_disabled(table.prev_button) and not is_disabled(table.next_button)
    table.next_button.invoke()
    table.next_button.invoke()
    assert rows(table.tree) == [("row 4", "40")] and is_disabled(table.next_button)
    assert table.count_label.cget("text") == "5-5 of 5"
    table.tree.selection_set(table.tree.get_children()[0])
    assert table.selected_key() == 4
    del data[3:]  # rows went away while the last page was shown: the table steps back
    table.refresh()
    assert table.page == 1 and rows(table.tree) == [("row 2", "20")]
    table.prev_button.invoke()
    assert table.page == 0 and table.selected_key() is None


def test_background_task_reports_progress_then_the_result_or_the_error(tk_root, ui):
    seen = []

    def work(progress):
        progress("half", 0.5)
        return 42

    task = BackgroundTask(ui, work, on_done=lambda r: seen.append(("done", r)),
                          on_error=lambda e: seen.append(("error", e)),
                          on_progress=lambda m, f: seen.append((m, f))).start()
    wait(tk_root, task)
    assert seen == [("half", 0.5), ("done", 42)]

    def broken(progress):
        raise OSError("disk full")

    task = BackgroundTask(ui, broken, on_done=seen.append,
                          on_error=lambda e: seen.append(("error", str(e)))).start()
    wait(tk_root, task)
    assert seen[-1] == ("error", "disk full")


def test_screen_shows_its_title_and_the_context_answers(tk_root, ui, target):
    class Hello(Screen):
        title = "Daily register"

    ctx = ScreenContext(actor=None, target=target)
    screen = Hello(ui, ctx)
    assert screen.ctx._base is ctx  # the screen's own wrapper of the shared context
    assert screen.ctx.target is ctx.target
    assert any(w.winfo_class() == "TLabel" and w.cget("text") == "Daily register"
               for w in descendants(screen._outer))  # the fixed title above the scrolled body
    screen.on_show()  # does nothing by default, and must not fail
    ctx.navigate("home")
    ctx.status("fine")
    ctx.logout()
    assert ctx.extra == {} and ScreenContext(actor=None, target=target).extra is not ctx.extra


def test_a_drop_down_of_stored_codes_shows_them_translated_and_reads_the_codes(ui, tk_root):
    import ttkbootstrap as tb

    from pse_desktop import i18n
    from pse_desktop.views.common.base import Form

    i18n.set_language("km")
    try:
        form = Form(ui)
        combo = form.add("job", "Job", tb.Combobox, values=["seamstress", "cutter", "Sokha"])
        form.add("free", "Free", tb.Combobox, values=["ផ្ទះ"])
    finally:
        i18n.set_language("en")
    assert list(combo.cget("values")) == ["ជាងដេរ", "អ្នកកាត់", "Sokha"]
    form.set_values({"job": "cutter"})
    assert combo.get() == "អ្នកកាត់" and form.values()["job"] == "cutter"
    combo.current(2)  # a value that is no code passes through
    assert form.values()["job"] == "Sokha"
    combo.current(0)
    assert form.values()["job"] == "seamstress"
    assert form.values()["free"] == "" and form.widgets["free"].cget("values") == ("ផ្ទះ",)


def test_a_drop_down_of_codes_with_english_labels_shows_the_labels_translated(ui, tk_root):
    import ttkbootstrap as tb

    from pse_desktop import i18n
    from pse_desktop.services.centres.rules import PROGRAMMES, SEXES
    from pse_desktop.views.common.base import Form

    i18n.set_language("km")
    try:
        form = Form(ui)
        sex = form.add("sex", "Sex", tb.Combobox, values=SEXES)
        programme = form.add("programme", "Programme", tb.Combobox, values=PROGRAMMES)
    finally:
        i18n.set_language("en")
    assert list(sex.cget("values")) == ["ស្រី", "ប្រុស"]  # not the codes F and M
    assert list(programme.cget("values"))[1] == "ក្រោយម៉ោងសិក្សា"
    form.set_values({"sex": "M", "programme": "daycare"})
    assert sex.get() == "ប្រុស" and form.values()["sex"] == "M"
    assert form.values()["programme"] == "daycare"
