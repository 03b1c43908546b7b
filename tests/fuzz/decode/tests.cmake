vca_fuzz_target(decode_frame SOURCES ${CMAKE_CURRENT_LIST_DIR}/decode_frame_fuzz.cpp DEPS vca_decode)
vca_fuzz_target(capture_file SOURCES ${CMAKE_CURRENT_LIST_DIR}/capture_file_fuzz.cpp DEPS vca_capture vca_traffic)
