"""The organization tree: a subtree read by one recursive query (WITH RECURSIVE, the same on
SQLite and PostgreSQL), or the whole tree read once and walked in memory by callers that walk it
many times.
"""

from collections import defaultdict

from django.db import connection
from django.db.models.expressions import RawSQL

from dangvu.core.ids import any_of
from dangvu.core.memo import within_scope

from .models import Organization, held_through, same_system_unit_ids

KIND_ORDER = list(Organization.Kind.values)


def children_map():
    children = defaultdict(list)
    for org_id, parent_id in Organization.objects.values_list("id", "parent_id"):
        children[parent_id].append(org_id)
    return children


def subtree_sql(root_ids, with_parent=False):
    """(sql, params) of a SELECT of the ids of `root_ids`' subtrees (WITH RECURSIVE, the same on
    SQLite and PostgreSQL), usable inside `id__in=RawSQL(...)`; `with_parent` adds the roots'
    parents."""
    root_ids = [int(i) for i in root_ids] or [0]
    table = connection.ops.quote_name(Organization._meta.db_table)
    marks = ", ".join(["%s"] * len(root_ids))
    sql = (
        f"WITH RECURSIVE sub(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
        f"UNION SELECT o.id FROM {table} o JOIN sub ON o.parent_id = sub.id) "
        "SELECT id FROM sub"
    )
    params = list(root_ids)
    if with_parent:
        sql += (
            f" UNION SELECT parent_id FROM {table} WHERE id IN ({marks}) AND parent_id IS NOT NULL"
        )
        params += root_ids
    return sql, params


@within_scope
def subtree_ids(root_ids, children=None):
    """Ids of the given organizations and everything below them, at any date.

    Without `children` (the whole tree, for callers that walk it many times) the subtree is read
    by one recursive query: what it costs grows with the subtree, not with the province (a cell
    secretary's request reads two rows, not the organization table)."""
    if children is None:
        sql, params = subtree_sql(root_ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {row[0] for row in cursor.fetchall()}
    seen, stack = set(), list(root_ids)
    while stack:
        org_id = stack.pop()
        if org_id in seen:
            continue
        seen.add(org_id)
        stack.extend(children.get(org_id, ()))
    return seen


def with_ancestors(org_ids):
    """Ids of the given organizations and of every organization above them, by one recursive
    query going up: what it reads grows with `org_ids`, not with the province (a cell
    secretary's request had read the 9.021 rows of the organization table to find two)."""
    if not org_ids:
        return set()
    seeds = any_of(org_ids)
    table = connection.ops.quote_name(Organization._meta.db_table)
    sql = (
        f"WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM {table} "
        f"WHERE id IN ({seeds.sql}) "
        # Each step looks its parents up by primary key: a join here is planned as a scan of
        # the whole table per level.
        f"UNION SELECT up.parent_id, (SELECT o.parent_id FROM {table} o WHERE o.id = up.parent_id) "
        "FROM up WHERE up.parent_id IS NOT NULL) "
        "SELECT id FROM up"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, seeds.params)
        return {row[0] for row in cursor.fetchall()}


@within_scope
def subtree_ids_during(root_ids, start, end):
    """Ids of the subtree's organizations that existed at some time from `start` to `end`, in
    one query: a period's figures count nothing of an organization dissolved before the period
    began (a meeting it had planned for later) or founded after it ended."""
    return list(
        Organization.objects.filter(
            held_through(start, end), id__in=RawSQL(*subtree_sql(root_ids))
        ).values_list("id", flat=True)
    )


def union_subtree_ids_during(org, start, end):
    """Ids of a mass organization's whole subtree at some time from `start` to `end`, as a Party
    committee's holds its cells: itself and the units recorded under it in its own system (a
    Đoàn cơ sở's chi đoàn, a grassroots union's công đoàn bộ phận and tổ công đoàn), which stand
    in the tree under the Party organizations that lead them (`SameSystemSuperior`), with what
    the tree holds under each."""
    return subtree_ids_during(list(same_system_unit_ids(org, start, end)), start, end)


@within_scope
def subtree(root, day=None):
    """The organizations of `root`'s subtree (itself included), those active on `day` if given."""
    orgs = Organization.objects.filter(id__in=subtree_ids([root.id]))
    if day is not None:
        orgs = [o for o in orgs if o.is_active_on(day)]
    return list(orgs)


def place_of(org):
    """The place a Party document of `org` is dated at: its own, or that of the nearest
    organization above it that has one ("" when none has)."""
    while org is not None:
        if org.place:
            return org.place
        org = org.parent
    return ""


def nested(orgs):
    """[(org, depth)] in tree order, for the organization tree page."""
    by_parent = defaultdict(list)
    ids = {o.id for o in orgs}
    for o in orgs:
        by_parent[o.parent_id if o.parent_id in ids else None].append(o)
    out = []

    def walk(parent_id, depth):
        for o in sorted(
            by_parent.get(parent_id, []), key=lambda o: (KIND_ORDER.index(o.kind), o.name)
        ):
            out.append((o, depth))
            walk(o.id, depth + 1)

    walk(None, 0)
    return out
