#include "ocr/validators/amount_check.h"

#include <algorithm>
#include <cctype>

namespace travet::ocr {
namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The equation's tokens: names and the characters = + -; "" for anything
// else, which the parser reports where it stands.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> tokens;
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
    } else if (c == '=' || c == '+' || c == '-') {
      tokens.emplace_back(1, c);
      ++at;
    } else if (IsNameChar(c)) {
      std::size_t end = at;
      while (end < text.size() && IsNameChar(text[end]))
        ++end;
      tokens.emplace_back(text.substr(at, end - at));
      at = end;
    } else {
      tokens.emplace_back(text.substr(at, 1));
      ++at;
    }
  }
  return tokens;
}

bool IsName(const std::string& token) {
  return !token.empty() && !std::isdigit(static_cast<unsigned char>(token[0])) &&
         std::all_of(token.begin(), token.end(), IsNameChar);
}

std::string Found(const std::vector<std::string>& tokens, std::size_t at) {
  return at < tokens.size() ? "'" + tokens[at] + "'" : "the end";
}

}  // namespace

std::string AmountCheck::Sum() const {
  std::string sum;
  for (const Term& term : terms) {
    if (sum.empty())
      sum = term.sign < 0 ? "-" + term.field : term.field;
    else
      sum += (term.sign < 0 ? " - " : " + ") + term.field;
  }
  return sum;
}

std::vector<std::string> AmountCheck::Fields() const {
  std::vector<std::string> fields = {result};
  for (const Term& term : terms)
    fields.push_back(term.field);
  return fields;
}

Result<AmountCheck> ParseAmountCheck(std::string_view text) {
  const std::vector<std::string> tokens = Tokens(text);
  AmountCheck check;
  std::size_t at = 0;
  if (at >= tokens.size() || !IsName(tokens[at]))
    return InvalidArgument("expected a field name, found " + Found(tokens, at));
  check.result = tokens[at++];
  if (at >= tokens.size() || tokens[at] != "=")
    return InvalidArgument("expected '=' after '" + check.result + "', found " + Found(tokens, at));
  ++at;
  int sign = 1;
  if (at < tokens.size() && tokens[at] == "-") {
    sign = -1;
    ++at;
  }
  while (true) {
    if (at >= tokens.size() || !IsName(tokens[at]))
      return InvalidArgument("expected a field name, found " + Found(tokens, at));
    const std::vector<std::string> named = check.Fields();
    if (std::find(named.begin(), named.end(), tokens[at]) != named.end())
      return InvalidArgument("field '" + tokens[at] + "' appears twice");
    check.terms.push_back({sign, tokens[at++]});
    if (at >= tokens.size())
      return check;
    if (tokens[at] != "+" && tokens[at] != "-")
      return InvalidArgument("expected '+' or '-' after '" + check.terms.back().field +
                             "', found " + Found(tokens, at));
    sign = tokens[at++] == "-" ? -1 : 1;
  }
}

}  // namespace travet::ocr
