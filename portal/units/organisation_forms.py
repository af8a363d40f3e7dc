"""The form of a new organisation profile from a date (portal.units.organisation)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.core.forms import DayField, strip


class ProfileForm(FlaskForm):
    """Record a new name (and issuer lines, address) from a date: documents dated before it keep the old one."""
    committee_name = StringField(_l("Committee's full name"), filters=[strip], validators=[
        DataRequired(_l("Enter the committee's name.")), Length(max=200)])
    short_name = StringField(_l("Short name"), filters=[strip], validators=[Length(max=200)])
    issuer_line = StringField(_l("Body printed above the issuing unit on forms"), filters=[strip],
                              validators=[Length(max=200)])
    superior_name = StringField(_l("Superior body"), filters=[strip], validators=[Length(max=200)])
    province = StringField(_l("Province"), filters=[strip], validators=[Length(max=100)])
    place = StringField(_l("Place in the date line"), filters=[strip], validators=[
        DataRequired(_l("Enter the place printed before the date.")), Length(max=100)])
    address = StringField(_l("Address"), filters=[strip], validators=[Length(max=300)])
    phone = StringField(_l("Phone"), filters=[strip], validators=[Length(max=40)])
    valid_from = DayField(_l("Valid from"), validators=[InputRequired(_l("Enter the date the new profile takes effect."))])
    expected = HiddenField()

    def values(self) -> dict:
        return {name: getattr(self, name).data or "" for name in (
            "committee_name", "short_name", "issuer_line", "superior_name", "province", "place", "address", "phone")}
