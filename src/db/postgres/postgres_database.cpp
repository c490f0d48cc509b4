#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <regex>
#include <string>
#include <unordered_map>

namespace samverkan::db {
namespace {

constexpr Oid kBoolOid = 16;
constexpr Oid kTimestamptzOid = 1184;

// "2026-11-27 07:44:35.12+00" -> "2026-11-27T07:44:35.120Z"
std::string NormaliseTimestamptz(const char* s) {
    std::string in(s);
    std::string out = in.substr(0, 10) + "T" + in.substr(11, 8);
    std::string frac;
    std::size_t pos = 19;
    if (pos < in.size() && in[pos] == '.') {
        ++pos;
        while (pos < in.size() && isdigit(static_cast<unsigned char>(in[pos]))) frac.push_back(in[pos++]);
    }
    frac = (frac + "000").substr(0, 3);
    return out + "." + frac + "Z";
}

Error MakeError(PGconn* conn, PGresult* res, std::string_view context) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string code = state ? state : "";
    Error::Kind kind = Error::Kind::kOther;
    if (code == "23505") kind = Error::Kind::kUniqueViolation;
    else if (code == "23503") kind = Error::Kind::kForeignKeyViolation;
    else if (code == "23514") kind = Error::Kind::kCheckViolation;
    else if (code == "40001" || code == "40P01") kind = Error::Kind::kBusy;
    return Error(kind, std::string(context) + ": " + PQerrorMessage(conn));
}

class PostgresConnection final : public Connection {
public:
    PostgresConnection(const std::string& url, const Clock& clock) : Connection(clock) {
        conn_ = PQconnectdb(url.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw Error(Error::Kind::kOther, "cannot connect to PostgreSQL: " + msg);
        }
        ExecScript("SET TIME ZONE 'UTC'; SET DateStyle TO ISO; SET client_min_messages TO warning;");
    }
    ~PostgresConnection() override { PQfinish(conn_); }

    Result Query(std::string_view sql, const Params& params) override {
        const std::string& name = Prepare(sql);
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const Value& v : params) values.push_back(v ? v->c_str() : nullptr);
        PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                       nullptr, 0);
        return Consume(res, "query");
    }

    void ExecScript(std::string_view sql) override {
        std::string s(sql);
        Consume(PQexec(conn_, s.c_str()), "exec");
    }

    Backend backend() const override { return Backend::kPostgres; }
    void Begin(bool) override { ExecScript("BEGIN"); }
    void SerializeOn(std::string_view topic) override {
        Query("SELECT pg_advisory_xact_lock(hashtext($1))", {std::string(topic)});
    }
    void Commit() override { ExecScript("COMMIT"); }
    void Rollback() override {
        if (PQtransactionStatus(conn_) != PQTRANS_IDLE) ExecScript("ROLLBACK");
    }

private:
    const std::string& Prepare(std::string_view sql) {
        std::string key(sql);
        auto it = cache_.find(key);
        if (it != cache_.end()) return it->second;
        std::string name = "s" + std::to_string(cache_.size() + 1);
        PGresult* res = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
        Consume(res, "prepare");
        return cache_.emplace(std::move(key), std::move(name)).first->second;
    }

    Result Consume(PGresult* res, std::string_view context) {
        ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            Error e = MakeError(conn_, res, context);
            PQclear(res);
            throw e;
        }
        std::vector<std::string> columns;
        std::vector<std::vector<Value>> rows;
        int ncol = PQnfields(res), nrow = PQntuples(res);
        std::vector<Oid> types;
        for (int c = 0; c < ncol; ++c) {
            columns.emplace_back(PQfname(res, c));
            types.push_back(PQftype(res, c));
        }
        rows.reserve(nrow);
        for (int r = 0; r < nrow; ++r) {
            std::vector<Value> row;
            row.reserve(ncol);
            for (int c = 0; c < ncol; ++c) {
                if (PQgetisnull(res, r, c)) {
                    row.emplace_back(std::nullopt);
                    continue;
                }
                const char* v = PQgetvalue(res, r, c);
                if (types[c] == kBoolOid) row.emplace_back(std::string(v[0] == 't' ? "1" : "0"));
                else if (types[c] == kTimestamptzOid) row.emplace_back(NormaliseTimestamptz(v));
                else row.emplace_back(std::string(v, PQgetlength(res, r, c)));
            }
            rows.push_back(std::move(row));
        }
        PQclear(res);
        return Result(std::move(columns), std::move(rows));
    }

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

PostgresDatabase::PostgresDatabase(const std::string& url, int pool_size, const Clock& clock) : Database(clock) {
    described_ = std::regex_replace(url, std::regex(":[^:@/]*@"), ":***@");
    for (int i = 0; i < std::max(1, pool_size); ++i) pool_.Add(std::make_unique<PostgresConnection>(url, clock));
}

}  // namespace samverkan::db
