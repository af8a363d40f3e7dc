from portal.procedures.views import (  # noqa: F401
    io,  # noqa: F401,E402
    public,
    staff,
)
