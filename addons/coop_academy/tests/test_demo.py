from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "coop_academy")
class TestDemo(TransactionCase):
    def test_demo_matrix_has_every_state(self):
        coop = self.env.ref("coop_base.demo_coop", raise_if_not_found=False)
        if not coop or not self.env.ref("coop_academy.demo_requirement_board", False):
            self.skipTest("installed without demo data")
        lines = self.env["coop.academy.assignment"].search([("company_id", "=", coop.id)])
        self.assertEqual(set(lines.mapped("status")), {"due", "overdue", "done", "expired"})
        # the requirements are satisfied by their courses, as the statuses say
        lines._coop_refresh_status()
        self.assertEqual(set(lines.mapped("status")), {"due", "overdue", "done", "expired"})

    def test_overview_counts_overdue_and_expired_training(self):
        coop = self.env.ref("coop_base.demo_coop", raise_if_not_found=False)
        if not coop or not self.env.ref("coop_academy.demo_requirement_board", False):
            self.skipTest("installed without demo data")
        lines = self.env["coop.academy.assignment"].search([("company_id", "=", coop.id)])
        late = lines.filtered(lambda line: line.status in ("overdue", "expired"))
        self.assertEqual(
            coop.coop_training_overdue_count + coop.coop_training_expired_count, len(late)
        )
        action = coop.action_coop_overview_training()
        self.assertEqual(self.env["coop.academy.assignment"].search(action["domain"]), late)
