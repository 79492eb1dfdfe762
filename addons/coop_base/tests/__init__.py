from . import test_membership_rules
from . import test_company_settings
from . import test_membership
from . import test_member_register
from . import test_security
from . import test_protected_fields
from . import test_portal
from . import test_performance
