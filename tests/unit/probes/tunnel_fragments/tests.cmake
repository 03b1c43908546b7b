# A fragmented outer IPv4 packet carrying a tunnel (6in4, IP-in-IP): the
# reassembled payload is decoded inside like an unfragmented one, in the
# decoder alone and through the traffic analyser. Packets generated here.
vca_test(tunnel_fragments_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/tunnel_fragments_test.cpp
         DEPS vca_traffic vca_flow vca_decode)
