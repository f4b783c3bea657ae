"""Find personal data in text a participant typed: email addresses, phone numbers, street addresses.

Pure (no Django). Patterns are tuned to flag for a moderator, not to redact silently: they
catch the common international and national forms and leave years, dates, amounts, version
numbers and ordinary counts ("3 roads") alone.
"""

import re
from dataclasses import asdict, dataclass

EMAIL, PHONE, ADDRESS = "email", "phone", "address"


@dataclass(frozen=True)
class PiiSpan:
    kind: str  # "email", "phone" or "address"
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return asdict(self)


_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*"
    r"(?:@|\s?[\[(]at[\])]\s?)"  # also "name [at] host [dot] org", written to dodge filters
    r"[A-Za-z0-9-]+(?:(?:\.|\s?[\[(]dot[\])]\s?)[A-Za-z0-9-]+)*(?:\.|\s?[\[(]dot[\])]\s?)[A-Za-z]{2,24}\b"
)

# A run of digit groups joined by single separators, optionally after "+" or "(".
_PHONE_CANDIDATE = re.compile(r"(?<![\w+.,/:-])(?:\+|\(\+?)?\d[\d().\- ]{5,22}\d(?![\w.,/:-]?\d)")
_GROUPS = re.compile(r"^(\+|00)?\(?\d{1,4}\)?(?:[ .-]?\(?\d{1,5}\)?)*$")
# North American numbers: (555) 123-4567, 555-123-4567, 555.123.4567, 1-555-123-4567.
_NANP = re.compile(r"^(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$")


def _is_phone(candidate: str) -> bool:
    text = candidate.strip()
    if not _GROUPS.match(text) or text.count("(") != text.count(")"):
        return False
    digits = re.sub(r"\D", "", text)
    if _NANP.match(text):
        return True
    if text.startswith(("+", "(+", "00")):  # international: country code + subscriber number
        return 8 <= len(digits) - (2 if text.startswith("00") else 0) <= 15
    if text.startswith(("0", "(0")):  # national with a trunk prefix: 020 7946 0958, 06 12 34 56 78
        groups = re.split(r"[ .\-()]+", text.strip("()"))
        return 10 <= len(digits) <= 11 and all(len(g) >= 2 for g in groups[1:] if g)
    return False


_STREET_TYPES = (
    r"(?:street|avenue|road|boulevard|lane|drive|court|place|terrace|way|close|crescent|square|"
    r"parkway|highway|alley|row|gardens|grove|walk|mews)\b"
    r"|(?:st|ave|rd|blvd|ln|ct|pl|sq|pkwy|hwy)\b\.?"  # abbreviations keep their full stop
)
_NAME_WORD = r"[A-Z][\w'’.-]*"
_ADDRESS_PATTERNS = (
    # 221B Baker Street, 1600 Pennsylvania Avenue NW, 10 Downing St.
    re.compile(
        rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_NAME_WORD}\s+){{1,4}}(?i:{_STREET_TYPES})"
        r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    ),
    # 12 rue de Rivoli, 5 avenue des Champs-Élysées, 3 calle Mayor, 7 via Roma
    re.compile(
        r"\b\d{1,5}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|boulevard|bd|chemin|allée|impasse|place|quai|"
        r"calle|avenida|via|viale|piazza|rua|travessa)\s+(?:(?:de|du|des|la|le|les|d'|del|della|da|do)\s+)*"
        r"[A-ZÀ-Ý][\wÀ-ÿ'’-]*"
    ),
    # Hauptstraße 12, Kerkstraat 4a, Mühlenweg 3, Marktplatz 1 (the number after the street)
    re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ring|straat|laan|"
        r"gracht|vägen|gatan|gade|vej)\s+\d{1,4}[a-z]?\b"
    ),
)


def find_pii(text: str) -> list[PiiSpan]:
    """Spans of personal data in `text`, in order and not overlapping (the longest wins)."""
    if not text:
        return []
    found: list[PiiSpan] = [
        PiiSpan(EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
    ]
    for match in _PHONE_CANDIDATE.finditer(text):
        if _is_phone(match.group()):
            found.append(PiiSpan(PHONE, match.start(), match.end(), match.group()))
    for pattern in _ADDRESS_PATTERNS:
        found.extend(
            PiiSpan(ADDRESS, m.start(), m.end(), m.group().rstrip()) for m in pattern.finditer(text)
        )
    spans: list[PiiSpan] = []
    for span in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        if not spans or span.start >= spans[-1].end:
            spans.append(span)
    return spans


def find_pii_in_fields(fields: dict[str, str | list[str]]) -> dict[str, list[PiiSpan]]:
    """Per field (lists as "name.N", numbered from 1), the spans found; fields without any are left out."""
    out: dict[str, list[PiiSpan]] = {}
    for name, value in fields.items():
        items = (
            [(f"{name}.{n}", v) for n, v in enumerate(value, 1)]
            if isinstance(value, list)
            else [(name, value)]
        )
        for where, text in items:
            spans = find_pii(text or "")
            if spans:
                out[where] = spans
    return out


def redact(text: str, spans: list[PiiSpan] | None = None) -> str:
    """`text` with each span replaced by "[email]", "[phone]" or "[address]"."""
    spans = find_pii(text) if spans is None else spans
    parts, position = [], 0
    for span in spans:
        parts += [text[position : span.start], f"[{span.kind}]"]
        position = span.end
    return "".join(parts) + text[position:]
