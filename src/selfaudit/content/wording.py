"""How the app says why a check is asked: the code's own words where the code asks for it, and
"good practice" in plain words where it does not. One place, so the wizard, the plan in every
format and the dashboard say it alike, and a good-practice check never reads as the employer's
requirement."""

from __future__ import annotations

from selfaudit.content.models import Basis, Check, Platform

GOOD_PRACTICE = "Good practice"


def section_name(seed_ref: str) -> str:
    """How a clause of the code is named wherever the app or a report cites it: 'section 4'."""
    return f"section {seed_ref}"


def basis_note(basis: Basis, seed_ref: str, quote: str) -> str:
    """'Code of practice, section 4: “choosing hard-to-guess passwords”.' for a code check;
    'Good practice: it helps with what section 4 of the code asks.' for good practice."""
    if basis is Basis.CODE:
        return f"Code of practice, {section_name(seed_ref)}: “{quote}”."
    return f"{GOOD_PRACTICE}: it helps with what {section_name(seed_ref)} of the code asks."


def why_text(check: Check) -> str:
    """The check's reason, then on a line of its own what it rests on."""
    return f"{check.why}\n{basis_note(check.basis, check.seed_ref, check.quote)}"


def checked_note(check: Check, owner: str) -> str:
    """'Checked against WhatsApp (Meta) on 6 December 2026.'"""
    from selfaudit.dates import long_date

    assert check.verified_on is not None
    return f"Checked against {owner} on {long_date(check.verified_on)}."


def unchecked_note(check: Check, platform: Platform) -> str:
    """What a person is told about steps not checked against a named source, and what to do if
    a menu does not match."""
    return (
        f"Not yet checked against {platform.help_title}, and menus change: if a step does not "
        f"match, search {platform.help_title} for “{check.help_search}”."
    )


def app_only_note(platform: Platform) -> str:
    """Shown for "a computer" where a setting is only in the app."""
    return (
        f"This setting is only in the {platform.name} app on your phone, not on a computer. "
        "To see the steps, choose “the app on your phone” above."
    )
