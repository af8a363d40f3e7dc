"""A lazy translation filled with what a person typed is escaped on the page like any other text: Flask-Babel's
LazyString passes autoescape as markup (its __html__ returns the text as is), so portal.core.i18n turns it into a
plain string first (Jinja's finalize). Both places below put typed values into lazy messages: a plan import's
refused direction cell (portal/plan/building.py) and the missing documents of a refused intake (cases/intake.py)."""
from __future__ import annotations

from flask import render_template_string
from flask_babel import lazy_gettext as _l

TYPED = '<img src=x onerror="alert(1)">'


def test_a_lazy_message_with_typed_text_is_escaped(app_ctx):
    with app_ctx.test_request_context():
        html = render_template_string("<p>{{ message }}</p>",
                                      message=_l("“%(value)s” is not a direction: use >=, >, <=, < or =.", value=TYPED))
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_a_plain_lazy_label_still_reads_as_text_and_markup_stays_markup(app_ctx):
    from markupsafe import Markup

    with app_ctx.test_request_context():
        html = render_template_string("{{ a }}|{{ b }}|{{ c }}", a=_l("Search"), b=Markup("<b>kept</b>"), c="<i>")
    assert html == "Tìm kiếm|<b>kept</b>|&lt;i&gt;"  # Vietnamese, the default language
