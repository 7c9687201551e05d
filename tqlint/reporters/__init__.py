"""Reporters: pure functions from a run's results to text. Chosen by name."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif", "github")


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
