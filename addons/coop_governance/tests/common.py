# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import shutil
import tempfile
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tools import config

from odoo.addons.coop_base.tests.common import new_coop_user


class GovernanceCase:
    """A co-op with six members, an applicant, a board, officers, a teller and portal members.

    Mixed into TransactionCase/HttpCase classes; independent of demo data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the urns' keys of the class's ballots, in a key directory of its own
        key_dir = tempfile.mkdtemp(prefix="coop-ballot-keys-")
        cls.addClassCleanup(shutil.rmtree, key_dir, ignore_errors=True)
        cls.startClassPatcher(patch.dict(config.options, {"coop_ballot_key_dir": key_dir}))
        cls.coop = cls.env["res.company"].create(
            {
                "name": "Harbour Fishers Co-op",
                "email": "board@harbour.test",
                "coop_quorum_type": "percent",
                "coop_quorum_value": 50,
                "coop_notice_period_days": 14,
                "coop_proxy_allowed": True,
                "coop_max_proxies_per_member": 1,
                "coop_default_majority": "simple",
            }
        )
        cls.other_coop = cls.env["res.company"].create({"name": "Inland Growers Co-op"})
        cls.officer = cls._new_user("gov_officer", "coop_base.group_coop_officer", cls.coop)
        cls.teller = cls._new_user("gov_teller", "coop_governance.group_coop_teller", cls.coop)
        cls.other_officer = cls._new_user(
            "gov_officer_b", "coop_base.group_coop_officer", cls.other_coop
        )
        partners = cls.env["res.partner"].create(
            [
                {"name": f"Fisher {index}", "email": f"fisher{index}@example.com"}
                for index in range(8)
            ]
        )
        Membership = cls.env["coop.membership"]
        cls.members = Membership.browse()
        for partner in partners[:6]:
            membership = Membership.create({"partner_id": partner.id, "company_id": cls.coop.id})
            membership._coop_admit("founding member")
            cls.members |= membership
        cls.applicant = Membership.create({"partner_id": partners[6].id, "company_id": cls.coop.id})
        cls.outsider = partners[7]
        cls.portal_users = cls.env["res.users"]
        for index, membership in enumerate(cls.members[:2]):
            cls.portal_users |= new_test_user(
                cls.env,
                login=f"fisher_portal_{index}",
                password=f"fisher_portal_{index}",
                groups="base.group_portal",
                partner_id=membership.partner_id.id,
                company_id=cls.coop.id,
                company_ids=[Command.set(cls.coop.ids)],
            )
        cls.assembly = cls.env["coop.body"].create(
            {"name": "General Assembly", "kind": "general_assembly", "company_id": cls.coop.id}
        )
        cls.board = cls.env["coop.body"].create(
            {"name": "Board", "kind": "board", "seat_count": 3, "company_id": cls.coop.id}
        )
        cls.env["coop.body.seat"].create(
            [
                {"body_id": cls.board.id, "membership_id": cls.members[0].id, "role": "chair"},
                {"body_id": cls.board.id, "membership_id": cls.members[1].id, "role": "secretary"},
                {"body_id": cls.board.id, "membership_id": cls.members[2].id, "role": "treasurer"},
            ]
        )

    @classmethod
    def _new_user(cls, login, group, company):
        return new_coop_user(cls.env, login, group, company)

    def _ballot(self, method="stv", options=("Ana", "Ben", "Cleo", "Dev"), **vals):
        values = {
            "name": f"Ballot {method}",
            "company_id": self.coop.id,
            "method": method,
            "date_close": fields.Datetime.now() + timedelta(days=2),
            "seed": "test-seed",
        }
        if method != "yes_no":
            values["option_ids"] = [
                Command.create({"name": name, "sequence": i}) for i, name in enumerate(options)
            ]
        values.update(vals)
        return self.env["coop.ballot"].create(values)

    def _keys(self, ballot, *names):
        by_name = {o.name: str(o.id) for o in ballot.option_ids}
        return [by_name[name] for name in names]

    def _meeting(self, body=None, days=30, **vals):
        body = body or self.assembly
        values = {
            "name": "General Meeting",
            "company_id": self.coop.id,
            "body_id": body.id,
            "meeting_type": "agm" if body.kind == "general_assembly" else "board",
            "date_start": fields.Datetime.now() + timedelta(days=days),
            "agenda_item_ids": [
                Command.create({"name": "Accounts"}),
                Command.create({"name": "Election"}),
            ],
        }
        values.update(vals)
        return self.env["coop.meeting"].create(values)

    def _meeting_soon(self, body=None, minutes=30, **vals):
        """A meeting convened at short notice, starting in ``minutes``."""
        meeting = self._meeting(
            body=body,
            date_start=fields.Datetime.now() + timedelta(minutes=minutes),
            urgency_reason="The tests cannot wait for the notice period.",
            **vals,
        )
        meeting.action_convene()
        return meeting

    def _held_meeting(self, present=4, body=None):
        """A meeting in session with its first ``present`` members checked in."""
        meeting = self._meeting_soon(body=body)
        meeting.action_start()
        meeting.attendance_ids[:present].action_check_in()
        return meeting

    def _attendance(self, meeting, membership):
        return meeting.attendance_ids.filtered(lambda a: a.membership_id == membership)

    def _urn_count(self, ballot):
        self.env.cr.execute(
            "SELECT count(*) FROM coop_ballot_urn WHERE ballot_id = %s", [ballot.id]
        )
        return self.env.cr.fetchone()[0]

    def _close_and_count(self, ballot, reason="The tests close the poll now."):
        """Stop voting (with a recorded reason, as closing early needs one)
        and count, as the governance cron does right after."""
        ballot._close_early(reason)
        ballot._count()
