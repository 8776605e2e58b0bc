"""How the app says why a check is asked: the code's own words where the code asks for it, and
"good practice" in plain words where it does not, and the organisation where the question is its
own. One place, so the wizard, the plan in every format and the dashboard say it alike, and a
good-practice check never reads as the employer's requirement.

Sections are cited in the numbering of the code the organisation names (`CodeOfPractice`): its
own number where it gives one, else the number in the code this app was built from, said as
such. The quotes are always that code's words, and labelled so when the organisation names its
own code.
"""

from __future__ import annotations

from collections.abc import Iterable

from selfaudit.content.code import BUILT_FROM, BUILT_IN_CODE, CodeOfPractice
from selfaudit.content.models import Basis, Check, Platform

GOOD_PRACTICE = "Good practice"
EMPLOYERS_CODE = "your employer's code"
IN_THE_WORDS = f"In the words of {BUILT_FROM}"


def section_name(seed_ref: str, code: CodeOfPractice = BUILT_IN_CODE) -> str:
    """How a clause of the code is named wherever the app or a report cites it: 'section 4';
    'section 2.3' in the organisation's numbering when its policy names its own code and gives
    a number for it (else the number in the code this app was built from: the phrase around it
    says which code)."""
    number = code.number(seed_ref)
    return f"section {seed_ref if number is None else number}"


def section_in(code: CodeOfPractice, ref: str) -> str:
    """'section 4 of the code'; with the organisation's own code 'section 2.3 of your employer's
    code', or 'section 5 of the code this app was built from' where it gives no number."""
    if not code.own:
        return f"{section_name(ref)} of the code"
    if code.number(ref) is None:
        return f"{section_name(ref)} of {BUILT_FROM}"
    return f"{section_name(ref, code)} of {EMPLOYERS_CODE}"


def code_quote(code: CodeOfPractice, ref: str, quote: str) -> str:
    """'Code of practice, section 4: “…”'; with the organisation's own code 'Your employer's
    code, section 2.3. In the words of the code this app was built from: “…”'."""
    if not code.own:
        return f"Code of practice, {section_name(ref)}: “{quote}”"
    if code.number(ref) is None:
        return f"{BUILT_FROM[0].upper()}{BUILT_FROM[1:]}, {section_name(ref)}: “{quote}”"
    return f"Your employer's code, {section_name(ref, code)}. {IN_THE_WORDS}: “{quote}”"


def sections_note(code: CodeOfPractice, refs: Iterable[str]) -> str:
    """'Code of practice, sections 4 and 5.', in the organisation's numbering if it has one."""
    refs = sorted(set(refs), key=float)
    if not code.own:
        plural = "sections" if len(refs) > 1 else "section"
        return f"Code of practice, {plural} {' and '.join(refs)}."
    own = [n for ref in refs if (n := code.number(ref)) is not None]
    other = [ref for ref in refs if code.number(ref) is None]
    parts = []
    if own:
        parts.append(
            f"Your employer's code, section{'s' if len(own) > 1 else ''} {' and '.join(own)}"
        )
    if other:
        parts.append(f"{BUILT_FROM}, section{'s' if len(other) > 1 else ''} {' and '.join(other)}")
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}."


def organisation_note(code: CodeOfPractice) -> str:
    """'Riverside Schools Federation asks this in its own policy.'"""
    return f"{code.asker} asks this in its own policy."


def basis_note(
    basis: Basis, seed_ref: str, quote: str, code: CodeOfPractice = BUILT_IN_CODE
) -> str:
    """'Code of practice, section 4: “choosing hard-to-guess passwords”.' for a code check;
    'Good practice: it helps with what section 4 of the code asks.' for good practice; and
    who asks it for the organisation's own questions."""
    if basis is Basis.ORGANISATION:
        return organisation_note(code)
    if basis is Basis.CODE:
        end = "" if quote.rstrip().endswith((".", "?", "!")) else "."  # never “… deleted.”.
        return f"{code_quote(code, seed_ref, quote)}{end}"
    return f"{GOOD_PRACTICE}: it helps with what {section_in(code, seed_ref)} asks."


def why_text(check: Check, code: CodeOfPractice = BUILT_IN_CODE) -> str:
    """The check's reason, then on a line of its own what it rests on."""
    return f"{check.why}\n{basis_note(check.basis, check.seed_ref, check.quote, code)}"


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
