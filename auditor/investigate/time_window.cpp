#include "auditor/investigate/time_window.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace vca::investigate {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

std::optional<double> parse_unix(std::string_view s) {
    if (s.empty()) return std::nullopt;
    double whole = 0, frac = 0, scale = 1;
    bool dot = false, any = false;
    for (char c : s) {
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return std::nullopt;
        any = true;
        if (dot) {
            scale /= 10;
            frac += (c - '0') * scale;
        } else {
            whole = whole * 10 + (c - '0');
        }
    }
    if (!any) return std::nullopt;
    return whole + frac;
}

// Days from 1970-01-01 to a civil date (proleptic Gregorian).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long long>(era) * 146097 + doe - 719468;
}

std::optional<double> parse_iso(std::string_view s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi))
        return std::nullopt;
    std::size_t at = 16;
    double frac = 0;
    if (at < s.size() && s[at] == ':') {
        if (!digits(s, at + 1, 2, sec)) return std::nullopt;
        at += 3;
        if (at < s.size() && s[at] == '.') {
            double scale = 1;
            ++at;
            std::size_t start = at;
            while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
                scale /= 10;
                frac += (s[at] - '0') * scale;
                ++at;
            }
            if (at == start) return std::nullopt;
        }
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    int offset_s = 0;
    if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
        ++at;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        int oh = 0, om = 0;
        int sign = s[at] == '-' ? -1 : 1;
        if (!digits(s, at + 1, 2, oh)) return std::nullopt;
        at += 3;
        if (at < s.size() && s[at] == ':') ++at;
        if (!digits(s, at, 2, om)) return std::nullopt;
        at += 2;
        if (oh > 14 || om > 59) return std::nullopt;
        offset_s = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt;  // no zone
    }
    if (at != s.size()) return std::nullopt;
    double t = static_cast<double>(days_from_civil(y, mo, d)) * 86400.0 + h * 3600.0 + mi * 60.0 + sec + frac;
    return t - offset_s;
}

}  // namespace

core::Result<double> parse_time(std::string_view text, std::string_view option) {
    if (auto t = parse_unix(text)) return *t;
    if (auto t = parse_iso(text)) return *t;
    return core::make_diag("E195", std::string(option) + " '" + std::string(text) + "' is not a time",
                           "give Unix seconds (1311859200) or ISO 8601 with its zone (2011-07-28T13:20:00Z or "
                           "2011-07-28T20:20:00+07:00)");
}

core::Result<TimeWindow> make_window(const std::optional<std::string>& from, const std::optional<std::string>& to) {
    TimeWindow w;
    if (from) {
        auto t = parse_time(*from, "--from");
        if (!t) return t.error();
        w.from = *t;
    }
    if (to) {
        auto t = parse_time(*to, "--to");
        if (!t) return t.error();
        w.to = *t;
    }
    if (w.from && w.to && *w.from > *w.to)
        return core::make_diag("E196", "--from is after --to", "swap them or widen the window");
    return w;
}

std::string iso_utc_ms(double unix_seconds) {
    double whole = std::floor(unix_seconds);
    auto ms = static_cast<int>(std::llround((unix_seconds - whole) * 1000.0));
    auto secs = static_cast<std::time_t>(whole);
    if (ms >= 1000) {
        ++secs;
        ms -= 1000;
    }
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", date, ms);
    return out;
}

}  // namespace vca::investigate
