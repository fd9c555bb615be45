#pragma once

#include "runtime/core/result.h"
#include "tools/scangen/document.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// A supplier's invoice (fattura) to the Città Metropolitana di Torino, drawn
// from `random` and laid out at `dpi`. Fields: numero, data, fornitore,
// partita_iva, codice_fiscale (the supplier's: 16 characters for a sole
// trader, else the partita IVA), cliente_codice_fiscale, iban, imponibile,
// aliquota_iva, iva, totale (imponibile + iva, exactly). Long invoices run
// onto a second page.
Result<Document> MakeInvoice(Random& random, int dpi);

}  // namespace travet::scangen
