from . import coop_membership
from . import coop_patronage_period
from . import res_partner
from . import res_company
from . import res_config_settings
from . import pos_order
