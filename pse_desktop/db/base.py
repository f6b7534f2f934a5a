"""The base model every table derives from."""

import peewee

from .connection import database


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False
