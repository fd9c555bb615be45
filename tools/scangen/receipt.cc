#include "tools/scangen/receipt.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "tools/scangen/calendar_date.h"
#include "tools/scangen/italian_data.h"
#include "tools/scangen/italian_ids.h"
#include "tools/scangen/layout.h"
#include "tools/scangen/money.h"

namespace travet::scangen {
namespace {

constexpr double kMmPerPt = 25.4 / 72;

struct Good {
  const char* name;
  int min_cents;
  int max_cents;
  int vat_percent;
};

const std::vector<Good>& Goods() {
  static const std::vector<Good> kGoods = {
      {"CAFFE'", 110, 150, 10},           {"CAPPUCCINO", 140, 190, 10},
      {"BRIOCHE", 120, 180, 10},          {"ACQUA NAT. 0,5L", 80, 150, 10},
      {"PANINO CRUDO", 450, 650, 10},     {"GIORNALE", 150, 250, 4},
      {"PANE COMUNE KG", 280, 450, 4},    {"GRISSINI TORINESI", 250, 420, 4},
      {"LATTE INTERO 1L", 139, 189, 4},   {"POMODORI KG", 199, 349, 4},
      {"MELE GOLDEN KG", 179, 299, 4},    {"PASTA SEMOLA 500G", 89, 169, 4},
      {"OLIO EVO 1L", 699, 999, 4},       {"BISCOTTI FROLLINI", 189, 329, 10},
      {"DETERSIVO PIATTI", 149, 299, 22}, {"CARTA A4 500FF", 399, 699, 22},
      {"PENNA SFERA BLU", 80, 190, 22},   {"RACCOGLITORE A4", 250, 490, 22},
      {"NASTRO ADESIVO", 120, 290, 22},   {"VITI LEGNO 4X40", 250, 490, 22},
      {"TASSELLI 6MM", 180, 390, 22},     {"COLLA VINILICA", 290, 590, 22},
      {"PILE AA 4PZ", 399, 699, 22},      {"LAMPADINA LED E27", 299, 799, 22},
      {"GUANTI LAVORO", 350, 690, 22},    {"SACCHI RIFIUTI", 199, 399, 22},
      {"CEROTTI ASS.", 250, 490, 10},     {"SHOPPER BIO", 5, 10, 22}};
  return kGoods;
}

// Upper case as a till prints it: ASCII only, an accent as an apostrophe.
std::string Upper(const std::string& text) {
  static const std::vector<std::pair<std::string, std::string>> kAccents = {
      {"à", "A'"}, {"è", "E'"}, {"é", "E'"}, {"ì", "I'"}, {"ò", "O'"}, {"ù", "U'"}};
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool replaced = false;
    for (const auto& [accent, plain] : kAccents) {
      if (text.compare(i, accent.size(), accent) == 0) {
        out += plain;
        i += accent.size() - 1;
        replaced = true;
        break;
      }
    }
    const char c = text[i];
    if (!replaced)
      out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

// "FERRAMENTA BOSIO S.N.C.": always with a company form, as a till prints it.
std::string ShopName(Random& random) {
  static const std::vector<std::string> kTrades = {
      "BAR TABACCHI", "FERRAMENTA", "CARTOLERIA",  "ALIMENTARI", "PANETTERIA",
      "EDICOLA",      "DROGHERIA",  "PASTICCERIA", "MINIMARKET", "CASALINGHI"};
  static const std::vector<std::string> kForms = {"S.N.C.", "S.R.L.", "S.A.S.", "& C."};
  // Drawn last to first: see Random.
  const std::string& form = random.Pick(kForms);
  const std::string surname = Upper(random.Pick(Surnames()));
  return random.Pick(kTrades) + " " + surname + " " + form;
}

struct Roll {
  double width_mm;
  double margin_mm;
  double size_pt;
};

Status Header(Layout& page, const Roll& roll, const std::string& shop, Random& random) {
  const double middle = roll.width_mm / 2;
  // A large name only where it fits the roll.
  const bool large = roll.width_mm > 60 && shop.size() <= 24 && random.Chance(0.5);
  const double big = roll.size_pt * (large ? 1.25 : 1.0);
  TRAVET_RETURN_IF_ERROR(page.Line(
      {{.text = shop, .x_mm = middle, .bold = true, .mono = true, .centered = true}}, big));
  const City& city = random.Pick(Cities());
  const int house = random.Int(1, 120);  // drawn first: see Random
  const std::string street = random.Pick(StreetNames()) + " " + std::to_string(house);
  for (const std::string& line :
       {Upper(street), city.cap + " " + Upper(city.name) + " (" + city.province + ")",
        "P.IVA " + MakePartitaIva(random)}) {
    TRAVET_RETURN_IF_ERROR(
        page.Line({{.text = line, .x_mm = middle, .mono = true, .centered = true}}));
  }
  page.Skip(3);
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "DOCUMENTO COMMERCIALE",
                                     .x_mm = middle,
                                     .bold = true,
                                     .mono = true,
                                     .centered = true}}));
  return page.Line(
      {{.text = "di vendita o prestazione", .x_mm = middle, .mono = true, .centered = true}});
}

