"""The policy's own code ([code]), its rules for checks ([checks]) and its contacts' kinds: each
setting read as written, each mistake said at its line and key, `policy check` saying what the
policy changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfaudit.cli import run
from selfaudit.content import load_catalog
from selfaudit.policy import (
    CheckRules,
    Contact,
    ContactKind,
    ExtraCheck,
    OrganisationCode,
    Policy,
    kind_of_role,
)
from selfaudit.policy_loader import parse_policy
from tests.unit.test_policy import only_problem

# a policy that uses every setting this file is about
EVERY_NEW_FIELD = """\
organisation = "Riverside Schools Federation"
max_screen_lock_minutes = 5

[code]
title = "Use of Social Media and Electronic Communication: Code for Employees"
version = "3.0"
url = "https://intranet.example/hr/social-media-code"
owner = "Human Resources"
reviewed_on = 2026-04-01

[code.sections]
"4" = "2.3"
"5" = "2.4"
"6" = "3"
"7" = "4.1"

[checks]
require = ["device.phone_autolock", "org.approved_messaging"]
skip = ["x.protect_posts"]

[[checks.extra]]
id = "org.approved_messaging"
measure = "service_users"
question = "Do you contact families only through the approved messaging service?"
why = "Messages sent through the approved service are kept, which protects you and them."
severity = "high"
not_sure_help = "Ask the school office which service is approved."
remedy_title = "Contact families only through the approved messaging service"
remedy_steps = [
  "Ask the school office for an account on the approved service.",
  "Move any conversation with a family there, and stop using your own phone for it.",
]

[[checks.extra]]
id = "org.lanyard"
measure = "conduct"
question = "Do you keep your staff badge out of photos you post?"
why = "A badge in a photo tells strangers where you work."
severity = "low"
remedy_title = "Keep your staff badge out of photos"
remedy_steps = ["Take your badge off before photos are taken."]

[[contacts]]
kind = "line_manager"
role = "Your line manager"
name = "Sam Jones"
email = "sam.jones@riverside.example"

[[contacts]]
kind = "safeguarding"
role = "Designated safeguarding lead"
phone = "01632 960 214"

[[contacts]]
kind = "lado"
role = "First Response Team"
phone = "01632 960 555"

[[contacts]]
kind = "hr"
role = "People team"
email = "people@riverside.example"

[[contacts]]
kind = "union"
role = "Staff union representative"
notes = "Ask in the staff room"

[[contacts]]
kind = "it"
role = "Help desk"
phone = "01632 960 300"

[[contacts]]
kind = "other"
role = "Wellbeing service"
notes = "Free and confidential"
"""


def test_a_policy_using_every_new_field_is_read_as_written() -> None:
    policy = parse_policy(EVERY_NEW_FIELD, Path("policy.toml"), load_catalog())
    assert policy.code is not None
    assert policy.code.title.startswith("Use of Social Media")
    assert (policy.code.version, policy.code.owner) == ("3.0", "Human Resources")
    assert str(policy.code.url) == "https://intranet.example/hr/social-media-code"
    assert policy.code.reviewed_on == date(2026, 4, 1)
    assert policy.code.sections == {"4": "2.3", "5": "2.4", "6": "3", "7": "4.1"}
    assert policy.checks.require == ("device.phone_autolock", "org.approved_messaging")
    assert policy.checks.skip == ("x.protect_posts",)
    assert [e.id for e in policy.checks.extra] == ["org.approved_messaging", "org.lanyard"]
    assert [c.kind for c in policy.contacts] == list(ContactKind)
    assert policy.phone_lock_minutes == 5


def test_policy_check_passes_it_and_says_what_it_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(EVERY_NEW_FIELD, encoding="utf-8")
    assert run(["policy", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "is a valid selfaudit policy" in out
    assert (
        "Use of Social Media and Electronic Communication: Code for Employees, version 3.0" in out
    )
    assert "Code last reviewed    1 April 2026" in out
    assert "Section numbers       4 is 2.3, 5 is 2.4, 6 is 3, 7 is 4.1\n" in out
    total = len(load_catalog().checks)
    changes = "2 required (2 of them named in checks.require), 1 left out, 2 of your own added"
    assert f"{changes}, of the app's {total}" in out
    assert "Screen lock           after at most 5 minutes" in out
    assert "safeguarding lead: Designated safeguarding lead; LADO: First Response Team" in out
    assert "trade union: Staff union representative" in out


THREE_MISTAKES = """\
[code]
title = "Use of Social Media: Code for Employees"
reviewed_on = "last April"

