"""Docs stay in step with the code (after sqlite-utils' and httpx's docs tests).

* every command, subcommand, argument and option has help, and appears in docs/cli.md;
* docs/cli.md is exactly what tools/gen_cli_docs.py renders now;
* every Settings field is documented in docs/settings.md, every data file in
  docs/data-files.md, every extractor frame in docs/architecture.md;
* the README names the two set-up commands, and the Makefile has them;
* docs/index.md lists every page, and every relative link in the docs resolves;
* ``__all__`` of ``mildip`` and ``mildip.evaluate`` is a literal sorted list of every
  public name, without private ones, and every name in it exists.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import sys
from dataclasses import fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest

import mildip
import mildip.evaluate
import mildip.train
from mildip.extract.frames import FRAME_MODULES, FRAMES, get_frame
from mildip.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
REGENERATE = "run `python tools/gen_cli_docs.py` and commit docs/cli.md"


@lru_cache(maxsize=1)
def _generator():
    """tools/gen_cli_docs.py as a module (tools/ is not a package)."""
    name = "mildip_tools_gen_cli_docs"
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def _commands():
    return _generator().command_tree()


def _params():
    return [(info, p) for info in _commands() for p in info.command.params if not p.hidden]


def _param_id(value) -> str:
    """Test ids: the command path for a command, the parameter name for a parameter."""
    if hasattr(value, "path"):
        return value.path or "mildip"
    return value.name


def _cli_sections() -> dict[str, str]:
    """docs/cli.md cut at its command headings, keyed by command path."""
    text = (DOCS / "cli.md").read_text("utf-8")
    parts = re.split(r"^## `(mildip[^`]*)`\s*$", text, flags=re.MULTILINE)
    return {
        name.removeprefix("mildip").strip(): body for name, body in zip(parts[1::2], parts[2::2])
    }


def _data_files() -> list[str]:
    """Every file shipped under mildip/data (recursively), relative names."""
    out = []

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, f"{name}/")
            elif child.name != "__init__.py":
                out.append(name)

    walk(resources.files("mildip.data"), "")
    return sorted(out)


def _outside_code(text: str) -> list[tuple[int, str]]:
    """(line number, line) of a Markdown text, skipping fenced code blocks."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    """The anchors of a Markdown file's headings (a repeated heading gets -1, -2 ...)."""
    anchors: set[str] = set()
    counts: dict[str, int] = {}
    for _, line in _outside_code(path.read_text("utf-8")):
        m = re.match(r"^#{1,6}\s+(.+?)\s*$", line)
        if m:
            slug = _slug(m.group(1))
            n = counts.get(slug, 0)
            counts[slug] = n + 1
            anchors.add(slug if n == 0 else f"{slug}-{n}")
    return anchors


def _markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


# --- the command line ------------------------------------------------------------------


@pytest.mark.parametrize("info", _commands(), ids=_param_id)
def test_docs_command_has_help(info):
    assert (info.command.help or "").strip(), f"`mildip {info.path}` has no help text (docstring)"


@pytest.mark.parametrize("info, param", _params(), ids=_param_id)
def test_docs_parameter_has_help(info, param):
    assert (param.help or "").strip(), f"`mildip {info.path}`: {param.name} has no help=..."


@pytest.mark.parametrize("info", _commands(), ids=_param_id)
def test_docs_command_in_cli_md(info):
    assert info.path in _cli_sections(), (
        f"`mildip {info.path}` has no section in docs/cli.md; {REGENERATE}"
    )


@pytest.mark.parametrize("info, param", _params(), ids=_param_id)
def test_docs_option_in_cli_md(info, param):
    section = _cli_sections().get(info.path, "")
    names = (
        [*param.opts, *param.secondary_opts] if param.param_type_name == "option" else [param.name]
    )
    for name in names:
        listed = rf"^- `[^`]*(?<![\w-]){re.escape(name)}(?![\w-])[^`]*`"
        assert re.search(listed, section, re.MULTILINE), (
            f"{name} of `mildip {info.path}` is missing from its docs/cli.md section; {REGENERATE}"
        )


def test_docs_cli_md_is_generated():
    current = (DOCS / "cli.md").read_text("utf-8")
    assert current == _generator().render(), (
        f"docs/cli.md differs from the CLI's help: {REGENERATE}"
    )


