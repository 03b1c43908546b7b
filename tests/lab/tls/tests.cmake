# Real OpenSSL clients and servers on loopback (needs root: tcpdump on lo),
# then vcaudit over the capture: TLS facts field by field against tshark
# (JA4 computed from tshark's fields), resumption, attribution and the TLS
# rules. Serial: it listens on lo and owns fixed ports 47301-47307. Exits 77
# (skipped) when a program or root is missing, except under CI.
add_test(NAME lab.tls
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/audit_tls_lab.py --vcaudit $<TARGET_FILE:vcaudit>
                 --work ${CMAKE_BINARY_DIR}/lab-tls)
set_tests_properties(lab.tls PROPERTIES RUN_SERIAL TRUE TIMEOUT 600 SKIP_RETURN_CODE 77)
