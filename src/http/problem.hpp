#pragma once
// The one place that turns failures into application/problem+json (RFC 9457).
#include <exception>
#include <string>

#include "http/message.hpp"

namespace samverkan::http {

Response Problem(int status, std::string title, std::string detail, std::string field = {});
// Maps the exception in flight (RequestError, db::Error, JSON errors, anything else) to a response.
// Anything unexpected becomes a 500 whose detail names only the request id; the cause goes to the log.
Response ProblemFromCurrentException(const std::string& request_id);

}  // namespace samverkan::http
