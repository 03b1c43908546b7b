// HTML form logins (HTML Living Standard §4.10.21): the fields of a POSTed
// application/x-www-form-urlencoded or multipart/form-data (RFC 7578) body
// that look like a user name and a password, and whether a page offers a
// password input (a login form shown again after a failed attempt).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vca::probes::creds {

enum class FormEncoding { UrlEncoded, Multipart };

// The form encoding a Content-Type names, if any.
std::optional<FormEncoding> form_encoding(std::string_view content_type);

struct FormCredentials {
    std::string username;  // "" when no field looks like one
    std::string password;
    std::string username_field, password_field;  // field names (never values)
};

// Fields are chosen by name: a password field contains "pass" or "pwd" (or
// is "pw"); a user field is named user/username/login/email/name and the
// like, exact names first, then names containing user, login, mail,
// account, name. nullopt when the body has no password field. Values are
// percent-decoded ('+' is a space) for urlencoded bodies. At most
// limits::kMaxLoginFormFields fields are looked at.
std::optional<FormCredentials> find_form_credentials(std::string_view content_type, std::string_view body);

// Whether HTML holds an <input type=password> (any quoting, any case).
bool html_has_password_input(std::string_view html);

// Percent decoding (RFC 3986 §2.1), with '+' as a space for form bodies
// (application/x-www-form-urlencoded); a malformed escape is kept as it is.
std::string form_decode(std::string_view s, bool plus_is_space = true);

}  // namespace vca::probes::creds
