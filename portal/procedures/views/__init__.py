from portal.procedures.views import public, staff  # noqa: F401
