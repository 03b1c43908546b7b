// ReplyCodeReader: three-digit replies of FTP (RFC 959 §4.2) and SMTP
// (RFC 5321 §4.2), single-line "ddd text" or multi-line "ddd-text" ...
// "ddd text". Lines inside a multi-line reply never count as replies of
// their own, even when they start with digits.
#pragma once

#include <optional>
#include <string_view>

namespace vca::probes::creds {

class ReplyCodeReader {
public:
    // The reply code when `line` ends a reply; text() is then that line's
    // text after the code and its separator.
    std::optional<int> line(std::string_view l) {
        text_ = {};
        const int code = code_of(l);
        if (open_ != 0) {
            if (code == open_ && (l.size() == 3 || l[3] == ' ')) {
                open_ = 0;
                text_ = l.size() > 4 ? l.substr(4) : std::string_view();
                return code;
            }
            return std::nullopt;
        }
        if (code == 0) return std::nullopt;
        if (l.size() > 3 && l[3] == '-') {
            open_ = code;
            return std::nullopt;
        }
        if (l.size() > 3 && l[3] != ' ') return std::nullopt;
        text_ = l.size() > 4 ? l.substr(4) : std::string_view();
        return code;
    }
    [[nodiscard]] std::string_view text() const { return text_; }
    void reset() {
        open_ = 0;
        text_ = {};
    }

private:
    static int code_of(std::string_view l) {
        if (l.size() < 3) return 0;
        for (int i = 0; i < 3; ++i)
            if (l[i] < '0' || l[i] > '9') return 0;
        const int code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
        return code >= 100 && code < 600 ? code : 0;
    }

    int open_ = 0;  // code of the multi-line reply in progress
    std::string_view text_;
};

}  // namespace vca::probes::creds
