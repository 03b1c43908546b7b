# Credential watchers for the text protocols (probes/creds: HTTP, RTSP, FTP,
# telnet, POP3, IMAP, SMTP) and their pure parsers (base64, Digest header,
# form fields). The fuzz harness lives in tests/fuzz/creds_text_fuzz.cpp.
vca_test(creds_text_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/parsers_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/http_watcher_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/ftp_telnet_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/mail_watchers_test.cpp
  DEPS vca_creds_watch)
vca_fuzz_target(creds_text SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/creds_text_fuzz.cpp DEPS vca_creds_watch)
