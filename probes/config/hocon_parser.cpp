#include "probes/config/hocon_parser.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "probes/config/config_limits.hpp"
#include "probes/config/config_text.hpp"

namespace vca::probes::config {
namespace {

using text::ConfigBuilder;

// ------------------------------------------------------------------ lexer

enum class T { Newline, LBrace, RBrace, LBracket, RBracket, Comma, Equals, Colon, PlusEquals, String, Unquoted, Subst, End };

struct Tok {
    T kind = T::End;
    std::string text;  // string content, unquoted text, or substitution path
    int line = 0;
    bool space_before = false;
    bool optional = false;  // ${?path}
};

class Lexer {
public:
    Lexer(std::string_view s, ConfigBuilder& out) : s_(s), out_(out) {}

    Tok next() {
        bool space = false;
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == '\n') {
                ++pos_;
                return Tok{T::Newline, {}, line_++, space};
            }
            if (c == '\r') {
                ++pos_;
                if (pos_ >= s_.size() || s_[pos_] != '\n') return Tok{T::Newline, {}, line_++, space};
                continue;
            }
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++pos_;
                space = true;
                continue;
            }
            if (c == '#' || (c == '/' && peek(1) == '/')) {
                while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
                continue;
            }
            break;
        }
        if (pos_ >= s_.size()) return Tok{T::End, {}, line_, space};
        const char c = s_[pos_];
        Tok t{T::End, {}, line_, space};
        switch (c) {
            case '{': t.kind = T::LBrace; ++pos_; return t;
            case '}': t.kind = T::RBrace; ++pos_; return t;
            case '[': t.kind = T::LBracket; ++pos_; return t;
            case ']': t.kind = T::RBracket; ++pos_; return t;
            case ',': t.kind = T::Comma; ++pos_; return t;
            case '=': t.kind = T::Equals; ++pos_; return t;
            case ':': t.kind = T::Colon; ++pos_; return t;
            default: break;
        }
        if (c == '+' && peek(1) == '=') {
            pos_ += 2;
            t.kind = T::PlusEquals;
            return t;
        }
        if (c == '"') return quoted(t);
        if (c == '$' && peek(1) == '{') return substitution(t);
        if (c == '<' && peek(1) == '%') return erb(t);
        return unquoted(t);
    }

private:
    char peek(std::size_t ahead) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }

    void append(std::string& s, char c) const {
        if (s.size() < limits::kMaxLineLength) s += c;
    }

    Tok quoted(Tok t) {
        t.kind = T::String;
        if (s_.substr(pos_).starts_with("\"\"\"")) {
            pos_ += 3;
            const auto end = s_.find("\"\"\"", pos_);
            const std::size_t stop = end == std::string_view::npos ? s_.size() : end;
            for (; pos_ < stop; ++pos_) {
                if (s_[pos_] == '\n') ++line_;
                append(t.text, s_[pos_]);
            }
            if (end == std::string_view::npos) out_.issue(t.line, "triple-quoted string is not closed");
            else pos_ = end + 3;
            return t;
        }
        ++pos_;
        while (pos_ < s_.size() && s_[pos_] != '"' && s_[pos_] != '\n' && s_[pos_] != '\r') {
            char c = s_[pos_++];
            if (c == '\\' && pos_ < s_.size() && s_[pos_] != '\n') {
                c = s_[pos_++];
                if (c == 'n') c = '\n';
                else if (c == 't') c = '\t';
            }
            append(t.text, c);
        }
        if (pos_ < s_.size() && s_[pos_] == '"') ++pos_;
        else out_.issue(t.line, "quoted string is not closed on its line");
        return t;
    }

    Tok substitution(Tok t) {
        const auto close = s_.find_first_of("}\n", pos_);
        if (close == std::string_view::npos || s_[close] != '}') {
            out_.issue(t.line, "substitution '${' is not closed with '}'");
            t.text = "${";  // kept as text with what follows it
            pos_ += 2;
            return unquoted(t);
        }
        std::string_view path = s_.substr(pos_ + 2, close - pos_ - 2);
        if (path.starts_with("?")) {
            t.optional = true;
            path.remove_prefix(1);
        }
        t.kind = T::Subst;
        t.text = std::string(text::trim(path).substr(0, limits::kMaxLineLength));
        pos_ = close + 1;
        return t;
    }

    // ERB template marker <%= var %>: one placeholder word.
    Tok erb(Tok t) {
        const auto close = s_.find("%>", pos_);
        const auto nl = s_.find('\n', pos_);
        if (close == std::string_view::npos || (nl != std::string_view::npos && nl < close)) return unquoted(t);
        t.kind = T::Unquoted;
        t.text = std::string(s_.substr(pos_, close + 2 - pos_).substr(0, limits::kMaxLineLength));
        pos_ = close + 2;
        return t;
    }

    Tok unquoted(Tok t) {
        t.kind = T::Unquoted;
        const std::size_t start = pos_;
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (std::isspace(static_cast<unsigned char>(c)) || c == '{' || c == '}' || c == '[' || c == ']' || c == ',' ||
                c == ':' || c == '=' || c == '"' || c == '#')
                break;
            if ((c == '/' && peek(1) == '/') || (c == '$' && peek(1) == '{') || (c == '+' && peek(1) == '=') ||
                (c == '<' && peek(1) == '%'))
                break;
            append(t.text, c);
            ++pos_;
        }
        if (pos_ == start && t.text.empty()) append(t.text, s_[pos_++]);  // a lone special character: taken as text
        return t;
    }

    std::string_view s_;
    ConfigBuilder& out_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

