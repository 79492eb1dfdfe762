"""`make screenshots` on the demo database: every key screen, backend and portal, at
desktop and phone size, opens in Chromium without an HTTP error, a JavaScript error
or an error dialog."""

import importlib.util
import struct

from tests.support import suite

spec = importlib.util.spec_from_file_location(
    "screenshots", suite.REPO / "scripts" / "screenshots.py"
)
screenshots = importlib.util.module_from_spec(spec)
spec.loader.exec_module(screenshots)


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_every_screen_shows_cleanly_at_both_sizes(server, demo_database, tmp_path):
    database, _log = demo_database
    failures = screenshots.capture(server, database, tmp_path)
    assert failures == []
    for name, *_rest in screenshots.SCREENS:
        for viewport, (width, height, _mobile) in screenshots.VIEWPORTS.items():
            assert png_size(tmp_path / f"{name}-{viewport}.png") == (width, height)


def test_a_failing_screen_is_reported(server, demo_database, tmp_path, monkeypatch):
    """The check can fail: a page that answers 404 is a failure, not a picture."""
    database, _log = demo_database
    monkeypatch.setattr(
        screenshots, "SCREENS", [("missing", "member", "/my/no-such-page", "#wrap")]
    )
    failures = screenshots.capture(server, database, tmp_path, viewports=("phone",))
    assert len(failures) == 1 and "HTTP 404" in failures[0]
    assert not (tmp_path / "missing-phone.png").exists()
