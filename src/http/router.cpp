#include "http/router.hpp"

namespace samverkan::http {
namespace {
std::vector<std::string> Split(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
    auto segments = Split(pattern);
    routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler), options});
}

Match Router::Find(const std::string& method, const std::string& path) const {
    Match m;
    auto parts = Split(path);
    for (const Route& r : routes_) {
        if (r.segments.size() != parts.size()) continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) {
            const std::string& s = r.segments[i];
            if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
                if (parts[i].empty()) ok = false;
                else params[s.substr(1, s.size() - 2)] = parts[i];
            } else if (s != parts[i]) {
                ok = false;
            }
        }
        if (!ok) continue;
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            m.route = &r;
            m.params = std::move(params);
            return m;
        }
        m.allowed_methods.push_back(r.method);
    }
    return m;
}

}  // namespace samverkan::http
