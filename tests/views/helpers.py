"""What the window tests share: pumping events, typing, pressing keys, reading tables, waiting
for background work, and building a screen or the main window for a user."""

from __future__ import annotations

import time
from contextlib import contextmanager

import pytest

from pse_desktop.views.common.base import ScreenContext


def pump(root, times: int = 3) -> None:
    """Let Tk run pending events and idle work a few times."""
    for _ in range(times):
        root.update()


def pump_for(root, seconds: float) -> None:
    """Let Tk run for some wall-clock time (timers scheduled with ``after``)."""
    end = time.time() + seconds
    root.update()
    while time.time() < end:
        root.update()
        time.sleep(0.01)


def key(root, widget, keysym: str) -> None:
    """Give ``widget`` the focus and press one key on it (a letter, or a keysym like Return)."""
    widget.focus_force()
    root.update()
    widget.event_generate(f"<KeyPress-{keysym}>" if len(keysym) == 1 else f"<{keysym}>")
    root.update()


def type_into(widget, text: str) -> None:
    """Replace what an Entry holds, as a user selecting all and typing would."""
    widget.delete(0, "end")
    widget.insert(0, text)


def type_and_enter(root, widget, text: str) -> None:
    """Type ``text`` into an Entry and press Return on it."""
    type_into(widget, text)
    widget.focus_force()
    pump(root)
    widget.event_generate("<Return>")
    pump(root)


def rows(tree) -> list[tuple]:
    """The values of every row a Treeview shows, top to bottom."""
    return [tuple(tree.item(i, "values")) for i in tree.get_children()]


def column(tree, index: int) -> list:
    """One column of every row a Treeview shows."""
    return [tree.item(i, "values")[index] for i in tree.get_children()]


def select_row(root, tree, predicate) -> str:
    """Select the first row whose values satisfy ``predicate``; return its iid."""
    iid = next(i for i in tree.get_children() if predicate(tree.item(i, "values")))
    tree.selection_set(iid)
    tree.focus(iid)
    pump(root)
    return iid


def wait(root, task, seconds: float = 30) -> None:
    """Wait for a BackgroundTask to finish, running the Tk loop meanwhile."""
    assert task is not None, "no background task was started"
    end = time.time() + seconds
    while not task.finished and time.time() < end:
        root.update()
        time.sleep(0.02)
    assert task.finished, "background task did not finish"


def is_disabled(widget) -> bool:
    return "disabled" in str(widget.cget("state"))


def make_ctx(actor, target, **kw) -> ScreenContext:
    """A context whose dialogs answer yes and whose messages are kept in ``ctx.told``."""
    told: list = []
    kw.setdefault("confirm", lambda *a: True)
    kw.setdefault("inform", lambda parent, title, msg: told.append((title, msg)))
    kw.setdefault("status", lambda text: told.append(("status", text)))
    kw.setdefault("ask_unsaved", lambda parent, title, msg: told.append((title, msg)) or "save")
    ctx = ScreenContext(actor=actor, target=target, **kw)
    ctx.told = told
    return ctx


def show(ui, screen_class, ctx, root=None):
    """Build a screen in ``ui``, pack it and call ``on_show`` as the window does."""
    screen = screen_class(ui, ctx)
    screen.pack(fill="both", expand=True)
    screen.on_show()
    if root is not None:
        pump(root)
    return screen


def main_window(ui, actor, target, on_logout=lambda: None, **overrides):
    """The whole main window for ``actor``; ``overrides`` replace fields of the screens' context.

    Questions are answered yes and messages dropped unless the test says otherwise: a real
    message box is modal and would hang the test.
    """
    from pse_desktop.views.core.shell import MainWindow

    overrides.setdefault("confirm", lambda *a: True)
    overrides.setdefault("inform", lambda *a: None)

    main = MainWindow(ui, actor, target, on_logout=on_logout, on_theme=lambda d: None,
                      ctx_overrides=overrides)
    main.pack(fill="both", expand=True)
    return main


@pytest.fixture
def app(tk_root, target):
    """The whole application on the session root; a callback error fails the test."""
    from pse_desktop.views.core.app import App

    application = App(tk_root, target)
    errors = []
    default = tk_root.report_callback_exception
    # A callback error would open a modal dialog and hang the test: record it and fail instead.
    tk_root.report_callback_exception = lambda *exc: errors.append(exc)
    yield application
    application.stop()
    tk_root.report_callback_exception = default
    assert not errors, "callback raised: %r" % (errors[0][1],)
    if application.content is not None:
        application.content.destroy()
    tk_root.update()


def descendants(widget):
    """Every widget inside ``widget``, depth first."""
    for child in widget.winfo_children():
        yield child
        yield from descendants(child)


def entry_of(widget, var):
    """The Entry inside ``widget`` that edits the Tk variable ``var`` (what the user types in)."""
    return next(w for w in descendants(widget)
                if w.winfo_class() == "TEntry" and str(w.cget("textvariable")) == str(var))


def button(widget, text: str):
    """The button inside ``widget`` whose label is ``text``, as a user finds it on screen."""
    return next(w for w in descendants(widget)
                if w.winfo_class() == "TButton" and w.cget("text") == text)


def select_tab(root, widget, text: str) -> None:
    """Bring the notebook tab labelled ``text`` inside ``widget`` to the front, as a click does."""
    for nb in (w for w in descendants(widget) if w.winfo_class() == "TNotebook"):
        for tab in nb.tabs():
            if nb.tab(tab, "text") == text:
                nb.select(tab)
                pump(root)
                return
    raise LookupError(f"no tab {text!r}")


@contextmanager
def whole_window(root, actor, target):
    """The main window for ``actor`` on the session root, as the fit and engine tests walk it:
    questions answered no, messages and file choosers dropped. Yields (main, errors): the
    callback exceptions Tk reported meanwhile (a real error dialog would hang the test)."""
    from pse_desktop.views.core.shell import MainWindow

    errors: list = []
    default_report = root.report_callback_exception
    root.report_callback_exception = lambda *exc: errors.append(exc)
    main = MainWindow(root, actor, target, on_logout=lambda: None, on_theme=lambda dark: None,
                      ctx_overrides=dict(confirm=lambda *a: False, inform=lambda *a: None,
                                         choose_file=lambda *a, **k: None))
    main.pack(fill="both", expand=True)
    try:
        root.update()
        yield main, errors
    finally:
        main.destroy()
        root.report_callback_exception = default_report
        root.update()


def every_screen(root, main):
    """Show home and each screen of the sidebar, and each tab of each of its tab sets, as a user
    clicking through would; yield (key, screen) at each stop, the stop on screen."""
    from pse_desktop.views.common import fit

    for key in ["home"] + [s.key for s in main.allowed]:
        screen = main.show(key)
        root.update()
        yield key, screen
        for notebook in fit.notebooks(screen):
            first = notebook.select()
            for tab in notebook.tabs():
                notebook.select(tab)
                root.update()
                yield f"{key} / {notebook.tab(tab, 'text')}", screen
            notebook.select(first)
