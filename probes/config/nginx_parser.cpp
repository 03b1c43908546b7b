#include "probes/config/nginx_parser.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;

struct Node {
    std::string name;
    std::vector<std::string> args;
    int line = 0;
    std::size_t parent = 0;
    std::vector<std::size_t> children;
    bool block = false;
};

enum class Tok { Word, Semicolon, Open, Close, End };

struct Token {
    Tok kind = Tok::End;
    std::string text;
    int line = 0;
};

class Lexer {
public:
    Lexer(std::string_view s, ConfigBuilder& out) : s_(s), out_(out) {}

    Token next() {
        skip_space_and_comments();
        if (pos_ >= s_.size()) return Token{Tok::End, {}, line_};
        const char c = s_[pos_];
        const int line = line_;
        if (c == ';' || c == '{' || c == '}') {
            ++pos_;
            return Token{c == ';' ? Tok::Semicolon : c == '{' ? Tok::Open : Tok::Close, {}, line};
        }
        if (c == '"' || c == '\'') return quoted(c);
        std::string word;
        while (pos_ < s_.size()) {
            const char w = s_[pos_];
            // Quotes only open a string at the start of a word: inside one
            // (regex locations such as ^/([^/?&:'"]+)$) they are literal.
            if (std::isspace(static_cast<unsigned char>(w)) || w == ';') break;
            if (w == '{' || w == '}') {
                // ${var} inside a word is a variable, not a block.
                if (w == '{' && !word.empty() && word.back() == '$') {
                    const auto close = s_.find('}', pos_);
                    if (close != std::string_view::npos) {
                        word.append(s_.substr(pos_, close + 1 - pos_));
                        pos_ = close + 1;
                        continue;
                    }
                }
                break;
            }
            if (w == '\\' && pos_ + 1 < s_.size()) word += s_[pos_++];
            word += s_[pos_++];
            if (word.size() > limits::kMaxLineLength) break;
        }
        return Token{Tok::Word, std::move(word), line};
    }

private:
    void skip_space_and_comments() {
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == '\n') {
                ++line_;
                ++pos_;
            } else if (c == '\r') {
                // CRLF counts once; a lone CR ends a line too.
                if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '\n') ++line_;
                ++pos_;
            } else if (std::isspace(static_cast<unsigned char>(c))) {
                ++pos_;
            } else if (c == '#') {
                while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
            } else {
                break;
            }
        }
    }

    Token quoted(char q) {
        const int line = line_;
        ++pos_;
        std::string value;
        while (pos_ < s_.size() && s_[pos_] != q) {
            char c = s_[pos_++];
            if (c == '\\' && pos_ < s_.size()) c = s_[pos_++];
            if (c == '\n') ++line_;
            if (value.size() < limits::kMaxLineLength) value += c;
        }
        if (pos_ >= s_.size())
            out_.issue(line, "quoted string is not closed");
        else
            ++pos_;
        return Token{Tok::Word, std::move(value), line};
    }

    std::string_view s_;
    ConfigBuilder& out_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

std::string join(const std::vector<std::string>& args) {
    std::string out;
    for (const std::string& a : args) {
        if (!out.empty()) out += ' ';
        out += a;
    }
    return out;
}

class Tree {
public:
    explicit Tree(ConfigBuilder& out) : out_(out) { nodes_.push_back(Node{}); }

