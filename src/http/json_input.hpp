#pragma once
// Strict reading of a JSON request body: it must be an object, hold only the fields the endpoint
// knows, and each field must have the right type. Every failure is a ValidationError naming the field.
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::http {

class JsonBody {
public:
    // Parses `body` (UTF-8 is validated by the parser) and refuses any field not in `allowed`.
    JsonBody(std::string_view body, std::initializer_list<std::string_view> allowed);
    std::string RequiredString(std::string_view field, std::size_t max_length = 1000) const;
    std::optional<std::string> OptionalString(std::string_view field, std::size_t max_length = 1000) const;
    const boost::json::object& object() const { return object_; }

private:
    boost::json::object object_;
};

}  // namespace samverkan::http
