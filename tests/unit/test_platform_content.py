"""The per-platform content: every platform the audit offers has visibility, personal-information
and blocking items, each with steps, a clause of the code, a link or a reason for none, and the
date its steps were checked; bad platform files are refused with file, item and key."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import AnswerKind, Outcome, PlatformKind
from tests.helpers import edit_text
from tests.unit.test_content import code_clauses, normalise

CATALOG = load_catalog()
PLATFORMS = [p for p in CATALOG.platforms if p.id != "other"]  # "other" has no steps of its own
ITEMS = CATALOG.platform_items()
CLAUSE_OF_KIND = {
    PlatformKind.VISIBILITY: "7",
    PlatformKind.BLOCKING: "4",
    PlatformKind.PERSONAL: "4",
}


def test_the_eight_platforms_of_the_issue_are_offered() -> None:
    assert {p.id for p in PLATFORMS} == {
        "facebook",
        "instagram",
        "x",
        "tiktok",
        "linkedin",
        "whatsapp",
        "snapchat",
        "youtube",
    }


@pytest.mark.parametrize("platform", [p.id for p in PLATFORMS])
def test_every_platform_has_visibility_personal_and_blocking_items(platform: str) -> None:
    kinds = {item.kind for item in ITEMS if item.platform == platform}
    assert kinds == set(PlatformKind), platform


@pytest.mark.parametrize("platform", [p.id for p in PLATFORMS])
def test_every_platform_compares_its_blocking_tools(platform: str) -> None:
    guide = CATALOG.guide(platform)
    assert guide is not None, platform
    names = [tool.name for tool in guide.tools]
    assert any(name == "Report" for name in names), platform
    assert len(names) >= 3 and len(set(names)) == len(names), platform
    for tool in guide.tools:
        assert tool.they_still, f"{platform} {tool.name}: what they can still see"


def test_the_comparisons_say_what_the_issue_asks() -> None:
    def tools(platform: str) -> dict[str, str]:
        guide = CATALOG.guide(platform)
        assert guide is not None
        return {t.name: normalise(f"{t.does} {t.they_still}") for t in guide.tools}

    assert "can still see your posts if your posts are public" in tools("x")["Block"]
    assert "Mute" in tools("x")
    assert "cannot hide your number" in tools("whatsapp")["Block"]
    assert {"Block", "Restricted list"} <= set(tools("facebook"))
    assert "Restrict" in tools("instagram")


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_every_item_is_complete(item: object) -> None:
    from selfaudit.content.models import Check

    assert isinstance(item, Check)
    assert item.kind is not None and item.platform is not None
    assert item.answer is AnswerKind.CONFIRM
    assert item.measure == item.kind.measure
    assert item.seed_ref == CLAUSE_OF_KIND[item.kind]
    assert item.steps_app
    assert (item.link or "").startswith("https://") != bool(item.no_link.strip())
    assert item.verified_on is not None and item.verified_on <= date.today()
    assert item.source is not None and item.source.startswith("https://")
    assert item.reconfirm_days is not None
    assert item.why and item.not_sure_help


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_steps_are_short_plain_and_name_labels_in_quotes(item: object) -> None:
    from selfaudit.content.models import Check

    assert isinstance(item, Check)
    for steps in (item.steps_app, item.steps_web):
        assert len(steps) <= 6, f"{item.id}: long step lists are hard to follow"
        for step in steps:
            assert step.endswith((".", '."', ".)")), f"{item.id}: {step}"
            assert step.count('"') % 2 == 0, f"{item.id}: unbalanced quotes: {step}"
            assert "!" not in step and "\\" not in step, f"{item.id}: {step}"
            assert re.match(r"^[A-Z\"'(]", step), f"{item.id}: starts in capitals: {step}"


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_not_yet_fails_and_becomes_an_action_with_the_steps(item: object) -> None:
    from selfaudit.content.models import Check

    assert isinstance(item, Check)
    assert item.outcome_of("not_yet") is Outcome.FAIL
    assert item.outcome_of("done") is Outcome.PASS
    assert item.outcome_of("na") is Outcome.NOT_APPLICABLE
    platform = CATALOG.platform(item.platform or "")
    assert item.remedy.title == f"{platform.name}: {item.question}"
    assert item.remedy.steps == item.steps_app
    assert item.remedy.steps_web == item.steps_web
    assert item.remedy.link == item.link


def test_item_ids_are_unique_and_name_their_platform() -> None:
    ids = [c.id for c in CATALOG.checks]
    assert len(ids) == len(set(ids))
    for item in ITEMS:
        assert item.id.startswith(f"{item.platform}.")


def test_the_advice_before_blocking_quotes_the_code() -> None:
    guidance = CATALOG.before_blocking
    assert guidance is not None
    clauses = code_clauses()
    assert {cite.seed_ref for cite in guidance.cites} == {"4", "5"}
    for cite in guidance.cites:
        assert normalise(cite.quote) in clauses[cite.seed_ref]
    text = normalise(" ".join(guidance.points))
    assert "do not reply or retaliate" in text
    assert "save the evidence" in text
    assert "do not delete" in text


def test_general_checks_complement_rather_than_repeat_the_platform_items() -> None:
    """A person who picks only listed platforms is asked each setting once, on its platform
    page; the general versions of those settings are for "Another site or app"."""
    for check_id in (
        "visibility.posts_private",
        "visibility.friends_hidden",
        "visibility.find_by_contact",
        "visibility.search_engines",
        "visibility.tag_review",
        "blocking.know_block",
        "blocking.message_requests",
        "personal.workplace_hidden",
    ):
        assert CATALOG.check(check_id).platform == "other", check_id


# loader errors -------------------------------------------------------------------------------


def platform_file(root: Path, platform: str) -> Path:
    return root / "content" / "platforms" / f"{platform}.toml"


def test_an_item_without_steps_names_file_item_and_key(content_copy: Path) -> None:
    target = platform_file(content_copy, "tiktok")
    edit_text(target, "steps_app = [", "steps_ap = [")
    with pytest.raises(ContentError) as info:
        load_catalog(content_copy)
    message = str(info.value)
    assert "tiktok.toml" in message
    assert "tiktok.private_account" in message
    assert "steps_ap" in message


def test_links_must_be_https_and_exclusive_with_no_link(content_copy: Path) -> None:
    target = platform_file(content_copy, "x")
    edit_text(target, 'link = "https://x.com/settings/contacts"', 'link = "http://x.com/settings"')
    with pytest.raises(ContentError, match=r"x\.discoverability.*`link`"):
        load_catalog(content_copy)
    edit_text(target, 'link = "http://x.com/settings"', 'link = "https://x.com/settings/contacts"')
    edit_text(target, 'link = "https://x.com/settings/direct_messages"', 'no_link = "None."')
    load_catalog.cache_clear()
    load_catalog(content_copy)  # a reason instead of a link is fine
    edit_text(target, 'no_link = "None."', 'no_link = "None."\nlink = "https://x.com/"')
    load_catalog.cache_clear()
    with pytest.raises(ContentError, match="either `link`"):
        load_catalog(content_copy)


def test_an_item_needs_its_checked_date_and_source(content_copy: Path) -> None:
    target = platform_file(content_copy, "snapchat")
    text = target.read_text(encoding="utf-8")
    first = text.index("[[item]]")
    cut = text.index("verified_on = 2026-11-24\n", first)
    target.write_text(text[:cut] + text[cut + len("verified_on = 2026-11-24\n") :])
    with pytest.raises(ContentError, match=r"snapchat\.contact_me.*verified_on"):
        load_catalog(content_copy)


def test_a_duplicate_item_id_is_refused_with_both_files(content_copy: Path) -> None:
    target = platform_file(content_copy, "instagram")
    edit_text(target, 'id = "instagram.tags"', 'id = "instagram.private_account"')
    with pytest.raises(ContentError, match=r"instagram\.private_account.*already used"):
        load_catalog(content_copy)


def test_platform_file_shape_is_checked(content_copy: Path) -> None:
    target = platform_file(content_copy, "linkedin")
    edit_text(target, 'platform = "linkedin"', 'platform = "linked_in"\ncolour = "blue"')
    edit_text(target, 'id = "linkedin.discovery"', 'id = "discovery"')
    with pytest.raises(ContentError) as info:
        load_catalog(content_copy)
    message = str(info.value)
    assert "linkedin.toml" in message
    assert "expected 'linkedin'" in message
    assert "unknown top-level key(s): colour" in message
    assert "must start with 'linkedin.'" in message


def test_a_kind_must_match_its_clause_of_measure(content_copy: Path) -> None:
    target = platform_file(content_copy, "youtube")
    edit_text(target, 'kind = "visibility"', 'kind = "secret"')
    with pytest.raises(ContentError, match=r"youtube\.subscriptions.*`kind`"):
        load_catalog(content_copy)


def test_a_platform_file_for_an_unknown_platform_is_refused(content_copy: Path) -> None:
    shutil.copy(platform_file(content_copy, "x"), platform_file(content_copy, "myspace"))
    with pytest.raises(ContentError, match="no platform 'myspace'"):
        load_catalog(content_copy)


def test_the_comparison_table_is_validated(content_copy: Path) -> None:
    target = platform_file(content_copy, "whatsapp")
    edit_text(target, '{ name = "Report", does', '{ name = "Report", dose')
    with pytest.raises(ContentError, match=r"\[guide\].*dose"):
        load_catalog(content_copy)


def test_guidance_file_is_required_and_validated(content_copy: Path) -> None:
    target = content_copy / "content" / "guidance.toml"
    edit_text(target, "cites = [", "sources = [")
    with pytest.raises(ContentError, match=r"guidance\.toml.*sources"):
        load_catalog(content_copy)
    target.unlink()
    with pytest.raises(ContentError, match="file is missing"):
        load_catalog(content_copy)
