#include "tools/scangen/invoice.h"

#include <cstdint>
#include <string>
#include <vector>

#include "tools/scangen/calendar_date.h"
#include "tools/scangen/italian_ids.h"
#include "tools/scangen/layout.h"
#include "tools/scangen/money.h"
#include "tools/scangen/resident.h"

namespace travet::scangen {
namespace {

constexpr char kClientCf[] = "01907990012";  // Città Metropolitana di Torino
constexpr int kVatPercent = 22;

struct Supplier {
  std::string name;
  std::string street;
  City city;
  std::string partita_iva;
  std::string codice_fiscale;
  std::string iban;
};

Supplier RandomSupplier(Random& random) {
  Supplier s;
  const Resident owner = RandomResident(random);
  s.partita_iva = MakePartitaIva(random);
  if (random.Chance(0.4)) {  // a sole trader: named after the owner, personal CF
    s.name =
        owner.person.surname + " " + owner.person.first_name + " " + random.Pick(CompanyWords());
    s.codice_fiscale = owner.codice_fiscale;
  } else {
    const std::string& form = random.Pick(CompanyForms());  // drawn first: see Random
    s.name = random.Pick(CompanyWords()) + " " + form;
    s.codice_fiscale = s.partita_iva;
  }
  s.street = owner.street;
  s.city = owner.city;
  s.iban = MakeIban(random);
  return s;
}

std::string RandomInvoiceNumber(Random& random, int year) {
  const int n = random.Int(1, 2400);
  const std::string padded = std::string(n < 10     ? "000"
                                         : n < 100  ? "00"
                                         : n < 1000 ? "0"
                                                    : "") +
                             std::to_string(n);
  switch (random.Int(0, 4)) {
    case 0:
      return std::to_string(year) + "/" + padded;
    case 1:
      return std::to_string(n) + "/A";
    case 2:
      return "FT-" + std::to_string(year) + "-0" + padded;
    case 3:
      return "0" + padded;
    default:
      return std::to_string(n) + "/" + std::to_string(year);
  }
}

// Grouped in fours as most invoices print it, or in one piece.
std::string PrintedIban(Random& random, const std::string& iban) {
  if (random.Chance(0.5))
    return iban;
  std::string out;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0)
      out.push_back(' ');
    out.push_back(iban[i]);
  }
  return out;
}

Status WriteParties(Layout& page, const Supplier& s) {
  TRAVET_RETURN_IF_ERROR(page.Text(s.name, true, 16));
  TRAVET_RETURN_IF_ERROR(
      page.Text(s.street + " - " + s.city.cap + " " + s.city.name + " (" + s.city.province + ")"));
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "P.IVA " + s.partita_iva, .x_mm = page.left_mm()},
                                    {.text = "C.F. " + s.codice_fiscale, .x_mm = 85}}));
  page.Skip(10);
  const double x = 110;
  for (const char* line :
       {"Spett.le", "Città Metropolitana di Torino", "Corso Inghilterra 7", "10138 Torino (TO)"}) {
    TRAVET_RETURN_IF_ERROR(page.Line({{.text = line, .x_mm = x}}));
  }
  return page.Line({{.text = std::string("Codice fiscale ") + kClientCf, .x_mm = x}});
}

// The rows of goods; returns the taxable amount in cents.
Result<std::int64_t> WriteRows(Layout& page, Random& random) {
  const double qty_x = 128, price_x = 158, amount_x = page.right_mm();
  TRAVET_RETURN_IF_ERROR(
      page.Line({{.text = "Descrizione", .x_mm = page.left_mm(), .bold = true},
                 {.text = "Q.tà", .x_mm = qty_x, .right_aligned = true, .bold = true},
                 {.text = "Prezzo", .x_mm = price_x, .right_aligned = true, .bold = true},
                 {.text = "Importo", .x_mm = amount_x, .right_aligned = true, .bold = true}}));
  const int rows = random.Chance(0.15) ? random.Int(30, 48) : random.Int(1, 9);
  // Distinct goods until the list runs out, as on a real invoice.
  const std::vector<Item>& items = InvoiceItems();
  const std::vector<int> order = random.Permutation(static_cast<int>(items.size()));
  std::int64_t taxable = 0;
  for (int i = 0; i < rows; ++i) {
    const Item& item = items[static_cast<std::size_t>(order[i % order.size()])];
    const int quantity = random.Int(1, 12);
    const std::int64_t price = random.Int(item.min_cents, item.max_cents);
    taxable += quantity * price;
    TRAVET_RETURN_IF_ERROR(
        page.Line({{.text = item.description, .x_mm = page.left_mm()},
                   {.text = std::to_string(quantity), .x_mm = qty_x, .right_aligned = true},
                   {.text = FormatItalianAmount(price), .x_mm = price_x, .right_aligned = true},
                   {.text = FormatItalianAmount(quantity * price),
                    .x_mm = amount_x,
                    .right_aligned = true}}));
  }
  return taxable;
}

Status WriteTotals(Layout& page, Random& random, std::int64_t taxable, Value& fields) {
  const std::int64_t vat = PercentOf(taxable, kVatPercent);
  const std::string currency = random.Pick(std::vector<std::string>{"€ ", "EUR ", ""});
  const double label_x = 120;
  struct Row {
    std::string label;
    std::int64_t cents;
    bool bold;
  };
  for (const Row& row : {Row{"Imponibile", taxable, false}, Row{"IVA 22%", vat, false},
                         Row{"Totale", taxable + vat, true}}) {
    TRAVET_RETURN_IF_ERROR(page.Line({{.text = row.label, .x_mm = label_x, .bold = row.bold},
                                      {.text = currency + FormatItalianAmount(row.cents),
                                       .x_mm = page.right_mm(),
                                       .right_aligned = true,
                                       .bold = row.bold}}));
  }
  fields["imponibile"] = FormatDecimal(taxable);
  fields["aliquota_iva"] = std::to_string(kVatPercent);
  fields["iva"] = FormatDecimal(vat);
  fields["totale"] = FormatDecimal(taxable + vat);
  return Status::Ok();
}

