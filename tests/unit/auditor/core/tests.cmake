# The shared ASCII text helpers of auditor/core (core::ascii).
vca_test(core_ascii_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ascii_test.cpp DEPS vca_core)
