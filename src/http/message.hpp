#pragma once
// Plain request/response types shared by the router, middleware and handlers. No Beast here:
// only http/beast_*.cpp see Beast, so domain code compiles fast.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::http {

struct Request {
    std::string method;  // upper case
    std::string target;  // as sent: path and query
    std::string path;    // percent-decoded path
    std::multimap<std::string, std::string> query;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::string body;
    std::string remote_address;
    std::string request_id;
    std::map<std::string, std::string> path_params;  // filled by the router

    // The first header of that (lower-case) name, or empty.
    std::string_view Header(std::string_view lower_name) const;
    std::optional<std::string> QueryParam(const std::string& name) const;
    std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // When set, the transport streams this file instead of `body` (static assets).
    std::optional<std::string> file_path;

    void SetHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
    static Response Json(std::string body, int status = 200) {
        Response r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }
    static Response NoContent() {
        Response r;
        r.status = 204;
        r.content_type.clear();
        return r;
    }
};

}  // namespace samverkan::http
