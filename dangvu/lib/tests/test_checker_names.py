"""Names are not misspellings (issue 21): names of people, organizations, places and festivals,
and words of the minority languages of Vietnam, never give a blocking finding."""

import pytest

from dangvu.lib import spelling
from dangvu.lib.checker import ERROR, NOTE, check_markdown

needs_dictionary = pytest.mark.skipif(
    spelling.syllables() is None,
    reason="hunspell-vi is not installed (apt-get install hunspell-vi)",
)

# An invented commune of the Mekong delta, one member in eight Khmer: its names and festivals.
COMMUNE_REPORT = """ĐẢNG BỘ XÃ TÂN HÒA
*
Số 12-BC/ĐU

BÁO CÁO
Kết quả công tác xây dựng Đảng năm 2025

I. TÌNH HÌNH CHUNG
Xã có 6 ấp, trong đó ấp Pô Thum và ấp Sóc Ruộng có đông đồng bào Khmer sinh sống. Đảng bộ có
64 đảng viên, trong đó 8 đảng viên là người dân tộc Khmer.

II. KẾT QUẢ
1. Công tác dân vận
Đảng ủy phối hợp với Ban quản trị chùa Kom Pong tổ chức Tết Chôl Chnăm Thmây, lễ Sene Đôlta và
lễ Ok Om Bok an toàn, tiết kiệm. Đồng chí Thạch Sóc Khêl, Bí thư Chi bộ ấp Pô Thum, và đồng chí
Sơn Thị Srây Muôl vận động bà con đóng góp xây dựng nhà văn hóa ấp.
Chnăm Thmây năm nay có 1.200 lượt người tham dự.
2. Đồng bào các dân tộc H'Mông, Tày, Thái, Ê Đê, M'nông đến làm ăn trên địa bàn được hướng dẫn
đăng ký tạm trú; chi bộ ấp mời già làng Y Bhăm Niê dự sinh hoạt.
"""


@needs_dictionary
def test_a_commune_report_naming_khmer_members_and_festivals_has_no_spelling_error():
    findings = check_markdown(COMMUNE_REPORT)
    assert [f for f in findings if f.code == "spelling" and f.severity == ERROR] == []


@needs_dictionary
def test_names_from_the_records_give_no_finding_at_all():
    names = ["Thạch Sóc Khêl", "Sơn Thị Srây Muôl", "Pô Thum", "Chnăm Thmây"]
    findings = check_markdown(COMMUNE_REPORT, known_names=names)
    assert [f for f in findings if f.code == "spelling"] == []


@needs_dictionary
def test_a_word_not_built_like_vietnamese_at_a_sentence_start_is_only_a_note():
    (f,) = [f for f in check_markdown("Đôlta là lễ lớn của đồng bào.") if f.code == "spelling"]
    assert f.severity == NOTE
    assert check_markdown("Đôlta là lễ lớn của đồng bào.", known_names=["Đôlta"]) == []


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    [
        "Cán bộ đi cơ sở để nắm tình hình nhân dn.",  # no vowel: a slip
        "Thực hiện tốt công tác kiểm tra, giám sát xãtân.",  # two syllables joined
        "Chi bộ triển khai nhiệm vuj được giao.",  # a Telex leftover
        "Tổ chức hội nghị quán triệt nghị quyết cho cán bộ, đảng viêm mới.",  # a real syllable
    ],
)
def test_slips_of_vietnamese_words_are_still_errors(text):
    findings = [f for f in check_markdown(text) if f.code == "spelling"]
    assert findings and all(f.severity == ERROR for f in findings), findings


@needs_dictionary
def test_a_misspelt_word_opening_a_sentence_is_still_an_error():
    (f,) = [f for f in check_markdown("Thưc hiện kế hoạch của Đảng ủy.") if f.code == "spelling"]
    assert f.severity == ERROR


@needs_dictionary
def test_a_non_word_inside_a_citation_is_a_slip():
    # Made-up citation: a slipped word in the law's title and one in its date.
    text = "Căn cứ Luật Đầu tư cỗng số 49/2014/QH13 ngảy 18 tháng 6 năm 2014 của Quốc hội.\n"
    slips = [f.excerpt for f in check_markdown(text) if f.code == "spelling"]
    assert len(slips) == 2 and "cỗng" in slips[0] and "ngảy" in slips[1]
    assert [f for f in check_markdown(text.replace("cỗng", "công").replace("ngảy", "ngày"))
            if f.code == "spelling"] == []  # fmt: skip


@needs_dictionary
@pytest.mark.parametrize(
    ("text", "slipped"),
    [
        # Made-up citations: a real-word slip in a law's name and one in an issuer.
        ("Căn cứ Luật Tổ chực chính quyền địa phương ngày 19 tháng 6 năm 2015;", "chực"),
        ("Thực hiện Chỉ thị số 05/CT-TTg ngày 12/3/2019 của Thủ tướng Chính phú về", "phú"),
    ],
)
def test_a_real_word_slip_inside_a_citation_is_a_slip(text, slipped):
    slips = [f.excerpt for f in check_markdown(text) if f.code == "spelling"]
    assert len(slips) == 1 and slipped in slips[0]
    right = {"chực": "chức", "phú": "phủ"}[slipped]
    assert [f for f in check_markdown(text.replace(slipped, right)) if f.code == "spelling"] == []


@needs_dictionary
def test_a_misspelt_type_word_is_reported_once_by_the_citation_reader():
    findings = check_markdown("Thực hiện Chi thị số 19-CT/TU ngày 17/02/2017 của Tỉnh ủy.")
    assert [f.code for f in findings] == ["citation_type_typo"]
