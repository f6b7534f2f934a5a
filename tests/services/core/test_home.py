"""Home cards: backups and activity for admins, nothing for roles without the right."""

import pytest

from pse_desktop.db.core import AuditEntry
from pse_desktop.services.core import backup, home, places


def titles(cards):
    return {c.title: c for c in cards}


@pytest.mark.sqlite_only  # the Backups card is for SQLite files (PostgreSQL: pg_dump)
def test_admin_sees_no_backup_yet_then_the_last_one(admin, target):
    places.save_centre(admin, None, "STM", "Stung Meanchey", "Phnom Penh")
    changes = AuditEntry.select().count()
    cards = titles(home.core_cards(admin, target))
    users_card = cards["Users and activity"]
    assert users_card.lines == ("1 active user", f"{changes} changes recorded today")
    assert users_card.screen == "audit"
    if target.is_postgres:  # the server's backups are pg_dump's, made by head office: no card
        assert "Backups" not in cards
        return
    assert cards["Backups"].level == "danger"
    assert cards["Backups"].lines == ("No backup yet: make one now.",)
    backup.make_backup(admin, target)
    card = titles(home.core_cards(admin, target))["Backups"]
    assert card.level == "success" and card.lines[0].startswith("Last backup")
    assert card.lines[1].startswith("1 kept in")


def test_other_roles_get_no_admin_cards(make_user, target):
    assert home.core_cards(make_user("dara", "social_team"), target) == []


@pytest.mark.sqlite_only  # the Backups card is for SQLite files (PostgreSQL: pg_dump)
def test_cards_for_gathers_every_area_and_drops_empty_cards(admin, make_user, target):
    all_titles = [c.title for c in home.cards_for(admin, target)]
    first = ["Users and activity"] if target.is_postgres else ["Backups", "Users and activity"]
    assert all_titles[:len(first)] == first
    assert all(c.lines for c in home.cards_for(admin, target))
    places.save_shop(admin, None, "PP1", "PSE Shop", "Phnom Penh")
    staff = make_user("vanna", "shop_staff", shops=["PP1"])
    assert "Backups" not in [c.title for c in home.cards_for(staff, target)]
