"""The federation file: a province signs its consolidated figures (`export_federation`), the
level above verifies every file and adds them up (`import_federation`); a changed file, an
unknown key, a key used for another committee or a file that is not one is refused in
Vietnamese, and nothing is added."""

import base64
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.accounts.models import AuditEntry
from dangvu.core.facts import Period
from dangvu.federation import FORMAT, FederationError, add_up
from dangvu.orgs.models import Organization
from dangvu.superior import synthetic
from dangvu.superior.consolidate import consolidate

pytestmark = pytest.mark.django_db
SUPERIOR = "dang-uy-khoi-cac-co-quan-tra-vinh"


def make_key(tmp_path, org, name):
    printed = StringIO()
    call_command("federation_key", out=str(tmp_path / f"{name}.pem"), org=org, stdout=printed)
    return tmp_path / f"{name}.pem", printed.getvalue().strip().splitlines()[-1]


def export(tmp_path, org, key, name, year=2017, period=""):
    out = tmp_path / f"{name}.json"
    call_command(
        "export_federation",
        org=org,
        year=year,
        period=period,
        out=str(out),
        key=str(key),
        stdout=StringIO(),
    )
    return out


def import_(trust, *files):
    printed = StringIO()
    call_command("import_federation", *map(str, files), trust=str(trust), json=True, stdout=printed)
    return json.loads(printed.getvalue())


@pytest.fixture
def provinces(demo, tmp_path):
    """Two provinces (the demo's superior and a synthetic one), their keys and signed files."""
    other = synthetic.build(committees=3, cells=2, members=10, prefix="tinh-b")
    key_a, line_a = make_key(tmp_path, SUPERIOR, "a")
    key_b, line_b = make_key(tmp_path, other.slug, "b")
    trust = tmp_path / "tin-cay.txt"
    trust.write_text(f"# khóa các tỉnh\n{line_a}\n{line_b}\n", encoding="utf-8")
    files = [export(tmp_path, SUPERIOR, key_a, "a"), export(tmp_path, other.slug, key_b, "b")]
    return other, trust, files, (key_a, key_b)


def test_the_sum_of_the_files_is_the_sum_of_the_consolidations(provinces):
    other, trust, files, _keys = provinces
    result = import_(trust, *files)
    period = Period.year(2017)
    a = consolidate(Organization.objects.get(slug=SUPERIOR), period).totals
    b = consolidate(other, period).totals
    assert result["facts"]["party.members"] == a["party.members"] + b["party.members"] > 0
    for fact, value in a.items():
        if isinstance(value, int) and not isinstance(value, bool):
            assert result["facts"][fact] == value + b[fact], fact
    assert [p["org"] for p in result["provinces"]] == [SUPERIOR, other.slug]
    assert (result["start"], result["end"]) == ("2017-01-01", "2017-12-31")
    exports = AuditEntry.objects.filter(action="federation.export")
    assert exports.filter(kind=AuditEntry.Kind.EXPORT).count() == exports.count() == 2


def test_a_file_holds_who_when_what_and_a_signature(provinces):
    _other, _trust, files, _keys = provinces
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and len(data["key"]) == 16
    payload = data["payload"]
    assert payload["org"] == SUPERIOR and payload["year"] == 2017 and payload["made_at"]
    assert payload["units"] and all("facts" in u for u in payload["units"])
    assert files[0].stat().st_mode & 0o077 == 0


def refused(trust, *files):
    with pytest.raises(CommandError) as e:
        import_(trust, *files)
    return str(e.value)


def test_a_changed_figure_is_refused_and_nothing_is_added(provinces):
    _other, trust, files, _keys = provinces
    data = json.loads(files[1].read_text(encoding="utf-8"))
    data["payload"]["facts"]["party.members"] += 1
    files[1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    message = refused(trust, *files)
    assert "chữ ký không khớp" in message and files[1].name in message
    assert "Tổng số" not in message


def test_an_unknown_key_is_refused(provinces, tmp_path):
    _other, _trust, files, _keys = provinces
    only_b = tmp_path / "chi-b.txt"
    only_b.write_text(_trust.read_text().splitlines()[2] + "\n", encoding="utf-8")
    assert "không có trong danh sách khóa tin cậy" in refused(only_b, *files)


def test_a_key_signing_for_another_committee_is_refused(provinces, tmp_path):
    other, trust, _files, (key_a, _key_b) = provinces
    # Province A's key signs B's figures: the signature is right, the signer is not B.
    forged = export(tmp_path, other.slug, key_a, "gia-mao")
    assert "không được ký số liệu của tổ chức" in refused(trust, forged)


def test_a_signature_moved_to_another_file_is_refused(provinces):
    _other, trust, files, _keys = provinces
    first, second = (json.loads(f.read_text(encoding="utf-8")) for f in files)
    second["signature"], second["key"] = first["signature"], first["key"]
    files[1].write_text(json.dumps(second), encoding="utf-8")
    assert "chữ ký không khớp" in refused(trust, files[1])


def test_files_that_are_not_federation_files_are_refused(provinces, tmp_path):
    _other, trust, files, _keys = provinces
    garbage = tmp_path / "rac.json"
    garbage.write_bytes(b"\xff\xfe not json")
    other_json = tmp_path / "khac.json"
    other_json.write_text('{"format": "x"}', encoding="utf-8")
    bad_signature = tmp_path / "chu-ky.json"
    data = json.loads(files[0].read_text(encoding="utf-8"))
    data["signature"] = base64.b64encode(b"short").decode()
    bad_signature.write_text(json.dumps(data), encoding="utf-8")
    message = refused(trust, files[0], garbage, other_json, bad_signature)
    assert "rac.json: không phải tệp số liệu tổng hợp" in message
    assert "khac.json: không phải tệp số liệu tổng hợp dạng" in message
    assert "chu-ky.json: chữ ký không khớp" in message
    assert "Không có tệp" in refused(trust, tmp_path / "khong-co.json")


def test_the_same_committee_twice_or_two_periods_are_not_added(provinces, tmp_path):
    _other, trust, files, (key_a, _key_b) = provinces
    assert "gửi hai tệp" in refused(trust, files[0], files[0])
    half = export(tmp_path, SUPERIOR, key_a, "nua-nam", period="H1")
    assert "không cùng một kỳ" in refused(trust, half, files[1])
    with pytest.raises(FederationError):
        add_up([{"org": "x", "start": "1", "end": "2", "facts": {}}] * 2)


def test_export_needs_a_key_a_readable_committee_and_a_valid_period(demo, tmp_path, settings):
    settings.DANGVU_FEDERATION_KEY = None
    out = tmp_path / "x.json"
    with pytest.raises(CommandError, match="Chưa có khóa ký"):
        call_command("export_federation", org=SUPERIOR, year=2017, out=str(out))
    key, _line = make_key(tmp_path, SUPERIOR, "k")
    settings.DANGVU_FEDERATION_KEY = str(key)
    with pytest.raises(CommandError, match="không có quyền xem"):
        call_command("export_federation", org=SUPERIOR, year=2017, out=str(out), user="bithu1")
    with pytest.raises(CommandError, match="Kỳ “Q5” không hợp lệ"):
        call_command("export_federation", org=SUPERIOR, year=2017, period="Q5", out=str(out))
    assert not out.exists()
    with pytest.raises(CommandError, match="đã có"):
        make_key(tmp_path, SUPERIOR, "k")