// ------------------------------------------------------------------ parser

// A scalar as written: literal text and substitutions, in order.
struct Piece {
    std::string text;
    bool subst = false;
    bool optional = false;
};

struct Field {
    std::string path;
    std::vector<Piece> pieces;
    int line = 0;
    std::string resolved;
    bool unresolved = false;
};

class Parser {
public:
    Parser(std::string_view s, ConfigBuilder& out) : lex_(s, out), out_(out) { advance(); }

    std::vector<Field> parse() {
        skip_newlines();
        if (tok_.kind == T::LBrace) {
            advance();
            object_body("", true, 1);
        } else {
            object_body("", false, 0);
        }
        skip_newlines_and_commas();
        if (tok_.kind != T::End && !overflow_) out_.issue(tok_.line, "text after the end of the root object");
        return std::move(fields_);
    }

    std::vector<std::pair<std::string, int>> includes;

private:
    void advance() { tok_ = lex_.next(); }

    void skip_newlines() {
        while (tok_.kind == T::Newline) advance();
    }
    void skip_newlines_and_commas() {
        while (tok_.kind == T::Newline || tok_.kind == T::Comma) advance();
    }

    // Recovery: drop the rest of the line, keeping brackets balanced so a
    // damaged line does not close the enclosing object.
    void skip_line() {
        int depth = 0;
        while (tok_.kind != T::End) {
            if (tok_.kind == T::Newline && depth == 0) return;
            if (tok_.kind == T::LBrace || tok_.kind == T::LBracket) ++depth;
            if (tok_.kind == T::RBrace || tok_.kind == T::RBracket) {
                if (depth == 0) return;
                --depth;
            }
            advance();
        }
    }

    static std::string join(const std::string& prefix, const std::string& key) {
        return prefix.empty() ? key : prefix + "." + key;
    }

    // Key path: unquoted parts split at dots, quoted parts taken whole.
    std::optional<std::string> key() {
        std::string path;
        bool any = false;
        while (tok_.kind == T::Unquoted || tok_.kind == T::String) {
            if (any && tok_.space_before) path += ' ';
            path += tok_.text;
            any = true;
            advance();
        }
        if (!any) return std::nullopt;
        return std::string(text::trim(path));
    }

    void object_body(const std::string& prefix, bool braced, std::size_t depth) {
        const std::size_t fields_before = fields_.size();
        for (;;) {
            if (overflow_) return;
            skip_newlines_and_commas();
            if (tok_.kind == T::End) {
                if (braced) out_.issue(tok_.line, "object is not closed with '}'");
                return;
            }
            if (tok_.kind == T::RBrace) {
                if (braced) {
                    // An empty object is kept as "path" = "{}" so its key is seen.
                    if (fields_.size() == fields_before && !prefix.empty()) add(prefix, {Piece{"{}"}}, tok_.line);
                    advance();
                    return;
                }
                out_.issue(tok_.line, "'}' without an open object");
                advance();
                continue;
            }
            const int line = tok_.line;
            if (tok_.kind == T::Unquoted && tok_.text == "include") {
                advance();
                std::string target;
                while (tok_.kind == T::String || tok_.kind == T::Unquoted || tok_.kind == T::LBracket || tok_.kind == T::RBracket) {
                    if (tok_.kind == T::String) target = tok_.text;
                    advance();
                }
                if (target.empty()) out_.issue(line, "include without a file name");
                else if (includes.size() < limits::kMaxRawSettings) includes.emplace_back(target, line);
                continue;
            }
            const std::optional<std::string> k = key();
            if (!k) {
                out_.issue(line, "expected a key");
                advance();
                skip_line();
                continue;
            }
            const std::string path = join(prefix, *k);
            if (tok_.kind == T::Equals || tok_.kind == T::Colon || tok_.kind == T::PlusEquals) {
                advance();
            } else if (tok_.kind != T::LBrace) {
                out_.issue(line, "expected '=', ':' or '{' after the key");
                skip_line();
                continue;
            }
            value(path, depth, line);
        }
    }

