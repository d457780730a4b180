"""The grassroots units under a superior committee, found in one read of the organization tree.

A grassroots unit (tổ chức cơ sở đảng) is a đảng bộ cơ sở, or a chi bộ cơ sở: a cell standing
directly under a superior committee. A superior's subtree is walked down through any superior
committees below it until a grassroots unit is met; everything under a unit belongs to it.
The tree is walked as it stood on the day asked: an organization moved to another superior
(`orgs.OrganizationMove`) belongs to its former superior before the move and to the new one
from the move's day.
"""

import bisect
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

from dangvu.core.ids import any_of
from dangvu.orgs.models import (
    Organization,
    OrganizationMove,
    OrganizationName,
    active_on,
    after_moves,
    parent_on,
)
from dangvu.orgs.tree import subtree_ids, subtree_sql

K = Organization.Kind


def is_grassroots(kind, parent_kind):
    """A party committee, or a party cell standing directly under a superior committee (or under
    nothing): the organizations that report as units."""
    return kind == K.PARTY_COMMITTEE or (
        kind == K.PARTY_CELL and parent_kind in (None, K.SUPERIOR_COMMITTEE)
    )


@dataclass(frozen=True)
class Node:
    id: int
    parent_id: int | None
    kind: str
    slug: str
    name: str
    valid_from: object
    valid_to: object

    def active_on(self, day):
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Tree:
    """Every organization, read in one query; walked in memory. With `root_id`, only that
    organization's subtree and its parent (read level by level): one committee's pages do not
    read the province's organization table. Organizations moved into or out of the subtree
    (`OrganizationMove`: a few a year) are read too, with their subtrees and former parents, so
    that the tree of any day can be walked."""

    def __init__(self, root_id=None):
        rows = Organization.objects.values_list(
            "id", "parent_id", "kind", "slug", "name", "valid_from", "valid_to"
        ).order_by()
        self.nodes = {}
        self.moves = defaultdict(list)  # {org id: [(day, previous parent, new parent)]}
        if root_id is None:
            self._read(rows)
            for org_id, day, previous, parent in OrganizationMove.objects.order_by(
                "organization_id", "valid_from"
            ).values_list("organization_id", "valid_from", "previous_id", "parent_id"):
                self.moves[org_id].append((day, previous, parent))
        else:  # one query, and one for the moves (more only when a unit moved out)
            self._read(rows.filter(id__in=RawSQL(*subtree_sql([root_id], with_parent=True))))
            self._read_moves(rows, walked=set(self.nodes) - {self.nodes[root_id].parent_id})
        self.children = defaultdict(list)
        for node in self.nodes.values():
            self.children[node.parent_id].append(node.id)
        # Every organization that stood under another at some time, for `below` without a day.
        self.ever_children = defaultdict(set)
        for node in self.nodes.values():
            self.ever_children[node.parent_id].add(node.id)
        for org_id, moves in self.moves.items():
            for _day, previous, _parent in moves:
                self.ever_children[previous].add(org_id)
        self._children_on = {}
        self._change_days = None

    def _read(self, rows):
        self.nodes.update((r[0], Node(*r)) for r in rows)

    def _read_moves(self, rows, walked):
        """Read the moves into, out of and within the `walked` organizations; an organization
        moved out is read with its subtree (and the moves of those, in turn), a parent outside
        alone (for its kind)."""
        while True:
            ids = any_of(walked)  # a province's subtree: no parameter per id
            moves = OrganizationMove.objects.filter(
                Q(organization_id__in=ids) | Q(previous_id__in=ids) | Q(parent_id__in=ids)
            ).order_by("organization_id", "valid_from")
            self.moves.clear()
            moved_out, parents = set(), set()
            for org_id, day, previous, parent in moves.values_list(
                "organization_id", "valid_from", "previous_id", "parent_id"
            ):
                self.moves[org_id].append((day, previous, parent))
                moved_out.add(org_id)
                parents |= {previous, parent}
            moved_out -= walked
            if parents - {None} - set(self.nodes):
                self._read(rows.filter(id__in=list(parents - {None} - set(self.nodes))))
            if not moved_out:
                return
            before = set(self.nodes)
            self._read(rows.filter(id__in=RawSQL(*subtree_sql(sorted(moved_out)))))
            walked |= moved_out | (set(self.nodes) - before)

    def shape_on(self, day):
        """A key equal for two days on which the tree stands alike (the same organizations
        active, each under the same parent): the number of days up to `day` on which an
        organization read starts, ends or moves. Figures of a tree walked for every day of a
        year (each member's changes) are walked once per shape, not once per day: a province's
        thousand units times a year's days is millions of steps."""
        if self._change_days is None:
            days = {n.valid_from for n in self.nodes.values()}
            days |= {n.valid_to for n in self.nodes.values()}
            days |= self.move_days(self.moves)
            self._change_days = sorted(d for d in days if d is not None)
        return bisect.bisect_right(self._change_days, day)

    def parent_on(self, org_id, day):
        """The parent of `org_id` on `day`, after its moves (`orgs.models.parent_on`)."""
        return after_moves(self.moves.get(org_id, ()), self.nodes[org_id].parent_id, day)

    def children_on(self, day):
        """{parent id: child ids} of the tree as it stood on `day` (moves applied)."""
        shape = self.shape_on(day)
        if shape not in self._children_on:
            children = self.children
            if self.moves:
                children = defaultdict(list, {k: list(v) for k, v in self.children.items()})
                for org_id in self.moves:
                    now, then = self.nodes[org_id].parent_id, self.parent_on(org_id, day)
                    if now != then:
                        children[now].remove(org_id)
                        children[then].append(org_id)
            self._children_on[shape] = children
        return self._children_on[shape]

    def below(self, root_id, day=None):
        """Ids of `root_id` and everything under it (active on `day` when given: an inactive
        organization is left out but its active descendants are kept, as `orgs.tree.subtree`).
        Without a day, everything that stood under it at any time."""
        children = self.ever_children if day is None else self.children_on(day)
        seen = subtree_ids([root_id], children)
        if day is None:
            return seen
        return {i for i in seen if self.nodes[i].active_on(day)}

    def move_days(self, org_ids):
        """The days any of `org_ids` moved to another parent."""
        return {day for org_id in org_ids for day, _p, _n in self.moves.get(org_id, ())}

    def is_grassroots(self, node, day=None):
        parent_id = node.parent_id if day is None else self.parent_on(node.id, day)
        parent = self.nodes.get(parent_id)
        return is_grassroots(node.kind, parent.kind if parent is not None else None)

    def units(self, root_id, day):
        """The grassroots units reporting to `root_id` on `day`, in name order. A grassroots
        organization is its own one unit (its office sees the same page for itself)."""
        root = self.nodes[root_id]
        if self.is_grassroots(root, day):
            return [root] if root.active_on(day) else []
        children = self.children_on(day)
        found, stack = [], list(children.get(root_id, ()))
        while stack:
            node = self.nodes[stack.pop()]
            if self.is_grassroots(node, day):
                if node.active_on(day):
                    found.append(node)
            elif node.kind == K.SUPERIOR_COMMITTEE:
                stack.extend(children.get(node.id, ()))
        return sorted(found, key=lambda n: (n.name, n.id))

    def cells(self, unit_id, day):
        """The party cells of a grassroots committee active on `day` (a cell unit: itself)."""
        unit = self.nodes[unit_id]
        if unit.kind == K.PARTY_CELL:
            return [unit]
        return sorted(
            (self.nodes[i] for i in self.below(unit_id, day) if self.nodes[i].kind == K.PARTY_CELL),
            key=lambda n: (n.name, n.id),
        )


