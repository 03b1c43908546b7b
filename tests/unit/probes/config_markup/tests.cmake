# XML and JSON configuration parsers (probes/config: Polycom, Cisco phone,
# RoomOS, Grandstream XML, FreeSWITCH, Spring beans) and their fuzz harness.
vca_test(config_markup_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/config_xml_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/polycom_xml_parser_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/cisco_phone_xml_parser_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/roomos_parser_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/grandstream_xml_parser_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/freeswitch_xml_parser_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/spring_beans_parser_test.cpp
  DEPS vca_config)
vca_fuzz_target(config_markup SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/config_markup_fuzz.cpp DEPS vca_config)
