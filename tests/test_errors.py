"""The root of user errors sits below every layer: what the database layer raises, screens and
the command line already show as any other refusal."""

from pse_desktop.db import DatabaseBusy, DataReplaced
from pse_desktop.errors import PseError
from pse_desktop.services.common import errors


def test_database_refusals_are_user_errors_every_layer_catches():
    assert errors.PseError is PseError
    for exc in (DatabaseBusy(), DataReplaced()):
        try:
            raise exc
        except errors.PseError as caught:
            assert str(caught) and "Traceback" not in str(caught)
    assert str(DatabaseBusy()) == "Someone else is saving, try again in a moment."
