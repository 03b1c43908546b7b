#include <iostream>

#include "auditor/cli/options.hpp"
#include "auditor/facts/schema.hpp"
#include "auditor/pipeline/exit_codes.hpp"

namespace vca::cli {

int cmd_schema(const Args& args) {
    po::options_description desc("schema options");
    desc.add_options()("help,h", "show this help")("sql", po::bool_switch(), "print the SQL DDL instead of the description");
    po::variables_map vm;
    if (auto stop = parse_options("schema", "vcaudit schema [--sql]", args, desc, vm)) return *stop;
    std::cout << (vm["sql"].as<bool>() ? facts::schema_ddl() : facts::schema_text());
    return pipeline::kExitOk;
}

}  // namespace vca::cli
