#include "db/database.hpp"

#include <set>
#include <thread>

#include "db/migrations.hpp"
#include "db/testing.hpp"

namespace samverkan::db {
namespace {

class DatabaseDbTest : public testing::DatabaseTest {};

TEST_F(DatabaseDbTest, MigrationsAreRecordedAndNotReapplied) {
    auto again = Migrate(db());
    EXPECT_TRUE(again.empty());
    Lease c = db().Acquire(Access::kRead);
    Result r = c->Query("SELECT version FROM schema_migrations ORDER BY version");
    std::set<std::string> embedded;
    for (const auto& m : EmbeddedMigrations()) embedded.insert(std::string(m.name).substr(0, 4));
    ASSERT_EQ(r.size(), embedded.size());
    std::size_t i = 0;
    for (const std::string& v : embedded) EXPECT_EQ(r.text(i++, "version"), v);
    EXPECT_EQ(r.text(0, "version"), "0001");
}

TEST_F(DatabaseDbTest, PlaceholdersBindByNumberNotPosition) {
    Lease c = db().Acquire(Access::kWrite);
    Result r = c->Query("SELECT $2 AS b, $1 AS a", {"first", "second"});
    EXPECT_EQ(r.text(0, "a"), "first");
    EXPECT_EQ(r.text(0, "b"), "second");
}

TEST_F(DatabaseDbTest, NullsRoundTrip) {
    InTransaction(db(), Access::kWrite, [](Connection& c) {
        c.Query("INSERT INTO areas (id, code, name, kind, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)",
                {"a1", "c1", "Kista", "neighbourhood", "2020-07-01", std::nullopt});
    });
    Lease c = db().Acquire(Access::kRead);
    Result r = c->Query("SELECT valid_from, valid_to FROM areas WHERE id = $1", {"a1"});
    EXPECT_EQ(r.text(0, "valid_from"), "2020-07-01");
    EXPECT_FALSE(r.at(0, "valid_to").has_value());
}

TEST_F(DatabaseDbTest, TimestampsComeBackInOneTextFormOnBothBackends) {
    InTransaction(db(), Access::kWrite, [](Connection& c) {
        c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)",
                {"o1", "Polisregion Stockholm", "police_region", "2026-11-27T07:44:35.120Z"});
    });
    Lease c = db().Acquire(Access::kRead);
    EXPECT_EQ(c->Query("SELECT created_at FROM organisations").text(0, "created_at"), "2026-11-27T07:44:35.120Z");
}

TEST_F(DatabaseDbTest, RollbackLeavesNothingBehind) {
    EXPECT_THROW(InTransaction(db(), Access::kWrite,
                               [](Connection& c) {
                                   c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)",
                                           {"o1", "X", "external_actor", "2026-01-01T00:00:00.000Z"});
                                   throw std::runtime_error("abort");
                               }),
                 std::runtime_error);
    Lease c = db().Acquire(Access::kRead);
    EXPECT_EQ(c->Query("SELECT COUNT(*) AS n FROM organisations").integer(0, "n"), 0);
}

TEST_F(DatabaseDbTest, ConstraintViolationsAreTyped) {
    auto insert = [&](const std::string& id) {
        InTransaction(db(), Access::kWrite, [&](Connection& c) {
            c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)",
                    {id, "Same", "external_actor", "2026-01-01T00:00:00.000Z"});
        });
    };
    insert("o1");
    try {
        insert("o2");
        FAIL() << "duplicate (name, kind) was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::kUniqueViolation);
    }
    try {
        InTransaction(db(), Access::kWrite, [&](Connection& c) {
            c.Query("INSERT INTO organisations (id, name, kind, parent_id, created_at) VALUES ($1, $2, $3, $4, $5)",
                    {"o3", "Child", "external_actor", "no-such-parent", "2026-01-01T00:00:00.000Z"});
        });
        FAIL() << "dangling parent_id was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::kForeignKeyViolation);
    }
    try {
        InTransaction(db(), Access::kWrite, [&](Connection& c) {
            c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $2, $3, $4)",
                    {"o4", "Bad", "not_a_kind", "2026-01-01T00:00:00.000Z"});
        });
        FAIL() << "unknown kind was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::kCheckViolation);
    }
}

TEST_F(DatabaseDbTest, ConcurrentWritersAllCommit) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i)
                InTransaction(db(), Access::kWrite, [&](Connection& c) {
                    std::string id = "o" + std::to_string(t) + "-" + std::to_string(i);
                    c.Query("INSERT INTO organisations (id, name, kind, created_at) VALUES ($1, $1, $2, $3)",
                            {id, "external_actor", "2026-01-01T00:00:00.000Z"});
                });
        });
    for (auto& th : threads) th.join();
    Lease c = db().Acquire(Access::kRead);
    EXPECT_EQ(c->Query("SELECT COUNT(*) AS n FROM organisations").integer(0, "n"), 100);
}

}  // namespace
}  // namespace samverkan::db
