#include "http/problem.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "db/database.hpp"

namespace samverkan::http {
namespace {
const char* StatusSlug(int status) {
    switch (status) {
        case 400: return "bad-request";
        case 401: return "unauthenticated";
        case 403: return "forbidden";
        case 404: return "not-found";
        case 405: return "method-not-allowed";
        case 408: return "request-timeout";
        case 409: return "conflict";
        case 413: return "payload-too-large";
        case 415: return "unsupported-media-type";
        case 429: return "too-many-requests";
        case 431: return "header-fields-too-large";
        case 503: return "unavailable";
        default: return "error";
    }
}

const char* StatusTitle(int status) {
    switch (status) {
        case 400: return "Invalid request";
        case 401: return "Unauthenticated";
        case 403: return "Forbidden";
        case 404: return "Not found";
        case 405: return "Method not allowed";
        case 408: return "Request timeout";
        case 409: return "Conflict";
        case 413: return "Payload too large";
        case 415: return "Unsupported media type";
        case 429: return "Too many requests";
        case 431: return "Request header fields too large";
        case 503: return "Service unavailable";
        default: return "Internal error";
    }
}
}  // namespace

int StatusOf(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::kInvalid: return 400;
        case ErrorKind::kUnauthenticated: return 401;
        case ErrorKind::kForbidden: return 403;
        case ErrorKind::kNotFound: return 404;
        case ErrorKind::kConflict: return 409;
        case ErrorKind::kTooManyRequests: return 429;
    }
    return 500;
}

Response Problem(int status, std::string code, std::string detail, std::string field, const ErrorParams& params) {
    boost::json::object o;
    o["type"] = std::string("https://samverkan.stockholm/problems/") + StatusSlug(status);
    o["title"] = StatusTitle(status);
    o["status"] = status;
    o["detail"] = std::move(detail);
    o["code"] = std::move(code);
    boost::json::object p;
    for (const auto& [k, v] : params) p[k] = v;
    if (!field.empty()) {
        p["field"] = field;
        o["field"] = std::move(field);
    }
    o["params"] = std::move(p);
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body = boost::json::serialize(o);
    return r;
}

Response ProblemFromCurrentException(const std::string& request_id) {
    try {
        throw;
    } catch (const TooManyRequestsError& e) {
        Response r = Problem(StatusOf(e.Kind()), e.Code(), e.what(), e.Field(), e.Params());
        r.SetHeader("Retry-After", std::to_string(e.RetryAfter()));
        return r;
    } catch (const RowValidationError& e) {
        Response r = Problem(StatusOf(e.Kind()), e.Code(), e.what(), e.Field(), e.Params());
        boost::json::object o = boost::json::parse(r.body).as_object();
        boost::json::array rows;
        for (const RowError& x : e.Rows()) rows.push_back({{"row", x.row}, {"column", x.column}, {"reason", x.reason}});
        o["errors"] = std::move(rows);
        r.body = boost::json::serialize(o);
        return r;
    } catch (const DomainError& e) {
        return Problem(StatusOf(e.Kind()), e.Code(), e.what(), e.Field(), e.Params());
    } catch (const db::Error& e) {
        if (e.kind() == db::Error::Kind::kUniqueViolation)
            return Problem(409, "conflict.duplicate", "A record with the same unique value already exists.");
        if (e.kind() == db::Error::Kind::kForeignKeyViolation)
            return Problem(409, "conflict.reference",
                           "The request refers to a record that does not exist or is still in use.");
        spdlog::error("request {}: database error: {}", request_id, e.what());
        return Problem(500, "internal", "The request failed; quote request id " + request_id + ".", {},
                       {{"request_id", request_id}});
    } catch (const boost::system::system_error& e) {
        return Problem(400, "body.not_json", std::string("The body is not valid JSON: ") + e.code().message());
    } catch (const std::exception& e) {
        spdlog::error("request {}: unexpected error: {}", request_id, e.what());
        return Problem(500, "internal", "The request failed; quote request id " + request_id + ".", {},
                       {{"request_id", request_id}});
    }
}

}  // namespace samverkan::http
