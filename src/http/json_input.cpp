#include "http/json_input.hpp"

#include <boost/json/parse.hpp>

#include "common/errors.hpp"

namespace samverkan::http {

JsonBody::JsonBody(std::string_view body, std::initializer_list<std::string_view> allowed) {
    if (body.empty()) throw ValidationError(ErrorCode("body.empty"), "The request body is empty; a JSON object was expected.");
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(body, ec);
    if (ec) throw ValidationError(ErrorCode("body.not_json"), "The body is not valid JSON (" + ec.message() + ").");
    if (!v.is_object()) throw ValidationError(ErrorCode("body.not_object"), "The body must be a JSON object.");
    object_ = std::move(v.as_object());
    RejectUnknownFields(object_, allowed, "");
}

std::optional<std::string> StringField(const boost::json::object& o, std::string_view key, const std::string& name,
                                       std::size_t max_length, bool multi_line) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_string()) throw ValidationError(ErrorCode("field.not_string"), "Field '" + name + "' must be a string.", name);
    std::string s(it->value().as_string());
    if (s.size() > max_length)
        throw ValidationError(ErrorCode("field.too_long"),
                              "Field '" + name + "' is longer than " + std::to_string(max_length) + " bytes.", name,
                              {{"max", std::to_string(max_length)}});
    for (unsigned char c : s)
        if ((c < 0x20 && !(multi_line && (c == '\n' || c == '\t' || c == '\r'))) || c == 0x7F)
            throw ValidationError(ErrorCode("field.control_character"), "Field '" + name + "' contains a control character.",
                                  name);
    auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return std::string();
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string RequiredStringField(const boost::json::object& o, std::string_view key, const std::string& name,
                                std::size_t max_length) {
    auto s = StringField(o, key, name, max_length);
    if (!s || s->empty()) throw ValidationError(ErrorCode("field.required"), "Field '" + name + "' is required and must not be blank.", name);
    return *s;
}

std::optional<double> NumberField(const boost::json::object& o, std::string_view key, const std::string& name) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_number()) throw ValidationError(ErrorCode("field.not_number"), "Field '" + name + "' must be a number.", name);
    return it->value().to_number<double>();
}

const boost::json::array& ArrayField(const boost::json::object& o, std::string_view key, const std::string& name,
                                     std::size_t max_items) {
    static const boost::json::array kEmpty;
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return kEmpty;
    if (!it->value().is_array()) throw ValidationError(ErrorCode("field.not_array"), "Field '" + name + "' must be an array.", name);
    if (it->value().as_array().size() > max_items)
        throw ValidationError(ErrorCode("field.too_many"),
                              "Field '" + name + "' has more than " + std::to_string(max_items) + " entries.", name,
                              {{"max", std::to_string(max_items)}});
    return it->value().as_array();
}

const boost::json::object& AsObject(const boost::json::value& v, const std::string& name) {
    if (!v.is_object()) throw ValidationError(ErrorCode("field.not_object"), "Field '" + name + "' must be an object.", name);
    return v.as_object();
}

void RejectUnknownFields(const boost::json::object& o, std::initializer_list<std::string_view> allowed,
                         const std::string& path) {
    for (const auto& kv : o) {
        bool known = false;
        for (auto a : allowed) known = known || kv.key() == a;
        std::string name = path.empty() ? std::string(kv.key()) : path + "." + std::string(kv.key());
        if (!known) throw ValidationError(ErrorCode("field.unknown"), "Unknown field '" + name + "'.", name);
    }
}

std::optional<std::string> JsonBody::OptionalString(std::string_view field, std::size_t max_length) const {
    return StringField(object_, field, std::string(field), max_length, false);
}

std::optional<std::string> JsonBody::OptionalText(std::string_view field, std::size_t max_length) const {
    return StringField(object_, field, std::string(field), max_length, true);
}

std::string JsonBody::RequiredSecret(std::string_view field, std::size_t max_length) const {
    std::string name(field);
    auto it = object_.find(field);
    if (it == object_.end() || !it->value().is_string() || it->value().as_string().empty())
        throw ValidationError(ErrorCode("field.required"), "Field '" + name + "' is required and must be a string.", name);
    if (it->value().as_string().size() > max_length)
        throw ValidationError(ErrorCode("field.too_long"),
                              "Field '" + name + "' is longer than " + std::to_string(max_length) + " bytes.", name,
                              {{"max", std::to_string(max_length)}});
    return std::string(it->value().as_string());
}

std::string JsonBody::RequiredString(std::string_view field, std::size_t max_length) const {
    auto s = OptionalString(field, max_length);
    if (!s || s->empty())
        throw ValidationError(ErrorCode("field.required"),
                              "Field '" + std::string(field) + "' is required and must not be blank.", std::string(field));
    return *s;
}

}  // namespace samverkan::http
