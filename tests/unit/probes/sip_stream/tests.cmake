vca_test(sip_stream_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/sip_stream_test.cpp DEPS vca_sip)
