#pragma once
// The errors a request can fail with, as kinds with stable machine codes (DESIGN.md, "Errors are kinds
// with codes"). Domain code raises a kind (invalid, not found, conflict, forbidden, unauthenticated,
// too many requests) with a code such as "field.required" and its parameters; it knows nothing of
// HTTP. Only http/problem.cpp maps kinds to statuses, and the UI turns codes into Swedish or English
// (web/src/locales, "problems"). The English detail stays for API clients and logs.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace samverkan {

enum class ErrorKind { kInvalid, kUnauthenticated, kForbidden, kNotFound, kConflict, kTooManyRequests };

// A code's parameters, in order: e.g. {{"max", "200"}}. The field, when there is one, is added as "field".
using ErrorParams = std::vector<std::pair<std::string, std::string>>;

// A stable machine code, e.g. ErrorCode("field.too_long"). Lower case, dot-separated; never reworded.
struct ErrorCode {
    explicit ErrorCode(const char* v) : value(v) {}
    const char* value;
};

class DomainError : public std::runtime_error {
public:
    DomainError(ErrorKind kind, std::string code, std::string detail, std::string field = {}, ErrorParams params = {})
        : std::runtime_error(std::move(detail)),
          kind_(kind),
          code_(std::move(code)),
          field_(std::move(field)),
          params_(std::move(params)) {}
    ErrorKind Kind() const { return kind_; }
    const std::string& Code() const { return code_; }
    const std::string& Field() const { return field_; }
    const ErrorParams& Params() const { return params_; }

private:
    ErrorKind kind_;
    std::string code_;
    std::string field_;
    ErrorParams params_;
};
// The name the code used before kinds; kept so that `catch (const RequestError&)` reads as it did.
using RequestError = DomainError;

// The input is malformed or breaks a rule. `field` names the offending input field.
// Without a code: "invalid" (the UI says "the value of <field> is not accepted").
struct ValidationError : DomainError {
    explicit ValidationError(std::string detail, std::string field = {})
        : DomainError(ErrorKind::kInvalid, "invalid", std::move(detail), std::move(field)) {}
    ValidationError(ErrorCode code, std::string detail, std::string field = {}, ErrorParams params = {})
        : DomainError(ErrorKind::kInvalid, code.value, std::move(detail), std::move(field), std::move(params)) {}
};
// A file refused as a whole because some of its rows break the rules: every bad row is named by its
// spreadsheet row (the header is row 1; a quoted field spanning lines is still one row) and its column.
struct RowError {
    std::size_t row = 0;
    std::string column;
    std::string reason;
};
struct RowValidationError : ValidationError {
    RowValidationError(std::string detail, std::vector<RowError> rows)
        : ValidationError(ErrorCode("file.rows_refused"), std::move(detail), {},
                          {{"rows", std::to_string(rows.size())}}),
          rows_(std::move(rows)) {}
    const std::vector<RowError>& Rows() const { return rows_; }

private:
    std::vector<RowError> rows_;
};
struct UnauthenticatedError : DomainError {
    explicit UnauthenticatedError(std::string detail = "Sign-in required")
        : DomainError(ErrorKind::kUnauthenticated, "auth.required", std::move(detail)) {}
    UnauthenticatedError(ErrorCode code, std::string detail, ErrorParams params = {})
        : DomainError(ErrorKind::kUnauthenticated, code.value, std::move(detail), {}, std::move(params)) {}
};
struct ForbiddenError : DomainError {
    explicit ForbiddenError(std::string detail) : DomainError(ErrorKind::kForbidden, "forbidden", std::move(detail)) {}
    ForbiddenError(ErrorCode code, std::string detail, ErrorParams params = {})
        : DomainError(ErrorKind::kForbidden, code.value, std::move(detail), {}, std::move(params)) {}
};
struct NotFoundError : DomainError {
    explicit NotFoundError(std::string detail) : DomainError(ErrorKind::kNotFound, "not_found", std::move(detail)) {}
    NotFoundError(ErrorCode code, std::string detail, ErrorParams params = {})
        : DomainError(ErrorKind::kNotFound, code.value, std::move(detail), {}, std::move(params)) {}
};
struct ConflictError : DomainError {
    explicit ConflictError(std::string detail, std::string field = {})
        : DomainError(ErrorKind::kConflict, "conflict", std::move(detail), std::move(field)) {}
    ConflictError(ErrorCode code, std::string detail, std::string field = {}, ErrorParams params = {})
        : DomainError(ErrorKind::kConflict, code.value, std::move(detail), std::move(field), std::move(params)) {}
};
struct TooManyRequestsError : DomainError {
    TooManyRequestsError(std::string detail, int retry_after_seconds)
        : DomainError(ErrorKind::kTooManyRequests, "too_many_requests", std::move(detail), {},
                      {{"retry_after", std::to_string(retry_after_seconds)}}),
          retry_after_(retry_after_seconds) {}
    int RetryAfter() const { return retry_after_; }

private:
    int retry_after_;
};

}  // namespace samverkan
