#pragma once
// A fixed set of connections handed out one borrower at a time; Acquire blocks while all are lent.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "db/database.hpp"

namespace samverkan::db {

class ConnectionPool {
public:
    void Add(std::unique_ptr<Connection> conn) {
        std::lock_guard lock(mu_);
        free_.push_back(conn.get());
        all_.push_back(std::move(conn));
    }
    Lease Acquire() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !free_.empty(); });
        Connection* c = free_.back();
        free_.pop_back();
        return Lease(c, [this](Connection* back) {
            {
                std::lock_guard l(mu_);
                free_.push_back(back);
            }
            cv_.notify_one();
        });
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Connection*> free_;
    std::vector<std::unique_ptr<Connection>> all_;
};

}  // namespace samverkan::db
