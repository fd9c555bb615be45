#include <lua.hpp>
#include <string>
#include <string_view>

#include "ocr/validators/validators.h"
#include "runtime/expr/expr_libraries.h"
#include "runtime/expr/lua_sandbox.h"

// it.partita_iva, it.codice_fiscale and it.iban: the validators the OCR uses
// for fields, so a bot and the review desk agree on what is valid.

namespace travet::expr {
namespace {

// Longer than any IBAN written with spaces; refused before validating.
constexpr size_t kMaxIdBytes = 100;

struct Outcome {
  bool valid = false;
  size_t value_length = 0;  // the scratch holds the value, then the reason
};

// Leaves the verdict on `raw` in `scratch`, so that no C++ object is alive
// while Lua pushes (its errors are longjmps).
Outcome Judge(ocr::FieldType type, std::string_view raw, std::string* scratch) {
  if (raw.size() > kMaxIdBytes) {
    *scratch = "longer than " + std::to_string(kMaxIdBytes) + " characters";
    return Outcome{};
  }
  const ocr::Verdict verdict = ocr::ValidateField(type, raw);
  *scratch = verdict.value + verdict.message;
  return Outcome{verdict.valid, verdict.value.size()};
}

// Returns {valid = bool, value = normalised text, reason = why not or nil}.
int PushVerdict(lua_State* L, ocr::FieldType type) {
  size_t length = 0;
  const char* raw = luaL_checklstring(L, 1, &length);
  const std::string& scratch = *GetSandboxState(L).scratch;
  const Outcome outcome = Judge(type, std::string_view(raw, length), GetSandboxState(L).scratch);
  lua_createtable(L, 0, 3);
  lua_pushboolean(L, outcome.valid);
  lua_setfield(L, -2, "valid");
  lua_pushlstring(L, scratch.data(), outcome.value_length);
  lua_setfield(L, -2, "value");
  if (scratch.size() > outcome.value_length) {
    lua_pushlstring(L, scratch.data() + outcome.value_length,
                    scratch.size() - outcome.value_length);
    lua_setfield(L, -2, "reason");
  }
  return 1;
}

int PartitaIva(lua_State* L) {
  return PushVerdict(L, ocr::FieldType::kPartitaIva);
}

int CodiceFiscale(lua_State* L) {
  return PushVerdict(L, ocr::FieldType::kCodiceFiscale);
}

int Iban(lua_State* L) {
  return PushVerdict(L, ocr::FieldType::kIban);
}

}  // namespace

int OpenItalianIds(lua_State* L) {
  const luaL_Reg functions[] = {{"partita_iva", PartitaIva},
                                {"codice_fiscale", CodiceFiscale},
                                {"iban", Iban},
                                {nullptr, nullptr}};
  luaL_newlib(L, functions);
  return 1;
}

}  // namespace travet::expr
