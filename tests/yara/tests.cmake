# The bundled YARA rules (rules/yara/) checked with the stock yara/yarac
# programs: each compiles, each has its meta, and each sample of
# rules/yara/samples/expectations.yaml matches exactly the rules listed.
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME yara.bundled_rules
         COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_bundled_rules.py ${PROJECT_SOURCE_DIR})
set_tests_properties(yara.bundled_rules PROPERTIES SKIP_RETURN_CODE 77)
