vca_fuzz_target(decode_frame SOURCES ${CMAKE_CURRENT_LIST_DIR}/decode_frame_fuzz.cpp DEPS vca_decode)
vca_fuzz_target(capture_file SOURCES ${CMAKE_CURRENT_LIST_DIR}/capture_file_fuzz.cpp DEPS vca_capture vca_traffic)
# Every real capture of the shared public corpus through the same harness
# (libpcap, decoding, flows, TLS, SIP), under the sanitizers in make test.
add_test(NAME fuzz_replay.capture_file_shared_corpus
         COMMAND capture_file_replay ${VCA_SHARED_DIR}/corpus/public)
