# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Patronage",
    "summary": "Patronage measures, surplus allocation, members' capital accounts, notices of "
    "allocation and revolving redemptions",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_shares", "account", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/coop_patronage_security.xml",
        "data/ir_cron_data.xml",
        "report/coop_patronage_notice_report.xml",
        "report/coop_patronage_period_report.xml",
        "views/coop_patronage_allocation_views.xml",
        "views/coop_patronage_period_views.xml",
        "views/coop_capital_account_line_views.xml",
        "views/coop_capital_redemption_wizard_views.xml",
        "views/product_views.xml",
        "views/res_config_settings_views.xml",
        "views/coop_patronage_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/coop_patronage_demo.xml",
    ],
    "installable": True,
}
