"""The one paragraph helper of the generated Word files (forms, survey report, plan report)."""
from __future__ import annotations

from docx.shared import Pt


def paragraph(container, text: str = "", *, bold=False, italic=False, align=None, size=None, style=None,
              space_after: float = 2):
    """Add a paragraph with one run of `text` to a document or table cell; returns the paragraph."""
    para = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        para.alignment = align
    para.paragraph_format.space_after = Pt(space_after)
    return para
