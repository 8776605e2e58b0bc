""" "Something has happened": the situations' content, who to tell, the note, and the plan actions
a situation adds."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from selfaudit.audit.plan import build_plan, progress_entry
from selfaudit.audit.progress import ActionStatus
from selfaudit.audit.session import AuditSession
from selfaudit.audit.state import AppState
from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import Basis, Severity
from selfaudit.content.situations import (
    ContactKind,
    HelpAction,
    PlanKind,
    load_situations,
)
from selfaudit.paths import resources_dir
from selfaudit.policy import DEFAULT_POLICY, Contact, Policy
from selfaudit.policy import ContactKind as PolicyContactKind
from selfaudit.policy_loader import read_policy_file
from selfaudit.situations.contacts import who_to_tell
from selfaudit.situations.note import (
    WORD_LIMIT,
    count_words,
    draft_note,
    first_prompt,
    mailto,
)
from selfaudit.situations.page import page_for, page_json
from tests.helpers import edit_text
from tests.unit.test_content import code_clauses, normalise

EXAMPLE_POLICY = resources_dir() / "policy" / "example-school-federation.toml"
IDS = ("friend-request", "contact", "abuse", "found-friend", "child-image", "allegation")


def example_policy() -> Policy:
    return read_policy_file(EXAMPLE_POLICY, load_catalog())


# the content ---------------------------------------------------------------------------------


def test_the_six_situations_in_order_each_tied_to_the_code() -> None:
    help_ = load_situations()
    assert help_.ids == IDS
    for situation in help_.situation:
        assert situation.seed_ref in {"5", "7"}
        assert situation.title and situation.hint and situation.intro
        assert situation.do_now and situation.do_not and situation.tell


def test_every_step_quotes_the_code_word_for_word_or_says_good_practice() -> None:
    clauses = code_clauses()
    steps = [
        (situation.id, step)
        for situation in load_situations().situation
        for step in (*situation.do_now, *situation.do_not)
    ]
    assert {step.basis for _, step in steps} == {Basis.CODE, Basis.GOOD_PRACTICE}
    for situation_id, step in steps:
        if step.basis is Basis.CODE:
            assert normalise(step.quote) in clauses[step.seed_ref], (situation_id, step.quote)
        else:
            assert not step.quote, situation_id
            assert "code" not in normalise(step.text), (situation_id, step.text)


def test_a_step_that_cites_the_code_asks_no_sooner_than_its_quote() -> None:
    """A deadline the code does not give ("today", "straight away") is not put in its mouth:
    a step citing the code may set a time only when the words it quotes do."""
    soon = ("today", "straight away", "at once", "immediate", "as soon as", "right away")
    for situation in load_situations().situation:
        for step in (*situation.do_now, *situation.do_not):
            if step.basis is not Basis.CODE:
                continue
            for word in soon:
                if word in normalise(step.text):
                    assert word in normalise(step.quote), (situation.id, step.text)


def test_the_code_is_read_here_as_the_audit_reads_it() -> None:
    """The misreadings put right in the audit's questions stay out of these pages: a step that
    cites the code says what the code says, not more and not less."""
    line_manager = "should inform your Line Manager, if any significant conversation or activity"
    relationship = "does not jeopardise your professional relationship"
    cited = 0
    for situation in load_situations().situation:
        for step in (*situation.do_now, *situation.do_not):
            text = normalise(step.text)
            assert "quietly" not in text, (situation.id, step.text)
            if step.basis is not Basis.CODE:
                continue
            # §7: any significant conversation "or activity", not only chatting
            if normalise(line_manager) in normalise(step.quote):
                cited += 1
                assert "significant conversation or activity" in text, (situation.id, step.text)
            # §7: remove them without harming the professional relationship, not "quietly"
            if normalise(relationship) in normalise(step.quote):
                cited += 1
                assert "professional relationship" in text, (situation.id, step.text)
    assert cited >= 4  # the line manager on three pages, the relationship on one


def test_the_words_are_calm() -> None:
    text = (resources_dir() / "content" / "situations.toml").read_text(encoding="utf-8")
    assert "!" not in text
    for situation in load_situations().situation:
        for step in (*situation.do_now, *situation.do_not):
            words = len(step.text.split())
            assert words <= 30, (situation.id, step.text)


def test_what_each_page_offers() -> None:
    help_ = load_situations()
    offers = {s.id: set(s.actions) for s in help_.situation}
    assert {i for i, a in offers.items() if HelpAction.RECORD in a} == {"contact", "abuse"}
    assert {i for i, a in offers.items() if HelpAction.CHECK_FRIENDS in a} == {"found-friend"}
    assert {i for i, a in offers.items() if HelpAction.NOTE in a} == {
        "friend-request",
        "contact",
        "found-friend",
    }
    found_friend = help_.get("found-friend")
    assert found_friend is not None
    assert set(found_friend.plan) == {PlanKind.REMOVE_FRIEND, PlanKind.TELL_LINE_MANAGER}
    assert all(
        PlanKind.REMOVE_FRIEND not in s.plan for s in help_.situation if s is not found_friend
    )


def test_what_not_to_do() -> None:
    help_ = load_situations()

    def never(situation_id: str) -> str:
        situation = help_.get(situation_id)
        assert situation is not None
        return " ".join(normalise(step.text) for step in situation.do_not)

    for word in ("screenshot", "copy", "save", "forward", "show"):
        assert word in never("child-image"), word
    assert "reply" in never("abuse") and "hit back" in never("abuse")
    assert "delete" in never("abuse") and "delete" in never("contact")
    assert "carry on the conversation" in never("contact")
    # where the steps save evidence, the warning about images of children is read first,
    # before the step that says to take a screenshot
    warning = load_catalog().image_warning
    assert warning is not None
    for situation_id in ("contact", "abuse"):
        situation = help_.get(situation_id)
        assert situation is not None
        assert "screenshot" in situation.do_now[0].text
        assert help_.do_now(situation)[0].text == warning.step
        assert help_.do_now(situation)[1:] == situation.do_now
    child = help_.get("child-image")
    assert child is not None and child.image_warning and HelpAction.RECORD not in child.actions


def test_outside_help_where_it_fits() -> None:
    help_ = load_situations()
    helpline = {
        s.id
        for s in help_.situation
        if "professionals_helpline" in {o.id for o in help_.outside_help_for(s)}
    }
    assert helpline == {"contact", "abuse", "allegation"}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'quote = "saving evidence of offending messages"\n',
            "",
            r"situation 'abuse': key `do_now\.0`: .*needs `quote`",
        ),
        (
            'outside_help = ["professionals_helpline"]\nactions = ["record", "note"]',
            'outside_help = ["samaritans"]\nactions = ["record", "note"]',
            r"situation 'contact': key `outside_help`: no service 'samaritans'",
        ),
        (
            'actions = ["check_friends", "note"]',
            'actions = ["check_friends"]',
            r"situation 'found-friend': .*`note` goes with",
        ),
        ('kind = "union"', 'kind = "hr"', r"no \[\[default_contact\]\] with kind = 'union'"),
        ("On {date}, a service user sent", "On {day}, a service user sent", r"\{day\}"),
        (
            'text = "Do not look for more, or try to find out who it is."',
            'text = "Your employer\'s code asks you not to look for more."',
            r"situation 'child-image': .*must not say the code asks",
        ),
        ('seed_ref = "5"\nintro = "This is not', 'seed_ref = "9"\nintro = "This is not', "'9'"),
    ],
)
def test_a_mistake_in_the_file_is_named_with_its_situation_and_key(
    content_copy: Path, old: str, new: str, problem: str
) -> None:
    edit_text(content_copy / "content" / "situations.toml", old, new)
    with pytest.raises(ContentError, match=problem) as raised:
        load_situations(content_copy)
    assert "situations.toml" in str(raised.value)


# who to tell ---------------------------------------------------------------------------------


def tell(situation_id: str, policy: Policy) -> list[tuple[ContactKind, str, bool]]:
    help_ = load_situations()
    situation = help_.get(situation_id)
    assert situation is not None
    return [(t.kind, t.contact.role, t.from_policy) for t in who_to_tell(help_, situation, policy)]


def test_without_a_policy_the_built_in_contacts_say_how_to_find_them() -> None:
    help_ = load_situations()
    for situation in help_.situation:
        told = who_to_tell(help_, situation, DEFAULT_POLICY)
        assert [t.kind for t in told] == list(situation.tell)
        assert not any(t.from_policy for t in told)
        assert all(t.contact.notes and not t.contact.phone for t in told)
    assert tell("child-image", DEFAULT_POLICY) == [
        (ContactKind.SAFEGUARDING, "Your designated safeguarding lead", False)
    ]


def test_the_example_policy_s_safeguarding_lead_and_line_manager() -> None:
    policy = example_policy()
    help_ = load_situations()
    child = help_.get("child-image")
    assert child is not None
    (lead,) = who_to_tell(help_, child, policy)
    assert lead.from_policy and lead.contact.name == "Mrs A. Patel"
    assert lead.contact.phone == "01632 960 214"
    assert tell("found-friend", policy) == [(ContactKind.LINE_MANAGER, "Your line manager", True)]
    assert tell("allegation", policy) == [
        (ContactKind.SAFEGUARDING, "Designated safeguarding lead", True),
        (ContactKind.LADO, "First Response Team (LADO)", True),
        (ContactKind.HR, "Federation HR team", True),
        (ContactKind.UNION, "Your trade union representative", True),
    ]
    # a policy without a kind's contact: the built-in one stands in for just that kind
    no_union = policy.model_copy(
        update={
            "contacts": tuple(
                c for c in policy.contacts if c.role != "Your trade union representative"
            )
        }
    )
    assert tell("abuse", no_union)[-1] == (ContactKind.UNION, "Your trade union", False)


def test_contacts_are_picked_by_their_kind_or_else_the_words_of_their_role() -> None:
    policy = Policy(
        contacts=(
            Contact(role="HR team", email="hr@example.org"),  # no kind: read from the role
            Contact(role="Three Rivers union branch", phone="01632 960 111"),
            # the kind given wins over the role's words ("DSL" would say safeguarding)
            Contact(kind=PolicyContactKind.LINE_MANAGER, role="Head of year and DSL", notes="x"),
            Contact(role="Safeguarding manager", notes="Ask at the office"),
        )
    )
    assert tell("abuse", policy) == [
        (ContactKind.LINE_MANAGER, "Head of year and DSL", True),
        (ContactKind.HR, "HR team", True),
        (ContactKind.UNION, "Three Rivers union branch", True),
    ]
    assert tell("contact", policy) == [
        (ContactKind.LINE_MANAGER, "Head of year and DSL", True),
        (ContactKind.SAFEGUARDING, "Safeguarding manager", True),
    ]


def test_the_kinds_a_situation_names_are_the_policy_s_kinds() -> None:
    assert {k.value for k in ContactKind} <= {k.value for k in PolicyContactKind}


# the page as data ----------------------------------------------------------------------------


def test_the_page_as_json_has_steps_contacts_and_actions() -> None:
    help_ = load_situations()
    contact = help_.get("contact")
    assert contact is not None
    data = page_json(page_for(help_, contact, example_policy()))
    assert data["id"] == "contact" and data["seed_ref"] == "7"
    # the image warning first, then the steps: a screenshot (good practice), ..., the code's
    assert "do not screenshot" in data["do_now"][0]["text"]
    assert data["do_now"][1]["basis"] == "good_practice" and data["do_now"][1]["quote"] is None
    assert data["do_now"][3]["basis"] == "code" and data["do_now"][3]["quote"]
    assert [t["role"] for t in data["tell"]] == [
        "Your line manager",
        "Designated safeguarding lead",
    ]
    assert data["tell"][1]["email"] == "dsl@riverside-federation.example"
    assert data["outside_help"][0]["phone"] == "0344 381 4772"
    assert data["actions"] == ["record", "note"] and data["plan"] == ["tell_line_manager"]
    assert data["image_warning"] is None
    child = help_.get("child-image")
    assert child is not None
    assert page_json(page_for(help_, child, DEFAULT_POLICY))["image_warning"]["instead"]


# the note to the line manager ----------------------------------------------------------------


def test_each_note_is_short_dated_and_leaves_room_for_the_person() -> None:
    day = date(2027, 3, 4)
    for situation in load_situations().situation:
        if situation.note is None:
            continue
        note = draft_note(situation.note, day, "on Instagram")
        assert note.words < WORD_LIMIT
        assert "4 March 2027" in note.body and "on Instagram" in note.body
        assert "{" not in note.as_text()
        start_end = first_prompt(note.body)
        assert start_end is not None and note.body[start_end[0]] == "["
        assert note.body[start_end[1] - 1] == "]"
        unplaced = draft_note(situation.note, day)
        assert unplaced.body == note.body.replace(" on Instagram", "", 1)


def test_the_mailto_address_carries_the_note_exactly() -> None:
    template = load_situations().get("contact")
    assert template is not None and template.note is not None
    note = draft_note(template.note, date(2027, 3, 4), "by text message")
    edited = note.__class__(
        subject=note.subject + " & more?", body=note.body + "Zoë said: 50% #1 😊\n"
    )
    address = mailto(edited, "line.manager@example.org")
    assert address.startswith("mailto:line.manager@example.org?subject=")
    assert re.fullmatch(r"[A-Za-z0-9%._~:@?=&-]+", address), "every other character encoded"
    query = parse_qs(urlsplit(address).query, strict_parsing=True)
    assert query["subject"] == [edited.subject]
    assert query["body"] == [edited.body.replace("\n", "\r\n")]
    assert mailto(edited).startswith("mailto:?subject=")


def test_words_are_counted_as_a_person_would() -> None:
    assert count_words("Hello,\n\nOn 4 March 2027, a pupil…  sent") == 8
    assert count_words("") == 0


# the plan ------------------------------------------------------------------------------------


NOW = datetime(2027, 3, 4, 10, 0, tzinfo=UTC)


def test_a_situation_adds_its_lasting_actions_to_the_plan_with_their_due_dates() -> None:
    catalog = load_catalog()
    state = AppState()
    session = AuditSession(catalog, state, clock=lambda: NOW)
    changes: list[bool] = []
    session.subscribe(lambda: changes.append(True))
    removal = session.add_situation_action("found-friend", PlanKind.REMOVE_FRIEND, "instagram")
    telling = session.add_situation_action("found-friend", PlanKind.TELL_LINE_MANAGER)
    assert len(changes) == 2
    policy = Policy(due_days={Severity.HIGH: 3})
    plan = build_plan(catalog, state, policy, NOW.date())
    remove = plan.action(removal.id)
    assert remove.title == "Remove or unfollow the service user you found on Instagram"
    assert remove.due == NOW.date() + timedelta(days=3) and remove.status is ActionStatus.TODO
    assert remove.clause_ref == "7" and remove.quote
    assert any("Instagram" in step or "Remove" in step for step in remove.steps)
    assert all("{name}" not in step for step in remove.steps)
    told = plan.action(telling.id)
    assert told.title == "Tell your line manager about your contact with a service user"
    assert plan.first is not None and plan.first.id in {removal.id, telling.id}
    # an unknown site gets the general steps
    other = session.add_situation_action("found-friend", PlanKind.REMOVE_FRIEND)
    assert build_plan(catalog, state, policy, NOW.date()).action(other.id).title == (
        "Remove or unfollow the service user you found"
    )
    with pytest.raises(ValueError, match="unknown platform"):
        session.add_situation_action("found-friend", PlanKind.REMOVE_FRIEND, "myspace")


def test_ticking_off_a_situation_action_survives_the_next_audit() -> None:
    catalog = load_catalog()
    state = AppState()
    session = AuditSession(catalog, state, clock=lambda: NOW)
    item = session.add_situation_action("contact", PlanKind.TELL_LINE_MANAGER)
    session.set_action_progress(item.id, progress_entry(ActionStatus.DONE, NOW, NOW.date()))
    session.finish()
    assert state.action_progress[item.id].status is ActionStatus.DONE
    assert build_plan(catalog, state, DEFAULT_POLICY, NOW.date()).action(item.id).status is (
        ActionStatus.DONE
    )
