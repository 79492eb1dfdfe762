# Copyright 2026 Co-op Suite Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Co-op Patronage at the Point of Sale",
    "summary": "Members identified at the till by their member card; point of sale orders count "
    "as patronage",
    "version": "18.0.1.0.0",
    "category": "Cooperative",
    "license": "AGPL-3",
    "author": "Co-op Suite Contributors",
    "website": "https://github.com/coop-suite/coop-suite",
    "depends": ["coop_patronage", "point_of_sale"],
    "data": [
        "security/ir.model.access.csv",
        "report/coop_member_card_report.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/coop_patronage_pos_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": ["coop_patronage_pos/static/src/**/*"],
        "web.assets_tests": ["coop_patronage_pos/static/tests/tours/**/*"],
    },
    "auto_install": True,
    "installable": True,
}
