"""Account forms: shape only; meaning lives in rules and services."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length
from wtforms.widgets import CheckboxInput, ListWidget

from portal.core.forms import strip


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Enter your e-mail.")), Length(max=200)])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=200)])


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))])
    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password.")), Length(max=200)])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[EqualTo("password", _l("The two passwords are not the same."))])


class PasswordResetForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password.")), Length(max=200)])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter the full name.")), Length(max=200)])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[
        DataRequired(_l("Enter the e-mail.")), Email(_l("Enter a valid e-mail address.")), Length(max=200)])
    unit_id = SelectField(_l("Unit"), coerce=int)  # 0 = none (administrators, managers)
    roles = MultiCheckboxField(_l("Roles"), validators=[DataRequired(_l("Choose at least one role."))])
    is_active = BooleanField(_l("Account is active"), default=True)
    password = PasswordField(_l("Initial password"), validators=[Length(max=200)])
    version = HiddenField()
