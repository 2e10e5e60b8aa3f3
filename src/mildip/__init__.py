"""mildip: military-diplomacy events from text, with their evidence.

The public API::

    import mildip
    events = mildip.extract(text, published="2023-04-14")
    settings = mildip.load_settings()
"""

from mildip._exceptions import (
    DataFileError,
    IngestError,
    MildipError,
    MissingExtraError,
    ModelNotAvailableError,
    SettingsError,
    StoreError,
)
from mildip._version import EXTRACTOR_VERSION, __version__
from mildip.extract import extract, extract_document  # the functions shadow the subpackage name
from mildip.model import Citation, Document, Event, Evidence, Participant
from mildip.settings import Settings, load_settings

__all__ = [
    "Citation",
    "DataFileError",
    "Document",
    "EXTRACTOR_VERSION",
    "Event",
    "Evidence",
    "IngestError",
    "MildipError",
    "MissingExtraError",
    "ModelNotAvailableError",
    "Participant",
    "Settings",
    "SettingsError",
    "StoreError",
    "__version__",
    "extract",
    "extract_document",
    "load_settings",
]
