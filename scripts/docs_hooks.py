"""MkDocs hooks (``hooks:`` in mkdocs.yml): the parts of the site generated from the code.

- ``reference/``: the API reference. Every name in the ``__all__`` of every public module gets
  a ``::: path`` block for mkdocstrings on a topic page; each model and each resource gets a
  page of its own. ``reference/SUMMARY.md`` is the section's navigation (read by the
  literate-nav plugin). A new public name therefore appears without editing the docs.
- ``reference/cli.md``: the command-line reference, the ``--help`` of every command and verb
  of ``astravue_async.cli.build_parser()`` (and ``astravue fake``'s own parser).
- Markers in hand-written pages, replaced by text built from the code:
  ``<!-- docs:idempotency-table -->`` (every operation, whether it is retried after it may
  have reached the server, and why, from the operation descriptors and
  ``openapi/overrides.yaml``), and ``<!-- docs:readme-performance -->`` (the README's
  Performance section, which the benchmark regenerates).

The generators are plain functions returning Markdown, so tests/test_docs.py can check them
without building the site.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "astravue_async"
REFERENCE = "reference"

# Topic pages of the reference, in navigation order: (slug, title, introduction).
TOPICS: dict[str, tuple[str, str]] = {
    "client": (
        "AstravueClient",
        "The async client: one per organisation, one connection pool, a namespace per API "
        "area. See [Getting started](../guides/getting-started.md).",
    ),
    "sync": (
        "Sync client",
        "The blocking twin of `AstravueClient`: same constructor, resources and verbs. See "
        "[The sync client](../guides/sync-client.md).",
    ),
    "pagination": (
        "Pagination",
        "What list methods return. See [Pagination](../guides/pagination.md).",
    ),
    "errors": (
        "Errors",
        "Everything the SDK raises on purpose is an `AstravueError`. See "
        "[Errors and retries](../guides/errors-and-retries.md).",
    ),
    "auth": (
        "Auth",
        "Tokens, the authorization-code flow with PKCE, and the token store protocol. See "
        "[Authentication](../guides/authentication.md).",
    ),
    "stores": (
        "Token stores",
        "Where rotating refresh tokens are kept, shared by the workers of one machine. See "
        "[Running many workers](../guides/many-workers.md).",
    ),
    "rate-limits": (
        "Rate limits",
        "Request budgets. See [Running many workers](../guides/many-workers.md).",
    ),
    "redis": (
        "Redis",
        "A token store and a request budget shared by workers on many hosts "
        '(`pip install "astravue-async[redis]"`).',
    ),
    "testing": (
        "Testing",
        "`FakeAstravue` and its pytest fixtures. See [Testing](../guides/testing.md).",
    ),
    "types": ("Sentinels", "Markers used in signatures."),
    "observability": (
        "Raw responses and events",
        "`with_raw_response` and what event hooks receive.",
    ),
}
# A topic page whose names fall into groups of their own gets a heading per group, in this
# order; a name in no group lands under "Other", so a new public name is never lost.
_GROUPS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "auth": [
        ("Tokens", ("OAuth2Token",)),
        (
            "Signing in (authorization code with PKCE)",
            ("AuthorizationRequest", "build_authorization_url", "exchange_code"),
        ),
        ("Token stores", ("TokenStore", "TokenLease")),
        ("Refreshing", ("refresh", "max_refresh_seconds", "TokenManager")),
        (
            "Defaults and limits",
            (
                "DEFAULT_AUTHORIZE_URL",
                "DEFAULT_TOKEN_URL",
                "DEFAULT_TOKEN_TIMEOUT",
                "DEFAULT_TOKEN_CONNECT_TIMEOUT",
                "DEFAULT_REFRESH_RETRIES",
                "DEFAULT_PERSIST_TIMEOUT",
                "MAX_REFRESH_SECONDS",
            ),
        ),
        ("Helpers for custom token stores", ("utcnow", "write_private_file")),
    ],
    "testing": [
        ("Fakes", ("FakeAstravue", "SyncFakeAstravue")),
        ("What the fake records", ("LoggedRequest", "RecordedResponse")),
        ("The fake as a server", ("serve",)),
        (
            "Fixed credentials",
            ("DEFAULT_CLIENT_ID", "DEFAULT_CLIENT_SECRET", "DEFAULT_REDIRECT_URI"),
        ),
    ],
}
# The guide an optional page links to, when that guide exists (the build fails on a link to
# a missing page).
_GUIDES = {"observability": ("Observability", "guides/observability.md")}

# Where the names exported by the top-level package are documented, by where they are defined.
_TOP_LEVEL_TOPICS = (
    ("astravue_async.client.", "client"),
    ("astravue_async._errors.", "errors"),
    ("astravue_async._generated.models.FieldError", "errors"),
    ("astravue_async._pagination.", "pagination"),
    ("astravue_async._ratelimit.", "rate-limits"),
    ("astravue_async.auth.", "auth"),
    ("astravue_async.stores.", "stores"),
    ("astravue_async._types.", "types"),
    ("astravue_async._observability.", "observability"),
    ("astravue_async._response.", "observability"),
)
# Public submodules whose names are documented on a topic page of their own name.
_MODULE_TOPICS = {
    "astravue_async.client": "client",
    "astravue_async.sync": "sync",
    "astravue_async.auth": "auth",
    "astravue_async.stores": "stores",
    "astravue_async.redis": "redis",
    "astravue_async.testing": "testing",
}
# Modules documented elsewhere: models and resources get a page per class, the command line
# its own reference.
_PER_CLASS = {"astravue_async.models": "models", "astravue_async.resources": "resources"}
_SKIPPED_MODULES = {"astravue_async.cli", "astravue_async.__main__"}


@dataclass
class Page:
    """One generated reference page: the public paths it renders, in order."""

    slug: str
    title: str
    intro: str
    paths: list[str] = field(default_factory=list)


def public_modules() -> list[str]:
    """The package and every submodule whose dotted name has no ``_``-prefixed part."""
    package = importlib.import_module(PACKAGE)
    names = [PACKAGE]
    for info in pkgutil.walk_packages(package.__path__, PACKAGE + "."):
        parts = info.name.split(".")
        if any(part.startswith("_") for part in parts) or info.name in _SKIPPED_MODULES:
            continue
        names.append(info.name)
    return names


def _canonical(module: Any, name: str) -> str:
    """Where ``module.name`` is defined, as a dotted path.

    Classes and functions say where they were defined. A plain value (``NOT_GIVEN``, a type
    alias such as ``OnChange``) does not, so it is found as the module of the package whose
    source assigns that name at top level.
    """
    obj = getattr(module, name)
    defined_in = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if (
        isinstance(defined_in, str)
        and isinstance(qualname, str)
        and defined_in.split(".")[0] == PACKAGE
    ):
        return f"{defined_in}.{qualname}"
    assignment = re.compile(rf"^{re.escape(name)}\s*(?::[^=\n]*)?=", re.M)
    for module_name, loaded in sorted(sys.modules.items()):
        if not module_name.startswith(PACKAGE + ".") or module_name == module.__name__:
            continue
        source = getattr(loaded, "__file__", None)
        if (
            source
            and source.endswith(".py")
            and getattr(loaded, name, None) is obj
            and assignment.search(Path(source).read_text(encoding="utf-8"))
        ):
            return f"{module_name}.{name}"
    return f"{module.__name__}.{name}"


def _is_module(value: Any) -> bool:
    return type(value).__name__ == "module"


def reference_pages() -> tuple[dict[str, Page], list[str], list[str], dict[str, str]]:
    """Every public name, once, on the page that documents it.

    Returns:
        The topic pages by slug, the model paths (``astravue_async.models.TaskDto`` ...),
        the resource class paths, and the models documented under another path (model path
        to that path: ``FieldError`` is on the errors page as ``astravue_async.FieldError``).
    """
    pages = {slug: Page(slug, title, intro) for slug, (title, intro) in TOPICS.items()}
    per_class: dict[str, list[str]] = {"models": [], "resources": []}
    seen: dict[int, str] = {}
    elsewhere: dict[str, str] = {}
    for module_name in public_modules():
        module = importlib.import_module(module_name)
        exported = getattr(module, "__all__", None)
        if exported is None:
            continue
        for name in exported:
            value = getattr(module, name)
            if _is_module(value):
                continue  # a public module: documented by its own entries
            if module_name == PACKAGE and name == "__version__":
                continue  # stated on the reference's index page
            # A class or function exported by several modules is documented once, under its
            # first (shortest) public path; plain values are documented where exported.
            path = f"{module_name}.{name}"
            group = _PER_CLASS.get(module_name) or next(
                (group for prefix, group in _PER_CLASS.items() if module_name.startswith(prefix)),
                None,
            )
            if not isinstance(value, (str, int, float, bool)):
                if id(value) in seen:
                    if group == "models":  # every model is listed, if only as a pointer
                        per_class[group].append(path)
                        elsewhere[path] = seen[id(value)]
                    continue
                seen[id(value)] = path
            if group is not None:
                per_class[group].append(path)
                continue
            if module_name == PACKAGE:
                canonical = _canonical(module, name)
                slug = next(
                    (topic for prefix, topic in _TOP_LEVEL_TOPICS if canonical.startswith(prefix)),
                    None,
                )
                if slug is None:
                    raise LookupError(
                        f"{PACKAGE}.{name} (defined as {canonical}) has no reference page: "
                        "add its module to _TOP_LEVEL_TOPICS in scripts/docs_hooks.py"
                    )
            else:
                slug = _MODULE_TOPICS.get(module_name) or module_name.rsplit(".", 1)[-1]
            if slug not in pages:
                pages[slug] = Page(slug, f"`{module_name}`", f"The `{module_name}` module.")
            pages[slug].paths.append(path)
    return pages, per_class["models"], per_class["resources"], elsewhere


def _summary(path: str) -> str:
    """The first line of an object's docstring, for index tables."""
    module_name, _, name = path.rpartition(".")
    doc = getattr(importlib.import_module(module_name), name).__doc__ or ""
    first = doc.strip().split("\n\n")[0]
    return " ".join(first.split()).replace("|", "\\|")


