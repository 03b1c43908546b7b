# vcaudit investigate: exfiltration paths and the timeline over stores the
# tests fill, the extract writer, and the command end to end on real captures
# checked with tshark (a test dependency: .ci/install-deps test).
vca_test(investigate_test
         SOURCES ${CMAKE_CURRENT_LIST_DIR}/exfiltration_test.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/timeline_test.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/pcap_extract_writer_test.cpp
         DEPS vca_investigate)
vca_test(investigate_cli_test
         SOURCES ${CMAKE_CURRENT_LIST_DIR}/investigate_cli_test.cpp
         DEPS vca_core nlohmann_json::nlohmann_json SQLite::SQLite3)
target_compile_definitions(investigate_cli_test PRIVATE VCA_BINARY="$<TARGET_FILE:vcaudit>")
add_dependencies(investigate_cli_test vcaudit)
