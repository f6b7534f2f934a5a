"""Tests for pse_desktop.services.core.generations: which backups are kept (pure rules over
file names, no database)."""


def test_generations_keep_days_weeks_and_months_within_the_size_limit(tmp_path):
    import datetime as dt

    from pse_desktop.services.core.generations import to_delete

    start = dt.date(2024, 1, 1)
    paths = []
    for n in range(730):  # two years of one backup a day
        day = start + dt.timedelta(days=n)
        paths.append(tmp_path / f"pse-backup-{day:%Y%m%d}-120000-000000.sqlite3")
    gone = set(to_delete(paths, daily=7, weekly=5, monthly=12, size=lambda p: 1))
    kept = sorted(p.name[11:19] for p in paths if p not in gone)
    newest = start + dt.timedelta(days=729)
    assert f"{newest:%Y%m%d}" in kept
    assert len(kept) <= 7 + 5 + 12 and len(kept) >= 12  # generations overlap at the recent end
    months = {k[:6] for k in kept}
    assert len(months) == 12  # a copy of each of the last 12 months
    # the size limit drops the oldest first and always leaves the newest
    gone = set(to_delete(paths, daily=7, weekly=5, monthly=12, max_bytes=3, size=lambda p: 1))
    kept = sorted(p.name[11:19] for p in paths if p not in gone)
    assert len(kept) == 3 and kept[-1] == f"{newest:%Y%m%d}"
    assert to_delete(paths[-1:], daily=1, weekly=0, monthly=0, max_bytes=0,
                     size=lambda p: 10) == []
