"""Work a page no longer repeats on every request."""

from __future__ import annotations

from worldbrief.web.templating import make_templates


def test_templates_are_read_once_not_checked_on_every_render() -> None:
    """Checking each template file's time cost three stat calls per page (about a tenth of a
    home page's time over a large store)."""
    env = make_templates().env
    assert env.auto_reload is False
    first = env.get_template("home.html")
    assert env.get_template("home.html") is first
