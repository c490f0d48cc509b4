#pragma once
#include "http/message.hpp"

namespace samverkan::http {

// Adds the headers every response carries: CSP, nosniff, Referrer-Policy, frame-ancestors and
// a no-store cache policy for API answers. `tls` adds HSTS.
void ApplySecurityHeaders(Response& response, bool tls);

}  // namespace samverkan::http
