# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import account_invoice_report
from . import account_journal
from . import account_move
from . import account_move_line
from . import account_partial_reconcile
from . import coop_membership
from . import coop_share_class
from . import coop_share_line
from . import coop_share_request
from . import coop_share_request_accounting
from . import coop_share_request_approval
from . import coop_share_request_certificate
from . import coop_share_request_demo
from . import coop_share_request_membership
from . import res_company
from . import res_partner
