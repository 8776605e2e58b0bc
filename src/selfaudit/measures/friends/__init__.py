"""The service-user friend check (code of practice §7): read the friends, followers and
connections lists that each platform lets people download, and find service users among them.

- `sources` and `importers/`: open an export (zip, folder or single file) and read its friends
  files, one importer module per platform behind one interface; `isolation` does it in a
  worker process with a memory and a time limit;
- `service_users`: the list of service users, typed, pasted or imported from .txt/.csv;
- `names` and `nicknames`: name normalisation and nickname equivalents (data in resources/);
- `matcher`: the fuzzy match (rapidfuzz, numpy, anyascii, all imported lazily);
- `check`: runs the whole check with progress and cancel, for the CLI and the app alike;
- `review`: the person's decisions, kept as FriendMatch records (never the service-user list);
- `guides`: per-platform steps (download the export, remove or unfollow, decline requests).

Nothing here imports Qt, and importing this package loads none of the heavy libraries.
"""
