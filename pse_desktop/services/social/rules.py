"""Permissions, settings and fixed lists of the social team's area.

Confidentiality: survey answers about violence and abuse, and case notes, are read only with
``social.sensitive`` (the social team, its leaders, admins). Centre staff hold only
``social.status``: whether a family is followed, and by whom.
"""

from __future__ import annotations

import datetime as dt

from ...db import database
from ...db.social import FileAccess
from ..core.permissions import Actor, register_actions, require
from ..core.settings import SettingDef, declare
from ...i18n import N_, _

AREA = "social"

LEVELS = ("urgent", "high", "medium", "low")
LEVEL_RANK = {level: n for n, level in enumerate(LEVELS)}
DOMAINS = ("income", "housing", "health", "education", "protection")
SCALE = {1: "critical", 2: "difficult", 3: "fair", 4: "good"}
TENURES = ("owned", "rented", "squatting", "family")
ROOFS = ("tiles", "metal", "thatch", "plastic")
WALLS = ("brick", "wood", "metal", "thatch", "plastic")
LENDERS = ("bank", "microfinance", "private", "family")
SUPPORT_KINDS = ("flood", "fire", "illness", "violence", "house", "school", "other")
SUPPORT_KIND_LABELS = {  # English, Khmer: the receipts carry both
    "flood": (N_("Flood"), "ទឹកជំនន់"), "fire": (N_("Fire"), "អគ្គិភ័យ"),
    "illness": (N_("Illness"), "ជំងឺ"),
    "violence": (N_("Domestic violence"), "អំពើហិង្សាក្នុងគ្រួសារ"),
    "house": (N_("House repair or relocation"), "ជួសជុល ឬផ្លាស់ទីលំនៅ"),
    "school": (N_("School continuation"), "ការបន្តការសិក្សា"), "other": (N_("Other"), "ផ្សេងៗ"),
}
SUPPORT_STATUSES = ("requested", "approved", "refused", "cancelled")
WORDS = (N_("requested"), N_("approved"), N_("refused"), N_("cancelled"), N_("paid"),
         N_("draft"), N_("complete"), N_("none"), N_("tiles"), N_("metal"), N_("thatch"),
         N_("plastic"), N_("brick"), N_("wood"), N_("owned"), N_("rented"), N_("squatting"),
         N_("family"), N_("bank"), N_("microfinance"), N_("private"))
"""States and survey answers stored in English and shown through ``_(value)``: marked here so
they are extracted and translated."""
CURRENCIES = ("USD", "KHR")

register_actions(
    {
        "social.status": N_("See whether a family is followed by the social team, and by whom"),
        "social.view": N_("See caseloads, priority lists, surveys, assessments and support"),
        "social.sensitive": N_("Read survey answers about violence and abuse, and case notes"),
        "social.survey": N_("Fill social surveys and record assessments"),
        "social.priority": N_("Override a family's priority level, with a reason"),
        "social.assign": N_("Assign families to social workers and see every caseload"),
        "social.rule": N_("Change the priority rule"),
        "social.support.request": N_("Request emergency support for a family"),
        "social.support.approve": N_("Approve or refuse emergency support, within the role's limit"),
        "social.support.pay": N_("Hand over approved emergency support and print its receipt"),
        "social.budget": N_("Set the yearly emergency support budget per kind"),
        "social.export": N_("Export the social team's data (every export is recorded)"),
    },
    {
        "centre_staff": ["social.status"],
        "social_team": ["social.status", "social.view", "social.sensitive", "social.survey",
                        "social.priority", "social.support.request", "social.support.pay"],
        "social_lead": ["social.assign", "social.rule", "social.support.approve",
                        "social.budget", "social.export"],
    },
)

declare(
    SettingDef("assessment_months", N_("Months between assessments"), "int", 6,
               N_("Each family is assessed again this many months after its last assessment "
               "(twice a year by default)."), 1, 24),
    SettingDef("support_limit_social_lead", N_("Support a team leader may approve (USD)"), "int", 500,
               N_("The largest emergency support (all instalments, in US dollars) that a social "
               "team leader may approve; above it an admin approves."), 0, 1_000_000),
    SettingDef("support_limit_admin", N_("Support an admin may approve (USD)"), "int", 5000,
               N_("The largest emergency support (all instalments, in US dollars) that an admin "
               "may approve."), 0, 10_000_000),
)


def kind_text(kind: str) -> str:
    """The name of a kind of emergency support in the current language ("Flood", "Inondation")."""
    return _(SUPPORT_KIND_LABELS[kind][0]) if kind in SUPPORT_KIND_LABELS else kind


def record_access(actor: Actor, family_id: int | None, what: str) -> None:
    """Note that ``actor`` opened a family's file (or exported social data)."""
    with database.atomic():
        FileAccess.create(user=actor.id, username=actor.username, family=family_id,
                          what=what[:60], at=dt.datetime.now())


def may_read_sensitive(actor: Actor) -> bool:
    from ..core.permissions import can

    return can(actor, "social.sensitive")


def require_view(actor: Actor) -> None:
    require(actor, "social.view")
