vca_test(config_ip_range_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/ip_range_test.cpp DEPS vca_config)
