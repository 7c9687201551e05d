"""Reporters: pure functions from a run's results to text. Chosen by name."""

from __future__ import annotations

from collections.abc import Iterator

FORMATS = ("text", "json", "sarif", "github")


def render_pieces(format_name: str, files, **options) -> Iterator[str]:
    """`render`'s text in pieces, for writing out as it is made: the JSON report of a file with
    tens of thousands of findings is never held whole (the other formats come in one piece)."""
    if format_name == "json":
        from tqlint.reporters.json import iter_json  # start-up: only the chosen reporter loads

        yield from iter_json(files)
    else:
        yield render(format_name, files, **options)


def render(format_name: str, files, **options) -> str:
    if format_name == "json":
        from tqlint.reporters.json import render_json  # start-up: only the chosen reporter loads

        return render_json(files)
    if format_name == "sarif":
        from tqlint.reporters.sarif import render_sarif  # start-up: only the chosen reporter loads

        return render_sarif(files, options.get("rules"))
    if format_name == "github":
        from tqlint.reporters.github import render_github  # start-up: only the chosen reporter loads

        return render_github(files)
    from tqlint.reporters.text import render_text  # start-up: only the chosen reporter loads

    return render_text(files, color=options.get("color", False), quiet=options.get("quiet", False))
