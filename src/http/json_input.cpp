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

std::optional<std::string> JsonBody::OptionalString(std::string_view field, std::size_t max_length) const {
    auto it = object_.find(field);
    if (it == object_.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_string())
        throw ValidationError("Field '" + std::string(field) + "' must be a string.", std::string(field));
    std::string s(it->value().as_string());
    if (s.size() > max_length)
        throw ValidationError("Field '" + std::string(field) + "' is longer than " + std::to_string(max_length) +
                                  " bytes.",
                              std::string(field));
    return s;
}

std::string JsonBody::RequiredString(std::string_view field, std::size_t max_length) const {
    auto s = OptionalString(field, max_length);
    if (!s || s->empty())
        throw ValidationError("Field '" + std::string(field) + "' is required.", std::string(field));
    return *s;
}

}  // namespace samverkan::http
