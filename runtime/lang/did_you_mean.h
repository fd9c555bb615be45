#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace travet::lang {

// The candidate closest to `word` by edit distance, when it is close enough to
// be a likely typo (distance <= max(1, size/3)); empty otherwise.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" — to append to an error message.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace travet::lang
