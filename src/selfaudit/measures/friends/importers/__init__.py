"""One importer per platform, all behind `FriendsImporter` (see base.py)."""

from selfaudit.measures.friends.importers.base import FormatError, FriendsImporter
from selfaudit.measures.friends.importers.facebook import FacebookImporter
from selfaudit.measures.friends.importers.instagram import InstagramImporter
from selfaudit.measures.friends.importers.linkedin import LinkedInImporter
from selfaudit.measures.friends.importers.namelist import NameListImporter
from selfaudit.measures.friends.importers.snapchat import SnapchatImporter
from selfaudit.measures.friends.importers.tiktok import TikTokImporter
from selfaudit.measures.friends.importers.x import XImporter

# The order in which importers are asked about a file that more than one claims by name
# (friends.json is Facebook's and Snapchat's; the content decides).
PLATFORM_IMPORTERS: tuple[FriendsImporter, ...] = (
    FacebookImporter(),
    InstagramImporter(),
    XImporter(),
    LinkedInImporter(),
    TikTokImporter(),
    SnapchatImporter(),
)
NAME_LIST_IMPORTER = NameListImporter()

__all__ = [
    "NAME_LIST_IMPORTER",
    "PLATFORM_IMPORTERS",
    "FormatError",
    "FriendsImporter",
]
