"""The catalog: every check is well-formed, tied to the code, and bad content is named clearly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import NOT_SURE, AnswerKind, Outcome
from selfaudit.paths import resources_dir
from tests.helpers import edit_text


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def code_clauses() -> dict[str, str]:
    """The code of practice split into its numbered clauses (1., 2., ... in sequence; numbered
    lists inside a clause restart at 1 and are part of it)."""
    text = (resources_dir() / "reference" / "code-of-practice.txt").read_text(encoding="utf-8")
    starts: list[tuple[int, int]] = []
    for match in re.finditer(r"^(\d+)\. ", text, flags=re.MULTILINE):
        number = int(match.group(1))
        if number == len(starts) + 1:
            starts.append((number, match.start()))
    ends = [start for _, start in starts[1:]] + [len(text)]
    return {str(n): normalise(text[s:e]) for (n, s), e in zip(starts, ends, strict=True)}


def test_catalog_loads_with_every_measure_of_the_code() -> None:
    catalog = load_catalog()
    assert {m.id for m in catalog.measures} >= {
        "passwords",
        "device_locking",
        "blocking",
        "personal_info",
        "visibility",
        "service_users",
        "evidence",
        "conduct",
    }
    assert {c.seed_ref for c in catalog.checks} == {"4", "5", "6", "7"}
    assert len({c.id for c in catalog.checks}) == len(catalog.checks)


def test_every_quote_is_the_code_s_own_words_in_the_cited_clause() -> None:
    clauses = code_clauses()
    for check in load_catalog().checks:
        assert normalise(check.quote) in clauses[check.seed_ref], check.id


@pytest.mark.parametrize(
    "words",
    [
        "choosing hard-to-guess passwords",
        "not letting anyone else know them",
        "not leaving your mobile phone or personal computer around",
        "leaving details on view when left unattended",
        "being careful about personal information and images",
        "giving your mobile number or personal e-mail address",
        "making use of blocking facilities",
        "not replying or retaliating",
        "saving evidence of offending messages",
        "logging any incidents",
        "noting the dates, times and content of messages",
        "It is important they are not deleted",
        "Harassment and Bullying policy",
        "First Response Team",
        "disrepute",
        "Confidentiality",
        "Political restrictions",
        "decline any request from an existing or previous service user",
        "request contact with an existing or previous user",
        "remove this access",
        "inform your Line Manager",
        "enable the access to personal information to be restricted",
    ],
)
def test_every_actionable_point_of_the_code_has_a_check(words: str) -> None:
    """Each actionable phrase of the code is quoted by at least one check."""
    wanted = normalise(words)
    quotes = [normalise(c.quote) for c in load_catalog().checks]
    assert any(wanted in q or q in wanted for q in quotes), words


def test_every_question_offers_not_sure_and_not_sure_is_never_a_pass() -> None:
    for check in load_catalog().checks:
        values = [o.value for o in check.choices()]
        assert NOT_SURE in values, check.id
        assert check.outcome_of(NOT_SURE) is Outcome.UNKNOWN
        assert check.outcome_of(None) is Outcome.UNKNOWN
        assert check.outcome_of("nonsense") is Outcome.UNKNOWN
        assert any(o.outcome is Outcome.PASS for o in check.choices()), check.id
        assert any(o.outcome is Outcome.FAIL for o in check.choices()), check.id


def test_detected_checks_name_their_probe() -> None:
    detected = [c for c in load_catalog().checks if c.answer is AnswerKind.DETECTED]
    assert {c.probe for c in detected} == {"screen_lock", "disk_encryption"}


def test_every_check_has_a_remedy_with_steps_and_plain_text() -> None:
    for check in load_catalog().checks:
        assert check.remedy.steps, check.id
        for text in (check.question, check.why, check.remedy.title, *check.remedy.steps):
            assert "!" not in text, f"{check.id}: calm tone, no exclamation marks: {text}"


# loader errors -------------------------------------------------------------------------------


def test_a_misspelt_key_names_file_check_and_key(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "10-passwords.toml"
    edit_text(target, 'severity = "high"', 'severty = "high"')
    with pytest.raises(ContentError) as info:
        load_catalog(content_copy)
    message = str(info.value)
    assert "10-passwords.toml" in message
    assert "passwords.hard_to_guess" in message
    assert "severty" in message and "severity" in message


def test_a_wrong_value_names_the_key(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "20-device-locking.toml"
    edit_text(target, 'severity = "medium"', 'severity = "urgent"')
    with pytest.raises(ContentError, match=r"device\.disk_encryption.*`severity`"):
        load_catalog(content_copy)


def test_unknown_clause_and_measure_are_refused(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "80-conduct.toml"
    edit_text(target, 'seed_ref = "6"', 'seed_ref = "9"')
    edit_text(
        target,
        'measure = "conduct"\nquestion = "Is your job',
        'measure = "behaviour"\nquestion = "Is your job',
    )
    with pytest.raises(ContentError) as info:
        load_catalog(content_copy)
    message = str(info.value)
    assert "no clause '9'" in message
    assert "no measure 'behaviour'" in message


def test_duplicate_ids_and_broken_toml_are_refused(content_copy: Path) -> None:
    checks = content_copy / "content" / "checks"
    shutil.copy(checks / "80-conduct.toml", checks / "90-copy.toml")
    with pytest.raises(ContentError, match=r"already used in 80-conduct\.toml"):
        load_catalog(content_copy)
    (checks / "90-copy.toml").write_text("[[check]\nid = ", encoding="utf-8")
    with pytest.raises(ContentError, match=r"90-copy\.toml.*not valid TOML"):
        load_catalog(content_copy)


def test_kind_rules_are_enforced(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "10-passwords.toml"
    edit_text(
        target,
        'answer = "yes_no"\ngood = "yes"\nwhy = "Passwords made',
        'answer = "yes_no"\nwhy = "Passwords made',
    )
    with pytest.raises(ContentError, match="needs `good"):
        load_catalog(content_copy)
