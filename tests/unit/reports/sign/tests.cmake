vca_test(sign_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/sha256_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/identity_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cms_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openssl_cli_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pkcs12_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ca_verify_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/timestamp_test.cpp
  DEPS vca_sign)
