vca_test(rule_cases_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/rule_cases_test.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/rule_loader_test.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/catalogue_test.cpp DEPS vca_engine)
