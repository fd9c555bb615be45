#include "ocr/fields/field_choice.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>
#include <limits>

#include "ocr/validators/decimal_amount.h"

namespace travet::ocr {
namespace {

constexpr std::size_t kListedValues = 5;

// A number to order values of `type` by; dates by their ISO text.
std::int64_t Magnitude(FieldType type, const std::string& value) {
  if (type == FieldType::kAmount) {
    auto amount = ParseAmount(value);
    return amount ? amount->cents : 0;
  }
  std::int64_t number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}

// Whether value `a` orders before `b`.
bool Smaller(FieldType type, const std::string& a, const std::string& b) {
  if (type == FieldType::kDate)
    return a < b;
  return Magnitude(type, a) < Magnitude(type, b);
}

// "(57.50, 60.95, 3.45)": the first few values.
std::string ValueList(const std::vector<std::string>& values) {
  std::string list;
  for (std::size_t i = 0; i < values.size() && i < kListedValues; ++i)
    list += (i == 0 ? "" : ", ") + values[i];
  if (values.size() > kListedValues)
    list += ", ...";
  return "(" + list + ")";
}

// The distinct values of the places in `indices`, in order.
std::vector<std::string> DistinctValues(const std::vector<FieldPlace>& places,
                                        const std::vector<std::size_t>& indices) {
  std::vector<std::string> values;
  for (std::size_t i : indices) {
    const std::string& value = places[i].verdict.value;
    if (std::find(values.begin(), values.end(), value) == values.end())
      values.push_back(value);
  }
  return values;
}

std::optional<std::size_t> Nearest(const std::vector<FieldPlace>& places,
                                   const std::vector<std::size_t>& valid) {
  auto nearest = std::min_element(valid.begin(), valid.end(), [&](std::size_t a, std::size_t b) {
    return places[a].near_distance < places[b].near_distance;
  });
  if (places[*nearest].near_distance == std::numeric_limits<double>::infinity())
    return std::nullopt;
  return *nearest;
}

std::optional<std::size_t> Picked(const std::vector<FieldPlace>& places,
                                  const std::vector<std::size_t>& valid, const FieldSpec& spec) {
  auto smaller = [&](std::size_t a, std::size_t b) {
    return Smaller(spec.type, places[a].verdict.value, places[b].verdict.value);
  };
  switch (spec.pick) {
    case PickRule::kFirst:
      return valid.front();
    case PickRule::kLast:
      return valid.back();
    case PickRule::kLargest:
      return *std::max_element(valid.begin(), valid.end(), smaller);
    case PickRule::kSmallest:
      return *std::min_element(valid.begin(), valid.end(), smaller);
    case PickRule::kAmbiguous:
      break;
  }
  return std::nullopt;
}

std::size_t BestInvalid(const std::vector<FieldPlace>& places) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < places.size(); ++i) {
    if (places[i].candidate.rank < places[best].candidate.rank)
      best = i;
  }
  return best;
}

// The contradiction among the places labelled exactly as the spec says, or "".
std::string Contradiction(const std::vector<FieldPlace>& places,
                          const std::vector<std::size_t>& valid) {
  std::vector<std::size_t> own;
  std::copy_if(valid.begin(), valid.end(), std::back_inserter(own),
               [&](std::size_t i) { return places[i].own_phrase; });
  std::vector<std::string> values = DistinctValues(places, own);
  if (values.size() < 2)
    return "";
  return "contradicted: " + std::to_string(values.size()) + " values under the same label " +
         ValueList(values);
}

}  // namespace

PlaceChoice ChoosePlace(const std::vector<FieldPlace>& places, const FieldSpec& spec) {
  if (places.empty())
    return {};
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (places[i].verdict.valid)
      valid.push_back(i);
  }
  if (valid.empty())
    return {BestInvalid(places), ""};
  std::vector<std::string> values = DistinctValues(places, valid);
  if (values.size() == 1)
    return {valid.front(), ""};
  std::optional<std::size_t> chosen =
      spec.near.empty() ? Picked(places, valid, spec) : Nearest(places, valid);
  if (!chosen) {
    return {valid.front(),
            "ambiguous: " + std::to_string(values.size()) + " candidates " + ValueList(values)};
  }
  return {chosen, Contradiction(places, valid)};
}

}  // namespace travet::ocr
