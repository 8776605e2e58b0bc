"""The per-platform content: every platform the audit offers has visibility, personal-information
and blocking items, each with steps for the device chosen, a clause of the code and its basis, a
link or a reason for none, and either the date its steps were checked against a source on the
list or what to search for in the platform's help; bad platform files are refused with file, item
and key."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from selfaudit.content import ContentError, load_catalog
from selfaudit.content.models import AnswerKind, Outcome, PlatformKind
from selfaudit.content.remedies import unchecked_step
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
# reporting to the site is §5 ("report incidents of cyber bullying direct to" the provider)
REPORT_CLAUSE = "5"


def test_the_platforms_the_product_names_are_offered() -> None:
    """The list is data (resources/content/platforms.toml): more may be added, none of these
    taken away."""
    assert {p.id for p in PLATFORMS} >= {
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
    wanted = REPORT_CLAUSE if item.id.endswith(".report") else CLAUSE_OF_KIND[item.kind]
    assert item.seed_ref == wanted
    assert item.steps_app
    no_web_page = CATALOG.platform_page(item.platform).no_web_page
    assert not (item.link and item.no_link)
    assert item.link or item.no_link or no_web_page
    if no_web_page:
        assert not item.no_link, "the page says once that there is no web page"
    if item.verified_on is not None:
        assert item.verified_on <= date.today()
        assert item.source is not None and CATALOG.source_owner(item.source)
    else:
        assert item.source is None and not item.unconfirmed
    assert item.help_search
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
    warning = CATALOG.image_warning
    assert warning is not None
    first = (warning.step,) if item.image_warning else ()
    last = () if item.checked else (unchecked_step(item, platform),)
    assert item.remedy.steps == (*first, *item.steps_app, *last)
    assert item.remedy.steps_web == item.steps_web
    assert item.remedy.link == item.link


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.id)
def test_steps_are_for_the_device_they_say(item: object) -> None:
    """ "A computer" never shows phone steps, and the reverse: app steps never click, a
    computer's never tap, and steps shown for both say neither."""
    from selfaudit.content.models import Check

    assert isinstance(item, Check)
    tap = re.compile(r"\b(tap|swipe|press and hold)\b", re.IGNORECASE)
    click = re.compile(r"\bclick", re.IGNORECASE)
    for step in item.steps_app:
        assert not click.search(step), f"{item.id}: app step clicks: {step}"
    for step in item.steps_web:
        assert not tap.search(step), f"{item.id}: a computer's step taps: {step}"
    if not item.steps_web and not item.app_only:
        for step in item.steps_app:
            assert not tap.search(step), f"{item.id}: shown for both devices, but taps: {step}"


def test_unchecked_steps_say_where_to_look_them_up() -> None:
    for item in ITEMS:
        platform = CATALOG.platform(item.platform or "")
        assert platform.help and platform.help.startswith("https://"), platform.id
        if not item.checked:
            step = item.remedy.steps[-1]
            assert f"not yet checked against {platform.help_title}" in step
            assert item.help_search in step


def test_the_known_errors_are_put_right() -> None:
    lookup = CATALOG.check("facebook.lookup")
    steps = " ".join((*lookup.steps_app, *lookup.steps_web, lookup.hint))
    assert '"Only me" or' not in steps and '"Friends"' in steps
    assert "Everyone" in lookup.hint and "Friends of friends" in lookup.hint
    comments = CATALOG.check("youtube.comments")
    assert any(
        '"Automated filters"' in step and "Blocked words" in step for step in comments.steps_app
    )
    assert not any('"Defaults"' in step and "Blocked words" in step for step in comments.steps_app)
    manager = CATALOG.check("passwords.manager")
    assert any("Passwords app" in step for step in manager.remedy.steps)
    assert not any("Settings then Passwords" in step for step in manager.remedy.steps)
    snapchat = CATALOG.check("snapchat.report")
    assert "take it anyway" in snapchat.hint


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
    assert "999" not in " ".join(guidance.points), "not in the code: the box cites only the code"
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


def test_a_checked_date_needs_a_source_and_the_reverse(content_copy: Path) -> None:
    target = platform_file(content_copy, "whatsapp")
    edit_text(target, "verified_on = 2026-12-06\n", "")
    with pytest.raises(ContentError, match=r"whatsapp\.profile_photo.*go together"):
        load_catalog(content_copy)


def test_a_checked_date_with_a_source_not_on_the_list_is_refused(content_copy: Path) -> None:
    """A blog, a question-and-answer site or an old article is no source: the steps must then
    say they are not yet checked."""
    target = platform_file(content_copy, "whatsapp")
    edit_text(
        target,
        'source = "https://faq.whatsapp.com/3307102709559968"',
        'source = "https://www.howtogeek.com/whatsapp-privacy-settings/"',
    )
    with pytest.raises(ContentError) as info:
        load_catalog(content_copy)
    message = str(info.value)
    assert "whatsapp.toml" in message and "whatsapp.profile_photo" in message
    assert "'www.howtogeek.com' is not in sources.toml" in message
    # a host on the list, or a sub-domain of one, is accepted
    load_catalog.cache_clear()
    edit_text(
        target,
        'source = "https://www.howtogeek.com/whatsapp-privacy-settings/"',
        'source = "https://www.whatsapp.com/security/"',
    )
    load_catalog(content_copy)


def test_an_unchecked_item_needs_what_to_search_for(content_copy: Path) -> None:
    target = platform_file(content_copy, "facebook")
    edit_text(target, 'help_search = "who can look me up"\n', "")
    with pytest.raises(ContentError, match=r"facebook\.lookup.*help_search"):
        load_catalog(content_copy)


def test_every_checked_source_is_on_the_list() -> None:
    for item in ITEMS:
        if item.source:
            assert CATALOG.source_owner(item.source), item.id
    for guide in CATALOG.guides:
        if guide.source:
            assert CATALOG.source_owner(guide.source), guide.platform


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
