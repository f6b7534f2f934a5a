"""The home page card of vocational training: the follow-ups 3, 6 and 12 months after a course
that are due and not recorded yet, for those who record them (``training.manage``)."""

from __future__ import annotations

import datetime as dt

from ...formats import format_date
from ...i18n import _, ngettext
from ..core.home import Card
from ..core.permissions import Actor, can
from .after import follow_ups_due

SHOWN = 5


def home_cards(actor: Actor, target, today: dt.date | None = None) -> list[Card]:
    """One card listing the oldest follow-ups due (who, which follow-up, since when) and how
    many there are in all; nothing when none is due."""
    if not can(actor, "training.manage"):
        return []
    due = follow_ups_due(actor, today=today or dt.date.today())
    if not due:
        return []
    # Short lines: a card is narrow. The screen it opens lists them with their courses.
    lines = [_("{name}: {months} months, due {due}").format(
        name=name, months=months, due=format_date(day, "d MMM")) for _tid, name, months, day
        in due[:SHOWN]]
    if len(due) > SHOWN:
        lines.append(ngettext("... and {n} more", "... and {n} more",
                              len(due) - SHOWN).format(n=len(due) - SHOWN))
    title = ngettext("{n} training follow-up due", "{n} training follow-ups due",
                     len(due)).format(n=len(due))
    return [Card(title, tuple(lines), "training_after", "warning")]
