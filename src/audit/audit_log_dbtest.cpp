#include "audit/audit_log.hpp"

#include <thread>

#include "db/testing.hpp"

namespace samverkan::audit {
namespace {

class AuditLogDbTest : public db::testing::DatabaseTest {
protected:
    void AppendSome(int n) {
        for (int i = 0; i < n; ++i)
            AppendAlone(db(), {std::nullopt, "tester", "rid-" + std::to_string(i), "test.write", "thing",
                               std::to_string(i), "success", {{"n", i}}});
    }
    // Simulates someone with direct database access: removes the append-only guards, then runs `sql`.
    void Tamper(const std::string& sql) {
        db::Lease c = db().Acquire(db::Access::kWrite);
        if (c->backend() == db::Backend::kPostgres)
            c->ExecScript("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
        else
            c->ExecScript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
        c->ExecScript(sql);
    }
};

TEST_F(AuditLogDbTest, AnUntouchedChainVerifies) {
    AppendSome(5);
    VerifyResult v = Verify(db());
    EXPECT_EQ(v.rows_checked, 5);
    EXPECT_FALSE(v.first_broken_seq.has_value()) << v.reason;
}

TEST_F(AuditLogDbTest, TheDatabaseRefusesToChangeARow) {
    AppendSome(2);
    db::Lease c = db().Acquire(db::Access::kWrite);
    EXPECT_THROW(c->ExecScript("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 1"), db::Error);
    EXPECT_THROW(c->ExecScript("DELETE FROM audit_log WHERE seq = 1"), db::Error);
}

TEST_F(AuditLogDbTest, AnAlteredRowIsTheFirstBrokenLink) {
    AppendSome(6);
    Tamper("UPDATE audit_log SET detail = '{\"n\":99}' WHERE seq = 4");
    VerifyResult v = Verify(db());
    ASSERT_TRUE(v.first_broken_seq.has_value());
    EXPECT_EQ(*v.first_broken_seq, 4);
    EXPECT_EQ(v.rows_checked, 3);
}

TEST_F(AuditLogDbTest, ARehashedRowStillBreaksTheNextLink) {
    AppendSome(4);
    // A forger who recomputes row 2's own hash still leaves row 3 pointing at the old one.
    Tamper("UPDATE audit_log SET actor_name = 'forger', hash = 'ffff' WHERE seq = 2");
    VerifyResult v = Verify(db());
    ASSERT_TRUE(v.first_broken_seq.has_value());
    EXPECT_EQ(*v.first_broken_seq, 2);
}

TEST_F(AuditLogDbTest, ARemovedRowIsFound) {
    AppendSome(5);
    Tamper("DELETE FROM audit_log WHERE seq = 3");
    VerifyResult v = Verify(db());
    ASSERT_TRUE(v.first_broken_seq.has_value());
    EXPECT_EQ(*v.first_broken_seq, 3);
    EXPECT_EQ(v.rows_checked, 2);
}

TEST_F(AuditLogDbTest, ConcurrentAppendsFormOneChain) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) threads.emplace_back([&] { AppendSome(20); });
    for (auto& th : threads) th.join();
    VerifyResult v = Verify(db());
    EXPECT_EQ(v.rows_checked, 80);
    EXPECT_FALSE(v.first_broken_seq.has_value()) << v.reason;
}

TEST_F(AuditLogDbTest, AnAppendRollsBackWithItsTransaction) {
    EXPECT_THROW(db::InTransaction(db(), db::Access::kWrite,
                                   [](db::Connection& c) {
                                       Append(c, {std::nullopt, "t", "r", "a", "o", std::nullopt, "success", {}});
                                       throw std::runtime_error("the change failed");
                                   }),
                 std::runtime_error);
    AppendSome(1);
    VerifyResult v = Verify(db());
    EXPECT_EQ(v.rows_checked, 1);
    EXPECT_FALSE(v.first_broken_seq.has_value()) << v.reason;
}

}  // namespace
}  // namespace samverkan::audit
