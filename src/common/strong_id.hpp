#pragma once
// Strong ID types so that access-control code cannot mix up a user with an area.
#include <compare>
#include <string>

namespace samverkan {

template <typename Tag>
class StrongId {
public:
    StrongId() = default;
    explicit StrongId(std::string value) : value_(std::move(value)) {}
    const std::string& str() const { return value_; }
    bool empty() const { return value_.empty(); }
    auto operator<=>(const StrongId&) const = default;

private:
    std::string value_;
};

using UserId = StrongId<struct UserIdTag>;
using OrganisationId = StrongId<struct OrganisationIdTag>;
using AreaId = StrongId<struct AreaIdTag>;

}  // namespace samverkan
