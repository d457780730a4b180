"""The federation file (docs/serving.md): a province instance sends its consolidated figures for
a period upward as a signed file, and the instance above verifies every file before adding the
provinces' figures together.

The file is JSON: `payload` (who: the reporting committee; when: the period, the time it was
made and by whom; what: the consolidation's totals and each unit's figures, as `consolidate
--json`), `key` (the signer's key id) and `signature` (Ed25519, over the payload written in one
canonical way: sorted keys, no spaces, UTF-8). A changed byte of the payload, a key the level
above has not registered, or a registered key used for another committee is refused.

Keys live outside the repository: the province's private key is a PEM file named by
`DANGVU_FEDERATION_KEY` (setting or environment, or `--key`), the keys the level above trusts a
text file named by `DANGVU_FEDERATION_TRUST` (or `--trust`), one line per province:
`<public key, base64> <committee slug> [name]`. `federation_key --out FILE` makes a key pair
and prints the line to register upstream.
"""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils import timezone

from dangvu.reports.periods import period_of
from dangvu.superior.consolidate import NOT_SUMMED, consolidate

FORMAT = "dangvu-federation/1"
MAX_BYTES = 50 * 1024 * 1024  # a province of 5.000 units × 80 figures is about 15 MB


class FederationError(Exception):
    """A file or key that cannot be used, with the reason in Vietnamese."""


# Keys ----------------------------------------------------------------------------------------


def configured(name: str) -> str | None:
    return getattr(settings, name, None) or os.environ.get(name) or None


def new_key() -> tuple[bytes, str]:
    """A new private key (PEM, unencrypted: protect the file) and its public key (base64)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem, public_text(key.public_key())


def public_text(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def key_id(public_b64: str) -> str:
    """A short, stable name of a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16]


