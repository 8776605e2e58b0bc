"""The stages of opening the checklist at start-up, and which stage may follow which.

`VaultStartup` (startup.py) is always in exactly one `Stage`; each stage shows one screen (a
dialog, a message, or nothing while work runs in the background), built in one method of
`VaultStartup` named after it. `TRANSITIONS` is the whole machine: `VaultStartup` refuses a move
it does not list, so a new path has to be written down here first.

    INSPECTING ─┬─ no checklist, window first ─> AWAITING_WINDOW ─> (FINDING_KEYRING) ─┐
                ├─ no checklist ─────────────────────────────────────────────────────────┤
                │        first run: CHOOSING_LOCK (how it opens) <───────────────────────┘
                │                   ─> KEYRING_CALL (store) | FIRST_PASSPHRASE
                │                   ─> SHOWING_CODE ─> CREATING ─> READY
                │                   or "Restore a copy…": RESTORE_READING ─> RESTORE_CODE
                │                      ─> RESTORING ─> OPENING (then as after a recovery)
                ├─ newer format ───> TOO_NEW ─> ABANDONED (the file is left alone)
                ├─ nothing readable ─> UNREADABLE ─> SETTING_ASIDE ─> first run
                └─ checklist ─> KEYRING_CALL (find) | PASSPHRASE | RECOVERY_CODE ─> OPENING
                     OPENING ─> DAMAGED? ─> after a recovery: KEYRING_CALL (store) or
                                NEW_PASSPHRASE ─> SAVING ─> READ_ONLY? ─> READY

The same machine opens the checklist again after the app has locked itself (`after_lock`):
INSPECTING ─> PASSPHRASE (the unlock screen) or RECOVERY_CODE ─> OPENING ─> READY. From the
unlock screen, "Use my recovery code instead" and "Use my passphrase instead" go back and forth.

Any stage but the last two can end in FAILED (something unexpected: say so, quit) or ABANDONED
(the person closed a dialog or chose Quit).
"""

from __future__ import annotations

from enum import Enum, auto


class Stage(Enum):
    INSPECTING = auto()  # reading the files' headers and finding the keyring (background)
    AWAITING_WINDOW = auto()  # no checklist: the owner shows its window before the first run
    FINDING_KEYRING = auto()  # the first run is wanted; the keyring is still being looked for
    CHOOSING_LOCK = auto()  # first run: "Open with my computer's sign-in" or a passphrase
    KEYRING_CALL = auto()  # the keyring finds or keeps the key; "waiting", then "not answering"
    PASSPHRASE = auto()  # the unlock screen: the passphrase, with a wait after wrong ones
    RECOVERY_CODE = auto()  # "Type your recovery code"
    LOST_CODE = auto()  # "Start again without your recovery code?"
    OPENING = auto()  # the key is derived and the checklist opened (background)
    DAMAGED = auto()  # "Your checklist file was damaged": carry on from the newest good copy?
    NEW_PASSPHRASE = auto()  # after a recovery without a keyring: choose a passphrase
    SAVING = auto()  # the checklist saved with its key kept again (background)
    READ_ONLY = auto()  # "Your checklist is open read-only"
    TOO_NEW = auto()  # "This checklist needs a newer version of selfaudit"
    UNREADABLE = auto()  # nothing opens: start a new checklist (the old ones set aside)?
    SETTING_ASIDE = auto()  # every copy moved to quarantine (background)
    FIRST_PASSPHRASE = auto()  # first run without a keyring: choose a passphrase
    SHOWING_CODE = auto()  # first run: the recovery code, shown once
    CREATING = auto()  # first run: the new checklist written (background)
    CREATE_FAILED = auto()  # "selfaudit could not set up your checklist": try again?
    RESTORE_READING = auto()  # first run, "Restore a copy…": the chosen file read (background)
    RESTORE_REFUSED = auto()  # "This file cannot be restored"
    RESTORE_CODE = auto()  # the copy's recovery code
    RESTORE_LOST_CODE = auto()  # "Start a new checklist instead?"
    RESTORING = auto()  # the copy put in place with its key (background)
    FAILED = auto()  # something unexpected: "selfaudit cannot open your checklist", Quit
    READY = auto()  # ended: `ready(UnlockedVault)` was sent
    ABANDONED = auto()  # ended: `abandoned()` was sent


