"""Child codes: a new child without a code gets the centre's next one, once, even at once."""

import datetime as dt
import threading

from pse_desktop.db import database
from pse_desktop.services.centres import children
from tests.services.centres.test_attendance import (  # noqa: F401
    centre, child_values, family, group,
)


def test_centres_registering_at_once_get_distinct_codes_in_order(admin, family, centre):
    assert children.next_child_code("STM") == "STM-0001"
    made, errors = [], []
    start = threading.Barrier(4)

    def clerk(n):
        start.wait()
        try:
            for i in range(5):
                info = children.save_child(admin, None, child_values(
                    family, centre, code="", name_latin=f"Child {n}-{i}", name_km="",
                    birth_date=dt.date(2021, 1 + n, 1 + i)))
                made.append(info.code)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            database.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(made) == [f"STM-{n:04d}" for n in range(1, 21)]
    assert children.next_child_code("STM") == "STM-0021"
