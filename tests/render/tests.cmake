# Renderers: HTML escaping, SVG charts and the PDF from hand-built models.
vca_test(render_test
  SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/html_report_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/chart_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pdf_report_test.cpp
  DEPS vca_report_render PkgConfig::PANGOCAIRO)

# The demo audit rendered for real: report.html through headless Chromium,
# report.pdf through poppler (pdftoppm, pdftotext, pdfinfo). The page images
# stay in render-output/ for a human to look at.
# python3-pil is a Debian package, installed into Debian's own python3, which a
# pyenv or venv python3 earlier on PATH would hide.
find_program(VCA_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT VCA_SYSTEM_PYTHON3)
  find_program(VCA_SYSTEM_PYTHON3 python3 REQUIRED)
endif()
add_test(NAME render.demo_reports
         COMMAND ${VCA_SYSTEM_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/render_check.py
                 --vcaudit $<TARGET_FILE:vcaudit> --source ${PROJECT_SOURCE_DIR}
                 --out ${PROJECT_BINARY_DIR}/render-output)
# 77: a program the check needs is missing outside CI.
set_tests_properties(render.demo_reports PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
