# probes/rtp: headers, statistics and verdict on hand-built packets; the
# tracker on the shared corpus against tshark's rtp,streams.
vca_test(rtp_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtp_header_test.cpp ${CMAKE_CURRENT_LIST_DIR}/rtp_stats_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/rtp_tracker_test.cpp ${CMAKE_CURRENT_LIST_DIR}/rtp_corpus_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/udp_feed.cpp
  DEPS vca_rtp vca_test_support)

# Fuzz harness (tests/fuzz/rtp_fuzz.cpp, seeds in tests/fuzz/corpus/rtp/):
# registered here so this module's tests live in one place.
vca_fuzz_target(rtp SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/rtp_fuzz.cpp DEPS vca_rtp)

# The RTP comparison script checked on the corpus against tshark itself
# (tshark is a test dependency; the check never skips).
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME tshark.rtp_compare_selftest
         COMMAND ${VCA_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/tshark/compare_rtp_with_tshark.py
                 --selftest --shared ${VCA_SHARED_DIR})
set_tests_properties(tshark.rtp_compare_selftest PROPERTIES TIMEOUT 900)
