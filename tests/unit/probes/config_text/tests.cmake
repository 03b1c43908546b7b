# Text configuration parsers (probes/config: Yealink, Grandstream text,
# Asterisk, coturn, Kamailio/OpenSIPS, Kamailio tls.cfg, nginx, HOCON, Java
# properties, shell env) and format detection; the fuzz target runs detection
# and every text parser over one input.
vca_test(config_text_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/config_text_helpers_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/format_detect_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/yealink_grandstream_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/asterisk_parser_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/coturn_parser_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/kamailio_parser_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nginx_parser_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hocon_parser_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/properties_env_parser_test.cpp
  DEPS vca_config)
vca_fuzz_target(config_text SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/config_text_fuzz.cpp DEPS vca_config)
