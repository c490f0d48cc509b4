#include "http/json_input.hpp"

#include <boost/json/parse.hpp>

#include "common/errors.hpp"

namespace samverkan::http {

JsonBody::JsonBody(std::string_view body, std::initializer_list<std::string_view> allowed) {
    if (body.empty()) throw ValidationError("The request body is empty; a JSON object was expected.");
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec) throw ValidationError("The body is not valid JSON (" + ec.message() + ").");
    if (!v.is_object()) throw ValidationError("The body must be a JSON object.");
    object_ = std::move(v.as_object());
    for (const auto& kv : object_) {
        bool known = false;
        for (auto a : allowed) known = known || kv.key() == a;
        if (!known) throw ValidationError("Unknown field '" + std::string(kv.key()) + "'.", std::string(kv.key()));
    }
}

namespace {
std::optional<std::string> ReadString(const boost::json::object& o, std::string_view field, std::size_t max_length,
                                      bool multi_line) {
    auto it = o.find(field);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    std::string name(field);
    if (!it->value().is_string()) throw ValidationError("Field '" + name + "' must be a string.", name);
    std::string s(it->value().as_string());
    if (s.size() > max_length)
        throw ValidationError("Field '" + name + "' is longer than " + std::to_string(max_length) + " bytes.", name);
    for (unsigned char c : s)
        if ((c < 0x20 && !(multi_line && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7F)
            throw ValidationError("Field '" + name + "' contains a control character.", name);
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return std::string();
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}
}  // namespace

std::optional<std::string> JsonBody::OptionalString(std::string_view field, std::size_t max_length) const {
    return ReadString(object_, field, max_length, false);
}

std::optional<std::string> JsonBody::OptionalText(std::string_view field, std::size_t max_length) const {
    return ReadString(object_, field, max_length, true);
}

std::string JsonBody::RequiredSecret(std::string_view field, std::size_t max_length) const {
    std::string name(field);
    auto it = object_.find(field);
    if (it == object_.end() || !it->value().is_string() || it->value().as_string().empty())
        throw ValidationError("Field '" + name + "' is required and must be a string.", name);
    if (it->value().as_string().size() > max_length)
        throw ValidationError("Field '" + name + "' is longer than " + std::to_string(max_length) + " bytes.", name);
    return std::string(it->value().as_string());
}

std::string JsonBody::RequiredString(std::string_view field, std::size_t max_length) const {
    auto s = OptionalString(field, max_length);
    if (!s || s->empty())
        throw ValidationError("Field '" + std::string(field) + "' is required and must not be blank.", std::string(field));
    return *s;
}

}  // namespace samverkan::http
