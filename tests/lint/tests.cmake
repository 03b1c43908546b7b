find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME lint.module_includes COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check_includes.py ${PROJECT_SOURCE_DIR})
