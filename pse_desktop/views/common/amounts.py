"""Amount fields: show what the typed text is read as, and ask before saving an unusual amount."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb

from ...i18n import _
from ...services.common import numbers
from ...services.common.errors import PseError
from .base import Form, call_service


def understood_text(text: str, currency: str = "USD") -> str:
    """'Read as $1,200.00' for a typed amount, the reason when it cannot be read, '' when empty."""
    if not str(text).strip():
        return ""
    try:
        minor = numbers.parse_amount("amount", text, currency, allow_negative=True)
    except numbers.Unclear as exc:
        # short enough for a line under a narrow field: the typed text is just above it
        return _("Not clear: {readings}?").format(readings=" {} ".format(_("or")).join(exc.readings))
    except PseError as exc:
        return getattr(exc, "message", str(exc))
    return _("Read as {amount}").format(amount=numbers.format_amount(minor, currency))


def watch_amount(form: Form, name: str, currency: str | tk.Variable = "USD") -> tb.Label:
    """Show under the field ``name`` what its text is read as, updated as the user types.

    The field's help line (when it has one) gets a second line; otherwise a small line of its own.
    ``currency`` may be the variable of a currency box: the line follows it too.
    """
    info = form.widgets[name].grid_info()
    row, column = int(info["row"]) + 1, int(info["column"])
    helps = [w for w in form.grid_slaves(row=row, column=column) if isinstance(w, tb.Label)
             and w not in form._errors.values()]
    if helps:
        hint, base = helps[0], helps[0].cget("text")
    else:
        hint, base = tb.Label(form, text="", bootstyle="info", font=("TkDefaultFont", 8),
                              wraplength=max(160, form.wrap // 2), justify="right"), ""
        hint.grid(row=row, column=column, sticky="e")

    def update(*_args) -> None:
        code = currency.get() if isinstance(currency, tk.Variable) else currency
        text = understood_text(form.vars[name].get(), code) if code in numbers.DECIMALS else ""
        hint.configure(text="\n".join(t for t in (base, text) if t))
        if not helps:  # its own line takes room only while there is something to say
            hint.grid() if text else hint.grid_remove()

    form.vars[name].trace_add("write", update)
    if isinstance(currency, tk.Variable):
        currency.trace_add("write", update)
    update()
    return hint


def call_confirming(form: Form | None, ask, fn, *args, field_map=None, **kw):
    """Run a service that takes ``confirm``; when it asks (NeedsConfirmation), ask the user with
    ``ask(parent, title, message) -> bool`` and run it again confirmed. Return FAILED on errors
    (a declined question is shown on the form like any other error: ``call_service``)."""
    def asking(*a, **k):
        try:
            return fn(*a, **k)
        except numbers.NeedsConfirmation as exc:
            parent = form if form is not None else tk._default_root
            if not ask(parent, _("Please check"), exc.message):
                raise
            return fn(*a, confirm=True, **k)

    return call_service(form, asking, *args, field_map=field_map, **kw)
