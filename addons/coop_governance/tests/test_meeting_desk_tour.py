# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from odoo.addons.coop_base.tests.common import new_coop_user

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestMeetingDeskTour(GovernanceCase, HttpCase):
    """The meetings' cards and the attendance desk in the browser, on a
    desktop screen and on a phone."""

    def _run_desk(self):
        secretary = new_coop_user(
            self.env,
            "desk_secretary",
            "base.group_user,coop_base.group_coop_officer",
            self.coop,
            password="desk_secretary",
        )
        short = self._meeting_soon(body=self.board, name="Quorum Short Board")
        short.action_start()
        short.attendance_ids[:1].action_check_in()
        met = self._meeting_soon(name="Quorum Met Assembly")
        met.action_start()
        met.attendance_ids[:3].action_check_in()
        self.assertEqual((short.quorum_reached, met.quorum_reached), (False, True))
        self.assertTrue(0 < short.quorum_progress < 100, "the short gauge is drawn, not empty")
        self.start_tour(
            "/odoo/action-coop_governance.coop_meeting_action",
            "coop_governance_meeting_cards",
            login=secretary.login,
        )
        self.start_tour(
            "/odoo/action-coop_governance.coop_meeting_attendance_action",
            "coop_governance_attendance_desk",
            login=secretary.login,
        )
        self.env.invalidate_all()
        line = self._attendance(met, self.members[5])
        self.assertEqual(line.state, "present")
        self.assertEqual(met.present_count, 4)
        self.assertEqual(line.write_uid, secretary, "checked in by the secretary, in the browser")

    def test_meeting_desk_on_a_desktop(self):
        self.browser_size = "1440x900"
        self._run_desk()

    def test_meeting_desk_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self._run_desk()
