#include "auditor/scan/yara_rules.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yara.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>

#include "auditor/scan/scan_limits.hpp"

namespace vca::scan {

namespace fs = std::filesystem;

namespace {

struct CompileLog {
    std::string current_file;  // reported when libyara gives no file name
    bool bundled = false;
    std::optional<core::Diagnostic> first_error;
    std::vector<std::string> warnings;
};

void on_compiler_message(int level, const char* file_name, int line, const YR_RULE* /*rule*/, const char* message,
                         void* user_data) {
    auto* log = static_cast<CompileLog*>(user_data);
    std::string where = file_name != nullptr && *file_name != '\0' ? file_name : log->current_file;
    if (line > 0) where += ":" + std::to_string(line);
    std::string text = message != nullptr ? message : "unknown error";
    if (line <= 0) text += " (at the end of the file)";
    if (level == YARA_ERROR_LEVEL_WARNING) {
        log->warnings.push_back(where + ": " + text);
        return;
    }
    if (log->first_error) return;
    log->first_error = core::make_diag(
        kErrRuleSyntax, "YARA rule does not compile: " + text,
        log->bundled ? "the bundled rules are damaged: reinstall vcaudit"
                     : "fix the rule (yara syntax) or leave this file out of --yara",
        where);
}

core::Diagnostic unreadable(const fs::path& path, const std::string& why, bool bundled) {
    return core::make_diag(kErrRuleUnreadable, "cannot use YARA rules: " + why,
                           bundled ? "the bundled rule folder is missing or damaged: reinstall vcaudit"
                                   : "pass a readable .yar file or a folder of .yar/.yara files to --yara",
                           path.string());
}

bool has_rule_extension(const fs::path& p, bool bundled) {
    const std::string ext = p.extension().string();
    return ext == ".yar" || (!bundled && ext == ".yara");
}

// Rule files directly inside `dir`, sorted by name for a stable order.
core::Result<std::vector<fs::path>> rule_files_in(const fs::path& dir, bool bundled) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return unreadable(dir, "cannot list the folder (" + ec.message() + ")", bundled);
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return unreadable(dir, "cannot list the folder (" + ec.message() + ")", bundled);
        std::error_code type_ec;
        if (!it->is_regular_file(type_ec) || !has_rule_extension(it->path(), bundled)) continue;
        files.push_back(it->path());
        if (files.size() > limits::kMaxRuleFilesPerFolder)
            return unreadable(dir, "more than " + std::to_string(limits::kMaxRuleFilesPerFolder) + " rule files",
                              bundled);
    }
    if (ec) return unreadable(dir, "cannot list the folder (" + ec.message() + ")", bundled);
    std::sort(files.begin(), files.end());
    return files;
}

// Opens a rule file for libyara: a regular file within the size bound.
core::Result<int> open_rule_file(const fs::path& path, bool bundled) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return unreadable(path, std::strerror(errno), bundled);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return unreadable(path, "not a regular file", bundled);
    }
    if (static_cast<std::uint64_t>(st.st_size) > limits::kMaxRuleFileBytes) {
        ::close(fd);
        return unreadable(path, "larger than " + std::to_string(limits::kMaxRuleFileBytes) + " bytes", bundled);
    }
    return fd;
}

struct CompilerHandle {
    YR_COMPILER* compiler = nullptr;
    ~CompilerHandle() {
        if (compiler != nullptr) yr_compiler_destroy(compiler);
    }
};

std::string join_tags(const YR_RULE* rule) {
    std::string tags;
    const char* tag = nullptr;
    yr_rule_tags_foreach(rule, tag) {
        if (!tags.empty()) tags += ',';
        tags += tag;
    }
    return tags;
}

RuleInfo describe(const YR_RULE* rule) {
    RuleInfo info;
    info.name = rule->identifier;
    info.ns = rule->ns->name;
    info.tags = join_tags(rule);
    const YR_META* meta = nullptr;
    yr_rule_metas_foreach(rule, meta) {
        if (meta->type != META_TYPE_STRING || meta->string == nullptr) continue;
        const std::string key = meta->identifier;
        if (key == "description") info.description = meta->string;
        else if (key == "description_vi") info.description_vi = meta->string;
        else if (key == "severity") info.severity = meta->string;
    }
    return info;
}

}  // namespace

