"""The organisation policy: the example file, every field's message, line numbers, search order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from selfaudit.content import load_catalog
from selfaudit.content.models import Severity
from selfaudit.paths import AppPaths, resources_dir
from selfaudit.policy import DEFAULT_POLICY, Contact, Policy, PolicyLink
from selfaudit.policy_loader import (
    PolicyError,
    PolicyOrigin,
    Problem,
    bundle_dirs,
    load_policy,
    organisation_hint,
    parse_policy,
    policy_candidates,
    read_policy_file,
)
from selfaudit.policy_summary import describe_policy

EXAMPLE = resources_dir() / "policy" / "example-school-federation.toml"
CONTACT = '[[contacts]]\nrole = "DSL"\nemail = "dsl@school.example"\n'
LINK = '[[links]]\ntitle = "Harassment and Bullying"\nurl = "https://school.example/hb"\n'


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(PolicyError) as info:
        parse_policy(text, Path("policy.toml"), load_catalog())
    return info.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_example_policy_is_valid_and_read_as_written() -> None:
    policy = read_policy_file(EXAMPLE, load_catalog())
    assert policy.organisation == "Riverside Schools Federation"
    assert policy.reaudit_days == 180
    assert policy.reaudit_interval("passwords") == 365
    assert policy.reaudit_interval("service_users") == 120
    assert policy.reaudit_interval("blocking") == 180
    assert policy.max_screen_lock_minutes == 5
    assert {c.role for c in policy.contacts_for("evidence")} >= {
        "Designated safeguarding lead",
        "First Response Team (LADO)",
    }
    assert "IT help desk" not in {c.role for c in policy.contacts_for("evidence")}
    assert [k.title for k in policy.links_for("passwords")] == ["ICT Acceptable Use Policy"]


def test_the_example_explains_the_passphrase_settings() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    policy = read_policy_file(EXAMPLE, load_catalog())
    assert "require_passphrase = false" in text and not policy.require_passphrase
    assert policy.lock_after_minutes == 15
    rows = dict(describe_policy(policy))
    assert rows["Lock when unused"] == "after at most 15 minutes"
    assert rows["Passphrase"].startswith("staff choose")


def test_a_required_passphrase_is_said_in_the_summary() -> None:
    policy = parse_policy("require_passphrase = true\n", Path("p.toml"), load_catalog())
    assert policy.require_passphrase and policy.lock_after_minutes is None
    rows = dict(describe_policy(policy))
    assert rows["Passphrase"] == "required: selfaudit asks for one each time it opens"
    assert rows["Lock when unused"].startswith("staff choose")


def test_an_empty_file_is_the_default_policy() -> None:
    assert parse_policy("", Path("policy.toml"), load_catalog()) == DEFAULT_POLICY


def test_due_days_keeps_defaults_for_severities_left_out() -> None:
    policy = parse_policy("[due_days]\nhigh = 3\n", Path("p.toml"), load_catalog())
    assert policy.due_days == {Severity.HIGH: 3, Severity.MEDIUM: 30, Severity.LOW: 90}


def test_describe_policy_names_sections_and_platforms() -> None:
    rows = dict(describe_policy(read_policy_file(EXAMPLE), load_catalog()))
    assert rows["Organisation"] == "Riverside Schools Federation"
    assert "Passwords every 365 days" in rows["Self-audit"]
    assert rows["Screen lock"] == "after at most 5 minutes"
    assert "X (Twitter)" in rows["Platforms offered"]
    assert dict(describe_policy(DEFAULT_POLICY))["Platforms offered"] == "all"


# every field: (field, text, line, key, words the message must contain)
FIELD_CASES = [
    ("organisation", 'organisation = "' + "x" * 121 + '"', 1, "organisation", ["120 characters"]),
    (
        "organisation",
        'organisation = "Riverside\\u202e Council"',
        1,
        "organisation",
        ["control how text is shown (U+202E)"],
    ),
    (
        "organisation",
        'organisation = "Riverside\\u001b]0;owned\\u0007"',
        1,
        "organisation",
        ["U+001B, U+0007"],
    ),
    ("links", 'links = "https://x.example"', 1, "links", ["[[links]]", "title and a url"]),
    ("title", LINK.replace('"Harassment and Bullying"', '"  "'), 2, "links[1].title", ["name"]),
    ("url", LINK.replace("https://school", "ftp://school"), 3, "links[1].url", ["https://"]),
    (
        "measures",
        LINK + 'measures = ["evidnce"]\n',
        4,
        "links[1].measures[1]",
        ['"evidnce"', 'Did you mean "evidence"'],
    ),
    ("contacts", 'contacts = "the office"', 1, "contacts", ["[[contacts]]"]),
    ("role", '[[contacts]]\nemail = "a@b.example"\n', 1, "contacts[1].role", ["required"]),
    ("name", CONTACT + 'name = "' + "n" * 121 + '"\n', 4, "contacts[1].name", ["name"]),
    ("phone", CONTACT + 'phone = "call me"\n', 4, "contacts[1].phone", ['"call me"', "digits"]),
    (
        "email",
        CONTACT.replace("dsl@school.example", "dsl-at-school"),
        3,
        "contacts[1].email",
        ['"dsl-at-school"', "email address"],
    ),
    (
        "email",
        CONTACT.replace("dsl@school.example", "dsl@school.example?attach=/etc/passwd"),
        3,
        "contacts[1].email",
        ["email address and nothing else"],
    ),
    ("notes", CONTACT + 'notes = "' + "n" * 301 + '"\n', 4, "contacts[1].notes", ["300"]),
    (
        "measures",
        CONTACT + 'measures = ["evidence", "pasword"]\n',
        4,
        "contacts[1].measures[2]",
        ['"pasword"', 'Did you mean "passwords"'],
    ),
    (
        "(contact)",
        '[[contacts]]\nrole = "Line manager"\n',
        1,
        "contacts[1]",
        ['"Line manager"', "phone, email or notes"],
    ),
    ("reaudit_days", "reaudit_days = 3", 1, "reaudit_days", ["3 is not allowed", "7 to 730"]),
    (
        "reaudit_days",
        'reaudit_days = "often"',
        1,
        "reaudit_days",
        ['"often"', "whole number of days"],
    ),
    (
        "reaudit_days_by_measure",
        "[reaudit_days_by_measure]\npasswords = 1000\n",
        2,
        "reaudit_days_by_measure.passwords",
        ["1000", "7 to 730"],
    ),
    (
        "reaudit_days_by_measure",
        "[reaudit_days_by_measure]\npasword = 365\n",
        2,
        "reaudit_days_by_measure.pasword",
        ['"pasword"', 'Did you mean "passwords"', "device_locking"],
    ),
    (
        "required_measures",
        'required_measures = ["passwords", "friends"]',
        1,
        "required_measures[2]",
        ['"friends"', "audit's sections"],
    ),
    (
        "max_screen_lock_minutes",
        "max_screen_lock_minutes = 500",
        1,
        "max_screen_lock_minutes",
        ["500", "1 to 120"],
    ),
    (
        "min_password_score",
        "min_password_score = 5",
        1,
        "min_password_score",
        ["5", "0 (any password) to 4"],
    ),
    (
        "password_words",
        'password_words = ["Riverside", ""]',
        1,
        "password_words[2]",
        ['""', "words"],
    ),
    (
        "platforms",
        'platforms = ["facebook", "instagramm"]',
        1,
        "platforms[2]",
        ['"instagramm"', 'Did you mean "instagram"'],
    ),
    (
        "require_passphrase",
        'require_passphrase = "yes"',
        1,
        "require_passphrase",
        ['"yes"', "true or false", "passphrase each time"],
    ),
    (
        "lock_after_minutes",
        "lock_after_minutes = 0",
        1,
        "lock_after_minutes",
        ["0 is not allowed", "1 to 120", "locks itself"],
    ),
    (
        "lock_after_minutes",
        'lock_after_minutes = "never"',
        1,
        "lock_after_minutes",
        ['"never"', "leave it out"],
    ),
    ("due_days", "[due_days]\nurgent = 2\n", 2, "due_days.urgent", ['"urgent"', "high, medium"]),
    ("due_days", "[due_days]\nhigh = 0\n", 2, "due_days.high", ["0", "1 to 365"]),
    (
        "(unknown key)",
        "reaudit_days = 90\nreaudit_dayz = 90\n",
        2,
        "reaudit_dayz",
        ["not a policy setting", "Did you mean `reaudit_days`"],
    ),
    ("(unknown key)", CONTACT + 'emial = "x"\n', 4, "contacts[1].emial", ["`email`"]),
    # the settings of [code], [checks] and a contact's kind: test_policy_code_checks.py
    ("code", '[code]\nversion = "3"\n', 1, "code.title", ["required"]),
    ("checks", '[checks]\nskip = "x.protect_posts"\n', 2, "checks.skip", ["a list"]),
    ("kind", CONTACT + 'kind = "dsl"\n', 4, "contacts[1].kind", ['"dsl"', "safeguarding"]),
]


@pytest.mark.parametrize(
    ("field", "text", "line", "key", "words"),
    FIELD_CASES,
    ids=[f"{case[0]}-{case[3]}" for case in FIELD_CASES],
)
def test_each_field_has_a_clear_message_with_line_and_key(
    field: str, text: str, line: int, key: str, words: list[str]
) -> None:
    problem = only_problem(text)
    assert (problem.line, problem.key) == (line, key)
    for word in words:
        assert word in problem.message, problem.message
    assert str(problem).startswith(f"line {line}, key `{key}`: ")


def test_every_setting_of_every_model_has_a_message_test() -> None:
    tested = {case[0] for case in FIELD_CASES}
    for model in (Policy, Contact, PolicyLink):
        missing = set(model.model_fields) - tested
        assert not missing, f"{model.__name__}: no validation test for {sorted(missing)}"
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} needs a description for IT"


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = (
        "reaudit_dayz = 90\n"  # 1
        "min_password_score = 9\n"  # 2
        "# a comment\n"  # 3
        "[[contacts]]\n"  # 4
        'role = "DSL"\n'  # 5
        'email = "nope"\n'  # 6
    )
    problems = problems_of(text)
    assert [(p.line, p.key) for p in problems] == [
        (1, "reaudit_dayz"),
        (2, "min_password_score"),
        (6, "contacts[1].email"),
    ]


def test_toml_syntax_error_gives_its_line() -> None:
    problem = only_problem('organisation = "Riverside"\nreaudit_days = \n')
    assert problem.line == 2
    assert "not valid TOML" in problem.message
    assert "(at line" not in problem.message  # the line is said once, by the Problem


def test_unreadable_files_are_explained(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="1 problem") as info:
        read_policy_file(tmp_path / "missing.toml")
    assert "no file" in info.value.problems[0].message
    (tmp_path / "latin1.toml").write_bytes(b'organisation = "caf\xe9"\n')
    with pytest.raises(PolicyError) as info:
        read_policy_file(tmp_path / "latin1.toml")
    assert "UTF-8" in info.value.problems[0].message
    (tmp_path / "huge.toml").write_bytes(b"#" * 300_000)
    with pytest.raises(PolicyError) as info:
        read_policy_file(tmp_path / "huge.toml")
    assert "more than the 256 KB" in info.value.problems[0].message
    with pytest.raises(PolicyError) as info:
        read_policy_file(tmp_path)
    assert "folder" in info.value.problems[0].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "bom.toml").write_bytes(b'\xef\xbb\xbforganisation = "Riverside"\n')
    assert read_policy_file(tmp_path / "bom.toml").organisation == "Riverside"


# search order -------------------------------------------------------------------------------
def write(path: Path, organisation: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'organisation = "{organisation}"\n', encoding="utf-8")
    return path


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return tmp_path / "bundle" / "selfaudit.exe"


def load(app_paths: AppPaths, bundle: Path, explicit: Path | None = None) -> tuple[str, str]:
    loaded = load_policy(explicit, app_paths, load_catalog(), executable=bundle, frozen=True)
    return loaded.policy.organisation, loaded.origin.value


def test_search_order(app_paths: AppPaths, bundle: Path, tmp_path: Path) -> None:
    assert load(app_paths, bundle) == ("", "built_in")
    write(bundle.parent / "policy.toml", "Bundle")
    assert load(app_paths, bundle) == ("Bundle", "bundle")
    write(app_paths.site_config_dirs[0] / "policy.toml", "System")
    assert load(app_paths, bundle) == ("System", "system")
    write(app_paths.config_dir / "policy.toml", "User")
    assert load(app_paths, bundle) == ("User", "user")
    explicit = write(tmp_path / "given.toml", "Given")
    assert load(app_paths, bundle, explicit) == ("Given", "command_line")


def test_the_first_page_names_the_organisation_before_the_policy_is_loaded(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    assert organisation_hint(None, app_paths) == ""  # nothing deployed: "your employer"
    write(app_paths.site_config_dirs[0] / "policy.toml", "System")
    assert organisation_hint(None, app_paths) == "System"
    (app_paths.config_dir / "policy.toml").parent.mkdir(parents=True)
    (app_paths.config_dir / "policy.toml").write_text("organisation = [broken\n")
    assert organisation_hint(None, app_paths) == "System"  # as load_policy skips it
    given = write(tmp_path / "given.toml", "Given")
    assert organisation_hint(given, app_paths) == "Given"
    assert organisation_hint(None, app_paths) == load_policy(None, app_paths).policy.organisation


def test_the_first_page_loads_no_policy_models() -> None:
    code = (
        "import sys\n"
        "from selfaudit.policy_loader import organisation_hint\n"
        "organisation_hint()\n"
        "assert 'pydantic' not in sys.modules and 'selfaudit.policy' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_default_places_come_from_app_paths(app_paths: AppPaths, bundle: Path) -> None:
    candidates = policy_candidates(None, app_paths, executable=bundle, frozen=True)
    assert [(c.path, c.origin) for c in candidates] == [
        (app_paths.config_dir / "policy.toml", PolicyOrigin.USER),
        (app_paths.site_config_dirs[0] / "policy.toml", PolicyOrigin.SYSTEM),
        (bundle.parent / "policy.toml", PolicyOrigin.BUNDLE),
    ]
    unbundled = policy_candidates(None, app_paths, executable=bundle, frozen=False)
    assert PolicyOrigin.BUNDLE not in {c.origin for c in unbundled}


def test_macos_bundle_policy_may_sit_beside_the_app() -> None:
    exe = Path("/Applications/Selfaudit.app/Contents/MacOS/selfaudit")
    assert bundle_dirs(exe, frozen=True) == [exe.parent, Path("/Applications")]
    assert bundle_dirs(exe, frozen=False) == []


def test_a_broken_file_is_skipped_with_its_problems(app_paths: AppPaths, bundle: Path) -> None:
    broken = app_paths.config_dir / "policy.toml"
    broken.parent.mkdir(parents=True)
    broken.write_text("reaudit_dayz = 90\n", encoding="utf-8")
    write(app_paths.site_config_dirs[0] / "policy.toml", "System")
    loaded = load_policy(None, app_paths, load_catalog(), executable=bundle, frozen=True)
    assert (loaded.policy.organisation, loaded.origin) == ("System", PolicyOrigin.SYSTEM)
    [ignored] = loaded.ignored
    assert (ignored.path, ignored.origin) == (broken, PolicyOrigin.USER)
    assert [(p.line, p.key) for p in ignored.problems] == [(1, "reaudit_dayz")]


def test_a_broken_only_file_leaves_the_default(app_paths: AppPaths, tmp_path: Path) -> None:
    given = tmp_path / "given.toml"
    given.write_text("reaudit_days = 1\n", encoding="utf-8")
    loaded = load_policy(given, app_paths, load_catalog())
    assert loaded.policy == DEFAULT_POLICY and loaded.path is None
    assert [i.path for i in loaded.ignored] == [given]


def test_a_missing_given_file_is_reported_not_fatal(app_paths: AppPaths, tmp_path: Path) -> None:
    loaded = load_policy(tmp_path / "nowhere.toml", app_paths, load_catalog())
    assert loaded.origin is PolicyOrigin.BUILT_IN
    [ignored] = loaded.ignored
    assert "no file" in ignored.problems[0].message


def test_a_missing_default_place_is_not_a_problem(app_paths: AppPaths) -> None:
    assert load_policy(None, app_paths, load_catalog()).ignored == ()


# hostile files ------------------------------------------------------------------------------
HOSTILE_POLICIES = {
    "nested 100,000 deep": "a = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "a 5,000-digit number": "reaudit_days = " + "9" * 5000 + "\n",
    "deep inline tables": "a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n",
}


@pytest.mark.parametrize("text", HOSTILE_POLICIES.values(), ids=HOSTILE_POLICIES.keys())
def test_a_hostile_policy_is_one_problem_and_skipped(
    text: str, app_paths: AppPaths, tmp_path: Path
) -> None:
    deployed = app_paths.site_config_dirs[0] / "policy.toml"
    deployed.parent.mkdir(parents=True)
    deployed.write_text(text, encoding="utf-8")
    [problem] = problems_of(text)
    assert problem.message.startswith("this is not a usable policy file: it ")
    loaded = load_policy(None, app_paths, load_catalog())
    assert loaded.policy == DEFAULT_POLICY
    assert [i.path for i in loaded.ignored] == [deployed]
    assert organisation_hint(None, app_paths) == ""


def test_any_failure_while_reading_a_policy_is_skipped_with_a_word(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(app_paths.site_config_dirs[0] / "policy.toml", "System")

    def broken(*args: object) -> None:
        raise OverflowError("something no one foresaw")

    monkeypatch.setattr("selfaudit.policy_loader._parse_policy", broken)
    loaded = load_policy(None, app_paths, load_catalog())
    assert loaded.policy == DEFAULT_POLICY
    [ignored] = loaded.ignored
    assert ignored.problems[0].message == (
        "this is not a usable policy file: it cannot be read as a policy (OverflowError)."
    )
    monkeypatch.setattr("selfaudit.policy_loader.read_policy_file", broken)
    again = load_policy(None, app_paths, load_catalog())
    assert again.policy == DEFAULT_POLICY and ignored.path in [i.path for i in again.ignored]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
def test_special_files_are_refused_by_type_not_read(app_paths: AppPaths, tmp_path: Path) -> None:
    import os

    fifo = app_paths.site_config_dirs[0] / "policy.toml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)  # nobody writes to it: reading would wait for ever
    loaded = load_policy(None, app_paths, load_catalog())
    assert loaded.ignored[0].problems[0].message == (
        "this is a named pipe (FIFO), not a file; a policy is a small text file"
    )
    assert organisation_hint(None, app_paths) == ""
    with pytest.raises(PolicyError) as info:
        read_policy_file(Path("/dev/zero"))
    assert "is a device" in info.value.problems[0].message


def test_the_first_page_never_shows_a_name_that_controls_text(app_paths: AppPaths) -> None:
    write(app_paths.site_config_dirs[0] / "policy.toml", "Riverside\\u202e Council")
    assert organisation_hint(None, app_paths) == ""
