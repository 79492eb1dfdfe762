# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import coop_share_register_wizard
from . import coop_share_request_reason_wizard
