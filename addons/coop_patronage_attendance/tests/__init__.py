from . import test_attendance_patronage
