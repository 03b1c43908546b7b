# probes/h323: TPKT, Q.931 and aligned-PER H.225.0 on bytes built from the
# standards (checked with tshark), the stream framing, and the shared corpus
# against tshark.
vca_test(h323_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tpkt_q931_test.cpp ${CMAKE_CURRENT_LIST_DIR}/per_reader_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/h225_decoder_test.cpp ${CMAKE_CURRENT_LIST_DIR}/h225_stream_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/h245_decoder_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/h323_corpus_test.cpp ${CMAKE_CURRENT_LIST_DIR}/h323_feed.cpp
  DEPS vca_h323 vca_flow vca_capture vca_decode vca_test_support)

# Fuzz harness (tests/fuzz/h323_fuzz.cpp, seeds in tests/fuzz/corpus/h323/):
# registered here so this module's tests live in one place.
vca_fuzz_target(h323 SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/h323_fuzz.cpp DEPS vca_h323)
