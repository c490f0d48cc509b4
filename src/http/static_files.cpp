#include "http/static_files.hpp"

#include <filesystem>
#include <system_error>

namespace samverkan::http {
namespace fs = std::filesystem;
namespace {
std::string ContentType(const std::string& ext) {
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".geojson") return "application/geo+json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}
}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {
    std::error_code ec;
    available_ = fs::is_regular_file(fs::path(root_) / "index.html", ec);
    if (available_) root_ = fs::canonical(root_, ec).string();
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
    if (!available_) return std::nullopt;
    const std::string& path = req.path;
    // Only plain relative paths under the root: "//etc/passwd" would make the join below absolute
    // and discard the root, and "..", NUL or backslashes have no business in an asset name.
    if (path.empty() || path[0] != '/' || path.find("//") != std::string::npos || path.find("..") != std::string::npos ||
        path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
        return std::nullopt;
    fs::path relative = fs::path(path.substr(1)).lexically_normal();
    if (relative.is_absolute() || relative.has_root_name() || relative.has_root_directory()) return std::nullopt;
    fs::path file = fs::path(root_) / relative;
    std::error_code ec;
    // Belt and braces: whatever the path resolves to (symlinks included) must lie under the root.
    if (fs::exists(file, ec)) {
        std::string real = fs::canonical(file, ec).string();
        if (ec || real.compare(0, root_.size(), root_) != 0 || (real.size() > root_.size() && real[root_.size()] != '/'))
            return std::nullopt;
    }
    bool is_asset = path.rfind("/assets/", 0) == 0;
    if (path == "/" || !fs::is_regular_file(file, ec)) {
        // Client-side routes (no file extension) get the app; a missing asset is a real 404.
        if (path != "/" && fs::path(path).has_extension()) return std::nullopt;
        file = fs::path(root_) / "index.html";
        is_asset = false;
    }
    Response r;
    r.status = 200;
    r.content_type = ContentType(file.extension().string());
    r.SetHeader("Cache-Control", is_asset ? "public, max-age=31536000, immutable" : "no-cache");
    r.SetHeader("Vary", "Accept-Encoding");
    std::string accept = std::string(req.Header("accept-encoding"));
    fs::path gz = file;
    gz += ".gz";
    if (accept.find("gzip") != std::string::npos && fs::is_regular_file(gz, ec)) {
        r.SetHeader("Content-Encoding", "gzip");
        r.file_path = gz.string();
    } else {
        r.file_path = file.string();
    }
    return r;
}

}  // namespace samverkan::http
