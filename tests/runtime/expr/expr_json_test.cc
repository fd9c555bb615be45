#include <string>

#include "tests/runtime/expr/library_test_support.h"

namespace travet::expr {
namespace {

using JsonLibraryTest = LibraryTest;

TEST_F(JsonLibraryTest, DecodeGivesPlainTables) {
  EXPECT_EQ(Eval("json.decode('{\"a\": [1, 2.5, \"x\", true]}').a[2]"), Value(2.5));
  EXPECT_EQ(Eval("json.decode('[1, null, 3]')[3]"), Value(3));
  EXPECT_EQ(Eval("json.decode('null') == nil and json.decode('{\"a\": null}').a == nil"),
            Value(true));
  EXPECT_EQ(Run("local t = json.decode('{\"n\": 1}') t.n = t.n + 1 return t"), Value({{"n", 2}}));
}

TEST_F(JsonLibraryTest, EncodeRoundTrips) {
  EXPECT_EQ(Eval("json.encode({b = {1, 2}, a = 'è'})"), Value("{\"a\":\"è\",\"b\":[1,2]}"));
  EXPECT_EQ(Eval("json.encode(json.decode('[]'))"), Value("[]"));
  EXPECT_EQ(Eval("json.encode({a = 1, b = {true}})"), Value("{\"a\":1,\"b\":[true]}"));
  EXPECT_EQ(Eval("json.decode('{\"n\": [1, 2]}').n[2]"), Value(2));
  EXPECT_EQ(Eval("json.encode(decimal('0.10'))"), Value("\"0.10\""));
}

TEST_F(JsonLibraryTest, BadJsonSaysWhere) {
  EXPECT_EQ(EvalError("json.decode('{\"a\": tru}')"),
            "expression 'json.decode('{\"a\": tru}')' failed: json.decode: invalid JSON at line "
            "1, column 10: syntax error while parsing value - invalid literal; last read: "
            "'\"a\": tru}'");
}

TEST_F(JsonLibraryTest, DeepAndHugeDocumentsAreRefused) {
  EXPECT_EQ(EvalError("json.decode(('['):rep(100000))"),
            "expression 'json.decode(('['):rep(100000))' failed: json.decode: nested deeper "
            "than 100 levels at byte 101");
  EXPECT_EQ(EvalError("json.decode(('1'):rep(9000000))"),
            "expression 'json.decode(('1'):rep(9000000))' failed: json.decode: text longer "
            "than 8 MiB");
}

TEST_F(JsonLibraryTest, EncodeRefusesWhatIsNotData) {
  EXPECT_EQ(EvalError("json.encode(print or tostring)"),
            "expression 'json.encode(print or tostring)' failed: json.encode: the value "
            "produced a function, which cannot be converted to a value");
  EXPECT_EQ(EvalError("json.encode((function() local t = {} t.t = t return t end)())"),
            "expression 'json.encode((function() local t = {} t.t = t return t end)())' failed: "
            "json.encode: the value produced a table nested deeper than 100 levels");
  EXPECT_EQ(EvalError("json.encode({1, x = 2})"),
            "expression 'json.encode({1, x = 2})' failed: json.encode: the value produced a "
            "table that is neither a list (keys 1..n) nor a map (string keys)");
}

}  // namespace
}  // namespace travet::expr
