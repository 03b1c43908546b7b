vca_test(config_expectations_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/expectations_test.cpp
  DEPS vca_config_facts PkgConfig::YAMLCPP)