    void parse(std::string_view input) {
        Lexer lex(text::strip_bom(input).substr(0, std::min(input.size(), limits::kMaxConfigBytes)), out_);
        std::size_t current = 0;
        std::size_t depth = 0;
        std::vector<Token> words;
        for (Token t = lex.next(); t.kind != Tok::End && !out_.full(); t = lex.next()) {
            switch (t.kind) {
                case Tok::Word:
                    if (words.size() > limits::kMaxArguments) break;
                    if (words.size() == limits::kMaxArguments) {
                        out_.issue(t.line, "directive with more than " + std::to_string(limits::kMaxArguments) +
                                               " arguments: the rest dropped");
                        words.push_back(Token{Tok::Word, {}, t.line});  // one empty marker, then nothing more
                        break;
                    }
                    words.push_back(std::move(t));
                    break;
                case Tok::Semicolon:
                    if (!words.empty()) add(current, words, false);
                    words.clear();
                    break;
                case Tok::Open:
                    if (words.empty()) out_.issue(t.line, "block '{' without a directive name");
                    if (depth >= limits::kMaxNesting) {
                        out_.issue(t.line, "blocks nested deeper than " + std::to_string(limits::kMaxNesting) + " levels: skipped");
                        skip_block(lex);
                        words.clear();
                        break;
                    }
                    if (words.empty()) words.push_back(Token{Tok::Word, {}, t.line});
                    current = add(current, words, true);
                    ++depth;
                    words.clear();
                    break;
                case Tok::Close:
                    if (!words.empty()) {
                        out_.issue(words.front().line, "directive without ';' before '}'");
                        add(current, words, false);
                        words.clear();
                    }
                    if (depth == 0) {
                        out_.issue(t.line, "'}' without an open block");
                    } else {
                        current = nodes_[current].parent;
                        --depth;
                    }
                    break;
                case Tok::End: break;
            }
        }
        if (!words.empty()) {
            out_.issue(words.front().line, "directive without ';' at the end of the file");
            add(current, words, false);
        }
        if (depth > 0) out_.issue(nodes_[current].line, "block is not closed with '}'");
    }

    const std::vector<Node>& nodes() const { return nodes_; }

    std::string path(std::size_t i) const {
        std::string p = nodes_[i].name;
        for (std::size_t n = nodes_[i].parent; n != 0; n = nodes_[n].parent) p = nodes_[n].name + "." + p;
        return p;
    }

private:
    std::size_t add(std::size_t parent, std::vector<Token>& words, bool block) {
        Node n;
        n.name = std::move(words.front().text);
        n.line = words.front().line;
        for (std::size_t i = 1; i < words.size(); ++i) n.args.push_back(std::move(words[i].text));
        n.parent = parent;
        n.block = block;
        nodes_.push_back(std::move(n));
        const std::size_t index = nodes_.size() - 1;
        nodes_[parent].children.push_back(index);
        out_.raw(path(index), join(nodes_[index].args), nodes_[index].line);
        return index;
    }

    static void skip_block(Lexer& lex) {
        std::size_t open = 1;
        while (open > 0) {
            const Token t = lex.next();
            if (t.kind == Tok::End) return;
            if (t.kind == Tok::Open) ++open;
            if (t.kind == Tok::Close) --open;
        }
    }

    ConfigBuilder& out_;
    std::vector<Node> nodes_;
};

// ------------------------------------------------------------------ normalising

bool is_https_redirect(const Node& n) {
    if (n.name != "return" || n.args.size() < 2) return false;
    const auto code = text::parse_int(n.args[0]);
    return code && (*code == 301 || *code == 302 || *code == 303 || *code == 307 || *code == 308) &&
           ascii::istarts_with(n.args[1], "https://");
}

class Normaliser {
public:
    Normaliser(const Tree& tree, ConfigBuilder& out) : t_(tree), n_(tree.nodes()), out_(out) {}

    void run() {
        bool any_tls = false;
        bool ciphers = false;
        for (std::size_t i = 1; i < n_.size(); ++i) {
            const Node& n = n_[i];
            if (n.block && n.name == "server" && !inside(i, "upstream")) any_tls = server(i) || any_tls;
            if (n.name == "ssl_protocols") protocols(i);
            if (n.name == "ssl_ciphers" && !n.args.empty()) {
                out_.set("tls.ciphers", n.args.front(), t_.path(i), n.line);
                ciphers = true;
            }
        }
        if (any_tls && !ciphers) out_.set_default("tls.ciphers", "HIGH:!aNULL:!MD5");  // nginx's ssl_ciphers default
    }

private:
    bool inside(std::size_t i, std::string_view block) const {
        for (std::size_t p = n_[i].parent; p != 0; p = n_[p].parent)
            if (n_[p].name == block) return true;
        return false;
    }

