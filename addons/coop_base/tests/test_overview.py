from odoo.tests import HttpCase, tagged

from .common import CoopBaseCase

OVERVIEW_FIELDS = [
    "coop_member_count",
    "coop_applicant_count",
    "coop_suspended_count",
    "coop_overview_classes",
]


@tagged("post_install", "-at_install")
class TestOverview(CoopBaseCase, HttpCase):
    def _queries_to_read(self, companies):
        companies.invalidate_recordset()
        before = self.env.cr.sql_log_count
        companies.read(OVERVIEW_FIELDS)
        return self.env.cr.sql_log_count - before

    def test_figures_per_coop_in_constant_queries(self):
        members = [self._apply(partner) for partner in self.partners[:3]]
        for membership in members[:2]:
            membership._apply_transition("approve")
        members[1]._apply_transition("suspend", reason="Unpaid dues")
        self._apply(self.partners[3], company=self.coop_b)
        self.assertEqual(
            (
                self.coop_a.coop_member_count,
                self.coop_a.coop_suspended_count,
                self.coop_a.coop_applicant_count,
            ),
            (1, 1, 1),
        )
        self.assertEqual(self.coop_b.coop_applicant_count, 1)
        # one card or many: the same queries
        both = self.coop_a | self.coop_b
        self.assertEqual(self._queries_to_read(self.coop_a), self._queries_to_read(both))
        action = self.coop_a.action_coop_overview_applications()
        found = self.env["coop.membership"].search(action["domain"] + [("state", "=", "applicant")])
        self.assertEqual(found, members[2])

    def test_tour_overview(self):
        self._apply(self.partners[4], company=self.env.ref("base.main_company"))
        self.start_tour("/odoo", "coop_base_overview", login="admin")
