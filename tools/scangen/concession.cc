#include "tools/scangen/concession.h"

#include <string>
#include <vector>

#include "tools/scangen/calendar_date.h"
#include "tools/scangen/layout.h"
#include "tools/scangen/money.h"
#include "tools/scangen/resident.h"

namespace travet::scangen {
namespace {

// Label and value as two cells, the value at a fixed column.
Status LabelledLine(Layout& page, const std::string& label, const std::string& value) {
  return page.Line({{.text = label, .x_mm = page.left_mm()}, {.text = value, .x_mm = 65}});
}

Status WriteApplicant(Layout& page, const Resident& r, DateStyle style) {
  const CalendarDate birth{r.person.birth_year, r.person.birth_month, r.person.birth_day};
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Richiedente:", r.FullName()));
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Codice fiscale:", r.codice_fiscale));
  TRAVET_RETURN_IF_ERROR(LabelledLine(
      page, "Nato/a a:",
      r.birth_city.name + " (" + r.birth_city.province + ") il " + FormatItalian(birth, style)));
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Indirizzo:", r.street));
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "CAP:", r.city.cap));
  return LabelledLine(page, "Comune:", r.city.name + " (" + r.city.province + ")");
}

struct Occupation {
  std::string road;
  std::string km;
  CalendarDate from;
  CalendarDate to;
  int area_cents;  // square metres times 100
  std::string purpose;
};

Occupation RandomOccupation(Random& random, const CalendarDate& applied) {
  Occupation o;
  o.road = random.Pick(ProvincialRoads());
  const int hundreds = random.Int(0, 9);  // drawn first: see Random
  o.km = std::to_string(random.Int(0, 48)) + "+" + std::to_string(hundreds) + "00";
  o.from = AddDays(applied, random.Int(10, 60));
  o.to = AddDays(o.from, random.Int(1, 180));
  o.area_cents = random.Int(4, 400) * 25;  // quarters of a square metre
  o.purpose = random.Pick(OccupationPurposes());
  return o;
}

Status WriteRequest(Layout& page, const Occupation& o, DateStyle style) {
  TRAVET_RETURN_IF_ERROR(page.Text("CHIEDE", true, 12, 75));
  page.Skip(3);
  TRAVET_RETURN_IF_ERROR(page.Paragraph(
      "il rilascio della concessione per l'occupazione temporanea di suolo pubblico lungo la "
      "strada provinciale sotto indicata, ai sensi del regolamento per l'applicazione del "
      "canone unico patrimoniale."));
  page.Skip(3);
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Strada:", o.road));
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Progressiva:", "km " + o.km));
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Dal:", FormatItalian(o.from, style)));
  TRAVET_RETURN_IF_ERROR(LabelledLine(page, "Al:", FormatItalian(o.to, style)));
  TRAVET_RETURN_IF_ERROR(
      LabelledLine(page, "Superficie:", FormatItalianAmount(o.area_cents) + " m²"));
  return LabelledLine(page, "Motivo:", o.purpose);
}

void RecordFields(const Resident& r, const Occupation& o, const CalendarDate& applied,
                  Value& fields) {
  fields["richiedente"] = r.FullName();
  fields["codice_fiscale"] = r.codice_fiscale;
  fields["data_nascita"] =
      FormatIso({r.person.birth_year, r.person.birth_month, r.person.birth_day});
  fields["indirizzo"] = r.street;
  fields["cap"] = r.city.cap;
  fields["comune"] = r.city.name;
  fields["strada"] = o.road;
  fields["km"] = o.km;
  fields["dal"] = FormatIso(o.from);
  fields["al"] = FormatIso(o.to);
  fields["superficie"] = FormatDecimal(o.area_cents);
  fields["motivo"] = o.purpose;
  fields["data"] = FormatIso(applied);
}

// Labels inside sentences, and perhaps a second road with a label.
Status WriteRealConditions(Layout& page, Random& random) {
  page.Skip(4);
  TRAVET_RETURN_IF_ERROR(page.Paragraph(
      "Il/La richiedente si impegna a lasciare libera la strada per i mezzi di soccorso, a non "
      "superare la superficie concessa e a comunicare al comune la data di inizio dei lavori."));
  if (!random.Chance(0.5))
    return Status::Ok();
  return LabelledLine(page, "Strada di accesso:", random.Pick(StreetNames()));
}

}  // namespace

Result<Document> MakeConcession(Random& random, int dpi, bool real_paper) {
  Result<Layout> layout = Layout::Create({.typeface = RandomTypeface(random), .dpi = dpi});
  if (!layout)
    return layout.status();
  Layout& page = *layout;
  const Resident applicant = RandomResident(random);
  const CalendarDate applied = RandomDate(random, 2024, 2026);
  const Occupation occupation = RandomOccupation(random, applied);
  const DateStyle style = random.Chance(0.7) ? DateStyle::kSlash : DateStyle::kDot;
  TRAVET_RETURN_IF_ERROR(
      page.Text("Domanda di concessione per occupazione suolo pubblico", true, 13));
  page.Skip(4);
  TRAVET_RETURN_IF_ERROR(page.Text("Alla Città Metropolitana di Torino"));
  TRAVET_RETURN_IF_ERROR(page.Text("Servizio Concessioni - Corso Inghilterra 7 - 10138 Torino"));
  page.Skip(8);
  TRAVET_RETURN_IF_ERROR(WriteApplicant(page, applicant, style));
  page.Skip(6);
  TRAVET_RETURN_IF_ERROR(WriteRequest(page, occupation, style));
  page.Skip(6);
  TRAVET_RETURN_IF_ERROR(page.Paragraph(
      "Il/La richiedente dichiara di aver preso visione del regolamento e di accettarne tutte "
      "le condizioni, compreso il ripristino dell'area a proprie spese."));
  if (real_paper)
    TRAVET_RETURN_IF_ERROR(WriteRealConditions(page, random));
  page.Skip(10);
  TRAVET_RETURN_IF_ERROR(page.Text(applicant.city.name + ", " + FormatItalian(applied, style)));
  page.Skip(4);
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "Firma: " + applicant.FullName(), .x_mm = 120}}));
  Document doc{.kind = DocumentKind::kConcession};
  RecordFields(applicant, occupation, applied, doc.fields);
  doc.pages = std::move(page).TakePages();
  return doc;
}

}  // namespace travet::scangen
