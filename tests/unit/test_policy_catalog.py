"""The catalog as a policy shapes it: checks left out, the organisation's own questions added,
the lock times said in the policy's minutes, and the code named; and what the audit, plan,
re-audit schedule and receipt make of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from selfaudit.audit import AppState, AuditSession
from selfaudit.audit.plan import build_plan, check_action_id
from selfaudit.audit.reaudit import due_again, schedule
from selfaudit.content import load_catalog
from selfaudit.content.models import NOT_SURE, AnswerKind, Basis, Outcome
from selfaudit.policy import Contact, ContactKind, Policy
from selfaudit.policy_catalog import shape_catalog
from selfaudit.policy_loader import parse_policy
from selfaudit.report.receipt import build_receipt
from tests.helpers import passing_answers
from tests.unit.test_policy_code_checks import EVERY_NEW_FIELD

APP = load_catalog()
POLICY = parse_policy(EVERY_NEW_FIELD, Path("policy.toml"), APP)
SHAPED = shape_catalog(APP, POLICY)
NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


def test_a_skipped_check_is_not_asked_and_the_apps_own_catalog_is_unchanged() -> None:
    assert not SHAPED.has_check("x.protect_posts")
    assert APP.has_check("x.protect_posts")
    assert len(SHAPED.checks) == len(APP.checks) - 1 + 2


def test_the_organisations_own_questions_come_last_in_their_section() -> None:
    own = SHAPED.check("org.approved_messaging")
    assert own.basis is Basis.ORGANISATION
    assert (own.answer, own.good) == (AnswerKind.YES_NO, "yes")
    assert own.question == "Do you contact families only through the approved messaging service?"
    assert own.seed_ref == APP.measure("service_users").seed_ref
    assert own.remedy.title == "Contact families only through the approved messaging service"
    assert own.not_sure_help == "Ask the school office which service is approved."
    service_users = [c.id for c in SHAPED.checks_for("service_users")]
    assert service_users[-1] == "org.approved_messaging"
    assert service_users[:-1] == [c.id for c in APP.checks_for("service_users")]
    # conduct is the last section, and its own question the last of all
    assert SHAPED.checks[-1].id == "org.lanyard"


def test_an_own_question_without_not_sure_help_sends_people_to_their_line_manager() -> None:
    policy = POLICY.model_copy(
        update={
            "checks": POLICY.checks.model_copy(
                update={
                    "extra": tuple(
                        e.model_copy(update={"not_sure_help": None}) for e in POLICY.checks.extra
                    )
                }
            )
        }
    )
    help_text = shape_catalog(APP, policy).check("org.lanyard").not_sure_help
    assert help_text == (
        "Ask your line manager (Sam Jones): this question is from Riverside Schools "
        "Federation's own policy, and they can tell you what it asks of you."
    )
    bare = policy.model_copy(update={"contacts": (), "organisation": ""})
    assert (
        shape_catalog(APP, bare)
        .check("org.lanyard")
        .not_sure_help.startswith(
            "Ask your line manager: this question is from your organisation's own policy"
        )
    )


def test_the_phone_question_and_its_remedy_say_the_policys_minutes() -> None:
    phone = SHAPED.check("device.phone_autolock")
    assert (
        phone.question == "Does your phone lock itself within 5 minutes when you are not using it?"
    )
    assert phone.remedy.title == "Make your phone lock itself within 5 minutes"
    assert all("choose 5 minutes or less" in step for step in phone.remedy.steps)
    computer = SHAPED.check("device.screen_lock")
    assert "lock after 5 minutes or less" in " ".join(computer.remedy.steps)
    assert "alone for 5 minutes" in computer.not_sure_help
    # the built-in policy: a phone within 2 minutes, a computer within 10
    built_in = shape_catalog(APP, Policy())
    assert "within 2 minutes" in built_in.check("device.phone_autolock").question
    assert "alone for 10 minutes" in built_in.check("device.screen_lock").not_sure_help
    one = shape_catalog(APP, Policy(max_screen_lock_minutes=1)).check("device.phone_autolock")
    assert one.question == "Does your phone lock itself within 1 minute when you are not using it?"
    assert APP.check("device.phone_autolock") == built_in.check("device.phone_autolock")


def test_no_words_are_left_with_a_lock_time_to_fill_in() -> None:
    for catalog in (APP, SHAPED):
        for check in catalog.checks:
            text = " ".join((check.question, check.hint, check.not_sure_help, *check.remedy.steps))
            assert "{" not in text, check.id


def test_the_catalog_names_the_organisations_code() -> None:
    assert SHAPED.code.name == (
        "Use of Social Media and Electronic Communication: Code for Employees, version 3.0"
    )
    assert SHAPED.code.number("4") == "2.3"
    assert not APP.code.own and APP.code.number("4") == "4"
    assert shape_catalog(APP, Policy()).code == APP.code


def audit(catalog: object, state: AppState, answers: dict[str, str]) -> AuditSession:
    assert catalog is SHAPED or catalog is APP
    session = AuditSession(SHAPED if catalog is SHAPED else APP, state, clock=lambda: NOW)
    session.set_platforms(["facebook", "x"])
    for check_id, value in answers.items():
        if session.catalog.has_check(check_id):
            session.set_answer(check_id, value)
    session.finish()
    return session


def test_an_answer_to_a_check_the_policy_later_skips_is_kept_and_not_shown() -> None:
    state = AppState()
    answers = passing_answers(APP)
    answers["x.protect_posts"] = "not_yet"
    audit(APP, state, answers)  # before the policy left it out
    assert "check:x.protect_posts" in {
        a.id for a in build_plan(APP, state, Policy(), NOW.date()).actions
    }

    session = AuditSession(SHAPED, state, clock=lambda: NOW + timedelta(days=1))
    assert "x.protect_posts" not in {f.check.id for f in session.findings()}
    plan = build_plan(SHAPED, state, POLICY, NOW.date())
    assert check_action_id("x.protect_posts") not in {a.id for a in plan.actions}
    assert "x.protect_posts" not in {c.id for c in due_again(SHAPED, state, POLICY, NOW)}
    session.set_answer("org.approved_messaging", "yes")
    session.set_answer("org.lanyard", "yes")
    session.finish()
    assert state.answers["x.protect_posts"].value == "not_yet"  # kept
    assert "x.protect_posts" not in state.audits[-1].outcomes
    # and it counts again once the policy stops leaving it out
    assert check_action_id("x.protect_posts") in {
        a.id for a in build_plan(APP, state, Policy(), NOW.date()).actions
    }


def test_the_plan_asks_for_the_organisations_own_question_and_marks_required_checks() -> None:
    state = AppState()
    answers = passing_answers(SHAPED)
    answers["org.approved_messaging"] = "no"
    answers["device.phone_autolock"] = NOT_SURE
    audit(SHAPED, state, answers)
    plan = build_plan(SHAPED, state, POLICY, NOW.date())
    own = plan.action(check_action_id("org.approved_messaging"))
    assert own.basis is Basis.ORGANISATION and own.required
    assert own.steps == POLICY.checks.extra[0].remedy_steps
    phone = plan.action(check_action_id("device.phone_autolock"))
    assert phone.required and phone.finding is Outcome.UNKNOWN
    assert "choose 5 minutes or less" in phone.steps[-1]
    # required checks come first within their severity
    high = [a for a in plan.actions if a.severity is own.severity]
    assert high[0] is own


def test_the_receipt_and_reaudit_schedule_count_the_shaped_catalog() -> None:
    state = AppState()
    answers = passing_answers(SHAPED)
    answers["org.lanyard"] = "no"  # the only check of "conduct" not in place
    audit(SHAPED, state, answers)
    assert "org.lanyard" in state.audits[-1].outcomes
    receipt = build_receipt(SHAPED, state, POLICY)
    assert (receipt.measures_in_place, receipt.measures_total) == (7, 8)
    sections = {s.measure for s in schedule(SHAPED, state, POLICY).sections}
    assert sections == {m.id for m in SHAPED.measures}
    later = NOW + timedelta(days=POLICY.reaudit_days + 1)
    assert "org.approved_messaging" in {c.id for c in due_again(SHAPED, state, POLICY, later)}


def test_the_line_managers_details_end_the_steps_to_tell_them() -> None:
    from selfaudit.audit.friend_actions import tell_steps

    policy = Policy(
        contacts=(
            Contact(role="Designated safeguarding lead", phone="01632 960 214"),
            Contact(
                kind=ContactKind.LINE_MANAGER,
                role="Your manager",
                name="Sam Jones",
                email="s@x.example",
            ),
        )
    )
    steps = tell_steps(policy)
    assert steps[-1] == "Your manager: Sam Jones, s@x.example."
    assert tell_steps(Policy()) == steps[:-1]
