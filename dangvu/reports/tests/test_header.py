"""Header lines per Hướng dẫn 36-HD/VPTW (03/4/2018): the party organization directly above on
the first line, the issuing body in bold below it, long names broken where an office breaks them."""

import pytest

from dangvu.orgs.models import Organization
from dangvu.reports.outputs import rendered
from dangvu.reports.render import break_name, to_markdown
from dangvu.reports.unsaved import unsaved_draft


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"]),
        ("ĐẢNG ỦY SỞ THÔNG TIN VÀ TRUYỀN THÔNG", ["ĐẢNG ỦY SỞ THÔNG TIN", "VÀ TRUYỀN THÔNG"]),
        (
            "ĐẢNG ỦY SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
            ["ĐẢNG ỦY SỞ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"],
        ),
        (
            "ĐẢNG BỘ TRƯỜNG CAO ĐẲNG Y TẾ TỈNH TRÀ VINH",
            ["ĐẢNG BỘ TRƯỜNG CAO ĐẲNG Y TẾ", "TỈNH TRÀ VINH"],
        ),
        # No phrase word where both lines fit: the most even break.
        (
            "CHI BỘ CÔNG TY CỔ PHẦN CẤP THOÁT NƯỚC BẾN TRE",
            ["CHI BỘ CÔNG TY CỔ PHẦN", "CẤP THOÁT NƯỚC BẾN TRE"],
        ),
    ],
)
def test_long_names_break_between_phrases(name, lines):
    assert break_name(name).split("\n") == lines


def _head(slug, year=2017, kind="annual", period=""):
    draft = unsaved_draft(Organization.objects.get(slug=slug), year, kind, period)
    md = to_markdown(rendered(draft).document)
    return md.split("\n*\n")[0].split("\n")[2:]


def test_each_kind_of_organization_names_the_one_above(demo):
    # A committee under the Đảng ủy Khối: its đảng bộ, not its executive, on the first line.
    assert _head("so-tttt-tra-vinh") == [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
        "**ĐẢNG ỦY SỞ THÔNG TIN**",
        "**VÀ TRUYỀN THÔNG**",
    ]
    # A cell: the committee's đảng bộ above it, on two lines as offices write it.
    assert _head("so-tttt-chi-bo-2", kind="monthly", period="06") == [
        "ĐẢNG BỘ SỞ THÔNG TIN",
        "VÀ TRUYỀN THÔNG",
        "**CHI BỘ 2**",
    ]
    # The Đảng ủy Khối itself: the province's party organization, the province not repeated.
    assert _head("dang-uy-khoi-cac-co-quan-tra-vinh") == [
        "ĐẢNG BỘ TỈNH TRÀ VINH",
        "**ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH**",
    ]
