#pragma once

#include "runtime/core/result.h"
#include "tools/scangen/document.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// An application for a concession to occupy public land along a provincial
// road ("Domanda di concessione per occupazione suolo pubblico"), drawn from
// `random` and laid out at `dpi`. Fields: richiedente, codice_fiscale,
// data_nascita, indirizzo, cap, comune, strada, km, dal, al, superficie
// ("12.50", m²), motivo, data. With `real_paper`, a paragraph repeats
// "strada", "superficie", "comune" and "data" in running text, sometimes
// followed by a second line labelled "Strada" (the access road).
Result<Document> MakeConcession(Random& random, int dpi, bool real_paper = false);

}  // namespace travet::scangen
