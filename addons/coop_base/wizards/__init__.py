from . import coop_membership_decision_wizard
from . import coop_member_register_wizard
