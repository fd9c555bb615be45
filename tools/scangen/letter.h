#pragma once

#include "runtime/core/result.h"
#include "tools/scangen/document.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// A letter of the Città Metropolitana di Torino to a citizen, drawn from
// `random` and laid out at `dpi`: letterhead, protocol number, date,
// addressee, subject, Italian paragraphs with accents, signature. Fields:
// protocollo, data, destinatario, oggetto, firmatario. Long letters run onto a
// second page. With `real_paper`, a closing paragraph repeats "protocollo",
// "data" and "oggetto" in running text.
Result<Document> MakeLetter(Random& random, int dpi, bool real_paper = false);

}  // namespace travet::scangen
