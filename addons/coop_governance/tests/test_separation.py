# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_base.tests.common import JsonRpcCase

from .common import GovernanceCase


@tagged("post_install", "-at_install")
class TestGovernanceSeparation(GovernanceCase, JsonRpcCase, HttpCase):
    """What members, non-members and officers of another co-op may read of
    the meetings, their documents, minutes and resolutions: tried through
    JSON-RPC and the portal pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._portal("gov_sep_member", cls.members[3].partner_id, cls.coop)
        cls.non_member = cls._portal("gov_sep_non_member", None, cls.coop)
        cls.applicant_user = cls._portal("gov_sep_applicant", cls.applicant.partner_id, cls.coop)
        other_membership = cls.env["coop.membership"].create(
            {"partner_id": cls.outsider.id, "company_id": cls.other_coop.id}
        )
        other_membership._coop_admit("member of the other co-op")
        cls.other_member = cls._portal("gov_sep_other", cls.outsider, cls.other_coop)
        cls.expelled = cls._portal("gov_sep_expelled", cls.members[4].partner_id, cls.coop)
        cls.suspended = cls._portal("gov_sep_suspended", cls.members[5].partner_id, cls.coop)

    @classmethod
    def _portal(cls, login, partner, company):
        values = {"partner_id": partner.id} if partner else {}
        return new_test_user(
            cls.env,
            login=login,
            password=f"{login}-pw-1234",
            groups="base.group_portal",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            **values,
        )

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pw-1234")

    # ------------------------------------------------------------------
    # Documents of the agenda
    # ------------------------------------------------------------------
    def _document(self, user, name, company, content):
        """A document uploaded by ``user`` in ``company`` over JSON-RPC."""
        return self.env["ir.attachment"].browse(
            self.rpc(
                user,
                "ir.attachment",
                "create",
                {
                    "name": name,
                    "datas": base64.b64encode(content).decode(),
                    "company_id": company.id,
                },
                context={"allowed_company_ids": company.ids},
            )
        )

    def test_agenda_documents_of_the_coop_shared_with_members_only(self):
        meeting = self._meeting()
        item = meeting.agenda_item_ids[0]
        foreign = self._document(self.other_officer, "other-coop.txt", self.other_coop, b"B only")
        # a document of this co-op that the officer cannot open: uploaded,
        # unattached, by somebody else
        unreadable = self._document(self.teller, "teller-notes.txt", self.coop, b"not yours")
        for document, message in (
            (foreign, "belongs to Inland Growers Co-op"),
            (unreadable, "not allowed to access this document"),
        ):
            with self.subTest(document=document.name):
                self.assertRpcRefused(
                    self.officer,
                    "coop.meeting.agenda.item",
                    "write",
                    [item.id],
                    {"attachment_ids": [Command.link(document.id)]},
                    message=message,
                )
                self.assertRpcRefused(
                    self.officer,
                    "coop.meeting.agenda.item",
                    "create",
                    {
                        "meeting_id": meeting.id,
                        "name": "Other business",
                        "attachment_ids": [Command.set(document.ids)],
                        "share_with_members": True,
                    },
                    message=message,
                )
                item.invalidate_recordset()
                self.assertFalse(item.attachment_ids)
                self.assertEqual(len(meeting.agenda_item_ids), 2)
        accounts = self._document(self.officer, "accounts.txt", self.coop, b"The accounts.")
        self.rpc(
            self.officer,
            "coop.meeting.agenda.item",
            "write",
            [item.id],
            {"attachment_ids": [Command.link(accounts.id)]},
        )
        meeting.action_convene()
        url = f"/my/governance/meeting/{meeting.id}"
        download = f"{url}/document/{accounts.id}"
        self._login(self.member)
        self.assertNotIn("accounts.txt", self.url_open(url).text, "not shared with members")
        self.assertEqual(self.url_open(download).status_code, 403)
        item.share_with_members = True
        page = self.url_open(url).text
        self.assertIn(download, page)
        self.assertNotIn("access_token", page)
        response = self.url_open(download)
        self.assertEqual((response.status_code, response.content), (200, b"The accounts."))
        self.assertFalse(accounts.access_token, "no token opens it to whoever holds a link")
        # an agenda may hold documents linked before these checks existed: a
        # shared item still serves only the co-op's own
        relation = item._fields["attachment_ids"]
        self.env.cr.execute(
            f"INSERT INTO {relation.relation} ({relation.column1}, {relation.column2}) "
            "VALUES (%s, %s)",
            [item.id, foreign.id],
        )
        item.invalidate_recordset()
        self.assertIn(foreign, item.attachment_ids)
        self.assertEqual(self.url_open(f"{url}/document/{foreign.id}").status_code, 403)
        # nobody outside the meeting's register, and no anonymous visitor
        for user in (self.non_member, self.other_member):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertEqual(self.url_open(download).status_code, 403)
        self.logout()
        response = self.url_open(download, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(b"The accounts.", response.content)

    # ------------------------------------------------------------------
    # Resolutions register
    # ------------------------------------------------------------------
    def test_resolutions_readable_by_members_in_good_standing_only(self):
        meeting = self._held_meeting(present=6)
        motion = self.env["coop.motion"].create(
            {"meeting_id": meeting.id, "name": "Buy a boat", "text": "<p>x</p>", "votes_yes": 6}
        )
        motion.action_decide()
        resolution = motion.resolution_id
        self.members[4].action_expel(reason="Sold the co-op's nets")
        self.members[5].action_suspend(reason="Unpaid fees")
        url = f"/my/governance/resolution/{resolution.id}"
        answer = self.rpc(self.member, "coop.resolution", "search_read", [], ["reference"])
        self.assertEqual([row["reference"] for row in answer], [resolution.reference])
        self._login(self.member)
        self.assertIn(resolution.reference, self.url_open("/my/governance").text)
        self.assertEqual(self.url_open(url).status_code, 200)
        for user in (
            self.non_member,
            self.applicant_user,
            self.expelled,
            self.suspended,
            self.other_member,
        ):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.rpc(user, "coop.resolution", "search_read", [], ["reference"]), []
                )
                self.assertRpcRefused(user, "coop.resolution", "read", [resolution.id], ["name"])
                self._login(user)
                self.assertEqual(self.url_open(url).status_code, 403)
                self.assertNotIn(resolution.reference, self.url_open("/my/governance").text)

    # ------------------------------------------------------------------
    # Minutes, online link, attendance
    # ------------------------------------------------------------------
    def test_draft_minutes_of_a_meeting_in_session_are_not_readable(self):
        meeting = self._held_meeting(present=6)
        meeting.minutes = "<p>Draft: the chair fell asleep.</p>"
        self.assertRpcRefused(self.member, "coop.meeting", "read", [meeting.id], ["minutes"])
        self.assertRpcRefused(
            self.member, "coop.meeting", "search_read", [("id", "=", meeting.id)], ["minutes"]
        )
        self.assertEqual(
            self.rpc(self.member, "coop.meeting", "read", [meeting.id], ["name"])[0]["name"],
            meeting.name,
            "the member reads the meeting itself",
        )
        self._login(self.member)
        minutes_url = f"/my/governance/meeting/{meeting.id}/minutes"
        self.assertEqual(self.url_open(minutes_url).status_code, 404)
        self.assertNotIn("fell asleep", self.url_open(f"/my/governance/meeting/{meeting.id}").text)
        meeting.minutes = "<p>The chair opened the meeting.</p>"
        meeting.action_close()
        minutes = self.url_open(minutes_url)
        self.assertEqual(minutes.status_code, 200)
        self.assertIn(b"The chair opened the meeting.", minutes.content)

    def test_online_link_is_a_web_address(self):
        meeting = self._meeting()
        for link in ("javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "meet.test"):
            with self.subTest(link=link):
                self.assertRpcRefused(
                    self.officer,
                    "coop.meeting",
                    "write",
                    [meeting.id],
                    {"online_url": link},
                    message="must be a web address",
                )
                self.assertRpcRefused(
                    self.officer,
                    "coop.meeting",
                    "create",
                    {
                        "name": "Online meeting",
                        "company_id": self.coop.id,
                        "body_id": self.board.id,
                        "meeting_type": "board",
                        "date_start": "2030-01-01 10:00:00",
                        "online_url": link,
                    },
                    message="must be a web address",
                )
                meeting.invalidate_recordset()
                self.assertFalse(meeting.online_url)
        self.rpc(
            self.officer,
            "coop.meeting",
            "write",
            [meeting.id],
            {"online_url": "https://meet.example.org/harbour"},
        )
        meeting.action_convene()
        self._login(self.member)
        self.assertIn(
            'href="https://meet.example.org/harbour"',
            self.url_open(f"/my/governance/meeting/{meeting.id}").text,
        )

    def test_member_answer_frozen_once_the_session_starts(self):
        meeting = self._meeting_soon()
        attendance = self._attendance(meeting, self.members[3])
        url = f"/my/governance/meeting/{meeting.id}"
        self._login(self.member)
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)
        self.url_open(f"{url}/rsvp", data={"csrf_token": token, "rsvp": "no"})
        attendance.invalidate_recordset()
        self.assertEqual((attendance.state, attendance.rsvp), ("apologies", "no"))
        meeting.action_start()
        page = self.url_open(f"{url}/rsvp", data={"csrf_token": token, "rsvp": "yes"}).text
        self.assertIn("only the secretary records attendance", page)
        self.assertRpcRefused(
            self.member, "coop.meeting.attendance", "write", [attendance.id], {"state": "invited"}
        )
        attendance.invalidate_recordset()
        self.assertEqual((attendance.state, attendance.rsvp), ("apologies", "no"))
        self.assertEqual(meeting.present_count, 0)
