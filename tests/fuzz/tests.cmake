# Fuzz targets (see tests/CMakeLists.txt vca_fuzz_target): each replays its
# seed corpus (corpus/<name>/) and kept crash inputs (regressions/<name>/) as
# the test fuzz_replay.<name>; with -DVCA_FUZZ=ON (clang) also <name>_fuzz.
vca_fuzz_target(tls_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tls_parser_fuzz.cpp DEPS vca_tls_parser)
vca_fuzz_target(sip_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/sip_parser_fuzz.cpp DEPS vca_sip_parser)
vca_fuzz_target(stun_parser SOURCES ${CMAKE_CURRENT_LIST_DIR}/stun_parser_fuzz.cpp DEPS vca_stun)
