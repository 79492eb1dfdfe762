# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_resolution_last_number = fields.Integer(
        string="Last Resolution Number",
        readonly=True,
        copy=False,
        help="Number of the co-op's latest resolution; kept by the resolutions register.",
    )

    coop_meeting_opening_margin = fields.Integer(
        string="Opening Margin (minutes)",
        default=60,
        help="How long before its announced time a convened meeting may be opened.",
    )

    @api.constrains("coop_meeting_opening_margin")
    def _check_coop_meeting_opening_margin(self):
        if self.filtered(lambda company: company.coop_meeting_opening_margin < 0):
            raise ValidationError(
                self.env._("The opening margin of meetings is zero minutes or more.")
            )

    def write(self, vals):
        if "coop_resolution_last_number" in vals:
            raise AccessError(
                self.env._("Resolution numbers are given by the resolutions register only.")
            )
        return super().write(vals)

    def _coop_next_resolution_number(self):
        """The next number of this co-op's resolutions register.

        The counter row is updated, not only locked: under Odoo's REPEATABLE
        READ isolation a transaction that waited for a lock still reads the
        register as it was before the other one committed (a MAX() would give
        the same number twice), whereas updating a row that a concurrent
        transaction updated fails with a serialization error, which Odoo
        retries with a fresh snapshot. GREATEST() takes over the numbers of a
        register kept before this counter existed.
        """
        self.ensure_one()
        self.env.cr.execute(
            """UPDATE res_company
                  SET coop_resolution_last_number = GREATEST(
                          COALESCE(coop_resolution_last_number, 0),
                          (SELECT COALESCE(MAX(number), 0)
                             FROM coop_resolution WHERE company_id = %(company)s)
                      ) + 1
                WHERE id = %(company)s
            RETURNING coop_resolution_last_number""",
            {"company": self.id},
        )
        number = self.env.cr.fetchone()[0]
        self.invalidate_recordset(["coop_resolution_last_number"])
        return number
