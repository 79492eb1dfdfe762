from . import test_pos_patronage
