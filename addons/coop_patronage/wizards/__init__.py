from . import coop_capital_redemption_wizard