S = Stage
ENDED = frozenset({S.READY, S.ABANDONED})
# where a first run starts: the choice, or straight to a passphrase (no keyring, or the policy)
FIRST_RUN = frozenset({S.CHOOSING_LOCK, S.KEYRING_CALL, S.FIRST_PASSPHRASE})
# where a checklist with its key is finished: kept again after a recovery, saved, read-only note
FINISHING = frozenset({S.KEYRING_CALL, S.NEW_PASSPHRASE, S.SAVING, S.READ_ONLY, S.READY})

# stage -> the stages it may move to (FAILED and ABANDONED are always allowed before the end)
TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    S.INSPECTING: FIRST_RUN
    | {S.AWAITING_WINDOW, S.TOO_NEW, S.UNREADABLE, S.PASSPHRASE, S.RECOVERY_CODE},
    S.AWAITING_WINDOW: FIRST_RUN | {S.FINDING_KEYRING},
    S.FINDING_KEYRING: FIRST_RUN,
    S.KEYRING_CALL: FINISHING
    | {
        S.KEYRING_CALL,  # Try again
        S.OPENING,  # the key was found
        S.RECOVERY_CODE,  # not found, or "Use my recovery code instead"
        S.SHOWING_CODE,  # first run: the new key is kept
        S.FIRST_PASSPHRASE,  # first run: "Use a passphrase instead"
    },
    S.PASSPHRASE: frozenset({S.OPENING, S.RECOVERY_CODE}),
    # "Use my passphrase instead": back to the unlock screen it came from
    S.RECOVERY_CODE: frozenset({S.OPENING, S.LOST_CODE, S.PASSPHRASE}),
    S.LOST_CODE: frozenset({S.SETTING_ASIDE, S.RECOVERY_CODE}),
    # a wrong passphrase or code: back to the dialog, which says so
    S.OPENING: FINISHING | {S.PASSPHRASE, S.RECOVERY_CODE, S.DAMAGED, S.UNREADABLE},
    S.DAMAGED: FINISHING,
    S.NEW_PASSPHRASE: frozenset({S.SAVING}),
    S.SAVING: frozenset({S.READ_ONLY, S.READY}),
    S.READ_ONLY: frozenset({S.READY}),
    S.TOO_NEW: frozenset(),
    S.UNREADABLE: frozenset({S.SETTING_ASIDE}),
    S.SETTING_ASIDE: FIRST_RUN,
    S.CHOOSING_LOCK: frozenset({S.KEYRING_CALL, S.FIRST_PASSPHRASE, S.RESTORE_READING}),
    S.FIRST_PASSPHRASE: frozenset({S.SHOWING_CODE, S.RESTORE_READING, S.CHOOSING_LOCK}),
    S.SHOWING_CODE: frozenset({S.CREATING, S.RESTORE_READING}),
    S.CREATING: frozenset({S.READY, S.CREATE_FAILED}),
    S.CREATE_FAILED: frozenset({S.SHOWING_CODE}),
    S.RESTORE_READING: frozenset({S.RESTORE_CODE, S.RESTORE_REFUSED}),
    # "Choose another file", or back to the first-run dialog it came from
    S.RESTORE_REFUSED: frozenset(
        {S.RESTORE_READING, S.CHOOSING_LOCK, S.FIRST_PASSPHRASE, S.SHOWING_CODE}
    ),
    S.RESTORE_CODE: frozenset({S.RESTORING, S.RESTORE_LOST_CODE}),
    S.RESTORE_LOST_CODE: frozenset(
        {S.RESTORE_CODE, S.CHOOSING_LOCK, S.FIRST_PASSPHRASE, S.SHOWING_CODE}
    ),
    S.RESTORING: frozenset({S.OPENING, S.RESTORE_CODE}),  # a wrong code: back to the dialog
    S.FAILED: frozenset(),
    S.READY: frozenset(),
    S.ABANDONED: frozenset(),
}


def may_follow(current: Stage, following: Stage) -> bool:
    if current in ENDED:
        return False
    return following in TRANSITIONS[current] or following in (S.FAILED, S.ABANDONED)
