# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
import threading
from datetime import UTC, timedelta
from unittest.mock import patch

import vobject

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .. import ballot_box
from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestGovernancePortal(GovernanceCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.voter = cls.portal_users[0]
        cls.ballot = cls.env["coop.ballot"].create(
            {
                "name": "Tour Ranked Ballot",
                "company_id": cls.coop.id,
                "method": "irv",
                "notify_voters": False,
                "seed": "tour",
                "date_close": fields.Datetime.now() + timedelta(days=1),
                "option_ids": [
                    Command.create({"name": n, "sequence": i})
                    for i, n in enumerate(["Alpha", "Beta", "Gamma"])
                ],
            }
        )
        cls.ballot.action_open()

    def _portal_user(self, membership, login):
        return self.env["res.users"].create(
            {
                "name": membership.partner_id.name,
                "login": login,
                "password": login,
                "partner_id": membership.partner_id.id,
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
                "company_id": self.coop.id,
                "company_ids": [Command.set(self.coop.ids)],
            }
        )

    def _csrf(self, url):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _option_keys(self):
        return {o.name: str(o.id) for o in self.ballot.option_ids}

    def _voter_roll(self):
        return self.ballot.roll_ids.filtered(lambda r: r.partner_id == self.voter.partner_id)

    def test_vote_confirm_receipt_and_second_vote_refused(self):
        self.authenticate(self.voter.login, "fisher_portal_0")
        url = f"/my/governance/ballot/{self.ballot.id}"
        self.assertIn("Tour Ranked Ballot", self.url_open("/my/governance").text)
        keys = self._option_keys()
        token = self._csrf(url)
        membership = self.members[0]
        # A ranking with a gap is refused and nothing is recorded.
        page = self.url_open(
            f"{url}/confirm",
            data={
                "csrf_token": token,
                "voter_id": membership.id,
                f"rank_{keys['Alpha']}": "1",
                f"rank_{keys['Beta']}": "3",
            },
        ).text
        self.assertIn("without gaps", page)
        # the member's ranks stay chosen on the form to correct
        for name, rank in (("Alpha", "1"), ("Beta", "3")):
            select = re.search(rf'name="rank_{keys[name]}".*?</select>', page, re.S).group(0)
            self.assertRegex(select, rf'value="{rank}" selected')
        page = self.url_open(
            f"{url}/confirm",
            data={
                "csrf_token": token,
                "voter_id": membership.id,
                f"rank_{keys['Beta']}": "1",
                f"rank_{keys['Alpha']}": "2",
            },
        ).text
        self.assertIn("o_coop_confirm", page)
        self.assertFalse(self._voter_roll().has_voted, "reviewing is not voting")
        content = json.dumps({"ranking": [keys["Beta"], keys["Alpha"]]})
        page = self.url_open(
            f"{url}/cast", data={"csrf_token": token, "voter_id": membership.id, "content": content}
        ).text
        code = re.search(r'class="o_coop_receipt">([A-Z0-9-]+)<', page).group(1)
        # downloadable from the page itself: never mailed, never stored
        self.assertIn(f"data:text/plain;charset=utf-8,{code}", page)
        self.assertEqual(self._urn_count(self.ballot), 1)
        self.env.cr.execute(
            "SELECT envelope FROM coop_ballot_urn WHERE ballot_id = %s", [self.ballot.id]
        )
        sealed = bytes(self.env.cr.fetchone()[0])
        for clear in (code, ballot_box.receipt_hash(code), keys["Beta"], "ranking"):
            self.assertNotIn(clear.encode(), sealed, "the urn holds the vote sealed")
        page = self.url_open(
            f"{url}/cast", data={"csrf_token": token, "voter_id": membership.id, "content": content}
        ).text
        self.assertIn("already voted", page)
        self.assertEqual(self._urn_count(self.ballot), 1)

    def test_two_casts_at_once_over_http(self):
        self.authenticate(self.voter.login, "fisher_portal_0")
        url = f"/my/governance/ballot/{self.ballot.id}"
        token = self._csrf(url)
        data = {
            "csrf_token": token,
            "voter_id": self.members[0].id,
            "content": json.dumps({"ranking": [self._option_keys()["Gamma"]]}),
        }
        pages = []

        def cast():
            pages.append(self.url_open(f"{url}/cast", data=data).text)

        threads = [threading.Thread(target=cast) for _index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(sum("o_coop_receipt" in page for page in pages), 1)
        self.assertEqual(sum("already voted" in page for page in pages), 1)
        self.assertEqual(self._urn_count(self.ballot), 1)

    def test_member_sees_only_ballots_of_their_roll(self):
        board_meeting = self._meeting(body=self.board)
        board_ballot = self._ballot(method="yes_no", meeting_id=board_meeting.id, name="Board only")
        board_ballot.action_open()
        Ballot = self.env["coop.ballot"]
        ballots = board_ballot | self.ballot
        director = self.portal_users[1]
        self.assertEqual(Ballot.with_user(director).search([("id", "in", ballots.ids)]), ballots)
        member = self._portal_user(self.members[4], "fisher_member_4")
        self.assertEqual(Ballot.with_user(member).search([("id", "in", ballots.ids)]), self.ballot)
        applicant = self._portal_user(self.applicant, "fisher_applicant")
        self.assertFalse(Ballot.with_user(applicant).search([]), "an applicant is on no roll")
        self.assertFalse(self.env["coop.ballot.option"].with_user(applicant).search([]))
        self.authenticate("fisher_applicant", "fisher_applicant")
        response = self.url_open(f"/my/governance/ballot/{self.ballot.id}")
        self.assertEqual(response.status_code, 403)
        self.assertIn("o_coop_unavailable", response.text)

    def _holder_ids(self, page):
        return re.findall(r'name="holder_id"[^>]*value="(\d+)"', page)

    def test_rsvp_and_proxy_holder_chosen_by_name(self):
        meeting = self._meeting()
        meeting.action_convene()
        # a member of another co-op with a matching name is never offered
        namesake = self.env["coop.membership"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Fisher 2 Inland"}).id,
                "company_id": self.other_coop.id,
            }
        )
        namesake._coop_admit("founding member")
        self.authenticate(self.voter.login, "fisher_portal_0")
        url = f"/my/governance/meeting/{meeting.id}"
        token = self._csrf(url)
        rsvp = {"csrf_token": token, "rsvp": "proxy"}
        page = self.url_open(
            f"{url}/rsvp", data={**rsvp, "holder_search": "fisher 2", "find": "1"}
        ).text
        self.assertEqual(self._holder_ids(page), [str(self.members[2].id)])
        self.assertNotIn("Fisher 2 Inland", page)
        # the member themselves is not offered
        page = self.url_open(
            f"{url}/rsvp", data={**rsvp, "holder_search": "Fisher 0", "find": "1"}
        ).text
        self.assertEqual(self._holder_ids(page), [])
        self.assertIn("o_coop_holder_none", page)
        # a holder not offered (themselves, another co-op's member, garbage) changes nothing
        attendance = meeting.attendance_ids.filtered(lambda a: a.membership_id == self.members[0])
        for bogus in (self.members[0].id, namesake.id, "x", "99999999999", ""):
            page = self.url_open(f"{url}/rsvp", data={**rsvp, "holder_id": bogus}).text
            self.assertIn("Search the member who will hold your proxy", page)
            self.assertEqual(attendance.state, "invited")
        page = self.url_open(f"{url}/rsvp", data={**rsvp, "holder_id": self.members[2].id}).text
        self.assertEqual((attendance.state, attendance.proxy_holder_id), ("proxy", self.members[2]))
        # the page shows the recorded answer, selected in the form
        self.assertIn("proxy held by <span>Fisher 2</span>", page)
        self.assertRegex(page, r'<option value="proxy" selected')
        # a link cannot put words or choices on the member's page
        page = self.url_open(f"{url}?error=Forged&message=Forged&proxy_matches=1").text
        self.assertNotIn("Forged", page)
        self.url_open(f"{url}/rsvp", data={"csrf_token": token, "rsvp": "no"})
        self.assertEqual((attendance.state, attendance.proxy_holder_id.id), ("apologies", False))

    def test_meeting_calendar_file(self):
        meeting = self._meeting(location="Harbour hall")
        meeting.action_convene()
        self.authenticate(self.voter.login, "fisher_portal_0")
        page = self.url_open(f"/my/governance/meeting/{meeting.id}").text
        self.assertIn(f"/my/governance/meeting/{meeting.id}/meeting.ics", page)
        response = self.url_open(f"/my/governance/meeting/{meeting.id}/meeting.ics")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/calendar"))
        event = vobject.readOne(response.text).vevent
        self.assertEqual(event.summary.value, meeting.name)
        self.assertEqual(event.location.value, "Harbour hall")
        self.assertEqual(event.dtstart.value, meeting.date_start.replace(tzinfo=UTC))
        self.assertIn(f"/my/governance/meeting/{meeting.id}", event.url.value)

    def test_pages_have_breadcrumbs_and_say_when_empty(self):
        self.authenticate(self.voter.login, "fisher_portal_0")
        page = self.url_open("/my/governance").text
        for empty in (
            "No ballot has been counted yet.",
            "No meeting has been closed yet.",
            "The register holds no resolution yet.",
        ):
            self.assertIn(empty, page)
        page = self.url_open(f"/my/governance/ballot/{self.ballot.id}").text
        breadcrumb = re.search(r'<ol class="[^"]*o_portal_submenu.*?</ol>', page, re.S).group(0)
        self.assertIn('href="/my/governance"', breadcrumb)
        self.assertIn("Tour Ranked Ballot", breadcrumb)

    def test_another_coops_member_gets_a_clear_page(self):
        stranger = self.env["coop.membership"].create(
            {"partner_id": self.outsider.id, "company_id": self.other_coop.id}
        )
        stranger._coop_admit("founding member")
        new_test_user(
            self.env,
            login="inland_member",
            password="inland_member",
            groups="base.group_portal",
            partner_id=self.outsider.id,
            company_id=self.other_coop.id,
            company_ids=[Command.set(self.other_coop.ids)],
        )
        self.authenticate("inland_member", "inland_member")
        for url in (
            f"/my/governance/ballot/{self.ballot.id}",
            "/my/governance/ballot/999999999",
            "/my/governance/ballot/99999999999",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 403, url)
            self.assertIn("o_coop_unavailable", response.text)
            self.assertNotIn("Tour Ranked Ballot", response.text)

    def test_tour_ranked_vote_then_verify_receipt(self):
        # The receipt is random: fix the one drawn so the tours can type it.
        code = "TOURR-ECEIP-TCODE-22222"
        with patch.object(ballot_box, "new_receipt_code", return_value=code):
            self.start_tour(
                "/my/governance",
                "coop_governance_ranked_vote",
                login=self.voter.login,
                cookies={"coop_tour_receipt": code},
            )
        roll = self._voter_roll()
        self.assertTrue(roll.has_voted)
        self._close_and_count(self.ballot)
        result = self.ballot._get_result()
        self.assertEqual(result["valid"], 1)
        self.assertEqual(self.ballot.option_name(result["elected"][0]), "Beta")
        self.assertTrue(self.ballot._check_receipt(code))
        self.start_tour(
            "/my/governance",
            "coop_governance_verify_receipt",
            login=self.voter.login,
            cookies={"coop_tour_receipt": code},
        )

    def test_tour_ranked_by_dragging_on_a_phone(self):
        self.browser_size = "390x844"
        self.touch_enabled = True
        self.start_tour("/my/governance", "coop_governance_ranked_drag", login=self.voter.login)
        self.assertFalse(self._voter_roll().has_voted, "reviewing is not voting")

    def test_tour_proxy_holder_found_by_name(self):
        meeting = self._meeting(name="Tour Assembly")
        meeting.action_convene()
        self.start_tour("/my/governance", "coop_governance_proxy_by_name", login=self.voter.login)
        attendance = meeting.attendance_ids.filtered(lambda a: a.membership_id == self.members[0])
        self.assertEqual((attendance.state, attendance.proxy_holder_id), ("proxy", self.members[3]))

    def test_home_card_resolutions_and_minutes_pages(self):
        meeting = self._held_meeting(present=6)
        motion = self.env["coop.motion"].create(
            {
                "meeting_id": meeting.id,
                "name": "Open a fish shop",
                "text": "<p>Yes.</p>",
                "votes_yes": 6,
            }
        )
        motion.action_decide()
        meeting.minutes = "<p>We agreed to open a fish shop.</p>"
        meeting.action_close()
        self.authenticate(self.voter.login, "fisher_portal_0")
        self.assertIn("/my/governance", self.url_open("/my").text)
        overview = self.url_open("/my/governance").text
        self.assertIn(motion.resolution_id.reference, overview)
        page = self.url_open(f"/my/governance/resolution/{motion.resolution_id.id}").text
        self.assertIn("Open a fish shop", page)
        minutes = self.url_open(f"/my/governance/meeting/{meeting.id}/minutes")
        self.assertEqual(minutes.status_code, 200)
        self.assertIn(b"We agreed to open a fish shop", minutes.content)

    def test_proxy_holder_gets_one_form_per_represented_member(self):
        meeting = self._meeting()
        meeting.action_convene()
        meeting.attendance_ids.filtered(lambda a: a.membership_id == self.members[3]).write(
            {"state": "proxy", "proxy_holder_id": self.members[0].id}
        )
        ballot = self._ballot(method="yes_no", meeting_id=meeting.id, notify_voters=False)
        ballot.action_open()
        ballot._cast_vote(self.members[0], {"choice": "yes"}, "portal")
        self.authenticate("fisher_portal_0", "fisher_portal_0")
        page = self.url_open(f"/my/governance/ballot/{ballot.id}").text
        self.assertIn("Your vote", page)
        self.assertIn("Vote by proxy for", page)
        self.assertIn(self.members[3].partner_id.name, page)
        self.assertEqual(page.count("This vote has been cast."), 1)
        self.assertEqual(page.count('name="voter_id"'), 1, "only the proxy vote is still open")
