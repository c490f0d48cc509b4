#pragma once
// Serves the built front end: hashed assets cached for a year, index.html never cached, gzip
// variants (file.gz) chosen when the client accepts them, and index.html for client-side routes.
#include <optional>
#include <string>

#include "http/message.hpp"

namespace samverkan::http {

class StaticFiles {
public:
    explicit StaticFiles(std::string root);
    // A response for GET/HEAD of `path`, or nothing when the path is not the front end's.
    std::optional<Response> Serve(const Request& request) const;
    bool available() const { return available_; }

private:
    std::string root_;
    bool available_ = false;
};

}  // namespace samverkan::http
