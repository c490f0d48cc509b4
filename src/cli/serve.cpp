// samverkan serve: the platform itself.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "http/server.hpp"

namespace samverkan::cli {

int Serve(const Invocation& call) {
    const app::Config& c = call.config;
    // The application makes its own clock from the same configuration (--now / SAMVERKAN_NOW).
    app::Application application(c);
    http::ServerOptions o{c.bind,       c.port,    c.max_body, c.max_header, c.read_timeout, c.max_connections,
                          c.io_threads, c.workers, c.tls_proxy};
    o.upload_paths = {"/api/v1/incident-imports", "/api/v1/incidents:bulk", "/api/v1/safety-indicators:import",
                      "*/measures.csv",           "*/follow-ups.csv",       "*/indicator-values.csv"};
    http::RunServer(
        o, [&](http::Request& r) { return application.Handle(r); }, application.metrics(),
        [&](unsigned short port) {
            // Tests and scripts wait for this line to learn the port (--port 0).
            spdlog::info("listening on http://{}:{}/", c.bind, port);
            std::fflush(stdout);
        });
    spdlog::info("stopped");
    return 0;
}

}  // namespace samverkan::cli
