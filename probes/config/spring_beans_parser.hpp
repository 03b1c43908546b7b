// Spring beans XML of BigBlueButton's bbb-web (turn-stun-servers.xml):
// <bean class="...StunServer"> with constructor-arg 0 = STUN URL,
// <bean class="...TurnServer"> with 0 = shared secret, 1 = TURN URL, 2 = TTL.
// Beans inside XML comments are inactive and not read. Raw keys are
// "<bean id>.<meaning>" ("turn1.secret", "stun1.url") so a secret is named
// as one; other beans' arguments and properties are "<id>.arg<n>" and
// "<id>.<property>".
#pragma once

#include <string_view>

#include "probes/config/config_model.hpp"

namespace vca::probes::config {

ParsedConfig parse_spring_beans_xml(std::string_view text);

}  // namespace vca::probes::config
