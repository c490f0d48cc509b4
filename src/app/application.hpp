#pragma once
// The running service: the database, the domain services and the HTTP pipeline (request id,
// routing, session, CSRF, content type, errors as problem+json, security headers, access log).
#include <memory>

#include "app/config.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"

namespace samverkan::db {
class Database;
}

namespace samverkan::app {

class Application {
public:
    // Opens the database, applies migrations, loads the demo data if asked, and builds the routes.
    explicit Application(const Config& config);
    ~Application();
    // Answers one request. Thread-safe; runs on a worker thread, never on an I/O thread.
    http::Response Handle(http::Request& request);
    http::Metrics& metrics();
    db::Database& database();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::app
