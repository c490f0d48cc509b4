#include "http/compression.hpp"

#include <zlib.h>

namespace samverkan::http {
namespace {
bool AcceptsGzip(std::string_view accept) {
    // "gzip;q=0" refuses it; anything else naming gzip accepts it.
    auto pos = accept.find("gzip");
    if (pos == std::string_view::npos) return false;
    auto rest = accept.substr(pos + 4, accept.find(',', pos) - pos - 4);
    return rest.find("q=0") == std::string_view::npos || rest.find("q=0.") != std::string_view::npos;
}
bool Compressible(std::string_view type) {
    return type.rfind("application/json", 0) == 0 || type.rfind("application/geo+json", 0) == 0 ||
           type.rfind("application/problem+json", 0) == 0 || type.rfind("text/", 0) == 0;
}
}  // namespace

void CompressIfWorthIt(Response& r, std::string_view accept_encoding) {
    if (r.file_path || r.body.size() < 1024 || !Compressible(r.content_type) || !AcceptsGzip(accept_encoding)) return;
    for (const auto& [k, v] : r.headers)
        if (k == "Content-Encoding") return;
    z_stream z{};
    // windowBits 15 + 16 selects the gzip wrapper; level 5 is most of level 9's gain at a third of the cost.
    if (deflateInit2(&z, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return;
    std::string out(deflateBound(&z, r.body.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(r.body.data());
    z.avail_in = static_cast<uInt>(r.body.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) return;
    r.body = std::move(out);
    r.SetHeader("Content-Encoding", "gzip");
    r.SetHeader("Vary", "Accept-Encoding");
}

}  // namespace samverkan::http
