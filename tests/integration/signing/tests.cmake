# PKCS#12, PKCS#11 (SoftHSM2), CA-bundle verification and RFC 3161 timestamps
# through the real vcaudit binary.
vca_test(signing_cli_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/signing_cli_test.cpp
                  DEPS vca_core nlohmann_json::nlohmann_json)
target_compile_definitions(signing_cli_test PRIVATE VCA_BINARY="$<TARGET_FILE:vcaudit>")
add_dependencies(signing_cli_test vcaudit)

# The passphrase prompt needs a terminal: pexpect gives it one.
add_test(NAME signing.passphrase_prompt
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/prompt_test.py $<TARGET_FILE:vcaudit> ${PROJECT_SOURCE_DIR})
