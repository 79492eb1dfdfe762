from datetime import timedelta
from urllib.parse import quote

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.coop_base.tests.common import new_coop_user

from .common import AcademyCase


@tagged("post_install", "-at_install", "coop_academy")
class TestTours(AcademyCase, HttpCase):
    """The issue's three journeys in Chromium, each checked on the server afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # tours log in with the login as password
        cls.tour_officer = new_coop_user(
            cls.env,
            "academy_tour_officer",
            "base.group_user,coop_base.group_coop_officer",
            cls.coop_a,
            password="academy_tour_officer",
        )

    def _cookies(self, **values):
        """What a tour reads: the member to look for, the state to expect."""
        return {f"coop_tour_{name}": quote(value) for name, value in values.items()}

    def test_new_member_passes_the_onboarding_quiz(self):
        onboarding = self._course("Onboarding", None, slides=3)
        quiz = self.env["slide.question"].create(
            {
                "slide_id": onboarding.slide_ids.sorted("sequence")[-1].id,
                "question": "A member holds 40 shares, another one. Votes at the assembly?",
                "answer_ids": [
                    Command.create({"text_value": "One each", "is_correct": True}),
                    Command.create({"text_value": "Forty and one"}),
                ],
            }
        )
        self.req_admission.channel_id = onboarding
        member = self._admit(self.partners[0])
        line = self._assignments(member, self.req_admission)
        self.assertEqual(line.status, "due")
        user = new_coop_user(
            self.env,
            "academy_newcomer",
            "base.group_portal",
            self.coop_a,
            password="academy_newcomer",
            partner_id=member.partner_id.id,
            name=member.partner_id.name,
        )
        self.start_tour("/my/learning", "coop_academy_onboarding", login=user.login)
        self.assertTrue(quiz.slide_id.slide_partner_ids.filtered("completed"))
        self.assertEqual(line.status, "done")
        self.assertEqual(line.date_done, fields.Date.context_today(line))
        self.start_tour("/my/learning", "coop_academy_learning_done", login=user.login)

    def test_seat_deadline_overdue_until_certified(self):
        director = self._admit(self.partners[1])
        name = director.partner_id.name
        self.start_tour(
            f"/odoo/action-coop_governance.coop_body_action/{self.board.id}",
            "coop_academy_seat_deadline",
            login=self.tour_officer.login,
            cookies=self._cookies(member=name),
        )
        seat = self.board.seat_ids.filtered(lambda s: s.membership_id == director)
        line = self._assignments(director, self.req_seat)
        self.assertEqual(line.seat_id, seat)
        self.assertEqual(line.date_due, line.date_start + timedelta(days=90))
        matrix = "/odoo/action-coop_academy.coop_academy_assignment_action"
        self.start_tour(
            matrix,
            "coop_academy_matrix_state",
            login=self.tour_officer.login,
            cookies=self._cookies(member=name, state="Due"),
        )
        # the deadline passes: the daily cron marks the line overdue
        line.sudo()._coop_workflow().write({"date_due": fields.Date.today() - timedelta(days=1)})
        self.env["coop.academy.assignment"]._cron_refresh_and_remind()
        self.assertEqual(line.status, "overdue")
        self.start_tour(
            matrix,
            "coop_academy_matrix_state",
            login=self.tour_officer.login,
            cookies=self._cookies(member=name, state="Overdue"),
        )
        # certified: the matrix shows it done
        self._complete(director.partner_id, self.board_duties)
        self.assertEqual(line.status, "done")
        self.start_tour(
            matrix,
            "coop_academy_matrix_state",
            login=self.tour_officer.login,
            cookies=self._cookies(member=name, state="Done"),
        )

    def test_candidate_without_certification_refused_by_the_ballot(self):
        candidate = self._admit(self.partners[2])
        self.req_candidacy.body_kind = False
        ballot = self.env["coop.ballot"].create(
            {
                "name": "Board election",
                "company_id": self.coop_a.id,
                "method": "stv",
                "seats": 1,
                "body_id": self.board.id,
                "date_close": fields.Datetime.now() + timedelta(days=7),
            }
        )
        with mute_logger("odoo.http"):  # the refusal the tour expects
            self.start_tour(
                f"/odoo/action-coop_governance.coop_ballot_action/{ballot.id}",
                "coop_academy_candidate_refused",
                login=self.tour_officer.login,
                cookies=self._cookies(member=candidate.partner_id.name),
            )
        self.assertFalse(ballot.option_ids)
