#pragma once
// Method + path-pattern routing ("/api/v1/areas/{id}"). Knows nothing about authentication; each
// route says whether it needs a session and whether it is exempt from the CSRF check.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

// Who is asking is the accounts layer's business (auth sits above http): a route's context only
// carries references to it. Handlers, which live in the domain folders, include auth themselves.
namespace samverkan::auth {
struct Actor;
struct SessionView;
}  // namespace samverkan::auth

namespace samverkan::http {

struct Context {
    const Request& request;
    const auth::Actor& actor;
    const auth::SessionView* session;  // null when not signed in
};

using Handler = std::function<Response(const Context&)>;

struct RouteOptions {
    bool csrf_exempt = false;  // only the sign-in itself, which has no session yet
    // Media types accepted for the body besides JSON (file uploads: CSV, NDJSON, raw bytes).
    std::vector<std::string> body_types;
};

struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    RouteOptions options;
};

struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed_methods;  // non-empty when the path exists under other methods
};

class Router {
public:
    void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
    Match Find(const std::string& method, const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace samverkan::http
