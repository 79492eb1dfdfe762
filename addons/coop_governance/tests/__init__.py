from . import test_tally
from . import test_ballot_box
from . import test_ballot
from . import test_meeting
from . import test_concurrency
from . import test_portal
from . import test_portal_home
from . import test_protected_fields
