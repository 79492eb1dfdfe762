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

    def test_demo_curriculum(self):
        """The five courses of the curriculum, each a handful of short lessons closed by a
        certification with a pass mark."""
        if not self.env.ref("coop_academy.demo_channel_finance", False):
            self.skipTest("installed without demo data")
        courses = {
            key: self.env.ref(f"coop_academy.demo_channel_{key}")
            for key in ("foundations", "board_duties", "statement", "meeting", "finance")
        }
        for key, course in courses.items():
            with self.subTest(course=key):
                lessons = course.slide_ids.filtered(lambda s: s.slide_category == "article")
                self.assertGreaterEqual(len(lessons), 2)
                self.assertTrue(all(len(lesson.html_content) > 100 for lesson in lessons))
                certification = course.slide_ids.filtered(
                    lambda s: s.slide_category == "certification"
                ).survey_id
                if key == "foundations":
                    # onboarding also quizzes members inside its last lesson
                    self.assertTrue(course.slide_ids.question_ids)
                self.assertTrue(certification.certification)
                self.assertEqual(certification.scoring_success_min, 80)
                for question in certification.question_ids:
                    self.assertEqual(len(question.suggested_answer_ids.filtered("is_correct")), 1)
        # the meeting course explains STV on a worked example
        stv = courses["meeting"].slide_ids.filtered(lambda s: "STV" in s.name)
        self.assertIn("Droop quota", stv.html_content)
