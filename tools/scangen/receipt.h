#pragma once

#include "runtime/core/result.h"
#include "tools/scangen/document.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// A shop's till receipt (documento commerciale) on a 58 or 80 mm roll, in a
// monospaced face, drawn from `random` and laid out at `dpi`: the shop's
// name, address and partita IVA, 3..18 goods (some with a quantity line),
// SUBTOTALE, sometimes SCONTO, the TOTALE line, "di cui IVA", the payment
// (PAGAMENTO CONTANTE and RESTO, or PAGAMENTO ELETTRONICO), IMPORTO PAGATO,
// sometimes a count of the goods, date and time, document number. The page
// is as long as the receipt. Fields: esercente, data, totale (the TOTALE
// line's amount, after any discount).
Result<Document> MakeReceipt(Random& random, int dpi);

}  // namespace travet::scangen
