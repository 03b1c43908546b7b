# vcaudit's RTP streams, as the audit stores them, against tshark's rtp,streams on
# every capture of the shared public corpus whose MANIFEST.tsv lists rtp: one audit
# per capture, its rtp_streams written by rtp_facts_from_store.py, compared by
# compare_rtp_with_tshark.py (documented differences are notes, anything else fails).
# tshark is a test dependency (.ci/install-deps test); the comparison never skips.
# About 25 s on the 19 captures (three tshark runs and one audit each).
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME tshark.compare_rtp
         COMMAND ${VCA_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/tshark/rtp_facts_from_store.py
                 --corpus --vcaudit $<TARGET_FILE:vcaudit> --shared ${VCA_SHARED_DIR})
set_tests_properties(tshark.compare_rtp PROPERTIES TIMEOUT 120)
