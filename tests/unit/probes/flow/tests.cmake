vca_test(flow_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/tcp_stream_test.cpp ${CMAKE_CURRENT_LIST_DIR}/flow_table_test.cpp ${CMAKE_CURRENT_LIST_DIR}/ip_fragments_test.cpp
                           ${CMAKE_CURRENT_LIST_DIR}/capped_sink_test.cpp DEPS vca_flow vca_traffic)
