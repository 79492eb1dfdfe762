from . import coop_membership
from . import coop_patronage_period
from . import res_partner
from . import pos_order
