"""The guidance beside the log: complete for every platform, tied to the code, clear when a data
file has a mistake, and calm."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from selfaudit.content import ContentError, load_catalog
from selfaudit.evidence.guidance import CHANNEL_GUIDES, load_evidence_guidance
from selfaudit.evidence.models import Channel
from selfaudit.paths import resources_dir
from selfaudit.policy import Contact, ContactKind, Policy, PolicyLink
from tests.evidence_helpers import details


def copy_resources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(resources_dir(), root)
    return root


def all_text(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [t for item in value for t in all_text(item)]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in all_text(getattr(value, name))]
    return []


def test_every_platform_and_channel_has_capture_and_report_steps() -> None:
    guidance = load_evidence_guidance()
    covered = {guide.applies_to for guide in guidance.capture}
    assert covered == {p.id for p in load_catalog().platforms} | set(CHANNEL_GUIDES)


def test_the_routes_of_section_5_are_all_there() -> None:
    words = " ".join(all_text(load_evidence_guidance().route))
    for needed in ("Harassment and Bullying policy", "First Response Team", "LADO", "Report"):
        assert needed in words


def test_the_words_are_calm() -> None:
    for text in all_text(load_evidence_guidance()):
        assert "!" not in text, text


def test_the_guide_for_an_incident_follows_its_channel_or_site() -> None:
    guidance = load_evidence_guidance()
    names = {p.name.casefold(): p.id for p in load_catalog().platforms}
    assert guidance.capture_for_incident(details(channel=Channel.EMAIL), names) == "email"
    assert guidance.capture_for_incident(details(platform="WhatsApp"), names) == "whatsapp"
    assert guidance.capture_for_incident(details(platform="Mumsnet"), names) == "other"
    assert guidance.capture_for("no-such-thing").applies_to == "other"


def test_routes_pick_the_policys_own_links_and_contacts_by_kind() -> None:
    policy = Policy(
        organisation="Oakfield Primary School",
        links=(
            PolicyLink(title="Harassment and Bullying at Work", url="https://example.org/hb"),
            PolicyLink(title="ICT Acceptable Use", url="https://example.org/ict"),
        ),
        contacts=(
            Contact(role="Designated safeguarding lead", name="R. Patel", notes="Office 4"),
            Contact(role="LADO (First Response Team)", phone="01632 960001"),
            Contact(role="HR team", email="hr@example.org"),
            Contact(role="Three Counties Union", name="not HR", notes="Ask at reception"),
            Contact(role="IT help desk", notes="Room 2"),
            # a kind given is taken over the role's words
            Contact(kind=ContactKind.HR, role="People team", notes="Room 9"),
        ),
    )
    routes = {route.id: route for route in load_evidence_guidance().route}
    work = routes["harassment_policy"]
    assert [link.title for link in work.links(policy)] == ["Harassment and Bullying at Work"]
    # the code: "seek assistance from managers, colleagues or trade unions"
    assert [c.role for c in work.contacts(policy)] == [
        "HR team",
        "Three Counties Union",
        "People team",
    ]
    staff = routes["allegation_against_staff"]
    assert [c.role for c in staff.contacts(policy)] == [
        "Designated safeguarding lead",
        "LADO (First Response Team)",
    ]


def test_a_mistake_in_the_file_is_reported_with_item_and_key(tmp_path: Path) -> None:
    root = copy_resources(tmp_path)
    path = root / "content" / "evidence.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('applies_to = "tiktok"\nidentify', 'applies_to = "tiktok"\nidentfy', 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as error:
        load_evidence_guidance(root)
    message = str(error.value)
    assert "evidence.toml" in message
    assert "capture 'tiktok': key `identfy`" in message
    assert "capture 'tiktok': key `identify`: Field required" in message


def test_an_unknown_platform_or_clause_is_reported(tmp_path: Path) -> None:
    root = copy_resources(tmp_path)
    path = root / "content" / "evidence.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('applies_to = "snapchat"', 'applies_to = "snapchatt"', 1)
    text = text.replace(
        'seed_ref = "4"\nquote = "not replying or retaliating',
        'seed_ref = "9"\nquote = "not replying or retaliating',
        1,
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_evidence_guidance(root)
    problems = error.value.problems
    assert "first_step 'dont_reply': key `seed_ref`: no clause '9' in clauses.toml" in problems
    assert any(
        p.startswith("capture 'snapchatt': key `applies_to`: not a platform") for p in problems
    )
    assert "no [[capture]] for 'snapchat'" in problems


def test_what_the_guidance_says_of_the_code_is_the_code_s_own_words() -> None:
    """A first step or report route that rests on the code quotes its section word for word;
    the police route, the same-day call to the safeguarding lead and the like are not in §5 and
    are said as good practice."""
    from selfaudit.content.models import Basis
    from tests.unit.test_content import code_clauses, normalise

    guidance = load_evidence_guidance()
    clauses = code_clauses()
    for item in (*guidance.first_step, *guidance.route):
        if item.basis is Basis.CODE:
            assert normalise(item.quote) in clauses[item.seed_ref], item.id
        else:
            assert not item.quote, item.id
    routes = {route.id: route for route in guidance.route}
    assert routes["police"].basis is Basis.GOOD_PRACTICE
    allegation = routes["allegation_against_staff"]
    assert not any("safeguarding lead" in step for step in allegation.steps)
    assert any("safeguarding lead" in step for step in allegation.also)
    assert "must" not in " ".join(allegation.steps)
    assert guidance.image_warning is not None and guidance.outside_help
