from odoo import Command

from odoo.addons.coop_base.tests.common import new_coop_user


class AcademyCase:
    """Two co-ops, a network course and a course of each, requirements of
    co-op A on admission, on a board seat and on candidacy, members and
    officers. Mixed into TransactionCase/HttpCase classes; independent of demo
    data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.coop_a = Company.create({"name": "Riverside Grocers Co-op", "email": "a@river.test"})
        cls.coop_b = Company.create({"name": "Hilltop Housing Co-op", "email": "b@hill.test"})
        cls.officer_a = new_coop_user(
            cls.env, "acad_officer_a", "coop_base.group_coop_officer", cls.coop_a
        )
        cls.manager_a = new_coop_user(
            cls.env, "acad_manager_a", "coop_base.group_coop_manager", cls.coop_a
        )
        cls.officer_b = new_coop_user(
            cls.env, "acad_officer_b", "coop_base.group_coop_officer", cls.coop_b
        )
        cls.manager_b = new_coop_user(
            cls.env, "acad_manager_b", "coop_base.group_coop_manager", cls.coop_b
        )
        cls.foundations = cls._course("Foundations", None, slides=3)
        cls.board_duties = cls._course("Board Duties", cls.coop_a, slides=2)
        cls.course_b = cls._course("Hilltop Tenancy", cls.coop_b, slides=1)
        Requirement = cls.env["coop.academy.requirement"]
        cls.req_admission = Requirement.create(
            {
                "name": "Foundations within 60 days",
                "company_id": cls.coop_a.id,
                "channel_id": cls.foundations.id,
                "trigger": "admission",
                "days_due": 60,
            }
        )
        cls.req_seat = Requirement.create(
            {
                "name": "Directors certified within 90 days",
                "company_id": cls.coop_a.id,
                "channel_id": cls.board_duties.id,
                "trigger": "seat",
                "body_kind": "board",
                "days_due": 90,
                "validity_months": 24,
                "user_id": cls.officer_a.id,
            }
        )
        cls.req_candidacy = Requirement.create(
            {
                "name": "Candidates certified",
                "company_id": cls.coop_a.id,
                "channel_id": cls.board_duties.id,
                "trigger": "candidacy",
                "body_kind": "board",
                "validity_months": 24,
            }
        )
        cls.board = cls.env["coop.body"].create(
            {"name": "Board", "kind": "board", "seat_count": 5, "company_id": cls.coop_a.id}
        )
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Learner {i}", "email": f"learner{i}@example.com"} for i in range(6)]
        )

    @classmethod
    def _course(cls, name, company, slides):
        channel = cls.env["slide.channel"].create(
            {
                "name": name,
                "company_id": company.id if company else False,
                "channel_type": "training",
                "enroll": "public",
                "coop_members_only": True,
                "is_published": True,
                "slide_ids": [
                    Command.create(
                        {
                            "name": f"{name} lesson {index}",
                            "slide_category": "article",
                            "html_content": "<p>A short lesson.</p>",
                            "is_published": True,
                        }
                    )
                    for index in range(slides)
                ],
            }
        )
        return channel

    @classmethod
    def _admit(cls, partners, company=None):
        memberships = cls.env["coop.membership"].create(
            [
                {"partner_id": partner.id, "company_id": (company or cls.coop_a).id}
                for partner in partners
            ]
        )
        memberships._coop_admit("test admission")
        return memberships

    def _complete(self, partner, channel):
        """The learner completes every lesson, through eLearning's own
        completion (as the portal does when a lesson is marked done)."""
        user = self._portal_user(partner)
        channel.slide_ids.with_user(user).action_mark_completed()

    def _portal_user(self, partner):
        """The partner's portal login (password ``<login>-pw-1234``)."""
        if partner.user_ids:
            return partner.user_ids[:1]
        login = f"learner_{partner.id}"
        return self.env["res.users"].create(
            {
                "login": login,
                "password": f"{login}-pw-1234",
                "partner_id": partner.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
                "company_id": self.coop_a.id,
                "company_ids": [Command.set(self.coop_a.ids)],
            }
        )

    def _assignments(self, memberships, requirement=None):
        domain = [("membership_id", "in", memberships.ids)]
        if requirement:
            domain.append(("requirement_id", "=", requirement.id))
        return self.env["coop.academy.assignment"].search(domain)
