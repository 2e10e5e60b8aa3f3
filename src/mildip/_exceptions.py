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
    ├── OverrideError        a merge/split request is malformed (too few events, ...)
    ├── UnknownFormatError   an export format name is not registered
    ├── UnknownGroupError    a party group name is neither shipped nor in settings.groups
    ├── MissingExtraError    an optional extra (postgres, dask, ...) is not installed
    └── QualityGateError     a re-pin would lower a quality floor without --allow-lower
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
    """The message names what was asked for and how to list what exists."""


class SourcesFileError(MildipError):
    """A sources TOML file cannot be used; the message names the file and the entry."""


class OverrideError(MildipError):
    """A coreference override cannot be recorded; the message says why."""


class UnknownFormatError(MildipError):
    """An export format name is not in ``mildip.export.FORMATS``; the message lists them."""


class UnknownGroupError(MildipError):
    """A group name given by the user is not defined; the message lists the known ones."""


class MissingExtraError(MildipError):
    """Raised with the pip command that installs the missing extra."""

    def __init__(self, extra: str, package: str):
        super().__init__(
            f"this feature needs the optional package {package!r}: "
            f"pip install 'mildip[{extra}]'"
        )
        self.extra = extra
        self.package = package


class QualityGateError(MildipError):
    """Raised by ``mildip.evaluate`` when pinning would lower a floor (pass --allow-lower)."""
