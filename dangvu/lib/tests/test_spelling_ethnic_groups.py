"""The names of Vietnam's 54 ethnic groups are proper names, never slips: in a list, opening a
sentence, hyphenated or in a heading (rules/lexicon/ethnic-groups.txt, the General Statistics
Office's list)."""

import pytest

from dangvu.lib import spelling
from dangvu.lib.checker import check_markdown

needs_dictionary = pytest.mark.skipif(
    spelling.syllables() is None,
    reason="hunspell-vi is not installed (apt-get install hunspell-vi)",
)

GROUPS = spelling.ethnic_group_names()
NAMES = sorted({name for group in GROUPS for name in group})


def _spelling(text: str) -> list:
    return [f for f in check_markdown(text) if f.code == "spelling"]


def test_the_list_holds_the_54_groups_of_the_official_list():
    assert len(GROUPS) == 54
    official = [group[0] for group in GROUPS]
    assert len(set(official)) == 54
    assert {"Kinh", "Brâu", "Rơ Măm", "Ơ Đu", "Lô Lô", "Pu Péo"} <= set(official)


@needs_dictionary
def test_a_list_of_every_group_gives_no_finding():
    listed = ", ".join(group[0] for group in GROUPS)
    text = f"Trên địa bàn tỉnh có đồng bào các dân tộc {listed} cùng sinh sống.\n"
    assert _spelling(text) == []


@needs_dictionary
@pytest.mark.parametrize("name", NAMES)
def test_every_name_opening_a_sentence_or_in_a_list_is_taken(name):
    text = (
        f"{name}, Kinh và Hoa là các dân tộc trên địa bàn.\n"
        f"Chi bộ có 3 đảng viên là người {name}; hộ {name} được hỗ trợ.\n"
        f"CÁC DÂN TỘC {name.upper()} VÀ KINH\n"
    )
    assert _spelling(text) == []


@needs_dictionary
def test_names_written_with_hyphens_joined_or_other_apostrophes_are_taken():
    text = (
        "Đồng bào Ê-đê, Ba-na, Gia-rai, Xơ-đăng, Cơ-ho, Khơ-me, Rơ-măm, Ơ-đu, Chơ-ro, Brâu.\n"
        "Brâu, LôLô, H’Mông, M’Nông và X’tiêng có người tham gia sinh hoạt.\n"
    )
    assert _spelling(text) == []


@needs_dictionary
def test_lo_lo_is_a_name_not_a_doubled_word():
    assert _spelling("Dân tộc Lô Lô ở Hà Giang và Cao Bằng.\n") == []


@needs_dictionary
def test_slips_beside_a_name_are_still_found():
    findings = _spelling("Đồng bào Brâu thực hiền tốt của của các chủ trương.\n")
    assert {f.problem.split("“")[1].split("”")[0] for f in findings} == {"thực hiền", "của của"}


@needs_dictionary
def test_a_name_in_lower_case_is_no_name():
    # "brâu" in lower case inside a sentence is not the group's name: still not Vietnamese.
    assert _spelling("Cán bộ đã brâu nhiệm vụ được giao.\n") != []
