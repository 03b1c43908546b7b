find_package(SQLite3 REQUIRED)
vca_test(store_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/evidence_store_test.cpp DEPS vca_store SQLite::SQLite3)
