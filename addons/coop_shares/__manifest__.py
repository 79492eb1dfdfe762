# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Shares",
    "summary": "Share classes, the share register, capital invoices, certificates, transfers and "
    "redemptions",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_base", "account", "portal"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/coop_shares_security.xml",
        "data/coop_shares_data.xml",
        "report/coop_share_certificate_report.xml",
        "report/coop_share_register_report.xml",
        "report/coop_share_statement_report.xml",
        "data/mail_template_data.xml",
        "views/coop_share_class_views.xml",
        "views/coop_share_line_views.xml",
        "views/coop_share_request_views.xml",
        "views/coop_share_wizard_views.xml",
        "views/coop_membership_views.xml",
        "views/coop_membership_admission_views.xml",
        "views/res_company_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_partner_views.xml",
        "views/coop_shares_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/coop_shares_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
