"""Home page cards: each area returns plain cards for the user; empty areas return none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ... import areas
from ...db.core import AuditEntry, User
from .permissions import Actor, can
from ...i18n import _, ngettext
from ...formats import format_date


@dataclass(frozen=True)
class Card:
    title: str
    lines: tuple[str, ...]
    screen: str | None = None  # the screen a click opens
    level: str = "info"  # info, warning, danger, success


def cards_for(actor: Actor, target) -> list[Card]:
    """Return every area's cards for this user, in area order, dropping empty ones."""
    out: list[Card] = []
    for area in areas.AREAS:
        if area.home_cards:
            out.extend(c for c in areas.resolve(area.home_cards_spec)(actor, target) if c.lines)
    return out


def core_cards(actor: Actor, target) -> list[Card]:
    cards = []
    if can(actor, "admin.backup") and not target.is_postgres:
        from . import backup

        found = backup.list_backups(target)
        if found:
            when = dt.datetime.fromtimestamp(found[0].stat().st_mtime)
            age = dt.datetime.now() - when
            level = "warning" if age > dt.timedelta(days=2) else "success"
            cards.append(Card(_("Backups"), (
                _("Last backup {day} {time:%H:%M}").format(day=format_date(when.date()), time=when),
                ngettext("{n} kept in {folder}", "{n} kept in {folder}", len(found)).format(
                    n=len(found), folder=found[0].parent)), "backups", level))
        else:
            cards.append(Card(_("Backups"), (_("No backup yet: make one now."),), "backups", "danger"))
    if can(actor, "admin.users"):
        active = User.select().where(User.active == True).count()  # noqa: E712
        today = dt.datetime.combine(dt.date.today(), dt.time())
        changes = AuditEntry.select().where(AuditEntry.at >= today).count()
        cards.append(Card(_("Users and activity"), (
            ngettext("{n} active user", "{n} active users", active).format(n=active),
            ngettext("{n} change recorded today", "{n} changes recorded today", changes).format(
                n=changes)), "audit"))
    return cards
