# Test support library: reads frames of the shared public corpus at run time
# (the corpus is never copied into the repository). tests/CMakeLists.txt
# includes the */tests.cmake parts in sorted order; "support" sorts before
# "tshark" and "unit", whose tests link vca_test_support.
add_library(vca_test_support STATIC ${CMAKE_CURRENT_LIST_DIR}/corpus_frames.cpp)
target_include_directories(vca_test_support PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(vca_test_support PUBLIC vca_capture vca_decode)
