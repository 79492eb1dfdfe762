from lxml import etree

from odoo.tests import tagged

from .common import CoopBaseCase


@tagged("post_install", "-at_install")
class TestReporting(CoopBaseCase):
    def test_membership_growth_is_drawn_over_time_by_class(self):
        action = self.env.ref("coop_base.coop_membership_action_growth")
        self.assertEqual(action.view_mode.split(",")[0], "graph")
        arch = etree.fromstring(
            self.env["coop.membership"].get_views([(False, "graph")])["views"]["graph"]["arch"]
        )
        self.assertEqual((arch.get("type"), arch.get("cumulated")), ("line", "1"))
        axes = arch.xpath("//field[not(@type='measure')]")
        self.assertEqual(
            [(field.get("name"), field.get("interval")) for field in axes],
            [("admission_date", "month"), ("member_class_id", None)],
        )
        # members admitted over three months make three points per class, not one dot
        memberships = self._admit_in_bulk(self.partners[:3])
        for membership, day in zip(
            memberships, ("2025-01-15", "2025-02-15", "2025-03-15"), strict=True
        ):
            membership._coop_workflow().admission_date = day
        groups = self.env["coop.membership"].read_group(
            [("id", "in", memberships.ids)], ["__count"], ["admission_date:month"]
        )
        self.assertEqual(len(groups), 3)
