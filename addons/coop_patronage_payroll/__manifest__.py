# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Patronage from Payroll",
    "summary": "Worker-members' hours or wages from their payslips as patronage",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_patronage", "payroll_account"],
    "data": [
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/hr_employee_views.xml",
        "views/hr_contract_views.xml",
    ],
    "demo": ["demo/coop_patronage_payroll_demo.xml"],
    "auto_install": True,
    "installable": True,
}
