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
from mildip.api import (  # extract shadows the subpackage name
    extract,
    extract_document,
    extract_documents,
)
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
    "extract_documents",
    "load_settings",
]
