"""The audit: answers, findings, scores and history. Plain Python, no Qt."""

from selfaudit.audit.findings import Finding, Scores, applies, evaluate, score
from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import Answer, AppState, AuditRecord

__all__ = [
    "Answer",
    "AppState",
    "AuditRecord",
    "AuditSession",
    "Finding",
    "Scores",
    "applies",
    "evaluate",
    "score",
]
