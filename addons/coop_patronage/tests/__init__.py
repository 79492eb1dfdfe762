from . import test_capital_redemption_race
from . import test_patronage_rules
from . import test_patronage_allocation
from . import test_patronage_bad_inputs
from . import test_patronage_invariant
from . import test_patronage_protected
from . import test_patronage_portal
from . import test_patronage_batches
