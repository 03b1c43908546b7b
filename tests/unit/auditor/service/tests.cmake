vca_test(capture_session_row_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/capture_session_row_test.cpp DEPS vca_service)
