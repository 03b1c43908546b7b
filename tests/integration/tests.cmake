vca_test(cli_integration_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/cli_integration_test.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/bad_input_test.cpp DEPS vca_core nlohmann_json::nlohmann_json)
target_compile_definitions(cli_integration_test PRIVATE VCA_BINARY="$<TARGET_FILE:vcaudit>")
add_dependencies(cli_integration_test vcaudit)
