"""The catalog: every check is well-formed, tied to the code, and bad content is named clearly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import NOT_SURE, AnswerKind, Basis, Outcome
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
        if check.basis is Basis.CODE:
            assert normalise(check.quote) in clauses[check.seed_ref], check.id
        else:
            assert not check.quote, f"{check.id}: good practice never quotes the code"


def test_good_practice_never_says_the_code_asks() -> None:
    good_practice = [c for c in load_catalog().checks if c.basis is Basis.GOOD_PRACTICE]
    assert good_practice
    for check in good_practice:
        text = normalise(check.why)
        assert "code" not in text, f"{check.id}: {check.why}"


def test_what_the_issue_names_as_good_practice_is_good_practice() -> None:
    catalog = load_catalog()
    for check_id in (
        "passwords.two_step_email",
        "passwords.two_step_social",
        "passwords.manager",
        "passwords.unique",
        "device.disk_encryption",
        "personal.location",
        "facebook.location",
        "instagram.location",
        "tiktok.location",
        "whatsapp.unknown_callers",
        "linkedin.profile_viewing",
    ):
        assert catalog.check(check_id).basis is Basis.GOOD_PRACTICE, check_id


def test_the_code_is_read_as_it_is_written() -> None:
    """Misreadings found in review, each put right: nothing stronger or weaker than the code."""
    catalog = load_catalog()

    def text(check_id: str) -> str:
        check = catalog.check(check_id)
        parts = (check.question, check.hint, check.why, *check.remedy.steps)
        return normalise(" ".join(parts))

    # §6: "certain posts" are jobs, not social media posts
    standards = catalog.check("conduct.professional_standards")
    assert "certain posts" in normalise(standards.quote) and "job" in text(standards.id)
    assert "some posts must" not in text(standards.id)
    # §5: allegations "should" go through the First Response Team, not "must"
    assert "must" not in text("evidence.allegations_route")
    # §7: "any significant conversation or activity"
    assert "conversation or activity" in text("service_users.manager_told")
    assert "conversation or activity" in text("service_users.none_connected")
    # §7: remove them without harming the professional relationship, not "quietly"
    assert "quietly" not in text("service_users.none_connected")
    assert "professional relationship" in text("service_users.none_connected")
    # §4: the risks of giving your number or e-mail "to others", not only to service users
    assert "anyone" in text("personal.contact_risks")
    # §4: inform others "in accordance with relevant policies", not "someone you trust"
    assert "someone you trust" not in text("evidence.tell_someone")
    assert "policies" in text("evidence.tell_someone")
    assert "someone you trust" not in text("blocking.no_retaliation")
    # §7: no request for contact "by any electronic means", not only from a personal account
    assert "any other electronic means" in text("service_users.no_contact_requested")
    # one question each: the political restriction is asked once, with "Doesn't apply to me"
    political = catalog.check("conduct.political_restrictions")
    assert political.answer is AnswerKind.YES_NO and political.allow_na
    # the allegations question does not contain its own answer, nor an acronym
    route = catalog.check("evidence.allegations_route")
    assert "LADO" not in route.question and "First Response" not in route.question


def test_every_question_has_not_sure_help() -> None:
    for check in load_catalog().checks:
        assert check.not_sure_help.strip(), check.id
        assert "!" not in check.not_sure_help, check.id


def test_the_conduct_of_sections_6_and_7_is_in_the_content() -> None:
    """Each point of the code's conduct rules is asked, or shown as guidance, quoting its clause;
    the audit grows by five questions at most for them."""
    catalog = load_catalog()
    clauses = code_clauses()
    guidance = catalog.guidance_for("conduct")
    assert guidance is not None
    cited = [(c.seed_ref, normalise(c.quote)) for c in catalog.checks if c.quote]
    cited += [(p.seed_ref, normalise(p.quote)) for p in guidance.points]
    for ref, quote in cited:
        assert quote in clauses[ref], quote
    for ref, words in (
        ("6", "conduct of the highest standard"),
        ("6", "invasion of privacy, harassment"),
        ("6", "certain posts"),
        ("6", "disrepute"),
        ("6", "confidentiality"),
        ("6", "political restrictions"),
        ("7", "question their motivation and intentions"),
        ("7", "no suggestion of impropriety"),
        ("7", "clear boundaries"),
        ("7", "abuse of that professional relationship"),
        ("7", "sphere of influence"),
        ("7", "any other form of electronic medium"),
        ("7", "standards of behaviour expected in normal day to day interactions"),
        ("7", "promote and safeguard the well being"),
    ):
        assert any(r == ref and normalise(words) in q for r, q in cited), words
    # the abuses the code lists are each named where the question is asked
    boundaries = normalise(
        " ".join(
            (catalog.check("conduct.boundaries").question, catalog.check("conduct.boundaries").why)
        )
    )
    for abuse in ("improper relationship", "favour", "foul", "views"):
        assert abuse in boundaries, abuse
    assert len(catalog.checks_for("conduct")) <= 4 + 5


def test_guidance_quotes_are_the_code_s_own_words() -> None:
    catalog = load_catalog()
    clauses = code_clauses()
    assert catalog.before_blocking is not None
    for cite in catalog.before_blocking.cites:
        assert normalise(cite.quote) in clauses[cite.seed_ref], cite.quote
    for guidance in catalog.measure_guidance:
        for point in guidance.points:
            assert normalise(point.quote) in clauses[point.seed_ref], point.quote


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
        'measure = "conduct"\nquestion = "If your job is politically',
        'measure = "behaviour"\nquestion = "If your job is politically',
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
        'answer = "yes_no"\ngood = "yes"\nwhy = "Your employer\'s code asks you to choose',
        'answer = "yes_no"\nwhy = "Your employer\'s code asks you to choose',
    )
    with pytest.raises(ContentError, match="needs `good"):
        load_catalog(content_copy)


# the rules the loader keeps: basis, quotes, "not sure" help ----------------------------------


def test_a_code_check_without_its_quote_is_refused(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "10-passwords.toml"
    edit_text(target, 'quote = "choosing hard-to-guess passwords"\n', "")
    with pytest.raises(ContentError, match=r"passwords\.hard_to_guess.*needs `quote`"):
        load_catalog(content_copy)


def test_good_practice_that_quotes_or_claims_the_code_is_refused(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "10-passwords.toml"
    original = target.read_text(encoding="utf-8")
    edit_text(
        target,
        'basis = "good_practice"\nseed_ref = "4"\nseverity = "high"',
        'basis = "good_practice"\nseed_ref = "4"\nquote = "choosing hard-to-guess passwords"\n'
        'severity = "high"',
    )
    with pytest.raises(ContentError, match=r"passwords\.unique.*only `code` checks quote"):
        load_catalog(content_copy)
    load_catalog.cache_clear()
    target.write_text(original, encoding="utf-8")
    edit_text(
        target,
        'why = "If one site is hacked',
        "why = \"Your employer's code asks for this. If one site is hacked",
    )
    with pytest.raises(ContentError, match=r"passwords\.unique.*must not say the code asks"):
        load_catalog(content_copy)


def test_a_check_without_a_basis_is_refused(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "20-device-locking.toml"
    edit_text(target, 'basis = "good_practice"\n', "")
    with pytest.raises(ContentError, match=r"device\.disk_encryption.*`basis`"):
        load_catalog(content_copy)


def test_a_question_without_not_sure_help_is_refused(content_copy: Path) -> None:
    target = content_copy / "content" / "checks" / "80-conduct.toml"
    text = target.read_text(encoding="utf-8")
    start = text.index('not_sure_help = "Think of photos taken at work')
    end = text.index("\n", start) + 1
    target.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError, match=r"conduct\.confidentiality.*not_sure_help"):
        load_catalog(content_copy)