def test_docs_every_command_has_an_intro():
    paths = {info.path for info in _commands()}
    intros = set(_generator().INTROS)
    assert paths - intros == set(), "add a hand-written intro to INTROS in tools/gen_cli_docs.py"
    assert intros - paths == set(), (
        "INTROS in tools/gen_cli_docs.py names commands that do not exist"
    )


@pytest.mark.parametrize("stale, status", [("", 1), ("# an old page\n", 1), (None, 0)])
def test_docs_generator_check_mode(tmp_path, stale, status):
    out = tmp_path / "cli.md"
    out.write_text(_generator().render() if stale is None else stale, "utf-8")
    assert _generator().main(["--check", "--out", str(out)]) == status


# --- settings, data files, frames ------------------------------------------------------------


@pytest.mark.parametrize("field", [f.name for f in fields(Settings)])
def test_docs_settings_field_documented(field):
    text = (DOCS / "settings.md").read_text("utf-8")
    assert f"### `{field}`" in text, f"settings field {field} has no section in docs/settings.md"
    assert f"| `{field}` |" in text, (
        f"settings field {field} is missing from the table in docs/settings.md"
    )


@pytest.mark.parametrize("field", [f.name for f in fields(Settings) if f.name != "groups"])
def test_docs_settings_environment_variable_documented(field):
    text = (DOCS / "settings.md").read_text("utf-8")
    assert f"MILDIP_{field.upper()}" in text


@pytest.mark.parametrize("name", _data_files())
def test_docs_data_file_documented(name):
    text = (DOCS / "data-files.md").read_text("utf-8")
    assert f"`{name}`" in text or f"## {name}" in text, (
        f"src/mildip/data/{name} is not in docs/data-files.md"
    )


def _registered_frames() -> list[str]:
    """The names of the frames the extractor registers (importing every frame module)."""
    for module in FRAME_MODULES:
        get_frame(module)
    return sorted(FRAMES)


@pytest.mark.parametrize("frame", _registered_frames())
def test_docs_extractor_frame_documented(frame):
    text = (DOCS / "architecture.md").read_text("utf-8")
    assert re.search(rf"^\| {frame} \|", text, re.MULTILINE), (
        f"frame {frame} is not in the frames table"
    )


def _settings_sections() -> list[str]:
    """The keys docs/settings.md describes: its ``### `key` `` sections and table rows."""
    text = (DOCS / "settings.md").read_text("utf-8")
    return sorted(set(re.findall(r"^### `(\w+)`", text, re.MULTILINE)) | set(
        re.findall(r"^\| `(\w+)` \|", text, re.MULTILINE)
    ))


@pytest.mark.parametrize("key", _settings_sections())
def test_docs_settings_page_names_only_real_fields(key):
    assert key in {f.name for f in fields(Settings)}, (
        f"docs/settings.md describes {key!r}, which is not a Settings field"
    )


def _setting_mentions() -> list[tuple[str, str]]:
    """(page, key) for every ``use_<x>`` setting name and ``MILDIP_<KEY>`` variable of a
    settings field that a docs page or the README mentions."""
    found = set()
    for path in _markdown_files():
        text = path.read_text("utf-8")
        found |= {(path.name, k) for k in re.findall(r"(?<![\w.])(use_[a-z_]+)\b", text)}
        found |= {(path.name, k.lower()) for k in re.findall(r"\bMILDIP_(USE_[A-Z_]+|SCORER_[A-Z_]+)", text)}
    return sorted(found)


@pytest.mark.parametrize("page, key", _setting_mentions(), ids=lambda v: v)
def test_docs_pages_name_only_real_settings(page, key):
    assert key in {f.name for f in fields(Settings)}, f"{page} names the setting {key!r}, which does not exist"


def _data_files_rows() -> list[str]:
    """The files docs/data-files.md lists: its ``## name`` sections and table rows."""
    text = (DOCS / "data-files.md").read_text("utf-8")
    sections = re.findall(r"^## ([\w.-]+\.(?:tsv|toml|txt|json))\b", text, re.MULTILINE)
    rows = re.findall(r"^\| `([\w.-]+\.(?:tsv|toml|txt|json))` \|", text, re.MULTILINE)
    return sorted(set(sections) | set(rows))


@pytest.mark.parametrize("name", _data_files_rows())
def test_docs_data_files_page_names_only_shipped_files(name):
    assert name in _data_files(), f"docs/data-files.md lists {name}, which is not under src/mildip/data"


