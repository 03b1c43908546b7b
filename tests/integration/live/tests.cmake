# Live capture end to end (root, network namespaces, tcpreplay): exit 77 is a
# skip, which the script only returns when CI is unset.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME live.capture_netns
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/live_capture_test.py $<TARGET_FILE:vcaudit> ${PROJECT_SOURCE_DIR})
set_tests_properties(live.capture_netns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE)

# The hardened unit file parses and passes systemd's own checks.
add_test(NAME live.systemd_unit_verify
         COMMAND ${CMAKE_COMMAND} -E env sh ${CMAKE_CURRENT_LIST_DIR}/verify_unit.sh
                 ${PROJECT_SOURCE_DIR}/packaging/systemd/vcaudit-capture.service $<TARGET_FILE:vcaudit>)
set_tests_properties(live.systemd_unit_verify PROPERTIES SKIP_RETURN_CODE 77)

# vcaudit serve end to end (root, network namespaces, tcpreplay): scheduled
# evaluations while capturing, a killed audit, status, SIGTERM.
add_test(NAME live.serve_netns
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/serve_test.py $<TARGET_FILE:vcaudit> ${PROJECT_SOURCE_DIR})
set_tests_properties(live.serve_netns PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900 RUN_SERIAL TRUE)
add_test(NAME live.systemd_serve_unit_verify
         COMMAND ${CMAKE_COMMAND} -E env sh ${CMAKE_CURRENT_LIST_DIR}/verify_unit.sh
                 ${PROJECT_SOURCE_DIR}/packaging/systemd/vcaudit-serve.service $<TARGET_FILE:vcaudit>)
set_tests_properties(live.systemd_serve_unit_verify PROPERTIES SKIP_RETURN_CODE 77)
