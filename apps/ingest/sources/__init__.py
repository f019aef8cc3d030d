"""The sources a disclosure comes in, each turned into the same text of numbered
lines and cells (sources/text.py): a PDF through pdfplumber (pdf.py), a workbook
of the official tables sheet by sheet (xlsx.py), or the text itself."""

from .pdf import pdf_text
from .text import decode
from .xlsx import is_xlsx, xlsx_text


def disclosure_text(content: bytes, filename: str = "") -> str:
    """One text, whatever the source: a PDF's through pdfplumber, a workbook of the
    official tables sheet by sheet, or the text file itself."""
    if content[:5] == b"%PDF-" or filename.lower().endswith(".pdf"):
        return pdf_text(content)
    if is_xlsx(content, filename):
        return xlsx_text(content)
    return decode(content)
