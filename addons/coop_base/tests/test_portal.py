from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CoopBaseCase


@tagged("post_install", "-at_install")
class TestPortal(CoopBaseCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.coop_a | cls.coop_b).coop_accepts_applications = True
        cls.member_user = cls._new_user("portal_member", "base.group_portal", cls.coop_a)
        cls.membership = cls.env["coop.membership"].create(
            {
                "partner_id": cls.member_user.partner_id.id,
                "company_id": cls.coop_a.id,
                "member_class_id": cls.class_worker_a.id,
            }
        )
        cls.membership._coop_admit("founding member")
        cls.other_membership = cls.env["coop.membership"].create(
            {
                "partner_id": cls.partners[0].id,
                "company_id": cls.coop_a.id,
                "member_class_id": cls.class_consumer_a.id,
            }
        )
        cls.other_membership._coop_admit("founding member")

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pw-1234")

    def _page(self, url="/my/coop"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return html.fromstring(response.content)

    def _cards(self, tree):
        return [
            {
                "company": card.xpath(".//*[contains(@class, 'o_coop_card_company')]")[0]
                .text_content()
                .strip(),
                "number": card.xpath(".//*[contains(@class, 'o_coop_card_number')]")[0]
                .text_content()
                .strip(),
                "class": card.xpath(".//*[contains(@class, 'o_coop_card_class')]")[0]
                .text_content()
                .strip(),
                "state": card.xpath(".//*[contains(@class, 'o_coop_card_state')]")[0]
                .text_content()
                .strip(),
            }
            for card in tree.xpath("//div[contains(@class, 'o_coop_membership_card')]")
        ]

    def _apply_form(self, **values):
        tree = self._page()
        token = tree.xpath(
            "//form[contains(@class, 'o_coop_application_form')]//input[@name='csrf_token']/@value"
        )
        self.assertTrue(token, "the application form is shown")
        response = self.url_open("/my/coop/apply", data={"csrf_token": token[0], **values})
        self.assertEqual(response.status_code, 200)
        return response, html.fromstring(response.content)

    def _errors(self, tree):
        return " ".join(tree.xpath("//div[contains(@class, 'o_coop_application_errors')]//text()"))

    def _applicant_values(self, **overrides):
        values = {
            "name": "Portal A",
            "email": "portal_a@example.com",
            "company_id": str(self.coop_a.id),
            "member_class_id": str(self.class_consumer_a.id),
            "accept_bylaws": "1",
            "note": "I bake bread at home.",
        }
        values.update(overrides)
        return values

    def _memberships_of(self, user):
        return self.env["coop.membership"].search([("partner_id", "=", user.partner_id.id)])

    def test_member_sees_only_own_card(self):
        self._login(self.member_user)
        cards = self._cards(self._page())
        self.assertEqual(
            cards,
            [
                {
                    "company": "Alpha Bakery Co-op",
                    "number": self.membership.member_number,
                    "class": "Worker",
                    "state": "Member",
                }
            ],
        )
        # the member may still apply to the other co-op, not to their own
        tree = self._page()
        offered = tree.xpath("//select[@name='company_id']/option/@value")
        self.assertIn(str(self.coop_b.id), offered)
        self.assertNotIn(str(self.coop_a.id), offered)

    def test_employee_without_coop_group_sees_own_card(self):
        """An internal user of the co-op (say, at the till) who is also a member: the
        portal shows their own card, not an access error, and nobody else's."""
        employee = self._new_user("till_worker", "base.group_user", self.coop_a)
        self._apply(employee.partner_id, member_class=self.class_worker_a)._coop_admit("hired")
        self._login(employee)
        cards = self._cards(self._page())
        self.assertEqual([card["company"] for card in cards], ["Alpha Bakery Co-op"])
        self.assertNotIn(self.other_membership.member_number, [c["number"] for c in cards])

    def test_portal_home_has_coop_card(self):
        self._login(self.member_user)
        tree = self._page("/my/home")
        self.assertTrue(tree.xpath("//a[@href='/my/coop']"))

    def test_application_creates_a_pending_membership(self):
        self._login(self.portal_user)
        response, tree = self._apply_form(**self._applicant_values())
        self.assertIn("/my/coop?applied=1", response.url)
        membership = self._memberships_of(self.portal_user)
        self.assertEqual(len(membership), 1)
        self.assertEqual(
            (
                membership.company_id,
                membership.member_class_id,
                membership.state,
                membership.application_note,
            ),
            (self.coop_a, self.class_consumer_a, "applicant", "I bake bread at home."),
        )
        self.assertTrue(membership.activity_ids)
        cards = self._cards(tree)
        self.assertEqual(
            [(card["company"], card["state"]) for card in cards],
            [("Alpha Bakery Co-op", "Applicant")],
        )

    def test_application_form_names_the_fee_and_links_the_bylaws(self):
        self.coop_a.write(
            {"coop_membership_fee": 25.0, "coop_bylaws_url": "https://www.example.org/bylaws.pdf"}
        )
        self.coop_b.write({"coop_membership_fee": 0.0, "coop_bylaws_url": False})
        self._login(self.portal_user)
        tree = self._page()

        def terms(company):
            block = tree.xpath(
                "//div[contains(@class, 'o_coop_apply_company_terms')]"
                f"[@data-company-id='{company.id}']"
            )
            self.assertEqual(len(block), 1)
            return block[0]

        alpha = terms(self.coop_a)
        fee = alpha.xpath(".//li[contains(@class, 'o_coop_apply_fee')]")[0].text_content()
        self.assertIn("25.00", fee)
        self.assertEqual(
            alpha.xpath(".//li[contains(@class, 'o_coop_apply_bylaws')]/a/@href"),
            ["https://www.example.org/bylaws.pdf"],
        )
        beta = terms(self.coop_b)
        self.assertIn("No membership fee", beta.text_content())
        self.assertIn("Ask the co-op for its bylaws", beta.text_content())

    def test_application_with_missing_fields(self):
        self._login(self.portal_user)
        cases = {
            "name": ("name", "", "Name is required"),
            "email": ("email", "", "Email is required"),
            "bad email": ("email", "not-an-email", "not valid"),
            "co-op": ("company_id", "", "Co-op is required"),
            "class": ("member_class_id", "", "Choose a member class"),
            "class of another co-op": ("member_class_id", None, "Choose a member class"),
            "bylaws": ("accept_bylaws", "", "accept the bylaws"),
        }
        for case, (field, value, message) in cases.items():
            with self.subTest(case=case):
                if value is None:
                    value = str(self.class_tenant_b.id)
                _response, tree = self._apply_form(**self._applicant_values(**{field: value}))
                self.assertIn(message, self._errors(tree))
                self.assertFalse(self._memberships_of(self.portal_user))
        self.assertEqual(self.portal_user.partner_id.name, "Portal A")

    def test_application_from_a_member(self):
        self._login(self.member_user)
        # the form no longer offers co-op A; a forged post is refused all the same
        _response, tree = self._apply_form(
            **self._applicant_values(name="Portal Member", email="portal_member@example.com")
        )
        self.assertIn("already a member", self._errors(tree))
        self.assertEqual(self._memberships_of(self.member_user), self.membership)
        self.assertEqual(self.membership.state, "member")

    def test_application_to_a_coop_not_accepting(self):
        self.coop_b.coop_accepts_applications = False
        self._login(self.portal_user)
        _response, tree = self._apply_form(
            **self._applicant_values(
                company_id=str(self.coop_b.id), member_class_id=str(self.class_tenant_b.id)
            )
        )
        self.assertIn("does not accept applications", self._errors(tree))
        self.assertFalse(self._memberships_of(self.portal_user))

    def test_application_without_csrf_token(self):
        self._login(self.portal_user)
        with mute_logger("odoo.http"):  # the refused request is logged as a warning
            response = self.url_open("/my/coop/apply", data=self._applicant_values())
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._memberships_of(self.portal_user))

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open("/my/coop", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_portal_page_queries_do_not_grow_with_members(self):
        self._login(self.member_user)
        self._page()  # warm caches
        self._page()
        self.env.flush_all()
        before = self.cr.sql_log_count
        self._page()
        queries_for_few = self.cr.sql_log_count - before
        partners = self.env["res.partner"].create(
            [{"name": f"Neighbour {index}"} for index in range(50)]
        )
        bulk = self.env["coop.membership"].create(
            [{"partner_id": partner.id, "company_id": self.coop_a.id} for partner in partners]
        )
        bulk._coop_admit("bulk")
        self._page()
        with self.assertQueryCount(queries_for_few):
            cards = self._cards(self._page())
        self.assertEqual(len(cards), 1)

    def test_tour_portal_application(self):
        tour_coop = self.env["res.company"].create(
            {"name": "Tour Co-op", "coop_accepts_applications": True}
        )
        self.env["coop.member.class"].create(
            {"name": "Tour Consumer", "code": "TC", "company_id": tour_coop.id}
        )
        self.start_tour("/my/coop", "coop_base_portal_apply", login=self.portal_user.login)
        membership = self._memberships_of(self.portal_user)
        self.assertEqual((membership.company_id, membership.state), (tour_coop, "applicant"))
        self.assertEqual(membership.member_class_id.name, "Tour Consumer")
        self.assertEqual(membership.application_note, "I buy my vegetables here every week.")

    def test_former_member_applies_again_from_the_portal(self):
        self.membership._apply_transition("withdraw", reason="moved away")
        self._login(self.member_user)
        tree = self._page()
        # the old card stays, and the co-op is offered again
        self.assertEqual(
            [(card["number"], card["state"]) for card in self._cards(tree)],
            [(self.membership.member_number, "Withdrawn")],
        )
        self.assertIn(str(self.coop_a.id), tree.xpath("//select[@name='company_id']/option/@value"))
        response, tree = self._apply_form(
            **self._applicant_values(name="Portal Member", email="portal_member@example.com")
        )
        self.assertIn("/my/coop?applied=1", response.url)
        new = self._memberships_of(self.member_user) - self.membership
        self.assertEqual(
            (new.state, new.previous_membership_id, self.membership.state),
            ("applicant", self.membership, "withdrawn"),
        )
        self.assertEqual(
            sorted(card["state"] for card in self._cards(tree)), ["Applicant", "Withdrawn"]
        )

    def test_expelled_member_cannot_apply_from_the_portal(self):
        self.membership._apply_transition("expel", reason="misconduct")
        self._login(self.member_user)
        tree = self._page()
        self.assertNotIn(
            str(self.coop_a.id), tree.xpath("//select[@name='company_id']/option/@value")
        )
        # a forged post gets the reason, and nothing is created
        _response, tree = self._apply_form(
            **self._applicant_values(name="Portal Member", email="portal_member@example.com")
        )
        self.assertIn("only its board can accept", self._errors(tree))
        self.assertEqual(self._memberships_of(self.member_user), self.membership)

    def test_bad_input_gets_a_message_and_changes_nothing(self):
        self._login(self.portal_user)
        partner_name = self.portal_user.partner_id.name
        cases = {
            "unknown class": ({"member_class_id": "999999999"}, "Choose a member class"),
            "class not a number": ({"member_class_id": "abc"}, "Choose a member class"),
            "co-op not a number": ({"company_id": "abc"}, "does not accept applications"),
            "co-op out of range": ({"company_id": "99999999999999999999"}, "does not accept"),
            "negative co-op": ({"company_id": "-1"}, "does not accept applications"),
            "long name": ({"name": "N" * 129}, "Name is too long"),
            "long email": ({"email": "a" * 250 + "@example.com"}, "Email is too long"),
            "long phone": ({"phone": "1" * 33}, "Phone is too long"),
            "long note": ({"note": "x" * 4001}, "Note is too long"),
            "NUL in the name": ({"name": "Ev\x00il"}, "not allowed"),
            "line break in the name": ({"name": "Two\nLines"}, "not allowed"),
            "NUL in the note": ({"note": "a\x00b"}, "not allowed"),
        }
        for case, (overrides, message) in cases.items():
            with self.subTest(case=case):
                _response, tree = self._apply_form(**self._applicant_values(**overrides))
                self.assertIn(message, self._errors(tree))
                self.assertFalse(self._memberships_of(self.portal_user))
        self.portal_user.partner_id.invalidate_recordset()
        self.assertEqual(self.portal_user.partner_id.name, partner_name)

    def test_file_in_place_of_a_text_field(self):
        self._login(self.portal_user)
        token = self._page().xpath(
            "//form[contains(@class, 'o_coop_application_form')]//input[@name='csrf_token']/@value"
        )[0]
        values = self._applicant_values()
        del values["note"]
        response = self.url_open(
            "/my/coop/apply",
            data={"csrf_token": token, **values},
            files={"note": ("note.txt", b"uploaded", "text/plain")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Note must be text", self._errors(html.fromstring(response.content)))
        self.assertFalse(self._memberships_of(self.portal_user))

    def test_posted_protected_fields_are_ignored(self):
        self._login(self.portal_user)
        response, _tree = self._apply_form(
            **self._applicant_values(
                state="member",
                member_number="M99999",
                admission_date="2020-01-01",
                decided_by_id=str(self.manager_a.id),
                previous_membership_id=str(self.membership.id),
                partner_id=str(self.partners[3].id),
            )
        )
        self.assertIn("/my/coop?applied=1", response.url)
        membership = self._memberships_of(self.portal_user)
        self.assertEqual(
            (
                membership.state,
                membership.member_number,
                membership.admission_date,
                membership.decided_by_id,
                membership.previous_membership_id,
            ),
            ("applicant", False, False, self.env["res.users"], self.env["coop.membership"]),
        )
        self.assertFalse(
            self.env["coop.membership"].search([("partner_id", "=", self.partners[3].id)])
        )