# `Tree.units` as one recursive query over the tree as it stood on the day: the children of the
# root and of every superior committee met on the way down; a grassroots unit is not walked into.
# Only the superior committees' children are read, not the whole subtree (a page of a province's
# thousand units). `moved` is the parent on the day of each organization that has moves (the
# rule of `orgs.models.after_moves`: the parent of the last move begun by then, else the first
# move's previous parent); every other organization stands under its `parent_id`. `edges` is
# not materialized, so each step looks children up by the index on `parent_id`.
UNITS_SQL = """
WITH RECURSIVE moved(id, parent_id) AS (
    SELECT m.organization_id, m.parent_id FROM {moves} m
    WHERE m.valid_from <= %s AND NOT EXISTS (
        SELECT 1 FROM {moves} later WHERE later.organization_id = m.organization_id
        AND later.valid_from > m.valid_from AND later.valid_from <= %s)
    UNION ALL
    SELECT m.organization_id, m.previous_id FROM {moves} m
    WHERE m.valid_from > %s AND NOT EXISTS (
        SELECT 1 FROM {moves} earlier WHERE earlier.organization_id = m.organization_id
        AND earlier.valid_from < m.valid_from)
),
edges(id, parent_id, kind) AS NOT MATERIALIZED (
    SELECT o.id, o.parent_id, o.kind FROM {table} o
    WHERE o.id NOT IN (SELECT id FROM moved)
    UNION ALL
    SELECT o.id, moved.parent_id, o.kind FROM moved JOIN {table} o ON o.id = moved.id
),
walk(id, kind, parent_kind) AS (
    SELECT id, kind, (SELECT kind FROM {table} WHERE id = %s) FROM edges WHERE parent_id = %s
    UNION ALL
    SELECT e.id, e.kind, walk.kind FROM edges e JOIN walk ON e.parent_id = walk.id
    WHERE walk.kind = %s
)
SELECT id FROM walk WHERE kind = %s OR (kind = %s AND parent_kind = %s)
"""


def units_query(root, day):
    """The grassroots units reporting to `root` on `day`, in name order (as `Tree.units`), as a
    query: a page of a province's thousand units reads its own fifty, on any day, moves
    (`OrganizationMove`) applied."""
    parent = parent_on(root, day)
    if is_grassroots(root.kind, parent.kind if parent is not None else None):
        ids = [root.id]  # a grassroots organization is its own one unit
    else:
        quote = connection.ops.quote_name
        sql = UNITS_SQL.format(
            table=quote(Organization._meta.db_table),
            moves=quote(OrganizationMove._meta.db_table),
        )
        sup = K.SUPERIOR_COMMITTEE
        params = (day, day, day, root.id, root.id, sup, K.PARTY_COMMITTEE, K.PARTY_CELL, sup)
        ids = RawSQL(sql, params)
    return Organization.objects.filter(active_on(day), id__in=ids).order_by("name", "id")


def orgs_with_names(ids, day):
    """{id: (Organization, its name on `day`)} in two queries (`Organization.name_on` with a
    prefetch costs a filter per organization, which shows at province scale)."""
    ids = list(ids)  # a province's units: one subquery, not a parameter per id (`any_of`)
    orgs = {org.id: org for org in Organization.objects.filter(id__in=any_of(ids))}
    names = names_on(ids, day)
    return {i: (o, names.get(i, o.name)) for i, o in orgs.items()}


def names_on(ids, day):
    """{id: name on `day`} of the organizations of `ids` whose names are dated, in one query:
    one left out is called by its own `name`."""
    names = {}
    for org_id, name in (
        OrganizationName.objects.filter(organization_id__in=any_of(ids), valid_from__lte=day)
        .order_by("organization_id", "valid_from")
        .values_list("organization_id", "name")
    ):
        names[org_id] = name
    return names
