#include "auth/auth_handler.hpp"

#include <boost/json.hpp>

#include "common/errors.hpp"
#include "http/json_input.hpp"

namespace samverkan::auth {
namespace {

boost::json::object UserJson(const Actor& a) {
    boost::json::array roles;
    for (const Grant& g : a.grants)
        roles.push_back({{"role", RoleName(g.role)},
                         {"organisation_id", g.organisation ? boost::json::value(g.organisation->str()) : nullptr},
                         {"area_id", g.area ? boost::json::value(g.area->str()) : nullptr}});
    boost::json::array orgs;
    for (const auto& o : a.organisations) orgs.push_back(boost::json::value(o.str()));
    return {{"id", a.id.str()}, {"username", a.username}, {"display_name", a.display_name}, {"roles", roles},
            {"organisation_ids", orgs}};
}

std::string Cookie(const std::string& value, int max_age, bool secure) {
    // HttpOnly: scripts cannot read it. SameSite=Strict: other sites cannot make the browser send it.
    return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(max_age) + (secure ? "; Secure" : "");
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, SessionService& sessions, const Authorizer& authz,
                        const CookieSettings& cookies) {
    router.Add(
        "POST", "/api/v1/session",
        [&sessions, cookies](const http::Context& ctx) {
            http::JsonBody body(ctx.request.body, {"username", "password"});
            std::string username = body.RequiredString("username", 64);
            std::string password = body.RequiredSecret("password", 1024);
            SignedIn s = sessions.SignIn(username, password, ctx.request.request_id);
            http::Response r = http::Response::Json(boost::json::serialize(
                boost::json::object{{"user", UserJson(s.actor)}, {"csrf_token", s.csrf_token}}));
            r.SetHeader("Set-Cookie", Cookie(s.token, cookies.max_age_seconds, cookies.secure));
            return r;
        },
        {.csrf_exempt = true});

    router.Add("GET", "/api/v1/session", [&authz](const http::Context& ctx) {
        authz.Require(ctx.actor, Action::kReadOwnProfile, {"user", ctx.actor.id.str()});
        return http::Response::Json(boost::json::serialize(
            boost::json::object{{"user", UserJson(ctx.actor)}, {"csrf_token", ctx.session->csrf_token}}));
    });

    router.Add("DELETE", "/api/v1/session", [&sessions, cookies](const http::Context& ctx) {
        if (!ctx.session) throw UnauthenticatedError();
        sessions.SignOut(*ctx.session);
        http::Response r = http::Response::NoContent();
        r.SetHeader("Set-Cookie", Cookie("", 0, cookies.secure));
        return r;
    });

    router.Add("GET", "/api/v1/me", [&authz](const http::Context& ctx) {
        authz.Require(ctx.actor, Action::kReadOwnProfile, {"user", ctx.actor.id.str()});
        return http::Response::Json(boost::json::serialize(UserJson(ctx.actor)));
    });
}

}  // namespace samverkan::auth
