from portal.procedures.views import public, staff  # noqa: F401
from portal.procedures.views import io  # noqa: F401,E402
