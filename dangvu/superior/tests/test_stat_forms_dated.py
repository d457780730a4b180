"""The grouped counts of the statistical forms read each dated record on its day: a diploma
obtained after the day does not count yet, a level superseded by a higher one held no longer
counts, a youth union membership, an exemption or a suspension counts on the days it holds,
a review in its year. Invented organization: a grassroots committee of one cell, five members
whose records are placed on and next to the forms' two days; the figures expected are read
from those records as placed (the names say them). And the forms of 31 December count the
members of the previous 31 December (the opening figure, and the last day of the previous
year's period) once: no query of the forms runs twice."""

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.orgs.actions import create_org
from dangvu.orgs.models import Organization
from dangvu.people import actions
from dangvu.people.models import Exemption, Membership, Qualification, Suspension
from dangvu.review.models import Evaluation
from dangvu.superior import statforms
from dangvu.superior.consolidate import period_to
from dangvu.superior.units import Tree

pytestmark = pytest.mark.django_db
K = Organization.Kind
EDU, POL = Qualification.Kind.EDUCATION, Qualification.Kind.POLITICAL_THEORY
START = dt.date(2015, 1, 1)
DAY = dt.date(2024, 12, 31)  # the forms' day; the previous period ends on LAST
LAST = dt.date(2023, 12, 31)
ONE = dt.timedelta(days=1)


@pytest.fixture
def committee(db):
    committee = create_org(
        None, kind=K.PARTY_COMMITTEE, name="Đảng bộ Cảng cá Vàm Láng", valid_from=START
    )
    cell = create_org(
        None, kind=K.PARTY_CELL, name="Chi bộ Bến cá", parent=committee, valid_from=START
    )
    union = create_org(
        None, kind=K.YOUTH_UNION, name="Đoàn cơ sở Cảng cá", parent=committee, valid_from=START
    )

    def member(name):
        person = actions.create_person(None, home_org=cell, full_name=name, gender="male")
        actions.transfer_in(
            None,
            person,
            cell,
            START,
            admitted_on=dt.date(2010, 5, 1),
            official_on=dt.date(2011, 5, 1),
        )
        return person

    def diploma(person, kind, level, on):
        Qualification.objects.create(person=person, kind=kind, level=level, obtained_on=on)

    # A master's degree; a doctorate the day after the forms' day.
    an = member("Thạc sĩ An, tiến sĩ sau ngày lập biểu, đoàn viên đến ngày lập biểu")
    diploma(an, EDU, "master", dt.date(2020, 6, 1))
    diploma(an, EDU, "doctor", DAY + ONE)
    Membership.objects.create(
        person=an, org=union, kind=Membership.Kind.YOUTH_UNION, valid_from=START, valid_to=DAY
    )
    # A bachelor's degree superseded by a master's during the year; elementary political theory
    # superseded by advanced during the year.
    binh = member("Cử nhân rồi thạc sĩ Bình, sơ cấp rồi cao cấp, đoàn viên")
    diploma(binh, EDU, "bachelor", dt.date(2008, 7, 1))
    diploma(binh, EDU, "master", dt.date(2024, 3, 1))
    diploma(binh, POL, "elementary", None)
    diploma(binh, POL, "advanced", dt.date(2024, 9, 1))
    Membership.objects.create(
        person=binh, org=union, kind=Membership.Kind.YOUTH_UNION, valid_from=START
    )
    # A doctorate obtained on the forms' day; exempt from the day after.
    cuong = member("Tiến sĩ Cường từ ngày lập biểu, miễn sinh hoạt từ hôm sau")
    diploma(cuong, EDU, "doctor", DAY)
    Exemption.objects.create(person=cuong, valid_from=DAY + ONE, reason="Sức khỏe")
    # A college diploma without a date; exempt during the year, from its first day.
    dung = member("Cao đẳng Dũng, miễn sinh hoạt từ đầu năm")
    diploma(dung, EDU, "college", None)
    Exemption.objects.create(person=dung, valid_from=LAST + ONE, reason="Tuổi cao")
    # No diploma; suspended until the forms' day; reviewed in the previous year only.
    em = member("Em, đình chỉ đến ngày lập biểu, đánh giá năm trước")
    Suspension.objects.create(
        person=em, decision="Quyết định đình chỉ", valid_from=dt.date(2023, 6, 1), valid_to=DAY
    )
    Evaluation.objects.create(
        org=committee,
        year=LAST.year,
        subject_person=em,
        band="good",
        rule_source="x",
        evaluated_on=LAST,
    )
    Evaluation.objects.create(
        org=committee,
        year=DAY.year,
        subject_person=an,
        band="good",
        rule_source="x",
        evaluated_on=DAY,
    )
    return committee, {"an": an, "binh": binh, "cuong": cuong, "dung": dung, "em": em}


# {attribute: {value: the members holding it}} on each day, as the records above are placed.
EXPECTED = {
    DAY: {
        "professional": {
            "master": {"an", "binh"},
            "doctor": {"cuong"},
            "college": {"dung"},
            "none": {"em"},
        },
        "political": {"advanced": {"binh"}, "none": {"an", "cuong", "dung", "em"}},
        "youth_union": {"1": {"binh"}, "0": {"an", "cuong", "dung", "em"}},
        "exempt": {"1": {"dung"}, "0": {"an", "binh", "cuong", "em"}},
        "suspended": {"0": {"an", "binh", "cuong", "dung", "em"}},
        "reviewed": {"1": {"an"}, "0": {"binh", "cuong", "dung", "em"}},
    },
    LAST: {
        "professional": {
            "master": {"an"},
            "bachelor": {"binh"},
            "college": {"dung"},
            "none": {"cuong", "em"},
        },
        "political": {"elementary": {"binh"}, "none": {"an", "cuong", "dung", "em"}},
        "youth_union": {"1": {"an", "binh"}, "0": {"cuong", "dung", "em"}},
        "exempt": {"0": {"an", "binh", "cuong", "dung", "em"}},
        "suspended": {"1": {"em"}, "0": {"an", "binh", "cuong", "dung"}},
        "reviewed": {"1": {"em"}, "0": {"an", "binh", "cuong", "dung"}},
    },
}


@pytest.mark.parametrize("day", [DAY, LAST])
def test_grouped_counts_read_each_dated_record_on_its_day(committee, day):
    root, people = committee
    records = statforms.Records(root, period_to(day))
    for attr, by_value in EXPECTED[day].items():
        counted = records.tally("end", (attr,))
        assert counted == {(value,): len(names) for value, names in by_value.items()}, attr
        for value, names in by_value.items():
            # The drill-down lists the same members, asked member by member.
            ids = records.member_ids("end", [[attr, value]])
            assert ids == sorted(people[n].id for n in names), (attr, value)
    # Two dated attributes together, as the rows of 6-BTCTW combine them.
    value_of = {
        attr: {name: value for value, names in by_value.items() for name in names}
        for attr, by_value in EXPECTED[day].items()
    }
    pairs = Counter((value_of["reviewed"][n], value_of["exempt"][n]) for n in people)
    assert records.tally("end", ("reviewed", "exempt")) == pairs


def test_the_forms_count_the_previous_31_december_once(committee):
    root, _people = committee
    with CaptureQueriesContext(connection) as captured:
        forms = statforms.compute(root, DAY, Tree(root.id))
    queries = [q["sql"] for q in captured.captured_queries]
    assert len(queries) == len(set(queries))
    one = {ln.key: ln.values for ln in forms.sheet("1-BTCTW").lines}
    # The members at the start of this period are those at the end of the previous one.
    assert one["A"][0] == one["D"][1] == 5
