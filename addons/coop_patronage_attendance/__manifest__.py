# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Patronage from Attendances",
    "summary": "Worker-members' attended hours as patronage, for co-ops without payroll",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_patronage", "hr_attendance"],
    "data": ["security/ir.model.access.csv"],
    "auto_install": True,
    "installable": True,
}
