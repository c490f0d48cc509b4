#include "db/database.hpp"

#include "db/postgres/postgres_database.hpp"
#include "db/sqlite/sqlite_database.hpp"

namespace samverkan::db {

const Value& Result::at(std::size_t row, std::string_view column) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i] == column) return rows_.at(row).at(i);
    throw std::out_of_range("no column " + std::string(column));
}

long long Result::integer(std::size_t row, std::string_view column) const {
    const Value& v = at(row, column);
    return v ? std::stoll(*v) : 0;
}

std::unique_ptr<Database> Database::Open(const std::string& url, int pool_size, const Clock& clock) {
    if (url.rfind("sqlite:", 0) == 0) return std::make_unique<SqliteDatabase>(url.substr(7), pool_size, clock);
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
        return std::make_unique<PostgresDatabase>(url, pool_size, clock);
    throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

void Connection::ForEach(std::string_view sql, const Params& params, const RowFn& fn) {
    Result r = Query(sql, params);
    std::vector<std::optional<std::string_view>> row(r.columns().size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const Value& v = r.at(i, c);
            row[c] = v ? std::optional<std::string_view>(*v) : std::nullopt;
        }
        fn(row);
    }
}

}  // namespace samverkan::db
