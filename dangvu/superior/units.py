"""The grassroots units under a superior committee, found in one read of the organization tree.

A grassroots unit (tổ chức cơ sở đảng) is a đảng bộ cơ sở, or a chi bộ cơ sở: a cell standing
directly under a superior committee. A superior's subtree is walked down through any superior
committees below it until a grassroots unit is met; everything under a unit belongs to it.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL

from dangvu.orgs.models import Organization, OrganizationName, active_on
from dangvu.orgs.tree import subtree_sql

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
    read the province's organization table."""

    def __init__(self, root_id=None):
        rows = Organization.objects.values_list(
            "id", "parent_id", "kind", "slug", "name", "valid_from", "valid_to"
        ).order_by()
        if root_id is not None:  # still one query
            rows = rows.filter(id__in=RawSQL(*subtree_sql([root_id], with_parent=True)))
        self.nodes = {r[0]: Node(*r) for r in rows}
        self.children = defaultdict(list)
        for node in self.nodes.values():
            self.children[node.parent_id].append(node.id)

    def below(self, root_id, day=None):
        """Ids of `root_id` and everything under it (active on `day` when given: an inactive
        organization is left out but its active descendants are kept, as `orgs.tree.subtree`)."""
        seen, stack = set(), [root_id]
        while stack:
            org_id = stack.pop()
            if org_id in seen:
                continue
            seen.add(org_id)
            stack.extend(self.children.get(org_id, ()))
        if day is None:
            return seen
        return {i for i in seen if self.nodes[i].active_on(day)}

    def is_grassroots(self, node):
        parent = self.nodes.get(node.parent_id)
        return is_grassroots(node.kind, parent.kind if parent is not None else None)

    def units(self, root_id, day):
        """The grassroots units reporting to `root_id` on `day`, in name order. A grassroots
        organization is its own one unit (its office sees the same page for itself)."""
        root = self.nodes[root_id]
        if self.is_grassroots(root):
            return [root] if root.active_on(day) else []
        found, stack = [], list(self.children.get(root_id, ()))
        while stack:
            node = self.nodes[stack.pop()]
            if self.is_grassroots(node):
                if node.active_on(day):
                    found.append(node)
            elif node.kind == K.SUPERIOR_COMMITTEE:
                stack.extend(self.children.get(node.id, ()))
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


# `Tree.units` as one recursive query: the children of the root and of every superior committee
# met on the way down; a grassroots unit is not walked into. Only the superior committees'
# children are read, not the whole subtree (a page of a province's thousand units).
UNITS_SQL = """
WITH RECURSIVE walk(id, kind, parent_kind) AS (
    SELECT id, kind, (SELECT kind FROM {table} WHERE id = %s) FROM {table} WHERE parent_id = %s
    UNION ALL
    SELECT o.id, o.kind, walk.kind FROM {table} o JOIN walk ON o.parent_id = walk.id
    WHERE walk.kind = %s
)
SELECT id FROM walk WHERE kind = %s OR (kind = %s AND parent_kind = %s)
"""


def units_query(root, day):
    """The grassroots units reporting to `root` on `day`, in name order (as `Tree.units`), as a
    query: a page of a province's thousand units reads its own fifty."""
    parent_kind = root.parent.kind if root.parent_id is not None else None
    if is_grassroots(root.kind, parent_kind):
        ids = [root.id]  # a grassroots organization is its own one unit
    else:
        table = connection.ops.quote_name(Organization._meta.db_table)
        sup = K.SUPERIOR_COMMITTEE
        params = (root.id, root.id, sup, K.PARTY_COMMITTEE, K.PARTY_CELL, sup)
        ids = RawSQL(UNITS_SQL.format(table=table), params)
    return Organization.objects.filter(active_on(day), id__in=ids).order_by("name", "id")


def orgs_with_names(ids, day):
    """{id: (Organization, its name on `day`)} in two queries (`Organization.name_on` with a
    prefetch costs a filter per organization, which shows at province scale)."""
    orgs = Organization.objects.in_bulk(list(ids))
    names = names_on(ids, day)
    return {i: (o, names.get(i, o.name)) for i, o in orgs.items()}


def names_on(ids, day):
    """{id: name on `day`} of the organizations of `ids` whose names are dated, in one query:
    one left out is called by its own `name`."""
    names = {}
    for org_id, name in (
        OrganizationName.objects.filter(organization_id__in=list(ids), valid_from__lte=day)
        .order_by("organization_id", "valid_from")
        .values_list("organization_id", "name")
    ):
        names[org_id] = name
    return names
