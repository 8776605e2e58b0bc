"""Where the evidence log keeps attachments' bytes: a `BlobStore`, put/get/delete by an opaque
id. The vault's is `vault.blobs.EncryptedBlobStore` (encrypted, beside the checklist); tests use
an in-memory one. Defined here, by the code that needs it, so the evidence log does not depend
on the vault that stores it."""

from __future__ import annotations

from typing import Protocol


class BlobError(Exception):
    """A blob is missing, damaged or cannot be decrypted. The message is fit to show the user."""


class BlobStore(Protocol):
    def put(self, data: bytes) -> str:
        """Encrypts and stores `data` once (atomically); returns an opaque id that reveals nothing
        about the content. Storing the same bytes again may return the same or a new id."""
        ...

    def get(self, blob_id: str) -> bytes:
        """Returns the decrypted bytes, verified; raises BlobError if missing or damaged."""
        ...

    def delete(self, blob_id: str) -> None:
        """Removes a blob for good (used only when the person empties the deleted-items area
        after its retention period, or deletes all their data)."""
        ...
