# vcaudit's TLS and SIP facts against tshark on the example captures and the
# TLS/SIP files of the shared public corpus. tshark is a test dependency
# (.ci/install-deps test); the comparison never skips.
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME tshark.compare_tls_sip
         COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/compare_with_tshark.py
                 --vcaudit $<TARGET_FILE:vcaudit> --project ${PROJECT_SOURCE_DIR} --shared ${VCA_SHARED_DIR})
set_tests_properties(tshark.compare_tls_sip PROPERTIES TIMEOUT 900)

# RTSP messages (method/status, CSeq, Session, Transport) and the SDP media of
# RTSP bodies against tshark on the RTSP captures of the shared corpus.
add_test(NAME tshark.compare_rtsp
         COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/compare_rtsp.py
                 --vcaudit $<TARGET_FILE:vcaudit> --shared ${VCA_SHARED_DIR})
set_tests_properties(tshark.compare_rtsp PROPERTIES TIMEOUT 300)

# H.245 logical channels (message, channel, dataType, codec, h235Media,
# session, media and control addresses, encryptionSync) and the H.245
# connections found from H.225.0's h245Address, against tshark on the H.245
# captures of the shared corpus.
add_test(NAME tshark.compare_h245
         COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/compare_h245.py
                 --vcaudit $<TARGET_FILE:vcaudit> --shared ${VCA_SHARED_DIR})
set_tests_properties(tshark.compare_h245 PROPERTIES TIMEOUT 300)
