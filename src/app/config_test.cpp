#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace samverkan::app {
namespace {

ParsedCommandLine Parse(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    std::vector<char*> argv{const_cast<char*>("samverkan")};
    for (auto& a : args) argv.push_back(a.data());
    return ParseCommandLine(static_cast<int>(argv.size()), argv.data(), env);
}

TEST(ConfigTest, FlagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults) {
    std::string file = ::testing::TempDir() + "/samverkan.conf";
    std::ofstream(file) << "# comment\nport = 9000\nworkers = 3\nmax-body = 4096\n";
    auto p = Parse({"serve", "--config", file, "--port", "9002"}, {{"SAMVERKAN_PORT", "9001"}, {"SAMVERKAN_WORKERS", "5"}});
    EXPECT_EQ(p.config.port, 9002);
    EXPECT_EQ(p.config.workers, 5);
    EXPECT_EQ(p.config.max_body, 4096u);
    EXPECT_EQ(p.config.db, "sqlite:samverkan.db");
    EXPECT_EQ(p.positional, std::vector<std::string>{"serve"});
}

TEST(ConfigTest, BadValuesNameTheFlag) {
    try {
        Parse({"serve", "--port", "80000"});
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("--port"), std::string::npos);
    }
    EXPECT_THROW(Parse({"serve", "--port"}), std::invalid_argument);
    EXPECT_THROW(Parse({"serve", "--workers=x"}), std::invalid_argument);
}

TEST(ConfigTest, SubcommandFlagsStayPositional) {
    auto p = Parse({"user", "add", "anna", "--role", "coordinator", "--demo"});
    EXPECT_EQ(p.positional, (std::vector<std::string>{"user", "add", "anna", "--role", "coordinator"}));
    EXPECT_TRUE(p.config.demo);
}

TEST(ConfigTest, HelpExplainsEveryFlag) {
    std::string help = HelpText();
    for (const char* flag : {"--db", "--port", "--max-body", "--read-timeout", "--max-connections", "--demo", "--config"})
        EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace samverkan::app
