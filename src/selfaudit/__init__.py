"""selfaudit: a private online-safety self-audit for staff who work with children and
vulnerable adults."""

__version__ = "0.1.0"

APP_ID = "uk.selfaudit.SelfAudit"
APP_NAME = "selfaudit"
APP_TITLE = "Online Safety Self-Audit"
