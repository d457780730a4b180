"""The organization tree, read in one query and walked in memory.

A province has hundreds of organizations, not millions, so one query and a dict beat recursive SQL
and work the same on SQLite and PostgreSQL.
"""

from collections import defaultdict

from .models import Organization

KIND_ORDER = list(Organization.Kind.values)


def children_map():
    children = defaultdict(list)
    for org_id, parent_id in Organization.objects.values_list("id", "parent_id"):
        children[parent_id].append(org_id)
    return children


def subtree_ids(root_ids, children=None):
    """Ids of the given organizations and everything below them, at any date.

    Without `children` (the whole tree, for callers that walk it many times) the subtree is read
    one level at a time, one query per level: what it costs grows with the subtree, not with the
    province (a cell secretary's request reads two rows, not the organization table)."""
    if children is None:
        seen = set(root_ids)
        level = set(root_ids)
        while level:
            below = set(
                Organization.objects.filter(parent_id__in=level).values_list("id", flat=True)
            )
            level = below - seen
            seen |= level
        return seen
    seen, stack = set(), list(root_ids)
    while stack:
        org_id = stack.pop()
        if org_id in seen:
            continue
        seen.add(org_id)
        stack.extend(children.get(org_id, ()))
    return seen


def subtree(root, day=None):
    """The organizations of `root`'s subtree (itself included), those active on `day` if given."""
    orgs = Organization.objects.filter(id__in=subtree_ids([root.id]))
    if day is not None:
        orgs = [o for o in orgs if o.is_active_on(day)]
    return list(orgs)


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
