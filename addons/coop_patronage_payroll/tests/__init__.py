from . import test_payroll_patronage
