import json
import re
import subprocess
import tempfile

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import mute_logger


def render_pdf(env, report_ref, res_ids):
    """A real PDF of the report by wkhtmltopdf (Odoo's tests get HTML otherwise)."""
    # Debian's wkhtmltopdf (unpatched Qt) warns that it ignores Odoo's header and
    # footer switches: the suite draws its own on the finished PDF
    with mute_logger("odoo.addons.base.models.ir_actions_report"):
        pdf, report_format = (
            env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_ref, res_ids)
        )
    assert report_format == "pdf" and pdf.startswith(b"%PDF"), report_format
    return pdf


def pdf_pages(pdf):
    """The text of each page, as poppler's pdftotext reads it (selectable text only)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", file.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def pdf_font_families(pdf):
    """The font families the PDF uses (subset prefixes and styles taken off)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        listing = subprocess.run(
            ["pdffonts", file.name], capture_output=True, text=True, check=True
        ).stdout
    names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
    return {re.sub(r"^[A-Z]{6}\+", "", name).split("-")[0] for name in names}


def new_coop_user(env, login, groups, company, password=None, **values):
    """A user of one co-op (company), with an email for mail notifications; its
    password is ``<login>-pw-1234`` unless given (tours log in with the login)."""
    values = {"email": f"{login}@example.com", "name": login.replace("_", " ").title(), **values}
    return new_test_user(
        env,
        login=login,
        password=password or f"{login}-pw-1234",
        groups=groups,
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
        **values,
    )


class CoopBaseCase:
    """Two co-ops with their classes, officers, managers and a portal user.

    Mixed into TransactionCase/HttpCase classes; independent of demo data.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        Company = cls.env["res.company"]
        cls.coop_a = Company.create(
            {"name": "Alpha Bakery Co-op", "coop_type": "worker", "email": "board@alpha.test"}
        )
        cls.coop_b = Company.create(
            {"name": "Beta Housing Co-op", "coop_type": "housing", "email": "board@beta.test"}
        )
        Class = cls.env["coop.member.class"]
        cls.class_worker_a = Class.create(
            {"name": "Worker", "code": "W", "company_id": cls.coop_a.id}
        )
        cls.class_consumer_a = Class.create(
            {"name": "Consumer", "code": "C", "company_id": cls.coop_a.id}
        )
        cls.class_tenant_b = Class.create(
            {"name": "Tenant", "code": "T", "company_id": cls.coop_b.id}
        )
        cls.officer_a = cls._new_user("officer_a", "coop_base.group_coop_officer", cls.coop_a)
        cls.manager_a = cls._new_user("manager_a", "coop_base.group_coop_manager", cls.coop_a)
        cls.officer_b = cls._new_user("officer_b", "coop_base.group_coop_officer", cls.coop_b)
        cls.employee_a = cls._new_user("employee_a", "base.group_user", cls.coop_a)
        cls.portal_user = cls._new_user("portal_a", "base.group_portal", cls.coop_a)
        Partner = cls.env["res.partner"]
        cls.partners = Partner.create(
            [
                {"name": f"Partner {index:02d}", "email": f"partner{index:02d}@example.com"}
                for index in range(6)
            ]
        )

    @classmethod
    def _new_user(cls, login, group, company):
        return new_coop_user(cls.env, login, group, company)

    def _apply(self, partner, company=None, member_class=None, **vals):
        company = company or self.coop_a
        return self.env["coop.membership"].create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "member_class_id": member_class.id if member_class else False,
                **vals,
            }
        )

    def _admit_in_bulk(self, partners):
        """Members of co-op A, alternately worker and consumer."""
        memberships = self.env["coop.membership"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.coop_a.id,
                    "member_class_id": (
                        self.class_worker_a if index % 2 else self.class_consumer_a
                    ).id,
                }
                for index, partner in enumerate(partners)
            ]
        )
        memberships._coop_admit("bulk")
        return memberships

    def _member(self, partner, company=None, member_class=None, **vals):
        membership = self._apply(partner, company, member_class, **vals)
        membership._coop_admit("test admission")
        return membership

    def _snapshot(self, memberships):
        """Everything a decision may change, to prove nothing changed."""
        return [
            (
                m.state,
                m.member_number,
                m.admission_date,
                m.end_date,
                m.state_reason,
                m.decided_by_id.id,
            )
            for m in memberships
        ]


class JsonRpcCase:
    """Calls through the door an attacker uses: ``/web/dataset/call_kw`` over
    real HTTP, logged in as a given user. Mixed into HttpCase classes; users
    made by ``new_coop_user`` (password ``<login>-pw-1234``)."""

    def rpc_call(self, user, model, method, *args, **kwargs):
        """The JSON-RPC response of ``model.method(*args, **kwargs)`` called
        by ``user``: a dict with ``result`` or ``error``."""
        session = getattr(self, "session", None)
        if session is None or session.uid != user.id:
            self.authenticate(user.login, f"{user.login}-pw-1234")
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, "JSON-RPC answers errors with HTTP 200")
        self.env.invalidate_all()
        return response.json()

    def rpc(self, user, model, method, *args, **kwargs):
        """The result of a call that must succeed."""
        answer = self.rpc_call(user, model, method, *args, **kwargs)
        self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))
        return answer["result"]

    def assertRpcRefused(self, user, model, method, *args, message=None, **kwargs):
        """The call is refused with an Odoo error (not a server crash) whose
        text contains ``message``; returns that text. Check afterwards that
        nothing changed."""
        with mute_logger("odoo.http"):
            answer = self.rpc_call(user, model, method, *args, **kwargs)
        self.assertIn("error", answer, f"{model}.{method} was accepted for {user.login}")
        data = answer["error"]["data"]
        self.assertIn(
            data["name"],
            (
                "odoo.exceptions.AccessError",
                "odoo.exceptions.UserError",
                "odoo.exceptions.ValidationError",
            ),
            data.get("debug"),
        )
        if message:
            self.assertIn(message, data["message"])
        return data["message"]
