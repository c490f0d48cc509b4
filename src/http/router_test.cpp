#include "http/router.hpp"

#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "http/json_input.hpp"

namespace samverkan::http {
namespace {

TEST(RouterTest, MatchesPatternsAndReportsOtherMethods) {
    Router r;
    r.Add("GET", "/api/v1/organisations/{id}", [](const Context&) { return Response{}; });
    r.Add("POST", "/api/v1/organisations", [](const Context&) { return Response{}; });
    Match m = r.Find("GET", "/api/v1/organisations/abc");
    ASSERT_NE(m.route, nullptr);
    EXPECT_EQ(m.params.at("id"), "abc");
    EXPECT_NE(r.Find("HEAD", "/api/v1/organisations/abc").route, nullptr);
    Match wrong = r.Find("DELETE", "/api/v1/organisations");
    EXPECT_EQ(wrong.route, nullptr);
    EXPECT_EQ(wrong.allowed_methods, std::vector<std::string>{"POST"});
    EXPECT_TRUE(r.Find("GET", "/api/v1/nothing").allowed_methods.empty());
    EXPECT_EQ(r.Find("GET", "/api/v1/organisations/").route, nullptr);
}

std::string FieldOf(std::string_view body) {
    try {
        JsonBody b(body, {"name", "kind"});
        b.RequiredString("name", 10);
        return "ok";
    } catch (const ValidationError& e) {
        return e.Field().empty() ? std::string("(body)") : e.Field();
    }
}

TEST(JsonBodyTest, RefusesEveryKindOfBadBodyNamingTheField) {
    EXPECT_EQ(FieldOf(R"({"name":"Kista"})"), "ok");
    EXPECT_EQ(FieldOf(""), "(body)");
    EXPECT_EQ(FieldOf("{"), "(body)");
    EXPECT_EQ(FieldOf("[1]"), "(body)");
    EXPECT_EQ(FieldOf("{\"name\":\"\xC3\x28\"}"), "(body)");  // invalid UTF-8
    EXPECT_EQ(FieldOf(R"({"name":42})"), "name");
    EXPECT_EQ(FieldOf(R"({"name":"far too long a name"})"), "name");
    EXPECT_EQ(FieldOf(R"({"kind":"x"})"), "name");
    EXPECT_EQ(FieldOf(R"({"name":"a","admin":true})"), "admin");
}

TEST(JsonBodyTest, TrimsSingleLineTextAndRefusesControlCharacters) {
    JsonBody b(R"({"name":"  Kista torg  ","kind":"a\u0000b"})", {"name", "kind"});
    EXPECT_EQ(b.RequiredString("name"), "Kista torg");
    EXPECT_THROW(b.RequiredString("kind"), ValidationError);
    EXPECT_THROW(JsonBody(R"({"name":"   "})", {"name"}).RequiredString("name"), ValidationError);
    EXPECT_EQ(JsonBody(R"({"name":"rad 1\nrad 2"})", {"name"}).OptionalText("name", 100), "rad 1\nrad 2");
    EXPECT_EQ(JsonBody(R"({"name":"  lösen med mellanslag "})", {"name"}).RequiredSecret("name", 100),
              "  lösen med mellanslag ");
}

TEST(RequestTest, ReadsCookiesByExactName) {
    Request r;
    r.headers = {{"cookie", "a=1; samverkan_session=tok; samverkan_session_old=x"}};
    EXPECT_EQ(r.Cookie("samverkan_session"), "tok");
    EXPECT_EQ(r.Cookie("a"), "1");
    EXPECT_FALSE(r.Cookie("b").has_value());
}

}  // namespace
}  // namespace samverkan::http

