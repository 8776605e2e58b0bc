"""selfaudit: a private online-safety self-audit for staff who work with children and
vulnerable adults."""

import os

# a pydantic plugin installed beside the app (an observability tool, say) would see the
# checklist as it is validated, and could send it elsewhere: none is ever loaded
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

__version__ = "0.1.0"

APP_ID = "uk.selfaudit.SelfAudit"
APP_NAME = "selfaudit"
APP_TITLE = "Online Safety Self-Audit"
