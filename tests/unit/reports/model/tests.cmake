vca_test(report_model_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/audit_period_test.cpp
                                   ${CMAKE_CURRENT_LIST_DIR}/meeting_h323_test.cpp
         DEPS vca_report_model vca_store)
