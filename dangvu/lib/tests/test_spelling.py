"""The spelling engine (dangvu.lib.spelling): non-words, real-word slips, doubled words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.lib import spelling
from dangvu.lib.spelling import find_spelling_slips, known_words

needs_dictionary = pytest.mark.skipif(
    spelling.syllables() is None,
    reason="hunspell-vi is not installed (apt-get install hunspell-vi)",
)


def slips(text, kind=None):
    return [(s.written, s.suggestion) for s in find_spelling_slips(text) if kind in (None, s.kind)]


@pytest.mark.parametrize(
    "text, written, suggestion",
    [
        ("Làm tốt công tác tuyên truyển trong cơ quan.", "tuyển", None),
        ("Các đoàn thê chính trị - xã hội.", "đoàn thê", "đoàn thể"),
        ("Tổ chức kiểm điểm tập thể.", None, None),
        ("Nâng cao chất lượn sinh hoạt.", "chất lượn", "chất lượng"),
        ("Phát huy sức mạnh xây dựng nông thông mới.", "nông thông", "nông thôn"),
        ("Đẩy mạnh xinh hoạt chuyên đề.", "xinh hoạt", "sinh hoạt"),
    ],
)
def test_real_word_slips(text, written, suggestion):
    found = slips(text, "realword")
    if written is None:
        assert found == []
    elif suggestion is None:
        assert found == [] or written in found[0][0]
    else:
        assert (written, suggestion) in found


@pytest.mark.parametrize(
    "text",
    [
        "Sở Thông tin và Truyền thông tỉnh.",  # a name: "Truyền thông", not "truyền thống"
        "Làm tốt công tác phòng, chống tham nhũng.",  # "công tác" + "phòng", not "tác phong"
        "Tổ chức thăm và chúc tết xã bạn.",
        "Cung cấp một số số liệu; ngày ngày đến trường; năm năm qua.",
        "Tự chuyển hoá, tự diễn biến; hoà bình; thuỷ lợi.",
    ],
)
def test_correct_text_gives_no_slip(text):
    assert slips(text) == []


def test_doubled_words():
    assert slips("Nghị quyết của của Chi bộ.", "doubled") == [("của của", "của")]
    assert slips("Giám đốc sở Sở Nội vụ.", "doubled") == []  # different case: two words


def test_a_syllable_that_ends_one_word_and_begins_the_next_is_not_doubled():
    # "Đảng bộ | bộ phận", "cán bộ | bộ môn": two words that meet on the same syllable.
    assert slips("Đảng bộ bộ phận có năm chi bộ.", "doubled") == []
    assert slips("Cán bộ bộ môn đã dự họp.", "doubled") == []
    # A syllable typed twice that begins no word after it is still a doubled word.
    assert slips("Chi bộ bộ đã họp.", "doubled") == [("bộ bộ", "bộ")]


@needs_dictionary
@pytest.mark.parametrize(
    "text, written, suggestion",
    [
        ("Thực hiện nhiệm vuj được giao.", "vuj", "vụ"),
        ("Mỗi ddảng viên là một tấm gương.", "ddảng", "đảng"),
        ("Phát triển kinh tees địa phương.", "tees", "tế"),
        ("Tổ chuwcs cơ sở đảng.", "chuwcs", "chức"),
        ("Thực hiện cng tác dân vận.", "cng", None),
        ("Kiểm điêm tự phê bình.", "điêm", "điểm"),
    ],
)
def test_non_words(text, written, suggestion):
    assert (written, suggestion) in slips(text, "nonword")


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    [
        "Cập nhật website, gửi email, tài liệu audio; đăng trên Facebook và Zalo.",
        "THCS, UBND, HĐND, TTr, QĐi; đ/c Nguyễn Văn A; v/v; a) b) c)",
        "Treo băng rôn, đọc mẩu chuyện về Bác.",
        "Phát huy vai trò nòng cốt của đoàn viên.",  # "nòng" is missing from hunspell-vi
        "Cán bộ, chiến sỹ và sỹ quan dự học tập.",  # "sỹ", the y spelling of "sĩ"
        "Chú thích¹ và chú thích² ở cuối trang.",
    ],
)
def test_words_that_are_not_slips(text):
    assert slips(text, "nonword") == []


def test_citations_are_skipped():
    text = "Theo Kế hoạch số 39/KH-BCĐ của của Ban."
    start = text.index("Kế")
    assert slips(text) == [("của của", "của")]
    assert find_spelling_slips(text, [(start, start + 20)])[0].kind == "doubled"


def test_known_words_are_pairs():
    words = known_words()
    assert "chất lượng" in words and "xuất sắc" in words  # from "hoàn thành xuất sắc …"
    assert all(w.count(" ") == 1 for w in words)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text):
    for s in find_spelling_slips(text):
        assert text[s.start : s.end] == s.written
        assert s.kind in ("nonword", "realword", "doubled", "foreign")


def test_long_clean_text_has_no_slips():
    # Speed is measured by bench/checker_devset.py, not asserted here: a loaded machine is slow.
    text = "Chi bộ tổ chức sinh hoạt chuyên đề, nâng cao chất lượng đảng viên. " * 2000
    assert find_spelling_slips(text) == []


# --------------------------------------------------------------------------------------------
# The collocation model learned from public text
# --------------------------------------------------------------------------------------------


@pytest.fixture
def learned(tmp_path, monkeypatch):
    """Use `pairs` (one a line) as the learned collocations for the length of a test."""

    def use(*pairs):
        path = tmp_path / "collocations.txt"
        path.write_text("\n".join(pairs) + "\n", encoding="utf-8")
        monkeypatch.setattr(spelling, "COLLOCATIONS_FILE", path)
        spelling.known_words.cache_clear()

    yield use
    monkeypatch.undo()
    spelling.known_words.cache_clear()


@needs_dictionary
def test_a_pair_is_learned_when_several_texts_have_it():
    texts = ["Cán bộ luôn phấn đấu rèn luyện.", "Đảng viên phấn đấu hoàn thành nhiệm vụ."]
    assert ("phấn đấu", 2) in spelling.learn_collocations(texts)
    assert "phấn đấu" not in dict(spelling.learn_collocations(texts[:1]))


@needs_dictionary
def test_pairs_across_two_words_and_common_slips_are_not_learned():
    texts = ["Tổ chức đảng vững mạnh; cán bộ nổ lực.", "Xây dựng tổ chức đảng; nổ lực vượt khó."]
    learned = dict(spelling.learn_collocations(texts))
    assert "chức đảng" not in learned  # "tổ chức" is a listed word: the pair straddles two
    assert "nổ lực" not in learned  # one tone from the listed "nỗ lực": a slip, not a word


@needs_dictionary
def test_a_tone_slip_against_a_learned_word_is_an_error(learned):
    learned("phấn đấu")
    (slip,) = find_spelling_slips("Toàn thể đảng viên phần đấu hoàn thành nhiệm vụ.")
    assert (slip.written, slip.suggestion, slip.sure) == ("phần đấu", "phấn đấu", True)


@needs_dictionary
def test_other_edits_against_a_learned_word_are_only_a_guess(learned):
    learned("xóm làng")
    (slip,) = find_spelling_slips("Bà con trong xóm làn đều đồng tình.")
    assert (slip.suggestion, slip.sure) == ("xóm làng", False)


@needs_dictionary
def test_a_pair_seen_in_public_text_is_not_a_slip(learned):
    # "là việc" is one letter from "làm việc", and a word as written ("… là việc cần thiết").
    learned("làm việc")
    assert find_spelling_slips("Đánh giá hằng năm là việc cần thiết.") == []


@needs_dictionary
def test_a_pair_seen_rarely_beside_a_much_commoner_word_is_a_slip(monkeypatch):
    # Made-up counts: "chỉ đảo" seen 4 times (public text holds slips too), "chỉ đạo" 608.
    model = spelling._model({"chỉ đảo": 4, "chỉ đạo": 608, "dự và": 50, "và chỉ": 50}, {})
    monkeypatch.setattr(spelling, "language_model", lambda: model)
    (slip,) = find_spelling_slips("Dự và chỉ đảo hội nghị.")
    assert slip.suggestion == "chỉ đạo"
    model.pairs["chỉ đảo"] = 40  # a sixteenth as common: a word as written
    assert find_spelling_slips("Dự và chỉ đảo hội nghị.") == []


@needs_dictionary
def test_a_guess_is_a_note_in_the_checker(learned):
    from dangvu.lib.checker import NOTE, check_markdown

    learned("xóm làng")
    (f,) = check_markdown("Bà con trong xóm làn đều đồng tình.")
    assert (f.code, f.severity) == ("spelling", NOTE)


@needs_dictionary
def test_a_syllable_taken_by_its_other_neighbour_is_not_a_slip():
    # "đề" belongs to "vấn đề", "an" to "an sinh": nothing here is "đề án".
    assert slips("Giải quyết các vấn đề an sinh xã hội.", "realword") == []


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    [
        "Số liệu thống kê từ các chi bộ cho thấy kết quả tốt.",
        "Theo thống kê từ đầu nhiệm kỳ, xã kết nạp thêm đảng viên.",
    ],
)
def test_a_syllable_taken_by_a_word_public_text_writes_is_not_a_slip(text):
    # "thống kê" is not in the hand-written list, but public text writes it as one word: "kê"
    # is taken, so "kê từ" is no slip of "kể từ".
    assert slips(text, "realword") == []


@needs_dictionary
def test_the_same_pair_alone_is_still_a_slip():
    assert slips("Số liệu kê từ năm trước đến nay.", "realword") == [("kê từ", "kể từ")]


# --------------------------------------------------------------------------------------------
# The language model (issue 24): its decision rule on a small model made here
# --------------------------------------------------------------------------------------------

# Made-up counts: "nằm" and "năm" both common; "giá trị nằm trong" common, "trị năm" never seen.
MODEL = spelling._model(
    {"giá trị": 900, "trị nằm": 40, "năm nay": 900, "nằm trong": 100, "trong đó": 50,
     "đô thị": 1},
    {"giá trị nằm": 40, "trị nằm trong": 30, "nằm trong đó": 20},
)  # fmt: skip


@needs_dictionary
def test_a_variant_much_likelier_between_the_neighbours_is_the_word_meant():
    # "giá trị năm trong đó": the variant "nằm" makes a phrase seen, "năm" one never seen.
    assert spelling._model_slip(("giá", "trị"), "năm", ("trong", "đó"), MODEL) == "nằm"
    # The evidence of both sides counts: one neighbour alone is weaker.
    both = spelling._model_fix(("giá", "trị"), "năm", ("trong", "đó"), MODEL)
    one = spelling._model_fix(("giá", "trị"), "năm", (), MODEL)
    assert both[0] == one[0] == "nằm" and both[1] > one[1]


@needs_dictionary
def test_the_model_judges_only_what_it_knows():
    # No neighbour: nothing to judge by.
    assert spelling._model_slip((), "năm", (), MODEL) is None
    # "năm nay" is seen: no slip. "đô thị" seen once: its absence proves nothing.
    assert spelling._model_slip((), "năm", ("nay",), MODEL) is None
    assert spelling._model_slip((), "đồ", ("thị",), MODEL) is None
    rare = spelling._model({"giá trị": 900, "trị nằm": 1, "năm nay": 900}, {})
    assert spelling._model_slip(("giá", "trị"), "năm", (), rare) is None


@needs_dictionary
def test_a_syllable_making_a_common_word_with_a_neighbour_is_that_word():
    # "hằng năm" is written beside the commoner "hàng năm": both are words.
    model = spelling._model(
        {"chất lượng": 900, "lượng hàng": 5000, "hàng năm": 9000, "hằng năm": 150}, {}
    )
    assert spelling._model_fix(("chất", "lượng"), "hằng", ("năm",), model)[0] == "hàng"
    assert spelling._model_slip(("chất", "lượng"), "hằng", ("năm",), model) is None


@needs_dictionary
def test_a_capitalised_left_neighbour_is_evidence_a_capitalised_right_one_is_not():
    # A slip after a word with a capital is read in lower case ...
    slips = find_spelling_slips("Căn cự Luật Đất đai")
    assert [(s.written, s.suggestion) for s in slips] == [("Căn cự", "Căn cứ")]
    # ... but a capital on the right starts a name or a title: "cố" before it is not judged.
    assert find_spelling_slips("Lễ kỷ niệm ngày sinh cố Tổng Bí thư.") == []


@needs_dictionary
def test_a_number_is_one_pseudo_syllable_of_the_model():
    runs = list(spelling.syllable_runs("vào ngày 28 tháng 8, số 01-HD/TW"))
    n = spelling.NUMBER
    assert runs == [["vào", "ngày", n, "tháng", n], ["số", n]]


@needs_dictionary
def test_a_number_beside_a_syllable_is_evidence():
    # Made-up counts: "ngày" is followed by a number, "ngáy" (to snore) never is.
    n = spelling.NUMBER
    model = spelling._model({f"ngày {n}": 9000, "ngáy ngủ": 40, f"{n} tháng": 5000}, {})
    assert spelling._model_slip((), "ngáy", (n,), model) == "ngày"
    assert spelling._model_slip((), "ngày", (n,), model) is None
    # With the learned model, after a comma the number is the only neighbour.
    found = [(s.written, s.suggestion) for s in find_spelling_slips("Hà Nội, ngáy 28 tháng 8")]
    assert found == [("ngáy", "ngày")]
    assert find_spelling_slips("Hà Nội, ngày 28 tháng 8") == []


@needs_dictionary
def test_the_model_s_variants_have_their_tone_placed_the_new_way():
    # The counts are kept as "ủy", "hóa": a variant in the dictionary's "uỷ" would be unseen.
    assert {"ủy", "úy"} <= spelling._lm_variants("uy") and "uỷ" not in spelling._lm_variants("uy")
    found = find_spelling_slips("Công tác thuy lợi; đẩy mạnh công nghiệp hoa, hiện đại hóa.")
    assert [s.suggestion for s in found] == ["tác thủy", "nghiệp hóa"]


@needs_dictionary
def test_vowel_slips_are_variants_but_i_and_y_are_not():
    assert "những" in spelling._lm_variants("nhũng")
    assert "mỹ" not in spelling._lm_variants("mĩ") and "kỳ" not in spelling._lm_variants("kì")


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện tốt công tác thi đua, khen thưởng năm 2024.",  # "tốt" seen rarely: fine
        "Đảng bộ có 3 chi bộ; kỹ thuật và kĩ thuật, hòa bình và hoà bình, thủy lợi và thuỷ lợi.",
        "Đoàn công tác làm việc với Giôn-xơn và Pu-tin tại Mát-xcơ-va.",
    ],
)
def test_ordinary_variants_and_transliterated_names_are_not_slips(text):
    assert [s for s in find_spelling_slips(text) if s.sure] == []


@needs_dictionary
def test_the_first_word_of_a_sentence_is_judged_a_name_is_not():
    slips = find_spelling_slips("Hội nghị đã thành công. Lành đạo các đoàn thể thực hiện tốt.")
    assert [(s.written, s.suggestion) for s in slips] == [("Lành đạo", "Lãnh đạo")]
    # A capital inside a sentence, or a capitalised neighbour, makes a name.
    assert find_spelling_slips("Năm nay, Chi bộ 2 làm tốt. Lê Văn Tám hy sinh.") == []


@needs_dictionary
def test_a_pair_public_text_writes_as_it_stands_is_not_a_model_slip():
    # Made-up counts: "ra để" is commoner, but "ra đề" (to set a test) is written often enough
    # beside it to be a word as written; seen twice only, it is a slip of the commoner pair.
    counts = {"ra để": 3000, "để kiểm": 2000, "kiểm tra": 9000, "đề kiểm": 1}
    triples = {"ra để kiểm": 1500, "để kiểm tra": 1800}
    context = (("ra",), "đề", ("kiểm", "tra"))
    assert spelling._model_slip(*context, spelling._model({**counts, "ra đề": 40}, triples)) is None
    assert spelling._model_slip(*context, spelling._model({**counts, "ra đề": 2}, triples)) == "để"


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    ["Tổ chuyên môn ra đề kiểm tra giữa học kỳ.", "Công tác phát triển đảng được chú trọng."],
)
def test_words_of_school_and_party_work_the_model_finds_rare_are_not_slips(text):
    assert find_spelling_slips(text) == []


# --------------------------------------------------------------------------------------------
# "và" slipped between two names ("HĐND vá UBND", "Chương VII vả Chương VIII")
# --------------------------------------------------------------------------------------------


@needs_dictionary
@pytest.mark.parametrize(
    "text, written",
    [
        ("Căn cứ Luật Tổ chức HĐND vá UBND năm 2003 của xã.", "vá"),
        ("Thi hành Chương VII vả Chương VIII của Điều lệ.", "vả"),
        ("Hai xã Tân Hòa vã Tân An sáp nhập.", "vã"),
        ("Ban Tuyên giáo phối hợp với MTTQ va Hội Nông dân xã.", "va"),
        ("Đồng chí Hà, Chi bộ 3 vạ Chi bộ 5 thống nhất.", "vạ"),
        ("Căn cứ Quyết định số 217-QĐ/TW vả Quyết định số 218-QĐ/TW của Bộ Chính trị;", "vả"),
    ],
)
def test_and_slipped_between_two_names_is_found(text, written):
    assert (written, "và") in slips(text, "realword")


@needs_dictionary
@pytest.mark.parametrize(
    "text",
    [
        "Vả lại, Chi bộ đã họp.",  # "vả lại": besides
        "Tai vạ Nam Bộ năm ấy.",  # the word before only opens the sentence
        "- Tai vạ Nam Bộ năm ấy.",  # ... or the line, after its bullet
        "Chi bộ 3 vá lưới.",
        "Chi bộ Va Ni họp.",  # a name
        "HĐND và UBND xã thống nhất.",
        "Đồng chí Hà vá lưới cùng bà con.",  # a lower-case word after
    ],
)
def test_and_variants_that_are_no_slip_are_left(text):
    assert not [s for s in find_spelling_slips(text) if s.suggestion == "và"]


_NAME_SYLLABLES = st.sampled_from(["Tân", "Hòa", "Bình", "Minh", "Đông", "Sơn", "Phú", "An"])
_ABBREVIATIONS = st.sampled_from(["HĐND", "UBND", "MTTQ", "VII", "XIII"])
_NAMES = st.one_of(
    st.lists(_NAME_SYLLABLES, min_size=1, max_size=3, unique=True).map(" ".join), _ABBREVIATIONS
)


@needs_dictionary
@settings(max_examples=200, deadline=None)
@given(_NAMES, _NAMES, st.sampled_from(["vá", "vả", "vã", "vạ", "va"]))
def test_and_slipped_between_any_two_names_is_found(left, right, slip):
    text = f"Đảng ủy, {left} {slip} {right}."
    found = [s for s in find_spelling_slips(text) if s.written == slip]
    assert [s.suggestion for s in found] == ["và"]
    assert find_spelling_slips(f"Đảng ủy, {left} và {right}.") == []


# --------------------------------------------------------------------------------------------
# The names of the ethnic groups (rules/lexicon/ethnic-groups.txt)
# --------------------------------------------------------------------------------------------

_ETHNIC_NAMES = sorted({n for group in spelling.ethnic_group_names() for n in group})


@needs_dictionary
@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_ETHNIC_NAMES),
    st.sampled_from([" ", "-", " - ", ""]),
    st.sampled_from([str.lower, str.upper, str.capitalize, str]),
    st.sampled_from(["{} là dân tộc ít người.", "Đồng bào {} sinh sống ở bản.", "Kinh, {}, Hoa."]),
)
def test_an_ethnic_groups_name_however_joined_or_cased_is_no_slip(name, joint, case, sentence):
    first, *rest = name.split(" ")
    written = joint.join([first, *(case(part) for part in rest)]).replace("'", "’")
    assert find_spelling_slips(sentence.format(written)) == []
