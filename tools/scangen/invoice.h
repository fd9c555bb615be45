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
// onto a second page. With `real_paper`, the totals are as many invoices
// print them: several lines that say "Totale" (parziale, IVA, documento, da
// pagare; `totale` is the document's, `da_pagare` the last one's), and a note
// that repeats "totale", "IBAN" and "data" in running text, sometimes with a
// second, labelled date (the due date).
Result<Document> MakeInvoice(Random& random, int dpi, bool real_paper = false);

}  // namespace travet::scangen
