#pragma once
// Strict reading of a JSON request body: it must be an object, hold only the fields the endpoint
// knows, and each field must have the right type. Every failure is a ValidationError naming the field.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::http {

// Field readers for nested objects. `path` names the field in errors, e.g. "goals[2].indicators[0].name".
// Strings follow JsonBody's rules (trimmed, no control characters; `multi_line` keeps line breaks).
std::optional<std::string> StringField(const boost::json::object& o, std::string_view key, const std::string& path,
                                       std::size_t max_length, bool multi_line = false);
std::string RequiredStringField(const boost::json::object& o, std::string_view key, const std::string& path,
                                std::size_t max_length);
std::optional<double> NumberField(const boost::json::object& o, std::string_view key, const std::string& path);
const boost::json::array& ArrayField(const boost::json::object& o, std::string_view key, const std::string& path,
                                     std::size_t max_items);
const boost::json::object& AsObject(const boost::json::value& v, const std::string& path);
void RejectUnknownFields(const boost::json::object& o, std::initializer_list<std::string_view> allowed,
                         const std::string& path);

class JsonBody {
public:
    // Parses `body` (UTF-8 is validated by the parser) and refuses any field not in `allowed`.
    JsonBody(std::string_view body, std::initializer_list<std::string_view> allowed);
    // Single-line text: surrounding white space is trimmed, control characters (NUL included) are refused,
    // and a required string that is empty after trimming is missing.
    std::string RequiredString(std::string_view field, std::size_t max_length = 1000) const;
    std::optional<std::string> OptionalString(std::string_view field, std::size_t max_length = 1000) const;
    // A secret (a password): taken exactly as sent, only checked to be a non-empty string.
    std::string RequiredSecret(std::string_view field, std::size_t max_length) const;
    // Free text: like OptionalString but keeps line breaks and tabs.
    std::optional<std::string> OptionalText(std::string_view field, std::size_t max_length) const;
    const boost::json::object& object() const { return object_; }

private:
    boost::json::object object_;
};

}  // namespace samverkan::http
