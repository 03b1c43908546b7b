# Real clients against real servers on loopback (needs root: tcpdump on lo
# and a temporary local account), then vcaudit over the captures: usernames,
# outcomes, weak flags, keyed hashes, scan/brute-force findings, and no secret
# in any output. Serial: it listens on lo and owns fixed ports.
add_test(NAME lab.credentials
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/audit_creds_lab.py --vcaudit $<TARGET_FILE:vcaudit>
                 --work ${CMAKE_BINARY_DIR}/lab-creds)
set_tests_properties(lab.credentials PROPERTIES RUN_SERIAL TRUE TIMEOUT 900)
