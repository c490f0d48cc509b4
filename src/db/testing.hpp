#pragma once
// For *_dbtest.cpp: a fresh, migrated database on the backend named by SAMVERKAN_TEST_BACKEND
// ("sqlite", the default, or "postgres" with the URL in SAMVERKAN_TEST_PG). Its clock stands at
// SAMVERKAN_TEST_NOW (default 2026-11-27T10:00:00Z) until a test moves it, so that no result
// depends on the day the suite runs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/clock.hpp"
#include "common/random.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"

namespace samverkan::db::testing {

inline bool UsePostgres() {
    const char* b = std::getenv("SAMVERKAN_TEST_BACKEND");
    return b && std::string(b) == "postgres";
}

inline std::string SourceDir() { return SAMVERKAN_SOURCE_DIR; }

class DatabaseTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (UsePostgres()) {
            const char* url = std::getenv("SAMVERKAN_TEST_PG");
            if (!url) GTEST_SKIP() << "SAMVERKAN_TEST_PG is not set; ./dev test starts PostgreSQL and sets it";
            url_ = url;
            auto wipe = Database::Open(url_, 1);
            wipe->Acquire(Access::kWrite)->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        } else {
            dir_ = std::filesystem::temp_directory_path() / ("samverkan-test-" + NewUuid());
            std::filesystem::create_directories(dir_);
            url_ = "sqlite:" + (dir_ / "test.db").string();
        }
        db_ = Database::Open(url_, 3, clock_);
        Migrate(*db_);
    }
    void TearDown() override {
        db_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    Database& db() { return *db_; }
    FixedClock& clock() { return clock_; }
    const std::string& url() const { return url_; }

private:
    FixedClock clock_{TestNow()};
    std::filesystem::path dir_;
    std::string url_;
    std::unique_ptr<Database> db_;
};

}  // namespace samverkan::db::testing
