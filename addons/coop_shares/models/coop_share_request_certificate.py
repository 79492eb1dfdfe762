# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One model split by concern into files on purpose (as OCA contract).
# pylint: disable=consider-merging-classes-inherited
"""Share certificates of done requests, sent by a cron."""

from odoo import _, api, models

from .coop_share_request import OFFICER_GROUP


class CoopShareRequest(models.Model):
    _inherit = "coop.share.request"

    def action_send_certificate(self):
        self._check_group(OFFICER_GROUP, _("Only co-op officers send share certificates."))
        self._check_state(
            ("done",), _("Request %(request)s is %(state)s and has no certificate to send.")
        )
        self._send_certificates()
        return True

    def _certificate_lines(self):
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: line.quantity > 0 and line.operation != "reversal"
        )

    def _send_certificates(self):
        template = self.env.ref("coop_shares.mail_template_share_certificate")
        for request in self:
            request.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self._coop_workflow().write({"certificate_to_send": False})

    @api.model
    def _cron_send_certificates(self, batch_size=200):
        """Certificates are rendered here, not in the payment transaction."""
        domain = [("certificate_to_send", "=", True), ("state", "=", "done")]
        requests = self.search(domain, limit=batch_size)
        for request in requests:
            request.with_company(request.company_id)._send_certificates()
        self.env["ir.cron"]._notify_progress(
            done=len(requests), remaining=self.search_count(domain)
        )

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Share certificate %(request)s", request=self.name)
