# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import (
    new_coop_user,
    pdf_font_families,
    pdf_pages,
    render_pdf,
)

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestBackendTour(GovernanceCase, HttpCase):
    def test_open_and_close_ask_for_confirmation(self):
        officer = new_coop_user(
            self.env,
            "ballot_tour_officer",
            "base.group_user,coop_base.group_coop_officer",
            self.coop,
            password="ballot_tour_officer",
        )
        ballot = self.env["coop.ballot"].create(
            {
                "name": "Confirmed ballot",
                "company_id": self.coop.id,
                "method": "yes_no",
                "notify_voters": False,
                "date_close": fields.Datetime.now() + timedelta(days=1),
            }
        )
        self.start_tour(
            f"/odoo/action-coop_governance.coop_ballot_action/{ballot.id}",
            "coop_governance_ballot_confirmations",
            login=officer.login,
        )
        ballot.invalidate_recordset()
        self.assertIn(ballot.state, ("counting", "closed"))
        self.assertTrue(ballot.roll_ids, "the roll was drawn when the ballot opened")
        self.assertEqual(ballot.early_closed_by_id, officer)
        self.assertIn("assembly closed the poll", ballot.early_close_reason)

    def test_minutes_pdf_letterhead_page_numbers_and_box_head(self):
        meeting = self._held_meeting(present=6)
        meeting.minutes = "<p>All went well.</p>"
        ballot = self._ballot(method="yes_no", meeting_id=meeting.id)
        ballot.action_open()
        self._close_and_count(ballot)
        meeting.action_close()
        pdf = render_pdf(self.env, "coop_governance.action_report_meeting_minutes", meeting.ids)
        pages = pdf_pages(pdf)
        for number, page in enumerate(pages, start=1):
            self.assertIn(self.coop.name, page)
            self.assertIn(f"Page {number} of {len(pages)}", page)
            self.assertNotIn(" ,", page)
        # the box head is text a member can copy to check the published box
        self.assertIn(ballot.box_head, "".join(" ".join(pages).split()))
        self.assertEqual(pdf_font_families(pdf), {"DejaVuSans"})
