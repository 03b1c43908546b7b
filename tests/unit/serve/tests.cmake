# vcaudit serve / evaluate: calendar, durations, evaluation log, coverage, schedule (pure, no processes).
vca_test(serve_unit_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/evaluation_calendar_test.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/duration_text_test.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/evaluation_log_test.cpp
                                 ${CMAKE_CURRENT_LIST_DIR}/evidence_coverage_test.cpp
         DEPS vca_service)
