"""Every error mildip raises on purpose.

::

    MildipError
    ├── SettingsError        a settings file, variable or flag is invalid
    ├── DataFileError        a shipped or user data file is malformed
    ├── IngestError          one input could not become a Document (the batch goes on)
    │   ├── EmptyInputError
    │   ├── UnsupportedInputError
    │   ├── DecodeError
    │   ├── InputTooLargeError     larger than settings.max_input_mb
    │   ├── UnreadableInputError   missing file, broken/encrypted PDF, bad manifest line
    │   └── FetchError             a URL could not be fetched (network, HTTP status, time limit)
    │       └── RefusedURLError    not fetched on purpose: non-public address, robots.txt, scheme
    ├── ModelNotAvailableError  the configured spaCy model is not installed
    ├── StoreError           the database is unreachable or at the wrong schema
    ├── DocumentNotFoundError  a document id, URL or path given by the user is not stored
    ├── SourcesFileError     a sources file (feeds and pages to watch) is malformed
    ├── EventNotFoundError   an event id given by the user does not exist
    ├── OverrideError        a review decision is malformed (too few events, a bad field ...)
    ├── ReviewConflictError  the event changed since the analyst saw it (optimistic concurrency)
    ├── UserError            a user account request is invalid (unknown user, bad role ...)
    ├── UnknownFormatError   an export format name is not registered
    ├── UnknownGroupError    a party group name is neither shipped nor in settings.groups
    ├── UnknownPartyError    a party a user typed is no known code or name (suggestions given)
    ├── FilterError          an event filter option is invalid (names the option)
    ├── MissingExtraError    an optional extra (postgres, dask, ...) is not installed
    ├── QualityGateError     a re-pin would lower a quality floor without --allow-lower
    └── TrainingError        training inputs are unusable (no gold, one class, unwritable model)
"""

from __future__ import annotations


class MildipError(Exception):
    """Base class: the message says what went wrong and what to do."""


class SettingsError(MildipError):
    pass


class DataFileError(MildipError):
    pass


class IngestError(MildipError):
    """One input could not be ingested; ``reason`` is a one-line explanation."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyInputError(IngestError):
    pass


class UnsupportedInputError(IngestError):
    pass


class DecodeError(IngestError):
    pass


class InputTooLargeError(IngestError):
    pass


class UnreadableInputError(IngestError):
    pass


class FetchError(IngestError):
    """A URL could not be fetched: no answer, an HTTP error status, a time limit.
    ``status`` is the HTTP status of the answer, when there was one."""

    def __init__(self, source: str, reason: str, status: int | None = None):
        super().__init__(source, reason)
        self.status = status


class RefusedURLError(FetchError):
    """A URL mildip will not fetch: a non-public address (without ``allow_private``),
    a path robots.txt disallows, a scheme other than http(s)."""


class ModelNotAvailableError(MildipError):
    pass


class StoreError(MildipError):
    pass


class EventNotFoundError(MildipError):
    pass


class DocumentNotFoundError(MildipError):
    """A document id, URL or path given by the user is not stored; the message names
    what was asked for and close ids or how to list what exists."""


class SourcesFileError(MildipError):
    """A sources TOML file cannot be used; the message names the file and the entry."""


class OverrideError(MildipError):
    """An analyst decision (merge, split, edit ...) cannot be recorded; the message says why."""


class ReviewConflictError(MildipError):
    """A decision was made against an older version of an event than the stored one.

    ``event_id`` is the event, ``expected`` the version the analyst saw, ``current``
    the stored one (None when the event no longer exists, e.g. after a merge), and
    ``latest`` the newest :class:`~mildip.model.HistoryEntry` naming it, if any.
    """

    def __init__(self, event_id: str, expected: int, current: int | None, latest=None):
        if current is None:
            what = f"event {event_id} no longer exists (it was merged or split since you opened it)"
        else:
            what = f"event {event_id} is at version {current}, you saw version {expected}"
        if latest is not None:
            who = latest.author or "someone"
            what += f"; the last change was {latest.kind} by {who} at {latest.created_at:%Y-%m-%d %H:%M} UTC"
        super().__init__(
            f"{what}. Nothing was saved: reload the event, check it and redo your change."
        )
        self.event_id = event_id
        self.expected = expected
        self.current = current
        self.latest = latest


class UserError(MildipError):
    """A user account request cannot be carried out (unknown user, taken name, bad role ...)."""


class UnknownFormatError(MildipError):
    """An export format name is not in ``mildip.export.FORMATS``; the message lists them."""


class UnknownGroupError(MildipError):
    """A group name given by the user is not defined; the message lists the known ones."""


class UnknownPartyError(MildipError):
    """A party name or code given by the user resolves to no party; the message suggests some."""


class FilterError(MildipError):
    """An event filter option is invalid: ``option`` names it, the message says what it accepts."""

    def __init__(self, option: str, message: str):
        super().__init__(f"{option}: {message}")
        self.option = option
        self.reason = message


class MissingExtraError(MildipError):
    """Raised with the pip command that installs the missing extra."""

    def __init__(self, extra: str, package: str):
        super().__init__(
            f"this feature needs the optional package {package!r}: pip install 'mildip[{extra}]'"
        )
        self.extra = extra
        self.package = package


class QualityGateError(MildipError):
    """Raised by ``mildip.evaluate`` when pinning would lower a floor (pass --allow-lower)."""


class TrainingError(MildipError):
    """``mildip train`` cannot run on its inputs: a corpus without gold or without a
    tuning part, two corpora with one name, an unwritable model file, nothing to learn."""
