vca_test(stun_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/stun_test.cpp DEPS vca_stun vca_test_support)
