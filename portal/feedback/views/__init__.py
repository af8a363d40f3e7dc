from portal.feedback.views import (
    public,  # noqa: F401
    staff,  # noqa: F401
    stats,  # noqa: F401
)