    void value(const std::string& path, std::size_t depth, int line) {
        if (tok_.kind == T::LBrace || tok_.kind == T::LBracket) {
            if (depth >= limits::kMaxNesting) {
                out_.issue(line, "nested deeper than " + std::to_string(limits::kMaxNesting) + " levels: skipped");
                skip_nested();
                return;
            }
            const bool object = tok_.kind == T::LBrace;
            advance();
            if (object) object_body(path, true, depth + 1);
            else array(path, depth + 1);
            return;
        }
        std::vector<Piece> pieces;
        bool first = true;
        while (tok_.kind == T::String || tok_.kind == T::Unquoted || tok_.kind == T::Subst || tok_.kind == T::Colon ||
               tok_.kind == T::Equals) {
            if (!first && tok_.space_before) pieces.push_back(Piece{" "});
            if (tok_.kind == T::Subst) pieces.push_back(Piece{tok_.text, true, tok_.optional});
            else if (tok_.kind == T::Colon) pieces.push_back(Piece{":"});
            else if (tok_.kind == T::Equals) pieces.push_back(Piece{"="});
            else pieces.push_back(Piece{tok_.text});
            first = false;
            advance();
            if (pieces.size() > limits::kMaxArguments) break;
        }
        if (pieces.empty()) {
            out_.issue(line, "key without a value");
            skip_line();
            return;
        }
        add(path, std::move(pieces), line);
    }

    void array(const std::string& path, std::size_t depth) {
        std::size_t index = 0;
        for (;;) {
            if (overflow_) return;
            skip_newlines_and_commas();
            if (tok_.kind == T::RBracket) {
                if (index == 0) add(path, {Piece{"[]"}}, tok_.line);
                advance();
                return;
            }
            if (tok_.kind == T::End || tok_.kind == T::RBrace) {
                out_.issue(tok_.line, "array is not closed with ']'");
                return;
            }
            const int line = tok_.line;
            const std::string element = path + "[" + std::to_string(index++) + "]";
            if (tok_.kind == T::String || tok_.kind == T::Unquoted || tok_.kind == T::Subst || tok_.kind == T::LBrace ||
                tok_.kind == T::LBracket) {
                value(element, depth, line);
            } else {
                out_.issue(line, "unexpected token in array");
                advance();
            }
        }
    }

    void skip_nested() {
        int depth = 0;
        do {
            if (tok_.kind == T::LBrace || tok_.kind == T::LBracket) ++depth;
            if (tok_.kind == T::RBrace || tok_.kind == T::RBracket) --depth;
            advance();
        } while (depth > 0 && tok_.kind != T::End);
    }

    void add(const std::string& path, std::vector<Piece> pieces, int line) {
        if (fields_.size() >= limits::kMaxRawSettings) {
            if (!overflow_)
                out_.issue(line, "more than " + std::to_string(limits::kMaxRawSettings) + " settings: the rest is not read");
            overflow_ = true;
            return;
        }
        fields_.push_back(Field{path, std::move(pieces), line, {}, false});
    }

    Lexer lex_;
    ConfigBuilder& out_;
    Tok tok_;
    std::vector<Field> fields_;
    bool overflow_ = false;
};

// ------------------------------------------------------------------ substitutions

std::string as_written(const Field& f) {
    std::string out;
    for (const Piece& p : f.pieces) out += p.subst ? (p.optional ? "${?" : "${") + p.text + "}" : p.text;
    return out;
}

// Resolves ${path} against the file's own values (the last assignment of a
// path wins); chains are followed up to kMaxSubstitutionDepth passes.
void resolve(std::vector<Field>& fields) {
    std::map<std::string, std::size_t> last;
    for (std::size_t i = 0; i < fields.size(); ++i) last[fields[i].path] = i;
    for (Field& f : fields) {
        f.unresolved = std::any_of(f.pieces.begin(), f.pieces.end(), [](const Piece& p) { return p.subst; });
        f.resolved = as_written(f);
    }
    for (std::size_t pass = 0; pass < limits::kMaxSubstitutionDepth; ++pass) {
        bool changed = false;
        for (Field& f : fields) {
            if (!f.unresolved) continue;
            std::string value;
            bool all = true;
            for (const Piece& p : f.pieces) {
                if (value.size() > limits::kMaxLineLength) break;  // chained substitutions cannot grow without bound
                if (!p.subst) {
                    value += p.text;
                    continue;
                }
                const auto it = last.find(p.text);
                if (it != last.end() && !fields[it->second].unresolved && &fields[it->second] != &f) {
                    value += fields[it->second].resolved;
                } else {
                    all = false;
                    value += (p.optional ? "${?" : "${") + p.text + "}";
                }
            }
            if (all) {
                f.resolved = value.substr(0, limits::kMaxLineLength);
                f.unresolved = false;
                changed = true;
            }
        }
        if (!changed) break;
    }
}

