#include "http/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>


namespace samverkan::http {
namespace {

std::string Gunzip(const std::string& in) {
    z_stream z{};
    inflateInit2(&z, 15 + 16);
    std::string out(1 << 20, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    inflate(&z, Z_FINISH);
    out.resize(z.total_out);
    inflateEnd(&z);
    return out;
}

TEST(CompressionTest, GzipsLargeJsonOnlyWhenAccepted) {
    std::string json = "[";
    for (int i = 0; i < 500; ++i) json += R"({"name":"Kista","district":"Järva"},)";
    json.back() = ']';
    Response r = Response::Json(json);
    CompressIfWorthIt(r, "deflate, gzip");
    EXPECT_LT(r.body.size(), json.size() / 5);
    EXPECT_EQ(Gunzip(r.body), json);

    Response refused = Response::Json(json);
    CompressIfWorthIt(refused, "gzip;q=0, deflate");
    EXPECT_EQ(refused.body, json);
    Response small = Response::Json(R"({"status":"ok"})");
    CompressIfWorthIt(small, "gzip");
    EXPECT_EQ(small.body, R"({"status":"ok"})");
}

}  // namespace
}  // namespace samverkan::http
