#pragma once
// A group's meetings as an iCalendar (RFC 5545) feed that Outlook and other calendars subscribe to.
#include <string>
#include <vector>

#include "governance/decision.hpp"
#include "governance/group.hpp"

namespace samverkan::governance {

// All-day events (meetings carry a date), each with a stable UID so that calendars update rather than
// duplicate them. Escaping and line folding are libical's.
std::string MeetingCalendar(const Group& group, const std::vector<Meeting>& meetings, const std::string& host);

}  // namespace samverkan::governance