// ------------------------------------------------------------------ normalising

std::string last_segment(std::string_view path) {
    if (const auto dot = path.find_last_of('.'); dot != std::string_view::npos) path.remove_prefix(dot + 1);
    return ascii::to_lower(path);
}

class Normaliser {
public:
    explicit Normaliser(ConfigBuilder& out) : out_(out) {}

    void field(const Field& f) {
        const std::string p = ascii::to_lower(f.path);
        const std::string& v = f.resolved;
        const std::string seg = last_segment(p);
        const auto flag = text::parse_bool(v);
        const auto number = text::parse_int(v);
        root(p);
        if (p == "jicofo.authentication.enabled") {
            auth_enabled_ = flag;
            auth_line_ = f;
        } else if (p == "jicofo.authentication.type") {
            auth_type_ = ascii::to_lower(text::trim(v));
            type_line_ = f;
        } else if (seg == "disable-certificate-verification" || seg == "disable_certificate_verification" ||
                   seg == "trust-all-xmpp-certs") {
            if (flag) out_.set("tls.verify_peer", text::on_off(!*flag), f.path, f.line, false);
        } else if (p.starts_with("videobridge.http-servers.") && (seg == "port" || seg == "tls-port")) {
            if (number) out_.set(seg == "port" ? "mgmt.http" : "mgmt.https", text::on_off(*number > 0), f.path, f.line, false);
        } else if ((p.starts_with("videobridge.http-servers.") || p == "jicofo.rest.host") && seg == "host") {
            out_.set("mgmt.bind", v, f.path, f.line);
        } else if (p == "jicofo.rest.port" || p == "jibri.api.http.external-api-port" ||
                   p == "jibri.api.http.internal-api-port") {
            if (number) out_.set("mgmt.http", text::on_off(*number > 0), f.path, f.line, false);
        } else if (seg == "password" || seg == "secret" || seg == "passwd") {
            out_.set("service.secret", v, f.path, f.line, f.unresolved || is_placeholder(v));
        } else if (p.starts_with("ice4j.harvest.mapping.stun.addresses[")) {
            out_.set("turn.server", v, f.path, f.line);
        } else if (p.starts_with("jibri.recording.") && !recording_) {
            recording_ = true;
            out_.set("recording.allowed", "on", f.path, f.line, false);
        }
    }

    void finish() {
        if (!jicofo_) return;
        // Jicofo: authentication is off unless enabled with a real type.
        const bool enabled = auth_enabled_.value_or(false);
        const bool none = auth_type_ && *auth_type_ == "none";
        const bool guests = !enabled || none;
        const Field* said = type_line_ && none ? &*type_line_ : auth_line_ ? &*auth_line_ : type_line_ ? &*type_line_ : nullptr;
        if (said != nullptr)
            out_.set("guest_access", text::on_off(guests), said->path, said->line, false);
        else
            out_.set_default("guest_access", "on");
    }

private:
    void root(const std::string& p) {
        DeviceInfo& d = out_.device();
        const std::string top = p.substr(0, p.find_first_of(".["));
        if (top == "jicofo") jicofo_ = true;
        if (d.product) return;
        if (top == "videobridge") {
            d.product = "Jitsi Videobridge";
            d.role = "mcu";
        } else if (top == "jicofo") {
            d.product = "Jicofo";
            d.role = "mcu";
        } else if (top == "jibri") {
            d.product = "Jibri";
            d.role = "recorder";
        } else if (top == "jigasi") {
            d.product = "Jigasi";
            d.role = "endpoint";
        }
    }

    ConfigBuilder& out_;
    bool jicofo_ = false;
    bool recording_ = false;
    std::optional<bool> auth_enabled_;
    std::optional<std::string> auth_type_;
    std::optional<Field> auth_line_;
    std::optional<Field> type_line_;
};

}  // namespace

ParsedConfig parse_hocon(std::string_view input) {
    ConfigBuilder out(Format::JitsiHocon);
    out.device().vendor = "Jitsi";
    input = text::strip_bom(input);
    if (input.size() > limits::kMaxConfigBytes) {
        out.issue(0, "file larger than " + std::to_string(limits::kMaxConfigBytes) + " bytes: only the start is read");
        input = input.substr(0, limits::kMaxConfigBytes);
    }
    Parser parser(input, out);
    std::vector<Field> fields = parser.parse();
    for (const auto& [file, line] : parser.includes) out.raw("include", file, line);
    resolve(fields);
    Normaliser normaliser(out);
    for (const Field& f : fields) {
        if (out.full()) break;
        out.raw(f.path, as_written(f), f.line);
        normaliser.field(f);
    }
    normaliser.finish();
    if (out.device().role.empty()) out.device().role = "mcu";
    return out.take();
}

}  // namespace vca::probes::config
