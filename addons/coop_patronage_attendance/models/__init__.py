from . import res_company
from . import coop_patronage_period
