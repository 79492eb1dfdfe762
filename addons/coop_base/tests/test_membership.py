from datetime import date

from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import CoopBaseCase


@tagged("post_install", "-at_install")
class TestMembership(CoopBaseCase, TransactionCase):
    def test_application_then_admission_numbers_per_coop(self):
        first = self._apply(self.partners[0], member_class=self.class_worker_a)
        second = self._apply(self.partners[1], member_class=self.class_consumer_a)
        other = self._apply(self.partners[0], company=self.coop_b, member_class=self.class_tenant_b)
        self.assertEqual((first.state, first.member_number), ("applicant", False))
        (first | second).with_user(self.manager_a).action_approve()
        other._coop_admit("admitted by the shares addon")
        self.assertEqual((first | second).mapped("state"), ["member", "member"])
        self.assertEqual(first.member_number, "M00001")
        self.assertEqual(second.member_number, "M00002")
        # each co-op numbers its own members
        self.assertEqual(other.member_number, "M00001")
        self.assertEqual(first.admission_date, first.company_id._coop_today())
        self.assertEqual(first.decided_by_id, self.manager_a)
        sequences = (self.coop_a | self.coop_b).coop_membership_sequence_id
        self.assertEqual(len(sequences), 2)
        self.assertEqual(sequences.company_id, self.coop_a | self.coop_b)

    def test_duplicate_member_number_in_a_coop(self):
        first = self._member(self.partners[0])
        second = self._member(self.partners[1])
        # numbers are the workflow's: nobody gives one by hand
        with self.assertRaisesRegex(AccessError, "workflow"):
            second.write({"member_number": first.member_number})
        self.assertEqual(second.member_number, "M00002")
        with self.assertRaisesRegex(AccessError, "workflow"):
            self._apply(self.partners[2], member_number="M00042")
        self.assertFalse(
            self.env["coop.membership"].search([("partner_id", "=", self.partners[2].id)])
        )
        # the same number in another co-op is fine
        other = self._member(self.partners[2], company=self.coop_b)
        self.assertEqual(other.member_number, first.member_number)

    def test_duplicate_number_refused_by_the_database_too(self):
        first = self._member(self.partners[0])
        second = self._member(self.partners[1])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE coop_membership SET member_number = %s WHERE id = %s",
                (first.member_number, second.id),
            )

    def test_second_membership_in_same_coop(self):
        self._member(self.partners[0])
        count = self.env["coop.membership"].search_count([])
        with self.assertRaisesRegex(
            ValidationError, "already has a membership in Alpha Bakery Co-op"
        ):
            self._apply(self.partners[0])
        with self.assertRaisesRegex(ValidationError, "twice"):
            self.env["coop.membership"].create(
                [
                    {"partner_id": self.partners[1].id, "company_id": self.coop_a.id},
                    {"partner_id": self.partners[1].id, "company_id": self.coop_a.id},
                ]
            )
        self.assertEqual(self.env["coop.membership"].search_count([]), count)
        # one membership per co-op: another co-op is fine
        self._apply(self.partners[0], company=self.coop_b)

    def test_illegal_transitions_change_nothing(self):
        applicant = self._apply(self.partners[0])
        member = self._member(self.partners[1])
        withdrawn = self._member(self.partners[2])
        withdrawn.with_user(self.officer_a).action_withdraw("moving away")
        records = applicant | member | withdrawn
        before = self._snapshot(records)
        manager = self.manager_a
        cases = [
            (applicant, "action_expel", ("misconduct",)),
            (applicant, "action_suspend", ("unpaid",)),
            (applicant, "action_withdraw", ("changed mind",)),
            (withdrawn, "action_approve", ()),
            (member, "action_approve", ()),
            (member, "action_reinstate", ()),
            (member, "action_reject", ("no",)),
            (withdrawn, "action_expel", ("late",)),
        ]
        for record, method, args in cases:
            with (
                self.subTest(method=method, state=record.state),
                self.assertRaisesRegex(UserError, "this action is not possible"),
            ):
                getattr(record.with_user(manager), method)(*args)
        self.assertEqual(self._snapshot(records), before)
        with self.assertRaises(UserError):
            applicant._coop_withdraw("shares redeemed")
        with self.assertRaises(UserError):
            withdrawn._coop_admit("shares bought")
        self.assertEqual(self._snapshot(records), before)

    def test_approval_only_by_managers(self):
        applicant = self._apply(self.partners[0])
        before = self._snapshot(applicant)
        for user in (self.officer_a, self.employee_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                applicant.with_user(user).action_approve()
            with self.assertRaises(UserError):
                applicant.with_user(user).action_reject("not a manager")
        self.assertEqual(self._snapshot(applicant), before)
        self.assertFalse(self.coop_a.coop_membership_sequence_id)

    def test_batch_approval_is_all_or_nothing(self):
        applicants = self._apply(self.partners[0]) | self._apply(self.partners[1])
        already = self._member(self.partners[2])
        batch = applicants | already
        before = self._snapshot(batch)
        with self.assertRaisesRegex(UserError, "not possible"):
            batch.with_user(self.manager_a).action_approve()
        self.assertEqual(self._snapshot(batch), before)
        applicants.with_user(self.manager_a).action_approve()
        self.assertEqual(applicants.mapped("state"), ["member", "member"])
        self.assertEqual(sorted(applicants.mapped("member_number")), ["M00002", "M00003"])

    def test_batch_approval_from_the_list(self):
        applicants = (
            self._apply(self.partners[0])
            | self._apply(self.partners[1])
            | self._apply(self.partners[2])
        )
        view = self.env.ref("coop_base.coop_membership_view_list")
        self.assertIn('name="action_approve"', view.arch)
        applicants.with_user(self.manager_a).with_context(
            active_ids=applicants.ids
        ).action_approve()
        self.assertEqual(set(applicants.mapped("state")), {"member"})
        self.assertEqual(len(set(applicants.mapped("member_number"))), 3)

    def test_reject_wizard_with_reason(self):
        applicant = self._apply(self.partners[0])
        action = applicant.with_user(self.manager_a).action_reject()
        self.assertEqual(action["res_model"], "coop.membership.decision.wizard")
        wizard_form = Form(
            self.env["coop.membership.decision.wizard"]
            .with_user(self.manager_a)
            .with_context(**action["context"])
        )
        with self.assertRaises(AssertionError):
            wizard_form.save()  # a reason is required
        wizard_form.reason = "The class is full."
        wizard_form.save().action_confirm()
        self.assertEqual(applicant.state, "rejected")
        self.assertEqual(applicant.state_reason, "The class is full.")
        self.assertEqual(applicant.decided_by_id, self.manager_a)
        self.assertFalse(applicant.member_number)
        with self.assertRaisesRegex(UserError, "reason"):
            self._apply(self.partners[1]).with_user(self.manager_a).action_reject("  ")

    def test_end_of_membership_wizards(self):
        members = (
            self._member(self.partners[0])
            | self._member(self.partners[1])
            | self._member(self.partners[2])
        )
        expected = {"withdraw": "withdrawn", "expel": "expelled", "mark_deceased": "deceased"}
        effective = date(2025, 3, 31)
        for member, (decision, state) in zip(members, expected.items(), strict=True):
            action = getattr(member.with_user(self.manager_a), f"action_{decision}")()
            wizard = (
                self.env["coop.membership.decision.wizard"]
                .with_user(self.manager_a)
                .with_context(**action["context"])
                .create({"reason": f"reason for {decision}", "date": effective})
            )
            wizard.action_confirm()
            self.assertEqual(
                (member.state, member.end_date, member.state_reason),
                (state, effective, f"reason for {decision}"),
            )

    def test_suspend_and_reinstate(self):
        member = self._member(self.partners[0])
        member.with_user(self.manager_a).action_suspend("fee unpaid", date(2025, 1, 1))
        self.assertEqual(member.state, "suspended")
        self.assertEqual(member.suspension_ids.mapped("date_start"), [date(2025, 1, 1)])
        with self.assertRaises(AccessError):
            member.with_user(self.officer_a).action_reinstate()
        member.with_user(self.manager_a).action_reinstate(date=date(2025, 2, 1))
        self.assertEqual(member.state, "member")
        self.assertEqual(member.suspension_ids.date_end, date(2025, 2, 1))
        self.assertEqual(member.member_number, "M00001")

    def test_officer_withdraws_but_cannot_expel(self):
        member = self._member(self.partners[0])
        with self.assertRaises(AccessError):
            member.with_user(self.officer_a).action_expel("misconduct")
        self.assertEqual(member.state, "member")
        member.with_user(self.officer_a).action_withdraw("asked to leave")
        self.assertEqual(member.state, "withdrawn")

    def test_no_deletion_after_application(self):
        applicant = self._apply(self.partners[0])
        member = self._member(self.partners[1])
        rejected = self._apply(self.partners[2])
        rejected.action_reject("incomplete")
        for membership in (member, rejected):
            with self.assertRaisesRegex(UserError, "stays in the register"):
                membership.unlink()
            with self.assertRaisesRegex(UserError, "stays in the register"):
                membership.sudo().unlink()
            self.assertTrue(membership.exists())
        applicant.with_user(self.officer_a).unlink()
        self.assertFalse(applicant.exists())

    def test_tracking_in_chatter(self):
        applicant = self._apply(self.partners[0], member_class=self.class_worker_a)
        self._flush_tracking()  # changes made in the creating transaction are not tracked
        applicant.with_user(self.manager_a).action_approve()
        self._flush_tracking()
        tracked = applicant.message_ids.tracking_value_ids.field_id.mapped("name")
        for field_name in ("state", "member_number", "admission_date", "decided_by_id"):
            self.assertIn(field_name, tracked)
        applicant.member_class_id = self.class_consumer_a
        self._flush_tracking()
        self.assertIn(
            "member_class_id", applicant.message_ids.tracking_value_ids.field_id.mapped("name")
        )

    def _flush_tracking(self):
        """Tracking messages are written at commit time."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def test_decision_mails_to_the_applicant(self):
        approved = self._apply(self.partners[0])
        rejected = self._apply(self.partners[1])
        cron = self.env.ref("coop_base.ir_cron_queue_decision_mails")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        approved.with_user(self.manager_a).action_approve()
        rejected.with_user(self.manager_a).action_reject("Only bakers may join.")
        # the decision only asks the cron to render the emails
        self.assertEqual(
            (approved | rejected).mapped("pending_decision_mail"), ["approve", "reject"]
        )
        self.assertFalse(self._mails(approved | rejected))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        self.env["coop.membership"]._cron_queue_decision_mails()
        for membership, subject in ((approved, "Welcome to"), (rejected, "Your application to")):
            mails = self._mails(membership)
            self.assertEqual(len(mails), 1)
            self.assertIn(subject, mails.subject)
            self.assertEqual(mails.recipient_ids, membership.partner_id)
            self.assertEqual(mails.state, "outgoing")  # queued for the mail queue
            self.assertFalse(membership.pending_decision_mail)
        self.assertIn(approved.member_number, str(self._mails(approved).body_html))
        self.assertIn("Only bakers may join.", str(self._mails(rejected).body_html))
        self.assertIn("Alpha Bakery Co-op", self._mails(approved).email_from)
        # a second run sends nothing twice
        self.assertFalse(self.env["coop.membership"]._cron_queue_decision_mails())
        self.assertEqual(len(self._mails(approved | rejected)), 2)

    def test_decision_mails_in_batches(self):
        # decisions left queued by demo data (of any addon) are not this test's
        queued = self.env["coop.membership"].search([("pending_decision_mail", "!=", False)])
        queued.pending_decision_mail = False
        applicants = self.env["coop.membership"]
        for partner in self.partners:
            applicants |= self._apply(partner)
        applicants.with_user(self.manager_a).action_approve()
        first = self.env["coop.membership"]._cron_queue_decision_mails(batch_size=4)
        self.assertEqual(len(first), 4)
        self.assertEqual(len(self._mails(applicants)), 4)
        second = self.env["coop.membership"]._cron_queue_decision_mails(batch_size=4)
        self.assertEqual(first | second, applicants)
        self.assertEqual(len(self._mails(applicants)), len(applicants))

    def _mails(self, memberships):
        return self.env["mail.mail"].search(
            [("model", "=", "coop.membership"), ("res_id", "in", memberships.ids)]
        )

    def test_one_review_activity_per_application_shared_among_officers(self):
        review = self.env.ref("coop_base.mail_activity_type_membership_review")
        officers = self.env.ref("coop_base.group_coop_officer").users.filtered(
            lambda u: not u.share and self.coop_a in u.company_ids
        )
        applicants = self.env["coop.membership"].browse(
            [self._apply(partner).id for partner in self.partners[: 2 * len(officers)]]
        )
        reviewers = self.env["res.users"]
        for applicant in applicants:
            activities = applicant.activity_ids.filtered(lambda a: a.activity_type_id == review)
            self.assertEqual(len(activities), 1, "one to-do per application, not one per officer")
            reviewers |= activities.user_id
        # spread over the co-op's officers; officers of another co-op are not asked
        self.assertEqual(reviewers, officers)
        self.assertNotIn(self.officer_b, reviewers)
        applicants[0].with_user(self.manager_a).action_approve()
        self.assertFalse(
            applicants[0].activity_ids.filtered(lambda a: a.activity_type_id == review)
        )

    def test_backend_lists_open_on_what_the_job_needs(self):
        members = self.env.ref("coop_base.coop_membership_action")
        self.assertEqual(safe_eval(members.context), {"search_default_member": 1})
        applications = self.env.ref("coop_base.coop_membership_action_applications")
        list_view = applications.view_ids.filtered(lambda v: v.view_mode == "list").view_id
        arch = etree.fromstring(self.env["coop.membership"].get_view(list_view.id, "list")["arch"])
        # an application has a date, not yet a member number
        self.assertEqual(arch.xpath("//field[@name='application_date']/@optional"), ["show"])
        self.assertEqual(arch.xpath("//field[@name='member_number']/@optional"), ["hide"])

    def test_partner_memberships(self):
        first = self._apply(self.partners[0])
        second = self._apply(self.partners[0], company=self.coop_b)
        partner = self.partners[0]
        self.assertEqual(partner.coop_membership_count, 2)
        self.assertEqual(partner.coop_membership_ids, first | second)
        action = partner.action_view_coop_memberships()
        self.assertEqual(self.env["coop.membership"].search(action["domain"]), first | second)
        self.assertEqual(self.env["coop.membership"]._get_membership(partner, self.coop_b), second)

    def test_display_name_and_users(self):
        membership = self._member(self.partners[0])
        self.assertEqual(membership.display_name, "M00001 - Partner 00")
        portal = self._apply(self.portal_user.partner_id)
        self.assertEqual(portal.user_ids, self.portal_user)

    def test_good_standing_as_of_date(self):
        Membership = self.env["coop.membership"]
        early = self._apply(self.partners[0])
        early._apply_transition("approve", date=date(2020, 1, 1))
        left = self._apply(self.partners[1])
        left._apply_transition("approve", date=date(2020, 1, 1))
        left.action_withdraw("retired", date(2022, 1, 1))
        suspended = self._apply(self.partners[2])
        suspended._apply_transition("approve", date=date(2020, 1, 1))
        suspended.action_suspend("fee", date(2021, 1, 1))
        suspended.action_reinstate(date=date(2021, 7, 1))
        late = self._member(self.partners[3])
        self._apply(self.partners[4])
        self.assertEqual(
            Membership._get_members_in_good_standing(self.coop_a, date(2019, 12, 31)), Membership
        )
        self.assertEqual(
            Membership._get_members_in_good_standing(self.coop_a, date(2021, 3, 1)), early | left
        )
        self.assertEqual(
            Membership._get_members_in_good_standing(self.coop_a, date(2021, 7, 1)),
            early | left | suspended,
        )
        self.assertEqual(
            Membership._get_members_in_good_standing(self.coop_a, date(2022, 1, 1)),
            early | suspended,
        )
        self.assertEqual(
            Membership._get_members_in_good_standing(self.coop_a), early | suspended | late
        )
        self.assertFalse(Membership._get_members_in_good_standing(self.coop_b))
