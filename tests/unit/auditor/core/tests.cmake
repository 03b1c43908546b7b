# The shared text helpers of auditor/core (core::ascii, URL redaction).
vca_test(core_ascii_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ascii_test.cpp ${CMAKE_CURRENT_LIST_DIR}/url_redaction_test.cpp
         DEPS vca_core)
