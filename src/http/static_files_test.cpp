#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace samverkan::http {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::path(::testing::TempDir()) / "static-files-test";
        fs::remove_all(root_);
        fs::create_directories(root_ / "dist" / "assets");
        std::ofstream(root_ / "dist" / "index.html") << "<!doctype html>";
        std::ofstream(root_ / "dist" / "assets" / "app-1234.js") << "console.log(1)";
        std::ofstream(root_ / "dist" / "assets" / "app-1234.js.gz") << "gz";
        std::ofstream(root_ / "secret.db") << "SQLite format 3";
    }
    std::optional<Response> Get(const std::string& path, const std::string& accept = "") {
        StaticFiles files((root_ / "dist").string());
        Request r;
        r.method = "GET";
        r.path = path;
        if (!accept.empty()) r.headers = {{"accept-encoding", accept}};
        return files.Serve(r);
    }
    static std::string Header(const Response& r, const std::string& name) {
        for (auto& [k, v] : r.headers)
            if (k == name) return v;
        return "";
    }
    fs::path root_;
};

TEST_F(StaticFilesTest, NeverServesAFileOutsideTheRoot) {
    for (const char* path : {"//etc/passwd", "/../secret.db", "/assets/../../secret.db", "/%2e%2e/secret.db",
                             "/assets/..\\..\\secret.db"}) {
        auto r = Get(path);
        if (r) {
            ASSERT_TRUE(r->file_path.has_value()) << path;
            EXPECT_EQ(fs::path(*r->file_path).filename(), "index.html") << path;
        }
    }
    // A symlink inside the root that points out of it is refused too.
    fs::create_symlink(root_ / "secret.db", root_ / "dist" / "assets" / "link.db");
    EXPECT_FALSE(Get("/assets/link.db").has_value());
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndTheAppShellIsNot) {
    auto asset = Get("/assets/app-1234.js");
    ASSERT_TRUE(asset);
    EXPECT_EQ(Header(*asset, "Cache-Control"), "public, max-age=31536000, immutable");
    auto shell = Get("/lagesbild");
    ASSERT_TRUE(shell);
    EXPECT_EQ(fs::path(*shell->file_path).filename(), "index.html");
    EXPECT_EQ(Header(*shell, "Cache-Control"), "no-cache");
    EXPECT_FALSE(Get("/assets/missing.js").has_value());
}

TEST_F(StaticFilesTest, PrecompressedVariantOnlyWhenAccepted) {
    auto plain = Get("/assets/app-1234.js");
    EXPECT_EQ(fs::path(*plain->file_path).filename(), "app-1234.js");
    auto gz = Get("/assets/app-1234.js", "gzip, br");
    EXPECT_EQ(fs::path(*gz->file_path).filename(), "app-1234.js.gz");
    EXPECT_EQ(Header(*gz, "Content-Encoding"), "gzip");
}

}  // namespace
}  // namespace samverkan::http
