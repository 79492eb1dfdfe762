from . import test_pos_patronage
from . import test_demo
from . import test_pos_tour
