vca_test(tls_parser_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tls_parser_test.cpp ${CMAKE_CURRENT_LIST_DIR}/cipher_suites_test.cpp
  DEPS vca_tls_parser vca_test_support)
vca_test(tls_facts_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/ja4_test.cpp ${CMAKE_CURRENT_LIST_DIR}/resumption_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/app_attribution_test.cpp
  DEPS vca_tls vca_test_support)