def _intro(slug: str, intro: str) -> str:
    """``intro``, plus a link to the topic's guide when that guide exists."""
    title, guide = _GUIDES.get(slug, ("", ""))
    if guide and (ROOT / "docs" / guide).is_file():
        intro += f" See [{title}](../{guide})."
    return intro


def _render_topic(page: Page) -> str:
    lines = [f"# {page.title}", "", _intro(page.slug, page.intro), ""]
    module = next((name for name, slug in _MODULE_TOPICS.items() if slug == page.slug), None)
    if module is not None:
        # The module's own docstring: what holds for all of it (the fake's conventions, the
        # fixtures, how the stores coordinate), which no single member's docstring says.
        lines += [
            f"::: {module}",
            "    options:",
            "      members: false",
            "      show_root_heading: false",
            "",
        ]
    if page.slug == "client":
        lines += [client_resources_table(), ""]
    groups = _GROUPS.get(page.slug)
    if groups is None:
        for path in page.paths:
            lines += [f"::: {path}", ""]
        return "\n".join(lines)
    by_name = {path.rsplit(".", 1)[-1]: path for path in page.paths}
    placed: set[str] = set()
    for heading, names in [*groups, ("Other", tuple(by_name))]:
        paths = [by_name[name] for name in names if name in by_name and name not in placed]
        if not paths:
            continue
        lines += [f"## {heading}", ""]
        for path in paths:
            placed.add(path.rsplit(".", 1)[-1])
            lines += [f"::: {path}", "    options:", "      heading_level: 3", ""]
    return "\n".join(lines)


