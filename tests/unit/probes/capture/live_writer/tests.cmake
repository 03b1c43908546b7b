vca_test(live_capture_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/live_rotating_writer_test.cpp ${CMAKE_CURRENT_LIST_DIR}/live_source_test.cpp
  DEPS vca_capture)
