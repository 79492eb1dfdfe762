from odoo.tests import HttpCase, tagged

from .common import AcademyCase


@tagged("post_install", "-at_install", "coop_academy")
class TestLearningPortal(AcademyCase, HttpCase):
    def test_my_learning_shows_own_courses_and_states(self):
        mine, other = self._admit(self.partners[:2])
        self.env["coop.body.seat"].create(
            {"body_id": self.board.id, "membership_id": other.id, "role": "director"}
        )
        user = self._portal_user(self.partners[0])
        self._complete(self.partners[0], self.foundations)
        self.authenticate(user.login, f"{user.login}-pw-1234")
        page = self.url_open("/my/learning")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Foundations", page.text)
        self.assertIn("o_coop_learning_done", page.text)
        # another member's director course is theirs only
        self.assertNotIn("Board Duties", page.text)
        self.assertNotIn("o_coop_learning_due", page.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/learning", home.text)
        self.assertTrue(mine)

    def test_my_learning_without_requirements(self):
        user = self._portal_user(self.partners[3])
        self.authenticate(user.login, f"{user.login}-pw-1234")
        page = self.url_open("/my/learning")
        self.assertEqual(page.status_code, 200)
        self.assertIn("asks no course of you", page.text)
