"""Demo data: each area adds its part; ``run`` fills a database so a newcomer sees a working office."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ... import areas
from ...db import all_models, database, dialect
from .errors import ConflictError
from ..core.permissions import Actor, require
from ...i18n import _

Progress = Callable[[str, float], None]


def _quiet(message: str, fraction: float) -> None:
    pass


def run(actor: Actor, progress: Progress | None = None, today: dt.date | None = None) -> list[str]:
    """Run every area's demo part in order; return one line of summary per part."""
    require(actor, "admin.demo")
    progress = progress or _quiet
    today = today or dt.date.today()
    parts = [a for a in areas.AREAS if a.demo]
    lines = []
    for index, area in enumerate(parts):
        def part_progress(message, fraction, _i=index):
            progress(message, (_i + max(0.0, min(1.0, fraction))) / len(parts))

        part_progress(f"{area.label}...", 0.0)
        lines.append(areas.resolve(area.demo_spec)(actor, part_progress, today))
        # a part may insert rows with their ids: the next ordinary insert must not collide
        dialect.set_sequences(database.obj, all_models())
    progress("Done", 1.0)
    return lines


def refuse_if_filled(model, what: str) -> None:
    """Demo data goes into a new database only, so nobody mixes it with real records."""
    if model.select().exists():
        raise ConflictError(_("This database already has {what}; demo data goes into a new database.").format(what=what))
