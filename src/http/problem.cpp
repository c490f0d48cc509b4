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
}  // namespace

Response Problem(int status, std::string title, std::string detail, std::string field) {
    boost::json::object o;
    o["type"] = std::string("https://samverkan.stockholm/problems/") + StatusSlug(status);
    o["title"] = std::move(title);
    o["status"] = status;
    o["detail"] = std::move(detail);
    if (!field.empty()) o["field"] = std::move(field);
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
        Response r = Problem(e.Status(), e.Title(), e.what());
        r.SetHeader("Retry-After", std::to_string(e.RetryAfter()));
        return r;
    } catch (const RowValidationError& e) {
        Response r = Problem(e.Status(), e.Title(), e.what(), e.Field());
        boost::json::object o = boost::json::parse(r.body).as_object();
        boost::json::array rows;
        for (const RowError& x : e.Rows()) rows.push_back({{"row", x.row}, {"column", x.column}, {"reason", x.reason}});
        o["errors"] = std::move(rows);
        r.body = boost::json::serialize(o);
        return r;
    } catch (const RequestError& e) {
        return Problem(e.Status(), e.Title(), e.what(), e.Field());
    } catch (const db::Error& e) {
        if (e.kind() == db::Error::Kind::kUniqueViolation)
            return Problem(409, "Conflict", "A record with the same unique value already exists.");
        if (e.kind() == db::Error::Kind::kForeignKeyViolation)
            return Problem(409, "Conflict", "The request refers to a record that does not exist or is still in use.");
        spdlog::error("request {}: database error: {}", request_id, e.what());
        return Problem(500, "Internal error", "The request failed; quote request id " + request_id + ".");
    } catch (const boost::system::system_error& e) {
        return Problem(400, "Invalid request", std::string("The body is not valid JSON: ") + e.code().message());
    } catch (const std::exception& e) {
        spdlog::error("request {}: unexpected error: {}", request_id, e.what());
        return Problem(500, "Internal error", "The request failed; quote request id " + request_id + ".");
    }
}

}  // namespace samverkan::http