def client_resources() -> dict[str, type]:
    """The ``client.<name>`` namespaces of a real ``AstravueClient``: name to class."""
    from astravue_async import AstravueClient
    from astravue_async.resources._base import Resource

    client = AstravueClient(org_id=1, access_token="docs")  # noqa: S106 - never sent
    try:
        return {
            name: type(value) for name, value in vars(client).items() if isinstance(value, Resource)
        }
    finally:
        asyncio.run(client.aclose())


def client_resources_table() -> str:
    """The ``client.<name>`` namespaces of a real ``AstravueClient``, with their verbs."""
    resources = client_resources()
    rows = [
        "## Resources",
        "",
        "Each is an attribute of the client (`client.tasks.list()`), documented on its own page.",
        "",
        "| attribute | class | methods |",
        "|---|---|---|",
    ]
    for name, cls in resources.items():
        methods = ", ".join(
            f"`{verb}`"
            for verb in dir(cls)
            if not verb.startswith("_") and callable(getattr(cls, verb))
        )
        rows.append(
            f"| `client.{name}` | [`{cls.__name__}`](resources/{_slug(cls.__name__)}.md) "
            f"| {methods} |"
        )
    return "\n".join(rows)


def _slug(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def generated_pages() -> tuple[dict[str, str], list[Any]]:
    """Every generated page of the site, by path relative to ``docs/``, and the reference
    section's navigation (MkDocs ``nav`` entries)."""
    pages, models, resources, elsewhere = reference_pages()
    resources, helpers = _resource_helpers(resources)
    out: dict[str, str] = {}
    nav: list[Any] = [{"Overview": f"{REFERENCE}/index.md"}]
    index = [
        "# API reference",
        "",
        "Generated from the docstrings of the public modules; every public name appears "
        "here, under the import path to use. `astravue_async.__version__` is the installed "
        "version.",
        "",
    ]
    for slug, page in pages.items():
        if not page.paths:
            continue
        out[f"{REFERENCE}/{slug}.md"] = _render_topic(page)
        nav.append({page.title.strip("`"): f"{REFERENCE}/{slug}.md"})
        index.append(f"- [{page.title}]({slug}.md): {page.intro.split('. See')[0]}")
        if slug == "client":
            nav.append(
                {
                    "Resources": [f"{REFERENCE}/resources/index.md"]
                    + [
                        {name: f"{REFERENCE}/resources/{_slug(name)}.md"}
                        for name in (path.rsplit(".", 1)[-1] for path in resources)
                    ]
                }
            )
            index.append("- [Resources](resources/index.md): the `client.<resource>` namespaces.")
    out[f"{REFERENCE}/resources/index.md"] = _class_index(
        "Resources",
        "The `client.<resource>` namespaces of [`AstravueClient`](../client.md); the sync "
        "client has a blocking twin of each ([Sync client](../sync.md)).",
        resources,
        lambda name: f"{_slug(name)}.md",
    )
    attributes = {cls.__name__: name for name, cls in client_resources().items()}
    for path in resources:
        name = path.rsplit(".", 1)[-1]
        where = (
            f"`client.{attributes[name]}` of an `AstravueClient` (and of an "
            "`AstravueSyncClient`, blocking); never created by hand."
            if name in attributes
            else ""
        )
        page = (
            f"# {name}\n\n{where}\n\n::: {path}\n    options:\n"
            "      merge_init_into_class: false\n      show_bases: false\n"
        )
        if helpers.get(path):
            module = helpers[path][0].rpartition(".")[0]
            page += f"\n## Helpers\n\nFunctions of `{module}` that its methods use.\n\n"
            page += "".join(
                f"::: {helper}\n    options:\n      heading_level: 3\n\n"
                for helper in helpers[path]
            )
        out[f"{REFERENCE}/resources/{_slug(name)}.md"] = page
    envelopes = [path for path in models if _is_envelope(path)]
    out[f"{REFERENCE}/models/index.md"] = (
        _class_index(
            "Models",
            "Every request and response model and enum, generated from the OpenAPI spec: "
            "import them from `astravue_async.models`.\n\n::: astravue_async.models\n"
            "    options:\n      members: false\n      show_root_heading: false\n",
            [path for path in models if path not in envelopes],
            lambda name: f"{name}.md",
        )
        + "\n"
        + _class_index(
            "Envelopes",
            "The success envelopes the API wraps every answer in (`data` plus status "
            "fields). The client unwraps them: a method returns the `data`, so you meet these "
            "only in raw responses.",
            envelopes,
            lambda name: f"{name}.md",
            level=2,
        )
    )
    model_nav: list[Any] = [f"{REFERENCE}/models/index.md"]
    envelope_nav: list[Any] = []
    for path in models:
        name = path.rsplit(".", 1)[-1]
        if path in elsewhere:
            out[f"{REFERENCE}/models/{name}.md"] = (
                f"# {name}\n\n`{path}` is [`{elsewhere[path]}`][{elsewhere[path]}], "
                "documented there.\n"
            )
        else:
            out[f"{REFERENCE}/models/{name}.md"] = (
                f"# {name}\n\n::: {path}\n    options:\n      show_if_no_docstring: true\n"
            )
        (envelope_nav if path in envelopes else model_nav).append(
            {name: f"{REFERENCE}/models/{name}.md"}
        )
    if envelope_nav:
        model_nav.append({"Envelopes": envelope_nav})
    nav.append({"Models": model_nav})
    index.append("- [Models](models/index.md): every request and response model and enum.")
    out[f"{REFERENCE}/cli.md"] = cli_reference()
    nav.append({"Command line": f"{REFERENCE}/cli.md"})
    index.append("- [Command line](cli.md): every command, verb and option of `astravue`.")
    out[f"{REFERENCE}/index.md"] = "\n".join(index) + "\n"
    return out, nav


def _resource_helpers(paths: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The resource classes among ``paths``, and the other names (helper functions of a
    resource module) by the class defined in the same module, whose page shows them."""
    classes: list[str] = []
    helpers: list[str] = []
    for path in paths:
        module_name, _, name = path.rpartition(".")
        value = getattr(importlib.import_module(module_name), name)
        (classes if isinstance(value, type) else helpers).append(path)
    owner = {}
    for path in classes:
        module_name, _, name = path.rpartition(".")
        owner[getattr(importlib.import_module(module_name), name).__module__] = path
    by_class: dict[str, list[str]] = {}
    for path in helpers:
        module_name = path.rpartition(".")[0]
        if module_name not in owner:
            raise LookupError(f"{path}: no resource class of {module_name} to show it with")
        by_class.setdefault(owner[module_name], []).append(path)
    return classes, by_class


def _is_envelope(path: str) -> bool:
    return path.rsplit(".", 1)[-1].startswith("ApiSuccessResponse")


def _class_index(
    title: str, intro: str, paths: list[str], target: Callable[[str], str], *, level: int = 1
) -> str:
    lines = [f"{'#' * level} {title}", "", intro, "", "| name | summary |", "|---|---|"]
    for path in paths:
        name = path.rsplit(".", 1)[-1]
        lines.append(f"| [`{name}`]({target(name)}) | {_summary(path)} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- CLI reference


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str, Any]]:
    """(name, help, parser) of each subcommand of ``parser``, in declaration order."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, helps.get(name, ""), sub


def _help_text(parser: argparse.ArgumentParser) -> str:
    # argparse wraps to the terminal's width: fix it, so the page does not depend on who built it.
    with _environ(COLUMNS="100"):
        return parser.format_help().rstrip()


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def cli_parsers() -> list[tuple[str, str, argparse.ArgumentParser]]:
    """Every command line of ``astravue``, depth first: (command, help, parser)."""
    from astravue_async._fake.serve import _parser as fake_parser
    from astravue_async.cli import build_parser

    found: list[tuple[str, str, argparse.ArgumentParser]] = []

    def walk(prefix: str, help_: str, parser: argparse.ArgumentParser) -> None:
        if prefix == "astravue fake":
            # `astravue fake` passes its arguments to the fake server's own parser.
            parser = fake_parser("astravue fake")
        found.append((prefix, help_, parser))
        for name, sub_help, sub in _subcommands(parser):
            walk(f"{prefix} {name}", sub_help, sub)

    walk("astravue", "", build_parser())
    return found


def cli_reference() -> str:
    """The command-line reference page: each command's ``--help``, as the parser prints it."""
    lines = [
        "# Command line reference",
        "",
        "Generated from the argument parser of `astravue` (`astravue_async.cli`): each "
        "section is what `--help` prints for that command. The "
        "[command line guide](../guides/command-line.md) shows them in use.",
        "",
    ]
    for command, help_, parser in cli_parsers():
        depth = command.count(" ")
        lines += [f"{'#' * min(depth + 2, 4)} `{command}`", ""]
        if help_:
            lines += [help_[0].upper() + help_[1:] + ".", ""]
        lines += ["```text", _help_text(parser), "```", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------- idempotency table


def _facade_methods() -> dict[str, list[str]]:
    """``operation_id`` → the ``client.<resource>.<verb>`` methods that run it."""
    from astravue_async.resources._base import operations_of

    methods: dict[str, list[str]] = {}
    for name, cls in client_resources().items():
        for verb in dir(cls):
            if verb.startswith("_"):
                continue
            for op in operations_of(getattr(cls, verb)):
                methods.setdefault(op.operation_id, []).append(f"client.{name}.{verb}")
    return methods


def _idempotency_reasons() -> dict[tuple[str, str], str]:
    """(HTTP method, path) → the reason ``openapi/overrides.yaml`` gives for ``x-idempotent``."""
    import yaml

    overrides = yaml.safe_load((ROOT / "openapi" / "overrides.yaml").read_text(encoding="utf-8"))
    reasons: dict[tuple[str, str], str] = {}
    for item in overrides.get("overrides", overrides) if isinstance(overrides, dict) else overrides:
        pointer = str(item.get("pointer", ""))
        match = re.fullmatch(r"/paths/(.+)/(get|put|post|patch|delete)/x-idempotent", pointer)
        if match:
            path = match.group(1).replace("~1", "/").replace("~0", "~")
            reasons[(match.group(2).upper(), path)] = " ".join(str(item["reason"]).split())
    return reasons


def idempotency_table() -> str:
    """Every operation: its facade method, whether it is repeated once it may have been
    received, and the reason, straight from the descriptors and the spec overrides."""
    from astravue_async._generated.operations import OPERATIONS

    methods = _facade_methods()
    reasons = _idempotency_reasons()
    rows = [
        "| method | HTTP | repeated after it may have reached the server | why |",
        "|---|---|---|---|",
    ]
    ordered = sorted(OPERATIONS.values(), key=lambda op: (op.tag, op.path, op.method))
    for op in ordered:
        facade = "<br>".join(f"`{m}`" for m in methods.get(op.operation_id, [])) or "—"
        verdict = "yes" if op.idempotent else "**no**"
        reason = reasons.get((op.method, op.path), "").replace("|", "\\|")
        rows.append(
            f"| {facade} | [`{op.method} {op.path}`]({op.doc_url}) | {verdict} | {reason} |"
        )
    return "\n".join(rows)


def readme_performance() -> str:
    """The README's "## Performance" section (the latest committed benchmark run), with its
    headings moved one level down to sit inside the page that includes it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Performance\n")
    end = text.find("\n## ", start + 1)
    body = text[start : end if end != -1 else len(text)].strip().split("\n", 1)[1]
    return re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", body, flags=re.M).strip()


MARKERS = {
    "<!-- docs:idempotency-table -->": idempotency_table,
    "<!-- docs:readme-performance -->": readme_performance,
}


def expand_markers(markdown: str) -> str:
    """``markdown`` with every generated-table marker replaced by its table."""
    for marker, make in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown


# --------------------------------------------------------------------------- MkDocs events


_generated: dict[str, str] = {}


def on_config(config: Any) -> Any:
    # Generated once per build (and per rebuild under `mkdocs serve`, which reloads hooks).
    pages, nav = generated_pages()
    _generated.clear()
    _generated.update(pages)
    config.nav = [
        {"Reference": nav} if item == {"Reference": f"{REFERENCE}/"} else item
        for item in config.nav
    ]
    return config


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for src_uri, content in _generated.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return expand_markers(markdown)
