vca_test(tls_parser_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tls_parser_test.cpp ${CMAKE_CURRENT_LIST_DIR}/cipher_suites_test.cpp
  DEPS vca_tls_parser vca_test_support)
