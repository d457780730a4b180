"""The report checker through its command and its upload page."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.lib.reference import MISSING, reference_report_path

REFERENCE = reference_report_path()


def _run(*args):
    out = StringIO()
    try:
        call_command("check_report", *args, stdout=out)
        code = 0
    except SystemExit as e:
        code = e.code
    return code, out.getvalue()


@pytest.mark.skipif(REFERENCE is None, reason=MISSING)
def test_command_json_on_the_reference_report():
    # What the checker finds on the reference is measured by bench/checker_reference.py; here
    # only the command's stable JSON shape and exit code are pinned.
    code, out = _run(str(REFERENCE), "--json")
    findings = [json.loads(line) for line in out.splitlines()]
    keys = {"code", "location", "line", "excerpt", "problem", "suggestion", "severity"}
    assert all(set(f) == keys for f in findings)
    assert {f["severity"] for f in findings} <= {"lỗi", "lưu ý"}
    assert code == (1 if any(f["severity"] == "lỗi" for f in findings) else 0)


def test_generated_report_has_no_findings(demo, tmp_path):
    """The demo's 2017 report as its office wrote it in dangvu: nothing for the checker."""
    for suffix in (".md", ".docx"):
        out = tmp_path / f"r{suffix}"
        call_command(
            "report", "annual", org="so-tttt-tra-vinh", year=2017, out=str(out), stdout=StringIO()
        )
        code, text = _run(str(out), "--json")
        assert (code, text) == (0, ""), text


def test_bad_files_get_a_vietnamese_message(tmp_path):
    empty = tmp_path / "rong.md"
    empty.write_text("")
    with pytest.raises(CommandError, match="rỗng"):
        call_command("check_report", str(empty))
    fake = tmp_path / "gia.docx"
    fake.write_bytes(b"\x00\x01 not a zip")
    with pytest.raises(CommandError, match="không phải là tệp Word"):
        call_command("check_report", str(fake))
    with pytest.raises(CommandError, match="chỉ nhận"):
        call_command("check_report", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="không tồn tại"):
        call_command("check_report", str(tmp_path / "khong-co.md"))
    folder = tmp_path / "bao-cao.docx"
    folder.mkdir()
    with pytest.raises(CommandError, match="là một thư mục"):
        call_command("check_report", str(folder))


# An error (the heading repeated) and a note (a type word abbreviated "ND"), note first.
NOTE_LINE = "Thực hiện ND 68/2000/NĐ-CP của Chính phủ về hợp đồng lao động.\n"
ERROR_AND_NOTE = (
    "I. MỤC MỘT\n"
    + NOTE_LINE
    + "I. MỤC HAI\nCó 05 chi bộ với 47 đảng viên, trong đó 44 đảng viên chính thức và 04 đảng viên"
    " dự bị.\n"
)


def test_json_gives_each_finding_its_severity(tmp_path):
    path = tmp_path / "bc.md"
    path.write_text(ERROR_AND_NOTE, encoding="utf-8")
    code, out = _run(str(path), "--json")
    findings = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [(f["code"], f["line"], f["severity"]) for f in findings] == [
        ("citation_type_abbreviated", 2, "lưu ý"),
        ("numbering_repeat", 3, "lỗi"),
        ("total_mismatch", 4, "lỗi"),
    ]


def test_notes_alone_do_not_fail_the_command(tmp_path):
    path = tmp_path / "bc.md"
    path.write_text(NOTE_LINE, encoding="utf-8")
    code, out = _run(str(path), "--json")
    assert code == 0 and json.loads(out)["severity"] == "lưu ý"
    code, out = _run(str(path))
    assert code == 0 and "Lưu ý" in out and out.strip().endswith("0 lỗi, 1 lưu ý.")


def test_text_output_lists_errors_before_notes(tmp_path):
    path = tmp_path / "bc.md"
    path.write_text(ERROR_AND_NOTE, encoding="utf-8")
    code, out = _run(str(path))
    assert code == 1
    assert out.index("dòng 3") < out.index("Lưu ý") < out.index("dòng 2")
    assert out.strip().endswith("2 lỗi, 1 lưu ý.")


def _upload(client, name, data):
    return client.post("/bao-cao/kiem-tra/", {"file": SimpleUploadedFile(name, data)})


def test_upload_page_groups_errors_before_notes(demo, login):
    client = login("vanphong")
    response = _upload(client, "bc.md", ERROR_AND_NOTE.encode())
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 lỗi, 1 lưu ý" in page
    assert "Lỗi (2)" in page and "Lưu ý (1)" in page
    errors, notes = page.index('id="loi"'), page.index('id="luu-y"')
    assert errors < page.index("dòng 3") < page.index("dòng 4") < notes < page.index("dòng 2")
    response = _upload(client, "bc.docx", b"garbage")
    assert response.status_code == 400


@pytest.mark.parametrize("username", ["vanphong", "bithu1", "captren"])
def test_report_writers_and_the_superior_may_check(demo, login, username):
    client = login(username)
    assert client.get("/bao-cao/kiem-tra/").status_code == 200
    assert _upload(client, "bc.md", "Không có gì sai.".encode()).status_code == 200


def test_a_member_may_not_check(demo, login):
    client = login("dangvien")
    assert client.get("/bao-cao/kiem-tra/").status_code == 403
    response = _upload(client, "bc.md", ERROR_AND_NOTE.encode())
    assert response.status_code == 403 and "dòng 3" not in response.content.decode()


def test_a_text_too_long_to_check_is_refused_in_vietnamese(demo, login, tmp_path):
    from dangvu.lib.checker import MAX_CHARS

    data = ("a " * (MAX_CHARS // 2 + 1)).encode()
    response = _upload(login("captren"), "dai.txt", data)
    assert response.status_code == 400
    assert "quá dài để kiểm tra" in response.content.decode()
    path = tmp_path / "dai.txt"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="quá dài để kiểm tra"):
        call_command("check_report", str(path))


def test_a_new_draft_has_its_open_slots_as_errors(demo, tmp_path):
    """A draft fresh from the template still has the slots the records cannot fill: each is an
    error of the checker, and nothing else is."""
    from dangvu.reports import actions

    actions.create_draft(None, demo, 2017)
    out = tmp_path / "r.md"
    call_command(
        "report", "annual", org="so-tttt-tra-vinh", year=2017, out=str(out), stdout=StringIO()
    )
    code, text = _run(str(out), "--json")
    findings = [json.loads(line) for line in text.splitlines()]
    assert code == 1
    assert {f["code"] for f in findings} == {"open_slot"}
    assert len(findings) == out.read_text().count("[cần bổ sung")
