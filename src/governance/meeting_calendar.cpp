#include "governance/meeting_calendar.hpp"

#include <libical/ical.h>

#include <memory>

#include "common/time.hpp"

namespace samverkan::governance {
namespace {
icaltimetype Date(const std::string& iso) {
    icaltimetype t = icaltime_null_date();
    t.year = std::stoi(iso.substr(0, 4));
    t.month = std::stoi(iso.substr(5, 2));
    t.day = std::stoi(iso.substr(8, 2));
    t.is_date = 1;
    return t;
}
}  // namespace

std::string MeetingCalendar(const Group& group, const std::vector<Meeting>& meetings, const std::string& host) {
    icalcomponent* cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//Samverkan//Stockholms stad och Polisregion Stockholm//SV"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty* name = icalproperty_new_x(group.name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal, name);
    icaltimetype stamp = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
    for (const Meeting& m : meetings) {
        icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        std::string uid = m.id + "@" + host;
        icalcomponent_add_property(ev, icalproperty_new_uid(uid.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
        icalcomponent_add_property(ev, icalproperty_new_dtstart(Date(m.held_on)));
        icalcomponent_add_property(ev, icalproperty_new_dtend(Date(AddDays(m.held_on, 1))));
        std::string summary = "Sammanträde: " + group.name;
        icalcomponent_add_property(ev, icalproperty_new_summary(summary.c_str()));
        std::string description = m.agenda.empty() ? "Dagordning saknas." : "Dagordning:\n" + m.agenda;
        icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        icalcomponent_add_component(cal, ev);
    }
    char* text = icalcomponent_as_ical_string_r(cal);
    std::string out = text ? text : "";
    free(text);
    icalcomponent_free(cal);
    return out;
}

}  // namespace samverkan::governance
