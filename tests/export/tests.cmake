# OSCAL / OCSF exports: unit tests on a hand-built model, then the demo
# audit's real exports validated against shared/schemas (OSCAL JSON Schema,
# OCSF class + dictionary definitions), and a negative test proving the
# validator rejects broken documents. python3-jsonschema is a test dependency.
vca_test(export_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/export_test.cpp ${CMAKE_CURRENT_LIST_DIR}/export_stream_test.cpp
          ${CMAKE_CURRENT_LIST_DIR}/streamed_file_test.cpp
  DEPS vca_report_export vca_report_render vca_sign)

find_program(VCA_PYTHON3 python3 REQUIRED)
foreach(mode valid broken)
  add_test(NAME export.demo_${mode}
           COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/run_demo_exports.py ${mode}
                   --vcaudit $<TARGET_FILE:vcaudit> --project ${PROJECT_SOURCE_DIR}
                   --schemas ${VCA_SHARED_DIR}/schemas)
  set_tests_properties(export.demo_${mode} PROPERTIES TIMEOUT 600)
endforeach()
