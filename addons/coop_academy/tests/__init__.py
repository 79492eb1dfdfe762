from . import test_academy_rules
from . import test_enrolment
from . import test_candidacy
from . import test_security
from . import test_reminders
from . import test_performance
from . import test_portal
from . import test_demo
