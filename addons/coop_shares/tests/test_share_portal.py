# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_base.tests.common import new_coop_user

from .common import CoopSharesCommon


@tagged("post_install", "-at_install")
class TestSharePortal(CoopSharesCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._membership("Paula Portal", admitted=False)
        cls.other = cls._membership("Oscar Other")
        cls.portal_user = new_test_user(
            cls.env,
            login="paula",
            password="paula-portal-pw",
            name="Paula Portal",
            groups="base.group_portal",
            partner_id=cls.member.partner_id.id,
            company_id=cls.coop.id,
            company_ids=[Command.set(cls.coop.ids)],
        )

    def _csrf_token(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _post_request(self, page, request_type, quantity, membership=None, share_class=None):
        """Submit the portal request form of `page` as the logged-in user."""
        return self.url_open(
            "/my/shares/request",
            data={
                "csrf_token": self._csrf_token(page),
                "request_type": request_type,
                "membership_id": (membership or self.member).id,
                "class_id": (share_class or self.member_class).id,
                "quantity": quantity,
            },
        )

    def _page(self):
        response = self.url_open("/my/shares")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_portal_flow(self):
        subscription = self._issue(self.member, self.member_class, 2)
        self._issue(self.other, self.investor_class, 1)
        self.authenticate("paula", "paula-portal-pw")

        page = self._page()
        self.assertIn('data-class-code="MS"', page)
        self.assertNotIn('data-class-code="IS"', page, "another member's holdings stay private")
        self.assertIn(subscription.line_ids.name, page)
        self.assertIn(subscription.move_id.name, page)
        self.assertIn(f"/my/shares/certificate/{subscription.id}", page)
        # the breadcrumb names the page, not one of the invoices listed on it
        breadcrumb = re.search(r'<ol class="[^"]*o_portal_submenu.*?</ol>', page, re.S).group(0)
        self.assertIn("My Shares", breadcrumb)
        self.assertNotIn(subscription.move_id.name, breadcrumb)

        # the certificate and the capital invoice open from the portal
        certificate = self.url_open(f"/my/shares/certificate/{subscription.id}?download=true")
        self.assertEqual(certificate.status_code, 200)
        self.assertIn("Paula Portal", certificate.text)
        invoice = self.url_open(subscription.move_id.get_portal_url())
        self.assertEqual(invoice.status_code, 200)
        self.assertIn(subscription.move_id.name, invoice.text)

        # request more shares
        response = self._post_request(page, "subscription", 3)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_shares_requested", response.text)
        request = self.env["coop.share.request"].search(
            [("membership_id", "=", self.member.id), ("state", "=", "submitted")]
        )
        self.assertEqual((request.request_type, request.quantity), ("subscription", 3))
        self.assertEqual(request.requested_by_id, self.portal_user)

        # request a redemption: zero shares is refused with the reason shown, nothing filed
        response = self._post_request(page, "redemption", 0)
        self.assertIn("o_coop_shares_errors", response.text)
        self.assertIn("positive whole number", response.text)
        response = self._post_request(page, "redemption", 1)
        self.assertIn("o_coop_shares_requested", response.text)
        self.assertEqual(
            self.env["coop.share.request"].search_count(
                [("membership_id", "=", self.member.id), ("request_type", "=", "redemption")]
            ),
            1,
        )

    def test_prices_and_limits_are_shown_before_asking(self):
        subscription = self._issue(self.member, self.member_class, 2)
        self.authenticate("paula", "paula-portal-pw")
        page = self._page()
        terms = re.search(r'<dl class="o_coop_shares_terms">.*?</dl>', page, re.S).group(0)
        member_terms = re.search(r'data-terms-code="MS".*?</dd>', terms, re.S).group(0)
        for term in (
            "50.00",
            "per share",
            "hold at least 1",
            "At most 10 shares per member",
            "redeemed 12 months after",
            "at least 30 days after",
            "at most 10% of the class capital",
        ):
            self.assertIn(term, member_terms)
        self.assertIn("500.00", re.search(r'data-terms-code="IS".*?</dd>', terms, re.S).group(0))
        # each request says what it costs: 2 shares x 50.00
        requests = re.search(r'o_coop_shares_requests">.*?</table>', page, re.S).group(0)
        self.assertIn(subscription.name, requests)
        self.assertIn("100.00", requests)

    def test_employee_without_coop_group_sees_own_shares(self):
        employee = new_coop_user(self.env, "till", "base.group_user", self.coop)
        membership = self.env["coop.membership"].create(
            {"partner_id": employee.partner_id.id, "company_id": self.coop.id}
        )
        own = self._issue(membership, self.member_class, 1)
        self._issue(self.other, self.investor_class, 1)
        self.authenticate("till", "till-pw-1234")
        page = self._page()
        self.assertIn(own.name, page)
        self.assertNotIn('data-class-code="IS"', page)
        pending = self._request(membership, self.member_class, 1)
        response = self.url_open(
            f"/my/shares/request/{pending.id}/cancel",
            data={"csrf_token": self._csrf_token(page)},
        )
        self.assertIn("o_coop_shares_cancelled", response.text)
        self.env.invalidate_all()
        self.assertEqual(pending.state, "cancelled")

    def test_application_form_names_the_required_share(self):
        self.coop.coop_accepts_applications = True
        new_coop_user(self.env, "newcomer", "base.group_portal", self.coop)
        self.authenticate("newcomer", "newcomer-pw-1234")
        page = self.url_open("/my/coop").text
        block = re.search(
            rf'o_coop_apply_company_terms" data-company-id="{self.coop.id}".*?</ul>', page, re.S
        ).group(0)
        required = re.search(r'o_coop_apply_shares" data-class-code="MS">(.*?)</li>', block, re.S)
        self.assertTrue(required, "the required member share is named")
        text = " ".join(re.sub(r"<[^>]+>", " ", required.group(1)).split())
        self.assertIn("Buy at least 1 Member share", text)
        self.assertIn("50.00", text)
        self.assertNotIn('data-class-code="IS"', block, "investor shares are not required")

    def test_redemption_offered_only_on_shares_held(self):
        self.authenticate("paula", "paula-portal-pw")
        page = self._page()
        self.assertNotIn("o_coop_shares_form_redemption", page)
        self.assertIn("You hold no shares that can be redeemed", page)
        self.assertIn("o_coop_shares_form_subscription", page)

        self._issue(self.member, self.member_class, 2)
        self.investor_class.redeemable = False
        self._issue(self.member, self.investor_class, 1)
        page = self._page()
        form = re.search(r"o_coop_shares_form_redemption.*?</form>", page, re.S).group(0)
        self.assertIn(f'value="{self.member_class.id}"', form)
        self.assertIn("(2 held)", form)
        self.assertNotIn(f'value="{self.investor_class.id}"', form, "a class not redeemable")
        self.assertIn("These shares cannot be redeemed", page)

    def test_portal_refuses_someone_elses_membership(self):
        self._issue(self.other, self.investor_class, 1)
        self.authenticate("paula", "paula-portal-pw")
        page = self._page()
        requests_before = self.env["coop.share.request"].search_count([])
        response = self._post_request(page, "redemption", 1, self.other, self.investor_class)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.env["coop.share.request"].search_count([]), requests_before)
        other_request = self.env["coop.share.request"].search(
            [("membership_id", "=", self.other.id)], limit=1
        )
        certificate = self.url_open(
            f"/my/shares/certificate/{other_request.id}", allow_redirects=False
        )
        self.assertEqual(certificate.status_code, 303, "someone else's certificate is not served")

    def test_portal_page_queries_do_not_grow(self):
        self._issue(self.member, self.member_class, 1)
        self._issue(self.member, self.investor_class, 1)
        self.authenticate("paula", "paula-portal-pw")
        self._page()
        self._page()  # warm caches (views, compiled templates)

        def page_queries():
            self.env.flush_all()
            self.env.cr.flush()
            before = self.cr.sql_log_count
            self._page()
            return self.cr.sql_log_count - before

        few = page_queries()
        for index in range(25):
            holder = self._membership(f"Crowd {index}")
            self._issue(holder, self.member_class, 1)
        for _index in range(5):
            self._issue(self.member, self.investor_class, 1)
        self._issue(self.member, self.member_class, 1)
        many = page_queries()
        self.assertEqual(many, few, "the portal page costs the same with more members and entries")

    def test_member_withdraws_a_request_awaiting_decision(self):
        self._issue(self.member, self.member_class, 1)
        pending = self._request(self.member, self.member_class, 2)
        invoiced = self._approve(self._request(self.member, self.member_class, 1))
        someone_elses = self._request(self.other, self.member_class, 1)
        self.authenticate("paula", "paula-portal-pw")
        page = self._page()
        self.assertIn(f"/my/shares/request/{pending.id}/cancel", page)
        self.assertNotIn(f"/my/shares/request/{invoiced.id}/cancel", page)

        def withdraw(share_request):
            response = self.url_open(
                f"/my/shares/request/{share_request.id}/cancel",
                data={"csrf_token": self._csrf_token(page)},
            )
            self.env.invalidate_all()
            return response

        response = withdraw(pending)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coop_shares_cancelled", response.text)
        self.assertEqual(pending.state, "cancelled")
        # an invoiced request is the co-op's to cancel: the reason is shown, nothing changes
        response = withdraw(invoiced)
        self.assertEqual(response.status_code, 200)
        self.assertIn("no longer awaiting a decision", response.text)
        self.assertEqual(invoiced.state, "invoiced")
        self.assertEqual(invoiced.move_id.state, "posted")
        response = withdraw(someone_elses)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(someone_elses.state, "submitted")

    def test_bad_input_is_explained_and_changes_nothing(self):
        self._issue(self.member, self.member_class, 2)
        self.authenticate("paula", "paula-portal-pw")
        page = self._page()
        csrf = self._csrf_token(page)
        valid = {
            "csrf_token": csrf,
            "request_type": "subscription",
            "membership_id": self.member.id,
            "class_id": self.member_class.id,
            "quantity": 1,
        }
        cases = [
            ({"quantity": 99999999999}, "too large"),
            ({"quantity": "3.5"}, "whole numbers"),
            ({"quantity": "-2"}, "positive whole number"),
            ({"class_id": "abc"}, "one of the share classes"),
            ({"membership_id": "1; DROP TABLE"}, "one of your memberships"),
            # beyond any id: the database is never asked
            ({"class_id": 99999999999}, "one of the share classes"),
            ({"membership_id": 99999999999}, "one of your memberships"),
            ({"class_id": 999999}, "share classes of"),
            ({"request_type": "gift"}, "subscription or a redemption"),
            # over the holding limit: 2 held + 9 > 10
            ({"quantity": 9}, "over the maximum of 10"),
            # more than held, said at submission
            ({"request_type": "redemption", "quantity": 3}, "fewer than 3"),
        ]
        requests_before = self.env["coop.share.request"].search_count([])
        for change, message in cases:
            with self.subTest(change=change):
                response = self.url_open("/my/shares/request", data={**valid, **change})
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_coop_shares_errors", response.text)
                self.assertIn(message, response.text)
                self.assertNotIn("o_coop_shares_requested", response.text)
        self.assertEqual(self.env["coop.share.request"].search_count([]), requests_before)
        response = self.url_open("/my/shares/request/99999999999/cancel", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 403)

    def test_redemptions_filed_claim_their_shares(self):
        """A second redemption cannot claim the shares a first one, still awaiting the board,
        already claims."""
        self._issue(self.member, self.investor_class, 2)
        self.authenticate("paula", "paula-portal-pw")
        page = self._page()
        response = self._post_request(page, "redemption", 2, share_class=self.investor_class)
        self.assertIn("o_coop_shares_requested", response.text)
        response = self._post_request(page, "redemption", 1, share_class=self.investor_class)
        self.assertIn("holds 0 free", response.text)
        self.assertEqual(
            self.env["coop.share.request"].search_count(
                [("membership_id", "=", self.member.id), ("request_type", "=", "redemption")]
            ),
            1,
        )
