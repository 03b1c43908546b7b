# probes/content: the extractors with bytes the tests build (chunked + gzip,
# pipelining, multipart, FTP control/data, SIP bodies, every bound and gaps),
# and a fuzz harness over all of them (corpus replayed as a normal test).
find_package(ZLIB REQUIRED)
vca_test(content_extract_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/http_extractor_test.cpp ${CMAKE_CURRENT_LIST_DIR}/ftp_stream_sip_test.cpp
  DEPS vca_content ZLIB::ZLIB)
vca_fuzz_target(content_extract SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/content_extract_fuzz.cpp DEPS vca_content)