// One line of a label at the left and an amount at the right.
Status AmountLine(Layout& page, const std::string& label, const std::string& amount,
                  bool bold = false, double size_pt = 0) {
  return page.Line({{.text = label, .x_mm = page.left_mm(), .bold = bold, .mono = true},
                    {.text = amount,
                     .x_mm = page.right_mm(),
                     .right_aligned = true,
                     .bold = bold,
                     .mono = true}},
                   size_pt);
}

struct Sums {
  std::int64_t total = 0;
  std::int64_t vat = 0;
  int pieces = 0;
};

Result<Sums> WriteGoods(Layout& page, Random& random) {
  TRAVET_RETURN_IF_ERROR(AmountLine(page, "DESCRIZIONE", "PREZZO(EUR)"));
  Sums sums;
  const int count = random.Int(3, 18);
  for (int i = 0; i < count; ++i) {
    const Good& good = random.Pick(Goods());
    const int quantity = random.Chance(0.2) ? random.Int(2, 4) : 1;
    const std::int64_t price = random.Int(good.min_cents, good.max_cents);
    if (quantity > 1) {
      TRAVET_RETURN_IF_ERROR(
          page.Line({{.text = std::to_string(quantity) + " X " + FormatItalianAmount(price),
                      .x_mm = page.left_mm() + 4,
                      .mono = true}}));
    }
    const std::int64_t amount = quantity * price;
    TRAVET_RETURN_IF_ERROR(AmountLine(page, good.name, FormatItalianAmount(amount)));
    sums.total += amount;
    sums.vat += (amount * good.vat_percent * 2 + (100 + good.vat_percent)) /
                (std::int64_t{2} * (100 + good.vat_percent));
    sums.pieces += quantity;
  }
  return sums;
}

// SUBTOTALE, SCONTO, TOTALE, IVA and the payment: several lines that say
// "totale" or hold an amount, of which one is the total.
Result<std::int64_t> Totals(Layout& page, const Roll& roll, const Sums& sums, Random& random) {
  TRAVET_RETURN_IF_ERROR(AmountLine(page, "SUBTOTALE", FormatItalianAmount(sums.total)));
  std::int64_t total = sums.total;
  if (random.Chance(0.3)) {
    const std::int64_t discount = (total * random.Int(3, 10) + 50) / 100;
    TRAVET_RETURN_IF_ERROR(AmountLine(page, "SCONTO", "-" + FormatItalianAmount(discount)));
    total -= discount;
  }
  static const std::vector<std::string> kTotalLabels = {"TOTALE COMPLESSIVO", "TOTALE COMPLESSIVO",
                                                        "TOTALE EURO", "TOTALE"};
  const double size = roll.size_pt * (roll.width_mm > 60 && random.Chance(0.5) ? 1.2 : 1.0);
  TRAVET_RETURN_IF_ERROR(
      AmountLine(page, random.Pick(kTotalLabels), FormatItalianAmount(total), true, size));
  TRAVET_RETURN_IF_ERROR(AmountLine(page, "di cui IVA", FormatItalianAmount(sums.vat)));
  if (random.Chance(0.6)) {
    const std::int64_t step = total < 1000 ? 500 : total < 5000 ? 1000 : 5000;
    const std::int64_t cash = (total / step + 1) * step;
    TRAVET_RETURN_IF_ERROR(AmountLine(page, "PAGAMENTO CONTANTE", FormatItalianAmount(cash)));
    TRAVET_RETURN_IF_ERROR(AmountLine(page, "RESTO", FormatItalianAmount(cash - total)));
  } else {
    TRAVET_RETURN_IF_ERROR(AmountLine(page, "PAGAMENTO ELETTRONICO", FormatItalianAmount(total)));
  }
  TRAVET_RETURN_IF_ERROR(AmountLine(page, "IMPORTO PAGATO", FormatItalianAmount(total)));
  if (random.Chance(0.5))
    TRAVET_RETURN_IF_ERROR(AmountLine(page, "TOTALE ARTICOLI", std::to_string(sums.pieces)));
  return total;
}

