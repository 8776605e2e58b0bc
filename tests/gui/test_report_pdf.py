"""PDFs read back with pypdf: A4 pages numbered, the organisation on each page, the receipt
carrying nothing but its few facts."""

from __future__ import annotations

import os
from pathlib import Path

import pypdf
import pytest
from PySide6.QtWidgets import QApplication

from selfaudit import __version__
from selfaudit.audit.state import Answer
from selfaudit.dates import long_date
from selfaudit.policy import PolicyLink
from selfaudit.report.document import plan_document, plan_report
from selfaudit.report.page_setup import PAGE
from selfaudit.report.pdf import write_pdf
from selfaudit.report.receipt import build_receipt, write_receipt_pdf
from selfaudit.report.structure import Document, Paragraph, plain
from tests.unit.test_plan import AUDIT_DAY, CATALOG, TODAY
from tests.unit.test_report import CANARY, POLICY, realistic_state

# the page set-up in PDF points (1/72 inch)
PAGE_POINTS = (round(PAGE.width_mm / 25.4 * 72), round(PAGE.height_mm / 25.4 * 72))


def flat(text: str) -> str:
    """One space between words: text as a search can find it."""
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    reader = pypdf.PdfReader(path)
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == PAGE_POINTS
    texts = [page.extract_text() for page in reader.pages]
    # "fi" as one character would break a web address copied from the page
    assert not any(ligature in text for text in texts for ligature in "\ufb00\ufb01\ufb02")
    return [flat(text) for text in texts]


def test_plan_pdf_pages_are_numbered_and_headed(qapp: QApplication, tmp_path: Path) -> None:
    address = "https://intranet.example.org/files/staff-conduct-profile.pdf"
    link = PolicyLink(title="Staff conduct", url=address)
    report = plan_report(
        CATALOG, realistic_state(), POLICY.model_copy(update={"links": (link,)}), TODAY
    )
    path = tmp_path / "plan.pdf"
    pages = write_pdf(plan_document(report), path)
    texts = page_texts(path)
    assert len(texts) == pages >= 2
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text
        assert "Riverside <Borough> Council" in text
    whole = " ".join(texts)
    for action in report.plan.actions:
        assert flat(action.title) in whole
    assert address in "".join(whole.split()), "the address can be copied from the page"
    assert CANARY not in whole
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file was left behind"
    assert path.stat().st_mode & 0o077 == 0, "others on the computer must not read the plan"


def test_pdf_to_a_folder_that_does_not_exist_is_a_clear_error(
    qapp: QApplication, tmp_path: Path
) -> None:
    from selfaudit.report.files import ExportError

    with pytest.raises(ExportError, match="cannot write in"):
        write_pdf(Document("t", "h", (Paragraph(plain("x")),)), tmp_path / "missing" / "plan.pdf")


def test_receipt_contains_its_facts_and_none_of_the_answers(
    qapp: QApplication, tmp_path: Path
) -> None:
    state = realistic_state()
    # a canary among the answers, as if a free-text answer had been typed
    state.answers["passwords.unique"] = Answer(value="canary_answer_xyzzy", answered_at=AUDIT_DAY)
    state.audits[-1].answers["passwords.unique"] = state.answers["passwords.unique"]
    receipt = build_receipt(CATALOG, state, POLICY, name="Alex Morgan")
    path = tmp_path / "receipt.pdf"
    write_receipt_pdf(receipt, path)
    texts = page_texts(path)
    assert len(texts) == 1
    text = texts[0]
    for label, value in receipt.rows():
        assert label in text and value in text
    assert "Alex Morgan" in text and f"selfaudit {__version__}" in text
    assert long_date(TODAY) in text
    forbidden = ["canary_answer_xyzzy", CANARY, "Facebook", "Sam Patel"]
    forbidden += [c.question for c in CATALOG.checks] + [c.remedy.title for c in CATALOG.checks]
    forbidden += [m.title for m in CATALOG.measures]
    leaked = [f for f in forbidden if flat(f) in text]
    assert leaked == []


def test_receipt_and_pdf_plan_commands(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from selfaudit.cli import run

    state = realistic_state()
    monkeypatch.setattr("selfaudit.cli.context.load_state", lambda: state)
    monkeypatch.setattr("selfaudit.cli.context.load_policy", lambda args: POLICY)
    path = tmp_path / "receipt.pdf"
    assert run(["receipt", "-o", str(path), "--name", "Alex Morgan"]) == 0
    (text,) = page_texts(path)
    assert "Alex Morgan" in text and "Riverside <Borough> Council" in text
    assert CANARY not in text
    assert run(["plan", "-o", str(tmp_path / "plan.pdf")]) == 0
    assert "Page 1 of" in page_texts(tmp_path / "plan.pdf")[0]
    out = capsys.readouterr().out
    assert "Saved your receipt" in out and "Saved your plan" in out
    old_umask = os.umask(0o022)  # PDFs are the person's alone, whatever the umask says
    try:
        assert run(["receipt", "-o", str(path)]) == 0
        assert run(["plan", "-o", str(tmp_path / "plan.pdf")]) == 0
    finally:
        os.umask(old_umask)
    for saved in (path, tmp_path / "plan.pdf"):
        assert saved.stat().st_mode & 0o777 == 0o600, saved


def test_receipt_and_plan_pdfs_follow_the_organisations_policy(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfaudit.cli import run
    from tests.unit.test_commands_follow_policy import CODE, audited_under_the_policy
    from tests.unit.test_policy_code_checks import EVERY_NEW_FIELD

    state = audited_under_the_policy()
    monkeypatch.setattr("selfaudit.cli.context.load_state", lambda: state)
    policy = tmp_path / "policy.toml"
    policy.write_text(EVERY_NEW_FIELD, encoding="utf-8")
    receipt = tmp_path / "receipt.pdf"
    assert run(["--policy", str(policy), "receipt", "-o", str(receipt)]) == 0
    (text,) = page_texts(receipt)
    assert f"Code of practice {CODE}" in text
    assert "Checks your organisation requires 0 of 2 in place" in text
    assert "Measures fully in place 5 of 8" in text
    plan = tmp_path / "plan.pdf"
    assert run(["--policy", str(policy), "plan", "-o", str(plan)]) == 0
    whole = " ".join(page_texts(plan))
    assert f"Based on {CODE}" in whole
    assert "Your employer's code, section 2.3." in whole and "section 4" not in whole
    assert "Make your phone lock itself within 5 minutes" in whole
    assert "Riverside Schools Federation asks this in its own policy." in whole
