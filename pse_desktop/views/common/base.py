"""What every screen shares: its context, forms that show errors by field, paged tables,
background work with progress, and dialogs that tests can replace."""

from __future__ import annotations

import gc
import queue
import threading
import tkinter as tk
from dataclasses import dataclass, field
from typing import Callable

import ttkbootstrap as tb

from ...i18n import N_, _, translate_label
from ...services.common.errors import PseError, ValidationError


def _ask(parent, title: str, message: str) -> bool:
    answer = tb.Messagebox.yesno(message, title, parent=parent)
    return answer in ("Yes", _("Yes"), "yes", True)


def _tell(parent, title: str, message: str) -> None:
    tb.Messagebox.show_info(message, title, parent=parent)


def _ask_unsaved(parent, title: str, message: str) -> str:
    """Save / Discard / Cancel: returns "save", "discard" or "cancel"."""
    save, discard, cancel = _("Save"), _("Discard"), _("Cancel")
    answer = tb.Messagebox.show_question(
        message, title, parent=parent, localize=False,
        buttons=[f"{cancel}:secondary", f"{discard}:danger", f"{save}:primary"])
    return {save: "save", discard: "discard"}.get(answer, "cancel")


def _ask_file(parent, mode: str, **kw):
    from tkinter import filedialog

    if mode == "save":
        return filedialog.asksaveasfilename(parent=parent, **kw) or None
    return filedialog.askopenfilename(parent=parent, **kw) or None


@dataclass
class ScreenContext:
    """What a screen is given: who is acting, where the data is, and ways to talk to the user.

    ``confirm``, ``inform`` and ``choose_file`` are plain callables so tests can answer them.
    """

    actor: object
    target: object
    navigate: Callable[[str], None] = lambda key: None
    status: Callable[[str], None] = lambda text: None
    confirm: Callable[[tk.Misc, str, str], bool] = _ask
    inform: Callable[[tk.Misc, str, str], None] = _tell
    choose_file: Callable[..., str | None] = _ask_file
    ask_unsaved: Callable[[tk.Misc, str, str], str] = _ask_unsaved
    logout: Callable[[], None] = lambda: None
    extra: dict = field(default_factory=dict)


class ChoiceVar(tk.StringVar):
    """The variable of a drop-down of stored codes: the field shows each code in the user's
    language (``translate_label``, or the English label a dict gives each code), ``get()`` gives
    the code back, ``set(code)`` shows its label. A text that is not one of the labels (typed, or a
    name) passes through unchanged."""

    def __init__(self, codes, master=None, value: str = ""):
        self.set_codes(codes)
        super().__init__(master, value=self._to_label.get(value, value))

    def set_codes(self, codes) -> list[str]:
        """New choices (codes, or {code: English label}); returns their labels, for the
        drop-down's ``values``."""
        named = dict(codes) if isinstance(codes, dict) else {}
        self.codes = [str(code) for code in codes]
        self.labels = [_(named[code]) if code in named else translate_label(code) if code else code
                       for code in self.codes]
        self._to_code = {label: code for code, label in zip(self.codes, self.labels)}
        self._to_label = {code: label for code, label in zip(self.codes, self.labels)}
        return self.labels

    def get(self) -> str:
        shown = super().get()
        return self._to_code.get(shown, shown)

    def set(self, value) -> None:
        value = "" if value is None else str(value)
        super().set(self._to_label.get(value, value))


