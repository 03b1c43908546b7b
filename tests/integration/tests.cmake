vca_test(cli_integration_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/cli_integration_test.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/bad_input_test.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/config_audit_test.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/custody_diff_test.cpp
                                      ${CMAKE_CURRENT_LIST_DIR}/period_coverage_test.cpp
                  DEPS vca_core nlohmann_json::nlohmann_json SQLite::SQLite3)
target_compile_definitions(cli_integration_test PRIVATE VCA_BINARY="$<TARGET_FILE:vcaudit>")
add_dependencies(cli_integration_test vcaudit)

# The rules subcommands run in CI: lint (rules, catalogue, questionnaire and
# profiles agree), every rule case, and full coverage of every level.
add_test(NAME cli.rules_lint COMMAND vcaudit rules lint)
add_test(NAME cli.rules_test COMMAND vcaudit rules test)
foreach(level 1 2 3 4 5)
  add_test(NAME cli.rules_coverage_level_${level} COMMAND vcaudit rules coverage --level ${level})
endforeach()

# audit --capture-dir over a live store written with the store's API.
vca_test(capture_log_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/capture_log_test.cpp
                  DEPS vca_store nlohmann_json::nlohmann_json)
target_compile_definitions(capture_log_test PRIVATE VCA_BINARY="$<TARGET_FILE:vcaudit>")
add_dependencies(capture_log_test vcaudit)

# An installed copy finds its data (rules, catalogue, levels, weak secrets,
# bundled YARA rules) away from the source tree.
add_test(NAME install.smoke
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/install_smoke.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
set_tests_properties(install.smoke PROPERTIES TIMEOUT 300)
