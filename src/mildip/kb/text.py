"""Text folding shared by the resolvers: compare names, titles and outlets as plain words."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, accents removed (``đ`` → ``d``), every non-alphanumeric run → one space."""
    text = unicodedata.normalize("NFKD", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", text.lower()).strip()
