"""The baseline: a bare Flask app with one route returning a small HTML page.

Served by gunicorn with the same settings as the portal, it shows what Flask, gunicorn and the
load generator cost on this machine; the portal's figures are read as a fraction of it.

`bench_feedback.py` uses the second pair of routes: a form page carrying a hidden token and setting a
cookie (as the portal's form does), and a POST that parses the same urlencoded fields and answers
303, with no validation, no database and no rendering.
"""
from flask import Flask, redirect, request

app = Flask(__name__)

PAGE = ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bare</title></head>"
        "<body><h1>Xin chào</h1><p>A bare Flask route.</p></body></html>")
FORM_PAGE = ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Gửi phản ánh</title></head>"
             "<body><form method=\"post\"><input id=\"csrf_token\" name=\"csrf_token\" type=\"hidden\" "
             "value=\"bare-token\"><button>Gửi</button></form></body></html>")
FEEDBACK_FORM = "/phan-anh-kien-nghi/gui"


@app.get("/")
def index():
    return PAGE


@app.get(FEEDBACK_FORM)
def feedback_form():
    response = app.make_response(FORM_PAGE)
    response.set_cookie("session", "bare-session", httponly=True, samesite="Lax")
    return response


@app.post(FEEDBACK_FORM)
def feedback_submit():
    if not request.form.get("title") or request.form.get("csrf_token") != "bare-token":
        return "missing fields", 400
    return redirect(f"{FEEDBACK_FORM}/da-nhan", code=303)
