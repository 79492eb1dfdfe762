from . import test_payroll_buyin
from . import test_payroll_patronage
