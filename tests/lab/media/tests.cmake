# Real media calls on loopback (SIPp with RTP, baresip with SDES-SRTP over
# SIP/UDP and with SRTP over SIP/TLS, aiortc WebRTC with DTLS-SRTP), recorded
# with tcpdump on lo (needs root), then vcaudit over each capture: facts
# against tshark, encryption verdicts, the SIP/media rules, no SDES key in any
# output. Serial: it listens on lo and owns the ports 46060-46399.
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME lab.media
         COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/audit_media_lab.py --vcaudit $<TARGET_FILE:vcaudit>
                 --work ${CMAKE_BINARY_DIR}/lab-media)
set_tests_properties(lab.media PROPERTIES RUN_SERIAL TRUE TIMEOUT 900 SKIP_RETURN_CODE 77)
