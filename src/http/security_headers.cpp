#include "http/security_headers.hpp"

namespace samverkan::http {

void ApplySecurityHeaders(Response& r, bool tls) {
    bool own_policy = false;
    for (const auto& [k, v] : r.headers) own_policy = own_policy || k == "Content-Security-Policy";
    // No inline script or style anywhere: the front end is built so that it needs neither. A handler
    // may set a stricter or document-specific policy of its own (the standalone HTML report).
    if (!own_policy)
        r.SetHeader("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    r.SetHeader("X-Content-Type-Options", "nosniff");
    r.SetHeader("Referrer-Policy", "no-referrer");
    r.SetHeader("X-Frame-Options", "DENY");
    r.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
    r.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
    if (tls) r.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace samverkan::http
