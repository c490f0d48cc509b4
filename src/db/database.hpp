#pragma once
// The thin storage interface. One SQL dialect for both backends: `$1..$n` placeholders,
// text parameters, and text results (timestamps as ISO-8601 UTC with 'Z', booleans as 0/1).
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace samverkan::db {

enum class Backend { kSqlite, kPostgres };

using Value = std::optional<std::string>;
using Params = std::vector<Value>;

// A failure of the database itself. `Kind` lets callers turn constraint violations into 409s.
class Error : public std::runtime_error {
public:
    enum class Kind { kUniqueViolation, kForeignKeyViolation, kCheckViolation, kBusy, kOther };
    Error(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

class Result {
public:
    Result() = default;
    Result(std::vector<std::string> columns, std::vector<std::vector<Value>> rows)
        : columns_(std::move(columns)), rows_(std::move(rows)) {}
    std::size_t size() const { return rows_.size(); }
    bool empty() const { return rows_.empty(); }
    const std::vector<std::string>& columns() const { return columns_; }
    const Value& at(std::size_t row, std::size_t col) const { return rows_.at(row).at(col); }
    // Value of a column by name; throws std::out_of_range for an unknown column (a programmer error).
    const Value& at(std::size_t row, std::string_view column) const;
    // Non-null text of a column; "" for NULL.
    std::string text(std::size_t row, std::string_view column) const { return at(row, column).value_or(""); }
    long long integer(std::size_t row, std::string_view column) const;

private:
    std::vector<std::string> columns_;
    std::vector<std::vector<Value>> rows_;
};

class Connection {
public:
    explicit Connection(const Clock& clock) : clock_(&clock) {}
    virtual ~Connection() = default;
    // The deployment's clock: repositories stamp rows with clock().NowUtc(), never the machine's.
    const Clock& clock() const { return *clock_; }
    // Runs one statement through the prepared-statement cache.
    virtual Result Query(std::string_view sql, const Params& params = {}) = 0;
    // Runs one query and hands each row to `fn` as views that live until `fn` returns, without
    // building a Result: for reading millions of rows (the incident index at start-up). The
    // default builds the Result; SQLite streams. Page large reads with LIMIT on PostgreSQL.
    using RowFn = std::function<void(const std::vector<std::optional<std::string_view>>&)>;
    virtual void ForEach(std::string_view sql, const Params& params, const RowFn& fn);
    // Runs several statements with no parameters (migrations).
    virtual void ExecScript(std::string_view sql) = 0;
    virtual Backend backend() const = 0;
    virtual void Begin(bool write) = 0;
    // Inside a write transaction: waits until no other transaction holds `topic`, and holds it until
    // commit. Makes check-then-write rules (no two agreements in force on one day) safe on PostgreSQL,
    // where writers run concurrently; SQLite's single writer already serialises them.
    virtual void SerializeOn(std::string_view topic) = 0;
    virtual void Commit() = 0;
    virtual void Rollback() = 0;

private:
    const Clock* clock_;
};

enum class Access { kRead, kWrite };

// A connection borrowed from a pool; returned to it on destruction.
class Lease {
public:
    Lease(Connection* conn, std::function<void(Connection*)> release) : conn_(conn), release_(std::move(release)) {}
    Lease(Lease&& o) noexcept : conn_(o.conn_), release_(std::move(o.release_)) { o.conn_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease() {
        if (conn_) release_(conn_);
    }
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_; }

private:
    Connection* conn_;
    std::function<void(Connection*)> release_;
};

class Database {
public:
    explicit Database(const Clock& clock) : clock_(&clock) {}
    virtual ~Database() = default;
    // The clock injected at Open; services read the time from it (DESIGN.md, "One clock").
    const Clock& clock() const { return *clock_; }
    // Borrows a connection. SQLite has one writer; kWrite waits for it.
    virtual Lease Acquire(Access access) = 0;
    virtual Backend backend() const = 0;
    // Where the database lives, with any password removed, for logs.
    virtual std::string Describe() const = 0;

    // Opens `sqlite:FILE` or `postgresql://...` (also `postgres://`). Throws std::invalid_argument for another scheme.
    // `clock` must outlive the database.
    static std::unique_ptr<Database> Open(const std::string& url, int pool_size = 4,
                                          const Clock& clock = TheSystemClock());

private:
    const Clock* clock_;
};

// Runs `fn` in a transaction and commits; rolls back if `fn` throws.
template <typename Fn>
auto InTransaction(Database& db, Access access, Fn&& fn) {
    Lease lease = db.Acquire(access);
    lease->Begin(access == Access::kWrite);
    try {
        if constexpr (std::is_void_v<decltype(fn(*lease))>) {
            fn(*lease);
            lease->Commit();
        } else {
            auto result = fn(*lease);
            lease->Commit();
            return result;
        }
    } catch (...) {
        try {
            lease->Rollback();
        } catch (...) {
        }
        throw;
    }
}

}  // namespace samverkan::db
