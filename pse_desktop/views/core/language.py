"""Choosing the language: the picker on the login and first-run screens and in the status bar,
the language each user chose last (remembered on this computer), and unsaved work before a switch.
"""

from __future__ import annotations

import ttkbootstrap as tb

from ... import i18n
from ...i18n import _
from ..common.khmer import khmer_photo, style_colors
from . import prefs


def remembered(username: str | None = None) -> str | None:
    """The language ``username`` chose last on this computer, else the last one used here."""
    saved = prefs.load()
    if username:
        lang = (saved.get("languages") or {}).get(username)
        if lang in i18n.LANGUAGES:
            return lang
    lang = saved.get("language")
    return lang if lang in i18n.LANGUAGES else None


def remember(lang: str, username: str | None = None) -> None:
    saved = prefs.load()
    languages = dict(saved.get("languages") or {})
    if username:
        languages[username] = lang
    prefs.save({"language": lang, "languages": languages})


def unsaved_screens(main) -> list[str]:
    """Titles of the open screens with changes not saved yet.

    A screen says so with ``has_unsaved_changes()`` or a true ``dirty`` attribute.
    """
    out = []
    for screen in getattr(main, "screens", {}).values():
        check = getattr(screen, "has_unsaved_changes", None)
        dirty = check() if callable(check) else bool(getattr(screen, "dirty", False))
        if dirty:
            out.append(_(getattr(screen, "title", "")) or screen.winfo_name())
    return out


class LanguagePicker(tb.Frame):
    """Three buttons, each language written in itself (Khmer shaped); ``on_pick(code)``."""

    def __init__(self, master, on_pick, current: str | None = None, **kw):
        super().__init__(master, **kw)
        self.var = tb.StringVar(value=current or i18n.language())
        self.photos = {}
        fg, _bg = style_colors("TLabel", self)
        for code, name in i18n.LANGUAGES.items():
            self.photos[code] = khmer_photo(name, 15, fg=fg, master=self)
            button = tb.Radiobutton(self, text=name, image=self.photos[code], compound="image",
                                    variable=self.var, value=code, bootstyle="toolbutton-outline",
                                    command=lambda c=code: self._picked(on_pick, c))
            button.pack(side="left", padx=2)
            button._khmer_shaped = "picker"  # drawn as an image already

    def _picked(self, on_pick, code: str) -> None:
        if on_pick(code) is False:  # refused (unsaved work kept): show the language in use
            self.var.set(i18n.language())


class LanguageMenu(tb.Menubutton):
    """The status bar's compact chooser: the current language, a menu of the three."""

    def __init__(self, master, on_pick, **kw):
        super().__init__(master, bootstyle="secondary-outline", **kw)
        fg, _bg = style_colors("TLabel", self)
        self.photos = {code: khmer_photo(name, 13, fg=fg, master=self)
                       for code, name in i18n.LANGUAGES.items()}
        self.configure(image=self.photos[i18n.language()], compound="image",
                       text=i18n.LANGUAGES[i18n.language()])
        self._khmer_shaped = "picker"
        self.menu = tb.Menu(self, tearoff=False)
        self.var = tb.StringVar(value=i18n.language())
        for code in i18n.LANGUAGES:
            # Menu entries take images: the Khmer name is drawn shaped there too.
            self.menu.add_radiobutton(image=self.photos[code], variable=self.var, value=code,
                                      command=lambda c=code: self._picked(on_pick, c))
        self.configure(menu=self.menu)

    def _picked(self, on_pick, code: str) -> None:
        if on_pick(code) is False:
            self.var.set(i18n.language())
