"""Many ids in one query parameter."""

from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL


def any_of(ids: Iterable[int]) -> list[int] | RawSQL:
    """`ids` for a `field__in=` lookup. On PostgreSQL one array parameter the server unnests: a
    province's 9.000 organization ids sent as 9.000 parameters, five times in a drill-down, made
    a 320 KB statement whose parsing and planning took most of the page's time. Elsewhere
    (SQLite, a few organizations) the list itself."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return ids
