from . import res_company
from . import res_config_settings
from . import coop_protected_mixin
from . import coop_member_class
from . import coop_membership
from . import coop_membership_suspension
from . import res_partner