[code.sections]
"4" = "2.3"

[checks]
skip = ["x.protect_post"]

[[checks.extra]]
id = "approved_messaging"
measure = "service_users"
question = "Do you contact families only through the approved messaging service?"
why = "It protects you and them."
severity = "high"
remedy_title = "Use the approved messaging service"
remedy_steps = ["Ask the school office for an account."]
"""


def test_three_mistakes_in_the_new_fields_are_three_problems_at_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(THREE_MISTAKES, encoding="utf-8")
    assert run(["policy", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}: 3 problems." in out
    lines = [line.strip() for line in out.splitlines()[1:]]
    assert lines[0].startswith('line 3, key `code.reviewed_on`: "last April" is not allowed')
    assert lines[1].startswith('line 9, key `checks.skip[1]`: "x.protect_post" is not one of')
    assert 'Did you mean "x.protect_posts"?' in lines[1]
    assert lines[2].startswith('line 12, key `checks.extra[1].id`: "approved_messaging"')
    assert 'starting with "org."' in lines[2]


EXTRA = """\
[[checks.extra]]
id = "org.approved_messaging"
measure = "service_users"
question = "Do you contact families only through the approved messaging service?"
why = "It protects you and them."
severity = "high"
remedy_title = "Use the approved messaging service"
remedy_steps = ["Ask the school office for an account."]
"""
CODE = '[code]\ntitle = "Staff Code"\n'

# (field, text, line, key, words the message must contain)
FIELD_CASES = [
    ("code", 'code = "Staff Code"', 1, "code", ["[code]", "title"]),
    ("title", '[code]\nversion = "3.0"\n', 1, "code.title", ["required", "title"]),
    ("title", '[code]\ntitle = ""\n', 2, "code.title", ['""', "title"]),
    ("version", CODE + 'version = "3.0\\n"\n', 3, "code.version", ["version"]),
    ("url", CODE + 'url = "intranet/code"\n', 3, "code.url", ["https://"]),
    ("owner", CODE + 'owner = "' + "o" * 121 + '"\n', 3, "code.owner", ["who looks after"]),
    ("reviewed_on", CODE + "reviewed_on = 2026-13-01\n", 3, "", ["not valid TOML"]),
    ("reviewed_on", CODE + 'reviewed_on = "April"\n', 3, "code.reviewed_on", ["2026-04-01"]),
    (
        "sections",
        CODE + '[code.sections]\n"8" = "5"\n',
        4,
        "code.sections.8",
        ['"8"', "sections of the code the app cites", "4, 5, 6, 7"],
    ),
    (
        "sections",
        CODE + '[code.sections]\n"4" = "2.3; see 7"\n',
        4,
        "code.sections.4",
        ['"2.3; see 7"', '"4" = "2.3"'],
    ),
    ("checks", 'checks = ["x.protect_posts"]', 1, "checks", ["[checks]", "require"]),
    (
        "require",
        '[checks]\nrequire = ["device.phone_autolok"]\n',
        2,
        "checks.require[1]",
        ['"device.phone_autolok"', 'Did you mean "device.phone_autolock"', "selfaudit checks"],
    ),
    ("require", '[checks]\nrequire = ["Phone lock"]\n', 2, "checks.require[1]", ["checks"]),
    (
        "skip",
        '[checks]\nskip = ["x.protect_post"]\n',
        2,
        "checks.skip[1]",
        ['Did you mean "x.protect_posts"'],
    ),
    (
        "skip",
        '[checks]\nskip = ["service_users.none_connected"]\n',
        2,
        "checks.skip[1]",
        ["cannot be left out", "friend check"],
    ),
    (
        "skip",
        '[checks]\nskip = ["org.approved_messaging"]\n' + EXTRA,
        2,
        "checks.skip[1]",
        ["one of your own checks"],
    ),
    (
        "skip",
        '[checks]\nrequire = ["x.protect_posts"]\nskip = ["x.protect_posts"]\n',
        3,
        "checks.skip[1]",
        ["also in `checks.require`"],
    ),
    ("extra", '[checks]\nextra = "Do you?"\n', 2, "checks.extra", ["[[checks.extra]]"]),
    (
        "id",
        EXTRA.replace('"org.approved_messaging"', '"approved_messaging"'),
        2,
        "checks.extra[1].id",
        ['starting with "org."'],
    ),
    ("id", EXTRA + EXTRA, 10, "checks.extra[2].id", ["earlier [[checks.extra]]"]),
    (
        "measure",
        EXTRA.replace('"service_users"', '"service_user"'),
        3,
        "checks.extra[1].measure",
        ['Did you mean "service_users"'],
    ),
    (
        "question",
        EXTRA.replace('question = "Do you contact', 'question = "' + "q" * 200 + " contact"),
        4,
        "checks.extra[1].question",
        ["yes or no"],
    ),
    ("why", EXTRA.replace('"It protects you and them."', '" "'), 5, "checks.extra[1].why", []),
    (
        "severity",
        EXTRA.replace('"high"', '"urgent"'),
        6,
        "checks.extra[1].severity",
        ['"urgent"', '"high", "medium" or "low"'],
    ),
    (
        "not_sure_help",
        EXTRA + 'not_sure_help = ""\n',
        9,
        "checks.extra[1].not_sure_help",
        ["Not sure"],
    ),
    (
        "remedy_title",
        EXTRA.replace('remedy_title = "Use the approved messaging service"\n', ""),
        1,
        "checks.extra[1].remedy_title",
        ["required", "action in the plan"],
    ),
    (
        "remedy_steps",
        EXTRA.replace('["Ask the school office for an account."]', "[]"),
        8,
        "checks.extra[1].remedy_steps",
        ["an empty list", "1 to 12 steps"],
    ),
    (
        "kind",
        '[[contacts]]\nkind = "safeguard"\nrole = "DSL"\nnotes = "Office"\n',
        2,
        "contacts[1].kind",
        ['"safeguard"', "line_manager, safeguarding, lado, hr, union, it or other"],
    ),
    (
        "(unknown key)",
        CODE + 'titel = "Staff Code"\n',
        3,
        "code.titel",
        ["not a policy setting", "Did you mean `title`"],
    ),
    (
        "(unknown key)",
        "[checks]\nskipped = []\n",
        2,
        "checks.skipped",
        ["Did you mean `skip`"],
    ),
    (
        "(unknown key)",
        EXTRA + 'remedy_step = ["x"]\n',
        9,
        "checks.extra[1].remedy_step",
        ["Did you mean `remedy_steps`"],
    ),
]


@pytest.mark.parametrize(
    ("field", "text", "line", "key", "words"),
    FIELD_CASES,
    ids=[f"{case[0]}-{case[3]}-{index}" for index, case in enumerate(FIELD_CASES)],
)
def test_each_new_field_has_a_clear_message_with_line_and_key(
    field: str, text: str, line: int | None, key: str, words: list[str]
) -> None:
    problem = only_problem(text)
    assert (problem.line, problem.key) == (line, key), problem
    for word in words:
        assert word in problem.message, problem.message


def test_every_new_setting_has_a_message_test_and_a_description() -> None:
    tested = {case[0] for case in FIELD_CASES}
    for model in (OrganisationCode, CheckRules, ExtraCheck):
        missing = set(model.model_fields) - tested
        assert not missing, f"{model.__name__}: no validation test for {sorted(missing)}"
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} needs a description for IT"


def test_leaving_a_section_with_nothing_to_ask_is_refused_at_its_last_skip() -> None:
    catalog = load_catalog()
    passwords = [c.id for c in catalog.checks_for("passwords")]
    skip = ", ".join(f'"{check_id}"' for check_id in passwords)
    problem = only_problem(f"[checks]\nskip = [\n{skip}\n]\n")
    assert problem.key == f"checks.skip[{len(passwords)}]"
    assert '"Passwords" with no questions' in problem.message
    # one of the organisation's own questions in the section is enough
    own = EXTRA.replace('"service_users"', '"passwords"')
    parse_policy(f"[checks]\nskip = [{skip}]\n" + own, Path("p.toml"), catalog)


def test_a_required_check_may_be_one_of_the_organisations_own() -> None:
    text = '[checks]\nrequire = ["org.approved_messaging"]\n' + EXTRA
    policy = parse_policy(text, Path("p.toml"), load_catalog())
    assert policy.checks.require == ("org.approved_messaging",)


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("Designated safeguarding lead", ContactKind.SAFEGUARDING),
        ("DSL (Mrs Patel)", ContactKind.SAFEGUARDING),
        ("Safeguarding manager", ContactKind.SAFEGUARDING),
        ("First Response Team (LADO)", ContactKind.LADO),
        ("Local Authority Designated Officer", ContactKind.LADO),
        ("Your line manager", ContactKind.LINE_MANAGER),
        ("HR team", ContactKind.HR),
        ("Human Resources", ContactKind.HR),
        ("UNISON branch", ContactKind.UNION),
        ("Trade union representative", ContactKind.UNION),
        ("IT help desk", ContactKind.IT),
        ("IT manager", ContactKind.IT),
        ("Wellbeing service", ContactKind.OTHER),
        ("Three Counties Trust", ContactKind.OTHER),
    ],
)
def test_a_contact_without_a_kind_is_read_from_its_role(role: str, kind: ContactKind) -> None:
    assert kind_of_role(role) is kind
    assert Contact(role=role, notes="x").what_for is kind


def test_contacts_are_picked_by_kind_in_the_policys_order() -> None:
    policy = Policy(
        contacts=(
            Contact(role="Head of pastoral care", kind=ContactKind.SAFEGUARDING, notes="a"),
            Contact(role="IT help desk", notes="b", measures=("passwords",)),
            Contact(role="Designated safeguarding lead", notes="c", measures=("evidence",)),
            Contact(role="Line manager", notes="d"),
        )
    )
    safeguarding = policy.contacts_of(ContactKind.SAFEGUARDING)
    assert [c.notes for c in safeguarding] == ["a", "c"]
    assert [c.notes for c in policy.contacts_of(ContactKind.SAFEGUARDING, measure="passwords")] == [
        "a"
    ]
    assert [c.notes for c in policy.contacts_of(ContactKind.IT, ContactKind.LINE_MANAGER)] == [
        "b",
        "d",
    ]
    assert policy.contacts_of(ContactKind.HR) == []


def test_the_phone_is_given_the_policys_lock_time_only_when_it_sets_one() -> None:
    assert Policy().phone_lock_minutes == 2  # the built-in limit for a phone
    assert Policy().max_screen_lock_minutes == 10
    assert Policy(max_screen_lock_minutes=10).phone_lock_minutes == 10
    catalog = load_catalog()
    assert parse_policy("max_screen_lock_minutes = 1", Path("p"), catalog).phone_lock_minutes == 1
    assert parse_policy("", Path("p"), catalog).phone_lock_minutes == 2


def test_the_example_policy_names_its_code_and_what_each_contact_is_for() -> None:
    from selfaudit.paths import resources_dir

    example = resources_dir() / "policy" / "example-school-federation.toml"
    policy = parse_policy(example.read_text(encoding="utf-8"), example, load_catalog())
    assert policy.code is not None and policy.code.title.startswith("Riverside Schools Federation")
    assert set(policy.code.sections) == {c.ref for c in load_catalog().clauses}
    text = example.read_text(encoding="utf-8")
    assert text.count("[[contacts]]") == len(policy.contacts)
    assert all(contact.kind is not None for contact in policy.contacts)  # given, not guessed
    assert all(contact.kind == contact.what_for for contact in policy.contacts)
    kinds = {contact.kind for contact in policy.contacts}
    assert {ContactKind.HR, ContactKind.UNION, ContactKind.SAFEGUARDING} <= kinds
    assert [e.id for e in policy.checks.extra] == ["org.approved_messaging"]
    assert policy.checks.require and policy.checks.skip == ()