    std::optional<std::size_t> child(std::size_t i, std::string_view name) const {
        for (std::size_t c : n_[i].children)
            if (n_[c].name == name) return c;
        return std::nullopt;
    }

    // A plain-HTTP server that only sends clients to HTTPS serves nothing in
    // clear: `return 30x https://...` at server level or in `location /`
    // (other locations, such as ACME challenges, do not change that).
    bool redirects_only(std::size_t server) const {
        for (std::size_t c : n_[server].children) {
            if (is_https_redirect(n_[c])) return true;
            if (n_[c].block && n_[c].name == "location" && n_[c].args.size() == 1 && n_[c].args[0] == "/")
                for (std::size_t g : n_[c].children)
                    if (is_https_redirect(n_[g])) return true;
        }
        return false;
    }

    // HSTS header of the server, or inherited from the enclosing blocks when
    // the server sets no add_header of its own (nginx inheritance rule).
    std::optional<std::size_t> hsts(std::size_t server) const {
        for (std::size_t at = server;; at = n_[at].parent) {
            bool own = false;
            for (std::size_t c : n_[at].children) {
                if (n_[c].name != "add_header") continue;
                own = true;
                if (!n_[c].args.empty() && ascii::iequals(n_[c].args[0], "Strict-Transport-Security")) return c;
            }
            if (own || at == 0) return std::nullopt;
        }
    }

    // Returns whether the server serves TLS.
    bool server(std::size_t s) {
        const std::optional<std::size_t> ssl_on = child(s, "ssl");
        const bool all_ssl = ssl_on && !n_[*ssl_on].args.empty() && ascii::iequals(n_[*ssl_on].args[0], "on");
        std::optional<std::size_t> plain;
        std::optional<std::size_t> tls;
        bool any_listen = false;
        for (std::size_t c : n_[s].children) {
            if (n_[c].name != "listen") continue;
            any_listen = true;
            const auto& a = n_[c].args;
            const bool is_tls = all_ssl || std::find(a.begin(), a.end(), "ssl") != a.end() ||
                                std::find(a.begin(), a.end(), "quic") != a.end();
            if (is_tls && !tls) tls = c;
            if (!is_tls && !plain) plain = c;
        }
        const bool redirect = redirects_only(s);
        if (!any_listen) {
            // A server without listen listens on port 80.
            out_.set(all_ssl ? "mgmt.https" : "mgmt.http", redirect && !all_ssl ? "off" : "on", t_.path(s), n_[s].line, false);
        }
        if (plain) out_.set("mgmt.http", redirect ? "off" : "on", t_.path(*plain), n_[*plain].line, false);
        const bool serves_tls = tls.has_value() || (!any_listen && all_ssl);
        if (tls) out_.set("mgmt.https", "on", t_.path(*tls), n_[*tls].line, false);
        if (serves_tls) {
            if (const auto h = hsts(s))
                out_.set("http.hsts", "on", t_.path(*h), n_[*h].line, false);
            else
                out_.set_default("http.hsts", "off");
        }
        return serves_tls;
    }

    void protocols(std::size_t i) {
        std::optional<std::string> lowest;
        for (const std::string& p : n_[i].args)
            if (const auto v = text::tls_version(p); v && (!lowest || *v < *lowest)) lowest = v;
        if (lowest) out_.set("tls.min_version", *lowest, t_.path(i), n_[i].line, false);
    }

    const Tree& t_;
    const std::vector<Node>& n_;
    ConfigBuilder& out_;
};

}  // namespace

ParsedConfig parse_nginx_conf(std::string_view input) {
    ConfigBuilder out(Format::NginxConf);
    out.device().vendor = "nginx";
    out.device().product = "nginx";
    out.device().role = "web";
    Tree tree(out);
    tree.parse(input);
    Normaliser(tree, out).run();
    return out.take();
}

}  // namespace vca::probes::config