def load_private_key(path: str | None = None) -> Ed25519PrivateKey:
    path = path or configured("DANGVU_FEDERATION_KEY")
    if not path:
        raise FederationError(
            "Chưa có khóa ký: đặt DANGVU_FEDERATION_KEY (tệp khóa .pem) hoặc dùng --key; tạo khóa "
            "bằng lệnh federation_key."
        )
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except OSError as e:
        raise FederationError(f"Không đọc được tệp khóa “{path}” ({e.strerror}).") from None
    except (ValueError, TypeError):
        raise FederationError(f"Tệp “{path}” không phải khóa riêng dạng PEM.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise FederationError(f"Khóa trong “{path}” không phải khóa Ed25519.")
    return key


@dataclass(frozen=True)
class Trusted:
    public: Ed25519PublicKey
    org: str  # the committee this key signs for
    name: str


def load_trust(path: str | None = None) -> dict[str, Trusted]:
    """{key id: trusted key} from the trust file: `<public key> <committee slug> [name]`."""
    path = path or configured("DANGVU_FEDERATION_TRUST")
    if not path:
        raise FederationError(
            "Chưa có danh sách khóa tin cậy: đặt DANGVU_FEDERATION_TRUST hoặc dùng --trust."
        )
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise FederationError(f"Không đọc được danh sách khóa tin cậy “{path}”.") from None
    found = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split(maxsplit=2)
        try:
            raw = base64.b64decode(parts[0], validate=True)
            public = Ed25519PublicKey.from_public_bytes(raw)
            org = parts[1]
        except (IndexError, ValueError):
            raise FederationError(
                f"Dòng {number} của “{path}” không đúng dạng “<khóa công khai> <mã tổ chức> [tên]”."
            ) from None
        found[key_id(parts[0])] = Trusted(public, org, parts[2] if len(parts) > 2 else org)
    return found


# Writing -------------------------------------------------------------------------------------


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def payload_of(root, year: int, period_code: str, scope, made_by: str) -> dict:
    """What a province sends: the consolidation of `root` for the period, with the units that
    `scope` reads (as `consolidate --json`)."""
    period = period_of(year, period_code)
    result = consolidate(root, period)
    result.units = [u for u in result.units if scope.can_read_org(u.org)]
    data = result.as_json()
    payload = {
        "org": root.slug,
        "name": root.name_on(period.end),
        "year": year,
        "period": period_code,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "made_by": made_by,
        "units": data["units"],
        "facts": data["facts"],
    }
    # Written and read back once, so the signed bytes are those any reader rebuilds.
    return json.loads(json.dumps(payload, default=str))


def sign(payload: dict, key: Ed25519PrivateKey) -> dict:
    return {
        "format": FORMAT,
        "key": key_id(public_text(key.public_key())),
        "signature": base64.b64encode(key.sign(canonical(payload))).decode(),
        "payload": payload,
    }


# Reading -------------------------------------------------------------------------------------


def verify(content: bytes, trust: dict[str, Trusted], name: str = "tệp") -> dict:
    """The payload of a federation file, once its signature is checked against `trust`."""
    if len(content) > MAX_BYTES:
        raise FederationError(f"{name}: quá lớn (hơn {MAX_BYTES // 1024 // 1024} MB).")
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise FederationError(
            f"{name}: không phải tệp số liệu tổng hợp (JSON) của dangvu."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FederationError(f"{name}: không phải tệp số liệu tổng hợp dạng {FORMAT}.")
    payload, kid, signature = data.get("payload"), data.get("key"), data.get("signature")
    if not isinstance(payload, dict) or not isinstance(kid, str) or not isinstance(signature, str):
        raise FederationError(f"{name}: thiếu số liệu, mã khóa hoặc chữ ký.")
    trusted = trust.get(kid)
    if trusted is None:
        raise FederationError(
            f"{name}: được ký bằng khóa {kid} không có trong danh sách khóa tin cậy; không nhận."
        )
    try:
        trusted.public.verify(base64.b64decode(signature, validate=True), canonical(payload))
    except (InvalidSignature, ValueError):
        raise FederationError(
            f"{name}: chữ ký không khớp nội dung (tệp đã bị sửa hoặc không phải của "
            f"{trusted.name}); không nhận."
        ) from None
    if payload.get("org") != trusted.org:
        raise FederationError(
            f"{name}: khóa của {trusted.name} không được ký số liệu của tổ chức "
            f"“{payload.get('org')}”; không nhận."
        )
    shapes = {"facts": dict, "units": list, "name": str, "made_at": str, "start": str, "end": str}
    if any(not isinstance(payload.get(key), shape) for key, shape in shapes.items()):
        raise FederationError(f"{name}: thiếu số liệu tổng hợp, đơn vị, tên hoặc kỳ.")
    return payload


@dataclass
class Received:
    provinces: list[dict]  # the verified payloads, in the order given
    totals: dict[str, int | float]
    start: str
    end: str


def add_up(payloads: list[dict]) -> Received:
    """The sum of the provinces' figures; refused when they are not of one period or a committee
    is given twice."""
    periods = {(p.get("start"), p.get("end")) for p in payloads}
    if len(periods) > 1:
        listed = ", ".join(f"{p.get('org')}: {p.get('start')} – {p.get('end')}" for p in payloads)
        raise FederationError(f"Các tệp không cùng một kỳ ({listed}); không cộng.")
    orgs = [p["org"] for p in payloads]
    twice = sorted({o for o in orgs if orgs.count(o) > 1})
    if twice:
        raise FederationError(f"Có tổ chức gửi hai tệp: {', '.join(twice)}; không cộng.")
    totals: dict[str, int | float] = {}
    for payload in payloads:
        for fact, value in payload["facts"].items():
            if fact in NOT_SUMMED or isinstance(value, bool):
                continue
            if isinstance(value, int | float):
                totals[fact] = totals.get(fact, 0) + value
    (start, end) = periods.pop() if periods else ("", "")
    return Received(provinces=payloads, totals=totals, start=start, end=end)


def receive(files: list[tuple[str, bytes]], trust: dict[str, Trusted]) -> Received:
    """Every file verified, then added up: one bad file and nothing is added (every problem
    listed)."""
    payloads, problems = [], []
    for name, content in files:
        try:
            payloads.append(verify(content, trust, name))
        except FederationError as e:
            problems.append(str(e))
    if problems:
        raise FederationError("\n".join(problems))
    return add_up(payloads)