def _frames_table_rows() -> list[str]:
    text = (DOCS / "architecture.md").read_text("utf-8")
    section = text.split("### Triggers and frames", 1)[1].split("\n### ", 1)[0]
    return [f for f in re.findall(r"^\| (\w+) \| \S", section, re.MULTILINE) if f != "frame"]


@pytest.mark.parametrize("frame", _frames_table_rows())
def test_docs_frames_table_names_only_registered_frames(frame):
    assert frame in _registered_frames(), f"docs/architecture.md lists a frame {frame!r} that is not registered"


# --- README, index, links ------------------------------------------------------------------


@pytest.mark.parametrize("target", ["demo", "test"])
def test_docs_readme_names_make_target(target):
    readme = (ROOT / "README.md").read_text("utf-8")
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert f"make {target}" in readme
    assert re.search(rf"^{target}:", makefile, re.MULTILINE), (
        f"the Makefile has no `{target}` target"
    )


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md") if p.name != "index.md"))
def test_docs_index_lists_page(page):
    assert f"]({page})" in (DOCS / "index.md").read_text("utf-8"), (
        f"docs/index.md does not link {page}"
    )


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: p.name)
def test_docs_relative_links_resolve(path):
    broken = []
    for number, line in _outside_code(path.read_text("utf-8")):
        for target in re.findall(r"\]\(([^)\s]+)\)", line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):
                continue
            file_part, _, fragment = target.partition("#")
            linked = (path.parent / file_part).resolve() if file_part else path
            if not linked.exists():
                broken.append(f"line {number}: {target} (no such file)")
            elif fragment and linked.suffix == ".md" and fragment not in _anchors(linked):
                broken.append(f"line {number}: {target} (no such heading)")
    assert broken == [], f"{path.name}: " + "; ".join(broken)


# --- the public API ------------------------------------------------------------------------


PUBLIC_PACKAGES = [mildip, mildip.evaluate, mildip.train]
"""Packages with a public surface in ``__all__`` (httpx style: a literal sorted list)."""


def _literal_all(package) -> list[str] | None:
    """``__all__`` as written in the package's source, if it is a literal list of strings."""
    tree = ast.parse(Path(package.__file__).read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            value = node.value
            if isinstance(value, ast.List) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
            ):
                return [e.value for e in value.elts]
            return None
    return None


def _modules_with_all() -> list[str]:
    """Every module of the mildip source tree whose source assigns ``__all__``."""
    src = Path(mildip.__file__).parent
    out = []
    for path in sorted(src.rglob("*.py")):
        if re.search(r"^__all__\s*=", path.read_text("utf-8"), re.MULTILINE):
            parts = path.relative_to(src.parent).with_suffix("").parts
            out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


@pytest.mark.parametrize("name", _modules_with_all())
def test_docs_every_all_is_a_sorted_literal_of_existing_names(name):
    module = importlib.import_module(name)
    written = _literal_all(module)
    assert written is not None, f"{name}.__all__ must be a literal list of names"
    assert written == sorted(written), f"{name}.__all__ is not sorted"
    assert written == list(module.__all__)
    assert [n for n in written if not hasattr(module, n)] == []


@pytest.mark.parametrize("package", PUBLIC_PACKAGES, ids=lambda p: p.__name__)
def test_docs_public_api_all_is_a_sorted_literal(package):
    written = _literal_all(package)
    assert written is not None, f"{package.__name__}.__all__ must be a literal list of names"
    assert written == sorted(written), f"{package.__name__}.__all__ is not sorted"
    assert len(written) == len(set(written)), f"{package.__name__}.__all__ repeats a name"
    assert written == list(package.__all__)


@pytest.mark.parametrize("package", PUBLIC_PACKAGES, ids=lambda p: p.__name__)
def test_docs_public_api_reexports_every_public_name(package):
    public = {
        name
        for name, value in vars(package).items()
        if (not name.startswith("_") or name == "__version__") and not inspect.ismodule(value)
    }
    assert public - set(package.__all__) == set(), f"public names missing from {package.__name__}.__all__"
    private = [n for n in package.__all__ if n.startswith("_") and n != "__version__"]
    assert private == [], f"{package.__name__}.__all__ lists private names"


@pytest.mark.parametrize(
    "package, name", [(p, n) for p in PUBLIC_PACKAGES for n in p.__all__], ids=lambda v: getattr(v, "__name__", v)
)
def test_docs_public_api_name_exists(package, name):
    assert hasattr(package, name), f"{package.__name__}.__all__ lists {name!r}, which it does not define"
