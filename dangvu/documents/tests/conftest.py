import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.orgs import actions as org_actions
from dangvu.orgs.models import Organization

K = Organization.Kind


@pytest.fixture
def orgs(db):
    """A superior committee (ĐUK), a grassroots committee (ĐU) with its 2015-2020 term, a cell
    and an agency (STTTT): enough for the registry without the whole demo."""
    superior = org_actions.create_org(
        None,
        kind=K.SUPERIOR_COMMITTEE,
        name="Đảng ủy Khối các cơ quan tỉnh Trà Vinh",
        slug="duk",
        valid_from=dt.date(2008, 1, 1),
        symbol="ĐUK",
    )
    committee = org_actions.create_org(
        None,
        kind=K.PARTY_COMMITTEE,
        name="Đảng bộ Sở Thông tin và Truyền thông",
        slug="du",
        parent=superior,
        valid_from=dt.date(2014, 4, 24),
        symbol="ĐU",
    )
    cell = org_actions.create_org(
        None,
        kind=K.PARTY_CELL,
        name="Chi bộ 1",
        slug="cb1",
        parent=committee,
        valid_from=dt.date(2014, 4, 24),
    )
    agency = org_actions.create_org(
        None,
        kind=K.AGENCY,
        name="Sở Thông tin và Truyền thông",
        slug="sttt",
        parent=committee,
        valid_from=dt.date(2014, 4, 24),
        symbol="STTTT",
    )
    term = org_actions.open_term(
        None,
        committee,
        name="2015-2020",
        valid_from=dt.date(2015, 6, 20),
        valid_to=dt.date(2020, 7, 1),
    )
    return SimpleNamespace(
        superior=superior, committee=committee, cell=cell, agency=agency, term=term
    )
