# probes/rtsp: the RTSP grammar, Transport header and URI redaction on
# messages written after VLC/LIVE555 and camera traffic, the stream framing
# with interleaved frames, and the corpus captures through the traffic analyser.
vca_test(rtsp_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtsp_parser_test.cpp ${CMAKE_CURRENT_LIST_DIR}/rtsp_transport_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/rtsp_stream_test.cpp
  DEPS vca_rtsp)
vca_test(rtsp_corpus_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtsp_corpus_test.cpp ${CMAKE_CURRENT_LIST_DIR}/rtsp_traffic_test.cpp
         DEPS vca_traffic vca_capture vca_test_support)

# Fuzz harness (seeds in tests/fuzz/corpus/rtsp/): replayed as fuzz_replay.rtsp.
vca_fuzz_target(rtsp SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtsp_fuzz.cpp DEPS vca_rtsp)
