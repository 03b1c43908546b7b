# SecretGuard, digest recomputation, the weak-secret list, SNMP and LDAP
# decoding (probes/creds: vca_creds, vca_creds_watch).
vca_test(creds_guard_test
         SOURCES ${CMAKE_CURRENT_LIST_DIR}/secret_guard_test.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/digest_compute_test.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/weak_list_test.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/snmp_test.cpp
                 ${CMAKE_CURRENT_LIST_DIR}/ldap_test.cpp
         DEPS vca_creds vca_test_support)

# Fuzz harness over the BER decoders (SNMP datagrams, LDAP framing); its seed
# corpus replays as the test fuzz_replay.creds_ber.
vca_fuzz_target(creds_ber SOURCES ${PROJECT_SOURCE_DIR}/tests/fuzz/creds_ber_fuzz.cpp DEPS vca_creds_watch)

# Candidates tried per second by judge_digest (MD5 and SHA-256): a plain
# executable, run by hand, never a test (DESIGN.md: speed is measured, not asserted).
add_executable(digest_candidates_bench ${PROJECT_SOURCE_DIR}/tests/bench/digest_candidates_bench.cpp)
target_link_libraries(digest_candidates_bench PRIVATE vca_creds)
