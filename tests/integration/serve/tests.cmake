# vcaudit evaluate through the real binary, over an evidence folder laid out
# as vcaudit capture leaves it (no root, no network).
vca_test(serve_evaluate_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/evaluate_folder_test.cpp
         DEPS vca_service vca_capture vca_sign nlohmann_json::nlohmann_json)
target_compile_definitions(serve_evaluate_test PRIVATE VCA_BINARY="$<TARGET_FILE:vcaudit>")
add_dependencies(serve_evaluate_test vcaudit)
