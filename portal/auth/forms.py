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


class CodeForm(FlaskForm):
    """A six-digit code from the authenticator app, or a recovery code where the page accepts one."""

    code = StringField(_l("Code"), filters=[strip], validators=[DataRequired(_l("Enter the code.")), Length(max=40)],
                       render_kw={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True,
                                  "spellcheck": "false", "class": "code-input"})


class TwoFactorOffForm(FlaskForm):
    secret = PasswordField(_l("Your password or a code"),
                           validators=[DataRequired(_l("Enter your password or a code.")), Length(max=200)])


class TwoFactorResetForm(FlaskForm):
    confirm = BooleanField(_l("I have checked in person that the officer lost their phone and recovery codes"),
                           validators=[DataRequired(_l("Confirm that you have checked who is asking."))])
