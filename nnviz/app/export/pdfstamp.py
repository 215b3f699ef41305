"""Make a QPdfWriter file reproducible: the same drawing gives the same bytes.

QPdfWriter takes the document ID from ``setDocumentId`` (random otherwise) but always
stamps the current time, in local time, into the Info dictionary (``/CreationDate``,
``/ModDate``) and the XMP metadata (``xmp:CreateDate``, ``ModifyDate``,
``MetadataDate``); Qt has no setter for it. ``fix_dates`` rewrites those stamps to
one given instant in UTC. The XMP dates always have the same length (Qt writes the
offset as ±HH:MM), so the metadata stream keeps its /Length; the Info dates are
``...Z`` in UTC and ``...+HH'mm'`` elsewhere, so they may change length, and the
cross-reference table and ``startxref`` are shifted to match. Honours
SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is set.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}(?:Z|[+-]\d{2}'\d{2}'?)?\)")
_XMP_DATE = re.compile(rb'xmp:(CreateDate|ModifyDate|MetadataDate)="'
                       rb'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}"')
_XREF = re.compile(rb"\nxref\n0 (\d+)\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_STARTXREF = re.compile(rb"startxref\s+(\d+)(\s*%%EOF\s*)$")


class PdfStampError(ValueError):
    """The bytes are not laid out as QPdfWriter writes them."""


def stamp_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH if set (reproducible builds), else 2000-01-01 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return FIXED


def document_id(text: str) -> str:
    """A UUID named by ``text`` (version 5): the same sheet always has the same /ID."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "nnviz:" + text))


def fix_dates(data: bytes, when: dt.datetime | None = None) -> bytes:
    """``data`` with every creation/modification stamp set to ``when`` (UTC)."""
    when = (when or stamp_time()).astimezone(dt.timezone.utc)
    xmp = when.strftime("%Y-%m-%dT%H:%M:%S+00:00").encode()
    data = _XMP_DATE.sub(lambda m: b"xmp:" + m.group(1) + b'="' + xmp + b'"', data)
    info = b"D:" + when.strftime("%Y%m%d%H%M%S").encode() + b"Z"
    shifts: list[tuple[int, int]] = []  # (end of the old text, change in length)
    pieces, last = [], 0
    for m in _INFO_DATE.finditer(data):
        new = b"/" + m.group(1) + b" (" + info + b")"
        pieces += [data[last:m.start()], new]
        shifts.append((m.end(), len(new) - (m.end() - m.start())))
        last = m.end()
    pieces.append(data[last:])
    body = b"".join(pieces)
    if not any(d for _, d in shifts):
        return body

    def moved(offset: int) -> int:
        return offset + sum(d for end, d in shifts if end <= offset)

    table = list(_XREF.finditer(body))
    tail = _STARTXREF.search(body)
    if len(table) != 1 or tail is None:
        raise PdfStampError("not a single-section PDF as QPdfWriter writes it")
    start, count = table[0].end(), int(table[0].group(1))
    entries = body[start:start + 20 * count]

    def entry(m: re.Match) -> bytes:
        if m.group(3) == b"f":
            return m.group(0)
        return b"%010d %s n" % (moved(int(m.group(1))), m.group(2))

    fixed = _ENTRY.sub(entry, entries)
    body = body[:start] + fixed + body[start + len(entries):]
    tail = _STARTXREF.search(body)
    return (body[:tail.start()] + b"startxref\n%d" % moved(int(tail.group(1)))
            + tail.group(2))
