# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CoopSharesCommon


@tagged("post_install", "-at_install")
class TestShareRoundTrip(CoopSharesCommon):
    def test_accountant_round_trip(self):
        """approve -> invoice -> payment -> shares -> certificate -> redemption bill paid ->
        shares gone."""
        applicant = self._membership("Ada Applicant", admitted=False)
        self.assertEqual(applicant.state, "applicant")
        two_years_ago = self.today() - relativedelta(years=2)
        with freeze_time(two_years_ago):
            request = self._request(applicant, self.member_class, 3)
            self.assertEqual(request.state, "submitted")
            self.assertEqual(request.requested_by_id, self.officer)
            self._approve(request)

            invoice = request.move_id
            self.assertEqual(request.state, "invoiced")
            self.assertEqual(invoice.move_type, "out_invoice")
            self.assertEqual(invoice.state, "posted")
            self.assertTrue(invoice.journal_id.coop_share_capital)
            self.assertEqual(invoice.journal_id.type, "sale")
            self.assertEqual(invoice.partner_id, applicant.partner_id)
            self.assertEqual(invoice.amount_total, 150.0)
            self.assertFalse(invoice.invoice_line_ids.tax_ids)
            self.assertEqual(invoice.invoice_line_ids.product_id, self.member_class.product_id)
            self.assertEqual(
                invoice.invoice_line_ids.account_id, self.coop.coop_share_pending_account_id
            )
            # nothing in the register nor in equity before the money is in
            self.assertEqual(self._holding(applicant, self.member_class), 0)
            self.assertRegisterMatchesLedger()

            self._pay(invoice)
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
            self.assertEqual(request.state, "done")
            self.assertEqual(self._holding(applicant, self.member_class), 3)
            line = request.line_ids
            self.assertEqual((line.operation, line.quantity, line.amount), ("issue", 3, 150.0))
            self.assertTrue(line.name.startswith("SR"))
            self.assertEqual(
                applicant.state, "member", "the required minimum makes the applicant a member"
            )
            self.assertRegisterMatchesLedger()

            # the certificate goes out by the mail queue, rendered outside the payment
            self.assertTrue(request.certificate_to_send)
            self.env.ref("coop_shares.ir_cron_send_certificates").sudo().method_direct_trigger()
            self.assertFalse(request.certificate_to_send)
            message = request.message_ids.filtered(lambda m: m.attachment_ids)[:1]
            self.assertTrue(message, "the certificate is posted and mailed with its attachment")
            self.assertIn(applicant.partner_id, message.partner_ids)
            self.assertIn(line.name, message.body)

        # two years later, past notice and lock-up, the member sells everything back
        notice_given_on = self.today() - relativedelta(days=40)
        with freeze_time(notice_given_on):
            redemption = self._request(applicant, self.member_class, 3, request_type="redemption")
        self.assertEqual(redemption.request_date, notice_given_on)
        # the yearly limit is 10% of last year's capital: the co-op needs more than this member
        self._issue_old_capital()
        self._approve(redemption)
        bill = redemption.move_id
        self.assertEqual(redemption.state, "invoiced")
        self.assertEqual(
            (bill.move_type, bill.state, bill.amount_total), ("in_invoice", "posted", 150.0)
        )
        self.assertEqual(bill.journal_id.type, "purchase")
        self.assertEqual(
            self._holding(applicant, self.member_class), 3, "shares stay until the bill is paid"
        )
        self.assertRegisterMatchesLedger()

        self._pay(bill)
        self.assertEqual(redemption.state, "done")
        self.assertEqual(self._holding(applicant, self.member_class), 0)
        self.assertEqual(redemption.line_ids.operation, "redemption")
        self.assertEqual(applicant.state, "withdrawn", "no shares left: the member leaves")
        self.assertRegisterMatchesLedger()
        # holdings at a past date still come from the ledger
        self.assertEqual(
            self._holding(applicant, self.member_class, date=self.today() - relativedelta(days=1)),
            3,
        )

    def _issue_old_capital(self):
        """Enough member capital at the start of the year for a 150 redemption under a 10% limit."""
        before_this_year = self.today() - relativedelta(years=1, months=1)
        with freeze_time(before_this_year):
            for index in range(4):
                self._issue(
                    self._membership(f"Founder {index}", admitted=False), self.member_class, 10
                )

    def test_transfer_to_applicant_admits_and_books(self):
        giver = self._membership("Gina Giver", admitted=False)
        self._issue(giver, self.member_class, 3)
        receiver_partner = self.env["res.partner"].create({"name": "Rémi Receiver"})
        transfer = self._approve(
            self._request(
                giver,
                self.member_class,
                1,
                request_type="transfer",
                target_partner_id=receiver_partner,
            )
        )
        self.assertEqual(transfer.state, "done")
        receiver = transfer.target_membership_id
        self.assertEqual(receiver.partner_id, receiver_partner)
        self.assertEqual(
            receiver.state, "member", "an applicant reaching the minimum through a transfer joins"
        )
        self.assertEqual(self._holding(giver, self.member_class), 2)
        self.assertEqual(self._holding(receiver, self.member_class), 1)
        self.assertEqual(
            sorted(transfer.line_ids.mapped("operation")), ["transfer_in", "transfer_out"]
        )
        entry = transfer.move_id
        self.assertEqual(entry.move_type, "entry")
        self.assertEqual(
            sorted((line.partner_id.id, line.balance) for line in entry.line_ids),
            sorted([(giver.partner_id.id, 50.0), (receiver_partner.id, -50.0)]),
            "the capital moves from one holder to the other in the equity account",
        )
        self.assertRegisterMatchesLedger()

    def test_transfer_to_a_former_member_is_a_new_application(self):
        giver = self._membership("Gina Giver", admitted=False)
        self._issue(giver, self.member_class, 3)
        former = self._membership("Fred Former")
        former._coop_withdraw("moved away")
        transfer = self._approve(
            self._request(
                giver,
                self.member_class,
                1,
                request_type="transfer",
                target_partner_id=former.partner_id,
            )
        )
        receiver = transfer.target_membership_id
        self.assertNotEqual(receiver, former, "the ended membership stays as it ended")
        self.assertEqual(receiver.previous_membership_id, former)
        self.assertEqual((former.state, receiver.state), ("withdrawn", "member"))
        self.assertRegisterMatchesLedger()

    def test_conversion_moves_capital_between_classes(self):
        member = self._membership("Conny Convert", admitted=False)
        self._issue(member, self.investor_class, 2)
        self.assertEqual(member.state, "applicant", "investor shares alone do not make a member")
        conversion = self._approve(
            self._request(
                member,
                self.investor_class,
                1,
                request_type="conversion",
                target_class_id=self.member_class,
                target_quantity=10,
            )
        )
        self.assertEqual(conversion.state, "done")
        self.assertEqual(self._holding(member, self.investor_class), 1)
        self.assertEqual(self._holding(member, self.member_class), 10)
        self.assertEqual(
            member.state, "member", "member shares received by conversion admit the applicant"
        )
        self.assertRegisterMatchesLedger()

    def test_credit_note_on_paid_invoice_reverses_register(self):
        member = self._membership("Rita Reverse", admitted=False)
        self._issue(member, self.member_class, 1)
        request = self._issue(member, self.investor_class, 2)
        reversal_wizard = Form(
            self.env["account.move.reversal"].with_context(
                active_model="account.move", active_ids=request.move_id.ids
            )
        )
        reversal_wizard.journal_id = request.move_id.journal_id
        reversal_wizard.save().refund_moves()
        credit_note = self.env["account.move"].search(
            [("reversed_entry_id", "=", request.move_id.id)]
        )
        credit_note.action_post()
        self.assertEqual(self._holding(member, self.investor_class), 0)
        self.assertEqual(
            request.line_ids.filtered(lambda line: line.operation == "reversal").quantity, -2
        )
        self.assertRegisterMatchesLedger()

    def test_reverse_register_entry_goes_through_the_books(self):
        member = self._membership("Eve Error", admitted=False)
        self._issue(member, self.member_class, 1)
        request = self._issue(member, self.investor_class, 1)
        line = request.line_ids
        line.with_user(self.manager).action_reverse()
        self.assertEqual(line.reversal_line_ids.quantity, -1)
        self.assertEqual(line.reversal_line_ids.operation, "reversal")
        self.assertEqual(self._holding(member, self.investor_class), 0)
        self.assertRegisterMatchesLedger()
        with self.assertRaisesRegex(UserError, "already reversed"):
            line.with_user(self.manager).action_reverse()

    def test_batch_settlement_and_its_reversal(self):
        buyer = self._membership("Batch Buyer", admitted=False)
        requests = self._approve(self._request(buyer, self.member_class, 2)) | self._approve(
            self._request(buyer, self.member_class, 3)
        )
        # one grouped payment for both invoices: one settlement entry for the batch
        action = requests.move_id.with_user(self.accountant).action_register_payment()
        wizard = Form(
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(**action["context"])
        )
        wizard.group_payment = True
        wizard.save().action_create_payments()
        self.assertEqual(set(requests.mapped("state")), {"done"})
        settlement = requests.line_ids.move_id
        self.assertEqual(len(settlement), 1, "a batch of paid invoices is settled in one entry")
        self.assertEqual(len(settlement.line_ids), 4)
        self.assertEqual(self._holding(buyer, self.member_class), 5)
        self.assertRegisterMatchesLedger()

        # reversing one request's entry leaves the rest of the batch alone
        requests[0].line_ids.with_user(self.manager).action_reverse()
        self.assertEqual(self._holding(buyer, self.member_class), 3)
        self.assertEqual(buyer.state, "member")
        self.assertRegisterMatchesLedger()
        counter = requests[0].line_ids.reversal_line_ids.move_id
        self.assertNotEqual(counter, settlement)
        with self.assertRaisesRegex(UserError, "cannot be undone"):
            counter._reverse_moves(cancel=True)

        # the accountant reverses the whole settlement entry: the register follows for what is left
        settlement._reverse_moves(cancel=True)
        self.assertEqual(self._holding(buyer, self.member_class), 0)
        self.assertEqual(buyer.state, "withdrawn")
        self.assertRegisterMatchesLedger()
