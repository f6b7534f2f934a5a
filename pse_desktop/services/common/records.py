"""The create-or-edit step shared by the simple record services: duplicate check, save, audit."""

from __future__ import annotations

from ..core import audit
from .errors import NotFound, ValidationError
from ..core.permissions import Actor, internal
from ...i18n import _


def refuse_duplicate(model, field: str, value, row_id: int | None, entity: str) -> None:
    """Raise ValidationError naming ``field`` when another row of ``model`` has ``value``."""
    clash = model.select().where(getattr(model, field) == value)
    if row_id is not None:
        clash = clash.where(model.id != row_id)
    if clash.exists():
        raise ValidationError(field, _("another {entity} has the {field} {value}").format(entity=entity, field=field, value=value))


@internal
def save_row(actor: Actor, model, row_id: int | None, values: dict, *, area: str, entity: str,
             created: str, update_prefix: str = "", extra: dict | None = None):
    """Create (``row_id`` None) or edit a row from checked ``values``, and audit it.

    ``created`` is the audit summary of a new row; an edit records ``update_prefix`` and the
    changed fields. ``extra`` fields are saved but not listed. Call inside the transaction.
    """
    if row_id is None:
        row = model.create(**values, **(extra or {}))
        audit.record(actor, area, "create", entity, row.id, created)
        return row
    row = model.get_or_none(model.id == row_id)
    if row is None:
        raise NotFound(f"{entity} {row_id}")
    before = {key: getattr(row, key) for key in values}
    for key, value in {**values, **(extra or {})}.items():
        setattr(row, key, value)
    row.save()
    audit.record(actor, area, "update", entity, row.id,
                 update_prefix + audit.describe_changes(before, values))
    return row
