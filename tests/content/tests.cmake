# Content carried by traffic (probes/content, auditor/pipeline/content_scan):
# curl, an FTP client and SIPp send marked and clean documents to real
# servers on loopback while tcpdump records them; vcaudit audit --yara must
# find each marking in the flow and direction tshark shows, carve the exact
# bytes sent and fail VC-LEAK-001; --files over a folder. Needs root
# (tcpdump on lo); serial: fixed ports.
find_program(VCA_PYTHON3 python3 REQUIRED)
add_test(NAME content.lab
         COMMAND ${VCA_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/run_content_lab.py
                 --vcaudit $<TARGET_FILE:vcaudit> --work ${CMAKE_BINARY_DIR}/content-lab
                 --shared ${VCA_SHARED_DIR})
set_tests_properties(content.lab PROPERTIES RUN_SERIAL TRUE TIMEOUT 600 SKIP_RETURN_CODE 77)
