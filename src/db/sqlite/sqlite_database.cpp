#include "db/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace samverkan::db {
namespace {

Error MakeError(sqlite3* db, int rc, std::string_view context) {
    int ext = sqlite3_extended_errcode(db);
    Error::Kind kind = Error::Kind::kOther;
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) kind = Error::Kind::kUniqueViolation;
    else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) kind = Error::Kind::kForeignKeyViolation;
    else if (ext == SQLITE_CONSTRAINT_CHECK) kind = Error::Kind::kCheckViolation;
    else if (rc == SQLITE_BUSY) kind = Error::Kind::kBusy;
    return Error(kind, std::string(context) + ": " + sqlite3_errmsg(db));
}

class SqliteConnection final : public Connection {
public:
    SqliteConnection(const std::string& path, bool writer, const Clock& clock) : Connection(clock) {
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw Error(Error::Kind::kOther, "cannot open " + path + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 10000);
        ExecScript("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
        if (writer) ExecScript("PRAGMA journal_mode=WAL;");
        // A page cache large enough that a bulk import's index pages stay in memory instead of
        // spilling to the WAL mid-transaction (the 2 MiB default made 1M-row imports several times
        // slower). It is an upper bound: memory is taken as pages are read.
        ExecScript(writer ? "PRAGMA cache_size=-131072;" : "PRAGMA cache_size=-16384;");
    }
    ~SqliteConnection() override {
        for (auto& [sql, p] : cache_) sqlite3_finalize(p.stmt);
        sqlite3_close(db_);
    }

    sqlite3_stmt* Bind(std::string_view sql, const Params& params) {
        const Prepared& p = Prepare(sql);
        sqlite3_stmt* stmt = p.stmt;
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
        // `$N` is a named parameter to SQLite; its index was looked up once, at prepare time.
        for (std::size_t i = 0; i < params.size(); ++i) {
            int idx = i < p.slots.size() ? p.slots[i] : 0;
            if (idx == 0) continue;
            const Value& v = params[i];
            int rc = v ? sqlite3_bind_text(stmt, idx, v->data(), static_cast<int>(v->size()), SQLITE_TRANSIENT)
                       : sqlite3_bind_null(stmt, idx);
            if (rc != SQLITE_OK) throw MakeError(db_, rc, "bind");
        }
        return stmt;
    }

    // Steps through the rows; `on_row` reads the current row from the statement.
    template <typename OnRow>
    void Step(sqlite3_stmt* stmt, OnRow&& on_row) {
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) {
                Error e = MakeError(db_, rc, "query");
                sqlite3_reset(stmt);
                throw e;
            }
            try {
                on_row();
            } catch (...) {
                sqlite3_reset(stmt);
                throw;
            }
        }
        sqlite3_reset(stmt);
    }

    Result Query(std::string_view sql, const Params& params) override {
        sqlite3_stmt* stmt = Bind(sql, params);
        std::vector<std::string> columns;
        int ncol = sqlite3_column_count(stmt);
        for (int c = 0; c < ncol; ++c) columns.emplace_back(sqlite3_column_name(stmt, c));
        std::vector<std::vector<Value>> rows;
        Step(stmt, [&] {
            std::vector<Value> row;
            row.reserve(ncol);
            for (int c = 0; c < ncol; ++c) {
                if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
                    row.emplace_back(std::nullopt);
                } else {
                    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
                }
            }
            rows.push_back(std::move(row));
        });
        return Result(std::move(columns), std::move(rows));
    }

    void ForEach(std::string_view sql, const Params& params, const RowFn& fn) override {
        sqlite3_stmt* stmt = Bind(sql, params);
        int ncol = sqlite3_column_count(stmt);
        std::vector<std::optional<std::string_view>> row(ncol);
        Step(stmt, [&] {
            for (int c = 0; c < ncol; ++c) {
                if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
                    row[c] = std::nullopt;
                } else {
                    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                    row[c] = std::string_view(text, sqlite3_column_bytes(stmt, c));
                }
            }
            fn(row);
        });
    }

    void ExecScript(std::string_view sql) override {
        char* err = nullptr;
        std::string s(sql);
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            Error e = MakeError(db_, rc, "exec");
            throw Error(e.kind(), "exec: " + msg);
        }
    }

    Backend backend() const override { return Backend::kSqlite; }
    void Begin(bool write) override { ExecScript(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
    void SerializeOn(std::string_view) override {}  // BEGIN IMMEDIATE: one writer at a time already
    void Commit() override { ExecScript("COMMIT"); }
    void Rollback() override {
        if (!sqlite3_get_autocommit(db_)) ExecScript("ROLLBACK");
    }

private:
    struct Prepared {
        sqlite3_stmt* stmt;
        std::vector<int> slots;  // SQLite's index of `$1`, `$2`, ... (0 when unused), looked up once
    };

    const Prepared& Prepare(std::string_view sql) {
        auto it = cache_.find(sql);
        if (it != cache_.end()) return it->second;
        std::string key(sql);
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                    nullptr);
        if (rc != SQLITE_OK) throw MakeError(db_, rc, "prepare");
        Prepared p{stmt, {}};
        for (int i = 1; i <= sqlite3_bind_parameter_count(stmt); ++i) {
            std::string name = "$" + std::to_string(i);
            p.slots.push_back(sqlite3_bind_parameter_index(stmt, name.c_str()));
        }
        return cache_.emplace(std::move(key), std::move(p)).first->second;
    }

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, Prepared, Hash, std::equal_to<>> cache_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, int readers, const Clock& clock)
    : Database(clock), path_(path) {
    // The writer first: it switches the file to WAL before readers open it.
    writer_.Add(std::make_unique<SqliteConnection>(path, true, clock));
    for (int i = 0; i < std::max(1, readers); ++i)
        readers_.Add(std::make_unique<SqliteConnection>(path, false, clock));
}

Lease SqliteDatabase::Acquire(Access access) {
    return access == Access::kWrite ? writer_.Acquire() : readers_.Acquire();
}

}  // namespace samverkan::db
