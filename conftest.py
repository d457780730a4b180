import fcntl
import os
import shutil
import sqlite3
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import DateField, TimeField
from django.test.utils import override_settings

DEMO_PASSWORD = "demo-pass-123"
CHROMIUM = os.environ.get("DANGVU_CHROMIUM", "/usr/bin/chromium")


# The fixtures through which a test reaches the database of its own process (pytest-django's).
# `django_db_blocker` is asked for by every test and grants nothing by itself.
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "admin_client", "admin_user"}


def _asks_for_a_database(item):
    names = set(getattr(item, "fixturenames", ()))
    return (
        item.get_closest_marker("django_db") is not None
        or bool(names & DATABASE_FIXTURES)
        or any(n.startswith("django_db") and n != "django_db_blocker" for n in names)
    )


def _long_first(item):
    """The tests that take minutes start first, so that at the end of a parallel run no worker
    waits alone for one of them while the other has finished (pytest-xdist hands tests out in
    the order given here)."""
    for rank, marker in enumerate(("sqlite_file", "sweep", "slow")):
        if item.get_closest_marker(marker) is not None:
            return rank
    return 3


def pytest_collection_modifyitems(items):
    """Fuzzing runs (hypothesis) are slow by nature: `make test-fast` leaves them out. A test that
    asks for no database and starts no dangvu process is marked `no_database`: CI's PostgreSQL
    pass leaves it out, it would compute the same thing again."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)
        if not _asks_for_a_database(item) and item.get_closest_marker("processes") is None:
            item.add_marker(pytest.mark.no_database)
    items.sort(key=_long_first)


def _load_demo():
    from dangvu.orgs.models import Organization

    call_command("load_demo", password=DEMO_PASSWORD, stdout=StringIO())
    return Organization.objects.get(slug="so-tttt-tra-vinh")


def _tables():
    """Every model that owns a table, auto-created many-to-many tables included."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]


def _rows(model, exclude=frozenset()):
    names = [f.attname for f in model._meta.concrete_fields]
    return [
        r for r in model._base_manager.values(*names) if r[model._meta.pk.attname] not in exclude
    ]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Tests log in thousands of times; the production hasher is slow by design."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, _fast_password_hasher):
    """The rows `load_demo` writes, captured once per test session (and xdist worker).

    `load_demo` runs for real once, inside a transaction that is rolled back; each test that asks
    for the demo then gets the same rows inserted in its own transaction, which takes a fraction
    of a second instead of the several seconds of the command itself.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        before = {m: {r[m._meta.pk.attname] for r in _rows(m)} for m in _tables()}
        _load_demo()
        snapshot = [(m, _rows(m, exclude=before[m])) for m in _tables()]
        content_types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
        transaction.set_rollback(True)
    # The third part: the INSERT statements of the rows, made on the first restore (per set of
    # content type ids, see _moved_content_types) and kept for the next ones.
    return [(m, rows) for m, rows in snapshot if rows], content_types, {}


def _moved_content_types(content_types):
    """A transactional test's flush recreates content types, maybe under other ids: {old id:
    new id} of those that moved, found by their natural key."""
    ContentType.objects.clear_cache()
    now = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}
    return {old: now[key] for old, key in content_types.items() if now.get(key) != old}


def _remap_content_types(snapshot, moved):
    """The rows with their content type ids moved: rows that point to one follow it."""
    if not moved:
        return snapshot
    remapped = []
    for model, rows in snapshot:
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is ContentType
        ]
        if fields:
            rows = [{**r, **{f: moved.get(r[f], r[f]) for f in fields}} for r in rows]
        remapped.append((model, rows))
    return remapped


def _stamped(field):
    """A field that `save` and `bulk_create` fill with the time of the write (auto_now…)."""
    return isinstance(field, (DateField, TimeField)) and (field.auto_now or field.auto_now_add)


def _inserts(model, rows):
    """What `bulk_create` inserts for `rows`, as a function giving the (sql, params of each row)
    of one INSERT to run for every row. The values are prepared for the database once (building
    the model objects and preparing each value was most of a restore's time); the fields stamped
    with the time of the write get it when the function is called, as `bulk_create` gives it."""
    fields = model._meta.concrete_fields
    stamped = [(i, f) for i, f in enumerate(fields) if _stamped(f)]
    prepared = []
    for r in rows:
        obj = model(**r)
        prepared.append(
            tuple(
                None if _stamped(f) else f.get_db_prep_save(f.pre_save(obj, True), connection)
                for f in fields
            )
        )
    # One short statement run for each row (executemany): the database driver reads it once.
    sql = "INSERT INTO {} ({}) {}".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(f.column) for f in fields),
        connection.ops.bulk_insert_sql(fields, [["%s"] * len(fields)]),
    )

    def statement():
        if not stamped:
            return sql, prepared
        params = []
        for values in prepared:
            values = list(values)
            holder = SimpleNamespace()
            for i, f in stamped:
                values[i] = f.get_db_prep_save(f.pre_save(holder, True), connection)
            params.append(values)
        return sql, params

    return statement


def _plain(model):
    """A model whose values go in as plain parameters (no field with a placeholder of its own)."""
    return not any(hasattr(f, "get_placeholder") for f in model._meta.concrete_fields)


def _copy(cursor, model, params):
    """PostgreSQL's COPY of the rows: one stream instead of a statement a row, which made most
    of a restore's time there (foreign keys are deferred all the same)."""
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for values in params:
            copy.write_row(values)


def _restore(demo_snapshot):
    """Insert the demo rows (foreign keys are deferred, so order does not matter inside the
    transaction), then move sequences past them where the database keeps sequences apart."""
    from dangvu.orgs.models import Organization

    rows, content_types, made = demo_snapshot
    moved = _moved_content_types(content_types)
    key = frozenset(moved.items())
    if key not in made:
        snapshot = _remap_content_types(rows, moved)
        made[key] = (
            [(m, _inserts(m, r) if _plain(m) else r) for m, r in snapshot],
            connection.ops.sequence_reset_sql(no_style(), [m for m, _ in snapshot]),
        )
    inserts, sequences = made[key]
    with transaction.atomic(), connection.cursor() as cursor:
        for model, statement in inserts:
            if callable(statement) and connection.vendor == "postgresql":
                _copy(cursor, model, statement()[1])
            elif callable(statement):
                cursor.executemany(*statement())
            else:  # the rows themselves
                model._base_manager.bulk_create([model(**r) for r in statement], batch_size=500)
        for sql in sequences:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            _true_sizes(cursor, {m._meta.db_table: len(r) for m, r in rows})
    return Organization.objects.get(slug="so-tttt-tra-vinh")


def _true_sizes(cursor, restored):
    """Make PostgreSQL's planner know the demo's tables for the size they have in this test.

    Each test's rows are rolled back, so autovacuum finds tables of dead rows and records them as
    empty over their pages (`reltuples` 0). The planner then takes every table for one row and
    nests scans inside scans: a member's page of the demo took 20 s to 100 s instead of 2 s. When
    a table the test restored is recorded at less than half its rows, ANALYZE it: it sees the
    test's own rows, and the sizes it records stay after the rollback. Tables of a few rows are
    left: no plan of theirs is slow."""
    sizable = {table: n for table, n in restored.items() if n >= 100}
    cursor.execute(
        "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [list(sizable)]
    )
    stale = [table for table, tuples in cursor.fetchall() if tuples < sizable[table] / 2]
    if stale:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in stale))