Status TotalLine(Layout& page, const std::string& label, const std::string& amount, bool bold) {
  return page.Line(
      {{.text = label, .x_mm = 120, .bold = bold},
       {.text = amount, .x_mm = page.right_mm(), .right_aligned = true, .bold = bold}});
}

// The totals block of real paper: a subtotal, perhaps a discount, the tax
// lines, the document's total, perhaps an advance, and what is left to pay.
Status WriteRealTotals(Layout& page, Random& random, std::int64_t rows, Value& fields) {
  const std::string currency = random.Pick(std::vector<std::string>{"€ ", "EUR ", ""});
  const auto amount = [&](std::int64_t cents) { return currency + FormatItalianAmount(cents); };
  TRAVET_RETURN_IF_ERROR(TotalLine(page, "Totale parziale", amount(rows), false));
  std::int64_t taxable = rows;
  if (random.Chance(0.4)) {
    const int percent = random.Int(2, 10);
    const std::int64_t discount = PercentOf(rows, percent);
    TRAVET_RETURN_IF_ERROR(
        TotalLine(page, "Sconto " + std::to_string(percent) + "%", "-" + amount(discount), false));
    taxable -= discount;
  }
  const std::int64_t vat = PercentOf(taxable, kVatPercent);
  TRAVET_RETURN_IF_ERROR(TotalLine(page, "Imponibile", amount(taxable), false));
  TRAVET_RETURN_IF_ERROR(TotalLine(page, "IVA 22%", amount(vat), false));
  if (random.Chance(0.5))
    TRAVET_RETURN_IF_ERROR(TotalLine(page, "Totale IVA", amount(vat), false));
  TRAVET_RETURN_IF_ERROR(TotalLine(page, "Totale documento", amount(taxable + vat), true));
  std::int64_t due = taxable + vat;
  if (random.Chance(0.4)) {
    const std::int64_t advance = PercentOf(due, random.Int(1, 5) * 10);
    TRAVET_RETURN_IF_ERROR(TotalLine(page, "Acconto versato", "-" + amount(advance), false));
    due -= advance;
  }
  TRAVET_RETURN_IF_ERROR(TotalLine(page, "Totale da pagare", amount(due), true));
  fields["imponibile"] = FormatDecimal(taxable);
  fields["aliquota_iva"] = std::to_string(kVatPercent);
  fields["iva"] = FormatDecimal(vat);
  fields["totale"] = FormatDecimal(taxable + vat);
  fields["da_pagare"] = FormatDecimal(due);
  return Status::Ok();
}

// Labels inside sentences, and perhaps a second date with a label.
Status WriteRealNote(Layout& page, Random& random, const CalendarDate& date) {
  TRAVET_RETURN_IF_ERROR(page.Paragraph(
      "Note: il totale da pagare va versato sull'IBAN indicato entro la data di scadenza; per "
      "la data del documento fa fede la data di emissione. Il totale comprende l'IVA."));
  if (!random.Chance(0.5))
    return Status::Ok();
  return page.Text("Data scadenza: " +
                   FormatItalian(AddDays(date, random.Int(30, 90)), RandomDateStyle(random)));
}

}  // namespace

Result<Document> MakeInvoice(Random& random, int dpi, bool real_paper) {
  Result<Layout> layout = Layout::Create({.typeface = RandomTypeface(random),
                                          .dpi = dpi,
                                          .size_pt = random.Chance(0.5) ? 10.5 : 11.5});
  if (!layout)
    return layout.status();
  Layout& page = *layout;
  Document doc{.kind = DocumentKind::kInvoice};
  const Supplier supplier = RandomSupplier(random);
  TRAVET_RETURN_IF_ERROR(WriteParties(page, supplier));
  page.Skip(8);
  const CalendarDate date = RandomDate(random, 2023, 2026);
  const std::string number = RandomInvoiceNumber(random, date.year);
  TRAVET_RETURN_IF_ERROR(page.Text("Fattura n. " + number, true, 14));
  TRAVET_RETURN_IF_ERROR(page.Text("Data: " + FormatItalian(date, RandomDateStyle(random))));
  page.Skip(6);
  Result<std::int64_t> taxable = WriteRows(page, random);
  if (!taxable)
    return taxable.status();
  page.Skip(6);
  TRAVET_RETURN_IF_ERROR(real_paper ? WriteRealTotals(page, random, *taxable, doc.fields)
                                    : WriteTotals(page, random, *taxable, doc.fields));
  page.Skip(8);
  TRAVET_RETURN_IF_ERROR(page.Text("Pagamento: bonifico bancario a 30 giorni fine mese"));
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "IBAN: " + PrintedIban(random, supplier.iban),
                                     .x_mm = page.left_mm(),
                                     .mono = random.Chance(0.5)}}));
  if (real_paper) {
    page.Skip(4);
    TRAVET_RETURN_IF_ERROR(WriteRealNote(page, random, date));
  }
  doc.fields["numero"] = number;
  doc.fields["data"] = FormatIso(date);
  doc.fields["fornitore"] = supplier.name;
  doc.fields["partita_iva"] = supplier.partita_iva;
  doc.fields["codice_fiscale"] = supplier.codice_fiscale;
  doc.fields["cliente_codice_fiscale"] = kClientCf;
  doc.fields["iban"] = supplier.iban;
  doc.pages = std::move(page).TakePages();
  return doc;
}

}  // namespace travet::scangen
