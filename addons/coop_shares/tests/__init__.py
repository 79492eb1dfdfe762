# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_membership_admission
from . import test_share_bad_inputs
from . import test_share_concurrency
from . import test_share_documents
from . import test_share_duties
from . import test_share_invariants
from . import test_share_portal
from . import test_share_pdf
from . import test_share_protected
from . import test_share_register
from . import test_share_round_trip
from . import test_share_rules
