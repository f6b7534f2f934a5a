"""Children and families: search, register or edit a child, the family page with siblings."""

from __future__ import annotations

import datetime as dt

import ttkbootstrap as tb

from ...formats import format_date, format_day_month
from ...i18n import N_, _
from ...services.centres import (
    groups as attendance_setup, summary as attendance_summary, children, families,
)
from ...services.centres.rules import CLOTHING_SIZES, PROGRAMMES, RELATIONS, SESSIONS, SEXES
from ...services.centres.children import LikelyDuplicate
from ...services.common import validate
from ...services.common.errors import PseError
from ..common.base import FAILED, Form, PagedTable, Screen, call_service
from ..common.commands import Command
from ..common.dates import DateField
from ..common.khmer import KhmerLabel, khmer_photo, line_height, style_colors

CHILD_FIELDS = {"code": "code", "Latin name": "name_latin", "Khmer name": "name_km", "sex": "sex",
                "birth date": "birth_date", "family": "family", "centre": "centre",
                "programme": "programme", "session": "session", "group": "group",
                "school": "school", "grade": "grade", "clothing size": "clothing_size",
                "enrolment date": "enrolled_on", "exit date": "exit_on",
                "exit reason": "exit_reason", "age reason": "age_reason"}


class ChildrenScreen(Screen):
    title = N_("Children and families")
    commands = (Command("new", "new"), Command("save", "save"),)

    def __init__(self, master, ctx):
        super().__init__(master, ctx)
        self.today = ctx.extra.get("today") or dt.date.today()
        self.centres = attendance_setup.visible_centres(ctx.actor)
        self.editing = None
        self.family = None
        bar = tb.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        tb.Label(bar, text=_("Search")).pack(side="left")
        self.search_var = tb.StringVar()
        self.search = tb.Entry(bar, textvariable=self.search_var, width=22)
        self.find_field = self.search
        self.search.pack(side="left", padx=4)
        self.search.bind("<Return>", lambda e: self.table.set_source(self.fetch))
        tb.ToolTip(self.search, text=_("name (Latin or Khmer), code or family code"))
        self.left_var = tb.BooleanVar(value=False)
        tb.Checkbutton(bar, text=_("Include children who left"), variable=self.left_var,
                       command=lambda: self.table.set_source(self.fetch)).pack(side="left", padx=12)
        tb.Button(bar, text=_("New child"), bootstyle="primary", command=self.new).pack(
            side="right", before=bar.winfo_children()[0])  # never pushed out by the fields

        body = tb.Frame(self)
        body.pack(fill="both", expand=True)
        self.table = PagedTable(body, [("code", _("Code"), 80), ("name", _("Name"), 120),
                                       ("age", _("Age"), 35), ("centre", _("Centre"), 50),
                                       ("group", _("Group"), 90), ("family", _("Family"), 65)],
                                page_size=100)
        self.table.pack(side="left", fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: self.load_selected())
        # Khmer names as shaped images in column #0 (Tk cannot shape Khmer text itself).
        tb.Style().configure("Children.Treeview", rowheight=line_height(13) + 4)
        self.table.tree.configure(show="tree headings", style="Children.Treeview")
        self.table.tree.heading("#0", text=_("Khmer"), anchor="w")
        self.table.tree.column("#0", width=110, stretch=False)
        self.names_km: dict[int, str] = {}
        self.photos: list = []
        plain_show_page = self.table.show_page

        def show_page(page):
            plain_show_page(page)
            fg = style_colors("Treeview")[0]
            self.photos = []
            for iid, child_id in self.table.keys.items():
                if self.names_km.get(child_id):
                    photo = khmer_photo(self.names_km[child_id], 13, fg=fg)
                    self.photos.append(photo)
                    self.table.tree.item(iid, image=photo)

        self.table.show_page = show_page
        notebook = tb.Notebook(body, width=400)
        notebook.pack(side="right", fill="y", padx=(12, 0), before=self.table)
        self.notebook = notebook
        self._build_child_tab(notebook)
        self._build_family_tab(notebook)
        self._build_history_tab(notebook)
        self.table.set_source(self.fetch)
        self.new()

    # -- child tab ------------------------------------------------------------------
    def _build_child_tab(self, notebook) -> None:
        tab = tb.Frame(notebook)
        notebook.add(tab, text=_("Child"))
        outer = tb.ScrolledFrame(tab, auto_hide=True, padding=8)
        outer.pack(fill="both", expand=True)
        form = self.form = Form(outer, wrap=280)
        form.pack(fill="x")
        form.add("code", _("Code"), width=14)
        form.add("Latin name", _("Name (Latin letters)"))
        form.add("Khmer name", _("Name (Khmer)"), khmer=True)
        form.add("sex", _("Sex"), tb.Combobox, values=SEXES, state="readonly", width=7)
        form.add("birth date", _("Birth date"), DateField, width=12)
        form.add("family", _("Family code"), width=12)
        form.add("centre", _("Centre"), tb.Combobox, state="readonly",
                 values=[c[1] for c in self.centres], width=8)
        form.widgets["centre"].bind("<<ComboboxSelected>>", lambda e: self._fill_groups())
        form.add("programme", _("Programme"), tb.Combobox, state="readonly", values=PROGRAMMES)
        form.add("session", _("Session"), tb.Combobox, state="readonly", values=SESSIONS)
        form.add("group", _("Group"), tb.Combobox, state="readonly",
                 help=_("A change of group counts from today; past days keep the old group."))
        form.add("school", _("School"))
        form.add("grade", _("Grade"), width=6)
        form.add("clothing size", _("Clothing size"), tb.Combobox, values=list(CLOTHING_SIZES),
                 state="readonly", width=6)
        form.add("enrolment date", _("Enrolment date"), DateField, width=12)
        form.add("exit date", _("Exit date"), DateField, width=12)
        form.add("exit reason", _("Exit reason"))
        form.add("age reason", _("Reason outside ages 3-6"),
                 help=_("Only for a daycare child younger than 3 or older than 6."))
        self.save_button = tb.Button(outer, text=_("Save child"), bootstyle="primary",
                                     command=self.save)
        self.save_button.pack(anchor="e", pady=6)
        self.groups = []

    def _fill_groups(self, keep: str = "") -> None:
        code = self.form.vars["centre"].get()
        centre_id = next((c[0] for c in self.centres if c[1] == code), None)
        self.groups = attendance_setup.list_groups(self.ctx.actor, centre_id) if centre_id else []
        self.form.widgets["group"].configure(values=[""] + [g.name for g in self.groups])
        self.form.vars["group"].set(keep)

    def fetch(self, page, size):
        active = None if self.left_var.get() else self.today
        text = self.search_var.get()
        rows = children.list_children(self.ctx.actor, active_on=active, text=text, limit=size,
                                      offset=page * size)
        total = children.count_children(self.ctx.actor, active_on=active, text=text)
        self.names_km = {c.id: c.name_km for c in rows}
        return [(c.id, (c.code, c.name_latin, c.age(self.today), c.centre_code, c.group_name,
                        c.family_code)) for c in rows], total

    def new(self) -> None:
        self.editing = None
        centre = self.centres[0][1] if self.centres else ""
        code = children.next_child_code(centre) if centre else ""
        self.form.clear_errors()
        self.form.set_values({"code": code, "Latin name": "", "Khmer name": "", "sex": "F",
                              "birth date": "", "centre": centre,
                              "family": self.family.code if self.family else "",
                              "programme": "daycare", "session": "", "school": "", "grade": "",
                              "clothing size": "", "enrolment date": self.today.isoformat(),
                              "exit date": "", "exit reason": "", "age reason": ""})
        self._fill_groups()
        self.form.widgets["Latin name"].focus_set()

    def load_selected(self) -> None:
        child_id = self.table.selected_key()
        if child_id is None:
            return
        c = children.get_child(self.ctx.actor, child_id)
        self.editing = c
        self.form.clear_errors()
        self.form.set_values({"code": c.code, "Latin name": c.name_latin, "Khmer name": c.name_km,
                              "sex": c.sex, "birth date": c.birth_date.isoformat(),
                              "family": c.family_code, "centre": c.centre_code,
                              "programme": c.programme, "session": c.session, "school": c.school,
                              "grade": c.grade, "clothing size": c.clothing_size,
                              "enrolment date": c.enrolled_on.isoformat(),
                              "exit date": c.exit_on.isoformat() if c.exit_on else "",
                              "exit reason": c.exit_reason, "age reason": c.age_reason})
        self._fill_groups(c.group_name)
        self.show_family(c.family_id)
        self.show_history(c.id)

    def save(self, confirm_duplicate: bool = False):
        v = self.form.values()
        family = call_service(self.form, families.family_by_code, self.ctx.actor, v["family"])
        if family is FAILED:
            return FAILED
        centre_id = next((c[0] for c in self.centres if c[1] == v["centre"]), None)
        values = {CHILD_FIELDS[k]: val for k, val in v.items() if k not in ("family", "centre", "group")}
        values.update(family_id=family.id, centre_id=centre_id)
        group_id = next((g.id for g in self.groups if g.name == v["group"]), None)
        try:
            child = children.save_child(self.ctx.actor, self.editing.id if self.editing else None,
                                        values, group_id=None if self.editing else group_id,
                                        confirm_duplicate=confirm_duplicate)
            if self.editing and group_id and group_id != child.group_id:
                child = children.move_child(self.ctx.actor, child.id, group_id, self.today)
        except LikelyDuplicate as exc:
            if self.ctx.confirm(self, _("Likely duplicate"),
                                str(exc) + "\n" + _("Save anyway as a different child?")):
                return self.save(confirm_duplicate=True)
            self.form.show_error(exc)
            return FAILED
        except PseError as exc:
            self.form.show_error(exc, {"Khmer name": "Khmer name", "Latin name": "Latin name",
                                       "enrolment date": "enrolment date"})
            return FAILED
        self.form.clear_errors()
        warnings = [w for w in (validate.script_warning(_("Khmer name"), child.name_km, "khmer"),
                                validate.script_warning(_("Latin name"), child.name_latin, "latin")) if w]
        self.ctx.status(" ".join([_("Saved {code} {name}.").format(code=child.code, name=child.name_latin)]
                                 + warnings))
        self.table.refresh()
        self.editing = child
        self.show_family(child.family_id)
        return child

    # -- family tab -----------------------------------------------------------------
    def _build_family_tab(self, notebook) -> None:
        tab = tb.Frame(notebook)
        notebook.add(tab, text=_("Family"))
        outer = tb.ScrolledFrame(tab, auto_hide=True, padding=8)
        outer.pack(fill="both", expand=True)
        form = self.family_form = Form(outer, wrap=280)
        form.pack(fill="x")
        form.add("family code", _("Family code"), width=12)
        form.add("village", _("Village"))
        form.add("address", _("Address"))
        form.add("phone", _("Phone"))
        for i in (1, 2):
            form.add(f"guardian {i} name", _("Guardian {n} (Latin)").format(n=i))
            form.add(f"guardian {i} Khmer name", _("Guardian {n} (Khmer)").format(n=i), khmer=True)
            form.add(f"guardian {i} relation", _("Relation"), tb.Combobox, values=RELATIONS,
                     state="readonly")
            form.add(f"guardian {i} phone", _("Phone"))
        bar = tb.Frame(outer)
        bar.pack(fill="x", pady=6)
        tb.Button(bar, text=_("New family"), bootstyle="secondary",
                  command=self.new_family).pack(side="left")
        tb.Button(bar, text=_("Save family"), bootstyle="primary",
                  command=self.save_family).pack(side="right")
        tb.Label(outer, text=_("Children of this family"), font=("TkDefaultFont", 10, "bold")).pack(
            anchor="w", pady=(8, 2))
        self.siblings = tb.Frame(outer)
        self.siblings.pack(fill="x")

    def new_family(self) -> None:
        self.family = None
        self.family_form.clear_errors()
        self.family_form.set_values({k: "" for k in self.family_form.vars})
        self.family_form.set_values({"family code": families.next_family_code(),
                                     "guardian 1 relation": "mother", "guardian 2 relation": "father"})
        for w in self.siblings.winfo_children():
            w.destroy()

    def show_family(self, family_id: int) -> None:
        f = self.family = families.get_family(self.ctx.actor, family_id)
        values = {"family code": f.code, "village": f.village, "address": f.address, "phone": f.phone}
        for i in (1, 2):
            g = f.guardians[i - 1] if len(f.guardians) >= i else None
            values.update({f"guardian {i} name": g.name_latin if g else "",
                           f"guardian {i} Khmer name": g.name_km if g else "",
                           f"guardian {i} relation": g.relation if g else "",
                           f"guardian {i} phone": g.phone if g else ""})
        self.family_form.clear_errors()
        self.family_form.set_values(values)
        for w in self.siblings.winfo_children():
            w.destroy()
        for kid in children.list_children(self.ctx.actor, family_id=family_id):
            row = tb.Frame(self.siblings)
            row.pack(fill="x")
            if kid.name_km:
                KhmerLabel(row, text=kid.name_km).pack(side="left")
            left = _(" (left {day})").format(day=kid.exit_on) if kid.exit_on else ""
            tb.Label(row, text=f" {kid.name_latin}, {kid.age(self.today)}, {kid.centre_code} "
                               f"{kid.group_name}{left}").pack(side="left")

    def save_family(self):
        v = self.family_form.values()
        guardians = [{"name_latin": v[f"guardian {i} name"], "name_km": v[f"guardian {i} Khmer name"],
                      "relation": v[f"guardian {i} relation"], "phone": v[f"guardian {i} phone"]}
                     for i in (1, 2)]
        result = call_service(self.family_form, families.save_family, self.ctx.actor,
                              self.family.id if self.family else None, v["family code"],
                              village=v["village"], address=v["address"], phone=v["phone"],
                              guardians=guardians)
        if result is FAILED:
            return FAILED
        self.ctx.status(_("Saved family {code}.").format(code=result.code))
        self.form.vars["family"].set(result.code)
        self.show_family(result.id)
        return result

    # -- attendance history tab -------------------------------------------------------
    def _build_history_tab(self, notebook) -> None:
        tab = tb.Frame(notebook, padding=8)
        notebook.add(tab, text=_("Attendance"))
        self.history = tb.Treeview(tab, columns=("month", "P", "L", "A", "E", "S", "rate"),
                                   show="headings", height=12)
        for cid, text, width in (("month", _("Month"), 70), ("P", _("Pres."), 45),
                                 ("L", _("Late"), 45), ("A", _("Abs."), 45), ("E", _("Exc."), 45),
                                 ("S", _("Sick"), 45), ("rate", _("Rate"), 55)):
            self.history.heading(cid, text=text, anchor="w")
            self.history.column(cid, width=width, anchor="w")
        self.history.pack(fill="x")
        tb.Label(tab, text=_("Absences of the last 12 months"),
                 font=("TkDefaultFont", 10, "bold")).pack(anchor="w", pady=(8, 2))
        self.absences = tb.Label(tab, text="", wraplength=400, justify="left")
        self.absences.pack(anchor="w")
        self.groups_label = tb.Label(tab, text="", wraplength=400, justify="left",
                                     bootstyle="secondary")
        self.groups_label.pack(anchor="w", pady=(8, 0))

    def show_history(self, child_id: int) -> None:
        months, absences = attendance_summary.child_history(self.ctx.actor, child_id, today=self.today)
        self.history.delete(*self.history.get_children())
        for m in reversed(months):
            self.history.insert("", "end", values=(m.month, *(m.counts.get(s, 0) for s in "PLAES"),
                                                   attendance_summary.format_rate(m.rate)))
        words = {"A": _("absent"), "E": _("excused"), "S": _("sick")}
        text = "; ".join(f"{format_day_month(d)}: {words.get(s, s)}" + (f" ({r})" if r else "")
                         for d, s, r in reversed(absences[-40:]))
        self.absences.configure(text=text or _("none"))
        stays = children.group_history(self.ctx.actor, child_id)
        self.groups_label.configure(text=_("Groups: ") + "; ".join(
            f"{g.group_name} {format_date(g.start_on)} - {format_date(g.end_on)}" if g.end_on
            else f"{g.group_name} " + _("since {day}").format(day=format_date(g.start_on))
            for g in stays))
