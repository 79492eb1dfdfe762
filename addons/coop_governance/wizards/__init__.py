from . import coop_ballot_teller_entry
from . import coop_ballot_close