class Form(tb.Frame):
    """A grid of labelled fields, each with an error line that a ValidationError fills."""

    def __init__(self, master, stacked: bool = False, wrap: int = 480, **kw):
        super().__init__(master, **kw)
        self.widgets: dict[str, tk.Widget] = {}
        self.vars: dict[str, tk.Variable] = {}
        self._errors: dict[str, tb.Label] = {}
        self._row = 0
        self.stacked, self.wrap = stacked, wrap
        self.columnconfigure(0 if stacked else 1, weight=1)
        self.banner = tb.Label(self, text="", bootstyle="danger", wraplength=wrap, justify="left")

    def add(self, name: str, label: str, widget_factory=None, *, help: str = "", var=None,
            khmer: bool = False, **widget_kw) -> tk.Widget:
        """Add a row: label, widget (an Entry by default), help line and error line.

        Stacked forms put the label above the field, for narrow side panels. ``khmer=True``: the
        entry takes Khmer (Khmer font; a shaped preview under it where Tk cannot shape).
        """
        if var is None and widget_factory is tb.Combobox and widget_kw.get("values"):
            # Stored codes ("seamstress", "monthly") shown in the user's language; the form
            # still reads and sets the codes.
            values = widget_kw["values"]
            var = ChoiceVar(values if isinstance(values, dict) else [str(v) for v in values])
            widget_kw["values"] = var.labels
        var = var if var is not None else tb.StringVar()
        col = 0 if self.stacked else 1
        tb.Label(self, text=label).grid(row=self._row, column=0, sticky="nw", padx=(0, 8),
                                        pady=(6, 0))
        if self.stacked:
            self._row += 1
        factory = widget_factory or tb.Entry
        if factory in (tb.Entry, tb.Combobox, tb.Spinbox):
            widget = factory(self, textvariable=var, **widget_kw)
        elif factory is tb.Checkbutton:
            widget = factory(self, variable=var, **widget_kw)
        elif getattr(factory, "takes_var", False):
            widget = factory(self, var=var, **widget_kw)
        else:
            widget = factory(self, **widget_kw)
        widget.grid(row=self._row, column=col, sticky="ew", pady=(2 if self.stacked else 6, 0))
        self._row += 1
        if khmer:
            from .khmer_input import khmer_entry

            if khmer_entry(widget, var, self, row=self._row, column=col, sticky="w"):
                self._row += 1
        if help:
            tb.Label(self, text=help, bootstyle="secondary", wraplength=self.wrap, justify="left",
                     font=("TkDefaultFont", 8)).grid(row=self._row, column=col, sticky="w")
            self._row += 1
        err = tb.Label(self, text="", bootstyle="danger", wraplength=self.wrap, justify="left")
        err.grid(row=self._row, column=col, sticky="w")
        err.grid_remove()  # takes no room until there is an error to show
        self._row += 1
        self.widgets[name], self.vars[name], self._errors[name] = widget, var, err
        return widget

    def values(self) -> dict[str, object]:
        return {name: var.get() for name, var in self.vars.items()}

    def set_values(self, values: dict[str, object]) -> None:
        for name, value in values.items():
            if name in self.vars:
                self.vars[name].set("" if value is None else value)

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.configure(text="")
            label.grid_remove()
        self.banner.configure(text="")
        self.banner.grid_forget()

    def show_error(self, exc: Exception, field_map: dict[str, str] | None = None) -> None:
        """Put a ValidationError beside its field (by name or label), anything else in the banner."""
        self.clear_errors()
        if isinstance(exc, ValidationError):
            name = (field_map or {}).get(exc.field, exc.field)
            for key in (name, name.replace(" ", "_")):
                if key in self._errors:
                    self._errors[key].configure(text=exc.message)
                    self._errors[key].grid()
                    try:
                        self.widgets[key].focus_set()
                    except tk.TclError:
                        pass
                    return
        self.banner.configure(text=str(exc))
        self.banner.grid(row=self._row + 1, column=0, columnspan=1 if self.stacked else 2,
                         sticky="w", pady=6)

    def error_text(self, name: str) -> str:
        return self._errors[name].cget("text")


FAILED = object()


def call_service(form: Form | None, fn, *args, field_map=None, **kw):
    """Run a service; on a domain error show it on the form and return FAILED."""
    try:
        result = fn(*args, **kw)
    except PseError as exc:
        if form is not None:
            form.show_error(exc, field_map)
        return FAILED
    if form is not None:
        form.clear_errors()
    return result


