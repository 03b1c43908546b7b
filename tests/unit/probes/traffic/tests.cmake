vca_test(traffic_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/traffic_limits_test.cpp ${CMAKE_CURRENT_LIST_DIR}/sip_auth_test.cpp
                              ${CMAKE_CURRENT_LIST_DIR}/flow_expiry_test.cpp ${CMAKE_CURRENT_LIST_DIR}/tcp_port_reuse_test.cpp
                              ${CMAKE_CURRENT_LIST_DIR}/h323_media_test.cpp
         DEPS vca_traffic)
