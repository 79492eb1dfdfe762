# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Governance",
    "summary": "Meetings, motions, resolutions and ballots where one member has one vote",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_base", "mail", "portal"],
    "external_dependencies": {"python": ["cryptography", "vobject"]},
    "data": [
        "security/coop_governance_security.xml",
        "security/ir.model.access.csv",
        "security/coop_governance_rules.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "report/coop_meeting_minutes_report.xml",
        "wizards/coop_ballot_teller_entry_views.xml",
        "wizards/coop_ballot_close_views.xml",
        "views/coop_body_views.xml",
        "views/coop_meeting_attendance_views.xml",
        "views/coop_meeting_views.xml",
        "views/coop_motion_views.xml",
        "views/coop_resolution_views.xml",
        "views/coop_ballot_views.xml",
        "views/res_company_overview_views.xml",
        "views/coop_governance_menus.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/coop_governance_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "coop_governance/static/src/js/portal_ranking.js",
            "coop_governance/static/src/js/portal_receipt.js",
            "coop_governance/static/src/js/portal_cast.js",
        ],
        "web.assets_backend": [
            "coop_governance/static/src/scss/coop_meeting_kanban.scss",
        ],
        "web.assets_tests": [
            "coop_governance/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
