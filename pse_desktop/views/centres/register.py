"""The daily register: one group, one day; one key per mark, each mark saved at once."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date, format_day_month
from ...i18n import N_, _, translate_label
from ...services.centres import attendance, groups as attendance_setup, paper
from ...services.centres.rules import EXCUSE_REASONS, MARKS
from ...services.common.errors import PseError
from ..common.base import ChoiceVar, Screen
from ..common.commands import Command
from ..common.commands import plain_key
from ..core import prefs
from ..common.dates import parse_date
from ..common.khmer import khmer_photo, line_height, style_colors

KEYS = {"p": "P", "a": "A", "l": "L", "e": "E", "s": "S", "Return": "P"}
# Present is the usual case and stays in the normal colour; exceptions stand out.
TAGS = {"L": "warning", "A": "danger", "E": "info", "S": "info"}


class RegisterScreen(Screen):
    title = N_("Daily register")
    commands = (Command("refresh", "reload"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.register = None
        self.photos: dict[int, object] = {}
        self.iids: dict[int, str] = {}

        bar = tb.Frame(self)
        bar.pack(fill="x")
        tb.Label(bar, text=_("Centre")).pack(side="left")  # narrow boxes: the row fits 1024 pixels
        self.centres = attendance_setup.visible_centres(ctx.actor)
        self.centre_var = tb.StringVar()
        self.centre_box = tb.Combobox(bar, textvariable=self.centre_var, state="readonly", width=16,
                                      values=[f"{code} {name}" for _i, code, name in self.centres])
        self.centre_box.pack(side="left", padx=(4, 12))
        self.centre_box.bind("<<ComboboxSelected>>", lambda e: self.load_groups())
        tb.Label(bar, text=_("Group")).pack(side="left")
        self.group_var = tb.StringVar()
        self.group_box = tb.Combobox(bar, textvariable=self.group_var, state="readonly", width=20)
        self.group_box.pack(side="left", padx=(4, 12))
        self.group_box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        bar = tb.Frame(self)  # the day on a row of its own: the first row fills 1024 pixels
        bar.pack(fill="x", pady=(4, 0))
        tb.Label(bar, text=_("Date")).pack(side="left")
        tb.Button(bar, text="<", bootstyle="secondary-outline", width=2,
                  command=lambda: self.shift_day(-1)).pack(side="left", padx=(4, 0))
        self.date_var = tb.StringVar(value=self.today.isoformat())
        self.date_entry = tb.Entry(bar, textvariable=self.date_var, width=11)
        self.date_entry.pack(side="left")
        self.date_entry.bind("<Return>", lambda e: self.reload())
        tb.Button(bar, text=">", bootstyle="secondary-outline", width=2,
                  command=lambda: self.shift_day(1)).pack(side="left")
        tb.Button(bar, text=_("Today"), bootstyle="link", padding=(4, 2),
                  command=self.go_today).pack(side="left")

        tools = tb.Frame(self)
        tools.pack(fill="x", pady=(10, 4))
        self.all_button = tb.Button(tools, text=_("Everyone present (F2)"), bootstyle="success",
                                    command=self.everyone_present)
        self.all_button.pack(side="left")
        tb.Label(tools, text=_("Excused reason")).pack(side="left", padx=(16, 4))
        self.excuse_var = ChoiceVar(list(EXCUSE_REASONS), value=EXCUSE_REASONS[0])
        tb.Combobox(tools, textvariable=self.excuse_var, values=self.excuse_var.labels,
                    state="readonly", width=22).pack(side="left")
        self.change_label = tb.Label(tools, text=_("Reason for changing a past day"),
                                     bootstyle="warning")
        self.change_var = tb.StringVar()
        self.change_entry = tb.Entry(tools, textvariable=self.change_var, width=28)

        self.info = tb.Label(self, text="", font=("TkDefaultFont", 11))
        self.info.pack(anchor="w", pady=(4, 0))
        self.error = tb.Label(self, text="", bootstyle="danger", justify="left", wraplength=700)
        self.error.pack(anchor="w", fill="x")
        # A long message (the server cannot be reached...) wraps to the screen's width.
        self.error.bind("<Configure>", lambda e: self.error.configure(
            wraplength=max(300, e.width - 8)), add="+")
        tb.Label(self, text=_("Keys: P or Enter present · A absent · L late · E excused · "
                              "S sick · ↑ ↓ move · Ctrl+← → other day · F2 everyone present"),
                 bootstyle="secondary").pack(anchor="w", pady=(0, 4))

        holder = tb.Frame(self)
        holder.pack(fill="both", expand=True)
        tb.Style().configure("Register.Treeview", rowheight=line_height(13) + 4)
        self.tree = tb.Treeview(holder, columns=("latin", "code", "mark", "reason", "by"),
                                show="tree headings", selectmode="browse", style="Register.Treeview")
        for cid, text, width in (("#0", _("Name (Khmer)"), 170), ("latin", _("Name"), 180),
                                 ("code", _("Code"), 90), ("mark", _("Mark"), 90),
                                 ("reason", _("Reason"), 150), ("by", _("Recorded"), 200)):
            self.tree.heading(cid, text=text, anchor="w")
            self.tree.column(cid, width=width, stretch=cid == "by", anchor="w")
        for status, style in TAGS.items():
            color = getattr(tb.Style().colors, style)
            self.tree.tag_configure(status, foreground=color)
        scroll = tb.Scrollbar(holder, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        for key in KEYS:
            for variant in {key, key.upper()} if len(key) == 1 else {key}:
                # Ctrl or Alt with the letter is a shortcut, not a mark.
                self.tree.bind(f"<KeyPress-{variant}>", lambda e, k=key: self.key_mark(KEYS[k])
                               if plain_key(e) else None)
        self.tree.bind("<<TreeviewSelect>>", lambda e: self._selection_photos())
        self.selected_iid = None
        self.tree.bind("<Up>", lambda e: self.move(-1))
        self.tree.bind("<Down>", lambda e: self.move(1))
        for widget in (self.tree, self.date_entry):
            widget.bind("<Control-Left>", lambda e: self.shift_day(-1))
            widget.bind("<Control-Right>", lambda e: self.shift_day(1))
        for widget in (self.tree, self.date_entry, self.change_entry):
            widget.bind("<F2>", lambda e: self.everyone_present())
        self.change_entry.bind("<Return>", lambda e: self.tree.focus_set())
        if self.centres:
            # The centre and group this user chose last time, on this computer.
            last = prefs.remembered(self._user(), "centre")
            ids = [c[0] for c in self.centres]
            self.centre_box.current(ids.index(last) if last in ids else 0)
            self.load_groups()
        self._keep_paper_copy()

    def _keep_paper_copy(self) -> None:
        """Refresh this computer's copy for the blank paper registers (printed from the login
        screen when the server cannot be reached)."""
        try:
            paper.keep_copy(self.ctx.actor, self.today)
        except (PseError, OSError):
            pass  # a help for bad days: it never stops the register

    # -- choosing ---------------------------------------------------------------
    def _user(self) -> str:
        return getattr(self.ctx.actor, "username", "") or ""

    def load_groups(self) -> None:
        index = self.centre_box.current()
        if index < 0:
            return
        self.groups = attendance_setup.list_groups(self.ctx.actor, self.centres[index][0])
        self.group_box.configure(values=[g.label for g in self.groups])
        prefs.remember(self._user(), "centre", self.centres[index][0])
        if self.groups:
            last = prefs.remembered(self._user(), "group")
            ids = [g.id for g in self.groups]
            self.group_box.current(ids.index(last) if last in ids else 0)
        else:
            self.group_var.set("")
        self.reload()

    def select(self, centre_id: int, group_id: int, day: dt.date) -> None:
        """Show a given group and day (used by the home cards and tests)."""
        self.centre_box.current([c[0] for c in self.centres].index(centre_id))
        self.load_groups()
        self.group_box.current([g.id for g in self.groups].index(group_id))
        self.date_var.set(day.isoformat())
        self.reload()

    def day(self) -> dt.date | None:
        return parse_date(self.date_var.get())

    def shift_day(self, step: int) -> str:
        day = self.day() or self.today
        day += dt.timedelta(days=step)
        while not attendance_setup.is_weekday_open(day):
            day += dt.timedelta(days=step)
        self.date_var.set(day.isoformat())
        self.reload()
        return "break"

    def go_today(self) -> None:
        self.date_var.set(self.today.isoformat())
        self.reload()

    # -- showing ----------------------------------------------------------------
    def reload(self) -> None:
        self.error.configure(text="")
        index = self.group_box.current()
        day = self.day()
        self.tree.delete(*self.tree.get_children())
        self.iids, self.register = {}, None
        if index < 0 or not getattr(self, "groups", None):
            self.info.configure(text=_("This centre has no group yet: add one in Groups and calendar."))
            return
        prefs.remember(self._user(), "group", self.groups[index].id)
        if day is None:
            self.error.configure(text=_("Date: must be a date like 2026-01-31"))
            return
        try:
            self.register = attendance.load_register(self.ctx.actor, self.groups[index].id, day)
        except PseError as exc:
            self.error.configure(text=str(exc))
            return
        past = day < self.today
        shown = (self.groups[index].id, day)
        if shown != getattr(self, "_reason_for", None):
            # a reason explains one day's change: another day (or group) asks again
            self.change_var.set("")
            self._reason_for = shown
        if past:
            self.change_label.pack(side="left", padx=(16, 4))
            self.change_entry.pack(side="left")
        else:
            self.change_label.pack_forget()
            self.change_entry.pack_forget()
        fg = style_colors("Treeview")[0]
        self.selected_iid = None
        self.names_km = {}
        for row in self.register.rows:
            self.names_km[row.child_id] = row.name_km
            photo = self.photos.get(row.child_id)
            if row.name_km and photo is None:
                photo = self.photos[row.child_id] = khmer_photo(row.name_km, 13, fg=fg)
            kw = {"image": photo} if photo is not None else {}
            self.iids[row.child_id] = self.tree.insert("", "end", text="", values=self._values(row),
                                                       tags=(row.status,), **kw)
        self._show_info()
        children = self.tree.get_children()
        if children and not self.register.closed:
            first = next((self.iids[r.child_id] for r in self.register.rows if not r.status),
                         children[0])
            self.tree.selection_set(first)
            self.tree.focus(first)
            self.tree.see(first)
            self.tree.focus_set()

    def _selection_photos(self) -> None:
        """Give the selected row's Khmer name the selection colour, and the old one back."""
        iid = (self.tree.selection() or ("",))[0]
        if iid == self.selected_iid:
            return
        by_iid = {i: cid for cid, i in self.iids.items()}
        old = by_iid.get(self.selected_iid)
        if old is not None and old in self.photos and self.tree.exists(self.selected_iid):
            self.tree.item(self.selected_iid, image=self.photos[old])
        cid = by_iid.get(iid)
        if cid is not None and self.names_km.get(cid):
            fg = tb.Style().lookup("Treeview", "foreground", ("selected",)) or "#ffffff"
            self.selected_photo = khmer_photo(self.names_km[cid], 13, fg=fg)
            self.tree.item(iid, image=self.selected_photo)
        self.selected_iid = iid

    @staticmethod
    def _values(row) -> tuple:
        when = f"{row.recorded_by} {format_day_month(row.recorded_at)} {row.recorded_at:%H:%M}" if row.recorded_at else ""
        return (row.name_latin, row.code, _(MARKS[row.status]) if row.status else "·",
                translate_label(row.reason) if row.reason else "", when)

    def _show_info(self) -> None:
        reg = self.register
        if reg.closed:
            self.info.configure(text=_("Closed on {day}: {why}.").format(
                day=format_date(reg.day, "full"), why=reg.closed), bootstyle="warning")
            return
        counts = reg.counts()
        parts = [f"{counts[s]} {_(MARKS[s]).lower()}" for s in MARKS if counts[s]]
        text = _("{day}: {marked} of {total} marked").format(
            day=format_date(reg.day, "full"), marked=reg.marked, total=len(reg.rows))
        if parts:
            text += " (" + ", ".join(parts) + ")"
        self.info.configure(text=text, bootstyle="success" if reg.marked == len(reg.rows) else "default")

    # -- marking ----------------------------------------------------------------
    def move(self, step: int) -> str:
        items = self.tree.get_children()
        if not items:
            return "break"
        current = self.tree.focus()
        index = items.index(current) if current in items else -1
        index = max(0, min(len(items) - 1, index + step))
        self.tree.selection_set(items[index])
        self.tree.focus(items[index])
        self.tree.see(items[index])
        return "break"

    def key_mark(self, status: str) -> str:
        iid = self.tree.focus()
        child_id = next((cid for cid, i in self.iids.items() if i == iid), None)
        if child_id is not None:
            reason = self.excuse_var.get() if status == "E" else ""
            if self._save({child_id: (status, reason)}):
                self.move(1)
        return "break"

    def everyone_present(self) -> None:
        if self.register is None or self.register.closed:
            return
        unmarked = {r.child_id: "P" for r in self.register.rows if not r.status}
        if unmarked:
            self._save(unmarked)

    def _save(self, marks) -> bool:
        try:
            self.register = attendance.record_day(self.ctx.actor, self.register.group_id,
                                                  self.register.day, marks, self.change_var.get(),
                                                  today=self.today, version=self.register.version)
        except attendance.RegisterChanged as exc:
            return self._changed_meanwhile(exc, marks)
        except PseError as exc:
            self.error.configure(text=str(exc))
            if getattr(exc, "field", "") == "reason" and self.change_entry.winfo_ismapped():
                self.change_entry.focus_set()
            return False
        self._show_rows()
        self.ctx.status(_("Saved."))
        return True

    def _changed_meanwhile(self, exc, marks) -> bool:
        """Someone else saved this register: show their marks, then ask before saving ours."""
        theirs = attendance.changed_rows(self.register, exc.register)
        self.register = exc.register
        self._show_rows()
        lines = [f"{r.name_latin}: {_(MARKS[r.status]) if r.status else '·'}"
                 + (f" ({r.recorded_by} {r.recorded_at:%H:%M})" if r.recorded_at else "")
                 for r in theirs]
        mine = [f"{r.name_latin}: {_(MARKS[(v if isinstance(v, str) else v[0])])}"
                for r in self.register.rows for cid, v in marks.items() if cid == r.child_id]
        message = (_("Someone else saved this register since you opened it; their marks are "
                     "shown now.") + "\n\n" + "\n".join(lines[:12])
                   + "\n\n" + _("Save your marks over theirs?") + "\n" + "\n".join(mine[:12]))
        self.error.configure(text=str(exc))
        if not self.ctx.confirm(self, _("Register changed by someone else"), message):
            return False
        return self._save(marks)

    def _show_rows(self) -> None:
        self.error.configure(text="")
        for row in self.register.rows:
            iid = self.iids.get(row.child_id)
            if iid is not None:
                self.tree.item(iid, values=self._values(row), tags=(row.status,))
        self._show_info()
