#pragma once
// The one place that turns failures into application/problem+json (RFC 9457).
#include <exception>
#include <string>

#include "common/errors.hpp"
#include "http/message.hpp"

namespace samverkan::http {

// A problem+json answer: `code` is the stable machine code the UI translates (params fill it in; the
// field, when there is one, is also a parameter); `detail` is English for API clients and logs.
Response Problem(int status, std::string code, std::string detail, std::string field = {}, const ErrorParams& params = {});
// The one mapping from an error kind to an HTTP status.
int StatusOf(ErrorKind kind);
// Maps the exception in flight (DomainError, db::Error, JSON errors, anything else) to a response.
// Anything unexpected becomes a 500 whose detail names only the request id; the cause goes to the log.
Response ProblemFromCurrentException(const std::string& request_id);

}  // namespace samverkan::http
