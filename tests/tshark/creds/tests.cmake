# vcaudit's credentials table against what tshark decodes, on every capture of
# the shared public corpus whose MANIFEST.tsv lists a login protocol (http, ftp,
# pop, imap, smtp, snmp, sip, telnet, ldap), plus a capture of IMAP/SMTP/LDAP/
# APOP/anonymous-FTP/proxy logins the test writes with fresh random secrets.
# Per capture: attempts per (protocol, user), frame, outcome, mechanism, digest
# parameters and, for cleartext secrets, HMAC equality with the store's key.
# tshark is a test dependency (.ci/install-deps test); the comparison never
# skips. About 15 s (one tshark run and one audit per capture).
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME tshark.compare_credentials
         COMMAND ${VCA_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/tshark/compare_creds_with_tshark.py
                 --vcaudit $<TARGET_FILE:vcaudit> --shared ${VCA_SHARED_DIR}
                 --work ${CMAKE_BINARY_DIR}/tshark-creds)
set_tests_properties(tshark.compare_credentials PROPERTIES TIMEOUT 300)