class PagedTable(tb.Frame):
    """A Treeview that shows one page of rows at a time, with previous/next and a count."""

    def __init__(self, master, columns: list[tuple[str, str, int]], page_size: int = 200,
                 height: int = 18, **kw):
        super().__init__(master, **kw)
        self.page_size = page_size
        self.page = 0
        self.total = 0
        self._fetch = None
        ids = [c[0] for c in columns]
        self.tree = tb.Treeview(self, columns=ids, show="headings", height=height,
                                selectmode="browse")
        for cid, heading, width in columns:
            self.tree.heading(cid, text=heading, anchor="w")
            self.tree.column(cid, width=width, stretch=cid == ids[-1], anchor="w")
        scroll = tb.Scrollbar(self, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        scroll.grid(row=0, column=1, sticky="ns")
        from .flow import Flow

        bar = Flow(self, gap=6)  # wraps when the list is narrow (Khmer labels are long)
        bar.grid(row=1, column=0, columnspan=2, sticky="ew", pady=(4, 0))
        self.prev_button = tb.Button(bar, text=_("< Previous"), bootstyle="secondary-outline",
                                     padding=(6, 2),
                                     command=lambda: self.show_page(self.page - 1))
        self.next_button = tb.Button(bar, text=_("Next >"), bootstyle="secondary-outline",
                                     padding=(6, 2),
                                     command=lambda: self.show_page(self.page + 1))
        self.count_label = tb.Label(bar, text="")
        bar.add(self.prev_button, self.next_button, self.count_label)
        self.rowconfigure(0, weight=1)
        self.columnconfigure(0, weight=1)
        self.keys: dict[str, object] = {}

    def set_source(self, fetch: Callable[[int, int], tuple[list[tuple[object, tuple]], int]]) -> None:
        """``fetch(page, page_size)`` returns ([(key, values), ...], total)."""
        self._fetch = fetch
        self.show_page(0)

    def refresh(self) -> None:
        self.show_page(self.page)

    def show_page(self, page: int) -> None:
        if self._fetch is None:
            return
        page = max(0, page)
        rows, total = self._fetch(page, self.page_size)
        if not rows and page > 0 and total:
            page = max(0, (total - 1) // self.page_size)
            rows, total = self._fetch(page, self.page_size)
        self.page, self.total = page, total
        self.tree.delete(*self.tree.get_children())
        self.keys = {}
        for key, values in rows:
            iid = self.tree.insert("", "end", values=[("" if v is None else v) for v in values])
            self.keys[iid] = key
        first = page * self.page_size + 1 if rows else 0
        last = page * self.page_size + len(rows)
        self.count_label.configure(text=_("{first}-{last} of {total}").format(
            first=first, last=last, total=total))
        self.prev_button.configure(state="normal" if page > 0 else "disabled")
        self.next_button.configure(state="normal" if last < total else "disabled")

    def selected_key(self):
        sel = self.tree.selection()
        return self.keys.get(sel[0]) if sel else None


class BackgroundTask:
    """Runs ``work(progress)`` in a thread; reports progress and the end through ``after()``.

    ``progress(message, fraction)`` may be called from the thread; ``on_progress``,
    ``on_done(result)`` and ``on_error(exc)`` run on the Tk thread.
    """

    POLL_MS = 50

    def __init__(self, widget: tk.Misc, work, on_done, on_error, on_progress=None):
        self.widget = widget
        self.queue: queue.Queue = queue.Queue()
        self.on_done, self.on_error = on_done, on_error
        self.on_progress = on_progress or (lambda m, f: None)
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self.finished = False

    def start(self) -> "BackgroundTask":
        gc.collect()  # Tk objects must not be collected in the worker thread
        self.thread.start()
        self.widget.after(self.POLL_MS, self._poll)
        return self

    def _run(self, work) -> None:
        try:
            result = work(lambda m, f: self.queue.put(("progress", (m, f))))
        except Exception as exc:  # shown to the user on the Tk thread
            self.queue.put(("error", exc))
        else:
            self.queue.put(("done", result))

    def _poll(self) -> None:
        try:
            while True:
                kind, payload = self.queue.get_nowait()
                if kind == "progress":
                    self.on_progress(*payload)
                elif kind == "done":
                    self.finished = True
                    self.on_done(payload)
                    return
                else:
                    self.finished = True
                    self.on_error(payload)
                    return
        except queue.Empty:
            pass
        try:
            self.widget.after(self.POLL_MS, self._poll)
        except tk.TclError:
            pass  # the window closed while the work ran


# The Screen base lives in screen.py (this module was growing); it is imported from here too.
from .screen import Screen  # noqa: E402,F401
