#include "runtime/expr/compiled_cache.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace travet::expr {
namespace {

TEST(CompiledCacheTest, FindsWhatWasInserted) {
  CompiledCache cache(10);
  EXPECT_FALSE(cache.Find("inputs.x").has_value());
  EXPECT_TRUE(cache.Insert("inputs.x", 7).empty());
  ASSERT_TRUE(cache.Find("inputs.x").has_value());
  EXPECT_EQ(*cache.Find("inputs.x"), 7);
  EXPECT_FALSE(cache.Find("inputs.y").has_value());
}

TEST(CompiledCacheTest, StaysWithinCapacityAndHandsBackEvictedRefs) {
  CompiledCache cache(100);
  std::vector<int> evicted;
  for (int i = 0; i < 5000; ++i) {
    std::vector<int> out = cache.Insert("e" + std::to_string(i), i);
    evicted.insert(evicted.end(), out.begin(), out.end());
    ASSERT_LE(cache.size(), 100u);
  }
  EXPECT_EQ(evicted.size() + cache.size(), 5000u);
  std::sort(evicted.begin(), evicted.end());
  EXPECT_EQ(std::adjacent_find(evicted.begin(), evicted.end()), evicted.end());
}

TEST(CompiledCacheTest, EvictsTheLeastRecentlyUsed) {
  CompiledCache cache(4);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(cache.Insert("e" + std::to_string(i), i).empty());
  ASSERT_TRUE(cache.Find("e0").has_value());  // e1 is now the oldest
  const std::vector<int> evicted = cache.Insert("e4", 4);
  EXPECT_EQ(evicted, std::vector<int>{1});
  EXPECT_TRUE(cache.Find("e0").has_value());
  EXPECT_FALSE(cache.Find("e1").has_value());
  EXPECT_TRUE(cache.Find("e4").has_value());
}

}  // namespace
}  // namespace travet::expr
