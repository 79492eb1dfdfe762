from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import CoopBaseCase


@tagged("post_install", "-at_install")
class TestSecurity(CoopBaseCase, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Membership = cls.env["coop.membership"]
        cls.membership_a = Membership.create(
            {"partner_id": cls.partners[0].id, "company_id": cls.coop_a.id}
        )
        cls.membership_b = Membership.create(
            {"partner_id": cls.partners[1].id, "company_id": cls.coop_b.id}
        )
        cls.portal_membership = Membership.create(
            {"partner_id": cls.portal_user.partner_id.id, "company_id": cls.coop_a.id}
        )

    def test_coop_isolation(self):
        Membership = self.env["coop.membership"]
        visible_to_a = Membership.with_user(self.officer_a).search([])
        self.assertIn(self.membership_a, visible_to_a)
        self.assertNotIn(self.membership_b, visible_to_a)
        with self.assertRaises(AccessError):
            self.membership_b.with_user(self.officer_a).read(["partner_id"])
        with self.assertRaises(AccessError):
            self.membership_a.with_user(self.officer_b).write({"application_note": "peek"})
        self.assertEqual(Membership.with_user(self.officer_b).search([]), self.membership_b)
        classes_a = self.env["coop.member.class"].with_user(self.officer_a).search([])
        self.assertEqual(classes_a, self.class_worker_a | self.class_consumer_a)

    def test_portal_reads_only_own_membership(self):
        Membership = self.env["coop.membership"].with_user(self.portal_user)
        self.assertEqual(Membership.search([]), self.portal_membership)
        with self.assertRaises(AccessError):
            self.membership_a.with_user(self.portal_user).read(["member_number"])
        with self.assertRaises(AccessError):
            self.portal_membership.with_user(self.portal_user).write(
                {"application_note": "approve me"}
            )
        with self.assertRaises(AccessError):
            Membership.create(
                {"partner_id": self.portal_user.partner_id.id, "company_id": self.coop_b.id}
            )

    def test_portal_sees_membership_of_own_organisation(self):
        organisation = self.env["res.partner"].create(
            {"name": "Bread Collective", "is_company": True}
        )
        self.portal_user.partner_id.parent_id = organisation
        organisation_membership = self.env["coop.membership"].create(
            {"partner_id": organisation.id, "company_id": self.coop_b.id}
        )
        colleague = self.env["res.partner"].create(
            {"name": "Colleague", "parent_id": organisation.id}
        )
        colleague_membership = self.env["coop.membership"].create(
            {"partner_id": colleague.id, "company_id": self.coop_b.id}
        )
        visible = self.env["coop.membership"].with_user(self.portal_user).search([])
        self.assertEqual(visible, self.portal_membership | organisation_membership)
        self.assertNotIn(colleague_membership, visible)

    def test_plain_employee_has_no_member_access(self):
        with self.assertRaises(AccessError):
            self.env["coop.membership"].with_user(self.employee_a).search([])
        with self.assertRaises(AccessError):
            self.env["coop.membership"].with_user(self.employee_a).create(
                {"partner_id": self.partners[2].id, "company_id": self.coop_a.id}
            )

    def test_officer_cannot_configure_classes(self):
        with self.assertRaises(AccessError):
            self.env["coop.member.class"].with_user(self.officer_a).create(
                {"name": "Friends", "code": "F", "company_id": self.coop_a.id}
            )
        created = (
            self.env["coop.member.class"]
            .with_user(self.manager_a)
            .create({"name": "Friends", "code": "F", "company_id": self.coop_a.id})
        )
        self.assertEqual(created.company_id, self.coop_a)

    def test_views_load_for_each_role(self):
        views = [(False, "list"), (False, "form"), (False, "kanban"), (False, "search")]
        for user in (self.officer_a, self.manager_a):
            with self.subTest(user=user.login):
                result = self.env["coop.membership"].with_user(user).get_views(views)
                self.assertEqual(set(result["views"]), {"list", "form", "kanban", "search"})
        arch = (self.env["coop.membership"].with_user(self.officer_a).get_views([(False, "form")]))[
            "views"
        ]["form"]["arch"]
        self.assertNotIn('name="action_approve"', arch)  # board decisions hidden from officers
        # a plain employee still opens contacts
        partner_views = (
            self.env["res.partner"].with_user(self.employee_a).get_views([(False, "form")])
        )
        self.assertNotIn("coop_membership_ids", partner_views["views"]["form"]["arch"])
