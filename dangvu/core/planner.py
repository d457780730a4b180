"""The database planner's statistics, refreshed after rows are written in bulk."""

from django.db import connection


def analyze() -> None:
    """Refresh PostgreSQL's planner statistics (ANALYZE) after a bulk write: a restore, the
    demo, a generated province. Until autovacuum reaches the new rows the planner takes the tables for
    what they were and picks plans for a few rows; on a restored 1.000-committee province the
    pages cost ten times more for the first minute (docs/serving.md). SQLite keeps no
    statistics unless asked and is left as it is."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
