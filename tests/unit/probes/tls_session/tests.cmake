vca_test(tls_session_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ssl2_parser_test.cpp ${CMAKE_CURRENT_LIST_DIR}/tls_session_test.cpp
         DEPS vca_tls)
vca_test(dtls_session_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/dtls_session_test.cpp DEPS vca_tls vca_test_support)
