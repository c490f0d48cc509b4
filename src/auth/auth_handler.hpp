#pragma once
// /api/v1/session and /api/v1/me.
#include "auth/authorizer.hpp"
#include "auth/session_service.hpp"
#include "http/router.hpp"

namespace samverkan::auth {

struct CookieSettings {
    bool secure = false;  // set when served over TLS (directly or behind a TLS proxy)
    int max_age_seconds = 12 * 3600;
};

inline constexpr const char* kSessionCookie = "samverkan_session";

void RegisterAuthRoutes(http::Router& router, SessionService& sessions, const Authorizer& authz,
                        const CookieSettings& cookies);

}  // namespace samverkan::auth
