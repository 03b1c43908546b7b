vca_test(facts_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/schema_test.cpp ${CMAKE_CURRENT_LIST_DIR}/net_address_test.cpp DEPS vca_facts)