Status Footer(Layout& page, const CalendarDate& date, Random& random) {
  static const std::vector<DateStyle> kStyles = {DateStyle::kDash, DateStyle::kSlash,
                                                 DateStyle::kShortYear, DateStyle::kDot};
  char time[8], number[16];
  // Drawn last to first: see Random.
  const int minute = random.Int(0, 59), hour = random.Int(7, 20);
  std::snprintf(time, sizeof time, "%02d:%02d", hour, minute);
  const int serial = random.Int(1, 300), till = random.Int(1, 400);
  std::snprintf(number, sizeof number, "%04d-%04d", till, serial);
  page.Skip(2);
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = FormatItalian(date, random.Pick(kStyles)) + " " + time,
                                     .x_mm = page.left_mm(),
                                     .mono = true}}));
  TRAVET_RETURN_IF_ERROR(
      page.Line({{.text = "DOC.N. " + std::string(number), .x_mm = page.left_mm(), .mono = true}}));
  TRAVET_RETURN_IF_ERROR(page.Line({{.text = "RT " + random.Digits(2) + "MEX" + random.Digits(6),
                                     .x_mm = page.left_mm(),
                                     .mono = true}}));
  page.Skip(3);
  return page.Line({{.text = "GRAZIE E ARRIVEDERCI",
                     .x_mm = page.right_mm() / 2 + page.left_mm() / 2,
                     .mono = true,
                     .centered = true}});
}

}  // namespace

Result<Document> MakeReceipt(Random& random, int dpi) {
  const bool wide = random.Chance(0.7);
  const Roll roll{.width_mm = wide ? 80.0 : 58.0,
                  .margin_mm = wide ? 4.0 : 3.0,
                  .size_pt = wide ? 8.5 + random.Int(0, 2) * 0.5 : 7.0 + random.Int(0, 2) * 0.5};
  Result<Layout> layout = Layout::Create({.typeface = RandomTypeface(random),
                                          .dpi = dpi,
                                          .size_pt = roll.size_pt,
                                          .margin_mm = roll.margin_mm,
                                          .width_mm = roll.width_mm,
                                          .height_mm = 1000});
  if (!layout)
    return layout.status();
  Layout& page = *layout;
  const std::string shop = ShopName(random);
  TRAVET_RETURN_IF_ERROR(Header(page, roll, shop, random));
  page.Skip(3);
  Result<Sums> sums = WriteGoods(page, random);
  if (!sums)
    return sums.status();
  Result<std::int64_t> total = Totals(page, roll, *sums, random);
  if (!total)
    return total.status();
  const CalendarDate date = RandomDate(random, 2024, 2026);
  TRAVET_RETURN_IF_ERROR(Footer(page, date, random));
  // The roll is torn off a little below the last line.
  const double length = page.y_mm() + roll.margin_mm + roll.size_pt * kMmPerPt * 2;
  Document doc{.kind = DocumentKind::kReceipt};
  doc.pages = std::move(page).TakePages();
  doc.pages.front().spec.height_mm = length;
  doc.fields["esercente"] = shop;
  doc.fields["data"] = FormatIso(date);
  doc.fields["totale"] = FormatDecimal(*total);
  return doc;
}

}  // namespace travet::scangen
