# auditor/scan: the bundled YARA rules through libyara (same expectations as
# tests/yara with the yara program), compile diagnostics, timeouts, the size
# bound and the file-tree walk.
vca_test(scan_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/bundled_rules_test.cpp ${CMAKE_CURRENT_LIST_DIR}/yara_rules_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/scanner_test.cpp ${CMAKE_CURRENT_LIST_DIR}/file_tree_scan_test.cpp
  DEPS vca_scan OpenSSL::Crypto PkgConfig::YAMLCPP)
