"""The completion receipt: a one-page PDF the person may hand to their line manager or IT.

It says that an audit was done and how many measures are fully in place, and nothing else: no
answers, no findings, no names of anyone but the person, and theirs only if they type it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from selfaudit import __version__
from selfaudit.audit.reaudit import next_due
from selfaudit.audit.state import AppState, AuditRecord
from selfaudit.content.models import Catalog, Outcome
from selfaudit.dates import local_date, long_date
from selfaudit.policy import Policy
from selfaudit.report.structure import Detail, Details, Document, Paragraph, plain

TITLE = "Online safety self-audit: completion receipt"
WHAT_IT_SHOWS = (
    "This receipt shows that a private online safety self-audit was completed. It does not show "
    "any answers or any details of the audit, which stay on the person's own computer."
)


class NoAuditError(Exception):
    """There is no finished audit to give a receipt for."""


@dataclass(frozen=True)
class Receipt:
    organisation: str
    name: str
    audit_date: date
    measures_in_place: int
    measures_total: int
    next_due: date | None
    app_version: str = __version__
    code: str = ""  # the organisation's own code of practice, its title and version
    required: tuple[int, int] | None = None  # (in place, of) the checks the policy requires

    def rows(self) -> list[tuple[str, str]]:
        rows = []
        if self.organisation:
            rows.append(("Organisation", self.organisation))
        if self.code:
            rows.append(("Code of practice", self.code))
        if self.name:
            rows.append(("Name", self.name))
        rows += [
            ("Audit completed", long_date(self.audit_date)),
            (
                "Measures fully in place",
                f"{self.measures_in_place} of {self.measures_total}",
            ),
        ]
        if self.required is not None:
            passed, asked = self.required
            rows.append(("Checks your organisation requires", f"{passed} of {asked} in place"))
        if self.next_due is not None:
            rows.append(("Next audit due", long_date(self.next_due)))
        rows.append(("App version", f"selfaudit {self.app_version}"))
        return rows


def measures_in_place(catalog: Catalog, record: AuditRecord) -> tuple[int, int]:
    """(fully in place, out of): a measure counts when at least one of its checks applied, and
    is in place when every one that applied passed."""
    in_place = total = 0
    for measure in catalog.measures:
        outcomes = [
            outcome
            for check_id, outcome in record.outcomes.items()
            if catalog.has_check(check_id)
            and catalog.check(check_id).measure == measure.id
            and outcome is not Outcome.NOT_APPLICABLE
        ]
        if outcomes:
            total += 1
            in_place += all(o is Outcome.PASS for o in outcomes)
    return in_place, total


def required_in_place(
    catalog: Catalog, record: AuditRecord, policy: Policy
) -> tuple[int, int] | None:
    """(in place, of) the checks the policy requires that applied in the audit; None when it
    requires none."""
    outcomes = [
        outcome
        for check_id, outcome in record.outcomes.items()
        if catalog.has_check(check_id)
        and policy.requires(catalog.check(check_id))
        and outcome is not Outcome.NOT_APPLICABLE
    ]
    if not outcomes:
        return None
    return sum(o is Outcome.PASS for o in outcomes), len(outcomes)


def build_receipt(catalog: Catalog, state: AppState, policy: Policy, name: str = "") -> Receipt:
    if not state.audits:
        raise NoAuditError("There is no finished audit yet. Finish an audit first.")
    last = state.audits[-1]
    in_place, total = measures_in_place(catalog, last)
    return Receipt(
        organisation=policy.organisation,
        name=" ".join(name.split()),
        audit_date=local_date(last.completed_at),
        measures_in_place=in_place,
        measures_total=total,
        next_due=next_due(catalog, state, policy),
        code=catalog.code.name,
        required=required_in_place(catalog, last, policy),
    )


def receipt_document(receipt: Receipt) -> Document:
    rows = tuple(Detail(label, plain(value)) for label, value in receipt.rows())
    return Document(
        title=TITLE,
        running_header=receipt.organisation or "selfaudit",
        content=(Paragraph(plain(WHAT_IT_SHOWS)), Details(rows, label_width=40)),
    )


def write_receipt_pdf(receipt: Receipt, path: Path) -> None:
    from selfaudit.report.pdf import write_pdf

    write_pdf(receipt_document(receipt), path)
