# probes/websocket: RFC 6455 framing on hand-built frames and the RFC's own
# examples, the opening handshake, and SIP over WebSocket from the shared
# corpus against tshark.
vca_test(websocket_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/frame_stream_test.cpp ${CMAKE_CURRENT_LIST_DIR}/upgrade_watch_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/websocket_corpus_test.cpp
  DEPS vca_websocket vca_capture vca_decode vca_test_support)

# Fuzz harness (tests/fuzz/websocket_fuzz.cpp, seeds in tests/fuzz/corpus/websocket/):
# registered here so this module's tests live in one place.
vca_fuzz_target(websocket SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/websocket_fuzz.cpp DEPS vca_websocket)
