vca_test(decode_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/decode_test.cpp DEPS vca_decode)
