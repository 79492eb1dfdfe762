# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from .. import meeting_rules


@tagged("post_install", "-at_install")
class TestMeetingRules(BaseCase):
    def test_web_links(self):
        for url in (
            "https://meet.example.org/green-valley-board",
            "http://192.0.2.10:8080/room?id=3",
            "HTTPS://Meet.Example.org/",
        ):
            with self.subTest(url=url):
                self.assertTrue(meeting_rules.is_web_link(url))
        for url in (
            "javascript:alert(document.cookie)",
            "JavaScript://example.org/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example.org/",
            "/web/login",
            "meet.example.org",
            "https://",
            "https:///path",
            " https://meet.example.org",
            "https://meet.example.org/a b",
            "http://[::1",
            "",
            None,
        ):
            with self.subTest(url=url):
                self.assertFalse(meeting_rules.is_web_link(url))
