"""The organization tree read by recursive queries gives what walking the whole table gives."""

from dangvu.accounts.scope import scope_for_username
from dangvu.orgs.models import Organization
from dangvu.orgs.tree import with_ancestors


def _walked_up(org_ids):
    parents = dict(Organization.objects.values_list("id", "parent_id"))
    seen = set()
    for org_id in org_ids:
        while org_id is not None and org_id not in seen:
            seen.add(org_id)
            org_id = parents.get(org_id)
    return seen


def test_with_ancestors_is_the_walk_up_the_tree(demo):
    for username in ["vanphong", "bithu1", "captren"]:
        scope = scope_for_username(username)
        walked = _walked_up(scope.read_org_ids)
        assert with_ancestors(scope.read_org_ids) == walked, username
        assert scope.org_ids_and_above == walked, username
    assert scope_for_username("dangvien").org_ids_and_above == set()
    cell = Organization.objects.filter(kind="party_cell").first()
    assert with_ancestors([cell.id]) == _walked_up([cell.id])
    assert len(with_ancestors([cell.id])) > 2  # the cell, its committee and what is above it
    assert with_ancestors([]) == set()
