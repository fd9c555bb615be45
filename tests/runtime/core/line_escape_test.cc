#include "runtime/core/line_escape.h"

#include <gtest/gtest.h>

namespace travet {
namespace {

TEST(LineEscapeTest, LineBreaksAndTabsBecomeTheirEscapes) {
  EXPECT_EQ(EscapeControls("a\r\nb\tc"), "a\\r\\nb\\tc");
}

TEST(LineEscapeTest, OtherControlsBecomeHex) {
  EXPECT_EQ(EscapeControls(std::string("\x1b[2J\0\x7f", 6)), "\\x1b[2J\\x00\\x7f");
}

TEST(LineEscapeTest, PrintableTextAndUtf8AreKept) {
  EXPECT_EQ(EscapeControls("C:\\dati\\fattura è.pdf"), "C:\\dati\\fattura è.pdf");
}

}  // namespace
}  // namespace travet