core::Result<std::shared_ptr<const RuleSet>> RuleSet::compile(const RuleSetSpec& spec) {
    // Gather the sources first: a path mistake is reported before compiling.
    std::vector<RuleSource> sources;
    std::vector<bool> bundled_flags;
    if (!spec.bundled_dir.empty()) {
        auto files = rule_files_in(spec.bundled_dir, true);
        if (!files) return files.error();
        for (auto& f : *files) {
            sources.push_back(RuleSource{f, kBundledNamespace});
            bundled_flags.push_back(true);
        }
    }
    for (const auto& p : spec.user_paths) {
        std::error_code ec;
        const auto status = fs::status(p, ec);
        if (ec || !fs::exists(status)) return unreadable(p, "no such file or folder", false);
        if (fs::is_directory(status)) {
            auto files = rule_files_in(p, false);
            if (!files) return files.error();
            if (files->empty())
                return core::make_diag(kErrNoRules, "folder holds no .yar or .yara file",
                                       "put YARA rule files in it or pass the files themselves to --yara",
                                       p.string());
            for (auto& f : *files) {
                sources.push_back(RuleSource{f, f.stem().string()});
                bundled_flags.push_back(false);
            }
        } else {
            sources.push_back(RuleSource{p, p.stem().string()});
            bundled_flags.push_back(false);
        }
    }
    if (sources.empty())
        return core::make_diag(kErrNoRules, "no YARA rule file to compile",
                               "pass --yara FILE|DIR or install the bundled rules (rules/yara)");

    std::shared_ptr<RuleSet> set(new RuleSet());
    if (!set->runtime_.ok())
        return core::make_diag(kErrYaraRuntime, "libyara could not start", "free some memory and run again");

    CompilerHandle ch;
    if (yr_compiler_create(&ch.compiler) != ERROR_SUCCESS)
        return core::make_diag(kErrYaraRuntime, "libyara could not create a compiler", "free some memory and run again");
    CompileLog log;
    yr_compiler_set_callback(ch.compiler, on_compiler_message, &log);

    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto& src = sources[i];
        auto fd = open_rule_file(src.path, bundled_flags[i]);
        if (!fd) return fd.error();
        log.current_file = src.path.string();
        log.bundled = bundled_flags[i];
        const int errors = yr_compiler_add_fd(ch.compiler, *fd, src.ns.c_str(), src.path.c_str());
        ::close(*fd);
        if (errors > 0) {
            // libyara refuses further input once a file failed.
            if (log.first_error) return *log.first_error;
            return core::make_diag(kErrRuleSyntax, "YARA rule does not compile", "fix the rule", src.path.string());
        }
    }

    YR_RULES* rules = nullptr;
    if (yr_compiler_get_rules(ch.compiler, &rules) != ERROR_SUCCESS || rules == nullptr)
        return core::make_diag(kErrYaraRuntime, "libyara could not build the rule set", "free some memory and run again");
    set->rules_handle_ = rules;
    set->sources_ = std::move(sources);
    set->warnings_ = std::move(log.warnings);

    const YR_RULE* rule = nullptr;
    yr_rules_foreach(rules, rule) {
        set->rules_.push_back(describe(rule));
    }
    if (set->rules_.empty())
        return core::make_diag(kErrNoRules, "the YARA files hold no rule",
                               "add at least one rule to the files given to --yara");
    return std::shared_ptr<const RuleSet>(std::move(set));
}

RuleSet::~RuleSet() {
    if (rules_handle_ != nullptr) yr_rules_destroy(rules_handle_);
}

const RuleInfo* RuleSet::find(const std::string& ns, const std::string& name) const {
    for (const auto& r : rules_)
        if (r.ns == ns && r.name == name) return &r;
    return nullptr;
}

}  // namespace vca::scan
