"""The baseline: a bare Flask app with one route returning a small HTML page.

Served by gunicorn with the same settings as the portal, it shows what Flask, gunicorn and the
load generator cost on this machine; the portal's figures are read as a fraction of it.
"""
from flask import Flask

app = Flask(__name__)

PAGE = ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Bare</title></head>"
        "<body><h1>Xin chào</h1><p>A bare Flask route.</p></body></html>")


@app.get("/")
def index():
    return PAGE
