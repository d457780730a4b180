"""Many ids in one query: a province's 9.000 organization ids."""

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL


def any_of(ids: Iterable[int]) -> list[int] | RawSQL:
    """`ids` for a `field__in=` lookup, never as one query parameter per id: Django prepares, and
    the driver sends, each parameter on its own, and a drill-down sending a province's 9.000
    organization ids five times made a 320 KB statement whose preparation and planning cost more
    than the query. On PostgreSQL one array parameter (its text form) the server unnests; elsewhere a subquery
    of literal integers (VALUES): ids are integers read from the database, so nothing but `int`s
    is written into the SQL."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    if connection.vendor == "postgresql":
        # The array as its text form ('{1,2,3}'), which the server casts: the driver adapts a
        # Python list element by element (60 ms for 9.000 ids, a province superior's page sent
        # its scope five times), a string at once.
        return RawSQL("SELECT unnest(%s::bigint[])", (_array_text(ids),))
    values = ",".join(f"({i})" for i in ids)
    return RawSQL(f"SELECT column1 FROM (VALUES {values}) AS ids", ())


def field_in(field: str, ids: Iterable[int]) -> Q | Func:
    """A filter that `field` is one of `ids`, for a query that tests it row by row (a page of
    people, each looked up in its memberships): on PostgreSQL `field = ANY(array)`, which the
    server tests by hashing the array once, where `IN (SELECT unnest(array))` may be joined
    as a list scanned for every row; elsewhere `any_of`."""
    ids = [int(i) for i in ids]
    if connection.vendor != "postgresql" or not ids:
        return Q(**{f"{field}__in": any_of(ids)})
    return _AnyOf(F(field), Value(_array_text(ids)), output_field=BooleanField())


def _array_text(ids: list[int]) -> str:
    """A PostgreSQL array literal of integers ('{1,2,3}'), which the server casts."""
    return "{" + ",".join(map(str, ids)) + "}"


class _AnyOf(Func):
    arg_joiner = " = ANY("
    template = "%(expressions)s::bigint[])"
