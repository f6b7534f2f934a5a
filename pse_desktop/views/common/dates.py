"""The one date field of the screen kit (typed as YYYY-MM-DD, or picked on a calendar) and the
one way screens read a typed date."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

ISO = "%Y-%m-%d"


def parse_date(text) -> dt.date | None:
    """The date in ``text`` (YYYY-MM-DD, or a date), or None when it is empty or not a date."""
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None


class DateField(tb.DateEntry):
    """An entry for a date with a calendar button; its text is the ISO date, kept in ``var``.

    Empty is allowed (the service decides whether a date is required).
    """

    takes_var = True  # Form.add gives it the form's variable

    def __init__(self, master, var=None, width: int = 11, **kw):
        super().__init__(master, date_format=ISO, value=None, first_weekday=0, width=width, **kw)
        self.var = var if var is not None else tb.StringVar()
        text = self.var.get()
        self.entry.configure(textvariable=self.var)
        if text:
            self.var.set(text)
        self.entry.bind("<<DateEntrySelected>>", lambda e: None, add="+")

    def get(self) -> str:
        return self.var.get()

    def set(self, day) -> None:
        self.var.set("" if day is None else (day.isoformat() if hasattr(day, "isoformat")
                                              else str(day)))

    def date(self) -> dt.date | None:
        return parse_date(self.var.get())