@pytest.fixture
def demo(db, demo_snapshot):
    """The reference organization as `load_demo` writes it (restored from the session's run)."""
    return _restore(demo_snapshot)


@pytest.fixture(scope="session")
def _migrated_sqlite_template(tmp_path_factory, worker_id):
    """A SQLite file that `manage.py migrate` brought to this version's schema, made once per
    test run: the migrations take some fifteen seconds of CPU, and the tests that need a real
    database file for other processes only differ in what they do after them. The xdist
    workers share it (one makes it under a lock, the others wait for it)."""
    from dangvu.tests.processes import run, sqlite_env

    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent  # the run's folder, not a past run's
    template = shared / "migrated.sqlite3"
    with open(shared / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            making = shared / "migrating.sqlite3"
            # The database cache's table is made by migrate only when no file cache is set.
            env = {**sqlite_env(making), "DANGVU_VAR_DIR": str(shared / "migrating-var")}
            env.pop("DANGVU_CACHE_DIR", None)
            run(env, "manage.py", "migrate", "-v", "0")
            # Everything in the main file (WAL mode), so that one file is a whole copy.
            with sqlite3.connect(making) as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            making.rename(template)
    return template


@pytest.fixture
def migrated_sqlite(_migrated_sqlite_template, tmp_path):
    """A fresh, migrated SQLite file of this test's own, for processes started by the test."""
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(_migrated_sqlite_template, path)
    return path


@pytest.fixture
def login(client):
    """Log the test client in as a demo user: `login("vanphong")`."""

    def _login(username):
        client.logout()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        return client

    return _login


@pytest.fixture
def live_demo(transactional_db, live_server, demo_snapshot):
    """The demo data behind a live server, for browser tests."""
    _restore(demo_snapshot)
    return live_server


@pytest.fixture
def page(live_demo):
    """A Chromium page (Debian's /usr/bin/chromium driven by Playwright); skipped if absent."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
    # are still synchronous, so Django's async guard does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="vi-VN")
        pg = context.new_page()
        pg.set_default_timeout(15000)
        yield pg
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_login(page, live_demo):
    """Log the browser page in as a demo user through the login form."""

    def _login(username):
        page.goto(f"{live_demo.url}/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return _login
