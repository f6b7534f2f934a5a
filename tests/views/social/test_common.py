"""The rows editor: add with Enter, change a selected line, remove it."""

from pse_desktop.views.social.common import RowsEditor, level_text


def test_rows_are_added_changed_and_removed(ui, tk_root):
    changes = []
    editor = RowsEditor(ui, [("kind", "Kind", 10, "text"), ("monthly_khr", "KHR", 8, "int"),
                             ("ok", "OK", 2, "flag")], on_change=lambda: changes.append(1))
    editor.vars["kind"].set(" rent ")
    editor.vars["monthly_khr"].set("50000")
    editor.add()
    editor.add()  # nothing typed: nothing added
    assert editor.rows == [{"kind": "rent", "monthly_khr": "50000", "ok": False}]
    editor.tree.selection_set("0")
    editor._pick()
    assert editor.vars["kind"].get() == "rent"
    editor.vars["monthly_khr"].set("60000")
    editor.add()
    assert editor.rows[0]["monthly_khr"] == "60000" and len(editor.rows) == 1
    editor.tree.selection_set("0")
    editor.remove()
    assert editor.rows == [] and len(changes) == 3
    assert level_text("urgent") == "Urgent" and level_text("") == "-"
    editor.destroy()


def test_an_answer_shown_in_the_language_is_stored_as_its_english_word():
    from pse_desktop import i18n
    from pse_desktop.services.social.rules import LENDERS, ROOFS
    from pse_desktop.views.social.common import code_of

    assert code_of("thatch", ROOFS) == "thatch" and code_of("", ROOFS) == ""
    i18n.set_language("fr")
    try:
        assert code_of("chaume", ROOFS) == "thatch"
        assert code_of(" Microfinance ", LENDERS) == "microfinance"
        assert code_of("bank", LENDERS) == "bank"  # the English word still works
        assert code_of("usurier", LENDERS) == "usurier"  # unknown: the service refuses it
    finally:
        i18n.set_language("en")
