#pragma once
// The typed errors a request can fail with. One place (http/problem.cpp) maps them to
// application/problem+json; nothing else decides status codes for domain failures.
#include <stdexcept>
#include <string>
#include <vector>

namespace samverkan {

class RequestError : public std::runtime_error {
public:
    RequestError(int status, std::string title, std::string detail, std::string field = {})
        : std::runtime_error(detail), status_(status), title_(std::move(title)), field_(std::move(field)) {}
    int Status() const { return status_; }
    const std::string& Title() const { return title_; }
    const std::string& Field() const { return field_; }

private:
    int status_;
    std::string title_;
    std::string field_;
};

// 400: the input is malformed or breaks a rule. `field` names the offending input field.
struct ValidationError : RequestError {
    explicit ValidationError(std::string detail, std::string field = {})
        : RequestError(400, "Invalid request", std::move(detail), std::move(field)) {}
};
// 400 for a file refused as a whole because some of its rows break the rules: every bad row is
// named by its spreadsheet row (the header is row 1; a quoted field spanning lines is still one
// row) and its column.
struct RowError {
    std::size_t row = 0;
    std::string column;
    std::string reason;
};
struct RowValidationError : ValidationError {
    RowValidationError(std::string detail, std::vector<RowError> rows)
        : ValidationError(std::move(detail)), rows_(std::move(rows)) {}
    const std::vector<RowError>& Rows() const { return rows_; }

private:
    std::vector<RowError> rows_;
};
struct UnauthenticatedError : RequestError {
    explicit UnauthenticatedError(std::string detail = "Sign-in required")
        : RequestError(401, "Unauthenticated", std::move(detail)) {}
};
struct ForbiddenError : RequestError {
    explicit ForbiddenError(std::string detail) : RequestError(403, "Forbidden", std::move(detail)) {}
};
struct NotFoundError : RequestError {
    explicit NotFoundError(std::string detail) : RequestError(404, "Not found", std::move(detail)) {}
};
struct ConflictError : RequestError {
    explicit ConflictError(std::string detail, std::string field = {})
        : RequestError(409, "Conflict", std::move(detail), std::move(field)) {}
};
struct TooManyRequestsError : RequestError {
    TooManyRequestsError(std::string detail, int retry_after_seconds)
        : RequestError(429, "Too many requests", std::move(detail)), retry_after_(retry_after_seconds) {}
    int RetryAfter() const { return retry_after_; }

private:
    int retry_after_;
};

}  // namespace samverkan
