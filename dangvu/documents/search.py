"""Searching the registry: scoped first, then narrowed; the text search ignores diacritics."""

from dangvu.lib.text import fold


def search(
    access,
    q="",
    *,
    direction="",
    doc_type="",
    year=None,
    issuer="",
    secrecy="",
    org=None,
):
    """The entries `access` may read that match every given filter.

    `q`: words that must all appear, diacritics and case ignored, in the symbol, type, name,
    issuer, subject, tags or date ("chi thi 24 tinh uy" finds "Chỉ thị số 24-CT/TU … Tỉnh ủy").
    `issuer`: an issuer code ("TU") or the slug of an organization in dangvu. `org`: only the
    registry of that organization.
    """
    docs = access.documents()
    for word in fold(q).split():
        docs = docs.filter(search_text__contains=word)
    if direction:
        docs = docs.filter(direction=direction)
    if doc_type:
        docs = docs.filter(doc_type=doc_type)
    if year:
        docs = docs.filter(date__year=int(year))
    if issuer:
        docs = docs.filter(issuer_code=issuer) | docs.filter(issuer__slug=issuer)
    if secrecy:
        docs = docs.filter(secrecy=secrecy)
    if org is not None:
        docs = docs.filter(owner_org=org)
    return (
        docs.select_related("owner_org", "issuer")
        .prefetch_related("issuer__names")  # issuer_display names the issuer as of the date
        .order_by("-date", "-id")
    )


def issuer_codes(access):
    """The issuer codes present in the registries `access` reads, for the filter."""
    codes = access.documents().exclude(issuer_code="").values_list("issuer_code", flat=True)
    return sorted(set(codes))


def years(access):
    dates = access.documents().exclude(date=None).dates("date", "year", order="DESC")
    return [d.year for d in dates]
