"""Window tests never wait on a real message box: it is modal, and would hang the run until CI
stops it. A test that means to see one replaces it (monkeypatch) or answers through the screen's
context (tests/views/helpers.py)."""

import pytest
import ttkbootstrap as tb


def _modal(name):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a real message box ({name}) would wait for a click: {args[:1]}")
    return refuse


@pytest.fixture(autouse=True)
def no_real_message_boxes(monkeypatch):
    for name in ("show_info", "show_warning", "show_error", "show_question", "yesno",
                 "okcancel", "retrycancel", "yesnocancel", "ok"):
        if hasattr(tb.Messagebox, name):
            monkeypatch.setattr(tb.Messagebox, name, _modal(name))
