"""Settings as data: each has a type, a default, bounds and help text; admins edit them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...db import database
from ...db.core import Setting
from . import audit
from ..common import validate
from ..common.errors import ValidationError
from .permissions import Actor, require
from ...i18n import _, N_


@dataclass(frozen=True)
class SettingDef:
    key: str
    label: str
    kind: str  # "text", "int"
    default: object
    help: str
    minimum: int | None = None
    maximum: int | None = None
    max_len: int = 200


SETTINGS: dict[str, SettingDef] = {}


def declare(*defs: SettingDef) -> None:
    """Add settings; areas declare their own next to the code that reads them."""
    for d in defs:
        SETTINGS[d.key] = d


declare(
    SettingDef("org_name", N_("Organisation name"), "text", "Pour un Sourire d'Enfant",
               N_("Printed at the top of every report, payslip and receipt."), max_len=120),
    SettingDef("khr_per_usd", N_("Riel per US dollar"), "int", 4100,
               N_("Exchange rate used for riel payments and the riel amounts on payslips (the National Bank's official rate, typically 4,000-4,100)."), 1000, 10000),
    SettingDef("eur_per_usd_milli", N_("Euro per US dollar (x1000)"), "int", 920,
               N_("Euros for one dollar, times 1000 (920 means 1 USD = 0.920 EUR); used at events in France."), 100, 5000),
    SettingDef("backup_daily", N_("Daily backups to keep"), "int", 7,
               N_("The last backup of each of this many days is kept."), 1, 366),
    SettingDef("backup_weekly", N_("Weekly backups to keep"), "int", 5,
               N_("The last backup of each of this many weeks is kept."), 0, 520),
    SettingDef("backup_monthly", N_("Monthly backups to keep"), "int", 12,
               N_("The last backup of each of this many months is kept."), 0, 240),
    SettingDef("backup_max_mb", N_("Backups size limit (MB)"), "int", 4000,
               N_("The backups folder holds at most this much: the oldest generations go first (the newest backup is always kept)."), 10, 1000000),
    SettingDef("backup_dir", N_("Backups folder"), "text", "",
               N_("Where backups go. Empty means a 'backups' folder next to the database. A USB stick or a second disk is safer."), max_len=400),
)


def get(key: str):
    """Return the value of a setting (its default when never set)."""
    d = SETTINGS[key]
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return d.default
    return int(row.value) if d.kind == "int" else row.value


def get_all() -> dict[str, object]:
    stored = {s.key: s.value for s in Setting.select()}
    out = {}
    for key, d in SETTINGS.items():
        raw = stored.get(key)
        out[key] = d.default if raw is None else (int(raw) if d.kind == "int" else raw)
    return out


def clean(key: str, raw) -> object:
    """Return the checked value of one setting, or raise ValidationError naming it."""
    d = SETTINGS.get(key)
    if d is None:
        raise ValidationError(key, _("is not a setting"))
    if d.kind == "int":
        return validate.integer(d.label, raw, d.minimum, d.maximum)
    return validate.text(d.label, raw, d.max_len, required=False)


def set_values(actor: Actor, values: dict[str, object]) -> dict[str, object]:
    """Check every value first, then save all of them in one transaction."""
    require(actor, "admin.settings")
    cleaned = {key: clean(key, raw) for key, raw in values.items()}
    current = get_all()
    changed = {k: v for k, v in cleaned.items() if current.get(k) != v}
    with database.atomic():
        for key, value in changed.items():
            now = dt.datetime.now()
            Setting.insert(key=key, value=str(value), updated_at=now, updated_by=actor.username
                           ).on_conflict(conflict_target=[Setting.key], update={
                               Setting.value: str(value), Setting.updated_at: now,
                               Setting.updated_by: actor.username}).execute()
            audit.record(actor, "core", "update", "setting", key,
                         f"{SETTINGS[key].label}: {current.get(key)!r} -> {value!r}")
    return changed
