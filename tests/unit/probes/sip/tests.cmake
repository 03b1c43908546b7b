vca_test(sip_parser_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/sip_parser_test.cpp ${CMAKE_CURRENT_LIST_DIR}/sdp_parser_test.cpp
  DEPS vca_sip_parser vca_test_support)
