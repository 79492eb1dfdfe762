from . import coop_ballot_teller_entry
