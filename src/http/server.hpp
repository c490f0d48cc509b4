#pragma once
// The HTTP transport, behind a plain interface: callers never include Beast or Asio.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "http/metrics.hpp"

namespace samverkan::http {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::size_t max_body = 1 << 20;
    std::size_t max_header = 8 * 1024;
    int read_timeout_seconds = 15;
    int max_connections = 1024;
    int io_threads = 1;
    int workers = 4;
    bool tls = false;
    int shutdown_grace_seconds = 20;
    // File uploads (incident imports) may be larger than `max_body`, up to `max_upload_body`. An
    // entry starting with '*' matches every path ending in the rest ("*/measures.csv").
    std::vector<std::string> upload_paths;
    std::size_t max_upload_body = 64u << 20;
    int max_concurrent_uploads = 2;  // beyond this, a large upload gets 503
};

using RequestHandler = std::function<Response(Request&)>;

// Serves until SIGTERM or SIGINT, then stops accepting, lets requests in flight finish (up to the
// grace period) and returns. `handler` runs on a worker pool, never on an I/O thread.
// `on_listening` gets the bound port (useful with port 0). Throws on a bind failure.
void RunServer(const ServerOptions& options, RequestHandler handler, Metrics& metrics,
               std::function<void(unsigned short)> on_listening);

}  // namespace samverkan::http
