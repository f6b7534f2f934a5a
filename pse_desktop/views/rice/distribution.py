"""Distribution day at a centre, keyboard first like the register: C collected by the guardian,
P collected by a proxy (named in the field), N not collected; arrows move, each key saves at
once. The rice handed out leaves the centre's stock."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...i18n import N_, _, ngettext
from ...services.common.errors import PseError
from ...services.meetings.planning import centre_choices
from ...services.rice import distribution, lists
from ...services.rice.rules import kg
from ..common.base import Screen

KEYS = {"c": "collected", "p": "proxy", "n": "no_show"}
LABELS = {"collected": N_("Collected"), "proxy": N_("By proxy"),
          "no_show": N_("Not collected"), "": ""}
CTRL_OR_ALT = 0x4 | 0x8 | 0x20000  # Control, Alt (Mod1), Alt on Windows


class DistributionScreen(Screen):
    title = N_("Rice distribution")

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.centres = centre_choices(ctx.actor, "rice.distribute")
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 4))
        tb.Label(bar, text=_("Month (YYYY-MM)")).pack(side="left")
        self.month_var = tb.StringVar(value=f"{self.today:%Y-%m}")
        entry = tb.Entry(bar, textvariable=self.month_var, width=8)
        entry.pack(side="left", padx=4)
        entry.bind("<Return>", lambda e: self.reload())
        tb.Label(bar, text=_("Centre")).pack(side="left", padx=(6, 0))
        self.centre_var = tb.StringVar(value=self.centres[0][1] if self.centres else "")
        box = tb.Combobox(bar, textvariable=self.centre_var, state="readonly", width=8,
                          values=[c[1] for c in self.centres])
        box.pack(side="left", padx=4)
        box.bind("<<ComboboxSelected>>", lambda e: self.reload())
        tb.Label(bar, text=_("Proxy's name")).pack(side="left", padx=(6, 0))
        self.proxy_var = tb.StringVar()
        self.proxy_entry = tb.Entry(bar, textvariable=self.proxy_var, width=18)
        self.proxy_entry.pack(side="left", padx=4)
        self.proxy_entry.bind("<Return>", lambda e: self.mark("proxy"))
        tb.Label(self, text=_("Keys: C collected, P by proxy (type the name first), N not "
                              "collected; arrows move."), bootstyle="secondary").pack(anchor="w")
        self.summary = tb.Label(self, text="")
        self.summary.pack(anchor="w")
        self.message = self.message_line  # the kit's message line, beside the title
        holder = tb.Frame(self)
        holder.pack(fill="both", expand=True)
        cols = [("family", _("Family"), 70), ("guardian", _("Guardian"), 200),
                ("kg", _("Kilograms"), 90), ("state", _("Collected"), 110),
                ("proxy", _("Proxy"), 160)]
        self.tree = tb.Treeview(holder, columns=[c[0] for c in cols], show="headings",
                                selectmode="browse", height=12)
        for cid, text, width in cols:
            self.tree.heading(cid, text=text, anchor="w")
            self.tree.column(cid, width=width, stretch=cid == "proxy")
        scroll = tb.Scrollbar(holder, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.pack(side="left", fill="both", expand=True)
        scroll.pack(side="left", fill="y")
        colors = tb.Style().colors
        self.tree.tag_configure("no_show", foreground=colors.danger)
        self.tree.tag_configure("collected", foreground=colors.success)
        self.tree.tag_configure("proxy", foreground=colors.success)
        for key in KEYS:
            for variant in (key, key.upper()):
                self.tree.bind(f"<KeyPress-{variant}>", self._key)
        self.lines = {}
        self.reload()

    def _centre_id(self):
        return next((c[0] for c in self.centres if c[1] == self.centre_var.get()), None)

    def _say(self, text: str, style: str = "default") -> None:
        self.ctx.status(text, style == "danger")  # the message line, then the shared status
        if style not in ("danger", "success"):
            self.message.configure(bootstyle=style)

    def reload(self) -> None:
        cid = self._centre_id()
        self.tree.delete(*self.tree.get_children())
        self.lines = {}
        if cid is None:
            return
        try:
            info = lists.get_month(self.ctx.actor, self.month_var.get(), cid)
        except PseError as exc:
            self._say(str(exc), "danger")
            return
        if info.status != "final":
            self.summary.configure(text=_("The list of this month is not final yet."))
            return
        for ln in info.lines:
            if ln.kg_g <= 0:
                continue
            iid = self.tree.insert("", "end", values=self._values(ln), tags=(ln.collection,))
            self.lines[iid] = ln
        self._summary()
        items = self.tree.get_children()
        if items:
            self.tree.selection_set(items[0])
            self.tree.focus(items[0])

    @staticmethod
    def _values(ln):
        return (ln.family_code, ln.guardians_latin, kg(ln.kg_g), _(LABELS[ln.collection]),
                ln.proxy_name)

    def _summary(self) -> None:
        done = [ln for ln in self.lines.values() if ln.collection in ("collected", "proxy")]
        missed = sum(ln.collection == "no_show" for ln in self.lines.values())
        self.summary.configure(text=ngettext(
            "{d} of {n} family collected ({kg}); {m} not collected",
            "{d} of {n} families collected ({kg}); {m} not collected", len(self.lines)).format(
            d=len(done), n=len(self.lines), kg=kg(sum(ln.kg_g for ln in done)), m=missed))

    def _key(self, event) -> str | None:
        if event.state & CTRL_OR_ALT:
            return None  # Ctrl+C and Alt+N belong to the window, not to a mark
        self.mark(KEYS[event.keysym.lower()])
        return "break"

    def mark(self, status: str) -> str:
        iid = self.tree.focus()
        ln = self.lines.get(iid)
        if ln is None:
            return "break"
        if status == "proxy" and not self.proxy_var.get().strip():
            self._say(_("Type the proxy's name, then press Enter."), "warning")
            self.proxy_entry.focus_set()
            return "break"
        try:
            line = distribution.record(self.ctx.actor, ln.id, status,
                                       self.proxy_var.get() if status == "proxy" else "",
                                       day=self.today)
        except PseError as exc:
            self._say(str(exc), "danger")
            return "break"
        self.lines[iid] = line
        self.tree.item(iid, values=self._values(line), tags=(line.collection,))
        self.proxy_var.set("")
        self._summary()
        self._say(_("{code}: {state}.").format(code=line.family_code,
                                               state=_(LABELS[line.collection])), "success")
        items = self.tree.get_children()
        nxt = items[min(len(items) - 1, items.index(iid) + 1)]
        self.tree.selection_set(nxt)
        self.tree.focus(nxt)
        self.tree.focus_set()
        return "break"
