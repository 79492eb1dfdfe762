# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Academy",
    "summary": "Courses and certifications members and directors must hold, tied to "
    "admission, seats and candidacies",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_base", "coop_governance", "website_slides_survey"],
    "data": [
        "security/ir.model.access.csv",
        "security/coop_academy_rules.xml",
        "data/mail_data.xml",
        "data/ir_cron_data.xml",
        "views/coop_academy_requirement_views.xml",
        "views/coop_academy_assignment_views.xml",
        "views/slide_channel_views.xml",
        "views/res_config_settings_views.xml",
        "views/res_company_overview_views.xml",
        "views/coop_academy_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/coop_academy_demo.xml",
        "demo/slide_channel_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coop_academy/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
