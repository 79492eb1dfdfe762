from datetime import date

from odoo.tests import BaseCase, tagged

from .. import membership_rules as rules


@tagged("post_install", "-at_install")
class TestMembershipRules(BaseCase):
    """The plain state machine and date rules, without the ORM."""

    def test_allowed_transitions(self):
        self.assertEqual(rules.target_state("approve", rules.APPLICANT), rules.MEMBER)
        self.assertEqual(rules.target_state("reject", rules.APPLICANT), rules.REJECTED)
        self.assertEqual(rules.target_state("suspend", rules.MEMBER), rules.SUSPENDED)
        self.assertEqual(rules.target_state("reinstate", rules.SUSPENDED), rules.MEMBER)
        for state in (rules.MEMBER, rules.SUSPENDED):
            self.assertEqual(rules.target_state("withdraw", state), rules.WITHDRAWN)
            self.assertEqual(rules.target_state("expel", state), rules.EXPELLED)
            self.assertEqual(rules.target_state("mark_deceased", state), rules.DECEASED)

    def test_illegal_transitions(self):
        illegal = [
            ("expel", rules.APPLICANT),
            ("approve", rules.WITHDRAWN),
            ("approve", rules.MEMBER),
            ("reject", rules.MEMBER),
            ("reinstate", rules.MEMBER),
            ("suspend", rules.APPLICANT),
            ("withdraw", rules.APPLICANT),
        ]
        for action, state in illegal:
            with (
                self.subTest(action=action, state=state),
                self.assertRaises(rules.IllegalTransition) as caught,
            ):
                rules.target_state(action, state)
            self.assertEqual((caught.exception.action, caught.exception.state), (action, state))
        with self.assertRaises(KeyError):
            rules.target_state("promote", rules.MEMBER)

    def test_final_states_allow_nothing(self):
        for state in rules.FINAL_STATES:
            self.assertEqual(rules.allowed_actions(state), [])
        self.assertEqual(rules.allowed_actions(rules.APPLICANT), ["approve", "reject"])
        self.assertEqual(
            rules.allowed_actions(rules.MEMBER), ["expel", "mark_deceased", "suspend", "withdraw"]
        )

    def test_every_transition_leads_to_a_known_state(self):
        for sources, target in rules.TRANSITIONS.values():
            self.assertIn(target, rules.STATES)
            self.assertTrue(sources <= set(rules.STATES))

    def test_only_applications_can_be_deleted(self):
        self.assertTrue(rules.can_delete(rules.APPLICANT))
        for state in set(rules.STATES) - {rules.APPLICANT}:
            self.assertFalse(rules.can_delete(state))

    def test_month_day(self):
        self.assertTrue(rules.is_valid_month_day(12, 31))
        self.assertTrue(rules.is_valid_month_day(2, 28))
        self.assertTrue(rules.is_valid_month_day(6, 30))
        self.assertFalse(rules.is_valid_month_day(2, 30))
        self.assertFalse(rules.is_valid_month_day(2, 29))
        self.assertFalse(rules.is_valid_month_day(4, 31))
        self.assertFalse(rules.is_valid_month_day(13, 1))
        self.assertFalse(rules.is_valid_month_day(1, 0))
        self.assertFalse(rules.is_valid_month_day(None, 1))

    def test_good_standing(self):
        admitted, ended = date(2020, 1, 1), date(2023, 1, 1)
        suspensions = [(date(2021, 1, 1), date(2021, 6, 1))]
        self.assertFalse(rules.in_good_standing(admitted, ended, suspensions, date(2019, 12, 31)))
        self.assertTrue(rules.in_good_standing(admitted, ended, suspensions, date(2020, 1, 1)))
        self.assertFalse(rules.in_good_standing(admitted, ended, suspensions, date(2021, 3, 1)))
        self.assertTrue(rules.in_good_standing(admitted, ended, suspensions, date(2021, 6, 1)))
        self.assertFalse(rules.in_good_standing(admitted, ended, suspensions, date(2023, 1, 1)))
        self.assertFalse(
            rules.in_good_standing(admitted, None, [(date(2022, 1, 1), None)], date(2030, 1, 1))
        )
        self.assertFalse(rules.in_good_standing(None, None, [], date(2030, 1, 1)))

    def test_shares_and_quorum(self):
        self.assertTrue(rules.shares_bounds_consistent(1, 0))
        self.assertTrue(rules.shares_bounds_consistent(1, 1))
        self.assertFalse(rules.shares_bounds_consistent(5, 2))
        self.assertFalse(rules.shares_bounds_consistent(-1, 0))
        self.assertTrue(rules.quorum_consistent("percent", 100))
        self.assertFalse(rules.quorum_consistent("percent", 100.5))
        self.assertTrue(rules.quorum_consistent("number", 250))
        self.assertFalse(rules.quorum_consistent("number", -1))

    def test_who_may_apply_again(self):
        refusal = rules.application_refusal
        self.assertIsNone(refusal([]))
        for ended in (rules.WITHDRAWN, rules.REJECTED):
            with self.subTest(ended=ended):
                self.assertIsNone(refusal([ended]))
                self.assertIsNone(refusal([rules.REJECTED, ended]))
        for current in (rules.APPLICANT, rules.MEMBER, rules.SUSPENDED):
            with self.subTest(current=current):
                self.assertEqual(refusal([current]), "current")
                self.assertEqual(refusal([rules.WITHDRAWN, current], by_board=True), "current")
        # after an expulsion only the board accepts a new application
        self.assertEqual(refusal([rules.EXPELLED]), "expelled")
        self.assertIsNone(refusal([rules.EXPELLED], by_board=True))
        # ... and an expulsion later overcome by the board weighs no more
        self.assertIsNone(refusal([rules.EXPELLED, rules.WITHDRAWN]))
        self.assertEqual(refusal([rules.DECEASED], by_board=True), "deceased")
        self.assertEqual(refusal([rules.DECEASED, rules.WITHDRAWN], by_board=True), "deceased")
        self.assertEqual(rules.CURRENT_STATES | rules.FINAL_STATES, frozenset(rules.STATES))

    def test_admission_after_previous_membership(self):
        self.assertFalse(rules.admission_overlaps(None, date(2024, 5, 1)))
        self.assertFalse(rules.admission_overlaps(date(2024, 5, 1), date(2024, 5, 1)))
        self.assertFalse(rules.admission_overlaps(date(2024, 4, 30), date(2024, 5, 1)))
        self.assertTrue(rules.admission_overlaps(date(2024, 5, 2), date(2024, 5, 1)))
