"""Counters give each number once, without gaps, to concurrent writers on both engines."""

import threading

import pytest

from pse_desktop.db import counters, database


def test_numbers_continue_after_the_largest_used_and_a_rollback_gives_its_number_back(target):
    with database.atomic():
        assert counters.next_value("x", lambda: 41) == 42
    with pytest.raises(RuntimeError, match="boom"):
        with database.atomic():
            assert counters.next_value("x", lambda: 0) == 43
            raise RuntimeError("boom")
    with database.atomic():
        assert counters.next_value("x", lambda: 0) == 43
    with pytest.raises(RuntimeError, match="inside the transaction"):
        counters.next_value("x", lambda: 0)


def test_concurrent_writers_never_share_a_number(target):
    got, errors = [], []
    start = threading.Barrier(5)

    def writer():
        start.wait()
        try:
            for _ in range(20):
                with database.atomic():
                    got.append(counters.next_value("race", lambda: 0))
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            database.close()

    threads = [threading.Thread(target=writer) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(got) == list(range(1, 101))
