"""A realistic evidence log for GUI tests and screenshots: a WhatsApp conversation and a Facebook
post about the same person, each with screenshots, one changed later, and one deleted entry."""

from __future__ import annotations

from datetime import UTC, datetime

from samples.pictures import browser_post, encode, phone_chat
from selfaudit.evidence.attachments import prepare_attachment
from selfaudit.evidence.log import IncidentLog
from selfaudit.evidence.models import Action, Channel, Incident, IncidentDetails
from selfaudit.policy import Contact, Policy, PolicyLink
from selfaudit.ui.evidence.image_check import check_picture

LONDON_MARCH = UTC  # Greenwich Mean Time: British Summer Time starts on 30 March
POST_ADDRESS = (
    "https://www.facebook.com/groups/oakfieldparents/posts/1029384756473829/?comment_id=2938475610"
)

POLICY = Policy(
    organisation="Oakfield Primary School",
    links=(
        PolicyLink(
            title="Harassment and Bullying at Work policy",
            url="https://intranet.example.org/policies/harassment",
        ),
        PolicyLink(title="Safeguarding policy", url="https://intranet.example.org/safeguarding"),
    ),
    contacts=(
        Contact(role="Line manager", name="Sam Okafor", phone="01632 960 118"),
        Contact(role="Designated safeguarding lead", name="Ruth Patel", phone="01632 960 120"),
        Contact(role="First Response Team (LADO)", phone="01632 960 555", email="lado@example.org"),
        Contact(role="HR team", email="hr@example.org"),
    ),
)


def chat_screenshots() -> tuple[bytes, bytes]:
    first = phone_chat(
        "Jordan P",
        [
            (
                "21:31",
                "I know where you work. Everyone at that school is going to hear what you did.",
            ),
            ("21:33", "Don't bother blocking me, I'll just make another account."),
        ],
    )
    second = phone_chat(
        "Jordan P",
        [
            ("21:44", "Saw your car outside today."),
            ("21:46", "You should watch yourself tomorrow."),
        ],
    )
    return encode(first), encode(second)


def post_screenshot() -> bytes:
    return encode(
        browser_post(
            POST_ADDRESS,
            "Jordan Pike",
            "Does anyone else think Ms Ahmed at Oakfield shouldn't be allowed near kids? "
            "I've heard things. Share this so other parents know.",
        ),
        "JPEG",
    )


def fill(log: IncidentLog) -> list[Incident]:
    """Adds the realistic incidents to `log` and returns them, the one with two screenshots
    first."""
    chat_one, chat_two = chat_screenshots()
    shots = [
        log.store_attachment(prepare_attachment(name, data, check_picture))
        for name, data in (
            ("Screenshot_20250312-213402.png", chat_one),
            ("Screenshot_20250312-214711.png", chat_two),
        )
    ]
    chat = log.add(
        IncidentDetails(
            occurred_at=datetime(2025, 3, 12, 21, 31, tzinfo=LONDON_MARCH),
            time_zone="Europe/London",
            channel=Channel.SOCIAL,
            platform="WhatsApp",
            sender="Jordan P, +44 7700 900461",
            content=(
                "I know where you work. Everyone at that school is going to hear what you did.\n"
                "Don't bother blocking me, I'll just make another account.\n"
                "Saw your car outside today.\n"
                "You should watch yourself tomorrow."
            ),
            actions=(Action.BLOCKED,),
            attachments=tuple(shots),
        )
    )
    log.edit(
        chat.id,
        chat.details.model_copy(
            update={
                "actions": (Action.BLOCKED, Action.TOLD),
                "notes": "Told Sam Okafor (line manager) at 8:15am the next day.",
            }
        ),
    )
    post_shot = log.store_attachment(
        prepare_attachment("facebook post.jpg", post_screenshot(), check_picture)
    )
    post = log.add(
        IncidentDetails(
            occurred_at=datetime(2025, 3, 13, 7, 52, tzinfo=LONDON_MARCH),
            time_zone="Europe/London",
            channel=Channel.SOCIAL,
            platform="Facebook",
            sender="Jordan Pike (facebook.com/jordan.pike.5439)",
            url=POST_ADDRESS,
            content=(
                "Does anyone else think Ms Ahmed at Oakfield shouldn't be allowed near kids? "
                "I've heard things. Share this so other parents know."
            ),
            actions=(Action.REPORTED,),
            notes="Reported the post to Facebook at 8:20am.",
            attachments=(post_shot,),
        )
    )
    mistake = log.add(
        IncidentDetails(
            occurred_at=datetime(2025, 3, 13, 9, 0, tzinfo=LONDON_MARCH),
            channel=Channel.TEXT,
            sender="07700 900999",
            content="Running late, sorry",
        )
    )
    log.delete(mistake.id)
    return [chat, post]
