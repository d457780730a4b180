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
def test_command_finds_the_reference_reports_defects():
    code, out = _run(str(REFERENCE), "--json")
    findings = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    codes = {(f["code"], f["line"]) for f in findings}
    assert ("numbering_repeat", 255) in codes
    assert any(c == "citation_party_state_style" for c, _ in codes)
    assert all(
        set(f) == {"code", "location", "line", "excerpt", "problem", "suggestion"} for f in findings
    )


def test_generated_report_has_no_findings(demo, tmp_path):
    import datetime as dt

    from dangvu.reports import actions

    draft = actions.create_draft(None, demo, 2017)
    actions.edit_header(
        None,
        draft,
        number="Số 15-BC/ĐU",
        issued_on=dt.date(2017, 12, 5),
        signer_name="Nguyễn Văn A",
    )
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


def test_upload_page(demo, login):
    client = login("dangvien")
    text = "I. MỤC MỘT\nI. MỤC HAI\nCó 04 chi bộ với 54 đảng viên, trong đó 51 đảng viên chính thức và 04 đảng viên dự bị.\n"
    response = client.post(
        "/bao-cao/kiem-tra/", {"file": SimpleUploadedFile("bc.md", text.encode())}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "dòng 2" in page and "dòng 3" in page
    response = client.post(
        "/bao-cao/kiem-tra/", {"file": SimpleUploadedFile("bc.docx", b"garbage")}
    )
    assert response.status_code == 400
