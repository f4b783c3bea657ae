"""CSV cells that a spreadsheet will show as text, never run as a formula."""

# Spreadsheets run cells starting with these as formulas; what people typed must stay text.
# Full-width forms too: spreadsheets in some locales read "＝1+2" as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def text_cell(text: str) -> str:
    """`text` as a cell: a leading formula character is neutralised with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text
