"""What the vocational training screens share: the course chooser at the top of a screen, money
text, and writing a document to the documents folder."""

from __future__ import annotations

import ttkbootstrap as tb

from ...formats import format_date
from ...i18n import _
from ...services.common.validate import format_cents
from ...services.training import courses
from ..common.base import FAILED, call_service
from ..social.common import make_document as social_make_document


def money(cents) -> str:
    return "" if cents is None else format_cents(cents)


class CourseChooser(tb.Frame):
    """A line with the course box; ``on_change(course)`` runs when a course is chosen. A trainer
    who is not of the social team sees only their own courses."""

    def __init__(self, master, ctx, on_change, **kw):
        super().__init__(master, **kw)
        self.ctx, self.on_change = ctx, on_change
        tb.Label(self, text=_("Course")).pack(side="left")
        self.var = tb.StringVar()
        self.box = tb.Combobox(self, textvariable=self.var, state="readonly", width=36)
        self.box.pack(side="left", padx=4)
        self.box.bind("<<ComboboxSelected>>", lambda e: self._chosen())
        self.info = tb.Label(self, text="", bootstyle="secondary")
        self.info.pack(side="left", padx=8)
        self.courses = []  # the screen calls reload() once its widgets are built

    def reload(self, keep_id: int | None = None) -> None:
        found = call_service(None, courses.list_courses, self.ctx.actor)
        self.courses = [] if found is FAILED else found
        self.box.configure(values=[self._label(c) for c in self.courses])
        wanted = keep_id or self.ctx.extra.get("training_course_id")
        pick = next((c for c in self.courses if c.id == wanted), None) or (
            self.courses[0] if self.courses else None)
        if pick is not None:
            self.var.set(self._label(pick))
            self._chosen()

    @staticmethod
    def _label(c) -> str:
        return f"{c.label} ({format_date(c.start_on)})"

    @property
    def course(self):
        return next((c for c in self.courses if self._label(c) == self.var.get()), None)

    def _chosen(self) -> None:
        c = self.course
        if c is None:
            return
        self.ctx.extra["training_course_id"] = c.id
        self.info.configure(text=_("{t}: {s} sessions, {n}/{cap} taken, {w} waiting").format(
            t=c.trainer, s=c.sessions, n=c.selected, cap=c.capacity, w=c.waiting))
        self.on_change(c)


def make_document(screen, name: str, write, say) -> None:
    """Write a PDF in the background into the 'training' documents folder, then open it."""
    social_make_document(screen, name, write, say, kind="training")
