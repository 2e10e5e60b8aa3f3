"""Package and extractor versions. Bump EXTRACTOR_VERSION when extraction output changes."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = "mildip-rules/0.1.0"
