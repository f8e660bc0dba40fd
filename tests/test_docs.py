"""The documentation covers every setting, column and command, and its commands are the real ones.

README.md is short: what the tool is, the two commands, links. The pages under docs/ hold the rest:
huong-dan.md (the staff's guide, Vietnamese: every command and option), khi-co-loi.md (errors),
du-lieu.md (the data reference, generated from scorecard/schema.py), may-chu.md (the server),
developers.md (internals, dependencies, speed).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REGENERATE_FLAG, regenerate
from scorecard import bulletins, docs, limits, schema
from scorecard.cli import parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
GUIDE = (DOCS / "huong-dan.md").read_text(encoding="utf-8")
REFERENCE = (DOCS / "du-lieu.md").read_text(encoding="utf-8")
ERRORS = (DOCS / "khi-co-loi.md").read_text(encoding="utf-8")
DEVELOPERS = (DOCS / "developers.md").read_text(encoding="utf-8")
INSTALL_AND_BUILD = "pip install -r requirements.txt && python generate.py"
RUN_TESTS = "python tools/run_tests.py"


def generated_block(name: str, update, start: str, end: str) -> str:
    """The generated block of docs/<name> (markers included), rewritten by update() first when regenerating."""
    page = (DOCS / name).read_text(encoding="utf-8")
    if regenerate():
        page = update(page)
        (DOCS / name).write_text(page, encoding="utf-8")
    return page[page.index(start):page.index(end) + len(end)]


def test_reference_block_matches_the_schema():
    block = generated_block("du-lieu.md", docs.updated_reference, docs.START, docs.END)
    assert block == docs.reference(), f"run: {REGENERATE_FLAG}=1 python -m pytest tests/test_docs.py"


def test_limits_block_matches_the_limits_declared():
    block = generated_block("khi-co-loi.md", docs.updated_limits, docs.LIMITS_START, docs.LIMITS_END)
    assert block == docs.limits_table(), f"run: {REGENERATE_FLAG}=1 python -m pytest tests/test_docs.py"
    assert [limit.name for limit in limits.LIMITS] == limits.names(), "every field of Limits is documented, in order"
    for limit in limits.LIMITS:
        assert f"| `{limit.name}` |" in ERRORS, limit.name


def test_every_column_and_setting_is_documented():
    for table in schema.TABLES:
        assert f"`{table.file}`" in REFERENCE
        for column in table.columns:
            assert f"| `{column.name}` |" in REFERENCE, f"{table.file}: {column.name}"
    for setting in schema.SETTINGS:
        assert f"| `{setting.name}` |" in REFERENCE, setting.name


def test_every_bulletin_key_and_figure_field_is_documented():
    for key in bulletins.REQUIRED_KEYS + bulletins.OPTIONAL_KEYS:
        assert f"| `{key}` |" in REFERENCE, key
    for field in bulletins.TOTAL_FIELDS:
        assert f'`{{{{ total("<indicator_id>", "{field}") }}}}`' in REFERENCE, field
    for field in bulletins.RESULT_FIELDS:
        assert f'`{{{{ result("<unit_id>", "<indicator_id>", "{field}") }}}}`' in REFERENCE, field


def test_every_command_line_option_is_documented_in_the_guide():
    for action in parser()._actions:
        for option in action.option_strings:
            assert f"`{option}" in GUIDE, option
    commands = next(a for a in parser()._actions if a.dest == "command").choices
    for command in commands:
        assert f"| `{command}" in GUIDE, command


def test_readme_names_the_two_commands_and_ci_runs_the_second():
    assert INSTALL_AND_BUILD in README
    assert RUN_TESTS in README
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert ci == [RUN_TESTS]


def test_every_requirement_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r "):
                assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.+-]*", line), f"{name}: {line}"


def test_every_direct_dependency_is_explained():
    for package in ("pandas", "PyYAML", "Jinja2", "Babel", "Altair", "mkdocs", "mkdocs-material", "Markdown",
                    "openpyxl", "fpdf2", "nh3"):
        assert f"| {package}" in DEVELOPERS or f", {package}" in DEVELOPERS or f" {package}," in DEVELOPERS, package


def test_rating_defaults_documented_per_method_are_the_ones_applied():
    from scorecard.validate import rating_rules

    for method in schema.RATING_METHODS:
        rules = rating_rules(method, {})
        assert rules.method == method
        for setting in schema.SETTINGS:
            key = setting.name.removeprefix("rating.")
            if setting.name.startswith("rating.") and key != "method" and setting.applies_to(method):
                assert getattr(rules, key) == setting.default_for(method), (method, key)
                shown = docs.default_text(setting)
                if setting.default_for(method) is not None:
                    assert f"`{docs.yaml_value(setting.default_for(method))}` ({method})" in shown
    assert "`0.5` (targets), `0.3` (qd366)" in REFERENCE


def slug(heading: str) -> str:
    """A heading's anchor as GitHub and most Markdown viewers make it: lowercase, punctuation dropped, - for spaces."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    explicit = set(re.findall(r'<a (?:id|name)="([^"]+)"', text))  # <a id="..."></a> before a heading
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.M)} | explicit


@pytest.mark.parametrize("page", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_every_link_between_the_docs_leads_somewhere(page):
    """Links to a file of the project name one that exists; links to a #section name a heading of that page."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto: outside the project
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(target)
    assert not broken, f"{page.name}: links that lead nowhere: {broken}"
