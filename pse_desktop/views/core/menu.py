"""The menu bar: File, Edit, View, one menu per area, Help. Its entries come from the screens
the user may open and from the commands the screen in front declares (views/common/commands.py)."""

from __future__ import annotations

import tkinter as tk

import ttkbootstrap as tb

from ... import __version__ as VERSION
from ...i18n import N_, _
from ..common.commands import EDIT_ORDER, STANDARD, commands_of
from ..common.khmer import has_khmer, khmer_photo_wrapped
from ..common.khmer_input import _shapes

#: The user guide (Help menu): the first paragraph, then one point per paragraph.
GUIDE = (
    N_("PSE Desktop keeps the office's records: children and attendance in the centres, parent "
       "meetings, the social team's work with families, the monthly rice, vocational training, "
       "the workshop's workers, time, payroll and production, and the shops' sales and stock."),
    N_("Choose a screen on the left (or in the menu of its area). Only the screens of your role "
       "show."),
    N_("Each screen says what happened on its own line, beside its title: a saved record, a PDF "
       "written (and where), or what to correct. Errors also show beside the field concerned."),
    N_("Keys: Ctrl+S saves, Ctrl+N starts a new record, Ctrl+F goes to the search field, Ctrl+P "
       "prints, F5 shows the data again, Esc closes a dialog. The Edit menu shows which of them "
       "the screen in front offers."),
    N_("A screen with changes not saved asks before you leave it: Save, Discard or Cancel."),
    N_("Dates are typed as 2026-01-31 or picked on the calendar beside the field."),
    N_("Click a column heading to sort a list; right-click a row to copy it."),
    N_("On a small screen the screen scrolls (wheel or scrollbar); its main buttons stay in view."),
    N_("Backups are made each day; an admin can restore one on the Backups screen."),
)


def guide_paragraphs() -> list[str]:
    """The guide in the user's language: the first paragraph, then the points with a bullet."""
    first, *points = [_(part) for part in GUIDE]
    return [first] + ["• " + point for point in points]


class MenuBar:
    def __init__(self, main):
        self.main = main
        root = main.winfo_toplevel()
        self.root = root
        self.bar = tk.Menu(root, tearoff=False)
        self.file = tk.Menu(self.bar, tearoff=False)
        self.file.add_command(label=_("Print"), accelerator="Ctrl+P",
                              command=lambda: main.run_command("print"))
        self.file.add_separator()
        self.file.add_command(label=_("Change password"), command=main.change_password)
        self.file.add_command(label=_("Log out"), command=main.ctx.logout)
        self.file.add_command(label=_("Quit"), command=self.quit)
        self.bar.add_cascade(label=_("File"), menu=self.file)

        self.edit = tk.Menu(self.bar, tearoff=False)
        for action in EDIT_ORDER:
            label, accelerator, _keys = STANDARD[action]
            self.edit.add_command(label=_(label), accelerator=accelerator,
                                  command=lambda a=action: main.run_command(a))
        self.bar.add_cascade(label=_("Edit"), menu=self.edit)

        self.view = tk.Menu(self.bar, tearoff=False)
        self.view.add_command(label=_("Home"), command=lambda: main.show("home"))
        self.view.add_checkbutton(label=_("Dark theme"), variable=main.dark,
                                  command=main.theme_from_menu)
        self.bar.add_cascade(label=_("View"), menu=self.view)

        self.areas: dict[str, tk.Menu] = {}
        self.area_size: dict[str, int] = {}
        for section in main.section_order:
            menu = tk.Menu(self.bar, tearoff=False)
            for screen in main.allowed:
                if screen.section == section:
                    menu.add_command(label=_(screen.label),
                                     command=lambda key=screen.key: main.show(key))
            self.areas[section] = menu
            self.area_size[section] = menu.index("end") + 1
            self.bar.add_cascade(label=_(section), menu=menu)

        self.help = tk.Menu(self.bar, tearoff=False)
        self.help.add_command(label=_("User guide"), command=self.guide)
        self.help.add_command(label=_("About PSE Desktop"), command=self.about)
        self.bar.add_cascade(label=_("Help"), menu=self.help)
        root.configure(menu=self.bar)

    def quit(self) -> None:
        command = self.root.protocol("WM_DELETE_WINDOW")
        if command:
            self.root.tk.call(command)
        else:
            self.root.destroy()

    def update(self, screen, section: str | None) -> None:
        """Enable what the screen in front offers; list its own commands in its area's menu."""
        declared = {c.action: c for c in commands_of(screen)}

        def state(action):
            command = declared.get(action)
            return "normal" if command is not None and command.available(screen) else "disabled"

        self.file.entryconfigure(0, state=state("print"))
        for index, action in enumerate(EDIT_ORDER):
            self.edit.entryconfigure(index, state=state(action))
        for name, menu in self.areas.items():
            size = self.area_size[name]
            if menu.index("end") is not None and menu.index("end") >= size:
                menu.delete(size, "end")
            if name != section:
                continue
            extra = [c for c in declared.values() if c.action not in STANDARD]
            if extra:
                menu.add_separator()
            for command in extra:
                menu.add_command(label=command.text, accelerator=command.accelerator,
                                 state=state(command.action),
                                 command=lambda c=command: c.run(screen))

    def guide(self) -> None:
        window = tb.Toplevel(title=_("User guide"))
        window.transient(self.root)
        text = tb.Text(window, wrap="word", width=90, height=22, padx=12, pady=12)
        paragraphs = guide_paragraphs()
        guide = "\n\n".join(paragraphs)
        text.guide_text = guide
        if has_khmer(guide) and not _shapes(window):
            # Tk would draw the Khmer guide unshaped: each paragraph goes in as a shaped image
            # (the text itself stays on the widget as guide_text).
            width = text.winfo_reqwidth() - 40
            window.photos = [khmer_photo_wrapped(part, width, 13, master=window)
                             for part in paragraphs]
            for photo in window.photos:
                text.image_create("end", image=photo)
                text.insert("end", "\n\n")
            text.khmer_shaped = True
        else:
            text.insert("1.0", guide)
        text.configure(state="disabled")
        text.pack(fill="both", expand=True)
        tb.Button(window, text=_("Close"), command=window.destroy).pack(pady=8)
        window.bind("<Escape>", lambda e: window.destroy())
        self.guide_window = window
        return window

    def about(self) -> None:
        self.main.ctx.inform(self.main, _("About PSE Desktop"), _(
            "PSE Desktop {version}\nThe office program of Pour un Sourire d'Enfant, Phnom Penh: "
            "centres, parent meetings, workshop payroll and production, shops.").format(
                version=VERSION))

    def destroy(self) -> None:
        try:
            self.root.configure(menu="")
            self.bar.destroy()
        except tk.TclError:
            pass
