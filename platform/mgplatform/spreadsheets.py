"""CSV cells that a spreadsheet will show as text, never run as a formula."""

# Spreadsheets run cells starting with these as formulas; what people typed must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """`text` as a cell: a leading formula character is neutralised with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text
