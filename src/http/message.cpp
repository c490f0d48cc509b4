#include "http/message.hpp"

namespace samverkan::http {

std::string_view Request::Header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
        if (k == lower_name) return v;
    return {};
}

std::optional<std::string> Request::QueryParam(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (k != "cookie") continue;
        std::string_view rest = v;
        while (!rest.empty()) {
            std::size_t semi = rest.find(';');
            std::string_view part = rest.substr(0, semi);
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            std::size_t eq = part.find('=');
            if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
            if (semi == std::string_view::npos) break;
            rest.remove_prefix(semi + 1);
        }
    }
    return std::nullopt;
}

}  // namespace samverkan::http
