"""The committee's document registry: its own outgoing documents that the 2017 report mentions,
and the documents it received from the superior committee.

Entered through the registry's actions, as the office would. The documents the report only
cites (the Province's, the Centre's) are not typed in here: they enter the registry as
"cited only" entries when the narrative texts that cite them are saved (`link_text`), or when
the office imports a report (`import_citations`).
"""

import tomllib
from pathlib import Path

from dangvu.documents import actions
from dangvu.documents.models import Document
from dangvu.orgs.models import Organization

from .foundation import SLUG, SUPERIOR_SLUG

D = Document.Direction

REGISTER = Path(__file__).resolve().parent / "documents_2017.toml"


def load(stdout):
    committee = Organization.objects.get(slug=SLUG)
    superior = Organization.objects.get(slug=SUPERIOR_SLUG)
    added = 0
    for entry in tomllib.loads(REGISTER.read_text(encoding="utf-8"))["document"]:
        direction, doc_type, symbol, date = (
            D(entry["direction"]),
            entry["type"],
            entry["symbol"],
            entry["date"],
        )
        if _registered(committee, doc_type, symbol, date):
            continue
        actions.register_document(
            None,
            owner_org=committee,
            direction=direction,
            doc_type=doc_type,
            symbol=symbol,
            issuer=committee if direction == D.OUTGOING else superior,
            date=date,
            subject=entry["subject"],
        )
        added += 1
    if added:
        stdout.write(f"  sổ văn bản: {added} văn bản đi, đến")
    else:
        stdout.write("  sổ văn bản: đã có, bỏ qua")


def _registered(org, doc_type, symbol, date):
    """Entered by a previous run (a "cited only" entry does not count: registering completes it)."""
    parts = actions.read_symbol(doc_type, symbol, date)
    return (
        Document.objects.filter(owner_org=org, symbol_key=parts["symbol_key"], date=date)
        .exclude(direction=D.CITED)
        .exists()
    )
