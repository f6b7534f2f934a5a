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

from ...i18n import _
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
            **widget_kw) -> tk.Widget:
        """Add a row: label, widget (an Entry by default), help line and error line.

        Stacked forms put the label above the field, for narrow side panels.
        """
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
        bar = tb.Frame(self)
        bar.grid(row=1, column=0, columnspan=2, sticky="ew", pady=(4, 0))
        self.prev_button = tb.Button(bar, text=_("< Previous"), bootstyle="secondary-outline",
                                     padding=(6, 2),
                                     command=lambda: self.show_page(self.page - 1))
        self.next_button = tb.Button(bar, text=_("Next >"), bootstyle="secondary-outline",
                                     padding=(6, 2),
                                     command=lambda: self.show_page(self.page + 1))
        self.count_label = tb.Label(bar, text="")
        self.prev_button.pack(side="left")
        self.next_button.pack(side="left", padx=4)
        self.count_label.pack(side="left", padx=8)
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


class _LocalContext:
    """The screen's view of the shared context: the same context, except that its messages go
    to the screen's own message line (then on to the shared status)."""

    def __init__(self, base: ScreenContext, status):
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "status", status)

    def __getattr__(self, name):
        return getattr(self._base, name)

    def __setattr__(self, name, value):
        setattr(self._base, name, value)


class Screen(tb.Frame):
    """Base of every screen: a title and message line that stay at the top, the screen's own
    content that scrolls when the window is too small for it, and a button row (``actions``)
    that stays at the bottom, in view, however the content scrolls.

    The screen is the scrolled frame itself, so subclasses put their widgets in ``self`` as
    before; ``pack``, ``grid`` and ``destroy`` act on the whole screen.
    """

    title = ""
    commands: tuple = ()  # Command(...) declarations: menu entries and shortcuts (commands.py)
    find_field = None  # the search entry Ctrl+F goes to

    def __init__(self, master, ctx: ScreenContext):
        from .scroll import ScrollHost

        self._outer = tb.Frame(master)
        header = tb.Frame(self._outer, padding=(16, 8, 16, 0))
        header.grid(row=0, column=0, columnspan=2, sticky="ew")
        self.heading = tb.Label(header, text=_(self.title), font=("TkDefaultFont", 15, "bold"))
        self.heading.pack(side="left", anchor="w")
        self.message_line = tb.Label(header, text="", bootstyle="success", justify="left",
                                wraplength=500)
        self.message_line.pack(side="left", fill="x", expand=True, padx=(16, 0))
        header.bind("<Configure>", lambda e: self.message_line.configure(
            wraplength=max(200, e.width - self.heading.winfo_width() - 40)), add="+")
        self.host = ScrollHost(self._outer, row=1)
        super().__init__(self.host.canvas, padding=(16, 6, 16, 10))
        self.host.attach(self)
        self.actions = tb.Frame(self._outer, padding=(16, 4, 16, 8))
        self.actions.grid(row=3, column=0, columnspan=2, sticky="ew")
        self._forward_status = ctx.status
        self.ctx = _LocalContext(ctx, self.say)
        self._destroying = False

    def say(self, text: str, error: bool = False) -> None:
        """Show a result or an error on this screen's message line (and pass it on)."""
        try:
            self._drop_offer()
            self.message_line.configure(text=text, bootstyle="danger" if error else "success")
        except tk.TclError:
            pass  # the screen was closed while the work ran
        try:
            self._forward_status(text, error)
        except TypeError:
            self._forward_status(text)

    # -- unsaved changes: a screen with edits overrides has_unsaved (and save/discard) ---------
    def has_unsaved(self) -> bool:
        """True while the screen holds edits that are not saved."""
        return False

    def save_changes(self) -> bool:
        """Save the edits; return False when they could not be saved (the error is shown)."""
        from .commands import find

        command = find(self, "save")
        result = command.run(self) if command is not None else FAILED
        return result is not FAILED and result is not None

    def discard_changes(self) -> None:
        """Forget the edits (the next load shows what is saved)."""

    def resolve_unsaved(self, doing: str = "") -> bool:
        """Before leaving the edits: ask Save / Discard / Cancel; True when it is fine to go on."""
        if not self.has_unsaved():
            return True
        answer = self.ctx.ask_unsaved(self, _("Unsaved changes"), _(
            "{screen} has changes that are not saved. Save them before {doing}?").format(
                screen=_(self.title), doing=doing or _("leaving")))
        if answer == "save":
            return self.save_changes()
        if answer == "discard":
            self.discard_changes()
            return True
        return False

    def focus_find(self) -> None:
        if self.find_field is not None:
            self.host.see(self.find_field)
            self.find_field.focus_set()
            try:
                self.find_field.select_range(0, "end")
            except (tk.TclError, AttributeError):
                pass

    def offer(self, label: str, command) -> None:
        """A button beside the message (Print after a PDF); gone with the next message."""
        self._drop_offer()
        self._offer = tb.Button(self.message_line.master, text=label, bootstyle="link",
                                padding=(4, 0), command=command)
        self._offer.pack(side="left", after=self.message_line)

    def _drop_offer(self) -> None:
        if getattr(self, "_offer", None) is not None:
            self._offer.destroy()
            self._offer = None

    def on_show(self) -> None:
        """Called each time the screen comes to the front."""

    # The screen's place in its parent is the outer frame's place.
    def pack_configure(self, cnf={}, **kw):
        self._outer.pack_configure(cnf, **kw)

    pack = pack_configure

    def pack_forget(self):
        self._outer.pack_forget()

    forget = pack_forget

    def grid_configure(self, cnf={}, **kw):
        self._outer.grid_configure(cnf, **kw)

    grid = grid_configure

    def grid_forget(self):
        self._outer.grid_forget()

    def place_configure(self, cnf={}, **kw):
        self._outer.place_configure(cnf, **kw)

    place = place_configure

    def place_forget(self):
        self._outer.place_forget()

    def destroy(self):
        if self._destroying:
            return super().destroy()
        self._destroying = True
        super().destroy()
        self._outer.destroy()
